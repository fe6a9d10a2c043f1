/* core/treatment_start: the caseload's and the follow-up list's treatment start, every source of
 * the date, both sides of "after today", every status, and where the two rules differ. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>

#include "core/treatment_start.h"

/* Sources for the expected values (never this module's output):
 * [CASELOAD] docs/api-contract.md "Caseload": treatment_start is the plan's start date, else the
 *   day the status last changed, null when neither is known; a plan starting after today counts
 *   from today. No status is named: the rule is the same in every status.
 * [FOLLOWUPS] docs/api-contract.md "Follow-ups": the plan's start date, else the first recorded
 *   move to active, else while in treatment (active, aftercare) the day the status last changed;
 *   an ended enrolment with none of these has no start. No clamp to today is named.
 * Dates are chosen by hand so that each source gives a different answer: a plan start
 * 2026-02-01, the first move to active 2026-01-05, the last status change 2026-02-20, today
 * 2026-03-10 unless a row says otherwise. */

/* clang-format off */
#define NO_DATE {0, 0, 0} /* the record has no such date */
#define PLAN {2026, 2, 1}
#define FIRST_ACTIVE {2026, 1, 5}
#define CHANGED {2026, 2, 20}
/* clang-format on */

#define REF ENROLMENT_REFERRED
#define SCR ENROLMENT_SCREENING
#define ACT ENROLMENT_ACTIVE
#define AFT ENROLMENT_AFTERCARE
#define COM ENROLMENT_COMPLETED
#define WIT ENROLMENT_WITHDRAWN
#define EXC ENROLMENT_EXCLUDED

static const struct core_date today = {2026, 3, 10};

static bool given(struct core_date d)
{
    return d.year != 0;
}

static const struct core_date *ptr(const struct core_date *d)
{
    return given(*d) ? d : NULL;
}

