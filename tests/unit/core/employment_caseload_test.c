/* core/employment_caseload: each flag on both sides of its boundary, the settings' ranges, the
 * caseload limit, the urgency order and the sorts. Expected values are worked out by hand from the
 * rules stated in docs/employment-track.md "The employment caseload" (day counts checked with GNU
 * `date -d '2026-03-10 - 30 days'`: 2026-02-08; - 29 days: 2026-02-09; - 14 days: 2026-02-24;
 * - 28 days: 2026-02-10). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/employment_caseload.h"

#define TODAY                                                                                      \
    {                                                                                              \
        2026, 3, 10                                                                                \
    }

static const struct core_date today = TODAY;

/* An active enrolment that started long ago and has every contact today: no flag at all. */
static struct core_employment_input quiet(void)
{
    struct core_employment_input in = {
        .enrolment_id = 1,
        .today = TODAY,
        .status = ENROLMENT_ACTIVE,
        .has_start = true,
        .start = {2025, 1, 6},
        .has_last_employer_contact = true,
        .last_employer_contact = TODAY,
        .has_last_session = true,
        .last_session = TODAY,
    };

    return in;
}

static struct project_employment defaults(void)
{
    struct project_employment s;

    core_employment_settings_default(&s);
    return s;
}

static unsigned flags_of(const struct core_employment_input *in, const struct project_employment *s)
{
    struct core_employment_row row;
    struct sp_err err = {0};

    assert_int_equal(core_employment_evaluate(in, s, &row, &err), SP_OK);
    return row.flags;
}

static void settings_defaults_and_ranges(void **state)
{
    struct project_employment s = defaults();
    struct sp_err err = {0};
    static const struct {
        size_t i;
        int value;
        bool ok;
    } rows[] = {
        {0, 1, true}, {0, 0, false}, {0, 366, true}, {0, 367, false},
        {1, 1, true}, {1, 0, false}, {1, 366, true}, {1, 367, false},
        {2, 1, true}, {2, 0, false}, {2, 366, true}, {2, 367, false},
        {3, 1, true}, {3, 0, false}, {3, 500, true}, {3, 501, false},
    };

    (void)state;
    /* The defaults. */
    assert_int_equal(s.no_employer_contact_days, 30);
    assert_int_equal(s.no_contact_days, 14);
    assert_int_equal(s.follow_along_days, 28);
    assert_int_equal(s.caseload_limit, 20);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        struct project_employment t = defaults();
        char field[96];

        *core_employment_setting_of(&t, rows[r].i) = rows[r].value;
        memset(&err, 0, sizeof err);
        assert_int_equal(core_employment_settings_check(&t, "/employment_settings", &err),
                         rows[r].ok ? SP_OK : SP_INVALID);
        if (!rows[r].ok) {
            snprintf(field, sizeof field, "/employment_settings/%s",
                     core_employment_settings[rows[r].i].name);
            assert_string_equal(err.field, field);
            assert_int_equal(err.reason, SP_R_RANGE);
        }
    }
}

static void no_employer_contact(void **state)
{
    struct project_employment s = defaults();
    struct core_employment_input in = quiet();

    (void)state;
    in.has_last_employer_contact = false;
    in.start = (struct core_date){2026, 2, 8}; /* 30 days ago */
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_EMPLOYER_CONTACT);
    in.start = (struct core_date){2026, 2, 9}; /* 29 days ago */
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_EMPLOYER_CONTACT);
    /* Any employer contact for them clears it, however late. */
    in.start = (struct core_date){2026, 1, 1};
    in.has_last_employer_contact = true;
    in.last_employer_contact = (struct core_date){2026, 3, 1};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_EMPLOYER_CONTACT);
    /* Only while active. */
    in.has_last_employer_contact = false;
    in.status = ENROLMENT_AFTERCARE;
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_EMPLOYER_CONTACT);
    in.status = ENROLMENT_ACTIVE;
    in.has_start = false;
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_EMPLOYER_CONTACT);
    /* A project's own threshold: 10 days. */
    in.has_start = true;
    s.no_employer_contact_days = 10;
    in.start = (struct core_date){2026, 2, 28};
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_EMPLOYER_CONTACT);
    in.start = (struct core_date){2026, 3, 1};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_EMPLOYER_CONTACT);
}

