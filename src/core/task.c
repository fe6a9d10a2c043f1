/* The task rules of core/task.h. */
#include "core/task.h"

#include <stddef.h>
#include <string.h>

const char *const core_task_owner_kinds[] = {CORE_TASK_OWNER_MEMBER, CORE_TASK_OWNER_YOUNG_PERSON,
                                             NULL};

bool core_task_owner_kind_valid(const char *kind)
{
    for (size_t i = 0; kind != NULL && core_task_owner_kinds[i] != NULL; i++)
        if (strcmp(kind, core_task_owner_kinds[i]) == 0)
            return true;
    return false;
}

bool core_task_may_mark(const char *owner_kind, int64_t owner_id, int64_t caller_id,
                        bool caller_on_team)
{
    if (owner_kind == NULL)
        return false;
    if (strcmp(owner_kind, CORE_TASK_OWNER_YOUNG_PERSON) == 0)
        return caller_on_team;
    return strcmp(owner_kind, CORE_TASK_OWNER_MEMBER) == 0 && owner_id > 0 && owner_id == caller_id;
}

bool core_task_overdue(bool done, const struct core_date *due, struct core_date today)
{
    return !done && due != NULL && core_date_cmp(*due, today) < 0;
}