static bool same_day(struct core_date a, struct core_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* A row's outcome against its expected start (NO_DATE: none, and *start zeroed). */
static void check(const char *name, bool has, struct core_date got, struct core_date expected)
{
    if (has != given(expected))
        fail_msg("%s: a start %s", name, has ? "where none is known" : "is missing");
    if (!same_day(got, expected))
        fail_msg("%s: %04d-%02d-%02d, expected %04d-%02d-%02d", name, got.year, got.month, got.day,
                 expected.year, expected.month, expected.day);
}

static void caseload_start(void **state)
{
    static const struct {
        const char *name;
        struct core_date plan;
        struct core_date changed;
        struct core_date today; /* NO_DATE: the file's today */
        struct core_date expected;
    } rows[] = {
        /* The plan's start date wins over the status change, before or after it [CASELOAD]. */
        {"plan before the last status change", PLAN, CHANGED, NO_DATE, PLAN},
        {"plan after the last status change", {2026, 2, 20}, {2026, 2, 1}, NO_DATE, {2026, 2, 20}},
        {"plan, no status change known", PLAN, NO_DATE, NO_DATE, PLAN},
        /* No plan: the day the status last changed [CASELOAD]. */
        {"no plan: the status change", NO_DATE, CHANGED, NO_DATE, CHANGED},
        {"no plan, status changed today", NO_DATE, {2026, 3, 10}, NO_DATE, {2026, 3, 10}},
        {"neither known", NO_DATE, NO_DATE, NO_DATE, NO_DATE},
        /* After today counts from today; today and yesterday are kept [CASELOAD]. */
        {"plan yesterday", {2026, 3, 9}, CHANGED, NO_DATE, {2026, 3, 9}},
        {"plan today", {2026, 3, 10}, CHANGED, NO_DATE, {2026, 3, 10}},
        {"plan tomorrow", {2026, 3, 11}, CHANGED, NO_DATE, {2026, 3, 10}},
        {"plan 24 months ahead", {2028, 3, 10}, NO_DATE, NO_DATE, {2026, 3, 10}},
        /* A future plan is still the plan: today, not the earlier status change. */
        {"future plan does not fall back", {2026, 4, 1}, CHANGED, NO_DATE, {2026, 3, 10}},
        {"status change after today (clock ahead)", NO_DATE, {2026, 3, 11}, NO_DATE, {2026, 3, 10}},
        /* Across a year's end and a leap day: the calendar, not the text, decides. */
        {"plan 31 Dec, today 1 Jan", {2025, 12, 31}, NO_DATE, {2026, 1, 1}, {2025, 12, 31}},
        {"plan 2 Jan, today 1 Jan", {2026, 1, 2}, NO_DATE, {2026, 1, 1}, {2026, 1, 1}},
        {"plan 1 Mar, today 29 Feb", {2028, 3, 1}, NO_DATE, {2028, 2, 29}, {2028, 2, 29}},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct core_date day = given(rows[i].today) ? rows[i].today : today;
        struct core_date start = {9, 9, 9};
        bool has =
            core_treatment_start_caseload(ptr(&rows[i].plan), ptr(&rows[i].changed), day, &start);

        check(rows[i].name, has, start, rows[i].expected);
    }
}

static void followup_start(void **state)
{
    static const struct {
        const char *name;
        enum enrolment_status status;
        struct core_date plan;
        struct core_date first_active;
        struct core_date changed;
        struct core_date expected;
    } rows[] = {
        /* The plan's start date first, whatever else is known and in every status [FOLLOWUPS]. */
        {"active: plan", ACT, PLAN, FIRST_ACTIVE, CHANGED, PLAN},
        {"plan after the first move", ACT, {2026, 2, 20}, FIRST_ACTIVE, NO_DATE, {2026, 2, 20}},
        {"completed: plan", COM, PLAN, NO_DATE, CHANGED, PLAN},
        {"referred: plan", REF, PLAN, NO_DATE, NO_DATE, PLAN},
        /* Not moved to today: every point is then upcoming [FOLLOWUPS]. */
        {"plan after today is kept", ACT, {2026, 4, 1}, NO_DATE, CHANGED, {2026, 4, 1}},
        /* Else the first recorded move to active, also after an ending [FOLLOWUPS]. */
        {"aftercare: first move to active", AFT, NO_DATE, FIRST_ACTIVE, CHANGED, FIRST_ACTIVE},
        {"completed: first move to active", COM, NO_DATE, FIRST_ACTIVE, CHANGED, FIRST_ACTIVE},
        {"withdrawn: first move to active", WIT, NO_DATE, FIRST_ACTIVE, NO_DATE, FIRST_ACTIVE},
        /* Else the last status change, only while in treatment [FOLLOWUPS]. */
        {"active: status change", ACT, NO_DATE, NO_DATE, CHANGED, CHANGED},
        {"aftercare: status change", AFT, NO_DATE, NO_DATE, CHANGED, CHANGED},
        {"referred: status change is no start", REF, NO_DATE, NO_DATE, CHANGED, NO_DATE},
        {"screening: status change is no start", SCR, NO_DATE, NO_DATE, CHANGED, NO_DATE},
        {"completed: the ending is no start", COM, NO_DATE, NO_DATE, CHANGED, NO_DATE},
        {"withdrawn: the ending is no start", WIT, NO_DATE, NO_DATE, CHANGED, NO_DATE},
        {"excluded: the ending is no start", EXC, NO_DATE, NO_DATE, CHANGED, NO_DATE},
        {"active: nothing known", ACT, NO_DATE, NO_DATE, NO_DATE, NO_DATE},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct core_date start = {9, 9, 9};
        bool has = core_treatment_start_followups(rows[i].status, ptr(&rows[i].plan),
                                                  ptr(&rows[i].first_active), ptr(&rows[i].changed),
                                                  &start);

        check(rows[i].name, has, start, rows[i].expected);
    }
}

/* The two contracts differ for an enrolment without a plan that moved on from active: the
 * caseload counts from the move to aftercare [CASELOAD], the follow-up list from the first move
 * to active [FOLLOWUPS]. With a plan both give its start date. */
static void the_two_rules_side_by_side(void **state)
{
    static const struct core_date first_active = {2026, 1, 5};
    static const struct core_date to_aftercare = {2026, 2, 20};
    static const struct core_date plan = {2026, 2, 1};
    struct core_date caseload;
    struct core_date followups;

    (void)state;
    assert_true(core_treatment_start_caseload(NULL, &to_aftercare, today, &caseload));
    assert_true(core_treatment_start_followups(ENROLMENT_AFTERCARE, NULL, &first_active,
                                               &to_aftercare, &followups));
    check("caseload, aftercare without a plan", true, caseload, to_aftercare);
    check("follow-ups, aftercare without a plan", true, followups, first_active);
    assert_true(core_treatment_start_caseload(&plan, &to_aftercare, today, &caseload));
    assert_true(core_treatment_start_followups(ENROLMENT_AFTERCARE, &plan, &first_active,
                                               &to_aftercare, &followups));
    check("caseload, with a plan", true, caseload, plan);
    check("follow-ups, with a plan", true, followups, plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(caseload_start),
        cmocka_unit_test(followup_start),
        cmocka_unit_test(the_two_rules_side_by_side),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
