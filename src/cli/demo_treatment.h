/* The demo's treatment track: screening, eligibility decisions, plans, sessions and repeated
 * PHQ-9/GAD-7 along a few typical courses (responding, not improving, remitting, deteriorating,
 * a positive item 9), so that the caseload and case review show every flag. Synthetic. */
#ifndef SP_CLI_DEMO_TREATMENT_H
#define SP_CLI_DEMO_TREATMENT_H

#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/enrolment.h"
#include "store/store.h"

struct demo_course {
    int64_t enrolment_id;
    enum enrolment_status status;
    struct core_date referral;
    struct core_date today;
    const char *now;
    int64_t clinician; /* the care manager who screens, treats and records */
    int pattern;       /* which course: any integer, taken modulo the number of courses */
};

/* Write one enrolment's treatment records inside the caller's write transaction. */
enum sp_code demo_treatment_add(struct store *st, const struct demo_course *c, struct sp_err *err);

#endif
