/* core/date: calendar validity, day numbers, parsing, formatting, age and month arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/date.h"

/* Reference: GNU coreutils 9.1, `echo $(( $(date -u -d YYYY-MM-DD +%s) / 86400 ))`, run by hand
 * for each row; an implementation independent of Hinnant's algorithm. Rows straddle the epoch,
 * both sides of a century leap rule (1900 no, 2000 yes), the CPR range ends 1858 and 2057, the
 * CPR's start 1968-04-02 [S1], and the extremes of core_date_parse's range. */
static const struct {
    struct core_date date;
    int64_t days;
} day_rows[] = {
    {{1970, 1, 1}, 0},         {{1969, 12, 31}, -1},    {{2000, 2, 29}, 11016},
    {{2000, 3, 1}, 11017},     {{1900, 2, 28}, -25509}, {{1900, 3, 1}, -25508},
    {{2024, 2, 29}, 19782},    {{1800, 1, 1}, -62091},  {{1858, 1, 1}, -40907},
    {{1899, 12, 31}, -25568},  {{1968, 4, 2}, -639},    {{2057, 12, 31}, 32141},
    {{9999, 12, 31}, 2932896}, {{1, 1, 1}, -719162},
};

static void days_match_gnu_date(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof day_rows / sizeof day_rows[0]; i++) {
        int64_t days = core_date_to_days(day_rows[i].date);
        struct core_date back = core_date_from_days(day_rows[i].days);

        if (days != day_rows[i].days)
            fail_msg("row %zu: %lld days, expected %lld", i, (long long)days,
                     (long long)day_rows[i].days);
        if (core_date_cmp(back, day_rows[i].date) != 0)
            fail_msg("row %zu: from_days gave %d-%d-%d", i, back.year, back.month, back.day);
    }
}

/* Property, not a reference: from 1800-01-01 to 2100-12-31 every day number maps to a valid date
 * one day after the previous one, and back to the same number. */
static void days_round_trip(void **state)
{
    struct core_date prev = core_date_from_days(-62092); /* 1799-12-31 per GNU date */

    (void)state;
    for (int64_t n = -62091; n <= 47846; n++) { /* 47846: 2100-12-31 per GNU date */
        struct core_date d = core_date_from_days(n);

        if (!core_date_valid(d) || core_date_to_days(d) != n || core_date_cmp(prev, d) >= 0)
            fail_msg("day %lld: %d-%d-%d", (long long)n, d.year, d.month, d.day);
        prev = d;
    }
}

/* Reference: GNU coreutils 9.1, `date -u -d YYYY-MM-DD`, run by hand: it accepts exactly the rows
 * marked valid (2000 is a leap year, 1900 is not, 2024 is) and refuses the others. */
static const struct {
    struct core_date date;
    bool valid;
} valid_rows[] = {
    {{2000, 2, 29}, true},  {{1900, 2, 29}, false}, {{2024, 2, 29}, true},  {{2023, 2, 29}, false},
    {{2023, 2, 28}, true},  {{2024, 4, 30}, true},  {{2024, 4, 31}, false}, {{2024, 12, 31}, true},
    {{2024, 13, 1}, false}, {{2024, 0, 1}, false},  {{2024, 1, 0}, false},  {{2024, 1, 32}, false},
};

static void valid_matches_gregorian_rule(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof valid_rows / sizeof valid_rows[0]; i++) {
        if (core_date_valid(valid_rows[i].date) != valid_rows[i].valid)
            fail_msg("row %zu: expected %s", i, valid_rows[i].valid ? "valid" : "invalid");
    }
}

