/* core/ips_measures: IPS Grow's measures over a small caseload whose every figure is worked out
 * by hand below (definitions: docs/employment-track.md "IPS Grow's measures"; day counts checked
 * with GNU date, e.g. `echo $(( ($(date -ud 2026-01-15 +%s) - $(date -ud 2025-12-01 +%s)) /
 * 86400 ))` gives 45). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "base/err.h"
#include "core/date.h"
#include "core/ips_measures.h"

#define YMD(y, m, d)                                                                               \
    {                                                                                              \
        (y), (m), (d)                                                                              \
    }
#define D(y, m, d) ((struct core_date)YMD(y, m, d))
#define JOB(kind, y, m, d, hours)                                                                  \
    {                                                                                              \
        (kind), YMD(y, m, d), YMD(0, 0, 0), true, (hours)                                          \
    }
#define ENDED(kind, y1, m1, d1, y2, m2, d2, hours)                                                 \
    {                                                                                              \
        (kind), YMD(y1, m1, d1), YMD(y2, m2, d2), false, (hours)                                   \
    }

/* A competitive job of at least 4 hours a week is a job start; nothing else is. */
static void what_is_a_job_start(void **state)
{
    static const struct {
        const char *kind;
        int hours;
        bool job;
    } rows[] = {
        {"ordinary_job", 4, true},   {"ordinary_job", 37, true},    {"ordinary_job", 3, false},
        {"ordinary_job", 0, false},  {"subsidised_job", 30, false}, {"flexjob", 30, false},
        {"internship", 37, false},   {"education", 30, false},      {"course", 10, false},
        {"volunteering", 10, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct core_labour_episode e = JOB(rows[i].kind, 2026, 1, 5, rows[i].hours);

        if (core_ips_is_job(&e) != rows[i].job)
            fail_msg("%s, %d hours: job start should be %d", rows[i].kind, rows[i].hours,
                     rows[i].job);
    }
    assert_false(core_ips_is_job(NULL));
}

/* Five young people, the period 2026-01-01 … 2026-03-31:
 * A  enrolled 2025-12-01, out of work; employer contact 2025-12-11 (10 days); a 20-hour job from
 *    2026-01-15 (45 days), still going on. Start in the period, first start in the period.
 * B  enrolled 2026-01-10, out of work; contact 2026-01-12 (2 days); a 3-hour job (under 4 hours)
 *    and a subsidised job: no job start.
 * C  enrolled 2025-06-01, in work when referred (a job since 2025-01-01: before enrolment, not a
 *    start); a new job 2025-10-01 … 2025-12-31 (122 days: the first start, before the period) and
 *    another from 2026-03-31, the period's last day: one start in the period, no first start.
 * D  enrolled 2026-04-05, after the period: counted as a person, in nothing else.
 * E  enrolled 2026-02-01, out of work; contact 2026-01-30, before the referral was accepted (0
 *    days); a job of exactly 4 hours 2026-03-01 … 2026-03-15 (28 days), over by 2026-03-31.
 * A, B, C and E are on the caseload on 2026-03-31. */
static const struct core_labour_episode eps_a[] = {JOB("ordinary_job", 2026, 1, 15, 20)};
static const struct core_labour_episode eps_b[] = {JOB("ordinary_job", 2026, 2, 1, 3),
                                                   JOB("subsidised_job", 2026, 2, 10, 30)};
static const struct core_labour_episode eps_c[] = {
    ENDED("ordinary_job", 2025, 1, 1, 2025, 9, 30, 37),
    ENDED("ordinary_job", 2025, 10, 1, 2025, 12, 31, 10), JOB("ordinary_job", 2026, 3, 31, 15)};
static const struct core_labour_episode eps_d[] = {JOB("ordinary_job", 2026, 4, 20, 20)};
static const struct core_labour_episode eps_e[] = {
    ENDED("ordinary_job", 2026, 3, 1, 2026, 3, 15, 4)};

static const struct core_ips_person people[] = {
    {YMD(2025, 12, 1), false, true, YMD(2025, 12, 11), true, eps_a, 1},
    {YMD(2026, 1, 10), false, true, YMD(2026, 1, 12), true, eps_b, 2},
    {YMD(2025, 6, 1), true, false, YMD(0, 0, 0), true, eps_c, 3},
    {YMD(2026, 4, 5), false, true, YMD(2026, 4, 6), false, eps_d, 1},
    {YMD(2026, 2, 1), false, true, YMD(2026, 1, 30), true, eps_e, 1},
};

static void a_caseload_counted_by_hand(void **state)
{
    struct core_ips_measures m;
    struct sp_err err = {0};
    int64_t days[5];

    (void)state;
    assert_int_equal(core_ips_count(people, 5, D(2026, 1, 1), D(2026, 3, 31), days, 5, &m, &err),
                     SP_OK);
    assert_int_equal(m.people, 5);
    assert_int_equal(m.job_starts, 3);       /* A, C's second new job, E */
    assert_int_equal(m.first_job_starts, 2); /* A, E */
    assert_int_equal(m.out_of_work, 3);      /* A, B, E (D enrolled after the period) */
    assert_int_equal(m.out_of_work_started, 2);
    assert_int_equal(m.active, 4);
    assert_int_equal(m.active_in_work, 2); /* A, and C from the period's last day */
    assert_int_equal(m.with_employer_contact, 3);
    assert_true(m.median_days_to_employer_contact == 2.0); /* of 0, 2, 10 */
    assert_int_equal(m.with_job_start, 3);
    assert_true(m.median_days_to_job_start == 45.0); /* of 28, 45, 122 */
}

/* The same people over 2025: C's first new job (2025-10-01) is the only start, and A's contact
 * (2025-12-11) the only one made by the period's end; E and B are not yet referred. */
static void the_period_decides_what_counts(void **state)
{
    struct core_ips_measures m;
    struct sp_err err = {0};
    int64_t days[5];

    (void)state;
    assert_int_equal(core_ips_count(people, 5, D(2025, 1, 1), D(2025, 12, 31), days, 5, &m, &err),
                     SP_OK);
    assert_int_equal(m.job_starts, 1);
    assert_int_equal(m.first_job_starts, 1);
    assert_int_equal(m.out_of_work, 1); /* A */
    assert_int_equal(m.out_of_work_started, 0);
    assert_int_equal(m.with_employer_contact, 1);
    assert_true(m.median_days_to_employer_contact == 10.0);
    assert_int_equal(m.with_job_start, 1);
    assert_true(m.median_days_to_job_start == 122.0);
    /* Nobody: no median. An even number: the mean of the middle two (A 10, B 2: 6). */
    assert_int_equal(core_ips_count(people, 0, D(2025, 1, 1), D(2025, 12, 31), days, 5, &m, &err),
                     SP_OK);
    assert_true(m.median_days_to_employer_contact == -1.0);
    assert_true(m.median_days_to_job_start == -1.0);
    assert_int_equal(core_ips_count(people, 2, D(2026, 1, 1), D(2026, 1, 31), days, 5, &m, &err),
                     SP_OK);
    assert_true(m.median_days_to_employer_contact == 6.0);
}

static void a_period_backwards_or_no_room_is_refused(void **state)
{
    struct core_ips_measures m;
    struct sp_err err = {0};
    int64_t days[5];

    (void)state;
    assert_int_equal(core_ips_count(people, 5, D(2026, 3, 31), D(2026, 1, 1), days, 5, &m, &err),
                     SP_INVALID);
    assert_string_equal(err.field, "/to");
    assert_int_equal(err.reason, SP_R_NOT_INCREASING);
    assert_int_equal(core_ips_count(people, 5, D(2026, 1, 1), D(2026, 3, 31), days, 4, &m, &err),
                     SP_INVALID);
    assert_string_equal(err.field, "/people");
    assert_int_equal(m.people, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(what_is_a_job_start),
        cmocka_unit_test(a_caseload_counted_by_hand),
        cmocka_unit_test(the_period_decides_what_counts),
        cmocka_unit_test(a_period_backwards_or_no_room_is_refused),
    };

    return cmocka_run_group_tests_name("ips_measures", tests, NULL, NULL);
}
