#include "core/enrolment.h"

#include <string.h>

static const char *const status_names[ENROLMENT__COUNT] = {
    [ENROLMENT_REFERRED] = "referred",   [ENROLMENT_SCREENING] = "screening",
    [ENROLMENT_ACTIVE] = "active",       [ENROLMENT_AFTERCARE] = "aftercare",
    [ENROLMENT_COMPLETED] = "completed", [ENROLMENT_WITHDRAWN] = "withdrawn",
    [ENROLMENT_EXCLUDED] = "excluded",
};

bool core_enrolment_status_from(const char *name, enum enrolment_status *out)
{
    for (int i = 0; i < ENROLMENT__COUNT; i++) {
        if (strcmp(name, status_names[i]) == 0) {
            *out = (enum enrolment_status)i;
            return true;
        }
    }
    return false;
}

const char *core_enrolment_status_name(enum enrolment_status status)
{
    if ((unsigned)status >= ENROLMENT__COUNT)
        return "unknown";
    return status_names[status];
}

bool core_enrolment_status_final(enum enrolment_status status)
{
    return status == ENROLMENT_COMPLETED || status == ENROLMENT_WITHDRAWN ||
           status == ENROLMENT_EXCLUDED;
}

bool core_enrolment_can_move(enum enrolment_status from, enum enrolment_status to)
{
    if (from == to || core_enrolment_status_final(from))
        return false;
    if (to == ENROLMENT_WITHDRAWN || to == ENROLMENT_EXCLUDED)
        return true;
    if (from == ENROLMENT_ACTIVE && to == ENROLMENT_COMPLETED)
        return true; /* not every programme has an aftercare phase */
    return (int)to == (int)from + 1;
}