static const struct {
    const char *text;
    size_t len;
    enum sp_code code;
    struct core_date date; /* when SP_OK */
} parse_rows[] = {
    {"2000-02-29", 10, SP_OK, {2000, 2, 29}},
    {"1900-02-29", 10, SP_INVALID, {0, 0, 0}},
    {"2024-02-29", 10, SP_OK, {2024, 2, 29}},
    {"2023-02-29", 10, SP_INVALID, {0, 0, 0}},
    {"1800-01-01", 10, SP_OK, {1800, 1, 1}},
    {"1799-12-31", 10, SP_INVALID, {0, 0, 0}},
    {"9999-12-31", 10, SP_OK, {9999, 12, 31}},
    {"0000-01-01", 10, SP_INVALID, {0, 0, 0}},
    {"2024-04-30", 10, SP_OK, {2024, 4, 30}},
    {"2024-04-31", 10, SP_INVALID, {0, 0, 0}},
    {"2024-13-01", 10, SP_INVALID, {0, 0, 0}},
    {"2024-00-10", 10, SP_INVALID, {0, 0, 0}},
    {"2024-01-00", 10, SP_INVALID, {0, 0, 0}},
    {"2024-1-01", 9, SP_INVALID, {0, 0, 0}},
    {"2024/01/01", 10, SP_INVALID, {0, 0, 0}},
    {"2024-01-01 ", 11, SP_INVALID, {0, 0, 0}},
    {" 2024-01-01", 11, SP_INVALID, {0, 0, 0}},
    {"+024-01-01", 10, SP_INVALID, {0, 0, 0}},
    {"2024-01-0a", 10, SP_INVALID, {0, 0, 0}},
    {"20240101", 8, SP_INVALID, {0, 0, 0}},
    {"", 0, SP_INVALID, {0, 0, 0}},
    {"2024-01-011", 10, SP_OK, {2024, 1, 1}}, /* only len bytes are read */
};

static void parse_matches_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof parse_rows / sizeof parse_rows[0]; i++) {
        struct core_date d = {0, 0, 0};
        struct sp_err err = {0};
        enum sp_code rc =
            core_date_parse(parse_rows[i].text, parse_rows[i].len, "/start", &d, &err);

        if (rc != parse_rows[i].code)
            fail_msg("row %zu: code %d, expected %d", i, rc, parse_rows[i].code);
        if (rc == SP_OK && core_date_cmp(d, parse_rows[i].date) != 0)
            fail_msg("row %zu: parsed %d-%d-%d", i, d.year, d.month, d.day);
        if (rc != SP_OK && (strcmp(err.field, "/start") != 0 || err.detail[0] == '\0'))
            fail_msg("row %zu: field \"%s\", detail \"%s\"", i, err.field, err.detail);
        /* Never quote the input: no row's text may appear in the detail. */
        if (rc != SP_OK && parse_rows[i].len >= 4 && strstr(err.detail, parse_rows[i].text))
            fail_msg("row %zu: detail quotes the input", i);
    }
}

static void parse_null_is_invalid(void **state)
{
    struct core_date d = {0, 0, 0};
    struct sp_err err = {0};

    (void)state;
    assert_int_equal(core_date_parse(NULL, 0, "/start", &d, &err), SP_INVALID);
    assert_string_equal(err.detail, "Give a date as YYYY-MM-DD.");
    assert_int_equal(core_date_parse("2023-02-29", 10, "/x", &d, &err), SP_INVALID);
    assert_string_equal(err.detail, "The date does not exist in the calendar.");
}

static const struct {
    struct core_date date;
    const char *text;
} format_rows[] = {
    {{2000, 2, 29}, "2000-02-29"},
    {{1858, 1, 1}, "1858-01-01"},
    {{9999, 12, 31}, "9999-12-31"},
    {{1, 1, 1}, "0001-01-01"},
};

static void format_is_iso(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof format_rows / sizeof format_rows[0]; i++) {
        char buf[11];

        core_date_format(format_rows[i].date, buf);
        if (strcmp(buf, format_rows[i].text) != 0)
            fail_msg("row %zu: \"%s\", expected \"%s\"", i, buf, format_rows[i].text);
    }
}

