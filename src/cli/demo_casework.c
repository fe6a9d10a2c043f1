#include "cli/demo_casework.h"

#include <stddef.h>

/* How a demo case ended: the status before the ending, a reason of the final status
 * (src/core/enrolment.c), who ended it and a note that carries no health detail. */
struct demo_ending {
    enum enrolment_status status;
    const char *from;
    const char *reason;
    bool by_caseworker;
    const char *note;
};

static const struct demo_ending endings[] = {
    {ENROLMENT_COMPLETED, "aftercare", "work_or_education", false,
     "Startet i ordinært job 20 timer om ugen."},
    {ENROLMENT_WITHDRAWN, "active", "moved", true, "Flyttet til en anden kommune."},
    {ENROLMENT_EXCLUDED, "screening", "not_eligible", false, NULL},
};

static enum sp_code add_ending(struct store *st, const struct demo_casework *c, struct sp_err *err)
{
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
        const struct demo_ending *d = &endings[i];
        struct status_change change = {
            .enrolment_id = c->enrolment_id,
            .from_status = d->from,
            .to_status = core_enrolment_status_name(d->status),
            .kind = "end",
            .reason = d->reason,
            .note = d->note,
            .changed_by = d->by_caseworker ? c->caseworker : c->care_manager,
            .changed_role = d->by_caseworker ? "caseworker" : "care_manager",
            .changed_at = c->now};

        if (d->status == c->status)
            return store_status_change_add(st, &change, err);
    }
    return SP_OK;
}

/* The supervising clinician's review of one case, with a task for the caseworker written to be
 * shared with the team (docs/security-model.md): what to do, not why. */
static enum sp_code add_review(struct store *st, const struct demo_casework *c, struct sp_err *err)
{
    char date[11];
    char due[11];
    struct task task = {.owner_id = c->caseworker,
                        .text = "Book et møde med arbejdsgiveren om en gradvis tilbagevenden.",
                        .enrolment_id = c->enrolment_id,
                        .created_by = c->supervisor,
                        .created_role = "supervising_clinician",
                        .created_at = c->now};
    struct case_review review = {.enrolment_id = c->enrolment_id,
                                 .recommendation = "Fortsæt KAT; tilføj adfærdsaktivering og "
                                                   "gentag PHQ-9 om to uger.",
                                 .flags = "",
                                 .reviewer_id = c->supervisor,
                                 .recorded_at = c->now,
                                 .task = &task};

    core_date_format(core_date_from_days(core_date_to_days(c->today) - 1), date);
    core_date_format(core_date_from_days(core_date_to_days(c->today) + 7), due);
    review.date = date;
    task.due = due;
    return store_case_review_add(st, &review, err);
}

enum sp_code demo_casework_add(struct store *st, const struct demo_casework *c, struct sp_err *err)
{
    bool in_treatment = c->status == ENROLMENT_ACTIVE || c->status == ENROLMENT_AFTERCARE;
    enum sp_code rc = SP_OK;

    /* Every other case in treatment has the team's therapist too (the first to work on a case
     * in a role is its assignee). */
    if (in_treatment && c->index % 2 == 0 && c->therapist > 0)
        rc = store_enrolment_member_add(st, c->enrolment_id, c->therapist, "therapist", err);
    if (rc == SP_OK && core_enrolment_status_final(c->status))
        rc = add_ending(st, c, err);
    /* The first active case of the showcase team (stage 2 of src/cli/demo.c). */
    if (rc == SP_OK && c->showcase && c->index == 2 && c->supervisor > 0)
        rc = add_review(st, c, err);
    return rc;
}
