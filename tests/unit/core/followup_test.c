/* core/followup: the follow-up schedule's points, windows and states on worked calendars, the
 * choice of point for each questionnaire, refusals, and when the schedule applies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/followup.h"

/* Reference: docs/api-contract.md "Follow-ups" (issue 9, item 14): a point falls due start + N
 * months (a day past the month's end falls on its last day, as core_date_add_months); its window
 * opens 14 days before the due date and closes 28 days after it, both days included; states
 * upcoming (before the window), due (window open, due date not passed), overdue (due date
 * passed, window open), missed (window closed), done (a follow-up questionnaire inside the
 * window). Dates worked by hand from the calendar:
 *   start 2026-01-31, months 3, 6, 12:
 *     3:  due 2026-04-30 (April has 30 days), opens 2026-04-16, closes 2026-05-28 (30 April + 28)
 *     6:  due 2026-07-31, opens 2026-07-17, closes 2026-08-28
 *     12: due 2027-01-31, opens 2027-01-17, closes 2027-02-28 (31 January + 28; 2027 is no leap
 *         year)
 *   start 2026-01-15, months 1, 2 (overlapping windows):
 *     1: due 2026-02-15, opens 2026-02-01, closes 2026-03-15 (15 February + 28: February 2026 has
 *        28 days)
 *     2: due 2026-03-15, opens 2026-03-01, closes 2026-04-12
 *     2026-03-05 is 18 days after the first due date (13 to 28 February, then 5) and 10 before
 *     the second; 2026-03-01 is 14 from each. */

#define U FOLLOWUP_UPCOMING
#define D FOLLOWUP_DUE
#define O FOLLOWUP_OVERDUE
#define M FOLLOWUP_MISSED
#define X FOLLOWUP_DONE

static const int months_3_6_12[] = {3, 6, 12};
static const int months_1_2[] = {1, 2};

struct row {
    const char *name;
    struct core_date start;
    const int *months;
    size_t month_count;
    struct core_date today;
    struct core_date done[3];
    size_t done_count;
    enum followup_state states[3];
    struct core_date done_on[3]; /* expected where the state is done */
    bool open;
    bool complete;
    int next;
};

#define JAN31                                                                                      \
    {                                                                                              \
        2026, 1, 31                                                                                \
    }
#define JAN15                                                                                      \
    {                                                                                              \
        2026, 1, 15                                                                                \
    }
#define S3 months_3_6_12, 3
#define S12 months_1_2, 2

static const struct row rows[] = {
    {"the day before the window opens",
     JAN31,
     S3,
     {2026, 4, 15},
     {{0}},
     0,
     {U, U, U},
     {{0}},
     false,
     false,
     0},
    {"the window opens", JAN31, S3, {2026, 4, 16}, {{0}}, 0, {D, U, U}, {{0}}, true, false, 0},
    {"the due day is still due",
     JAN31,
     S3,
     {2026, 4, 30},
     {{0}},
     0,
     {D, U, U},
     {{0}},
     true,
     false,
     0},
    {"the day after the due date",
     JAN31,
     S3,
     {2026, 5, 1},
     {{0}},
     0,
     {O, U, U},
     {{0}},
     true,
     false,
     0},
    {"the window's last day", JAN31, S3, {2026, 5, 28}, {{0}}, 0, {O, U, U}, {{0}}, true, false, 0},
    {"the window has closed",
     JAN31,
     S3,
     {2026, 5, 29},
     {{0}},
     0,
     {M, U, U},
     {{0}},
     false,
     false,
     1},
    {"a questionnaire on the opening day",
     JAN31,
     S3,
     {2026, 5, 1},
     {{2026, 4, 16}},
     1,
     {X, U, U},
     {{2026, 4, 16}},
     false,
     false,
     1},
    {"a questionnaire the day before it opens",
     JAN31,
     S3,
     {2026, 5, 1},
     {{2026, 4, 15}},
     1,
     {O, U, U},
     {{0}},
     true,
     false,
     0},
    {"a questionnaire on the closing day",
     JAN31,
     S3,
     {2026, 6, 1},
     {{2026, 5, 28}},
     1,
     {X, U, U},
     {{2026, 5, 28}},
     false,
     false,
     1},
    {"a questionnaire the day after it closed",
     JAN31,
     S3,
     {2026, 6, 1},
     {{2026, 5, 29}},
     1,
     {M, U, U},
     {{0}},
     false,
     false,
     1},
    {"a questionnaire dated after today",
     JAN31,
     S3,
     {2026, 5, 1},
     {{2026, 5, 2}},
     1,
     {O, U, U},
     {{0}},
     true,
     false,
     0},
    {"every point done",
     JAN31,
     S3,
     {2027, 3, 1},
     {{2026, 4, 30}, {2026, 7, 31}, {2027, 2, 1}},
     3,
     {X, X, X},
     {{2026, 4, 30}, {2026, 7, 31}, {2027, 2, 1}},
     false,
     true,
     -1},
    {"done or missed: the schedule is over",
     JAN31,
     S3,
     {2027, 3, 1},
     {{2026, 7, 20}},
     1,
     {M, X, M},
     {{0}, {2026, 7, 20}},
     false,
     true,
     -1},
    {"the nearest due date takes a questionnaire in two windows",
     JAN15,
     S12,
     {2026, 3, 20},
     {{2026, 3, 5}},
     1,
     {M, X},
     {{0}, {2026, 3, 5}},
     false,
     true,
     -1},
    {"equally near: the earlier point",
     JAN15,
     S12,
     {2026, 3, 2},
     {{2026, 3, 1}},
     1,
     {X, D},
     {{2026, 3, 1}},
     true,
     false,
     1},
    {"several for one point: the nearest its due date, the earlier on a tie",
     JAN31,
     S3,
     {2026, 6, 1},
     {{2026, 5, 1}, {2026, 4, 20}, {2026, 4, 29}},
     3,
     {X, U, U},
     {{2026, 4, 29}},
     false,
     false,
     1},
    {"a start after today: everything ahead",
     {2026, 6, 1},
     S3,
     {2026, 5, 1},
     {{0}},
     0,
     {U, U, U},
     {{0}},
     false,
     false,
     0},
};