static void no_contact(void **state)
{
    struct project_employment s = defaults();
    struct core_employment_input in = quiet();

    (void)state;
    in.last_session = (struct core_date){2026, 2, 24}; /* 14 days ago */
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
    in.last_session = (struct core_date){2026, 2, 25}; /* 13 days ago */
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
    /* The latest of session, meeting and follow-along contact counts. */
    in.last_session = (struct core_date){2026, 1, 1};
    in.has_last_meeting = true;
    in.last_meeting = (struct core_date){2026, 2, 25};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
    in.last_meeting = (struct core_date){2026, 2, 24};
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
    in.has_last_follow_along = true;
    in.last_follow_along = (struct core_date){2026, 2, 25};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
    /* An employer contact is not a contact with the young person. */
    in.has_last_meeting = false;
    in.has_last_follow_along = false;
    in.last_employer_contact = today;
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
    /* Never in contact: counted from the start. */
    in.has_last_session = false;
    in.start = (struct core_date){2026, 2, 24};
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
    in.start = (struct core_date){2026, 2, 25};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
    /* Not while referred. */
    in.start = (struct core_date){2026, 1, 1};
    in.status = ENROLMENT_REFERRED;
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_CONTACT);
}

static void task_overdue(void **state)
{
    struct project_employment s = defaults();
    struct core_employment_input in = quiet();

    (void)state;
    in.has_next_task_due = true;
    in.next_task_due = (struct core_date){2026, 3, 9};
    assert_true(flags_of(&in, &s) & EMPLOYMENT_TASK_OVERDUE);
    in.next_task_due = today; /* due today can still be done today */
    assert_false(flags_of(&in, &s) & EMPLOYMENT_TASK_OVERDUE);
    in.has_next_task_due = false;
    assert_false(flags_of(&in, &s) & EMPLOYMENT_TASK_OVERDUE);
    /* In every status listed. */
    in.has_next_task_due = true;
    in.next_task_due = (struct core_date){2026, 3, 9};
    in.status = ENROLMENT_SCREENING;
    assert_true(flags_of(&in, &s) & EMPLOYMENT_TASK_OVERDUE);
}

static void no_follow_along(void **state)
{
    struct project_employment s = defaults();
    struct core_employment_input in = quiet();
    struct core_labour_episode job = {.kind = "ordinary_job", .open = true, .hours_per_week = 20};

    (void)state;
    in.episodes = &job;
    in.episode_count = 1;
    job.start = (struct core_date){2026, 2, 10}; /* 28 days ago */
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
    job.start = (struct core_date){2026, 2, 11}; /* 27 days ago */
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
    /* A follow-along contact on the start day or later clears it; one before does not. */
    job.start = (struct core_date){2026, 2, 10};
    in.has_last_follow_along = true;
    in.last_follow_along = (struct core_date){2026, 2, 10};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
    in.last_follow_along = (struct core_date){2026, 2, 9};
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
    /* Education starts it too; an internship does not. */
    job.kind = "education";
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
    job.kind = "internship";
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
    /* A job the person came with (started before the enrolment) is not a start. */
    job.kind = "ordinary_job";
    in.start = (struct core_date){2026, 2, 11};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
    /* A job that has ended needs no follow-along. */
    in.start = (struct core_date){2025, 1, 6};
    job.open = false;
    job.end = (struct core_date){2026, 3, 9};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
    job.end = today;
    assert_true(flags_of(&in, &s) & EMPLOYMENT_NO_FOLLOW_ALONG);
}

