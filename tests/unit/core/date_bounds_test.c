/* core/date_bounds: each kind of date against its bounds, one row per bound on each side. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/date_bounds.h"

/* One person and one course, fixed: born 2005-06-10, referred 2025-09-01 to a project that
 * started 2025-01-01; a plan (or a project period) starting 2026-04-01; today 2026-03-15. The
 * last dates allowed ahead were computed with GNU coreutils 9.1, not with this code:
 * `date -u -d "2026-03-15 +24 months" +%F` = 2028-03-15 (treatment plans, 24 months) and
 * `date -u -d "2026-03-15 +120 months" +%F` = 2036-03-15 (project periods, 10 years);
 * `date -u -d "2026-04-01 +1 day" +%F` = 2026-04-02 (a period ends after it starts);
 * `date -u -d "2026-03-15 +12 months" +%F` = 2027-03-15 (an employer contact's next step). */
static const struct core_date today = {2026, 3, 15};
static const struct core_date birth = {2005, 6, 10};
static const struct core_date referral = {2025, 9, 1};
static const struct core_date project_start = {2025, 1, 1};
static const struct core_date start = {2026, 4, 1};

#define OK SP_R__COUNT /* in the table: the date is accepted */

static const struct {
    enum core_date_kind kind;
    struct core_date date;
    enum sp_reason reason; /* OK, or the reason refused */
    const char *earliest;  /* the parameter sent, or NULL for none */
    const char *latest;
} rows[] = {
    /* A referral: not before birth or the project's start, not in the future. */
    {DATE_KIND_REFERRAL, {1800, 1, 1}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_REFERRAL, {2005, 6, 9}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_REFERRAL, {2024, 12, 31}, SP_R_DATE_BEFORE_PROJECT_START, "2025-01-01", NULL},
    {DATE_KIND_REFERRAL, {2025, 1, 1}, OK, NULL, NULL},
    {DATE_KIND_REFERRAL, {2026, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_REFERRAL, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    /* A consent: the person's own act, bounded by birth and today only. */
    {DATE_KIND_CONSENT, {1800, 1, 1}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_CONSENT, {2005, 6, 10}, OK, NULL, NULL},
    {DATE_KIND_CONSENT, {2025, 8, 31}, OK, NULL, NULL},
    {DATE_KIND_CONSENT, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    /* What happens in the course: birth, then referral, then today. */
    {DATE_KIND_ASSESSMENT, {1800, 1, 1}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_ASSESSMENT, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_ASSESSMENT, {2025, 9, 1}, OK, NULL, NULL},
    {DATE_KIND_ASSESSMENT, {2026, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_ASSESSMENT, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    {DATE_KIND_ASSESSMENT, {9999, 12, 31}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    {DATE_KIND_ELIGIBILITY, {2005, 6, 9}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_ELIGIBILITY, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_ELIGIBILITY, {2025, 9, 1}, OK, NULL, NULL},
    {DATE_KIND_ELIGIBILITY, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    {DATE_KIND_SESSION, {1800, 1, 1}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_SESSION, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_SESSION, {2026, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_SESSION, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    {DATE_KIND_SAFETY_FOLLOWUP, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_SAFETY_FOLLOWUP, {2025, 9, 1}, OK, NULL, NULL},
    {DATE_KIND_SAFETY_FOLLOWUP, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    {DATE_KIND_CASE_REVIEW, {1800, 1, 1}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_CASE_REVIEW, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_CASE_REVIEW, {2026, 1, 20}, OK, NULL, NULL},
    {DATE_KIND_CASE_REVIEW, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    /* Planned dates: the future is allowed, up to 24 months ahead. */
    {DATE_KIND_TASK_DUE, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_TASK_DUE, {2026, 3, 16}, OK, NULL, NULL},
    {DATE_KIND_TASK_DUE, {2028, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_TASK_DUE, {2028, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2028-03-15"},
    {DATE_KIND_GOAL_DUE, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_GOAL_DUE, {2025, 9, 1}, OK, NULL, NULL},
    {DATE_KIND_GOAL_DUE, {2028, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_GOAL_DUE, {2028, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2028-03-15"},
    {DATE_KIND_PLAN_START, {1800, 1, 1}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_PLAN_START, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_PLAN_START, {2025, 9, 1}, OK, NULL, NULL},
    {DATE_KIND_PLAN_START, {2026, 6, 1}, OK, NULL, NULL},
    {DATE_KIND_PLAN_START, {2028, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2028-03-15"},
    {DATE_KIND_AFTERCARE_FROM, {2026, 3, 31}, SP_R_DATE_BEFORE_START, "2026-04-01", NULL},
    {DATE_KIND_AFTERCARE_FROM, {2026, 4, 1}, OK, NULL, NULL},
    {DATE_KIND_AFTERCARE_FROM, {2028, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_AFTERCARE_FROM, {2028, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2028-03-15"},
    {DATE_KIND_AFTERCARE_FROM, {9999, 12, 31}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2028-03-15"},
    /* A project's period: up to 10 years ahead, the end after the start. */
    {DATE_KIND_PROJECT_START, {1990, 1, 1}, OK, NULL, NULL},
    {DATE_KIND_PROJECT_START, {2036, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_PROJECT_START, {2036, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2036-03-15"},
    {DATE_KIND_PROJECT_END, {2026, 4, 1}, SP_R_DATE_BEFORE_START, "2026-04-02", NULL},
    {DATE_KIND_PROJECT_END, {2026, 4, 2}, OK, NULL, NULL},
    {DATE_KIND_PROJECT_END, {2036, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_PROJECT_END, {2036, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2036-03-15"},
    {DATE_KIND_PROJECT_END, {9999, 12, 31}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2036-03-15"},
    /* An employer contact: about no one necessarily, so only today bounds it. */
    {DATE_KIND_EMPLOYER_CONTACT, {2000, 1, 1}, OK, NULL, NULL},
    {DATE_KIND_EMPLOYER_CONTACT, {2026, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_EMPLOYER_CONTACT, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    /* Its next step: on or after the contact (start), at most 12 months ahead. */
    {DATE_KIND_NEXT_STEP, {2026, 3, 31}, SP_R_DATE_BEFORE_START, "2026-04-01", NULL},
    {DATE_KIND_NEXT_STEP, {2026, 4, 1}, OK, NULL, NULL},
    {DATE_KIND_NEXT_STEP, {2027, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_NEXT_STEP, {2027, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2027-03-15"},
    /* An episode: it may have begun before the referral (a job the person came with), and be
     * agreed up to 12 months ahead; its end has happened. */
    {DATE_KIND_EPISODE_START, {2005, 6, 9}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_EPISODE_START, {2024, 1, 1}, OK, NULL, NULL},
    {DATE_KIND_EPISODE_START, {2027, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_EPISODE_START, {2027, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2027-03-15"},
    {DATE_KIND_EPISODE_END, {2005, 6, 9}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_EPISODE_END, {2024, 1, 1}, OK, NULL, NULL},
    {DATE_KIND_EPISODE_END, {2026, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_EPISODE_END, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    /* A follow-along contact: the programme's work, from the referral to today. */
    {DATE_KIND_FOLLOW_ALONG, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_FOLLOW_ALONG, {2025, 9, 1}, OK, NULL, NULL},
    {DATE_KIND_FOLLOW_ALONG, {2026, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_FOLLOW_ALONG, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    /* A meeting with the young person (or a team note): birth, then referral, then today. */
    {DATE_KIND_MEETING, {2005, 6, 9}, SP_R_DATE_BEFORE_BIRTH, NULL, NULL},
    {DATE_KIND_MEETING, {2025, 8, 31}, SP_R_DATE_BEFORE_REFERRAL, NULL, NULL},
    {DATE_KIND_MEETING, {2025, 9, 1}, OK, NULL, NULL},
    {DATE_KIND_MEETING, {2026, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_MEETING, {2026, 3, 16}, SP_R_DATE_IN_FUTURE, NULL, "2026-03-15"},
    /* A group session: no one's record bounds it; planned at most 12 months ahead. */
    {DATE_KIND_GROUP_SESSION, {2000, 1, 1}, OK, NULL, NULL},
    {DATE_KIND_GROUP_SESSION, {2027, 3, 15}, OK, NULL, NULL},
    {DATE_KIND_GROUP_SESSION, {2027, 3, 16}, SP_R_DATE_TOO_FAR_AHEAD, NULL, "2027-03-15"},
};

static void param_matches(size_t row, const char *what, bool sent, const char *got,
                          const char *want)
{
    if (want == NULL && sent)
        fail_msg("row %zu: %s %s sent, expected none", row, what, got);
    if (want != NULL && (!sent || strcmp(got, want) != 0))
        fail_msg("row %zu: %s %s, expected %s", row, what, sent ? got : "(none)", want);
}

static void every_kind_keeps_its_bounds(void **state)
{
    const struct core_date_facts facts = {.today = today,
                                          .birth = &birth,
                                          .referral = &referral,
                                          .project_start = &project_start,
                                          .start = &start};

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sp_err err;
        enum sp_code rc;

        memset(&err, 0, sizeof err);
        rc = core_date_check(rows[i].kind, rows[i].date, &facts, "/date", &err);
        if (rows[i].reason == OK) {
            if (rc != SP_OK)
                fail_msg("row %zu: refused (%s), expected accepted", i,
                         sp_reason_info(err.reason)->name);
            continue;
        }
        if (rc != SP_INVALID || err.code != SP_INVALID)
            fail_msg("row %zu: code %d, expected invalid", i, (int)rc);
        if (err.reason != rows[i].reason)
            fail_msg("row %zu: reason %s, expected %s", i, sp_reason_info(err.reason)->name,
                     sp_reason_info(rows[i].reason)->name);
        assert_string_equal(err.field, "/date");
        param_matches(i, "earliest", (err.params & SP_P_EARLIEST) != 0, err.earliest,
                      rows[i].earliest);
        param_matches(i, "latest", (err.params & SP_P_LATEST) != 0, err.latest, rows[i].latest);
    }
}

/* Every kind has a row above that accepts and one that refuses, so no kind goes untested. */
static void every_kind_has_rows(void **state)
{
    (void)state;
    for (int k = 0; k < DATE_KIND__COUNT; k++) {
        bool accepted = false;
        bool refused = false;

        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            if (rows[i].kind != (enum core_date_kind)k)
                continue;
            accepted = accepted || rows[i].reason == OK;
            refused = refused || rows[i].reason != OK;
        }
        if (!accepted || !refused)
            fail_msg("kind %d: rows accepted %d, refused %d", k, accepted, refused);
    }
}

/* A bound the rule needs but the caller did not give is a bug, not a date let through. */
static void a_missing_bound_is_internal(void **state)
{
    const struct core_date_facts no_referral = {.today = today, .birth = &birth};
    const struct core_date_facts no_start = {.today = today};
    struct sp_err err;

    (void)state;
    assert_int_equal(core_date_check(DATE_KIND_SESSION, (struct core_date){1800, 1, 1},
                                     &no_referral, "/date", &err),
                     SP_INTERNAL);
    assert_int_equal(core_date_check(DATE_KIND_PROJECT_END, (struct core_date){9999, 12, 31},
                                     &no_start, "/period_end", &err),
                     SP_INTERNAL);
    assert_int_equal(core_date_check(DATE_KIND__COUNT, today, &no_start, "/date", &err),
                     SP_INTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_keeps_its_bounds),
        cmocka_unit_test(every_kind_has_rows),
        cmocka_unit_test(a_missing_bound_is_internal),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
