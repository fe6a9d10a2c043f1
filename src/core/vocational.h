/* The vocational profile (docs/employment-track.md "Vocational profile"): the young person's own
 * goals, what work or education they want and do not want, hours, places and travel, their work
 * and education history, and what an employer may be told about their health (IPS disclosure).
 * Its vocabularies as data and the rules of a history entry. Pure. */
#ifndef SP_CORE_VOCATIONAL_H
#define SP_CORE_VOCATIONAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* What the young person wants an employer or school told about their health: nothing, some of it
 * (the note says what), or all of it — the IPS "disclosure" choice (docs/employment-track.md
 * "Vocational profile"; the fidelity scale's item on it is UNVERIFIED against the official scale).
 * A history entry's area, and an education's outcome. NULL-terminated. */
extern const char *const core_vocational_disclosures[];
extern const char *const core_vocational_areas[];
extern const char *const core_vocational_outcomes[];

/* Limits of a profile: its free texts in characters, and the entries of its history. */
#define CORE_VOCATIONAL_TEXT_MAX 4000
#define CORE_VOCATIONAL_ENTRIES_MAX 40
/* The earliest year a history entry may name: no young person in a programme for people under
 * 30 has a history before it, and a year before it is a typing error. */
#define CORE_VOCATIONAL_YEAR_MIN 1950

/* One entry of the work and education history. */
struct core_vocational_entry {
    const char *area;    /* "work" or "education" */
    const char *level;   /* education: a level of core_episode_levels; NULL for work */
    const char *outcome; /* education: completed, dropped_out, ongoing; NULL for work */
    int from_year;       /* 0: not given */
    int to_year;         /* 0: not given (still going on, or not known) */
};

/* SP_OK when the entry holds together; else SP_INVALID at prefix + the member ("/area",
 * "/level", "/outcome": one_of; "/level", "/outcome" on a work entry: only_for_kind, allowed
 * ["education"]; "/level" missing on an education entry: required; "/from_year", "/to_year"
 * outside CORE_VOCATIONAL_YEAR_MIN..this_year: range; "/to_year" before "/from_year":
 * not_increasing). prefix is the entry's JSON Pointer ("/education_history/2"). */
enum sp_code core_vocational_entry_check(const struct core_vocational_entry *e, int this_year,
                                         const char *prefix, struct sp_err *err);

#endif
