/* Civil dates (proleptic Gregorian), pure: no clock, no I/O. Today is always passed in. */
#ifndef SP_CORE_DATE_H
#define SP_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct core_date {
    int year;  /* e.g. 2026 */
    int month; /* 1..12 */
    int day;   /* 1..31 */
};

/* True when year/month/day name a real calendar day (leap years per the Gregorian rule). */
bool core_date_valid(struct core_date d);

/* Days since 1970-01-01 (negative before); d must be valid. */
int64_t core_date_to_days(struct core_date d);

/* Inverse of core_date_to_days. */
struct core_date core_date_from_days(int64_t days);

/* -1, 0 or 1 as a is before, equal to or after b. */
int core_date_cmp(struct core_date a, struct core_date b);

/* Parse exactly "YYYY-MM-DD" (len bytes, no NUL needed) into *out. SP_OK, or SP_INVALID with
 * field set to `field` and a detail that never quotes the input. */
enum sp_code core_date_parse(const char *s, size_t len, const char *field, struct core_date *out,
                             struct sp_err *err);

/* Write "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void core_date_format(struct core_date d, char buf[11]);

/* The value of the n ASCII digits at s (n at most 9); false when one of them is not a digit. */
bool core_ascii_digits(const char *s, size_t n, int *value);

/* Whole years from birth to on (the age a person has on date `on`); negative if on < birth. */
int core_date_age(struct core_date birth, struct core_date on);

/* Add whole months, clamping the day to the month's length (2025-01-31 + 1 month = 2025-02-28). */
struct core_date core_date_add_months(struct core_date d, int months);

#endif
