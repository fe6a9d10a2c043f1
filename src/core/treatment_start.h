/* When an enrolment's treatment started, from the dates its records hold. Two lists count from
 * it and each has its own rule, as docs/api-contract.md defines them: the caseload ("Caseload":
 * weeks in treatment; no_contact and measurement_overdue until a contact or score after it;
 * followup_due) and the follow-up list ("Follow-ups": the schedule's points). They differ
 * where an enrolment without a plan has moved on from active: the caseload counts from its last
 * status change (e.g. the move to aftercare), the follow-up list from its first move to active.
 * Pure: no clock, no I/O; today is passed in. A date argument is NULL when the record has none. */
#ifndef SP_CORE_TREATMENT_START_H
#define SP_CORE_TREATMENT_START_H

#include <stdbool.h>

#include "core/date.h"
#include "core/enrolment.h"

/* The caseload's treatment start: the plan's start_date; else the day the status last changed
 * (for an active enrolment without a plan, the day it became active), in any status. A start
 * after today counts from today. True and *start set; false (and *start zeroed) when neither
 * date is known. */
bool core_treatment_start_caseload(const struct core_date *plan_start,
                                   const struct core_date *status_changed, struct core_date today,
                                   struct core_date *start);

/* The follow-up schedule's treatment start: the plan's start_date; else the first recorded move
 * to active; else, while in treatment (active, aftercare), the day the status last changed. A
 * start after today is kept (every point is then upcoming). True and *start set; false (and
 * *start zeroed) when none applies: an enrolment that ended or has not begun without a plan or a
 * recorded move to active has no known start. */
bool core_treatment_start_followups(enum enrolment_status status,
                                    const struct core_date *plan_start,
                                    const struct core_date *first_active,
                                    const struct core_date *status_changed,
                                    struct core_date *start);

#endif
