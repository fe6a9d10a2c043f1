/* IPS Grow's outcome measures (ips_measures.h; definitions and sources in
 * docs/employment-track.md "IPS Grow's measures"). */
#include "core/ips_measures.h"

#include <stdlib.h>
#include <string.h>

/* Competitive employment is the outcome IPS counts: work anyone can apply for, at the usual wage
 * ([IPS-FIDELITY-INTRO]); a subsidised job (løntilskud, fleksjob) is open only to people on a
 * scheme, so it is not a job start. */
bool core_ips_is_job(const struct core_labour_episode *e)
{
    enum core_labour_status status;

    return e != NULL && core_labour_status_of_kind(e->kind, &status) &&
           status == LABOUR_ORDINARY_WORK && e->hours_per_week >= CORE_IPS_JOB_START_HOURS;
}

static bool within(struct core_date d, struct core_date from, struct core_date to)
{
    return core_date_cmp(d, from) >= 0 && core_date_cmp(d, to) <= 0;
}

/* Is the job going on on `day` (both ends are days of it; an open one has no end yet)? */
static bool going_on(const struct core_labour_episode *e, struct core_date day)
{
    return core_date_cmp(e->start, day) <= 0 && (e->open || core_date_cmp(day, e->end) <= 0);
}

/* The person's first job start on or after enrolment; false when there is none. Jobs started
 * before the referral are the work they came with, not the service's outcome. */
static bool first_job_start(const struct core_ips_person *p, struct core_date *out)
{
    bool found = false;

    for (size_t i = 0; i < p->episode_count; i++) {
        const struct core_labour_episode *e = &p->episodes[i];

        if (!core_ips_is_job(e) || core_date_cmp(e->start, p->enrolled) < 0)
            continue;
        if (!found || core_date_cmp(e->start, *out) < 0)
            *out = e->start;
        found = true;
    }
    return found;
}

/* Job starts since enrolment that fall in [from, to]. */
static int job_starts_in(const struct core_ips_person *p, struct core_date from,
                         struct core_date to)
{
    int n = 0;

    for (size_t i = 0; i < p->episode_count; i++) {
        const struct core_labour_episode *e = &p->episodes[i];

        if (core_ips_is_job(e) && core_date_cmp(e->start, p->enrolled) >= 0 &&
            within(e->start, from, to))
            n++;
    }
    return n;
}

static bool in_work_on(const struct core_ips_person *p, struct core_date day)
{
    for (size_t i = 0; i < p->episode_count; i++)
        if (core_ips_is_job(&p->episodes[i]) && going_on(&p->episodes[i], day))
            return true;
    return false;
}

static int compare_days(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;

    return x < y ? -1 : x > y;
}

/* The median of days[0..n) (sorted here): the middle value, or the mean of the two middle ones;
 * -1 for none. */
static double median(int64_t *days, size_t n)
{
    if (n == 0)
        return -1;
    qsort(days, n, sizeof *days, compare_days);
    if (n % 2 == 1)
        return (double)days[n / 2];
    return ((double)days[n / 2 - 1] + (double)days[n / 2]) / 2.0;
}

/* Days from enrolment to d; an employer contact made for someone just before their referral was
 * accepted counts as on the day. */
static int64_t days_since_enrolment(const struct core_ips_person *p, struct core_date d)
{
    int64_t days = core_date_to_days(d) - core_date_to_days(p->enrolled);

    return days < 0 ? 0 : days;
}

/* The first employer contact made by `to`, and the days to it. */
static size_t collect_contact_days(const struct core_ips_person *people, size_t n,
                                   struct core_date to, int64_t *days)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++)
        if (core_date_cmp(people[i].enrolled, to) <= 0 && people[i].contacted_employer &&
            core_date_cmp(people[i].first_employer, to) <= 0)
            days[count++] = days_since_enrolment(&people[i], people[i].first_employer);
    return count;
}

/* The first job start made by `to`, and the days to it. */
static size_t collect_start_days(const struct core_ips_person *people, size_t n,
                                 struct core_date to, int64_t *days)
{
    size_t count = 0;
    struct core_date first;

    for (size_t i = 0; i < n; i++)
        if (first_job_start(&people[i], &first) && core_date_cmp(first, to) <= 0)
            days[count++] = days_since_enrolment(&people[i], first);
    return count;
}

/* The counts of one person. */
static void count_person(const struct core_ips_person *p, struct core_date from,
                         struct core_date to, struct core_ips_measures *out)
{
    struct core_date first;
    bool started = first_job_start(p, &first);

    out->people++;
    out->job_starts += job_starts_in(p, from, to);
    if (started && within(first, from, to))
        out->first_job_starts++;
    if (!p->in_work_at_referral && core_date_cmp(p->enrolled, to) <= 0) {
        out->out_of_work++;
        if (started && core_date_cmp(first, to) <= 0)
            out->out_of_work_started++;
    }
    if (p->active) {
        out->active++;
        if (in_work_on(p, to))
            out->active_in_work++;
    }
}

enum sp_code core_ips_count(const struct core_ips_person *people, size_t n, struct core_date from,
                            struct core_date to, int64_t *days, size_t days_cap,
                            struct core_ips_measures *out, struct sp_err *err)
{
    size_t with;

    memset(out, 0, sizeof *out);
    out->median_days_to_employer_contact = -1;
    out->median_days_to_job_start = -1;
    if (core_date_cmp(to, from) < 0)
        return sp_err_invalid(err, "/to", SP_R_NOT_INCREASING, "The period ends before it starts.");
    if (n > days_cap)
        return sp_err_invalid(err, "/people", SP_R_COUNT, "There is no room for every person.");
    for (size_t i = 0; i < n; i++)
        count_person(&people[i], from, to, out);
    with = collect_contact_days(people, n, to, days);
    out->with_employer_contact = (int)with;
    out->median_days_to_employer_contact = median(days, with);
    with = collect_start_days(people, n, to, days);
    out->with_job_start = (int)with;
    out->median_days_to_job_start = median(days, with);
    return SP_OK;
}
