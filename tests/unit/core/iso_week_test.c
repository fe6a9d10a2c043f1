/* core/iso_week: the ISO 8601 week of a date, the Monday of a week, and weeks 52/53. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "base/err.h"
#include "core/date.h"
#include "core/iso_week.h"

/* Reference: GNU coreutils 9.1 on this machine, `date -d YYYY-MM-DD +%G-W%V-%u` (ISO week-year,
 * week and weekday), run by hand for each row; an implementation independent of core/iso_week.c.
 * Rows: both sides of the turn of 2020/2021 and 2026/2027 (years with week 53), 1 January in the
 * previous year's last week (2021, 2027, 2016, 2000, 2010), 29–31 December in the next year's week
 * 1 (2025-12-29, 2024-12-30, 2008-12-29), and a Sunday and the Monday after it. */
static const struct {
    struct core_date date;
    int year, week, weekday;
} week_rows[] = {
    {{2020, 12, 31}, 2020, 53, 4}, {{2021, 1, 1}, 2020, 53, 5},   {{2021, 1, 3}, 2020, 53, 7},
    {{2021, 1, 4}, 2021, 1, 1},    {{2026, 12, 28}, 2026, 53, 1}, {{2026, 12, 31}, 2026, 53, 4},
    {{2027, 1, 1}, 2026, 53, 5},   {{2027, 1, 3}, 2026, 53, 7},   {{2027, 1, 4}, 2027, 1, 1},
    {{2026, 1, 1}, 2026, 1, 4},    {{2025, 12, 29}, 2026, 1, 1},  {{2024, 12, 30}, 2025, 1, 1},
    {{2008, 12, 29}, 2009, 1, 1},  {{2016, 1, 3}, 2015, 53, 7},   {{2015, 12, 31}, 2015, 53, 4},
    {{2000, 1, 1}, 1999, 52, 6},   {{2010, 1, 3}, 2009, 53, 7},   {{2004, 12, 31}, 2004, 53, 5},
    {{2026, 3, 1}, 2026, 9, 7},    {{2026, 3, 2}, 2026, 10, 1},   {{1800, 1, 1}, 1800, 1, 3},
};

static void week_of_matches_gnu_date(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof week_rows / sizeof week_rows[0]; i++) {
        struct core_iso_week w = core_iso_week_of(week_rows[i].date);
        int wd = core_iso_weekday(week_rows[i].date);

        if (w.year != week_rows[i].year || w.week != week_rows[i].week ||
            wd != week_rows[i].weekday)
            fail_msg("row %zu: %d-W%02d-%d, expected %d-W%02d-%d", i, w.year, w.week, wd,
                     week_rows[i].year, week_rows[i].week, week_rows[i].weekday);
    }
}

/* Reference: `date -d DATE +%G-W%V-%u` printed day 1 (Monday) of the week named, by hand. */
static void monday_matches_gnu_date(void **state)
{
    static const struct {
        struct core_iso_week week;
        struct core_date monday;
    } rows[] = {
        {{2020, 53}, {2020, 12, 28}}, {{2021, 1}, {2021, 1, 4}},   {{2026, 1}, {2025, 12, 29}},
        {{2026, 53}, {2026, 12, 28}}, {{2025, 1}, {2024, 12, 30}}, {{2009, 1}, {2008, 12, 29}},
        {{2027, 1}, {2027, 1, 4}},    {{2026, 10}, {2026, 3, 2}},  {{2015, 53}, {2015, 12, 28}},
        {{1999, 52}, {1999, 12, 27}}, {{1800, 1}, {1799, 12, 30}},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct core_date m = core_iso_week_monday(rows[i].week);

        if (core_date_cmp(m, rows[i].monday) != 0)
            fail_msg("row %zu: %d-%02d-%02d", i, m.year, m.month, m.day);
    }
}

/* Reference: `date -d YEAR-12-28 +%V` (28 December lies in a year's last week), run by hand for
 * 1990–2040 and the rows below: 53 weeks in 1992 and 2020 (leap years starting on a Wednesday,
 * `date -d YEAR-01-01 +%a`), 1998, 2004, 2009, 2015, 2026, 2032, 2037 (starting on a Thursday),
 * 1908 (leap, Wednesday); 52 in 2025 and 1800 (starting on a Wednesday, not leap: 1800 is a
 * century year), and in the other years. */
static void weeks_in_year_match_gnu_date(void **state)
{
    static const struct {
        int year;
        int weeks;
    } rows[] = {
        {1992, 53}, {1998, 53}, {2004, 53}, {2009, 53}, {2015, 53}, {2020, 53}, {2026, 53},
        {2032, 53}, {2037, 53}, {1908, 53}, {2025, 52}, {1800, 52}, {2021, 52}, {2027, 52},
        {2024, 52}, {2000, 52}, {1900, 52}, {2100, 52}, {1999, 52}, {2019, 52},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int weeks = core_iso_weeks_in_year(rows[i].year);
        struct core_iso_week last = {rows[i].year, rows[i].weeks};
        struct core_iso_week past = {rows[i].year, rows[i].weeks + 1};

        if (weeks != rows[i].weeks)
            fail_msg("%d: %d weeks, expected %d", rows[i].year, weeks, rows[i].weeks);
        if (!core_iso_week_valid(last) || core_iso_week_valid(past))
            fail_msg("%d: week %d should be its last", rows[i].year, rows[i].weeks);
    }
    assert_false(core_iso_week_valid((struct core_iso_week){2026, 0}));
    assert_false(core_iso_week_valid((struct core_iso_week){2026, -1}));
    assert_true(core_iso_week_valid((struct core_iso_week){2026, 1}));
}

