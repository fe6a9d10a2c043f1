/* The date bounds as one table: which dates each kind of date may not precede, whether it must
 * have happened, and how far ahead it may be planned. */
#include "core/date_bounds.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    NOT_BEFORE_BIRTH = 1u << 0,
    NOT_BEFORE_REFERRAL = 1u << 1,
    NOT_BEFORE_PROJECT_START = 1u << 2,
    NOT_BEFORE_START = 1u << 3, /* on or after facts->start */
    AFTER_START = 1u << 4,      /* strictly after facts->start */
    HAS_HAPPENED = 1u << 5,     /* not after today */
};

struct date_rule {
    unsigned bounds;
    int months_ahead; /* > 0: not after today plus this many months */
};

/* A referral is to the project, so not before it starts; what happens in a course (screening,
 * assessments, decisions, sessions, follow-ups, reviews, the plan) comes on or after the
 * referral. A consent is the person's own act and may be given at the meeting that leads to
 * the referral, so only their birth bounds it. */
static const struct date_rule rules[DATE_KIND__COUNT] = {
    [DATE_KIND_REFERRAL] = {NOT_BEFORE_BIRTH | NOT_BEFORE_PROJECT_START | HAS_HAPPENED, 0},
    [DATE_KIND_CONSENT] = {NOT_BEFORE_BIRTH | HAS_HAPPENED, 0},
    [DATE_KIND_ASSESSMENT] = {NOT_BEFORE_BIRTH | NOT_BEFORE_REFERRAL | HAS_HAPPENED, 0},
    [DATE_KIND_ELIGIBILITY] = {NOT_BEFORE_BIRTH | NOT_BEFORE_REFERRAL | HAS_HAPPENED, 0},
    [DATE_KIND_SESSION] = {NOT_BEFORE_BIRTH | NOT_BEFORE_REFERRAL | HAS_HAPPENED, 0},
    [DATE_KIND_SAFETY_FOLLOWUP] = {NOT_BEFORE_BIRTH | NOT_BEFORE_REFERRAL | HAS_HAPPENED, 0},
    [DATE_KIND_CASE_REVIEW] = {NOT_BEFORE_BIRTH | NOT_BEFORE_REFERRAL | HAS_HAPPENED, 0},
    [DATE_KIND_TASK_DUE] = {NOT_BEFORE_REFERRAL, CORE_DATE_TREATMENT_MONTHS_AHEAD},
    [DATE_KIND_GOAL_DUE] = {NOT_BEFORE_REFERRAL, CORE_DATE_TREATMENT_MONTHS_AHEAD},
    [DATE_KIND_PLAN_START] = {NOT_BEFORE_BIRTH | NOT_BEFORE_REFERRAL,
                              CORE_DATE_TREATMENT_MONTHS_AHEAD},
    [DATE_KIND_AFTERCARE_FROM] = {NOT_BEFORE_START, CORE_DATE_TREATMENT_MONTHS_AHEAD},
    [DATE_KIND_PROJECT_START] = {0, CORE_DATE_PROJECT_MONTHS_AHEAD},
    [DATE_KIND_PROJECT_END] = {AFTER_START, CORE_DATE_PROJECT_MONTHS_AHEAD},
    /* A contact with an employer need not be about anyone (job development), so nothing but
     * today bounds it; its next step comes on or after it. */
    [DATE_KIND_EMPLOYER_CONTACT] = {HAS_HAPPENED, 0},
    [DATE_KIND_NEXT_STEP] = {NOT_BEFORE_START, CORE_DATE_NEXT_STEP_MONTHS_AHEAD},
    /* An episode may have begun before the referral (the job a young person came with: the
     * IPS measures leave it out, docs/employment-track.md), so only their birth bounds its
     * start; its end is recorded once it has happened (core_episode_check: not before the start). A
     * follow-along contact is the programme's work, so on or after the referral. */
    [DATE_KIND_EPISODE_START] = {NOT_BEFORE_BIRTH, CORE_DATE_EPISODE_MONTHS_AHEAD},
    [DATE_KIND_EPISODE_END] = {NOT_BEFORE_BIRTH | HAS_HAPPENED, 0},
    [DATE_KIND_FOLLOW_ALONG] = {NOT_BEFORE_BIRTH | NOT_BEFORE_REFERRAL | HAS_HAPPENED, 0},
    /* A meeting with the young person, or a note about them, has happened, after their referral.
     * A group session is no one person's: it may be planned as far ahead as a next step. */
    [DATE_KIND_MEETING] = {NOT_BEFORE_BIRTH | NOT_BEFORE_REFERRAL | HAS_HAPPENED, 0},
    [DATE_KIND_GROUP_SESSION] = {0, CORE_DATE_NEXT_STEP_MONTHS_AHEAD},
};

