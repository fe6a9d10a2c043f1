/* Civil dates in the proleptic Gregorian calendar. Pure: no clock, no locale, no allocation. */
#include "core/date.h"

#include <stdio.h>

static bool is_leap_year(int64_t year)
{
    /* Gregorian rule: every 4th year, except centuries, except every 4th century (so 2000 is a
     * leap year and 1900 is not). */
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int64_t year, int month)
{
    static const int length[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (month == 2 && is_leap_year(year))
        return 29;
    return length[month - 1];
}

/* Floor division, so that days and months before the epoch round towards minus infinity. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

bool core_date_valid(struct core_date d)
{
    if (d.month < 1 || d.month > 12)
        return false;
    return d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

/* Howard Hinnant's days_from_civil ("chrono-Compatible Low-Level Date Algorithms",
 * howardhinnant.github.io/date_algorithms.html): shift the year to start on 1 March so the leap
 * day falls last, count whole 400-year eras (146097 days each), then the day of the era. Done in
 * int64_t so that no int year can overflow. */
int64_t core_date_to_days(struct core_date d)
{
    const int64_t y = (int64_t)d.year - (d.month <= 2);
    const int64_t era = floor_div(y, 400);
    const int64_t yoe = y - era * 400;                         /* [0, 399] */
    const int64_t mp = (d.month + 9) % 12;                     /* March = 0 */
    const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;        /* [0, 365] */
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */

    return era * 146097 + doe - 719468; /* 719468: days from 0000-03-01 to 1970-01-01 */
}

/* Hinnant's civil_from_days, the inverse of days_from_civil (same source). The year is cast to
 * int, so `days` must lie within int years (|days| below about 7.8e11). */
struct core_date core_date_from_days(int64_t days)
{
    const int64_t z = days + 719468;
    const int64_t era = floor_div(z, 146097);
    const int64_t doe = z - era * 146097;                                      /* [0, 146096] */
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    const int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    const int64_t day = doy - (153 * mp + 2) / 5 + 1;                          /* [1, 31] */
    const int64_t month = mp < 10 ? mp + 3 : mp - 9;                           /* [1, 12] */
    const int64_t year = yoe + era * 400 + (month <= 2);
    struct core_date d;

    d.year = (int)year;
    d.month = (int)month;
    d.day = (int)day;
    return d;
}

int core_date_cmp(struct core_date a, struct core_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

bool core_ascii_digits(const char *s, size_t n, int *value)
{
    int v = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

enum sp_code core_date_parse(const char *s, size_t len, const char *field, struct core_date *out,
                             struct sp_err *err)
{
    struct core_date d;

    /* Only the ISO 8601 calendar date in its extended form, as JSON Schema's "date" format and
     * <input type="date"> send it: no other shapes, so one value has one spelling. */
    if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-' || !core_ascii_digits(s, 4, &d.year) ||
        !core_ascii_digits(s + 5, 2, &d.month) || !core_ascii_digits(s + 8, 2, &d.day))
        return sp_err_invalid(err, field, SP_R_DATE_FORMAT, "Give a date as YYYY-MM-DD.");
    /* 1800: the oldest birth year a CPR number can encode is 1858 (docs/sources.md#s2 [S2][S3]);
     * earlier dates are typing errors in this system. */
    if (d.year < 1800) {
        sp_err_invalid(err, field, SP_R_YEAR_RANGE, "Give a year from 1800 to 9999.");
        return sp_err_range(err, 1800, 9999);
    }
    if (!core_date_valid(d))
        return sp_err_invalid(err, field, SP_R_DATE_NOT_IN_CALENDAR,
                              "The date does not exist in the calendar.");
    *out = d;
    return SP_OK;
}

void core_date_format(struct core_date d, char buf[11])
{
    /* Years outside 0..9999 do not fit; snprintf then truncates rather than overflowing. */
    snprintf(buf, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
}

int core_date_age(struct core_date birth, struct core_date on)
{
    int age = on.year - birth.year;

    /* The birthday has not come yet this year. A 29 February birthday therefore comes on 1 March
     * in common years: none of docs/sources.md settles this, so the plain comparison decides. */
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day))
        age--;
    return age;
}

struct core_date core_date_add_months(struct core_date d, int months)
{
    const int64_t total = (int64_t)d.year * 12 + (d.month - 1) + months;
    const int64_t year = floor_div(total, 12);
    struct core_date r;
    int last;

    r.year = (int)year;
    r.month = (int)(total - year * 12) + 1;
    last = days_in_month(year, r.month);
    r.day = d.day > last ? last : d.day;
    return r;
}