static void episode_ended_no_next_step(void **state)
{
    struct project_employment s = defaults();
    struct core_employment_input in = quiet();
    struct core_labour_episode eps[2] = {
        {.kind = "internship", .start = {2026, 1, 5}, .end = {2026, 3, 9}, .hours_per_week = 15},
        {.kind = "course", .start = {2026, 3, 9}, .open = true},
    };

    (void)state;
    in.episodes = eps;
    in.episode_count = 1;
    in.last_employer_contact = (struct core_date){2026, 3, 8};
    assert_true(flags_of(&in, &s) & EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP);
    eps[0].end = today; /* still going on today */
    assert_false(flags_of(&in, &s) & EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP);
    eps[0].end = (struct core_date){2026, 3, 9};
    /* An employer contact on the end day is a next step. */
    in.last_employer_contact = (struct core_date){2026, 3, 9};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP);
    in.last_employer_contact = (struct core_date){2026, 3, 8};
    /* So is an episode starting on the end day … */
    in.episode_count = 2;
    assert_false(flags_of(&in, &s) & EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP);
    /* … or going on after it, begun before. */
    eps[1].start = (struct core_date){2026, 2, 1};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP);
    /* One that ended the day before is not. */
    eps[1].open = false;
    eps[1].end = (struct core_date){2026, 3, 8};
    assert_true(flags_of(&in, &s) & EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP);
    /* An episode that ended before the enrolment began is the person's history. */
    in.episode_count = 1;
    in.start = (struct core_date){2026, 3, 9};
    assert_true(flags_of(&in, &s) & EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP);
    in.start = (struct core_date){2026, 3, 10};
    assert_false(flags_of(&in, &s) & EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP);
}

static void caseload_limit(void **state)
{
    struct project_employment s = defaults();

    (void)state;
    assert_false(core_employment_over_limit(20, &s));
    assert_true(core_employment_over_limit(21, &s));
    s.caseload_limit = 5;
    assert_false(core_employment_over_limit(5, &s));
    assert_true(core_employment_over_limit(6, &s));
}

static void row_values_and_refusals(void **state)
{
    struct project_employment s = defaults();
    struct core_employment_input in = quiet();
    struct core_labour_episode eps[2] = {
        {.kind = "course", .start = {2026, 1, 5}, .open = true},
        {.kind = "ordinary_job", .start = {2026, 2, 2}, .end = {2026, 4, 30}},
    };
    struct core_employment_row row;
    struct sp_err err = {0};

    (void)state;
    in.last_session = (struct core_date){2026, 3, 3};
    in.last_employer_contact = (struct core_date){2026, 2, 28};
    in.episodes = eps;
    in.episode_count = 2;
    assert_int_equal(core_employment_evaluate(&in, &s, &row, &err), SP_OK);
    assert_int_equal(row.days_since_contact, 7);
    assert_int_equal(row.days_since_employer_contact, 10);
    assert_true(row.has_current_episode);
    assert_int_equal(row.current_episode, 1); /* the one started last */
    in.has_last_session = false;
    in.has_last_employer_contact = false;
    assert_int_equal(core_employment_evaluate(&in, &s, &row, &err), SP_OK);
    assert_int_equal(row.days_since_contact, -1);
    assert_int_equal(row.days_since_employer_contact, -1);
    /* A contact after today, an episode ending before it starts, a setting out of range. */
    in.has_last_meeting = true;
    in.last_meeting = (struct core_date){2026, 3, 11};
    assert_int_equal(core_employment_evaluate(&in, &s, &row, &err), SP_INVALID);
    assert_string_equal(err.field, "/last_meeting");
    assert_int_equal(row.flags, 0);
    in.has_last_meeting = false;
    eps[1].end = (struct core_date){2026, 2, 1};
    assert_int_equal(core_employment_evaluate(&in, &s, &row, &err), SP_INVALID);
    assert_string_equal(err.field, "/episodes/1");
    eps[1].end = (struct core_date){2026, 2, 2};
    s.no_contact_days = 0;
    assert_int_equal(core_employment_evaluate(&in, &s, &row, &err), SP_INVALID);
    assert_string_equal(err.field, "/settings/no_contact_days");
}

