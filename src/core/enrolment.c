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

bool core_enrolment_in_treatment(enum enrolment_status status)
{
    return status == ENROLMENT_ACTIVE || status == ENROLMENT_AFTERCARE;
}

unsigned core_enrolment_open_statuses(void)
{
    unsigned set = 0;

    for (int s = 0; s < ENROLMENT__COUNT; s++)
        if (!core_enrolment_status_final((enum enrolment_status)s))
            set |= 1u << s;
    return set;
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

/* A NULL-terminated list of codes per final status (enum order). */
static const char *const completed_reasons[] = {"goal_reached", "planned_end", "work_or_education",
                                                "other", NULL};
static const char *const withdrawn_reasons[] = {"citizen_choice", "moved", "no_contact",
                                                "other_offer",    "other", NULL};
static const char *const excluded_reasons[] = {"not_eligible", "referred_elsewhere",
                                               "registered_in_error", "other", NULL};
static const char *const no_reasons[] = {NULL};
static const char *const reopen_reasons[] = {"ended_by_mistake", "wrong_status", "other", NULL};

static bool listed(const char *const *list, const char *code)
{
    for (size_t i = 0; code != NULL && list[i] != NULL; i++)
        if (strcmp(list[i], code) == 0)
            return true;
    return false;
}

const char *const *core_enrolment_end_reasons(enum enrolment_status to)
{
    switch (to) {
    case ENROLMENT_COMPLETED:
        return completed_reasons;
    case ENROLMENT_WITHDRAWN:
        return withdrawn_reasons;
    case ENROLMENT_EXCLUDED:
        return excluded_reasons;
    default:
        return no_reasons;
    }
}

bool core_enrolment_end_reason_valid(enum enrolment_status to, const char *reason)
{
    return listed(core_enrolment_end_reasons(to), reason);
}

const char *const *core_enrolment_reopen_reasons(void)
{
    return reopen_reasons;
}

bool core_enrolment_reopen_reason_valid(const char *reason)
{
    return listed(reopen_reasons, reason);
}

bool core_enrolment_reason_needs_note(const char *reason)
{
    return reason != NULL && strcmp(reason, "other") == 0;
}

bool core_enrolment_can_reopen(enum enrolment_status ended, enum enrolment_status previous)
{
    return (unsigned)ended < ENROLMENT__COUNT && (unsigned)previous < ENROLMENT__COUNT &&
           core_enrolment_status_final(ended) && !core_enrolment_status_final(previous);
}

const char *const core_assignment_roles[CORE_ASSIGNMENT_ROLE_COUNT] = {
    "care_manager", "therapist", "caseworker", "job_consultant", "resource_consultant"};

bool core_assignment_role_valid(const char *role)
{
    for (size_t i = 0; role != NULL && i < CORE_ASSIGNMENT_ROLE_COUNT; i++)
        if (strcmp(core_assignment_roles[i], role) == 0)
            return true;
    return false;
}