static void states_on_worked_calendars(void **state)
{
    struct core_followup_window w = core_followup_window_default();

    (void)state;
    assert_int_equal(w.before_days, 14);
    assert_int_equal(w.after_days, 28);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        struct core_followup_input in = {.today = r->today,
                                         .start = r->start,
                                         .months = r->months,
                                         .month_count = r->month_count,
                                         .done = r->done,
                                         .done_count = r->done_count};
        struct core_followup_result out;
        struct sp_err err = {0};

        if (core_followup_evaluate(&in, &w, &out, &err) != SP_OK)
            fail_msg("%s: refused (%s)", r->name, err.field);
        if (out.count != r->month_count)
            fail_msg("%s: %zu points", r->name, out.count);
        for (size_t p = 0; p < out.count; p++) {
            const struct core_followup_point *pt = &out.points[p];

            if (pt->state != r->states[p])
                fail_msg("%s: point %zu is %s, expected %s", r->name, p,
                         core_followup_state_name(pt->state),
                         core_followup_state_name(r->states[p]));
            if (pt->month != r->months[p])
                fail_msg("%s: point %zu month %d", r->name, p, pt->month);
            if (r->states[p] == FOLLOWUP_DONE &&
                (!pt->has_done_on || core_date_cmp(pt->done_on, r->done_on[p]) != 0))
                fail_msg("%s: point %zu met by %04d-%02d-%02d", r->name, p, pt->done_on.year,
                         pt->done_on.month, pt->done_on.day);
            if (r->states[p] != FOLLOWUP_DONE && pt->has_done_on)
                fail_msg("%s: point %zu has a questionnaire but is not done", r->name, p);
        }
        if (out.open != r->open || out.complete != r->complete || out.next != r->next)
            fail_msg("%s: open %d complete %d next %d", r->name, out.open, out.complete, out.next);
    }
}

/* The dates of each point, from the worked calendar above. */
static void due_dates_and_windows(void **state)
{
    static const struct core_date expected[3][3] = {
        {{2026, 4, 30}, {2026, 4, 16}, {2026, 5, 28}},
        {{2026, 7, 31}, {2026, 7, 17}, {2026, 8, 28}},
        {{2027, 1, 31}, {2027, 1, 17}, {2027, 2, 28}},
    };
    struct core_followup_window w = core_followup_window_default();
    struct core_followup_input in = {
        .today = {2026, 2, 1}, .start = JAN31, .months = months_3_6_12, .month_count = 3};
    struct core_followup_result out;
    struct sp_err err = {0};

    (void)state;
    assert_int_equal(core_followup_evaluate(&in, &w, &out, &err), SP_OK);
    for (size_t p = 0; p < 3; p++) {
        assert_int_equal(core_date_cmp(out.points[p].due, expected[p][0]), 0);
        assert_int_equal(core_date_cmp(out.points[p].opens, expected[p][1]), 0);
        assert_int_equal(core_date_cmp(out.points[p].closes, expected[p][2]), 0);
    }
}