/* Property, not a reference: every day from 1990 to 2040 lies in the week whose Monday is at most
 * 6 days before it, that week is valid, and the weekday is its distance from the Monday plus 1. */
static void every_day_in_its_week(void **state)
{
    const int64_t first = core_date_to_days((struct core_date){1990, 1, 1});
    const int64_t last = core_date_to_days((struct core_date){2040, 12, 31});

    (void)state;
    for (int64_t n = first; n <= last; n++) {
        struct core_date d = core_date_from_days(n);
        struct core_iso_week w = core_iso_week_of(d);
        int64_t monday = core_date_to_days(core_iso_week_monday(w));

        if (!core_iso_week_valid(w) || n - monday < 0 || n - monday > 6 ||
            core_iso_weekday(d) != (int)(n - monday) + 1)
            fail_msg("%d-%02d-%02d: %d-W%02d", d.year, d.month, d.day, w.year, w.week);
    }
}

static void week_order(void **state)
{
    (void)state;
    assert_int_equal(
        core_iso_week_cmp((struct core_iso_week){2020, 53}, (struct core_iso_week){2021, 1}), -1);
    assert_int_equal(
        core_iso_week_cmp((struct core_iso_week){2021, 2}, (struct core_iso_week){2021, 1}), 1);
    assert_int_equal(
        core_iso_week_cmp((struct core_iso_week){2026, 53}, (struct core_iso_week){2026, 53}), 0);
}

/* "YYYY-Www" as HTML's <input type="week"> sends it (the extended form of ISO 8601); week 53 only
 * in a year that has one (2026 does, 2025 does not: the rows above, from GNU date). Every other
 * spelling is refused with the reason the contract names for it, and formatting gives the text
 * back. */
static void parse_and_format(void **state)
{
    static const struct {
        const char *text;
        enum sp_code rc;
        enum sp_reason reason;
        int year, week;
    } rows[] = {
        {"2026-W05", SP_OK, SP_R_INVALID, 2026, 5},
        {"2026-W53", SP_OK, SP_R_INVALID, 2026, 53},
        {"2020-W01", SP_OK, SP_R_INVALID, 2020, 1},
        {"2025-W53", SP_INVALID, SP_R_RANGE, 0, 0},
        {"2026-W00", SP_INVALID, SP_R_RANGE, 0, 0},
        {"2026-W54", SP_INVALID, SP_R_RANGE, 0, 0},
        {"1799-W10", SP_INVALID, SP_R_YEAR_RANGE, 0, 0},
        {"2026-w05", SP_INVALID, SP_R_WEEK_FORMAT, 0, 0},
        {"2026W05", SP_INVALID, SP_R_WEEK_FORMAT, 0, 0},
        {"2026-W5", SP_INVALID, SP_R_WEEK_FORMAT, 0, 0},
        {"2026-W05-1", SP_INVALID, SP_R_WEEK_FORMAT, 0, 0},
        {"2026-05", SP_INVALID, SP_R_WEEK_FORMAT, 0, 0},
        {"20x6-W05", SP_INVALID, SP_R_WEEK_FORMAT, 0, 0},
        {"", SP_INVALID, SP_R_WEEK_FORMAT, 0, 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct core_iso_week w = {0, 0};
        struct sp_err err = {0};
        char back[9];
        enum sp_code rc = core_iso_week_parse(rows[i].text, strlen(rows[i].text), "from", &w, &err);

        if (rc != rows[i].rc)
            fail_msg("%s: code %d", rows[i].text, rc);
        if (rc != SP_OK) {
            if (err.reason != rows[i].reason || strcmp(err.field, "from") != 0)
                fail_msg("%s: reason %d field %s", rows[i].text, err.reason, err.field);
            continue;
        }
        if (w.year != rows[i].year || w.week != rows[i].week)
            fail_msg("%s: read as %d-%d", rows[i].text, w.year, w.week);
        core_iso_week_format(w, back);
        assert_string_equal(back, rows[i].text);
    }
    {
        struct core_iso_week w;
        struct sp_err err = {0};

        assert_int_equal(core_iso_week_parse("2025-W53", 8, "to", &w, &err), SP_INVALID);
        assert_int_equal(err.max, 52); /* the weeks 2025 has */
        assert_int_equal(core_iso_week_parse(NULL, 0, "to", &w, &err), SP_INVALID);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(week_of_matches_gnu_date),
        cmocka_unit_test(monday_matches_gnu_date),
        cmocka_unit_test(weeks_in_year_match_gnu_date),
        cmocka_unit_test(every_day_in_its_week),
        cmocka_unit_test(week_order),
        cmocka_unit_test(parse_and_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
