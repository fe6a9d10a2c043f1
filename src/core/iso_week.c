/* ISO 8601 week dates: the rules of core/iso_week.h, on core/date.c's day numbers. */
#include "core/iso_week.h"

#include <stdio.h>

/* Day numbers count from 1970-01-01, a Thursday (ISO weekday 4). */
static int weekday_of_days(int64_t days)
{
    int64_t r = (days + 3) % 7;

    if (r < 0)
        r += 7;
    return (int)r + 1;
}

int core_iso_weekday(struct core_date d)
{
    return weekday_of_days(core_date_to_days(d));
}

int core_iso_weeks_in_year(int year)
{
    const struct core_date jan1 = {year, 1, 1};
    const struct core_date leap_day = {year, 2, 29};
    const int wd = core_iso_weekday(jan1);

    return (wd == 4 || (wd == 3 && core_date_valid(leap_day))) ? 53 : 52;
}

bool core_iso_week_valid(struct core_iso_week w)
{
    return w.week >= 1 && w.week <= core_iso_weeks_in_year(w.year);
}

/* Week 1 is the week that holds 4 January, so its Monday is at most 3 days before it. */
static int64_t week1_monday_days(int year)
{
    const struct core_date jan4 = {year, 1, 4};
    const int64_t days = core_date_to_days(jan4);

    return days - (weekday_of_days(days) - 1);
}

struct core_iso_week core_iso_week_of(struct core_date d)
{
    const int64_t days = core_date_to_days(d);
    /* The week's Thursday decides its year. */
    const int64_t thursday = days - (weekday_of_days(days) - 1) + 3;
    struct core_iso_week w;

    w.year = core_date_from_days(thursday).year;
    w.week = (int)((thursday - week1_monday_days(w.year)) / 7) + 1;
    return w;
}

struct core_date core_iso_week_monday(struct core_iso_week w)
{
    return core_date_from_days(week1_monday_days(w.year) + (int64_t)(w.week - 1) * 7);
}

int core_iso_week_cmp(struct core_iso_week a, struct core_iso_week b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.week != b.week)
        return a.week < b.week ? -1 : 1;
    return 0;
}

enum sp_code core_iso_week_parse(const char *s, size_t len, const char *field,
                                 struct core_iso_week *out, struct sp_err *err)
{
    struct core_iso_week w;

    /* One spelling for one week: the extended form only, "W" upper-case, two digits. */
    if (s == NULL || len != 8 || s[4] != '-' || s[5] != 'W' || !core_ascii_digits(s, 4, &w.year) ||
        !core_ascii_digits(s + 6, 2, &w.week))
        return sp_err_invalid(err, field, SP_R_WEEK_FORMAT, "Give a week as YYYY-Www.");
    if (w.year < 1800) { /* as core_date_parse: earlier years are typing errors here */
        sp_err_invalid(err, field, SP_R_YEAR_RANGE, "Give a year from 1800 to 9999.");
        return sp_err_range(err, 1800, 9999);
    }
    if (!core_iso_week_valid(w)) {
        sp_err_invalid(err, field, SP_R_RANGE, "The year does not have this week.");
        return sp_err_range(err, 1, core_iso_weeks_in_year(w.year));
    }
    *out = w;
    return SP_OK;
}

void core_iso_week_format(struct core_iso_week w, char buf[9])
{
    unsigned year = (unsigned)w.year % 10000u;
    unsigned week = (unsigned)w.week % 100u;

    snprintf(buf, 9, "%04u-W%02u", year, week);
}
