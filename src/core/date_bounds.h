/* Bounds on the dates people record, so that a valid but absurd date (1800-01-01 as a PHQ-9's
 * date, 9999-12-31 as the start of aftercare) is refused: an event that has happened is not in
 * the future and not before what it belongs to (the person's birth, the referral, the project's
 * start); a planned date is not absurdly far ahead. Pure: today and the dates compared with are
 * passed in. docs/api-contract.md ("Date bounds") is the same table in prose. */
#ifndef SP_CORE_DATE_BOUNDS_H
#define SP_CORE_DATE_BOUNDS_H

#include "base/err.h"
#include "core/date.h"

/* What a date is the date of. */
enum core_date_kind {
    DATE_KIND_REFERRAL,         /* an enrolment's referral_date */
    DATE_KIND_CONSENT,          /* a consent given or withdrawn */
    DATE_KIND_ASSESSMENT,       /* a questionnaire answered */
    DATE_KIND_ELIGIBILITY,      /* an eligibility decision */
    DATE_KIND_SESSION,          /* a treatment session held */
    DATE_KIND_SAFETY_FOLLOWUP,  /* a safety follow-up done */
    DATE_KIND_CASE_REVIEW,      /* a case review held */
    DATE_KIND_TASK_DUE,         /* a task's due date (planned) */
    DATE_KIND_GOAL_DUE,         /* a joint-plan goal's due date (planned) */
    DATE_KIND_PLAN_START,       /* a treatment plan's start_date (planned or past) */
    DATE_KIND_AFTERCARE_FROM,   /* a treatment plan's aftercare_from (planned) */
    DATE_KIND_PROJECT_START,    /* a project's period_start */
    DATE_KIND_PROJECT_END,      /* a project's period_end */
    DATE_KIND_EMPLOYER_CONTACT, /* a contact with an employer made */
    DATE_KIND_NEXT_STEP,        /* an employer contact's next step (planned) */
    DATE_KIND_EPISODE_START,    /* an employment/education episode's first day (past or agreed) */
    DATE_KIND_EPISODE_END,      /* its last day, recorded when it has ended */
    DATE_KIND_FOLLOW_ALONG,     /* a follow-along contact made */
    DATE_KIND_MEETING,          /* a conversation, network meeting or team note about a person */
    DATE_KIND_GROUP_SESSION,    /* a group session (held, or planned) */
    DATE_KIND__COUNT
};

/* How far ahead a planned date may lie. Treatment (plan start, aftercare, a task's or a goal's
 * due date):
 * 24 months, twice the longest course in the collaborative-care trial the model comes from
 * (IMPACT: a depression care manager for up to 12 months; Unützer et al., JAMA
 * 2002;288(22):2836-2845). A project's period: 10 years, longer than any funding period of a
 * municipal programme; a later end (9999-12-31) is a typing error, not a plan. */
#define CORE_DATE_TREATMENT_MONTHS_AHEAD 24
#define CORE_DATE_PROJECT_MONTHS_AHEAD 120
/* A job-development contact's next step (a call back, a visit, a start) is weeks away; a date
 * more than a year ahead is a typing error rather than a plan. */
#define CORE_DATE_NEXT_STEP_MONTHS_AHEAD 12
/* A job or an education may be agreed before it starts (a school year starting in August, a job
 * from next month); a start more than a year ahead is a typing error rather than an agreement. */
#define CORE_DATE_EPISODE_MONTHS_AHEAD 12

/* The dates a bound compares with. A kind whose rule needs one that is NULL is a caller's bug
 * (SP_INTERNAL), never a silently skipped bound. */
struct core_date_facts {
    struct core_date today;                /* the Danish calendar date of the request */
    const struct core_date *birth;         /* the citizen's birth date */
    const struct core_date *referral;      /* the enrolment's referral date */
    const struct core_date *project_start; /* the project's period_start */
    const struct core_date *start;         /* what the date follows: the plan's start_date for
                                              aftercare_from, period_start for period_end, the
                                              contact's date for its next step */
};

/* SP_OK when `d` is within the bounds of `kind`; else SP_INVALID at `field` with the reason of
 * the first bound it breaks, in this order: before birth, before the referral, before the
 * project's start, before `start`, in the future, too far ahead. The person's own dates (birth,
 * referral) are never put in the error; the other bounds are, as its parameters. */
enum sp_code core_date_check(enum core_date_kind kind, struct core_date d,
                             const struct core_date_facts *facts, const char *field,
                             struct sp_err *err);

#endif
