#include "cli/demo_treatment.h"

#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/instrument.h"

/* A course: PHQ-9 and GAD-7 totals at the start and at the latest measurement, item 9 of the
 * latest PHQ-9, and what went missing lately (measurements, contacts). Totals in between are
 * drawn on the straight line. */
struct course {
    int phq9_from, phq9_to;
    int gad7_from, gad7_to;
    int last_item9;
    int stop_measuring_days; /* > 0: no PHQ-9/GAD-7 in the last this many days */
    int stop_contact_days;   /* > 0: no session in the last this many days */
};

static const struct course courses[] = {
    {16, 7, 13, 6, 0, 0, 0},   /* responding: ≥ 50 % fewer symptoms */
    {15, 14, 12, 11, 0, 0, 0}, /* not improving after 10 weeks */
    {14, 12, 11, 10, 1, 0, 0}, /* thoughts of self-harm at the latest PHQ-9 */
    {12, 3, 10, 3, 0, 0, 0},   /* remitting */
    {11, 18, 9, 14, 0, 0, 0},  /* deteriorating */
    {13, 9, 10, 8, 0, 35, 0},  /* measurements stopped five weeks ago */
    {12, 8, 11, 7, 0, 0, 21},  /* no contact for three weeks */
};

static struct core_date plus_days(struct core_date d, int days)
{
    return core_date_from_days(core_date_to_days(d) + days);
}

/* Answers adding up to total, each 0..3, item 9 (PHQ-9) fixed at item9 and counted in. */
static void spread(int total, int count, int item9, int *answers)
{
    int left = total - (item9 > 0 ? item9 : 0);

    for (int i = 0; i < count; i++)
        answers[i] = 0;
    if (item9 > 0)
        answers[count - 1] = item9;
    for (int round = 0; left > 0 && round < 3; round++)
        for (int i = 0; i < count - (item9 >= 0 ? 1 : 0) && left > 0; i++, left--)
            answers[i]++;
}

static enum sp_code add_assessment(struct store *st, const struct demo_course *c,
                                   const char *instrument, const char *occasion,
                                   struct core_date date, int total, int item9,
                                   struct sp_arena *arena, struct sp_err *err)
{
    const struct core_instrument *ins = core_instrument_find(instrument);
    int answers[CORE_ANSWERS_MAX];
    int count = (int)ins->item_count;
    char text[64];
    char day[11];
    size_t used = 0;
    struct core_score score;
    struct assessment a = {0};
    enum sp_code rc;

    spread(total, count, strcmp(instrument, "phq9") == 0 ? item9 : -1, answers);
    for (int i = 0; i < count; i++)
        used +=
            (size_t)snprintf(text + used, sizeof text - used, "%s%d", i ? "," : "[", answers[i]);
    snprintf(text + used, sizeof text - used, "]");
    rc = core_instrument_score(ins, answers, (size_t)count, &score, err);
    if (rc != SP_OK)
        return rc;
    core_date_format(date, day);
    a.enrolment_id = c->enrolment_id;
    a.instrument = instrument;
    a.occasion = occasion;
    a.date = day;
    a.answers = text;
    a.administered_by = c->clinician;
    a.recorded_at = c->now;
    rc = api_assessment_set_score(arena, &score, &a, err);
    return rc == SP_OK ? store_assessment_add(st, &a, err) : rc;
}

static enum sp_code add_screening(struct store *st, const struct demo_course *c,
                                  const struct course *k, struct core_date day,
                                  struct sp_arena *arena, struct sp_err *err)
{
    enum sp_code rc = add_assessment(st, c, "phq9", "screening", day, k->phq9_from, 0, arena, err);

    if (rc == SP_OK)
        rc = add_assessment(st, c, "gad7", "screening", day, k->gad7_from, 0, arena, err);
    if (rc == SP_OK && c->status != ENROLMENT_SCREENING && c->status != ENROLMENT_EXCLUDED) {
        char date[11];
        struct eligibility_decision d = {.enrolment_id = c->enrolment_id,
                                         .suggestion = "eligible",
                                         .reasons = "",
                                         .decision = "eligible",
                                         .why = "Depressive symptomer; ønsker at komme i job.",
                                         .decided_by = c->clinician,
                                         .recorded_at = c->now};

        core_date_format(day, date);
        d.date = date;
        rc = store_eligibility_add(st, &d, err);
    }
    return rc;
}

static enum sp_code add_plan(struct store *st, const struct demo_course *c, struct core_date start,
                             struct sp_err *err)
{
    char day[11];
    char aftercare[11];
    struct treatment_plan p = {.enrolment_id = c->enrolment_id,
                               .focus = "Nedsat stemningsleje og bekymring for at komme i job",
                               .modality = "cbt",
                               .target = "PHQ-9 under 10 og ordinært job eller uddannelse",
                               .updated_by = c->clinician,
                               .updated_at = c->now};

