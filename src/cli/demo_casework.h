/* The demo's case work (issue 9): a therapist assigned to some cases in treatment, how each
 * ended case ended (a reason in the status history), and on the showcase team a case review
 * whose task goes to the team's caseworker. Synthetic. */
#ifndef SP_CLI_DEMO_CASEWORK_H
#define SP_CLI_DEMO_CASEWORK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/enrolment.h"
#include "store/store.h"

struct demo_casework {
    int64_t enrolment_id;
    enum enrolment_status status;
    struct core_date today;
    const char *now;
    int index; /* the person's place on the team: which cases get what */
    int64_t care_manager;
    int64_t therapist;
    int64_t caseworker;
    int64_t supervisor;
    bool showcase; /* the team whose case review hands the caseworker a task */
};

/* Write one enrolment's case work inside the caller's write transaction. */
enum sp_code demo_casework_add(struct store *st, const struct demo_casework *c, struct sp_err *err);

#endif
