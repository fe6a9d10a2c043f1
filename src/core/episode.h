/* Employment and education episodes (docs/employment-track.md "Episodes"): their vocabularies as
 * data, the rules between an episode's members, which kinds count as being in work or education,
 * which episode is going on on a day, and what a follow-along contact needs. Pure. */
#ifndef SP_CORE_EPISODE_H
#define SP_CORE_EPISODE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/date.h"

/* Does an episode of this kind put the citizen in work or education (the employment summary's
 * in_work_or_education)? An ordinary job or education: the outcome the IPS trials count,
 * competitive employment or education ([CHRISTENSEN2019] in docs/sources.md). A subsidised job,
 * flexjob, internship or course is a step towards it, not the outcome. False for anything else.
 * The same answer as core_labour_in_work_or_education with the default set. */
bool core_episode_in_work_or_education(const char *kind);

/* Is an episode from start to end (ISO dates; end NULL: still going on) going on on `day`? Both
 * ends count. */
bool core_episode_on(const char *start, const char *end, const char *day);

/* NULL-terminated lists of codes, in the order the UI offers them (docs/employment-track.md):
 * the education levels a Danish young person meets (also the levels of the vocational profile's
 * education history), an internship's purpose, how an episode ended, with whom a follow-along
 * contact was and how it was made. The episode kinds are core/labour_status.h's. */
extern const char *const core_episode_levels[];
extern const char *const core_episode_purposes[];
extern const char *const core_episode_end_reasons[];
extern const char *const core_follow_along_parties[];
extern const char *const core_follow_along_kinds[];

/* Is code one of the NULL-terminated list? False for NULL. */
bool core_episode_code_in(const char *const *list, const char *code);

/* Longest free texts of an episode and a follow-along contact, in characters. */
#define CORE_EPISODE_TEXT_MAX 200
#define CORE_FOLLOW_ALONG_NOTE_MAX 2000

/* An episode as it is to be stored (created, or changed and merged with what was stored): which
 * members are set, and the values the rules compare. */
struct core_episode_fields {
    const char *kind;       /* an episode kind (core_labour_episode_kinds) */
    struct core_date start; /* first day */
    bool has_end;           /* ended: end is its last day */
    struct core_date end;
    int hours_per_week; /* -1: not recorded */
    bool has_employer;  /* employer_id set */
    bool has_institution;
    bool has_programme;
    const char *level;      /* NULL: none */
    const char *purpose;    /* NULL: none */
    const char *end_reason; /* NULL: none */
};

/* SP_OK when the episode's members fit its kind and each other; else SP_INVALID naming the first
 * member at fault, in this order: "/kind" (one_of, the kinds); "/end_date" before the start
 * (date_before_start, earliest the start); "/hours_per_week" outside 0..168 (range); a member its
 * kind does not have (only_for_kind, allowed: the kinds that have it) — "/employer_id" (the job
 * and internship kinds), "/institution", "/programme", "/level" (education), "/purpose"
 * (internship); a member its kind requires missing (required) — "/level" for education,
 * "/purpose" for an internship; "/level", "/purpose" not of their list (one_of); "/end_reason"
 * without an end (only_when_ending), missing with one (required), or not of its list (one_of).
 * The detail never quotes a value. */
enum sp_code core_episode_check(const struct core_episode_fields *f, struct sp_err *err);

/* SP_OK when a follow-along contact may be recorded: with_whom and kind of their lists
 * ("/with_whom",
 * "/kind": one_of), its date not before the episode's start ("/date": date_before_start, earliest
 * the start: an episode that has not started has no follow-along yet), and a contact with the
 * employer or school only when the young person agreed to it on the episode ("/with_whom":
 * contact_not_agreed). */
enum sp_code core_follow_along_check(const char *with_whom, const char *kind, bool contact_allowed,
                                     struct core_date episode_start, struct core_date date,
                                     struct sp_err *err);

#endif