    core_date_format(start, day);
    p.start_date = day;
    if (c->status == ENROLMENT_AFTERCARE || c->status == ENROLMENT_COMPLETED) {
        core_date_format(plus_days(start, 16 * 7), aftercare);
        p.aftercare_from = aftercare;
    }
    return store_plan_put(st, &p, 0, err);
}

/* Sessions and measurements every two weeks from start until today, as the course says. */
static enum sp_code add_treatment(struct store *st, const struct demo_course *c,
                                  const struct course *k, struct core_date start,
                                  struct sp_arena *arena, struct sp_err *err)
{
    int64_t days = core_date_to_days(c->today) - core_date_to_days(start);
    int steps = (int)(days / 14);
    int last_measure = steps;
    enum sp_code rc = SP_OK;

    while (last_measure > 0 && (steps - last_measure) * 14 < k->stop_measuring_days)
        last_measure--;
    for (int s = 1; rc == SP_OK && s <= steps && s <= 12; s++) {
        struct core_date day = plus_days(start, s * 14);
        int64_t ago = core_date_to_days(c->today) - core_date_to_days(day);
        struct treatment_session session = {.enrolment_id = c->enrolment_id,
                                            .kind = s % 3 == 0 ? "walk_and_talk" : "individual",
                                            .duration_min = 50,
                                            .note = "Ugens aktiviteter og søvn gennemgået.",
                                            .recorded_by = c->clinician,
                                            .recorded_at = c->now};
        char date[11];

        core_date_format(day, date);
        session.date = date;
        if (k->stop_contact_days == 0 || ago >= k->stop_contact_days)
            rc = store_treatment_session_add(st, &session, err);
        if (rc == SP_OK && s <= last_measure) {
            int last = last_measure < 12 ? last_measure : 12;
            int phq9 = k->phq9_from + (k->phq9_to - k->phq9_from) * s / last;
            int gad7 = k->gad7_from + (k->gad7_to - k->gad7_from) * s / last;

            rc = add_assessment(st, c, "phq9", "treatment", day, phq9,
                                s == last ? k->last_item9 : 0, arena, err);
            if (rc == SP_OK)
                rc = add_assessment(st, c, "gad7", "treatment", day, gad7, 0, arena, err);
        }
    }
    return rc;
}

/* Those in aftercare or done answered the follow-up questionnaires 3 and 6 months after start
 * (when that day has come); the active ones are left with theirs due. */
static enum sp_code add_followups(struct store *st, const struct demo_course *c,
                                  const struct course *k, struct core_date start,
                                  struct sp_arena *arena, struct sp_err *err)
{
    static const int months[] = {3, 6};
    enum sp_code rc = SP_OK;

    if (c->status != ENROLMENT_AFTERCARE && c->status != ENROLMENT_COMPLETED)
        return SP_OK;
    for (size_t i = 0; rc == SP_OK && i < sizeof months / sizeof months[0]; i++) {
        struct core_date day = core_date_add_months(start, months[i]);

        if (core_date_cmp(day, c->today) > 0)
            break;
        rc = add_assessment(st, c, "phq9", "followup", day, k->phq9_to, 0, arena, err);
        if (rc == SP_OK)
            rc = add_assessment(st, c, "gad7", "followup", day, k->gad7_to, 0, arena, err);
    }
    return rc;
}

enum sp_code demo_treatment_add(struct store *st, const struct demo_course *c, struct sp_err *err)
{
    const struct course *k = &courses[(size_t)c->pattern % (sizeof courses / sizeof courses[0])];
    struct core_date screened = plus_days(c->referral, 3);
    struct core_date start = plus_days(c->referral, 14);
    struct sp_arena *arena = sp_arena_new();
    enum sp_code rc = SP_OK;

    if (c->status == ENROLMENT_REFERRED || c->status == ENROLMENT_WITHDRAWN)
        goto out;
    if (core_date_cmp(screened, c->today) > 0)
        screened = c->today;
    rc = add_screening(st, c, k, screened, arena, err);
    if (rc != SP_OK || c->status == ENROLMENT_SCREENING || c->status == ENROLMENT_EXCLUDED)
        goto out;
    if (core_date_cmp(start, c->today) > 0)
        start = c->today;
    rc = add_plan(st, c, start, err);
    if (rc == SP_OK)
        rc = add_treatment(st, c, k, start, arena, err);
    if (rc == SP_OK)
        rc = add_followups(st, c, k, start, arena, err);
out:
    sp_arena_free(arena);
    return rc;
}
