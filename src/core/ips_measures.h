/* IPS Grow's outcome measures, counted from the records of a set of young people (a consultant's,
 * a team's or a project's): job starts, first-job starts, the employment rate of those out of
 * work at referral, the days to the first employer contact and to the first job start, and the
 * in-work share of the caseload. docs/employment-track.md gives each definition and its source.
 * Pure: no I/O, no clock, no allocation (the caller gives room for the medians). */
#ifndef SP_CORE_IPS_MEASURES_H
#define SP_CORE_IPS_MEASURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/labour_status.h"

/* A job start counts from this many hours of paid work a week (IPS Grow counts a start once 4
 * hours of paid work are done; Samspor records hours per week). */
#define CORE_IPS_JOB_START_HOURS 4

/* One young person as the measures read them. */
struct core_ips_person {
    struct core_date enrolled;       /* the referral accepted onto the caseload */
    bool in_work_at_referral;        /* employed when referred (a new job, or keeping one) */
    bool contacted_employer;         /* an employer contact was made for them: */
    struct core_date first_employer; /* … the first one's date */
    bool active;                     /* on the caseload on the last day of the period */
    const struct core_labour_episode *episodes;
    size_t episode_count;
};

/* The measures for [from, to], both days included. A median is -1 when nobody has the value. */
struct core_ips_measures {
    int people;
    int job_starts;          /* job starts on or after enrolment, started in the period */
    int first_job_starts;    /* people whose first job start since enrolment is in the period */
    int out_of_work;         /* people enrolled by `to` who were out of work when referred … */
    int out_of_work_started; /* … and of them, those with a job start since enrolment by `to` */
    int active;              /* people on the caseload on `to` … */
    int active_in_work;      /* … and of them, those with a job going on on `to` */
    int with_employer_contact;
    double median_days_to_employer_contact; /* from enrolment; -1: none */
    int with_job_start;
    double median_days_to_job_start; /* from enrolment to the first job start; -1: none */
};

/* Is the episode a job start as IPS counts one: a competitive (ordinary) job of at least
 * CORE_IPS_JOB_START_HOURS hours a week? */
bool core_ips_is_job(const struct core_labour_episode *e);

/* Count the measures of people[0..n) for [from, to]. days is room for n values (the medians are
 * taken of it). SP_INVALID ("/to": not_increasing) when to is before from; ("/people": too many)
 * when n is over days_cap. Episodes are taken as they are: core_labour_weeks checks them. */
enum sp_code core_ips_count(const struct core_ips_person *people, size_t n, struct core_date from,
                            struct core_date to, int64_t *days, size_t days_cap,
                            struct core_ips_measures *out, struct sp_err *err);

#endif
