/* Tasks of the joint plan (docs/api-contract.md "Tasks"): who may own one, who may mark it done,
 * and when it is overdue. Pure: today and the caller are passed in. */
#ifndef SP_CORE_TASK_H
#define SP_CORE_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

/* The kinds of owner a task has (issue 11, "Tasks": the young person or a named team member of
 * either sector): "member" and "young_person", NULL-terminated. A member's task names its owner;
 * the young person's names nobody. */
extern const char *const core_task_owner_kinds[];
#define CORE_TASK_OWNER_MEMBER "member"
#define CORE_TASK_OWNER_YOUNG_PERSON "young_person"
/* A task's text, as a case review's task has always taken it. */
#define CORE_TASK_TEXT_MAX 2000

bool core_task_owner_kind_valid(const char *kind);

/* May the team member `caller_id` mark a task done or open again? A member's task only its owner
 * (owner_id) — what they promised is theirs to report; the young person's task any member of the
 * team (caller_on_team), who records it on the young person's behalf: there is no young person's
 * login. An unknown owner_kind: nobody. */
bool core_task_may_mark(const char *owner_kind, int64_t owner_id, int64_t caller_id,
                        bool caller_on_team);

/* Is a task overdue on `today` (Denmark's calendar)? Open and due before today
 * (docs/api-contract.md "Tasks"): a task due today can still be done today, a task without a due
 * date (due NULL) has no deadline to miss, and a done task is not overdue however late it was
 * done. */
bool core_task_overdue(bool done, const struct core_date *due, struct core_date today);

#endif
