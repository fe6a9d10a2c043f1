/* The task rules of core/task.h. */
#include "core/task.h"

#include <stddef.h>

bool core_task_overdue(bool done, const struct core_date *due, struct core_date today)
{
    return !done && due != NULL && core_date_cmp(*due, today) < 0;
}