static void refusals_name_the_member(void **state)
{
    static const int same[] = {3, 3};
    static const int zero[] = {0};
    static const int too_far[] = {121};
    static const int thirteen[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    static const struct core_date bad_done[] = {{2026, 2, 30}};
    const struct core_followup_window ok = core_followup_window_default();
    const struct {
        const char *field;
        struct core_followup_window w;
        struct core_followup_input in;
    } cases[] = {
        {"/before_days", {-1, 28}, {.today = {2026, 5, 1}, .start = JAN31}},
        {"/after_days", {14, 367}, {.today = {2026, 5, 1}, .start = JAN31}},
        {"/months/1",
         ok,
         {.today = {2026, 5, 1}, .start = JAN31, .months = same, .month_count = 2}},
        {"/months/0",
         ok,
         {.today = {2026, 5, 1}, .start = JAN31, .months = zero, .month_count = 1}},
        {"/months/0",
         ok,
         {.today = {2026, 5, 1}, .start = JAN31, .months = too_far, .month_count = 1}},
        {"/months",
         ok,
         {.today = {2026, 5, 1}, .start = JAN31, .months = thirteen, .month_count = 13}},
        {"/months", ok, {.today = {2026, 5, 1}, .start = JAN31, .month_count = 1}},
        {"/done", ok, {.today = {2026, 5, 1}, .start = JAN31, .done_count = 1}},
        {"/done/0", ok, {.today = {2026, 5, 1}, .start = JAN31, .done = bad_done, .done_count = 1}},
        {"/today", ok, {.today = {2026, 2, 30}, .start = JAN31}},
        {"/start", ok, {.today = {2026, 5, 1}, .start = {2026, 13, 1}}},
        {"/start", ok, {.today = {2026, 5, 1}, .start = {9990, 1, 1}}},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct core_followup_result out;
        struct sp_err err = {0};

        out.count = 99;
        if (core_followup_evaluate(&cases[i].in, &cases[i].w, &out, &err) != SP_INVALID)
            fail_msg("case %zu (%s): not refused", i, cases[i].field);
        if (strcmp(err.field, cases[i].field) != 0)
            fail_msg("case %zu: field %s, expected %s", i, err.field, cases[i].field);
        assert_int_equal(out.count, 0);
    }
}

/* When the schedule applies (docs/api-contract.md "Follow-ups"): in treatment always; completed
 * and withdrawn unless the person withdrew from research; never referred, screening, excluded. */
static void applies_by_status(void **state)
{
    /* clang-format off */
    static const bool expected[ENROLMENT__COUNT][2] = {
        /*                        research kept, withdrawn from research */
        [ENROLMENT_REFERRED]  = {false, false},
        [ENROLMENT_SCREENING] = {false, false},
        [ENROLMENT_ACTIVE]    = {true,  true},
        [ENROLMENT_AFTERCARE] = {true,  true},
        [ENROLMENT_COMPLETED] = {true,  false},
        [ENROLMENT_WITHDRAWN] = {true,  false},
        [ENROLMENT_EXCLUDED]  = {false, false},
    };
    /* clang-format on */

    unsigned read = core_followup_statuses();

    (void)state;
    for (int s = 0; s < ENROLMENT__COUNT; s++) {
        for (int w = 0; w < 2; w++)
            if (core_followup_applies((enum enrolment_status)s, w == 1) != expected[s][w])
                fail_msg("%s, research withdrawn %d",
                         core_enrolment_status_name((enum enrolment_status)s), w);
        /* The list reads exactly the statuses where the schedule may apply. */
        if (((read >> s) & 1u) != expected[s][0])
            fail_msg("%s: read by the follow-up list should be %d",
                     core_enrolment_status_name((enum enrolment_status)s), expected[s][0]);
    }
    assert_int_equal(read >> ENROLMENT__COUNT, 0);
}

static void state_names(void **state)
{
    (void)state;
    assert_string_equal(core_followup_state_name(FOLLOWUP_UPCOMING), "upcoming");
    assert_string_equal(core_followup_state_name(FOLLOWUP_DUE), "due");
    assert_string_equal(core_followup_state_name(FOLLOWUP_OVERDUE), "overdue");
    assert_string_equal(core_followup_state_name(FOLLOWUP_MISSED), "missed");
    assert_string_equal(core_followup_state_name(FOLLOWUP_DONE), "done");
    assert_string_equal(core_followup_state_name((enum followup_state)9), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(states_on_worked_calendars),
        cmocka_unit_test(due_dates_and_windows),
        cmocka_unit_test(refusals_name_the_member),
        cmocka_unit_test(applies_by_status),
        cmocka_unit_test(state_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