static bool needs(const struct date_rule *r, unsigned bound, const struct core_date *fact)
{
    return (r->bounds & bound) != 0 && fact != NULL;
}

static bool missing(const struct date_rule *r, unsigned bound, const struct core_date *fact)
{
    return (r->bounds & bound) != 0 && fact == NULL;
}

static enum sp_code with_date(struct sp_err *err, struct core_date d, bool earliest)
{
    char text[11];

    core_date_format(d, text);
    return earliest ? sp_err_dates(err, text, NULL) : sp_err_dates(err, NULL, text);
}

/* The bounds before the date: the person's, then the project's, then the start it follows. */
static enum sp_code check_floors(const struct date_rule *r, struct core_date d,
                                 const struct core_date_facts *f, const char *field,
                                 struct sp_err *err)
{
    const unsigned start_bounds = NOT_BEFORE_START | AFTER_START;

    if (needs(r, NOT_BEFORE_BIRTH, f->birth) && core_date_cmp(d, *f->birth) < 0)
        return sp_err_invalid(err, field, SP_R_DATE_BEFORE_BIRTH,
                              "The date is before the citizen's birth date.");
    if (needs(r, NOT_BEFORE_REFERRAL, f->referral) && core_date_cmp(d, *f->referral) < 0)
        return sp_err_invalid(err, field, SP_R_DATE_BEFORE_REFERRAL,
                              "The date is before the enrolment's referral date.");
    if (needs(r, NOT_BEFORE_PROJECT_START, f->project_start) &&
        core_date_cmp(d, *f->project_start) < 0) {
        sp_err_invalid(err, field, SP_R_DATE_BEFORE_PROJECT_START,
                       "The date is before the project's period starts.");
        return with_date(err, *f->project_start, true);
    }
    if (needs(r, start_bounds, f->start)) {
        struct core_date first = *f->start;

        if (r->bounds & AFTER_START)
            first = core_date_from_days(core_date_to_days(first) + 1);
        if (core_date_cmp(d, first) < 0) {
            sp_err_invalid(err, field, SP_R_DATE_BEFORE_START,
                           "The date must not come before the start it follows.");
            return with_date(err, first, true);
        }
    }
    return SP_OK;
}

enum sp_code core_date_check(enum core_date_kind kind, struct core_date d,
                             const struct core_date_facts *facts, const char *field,
                             struct sp_err *err)
{
    const struct date_rule *r;
    enum sp_code rc;

    if ((unsigned)kind >= DATE_KIND__COUNT)
        return sp_err_set(err, SP_INTERNAL, "", "Unknown kind of date.");
    r = &rules[kind];
    if (missing(r, NOT_BEFORE_BIRTH, facts->birth) ||
        missing(r, NOT_BEFORE_REFERRAL, facts->referral) ||
        missing(r, NOT_BEFORE_PROJECT_START, facts->project_start) ||
        missing(r, NOT_BEFORE_START | AFTER_START, facts->start))
        return sp_err_set(err, SP_INTERNAL, "", "A date bound was not given.");
    rc = check_floors(r, d, facts, field, err);
    if (rc != SP_OK)
        return rc;
    if ((r->bounds & HAS_HAPPENED) && core_date_cmp(d, facts->today) > 0) {
        sp_err_invalid(err, field, SP_R_DATE_IN_FUTURE,
                       "The date is in the future; record it once it has happened.");
        return with_date(err, facts->today, false);
    }
    if (r->months_ahead > 0) {
        struct core_date last = core_date_add_months(facts->today, r->months_ahead);

        if (core_date_cmp(d, last) > 0) {
            sp_err_invalid(err, field, SP_R_DATE_TOO_FAR_AHEAD,
                           "The date is too far ahead to be a plan.");
            return with_date(err, last, false);
        }
    }
    return SP_OK;
}
