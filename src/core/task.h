/* Tasks for a named member of a citizen's team (docs/api-contract.md "Tasks"). Pure: today is
 * passed in. */
#ifndef SP_CORE_TASK_H
#define SP_CORE_TASK_H

#include <stdbool.h>

#include "core/date.h"

/* Is a task overdue on `today` (Denmark's calendar)? Open and due before today
 * (docs/api-contract.md "Tasks"): a task due today can still be done today, a task without a due
 * date (due NULL) has no deadline to miss, and a done task is not overdue however late it was
 * done. */
bool core_task_overdue(bool done, const struct core_date *due, struct core_date today);

#endif