static void start_rule(void **state)
{
    struct core_date first = {2026, 1, 5};
    struct core_date changed = {2026, 2, 1};
    struct core_date start;

    (void)state;
    assert_true(core_employment_start(ENROLMENT_ACTIVE, &first, &changed, &start));
    assert_int_equal(core_date_cmp(start, first), 0);
    assert_true(core_employment_start(ENROLMENT_ACTIVE, NULL, &changed, &start));
    assert_int_equal(core_date_cmp(start, changed), 0);
    assert_false(core_employment_start(ENROLMENT_SCREENING, NULL, &changed, &start));
}

static void urgency_and_names(void **state)
{
    unsigned rest = EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP | EMPLOYMENT_NO_FOLLOW_ALONG |
                    EMPLOYMENT_NO_CONTACT | EMPLOYMENT_TASK_OVERDUE;

    (void)state;
    assert_true(core_employment_urgency(EMPLOYMENT_NO_EMPLOYER_CONTACT) >
                core_employment_urgency(rest));
    assert_int_equal(core_employment_urgency(0), 0);
    assert_string_equal(core_employment_flag_name(EMPLOYMENT_NO_FOLLOW_ALONG), "no_follow_along");
    assert_string_equal(core_employment_flag_name(EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP),
                        "episode_ended_no_next_step");
    assert_null(core_employment_flag_name(EMPLOYMENT_NO_CONTACT | EMPLOYMENT_TASK_OVERDUE));
    assert_null(core_employment_flag_name(1u << EMPLOYMENT_FLAG_COUNT));
}

static void sorts(void **state)
{
    struct core_employment_sort_row a = {.row = {.enrolment_id = 1,
                                                 .urgency = 2,
                                                 .days_since_contact = 3,
                                                 .days_since_employer_contact = -1},
                                         .name_folded = "bo",
                                         .has_next_task_due = false};
    struct core_employment_sort_row b = {.row = {.enrolment_id = 2,
                                                 .urgency = 2,
                                                 .days_since_contact = -1,
                                                 .days_since_employer_contact = 5},
                                         .name_folded = "anna",
                                         .has_next_task_due = true,
                                         .next_task_due = {2026, 3, 1}};

    (void)state;
    /* Same urgency: no contact ever is the longest gap, so b first. */
    assert_true(core_employment_row_cmp(EMPLOYMENT_SORT_URGENCY, &b, &a) < 0);
    assert_true(core_employment_row_cmp(EMPLOYMENT_SORT_NAME, &b, &a) < 0);
    assert_true(core_employment_row_cmp(EMPLOYMENT_SORT_DAYS_SINCE_CONTACT, &b, &a) < 0);
    assert_true(core_employment_row_cmp(EMPLOYMENT_SORT_DAYS_SINCE_EMPLOYER_CONTACT, &a, &b) < 0);
    assert_true(core_employment_row_cmp(EMPLOYMENT_SORT_NEXT_TASK_DUE, &b, &a) < 0);
    a.row.urgency = 3;
    assert_true(core_employment_row_cmp(EMPLOYMENT_SORT_URGENCY, &a, &b) < 0);
    /* Ties end on the enrolment id. */
    b = a;
    b.row.enrolment_id = 2;
    assert_true(core_employment_row_cmp(EMPLOYMENT_SORT_NAME, &a, &b) < 0);
    assert_true(core_employment_row_cmp(EMPLOYMENT_SORT_NAME, &b, &a) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(settings_defaults_and_ranges),
        cmocka_unit_test(no_employer_contact),
        cmocka_unit_test(no_contact),
        cmocka_unit_test(task_overdue),
        cmocka_unit_test(no_follow_along),
        cmocka_unit_test(episode_ended_no_next_step),
        cmocka_unit_test(caseload_limit),
        cmocka_unit_test(row_values_and_refusals),
        cmocka_unit_test(start_rule),
        cmocka_unit_test(urgency_and_names),
        cmocka_unit_test(sorts),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
