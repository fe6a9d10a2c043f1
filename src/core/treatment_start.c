/* The treatment start of core/treatment_start.h. The rules are docs/api-contract.md's
 * ("Caseload": treatment_start; "Follow-ups"); the reasons for their edges are given below. */
#include "core/treatment_start.h"

#include <stddef.h>

static bool known(const struct core_date *d, struct core_date *start)
{
    if (d == NULL)
        return false;
    *start = *d;
    return true;
}

static bool unknown(struct core_date *start)
{
    *start = (struct core_date){0, 0, 0};
    return false;
}

/* The plan's start_date is the start a clinician recorded. Without a plan the caseload has only
 * the enrolment's last status change: it reads no status history (store_caseload), and the
 * contract names no status condition, so a referral or screening without a plan counts from the
 * day it got that status. A plan may start up to 24 months ahead (core/date_bounds.h), but
 * core_caseload_evaluate refuses a start after today and a row it refuses is shown without
 * flags; counting from today keeps the row evaluated (its safety flag above all) with 0 weeks in
 * treatment and a contact gap of 0, so nobody is overdue before treatment begins. */
bool core_treatment_start_caseload(const struct core_date *plan_start,
                                   const struct core_date *status_changed, struct core_date today,
                                   struct core_date *start)
{
    if (!known(plan_start, start) && !known(status_changed, start))
        return unknown(start);
    if (core_date_cmp(*start, today) > 0)
        *start = today;
    return true;
}

/* The first move to active is when treatment began; the status history that records it exists
 * since migration 0010, so an older enrolment may have none. While in treatment its last status
 * change is then the nearest date known (the move to active, or later to aftercare); after an
 * ending that change is the ending, and before treatment there is no start, so neither has a
 * schedule (core_followup_applies lists none before treatment). A future plan start is kept: the
 * schedule's points are then all upcoming, which core_followup_evaluate allows. */
bool core_treatment_start_followups(enum enrolment_status status,
                                    const struct core_date *plan_start,
                                    const struct core_date *first_active,
                                    const struct core_date *status_changed, struct core_date *start)
{
    if (known(plan_start, start) || known(first_active, start))
        return true;
    if (core_enrolment_in_treatment(status) && known(status_changed, start))
        return true;
    return unknown(start);
}