static void cmp_orders(void **state)
{
    static const struct {
        struct core_date a, b;
        int cmp;
    } rows[] = {
        {{2000, 1, 1}, {2000, 1, 1}, 0},  {{1999, 12, 31}, {2000, 1, 1}, -1},
        {{2000, 2, 1}, {2000, 1, 31}, 1}, {{2000, 1, 2}, {2000, 1, 1}, 1},
        {{2000, 1, 1}, {2000, 1, 2}, -1},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (core_date_cmp(rows[i].a, rows[i].b) != rows[i].cmp)
            fail_msg("row %zu: expected %d", i, rows[i].cmp);
    }
}

/* Reference: python-dateutil 2.9.0 relativedelta(b, a).years, run by hand, for every row with
 * on >= birth except the leap-day row marked below. Negative rows follow date.h's contract
 * ("negative if on < birth"), where relativedelta truncates towards 0 instead. */
static const struct {
    struct core_date birth, on;
    int age;
} age_rows[] = {
    {{2001, 3, 7}, {2019, 3, 6}, 17}, /* the day before the 18th birthday */
    {{2001, 3, 7}, {2019, 3, 7}, 18}, /* the birthday */
    {{2001, 3, 7}, {2001, 3, 7}, 0},
    {{2000, 2, 29}, {2004, 2, 29}, 4},
    {{2000, 2, 29}, {2001, 3, 1}, 1},
    /* Convention, not a reference: relativedelta says 1 here (birthday on 28 February); we count
     * 1 March, see core_date_age(). */
    {{2000, 2, 29}, {2001, 2, 28}, 0},
    {{2001, 3, 7}, {2001, 3, 6}, -1},
    {{2001, 3, 7}, {2000, 3, 8}, -1},
};

static void age_matches_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof age_rows / sizeof age_rows[0]; i++) {
        int age = core_date_age(age_rows[i].birth, age_rows[i].on);

        if (age != age_rows[i].age)
            fail_msg("row %zu: age %d, expected %d", i, age, age_rows[i].age);
    }
}

/* Reference: python-dateutil 2.9.0, date(...) + relativedelta(months=n), which clamps the day to
 * the month's length as date.h promises; the first row is date.h's own example. */
static const struct {
    struct core_date from;
    int months;
    struct core_date to;
} month_rows[] = {
    {{2025, 1, 31}, 1, {2025, 2, 28}},   {{2024, 1, 31}, 1, {2024, 2, 29}},
    {{2025, 3, 31}, -1, {2025, 2, 28}},  {{2025, 12, 15}, 1, {2026, 1, 15}},
    {{2025, 1, 15}, -1, {2024, 12, 15}}, {{2024, 2, 29}, 12, {2025, 2, 28}},
    {{2024, 2, 29}, 48, {2028, 2, 29}},  {{2025, 5, 31}, -13, {2024, 4, 30}},
    {{2025, 5, 31}, 0, {2025, 5, 31}},   {{2000, 1, 31}, -1201, {1899, 12, 31}},
    {{2025, 8, 31}, 1, {2025, 9, 30}},
};

static void add_months_clamps(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof month_rows / sizeof month_rows[0]; i++) {
        struct core_date d = core_date_add_months(month_rows[i].from, month_rows[i].months);

        if (core_date_cmp(d, month_rows[i].to) != 0)
            fail_msg("row %zu: %d-%d-%d", i, d.year, d.month, d.day);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(days_match_gnu_date),
        cmocka_unit_test(days_round_trip),
        cmocka_unit_test(valid_matches_gregorian_rule),
        cmocka_unit_test(parse_matches_rows),
        cmocka_unit_test(parse_null_is_invalid),
        cmocka_unit_test(format_is_iso),
        cmocka_unit_test(cmp_orders),
        cmocka_unit_test(age_matches_rows),
        cmocka_unit_test(add_months_clamps),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
