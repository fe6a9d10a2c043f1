/* ISO 8601 week dates, pure: the week a date falls in, the Monday a week starts on, and how many
 * weeks a year has. A week runs Monday to Sunday and belongs to the year its Thursday falls in, so
 * week 1 is the week with the year's first Thursday (equivalently, with 4 January) and the first
 * days of January can belong to the previous year's last week, the last days of December to the
 * next year's week 1 ([ISO8601], docs/sources.md#iso8601). Built on core/date.h's day numbers. */
#ifndef SP_CORE_ISO_WEEK_H
#define SP_CORE_ISO_WEEK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"

struct core_iso_week {
    int year; /* the ISO week-numbering year, which differs from the calendar year near 1 January */
    int week; /* 1..52, or 1..53 in a long year */
};

/* 1 for Monday … 7 for Sunday, as ISO 8601 numbers the days of the week; d must be valid. */
int core_iso_weekday(struct core_date d);

/* 52 or 53: a year has week 53 when 1 January is a Thursday, or a Wednesday in a leap year (the
 * years whose Thursdays number 53). */
int core_iso_weeks_in_year(int year);

/* True when w.week is 1..core_iso_weeks_in_year(w.year). */
bool core_iso_week_valid(struct core_iso_week w);

/* The week d falls in; d must be valid. */
struct core_iso_week core_iso_week_of(struct core_date d);

/* The Monday that starts w; w must be valid (core_iso_week_valid). Its Sunday is 6 days later. */
struct core_date core_iso_week_monday(struct core_iso_week w);

/* -1, 0 or 1 as a is before, equal to or after b. */
int core_iso_week_cmp(struct core_iso_week a, struct core_iso_week b);

/* Parse s[0..len) as an ISO 8601 week in its extended form, "2026-W05" (the form of HTML's
 * <input type="week">). SP_INVALID naming `field`: week_format for any other shape;
 * year_out_of_range (1800..9999) as for dates; out_of_range (min 1, max 52 or 53) for a week the
 * year does not have. */
enum sp_code core_iso_week_parse(const char *s, size_t len, const char *field,
                                 struct core_iso_week *out, struct sp_err *err);

/* w as "YYYY-Www"; w must be valid. */
void core_iso_week_format(struct core_iso_week w, char buf[9]);

#endif
