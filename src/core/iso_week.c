/* ISO 8601 week dates: the rules of core/iso_week.h, on core/date.c's day numbers. */
#include "core/iso_week.h"

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
