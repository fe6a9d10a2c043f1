/* Weekly labour-market status of an enrolment, derived from its employment and education
 * episodes: one status per ISO week, chosen by a fixed precedence when several episodes overlap
 * a week, with the hours of the week counted per status. The vocabulary is defined once, here, as
 * a table (labour_status.c); the UI's catalogues give it words, and the evaluation's register
 * import maps register codes onto the same codes. docs/employment-track.md says why each rule is
 * what it is. Pure: no I/O, no clock, no allocation. */
#ifndef SP_CORE_LABOUR_STATUS_H
#define SP_CORE_LABOUR_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/date.h"
#include "core/iso_week.h"

/* The statuses, in no particular order (the precedence is the table's, not the enum's). */
enum core_labour_status {
    LABOUR_NONE,
    LABOUR_ORDINARY_WORK,   /* an ordinary (competitive) job */
    LABOUR_SUBSIDISED_WORK, /* job med løntilskud, or fleksjob */
    LABOUR_INTERNSHIP,      /* virksomhedspraktik */
    LABOUR_EDUCATION,       /* an education (institution, programme, level) */
    LABOUR_COURSE,          /* a course or upskilling (vejledning og opkvalificering) */
    LABOUR__COUNT
};

/* A row of the vocabulary. */
struct core_labour_status_info {
    const char *code; /* stable machine code, e.g. "ordinary_work": part of the API contract */
    int rank;         /* precedence in a week with several statuses: the lowest rank wins */
    bool counted;     /* "in work or education" by default (core_labour_counted_default) */
};

/* The row of `status`; NULL for a value outside the enum. */
const struct core_labour_status_info *core_labour_status_info(enum core_labour_status status);

/* The status whose code is `code` (NUL-terminated); false for NULL or an unknown code. */
bool core_labour_status_from_code(const char *code, enum core_labour_status *out);

/* The status an episode of kind `kind` (core/model.h's struct episode: "ordinary_job",
 * "subsidised_job", "flexjob", "internship", "education", "course") puts a week in; false for
 * NULL or an unknown kind. */
bool core_labour_status_of_kind(const char *kind, enum core_labour_status *out);

/* The episode kinds, in table order: *count of them, static strings. For an "allowed" list. */
const char *const *core_labour_episode_kinds(size_t *count);

/* A set of statuses as bits (1u << status). The default set that counts as "in work or
 * education": ordinary work and education, the outcome of the Danish IPS trials
 * ([CHRISTENSEN2019], [HELLSTROM2017]); whether they counted subsidised jobs or internships is
 * UNVERIFIED, so a project may count more (a project setting, when the store has one). */
unsigned core_labour_counted_default(void);

/* Does a week in `status` count as in work or education under the set `counted`? */
bool core_labour_in_work_or_education(enum core_labour_status status, unsigned counted);

/* One episode as the derivation reads it. */
struct core_labour_episode {
    const char *kind;       /* an episode kind, as core_labour_status_of_kind reads it */
    struct core_date start; /* first day */
    struct core_date end;   /* last day (both ends are days of the episode); unread when open */
    bool open;              /* still going on: it runs to the end of the range asked for */
    int hours_per_week;     /* 0..168; 0 also when not recorded */
};

/* One ISO week of the result. */
struct core_labour_week {
    struct core_iso_week week;
    enum core_labour_status status; /* LABOUR_NONE when no episode overlaps the week */
    /* The hours per week of the episodes overlapping the week, summed per status (two part-time
     * jobs of 20 and 15 hours give ordinary work 35), each episode with its whole weekly hours
     * however few of its days fall in the week. */
    int hours[LABOUR__COUNT];
};

/* Limits that keep the sums in int and a result in one answer: 1000 episodes of at most 168
 * hours sum to 168,000; 1,100 weeks are more than 21 years. */
#define CORE_LABOUR_EPISODES_MAX 1000
#define CORE_LABOUR_WEEKS_MAX 1100
#define CORE_LABOUR_HOURS_MAX 168

/* Fill out[0..*count) with one row per ISO week from `from` to `to`, both included, in order: an
 * episode counts in a week when it overlaps any day (Monday to Sunday) of it, and of the statuses
 * of the episodes overlapping a week the one of lowest rank is the week's. out has room for cap
 * rows. SP_OK; or SP_INVALID, with *count 0 and nothing promised about out, when: `from` or `to`
 * is not a week of its year ("/from", "/to": out_of_range 1..52 or 53); `to` is before `from`
 * ("/to": not_increasing); the range has more than cap or CORE_LABOUR_WEEKS_MAX weeks ("/to":
 * count_out_of_range); n is over CORE_LABOUR_EPISODES_MAX ("/episodes"); an episode has an unknown
 * kind ("/episodes/I/kind": one_of), a start or end not in the calendar, an end before its start
 * ("/episodes/I/end_date": date_before_start, earliest its start), or hours outside 0..168
 * ("/episodes/I/hours_per_week"). The detail never quotes a value. */
enum sp_code core_labour_weeks(const struct core_labour_episode *episodes, size_t n,
                               struct core_iso_week from, struct core_iso_week to,
                               struct core_labour_week *out, size_t cap, size_t *count,
                               struct sp_err *err);

#endif
