/* The employment caseload's flags (employment_caseload.h). Rules and sources:
 * docs/employment-track.md "The employment caseload". The defaults are the numbers (the
 * first three UNVERIFIED as published thresholds): 30 days to the first employer contact (IPS
 * principle 6, rapid job search, [IPSWORKS-PRINCIPLES]), 14 days without contact, 4 weeks to the
 * first follow-along contact after a start (principle 8, time-unlimited support), and more than 20
 * young people per consultant (the fidelity scale's top score for "caseload size", [DOCEST-SEFS]).
 */
#include "core/employment_caseload.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/task.h"
#include "core/treatment_start.h"

const struct core_employment_setting core_employment_settings[CORE_EMPLOYMENT_SETTING_COUNT] = {
    {"no_employer_contact_days", offsetof(struct project_employment, no_employer_contact_days), 30,
     1, 366},
    {"no_contact_days", offsetof(struct project_employment, no_contact_days), 14, 1, 366},
    {"follow_along_days", offsetof(struct project_employment, follow_along_days), 28, 1, 366},
    {"caseload_limit", offsetof(struct project_employment, caseload_limit), 20, 1, 500},
};

/* Indexed by bit position: flag_names[i] names 1 << i. */
static const char *const flag_names[EMPLOYMENT_FLAG_COUNT] = {
    "no_employer_contact",        "no_contact", "task_overdue", "no_follow_along",
    "episode_ended_no_next_step",
};

/* Most urgent first: a young person not yet in touch with any employer is the IPS service's first
 * concern (rapid job search); then one who lost a job or left a course with nothing next; then a
 * new start without support; then contact and tasks, the routine of the caseload. */
static const unsigned urgency_order[] = {
    EMPLOYMENT_NO_EMPLOYER_CONTACT, EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP,
    EMPLOYMENT_NO_FOLLOW_ALONG,     EMPLOYMENT_NO_CONTACT,
    EMPLOYMENT_TASK_OVERDUE,
};

/* The kinds whose start begins follow-along support: paid work and education. */
static const char *const follow_along_kinds[] = {"ordinary_job", "subsidised_job", "flexjob",
                                                 "education"};

const char *const core_employment_sorts[EMPLOYMENT_SORT_COUNT] = {
    "urgency", "name", "days_since_contact", "days_since_employer_contact", "next_task_due",
};

int *core_employment_setting_of(struct project_employment *s, size_t i)
{
    return (int *)(void *)((char *)s + core_employment_settings[i].offset);
}

void core_employment_settings_default(struct project_employment *out)
{
    for (size_t i = 0; i < CORE_EMPLOYMENT_SETTING_COUNT; i++)
        *core_employment_setting_of(out, i) = core_employment_settings[i].fallback;
}

enum sp_code core_employment_settings_check(const struct project_employment *s, const char *prefix,
                                            struct sp_err *err)
{
    for (size_t i = 0; i < CORE_EMPLOYMENT_SETTING_COUNT; i++) {
        const struct core_employment_setting *row = &core_employment_settings[i];
        int v = *core_employment_setting_of((struct project_employment *)s, i);
        char field[96];

        if (v >= row->min && v <= row->max)
            continue;
        snprintf(field, sizeof field, "%s/%s", prefix, row->name);
        sp_err_invalid(err, field, SP_R_RANGE, "Give a whole number from %d to %d.", row->min,
                       row->max);
        return sp_err_range(err, row->min, row->max);
    }
    return SP_OK;
}

bool core_employment_start(enum enrolment_status status, const struct core_date *first_active,
                           const struct core_date *status_changed, struct core_date *start)
{
    /* An employment enrolment has no treatment plan: the follow-up schedule's rule without one. */
    return core_treatment_start_followups(status, NULL, first_active, status_changed, start);
}

bool core_employment_needs_follow_along(const char *kind)
{
    for (size_t i = 0; kind != NULL && i < sizeof follow_along_kinds / sizeof *follow_along_kinds;
         i++)
        if (strcmp(kind, follow_along_kinds[i]) == 0)
            return true;
    return false;
}

bool core_employment_over_limit(int active, const struct project_employment *settings)
{
    return active > settings->caseload_limit;
}

const char *core_employment_flag_name(unsigned flag)
{
    for (unsigned i = 0; i < EMPLOYMENT_FLAG_COUNT; i++)
        if (flag == 1u << i)
            return flag_names[i];
    return NULL;
}

int core_employment_urgency(unsigned flags)
{
    int weight = 0;
    size_t n = sizeof urgency_order / sizeof *urgency_order;

    for (size_t i = 0; i < n; i++)
        if (flags & urgency_order[i])
            weight += 1 << (n - 1 - i);
    return weight;
}

static int64_t days_of(struct core_date d)
{
    return core_date_to_days(d);
}

/* A real day in years 1..9999 and not after today; field names the member. */
static enum sp_code check_day(bool has, struct core_date d, struct core_date today,
                              const char *field, struct sp_err *err)
{
    if (!has)
        return SP_OK;
    if (d.year < 1 || d.year > 9999 || !core_date_valid(d))
        return sp_err_set(err, SP_INVALID, field, "The date does not exist in the calendar.");
    if (core_date_cmp(d, today) > 0)
        return sp_err_set(err, SP_INVALID, field, "The date is after the evaluation date.");
    return SP_OK;
}

/* An episode's dates: a real start (it may lie after today: a job agreed to begin next month),
 * a real end not before it. */
static enum sp_code check_episode(const struct core_labour_episode *e, size_t i, struct sp_err *err)
{
    char field[48];
    bool start_ok = e->start.year >= 1 && e->start.year <= 9999 && core_date_valid(e->start);
    bool end_ok = e->open || (e->end.year >= 1 && e->end.year <= 9999 && core_date_valid(e->end) &&
                              core_date_cmp(e->end, e->start) >= 0);

    snprintf(field, sizeof field, "/episodes/%zu", i);
    if (!start_ok || !end_ok)
        return sp_err_set(err, SP_INVALID, field, "The episode's dates are not a period.");
    return SP_OK;
}

static enum sp_code check_input(const struct core_employment_input *in, struct sp_err *err)
{
    const struct {
        bool has;
        struct core_date d;
        const char *field;
    } days[] = {
        {in->has_start, in->start, "/start"},
        {in->has_last_employer_contact, in->last_employer_contact, "/last_employer_contact"},
        {in->has_last_session, in->last_session, "/last_session"},
        {in->has_last_meeting, in->last_meeting, "/last_meeting"},
        {in->has_last_follow_along, in->last_follow_along, "/last_follow_along"},
    };

    if (in->episodes == NULL && in->episode_count > 0)
        return sp_err_set(err, SP_INVALID, "/episodes", "The list is missing but has a count.");
    for (size_t i = 0; i < sizeof days / sizeof *days; i++)
        if (check_day(days[i].has, days[i].d, in->today, days[i].field, err) != SP_OK)
            return SP_INVALID;
    for (size_t i = 0; i < in->episode_count; i++)
        if (check_episode(&in->episodes[i], i, err) != SP_OK)
            return SP_INVALID;
    return SP_OK;
}

static bool on_or_after(bool has, struct core_date d, struct core_date from)
{
    return has && core_date_cmp(d, from) >= 0;
}

/* Does the episode go on on day d (both its ends are days of it)? */
static bool going_on(const struct core_labour_episode *e, struct core_date d)
{
    return core_date_cmp(e->start, d) <= 0 && (e->open || core_date_cmp(e->end, d) >= 0);
}

/* The latest of the three kinds of contact with the young person. */
static void set_last_contact(const struct core_employment_input *in,
                             struct core_employment_row *out)
{
    const struct {
        bool has;
        struct core_date d;
    } contacts[] = {{in->has_last_session, in->last_session},
                    {in->has_last_meeting, in->last_meeting},
                    {in->has_last_follow_along, in->last_follow_along}};

    for (size_t i = 0; i < sizeof contacts / sizeof *contacts; i++)
        if (contacts[i].has &&
            (!out->has_last_contact || core_date_cmp(contacts[i].d, out->last_contact) > 0)) {
            out->has_last_contact = true;
            out->last_contact = contacts[i].d;
        }
}

/* The episode going on today that started last (the row's current episode). */
static void set_current_episode(const struct core_employment_input *in,
                                struct core_employment_row *out)
{
    for (size_t i = 0; i < in->episode_count; i++) {
        const struct core_labour_episode *e = &in->episodes[i];

        if (!going_on(e, in->today))
            continue;
        if (!out->has_current_episode ||
            core_date_cmp(e->start, in->episodes[out->current_episode].start) > 0) {
            out->has_current_episode = true;
            out->current_episode = i;
        }
    }
}

/* no_follow_along: a job or education started since the start, going on today, its first
 * follow_along_days days past, and no follow-along contact since it started. */
static bool lacks_follow_along(const struct core_employment_input *in, int follow_along_days)
{
    for (size_t i = 0; i < in->episode_count; i++) {
        const struct core_labour_episode *e = &in->episodes[i];

        if (!core_employment_needs_follow_along(e->kind) ||
            core_date_cmp(e->start, in->start) < 0 || !going_on(e, in->today))
            continue;
        if (days_of(in->today) - days_of(e->start) >= follow_along_days &&
            !on_or_after(in->has_last_follow_along, in->last_follow_along, e->start))
            return true;
    }
    return false;
}

/* Is there a next step after an episode that ended on `end`: an episode starting on or after it
 * or going on after it, or an employer contact for the young person on or after it? */
static bool has_next_step(const struct core_employment_input *in, struct core_date end)
{
    for (size_t i = 0; i < in->episode_count; i++) {
        const struct core_labour_episode *e = &in->episodes[i];

        if (core_date_cmp(e->start, end) >= 0 || e->open || core_date_cmp(e->end, end) > 0)
            return true;
    }
    return on_or_after(in->has_last_employer_contact, in->last_employer_contact, end);
}

/* episode_ended_no_next_step: the episode that ended last, before today and on or after the
 * start, has no next step. */
static bool ended_without_next_step(const struct core_employment_input *in)
{
    bool found = false;
    struct core_date last_end = {0, 0, 0};

    for (size_t i = 0; i < in->episode_count; i++) {
        const struct core_labour_episode *e = &in->episodes[i];

        if (e->open || core_date_cmp(e->end, in->today) >= 0 ||
            core_date_cmp(e->end, in->start) < 0)
            continue;
        if (!found || core_date_cmp(e->end, last_end) > 0)
            last_end = e->end;
        found = true;
    }
    return found && !has_next_step(in, last_end);
}

static unsigned active_flags(const struct core_employment_input *in,
                             const struct project_employment *s,
                             const struct core_employment_row *row)
{
    unsigned flags = 0;
    int64_t since_start = days_of(in->today) - days_of(in->start);
    struct core_date gap_from = in->start;

    if (!in->has_last_employer_contact && since_start >= s->no_employer_contact_days)
        flags |= EMPLOYMENT_NO_EMPLOYER_CONTACT;
    if (row->has_last_contact && core_date_cmp(row->last_contact, gap_from) > 0)
        gap_from = row->last_contact;
    if (days_of(in->today) - days_of(gap_from) >= s->no_contact_days)
        flags |= EMPLOYMENT_NO_CONTACT;
    if (lacks_follow_along(in, s->follow_along_days))
        flags |= EMPLOYMENT_NO_FOLLOW_ALONG;
    if (ended_without_next_step(in))
        flags |= EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP;
    return flags;
}

enum sp_code core_employment_evaluate(const struct core_employment_input *in,
                                      const struct project_employment *settings,
                                      struct core_employment_row *out, struct sp_err *err)
{
    enum sp_code rc = core_employment_settings_check(settings, "/settings", err);

    memset(out, 0, sizeof *out);
    if (rc == SP_OK)
        rc = check_input(in, err);
    if (rc != SP_OK)
        return rc;
    out->enrolment_id = in->enrolment_id;
    set_last_contact(in, out);
    set_current_episode(in, out);
    out->days_since_contact =
        out->has_last_contact ? (int)(days_of(in->today) - days_of(out->last_contact)) : -1;
    out->days_since_employer_contact =
        in->has_last_employer_contact
            ? (int)(days_of(in->today) - days_of(in->last_employer_contact))
            : -1;
    if (in->status == ENROLMENT_ACTIVE && in->has_start)
        out->flags = active_flags(in, settings, out);
    if (core_task_overdue(false, in->has_next_task_due ? &in->next_task_due : NULL, in->today))
        out->flags |= EMPLOYMENT_TASK_OVERDUE;
    out->urgency = core_employment_urgency(out->flags);
    return SP_OK;
}

static int cmp_int(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

/* Days since, with "none" as the longest gap: descending. */
static int cmp_gap(int a, int b)
{
    return cmp_int(b < 0 ? INT64_MAX : b, a < 0 ? INT64_MAX : a);
}

static int cmp_due(const struct core_employment_sort_row *a,
                   const struct core_employment_sort_row *b)
{
    if (a->has_next_task_due != b->has_next_task_due)
        return a->has_next_task_due ? -1 : 1;
    return a->has_next_task_due ? core_date_cmp(a->next_task_due, b->next_task_due) : 0;
}

int core_employment_row_cmp(enum employment_sort sort, const struct core_employment_sort_row *a,
                            const struct core_employment_sort_row *b)
{
    int c = 0;

    switch (sort) {
    case EMPLOYMENT_SORT_URGENCY:
        c = cmp_int(b->row.urgency, a->row.urgency);
        if (c == 0)
            c = cmp_gap(a->row.days_since_contact, b->row.days_since_contact);
        break;
    case EMPLOYMENT_SORT_NAME:
        c = strcmp(a->name_folded ? a->name_folded : "", b->name_folded ? b->name_folded : "");
        break;
    case EMPLOYMENT_SORT_DAYS_SINCE_CONTACT:
        c = cmp_gap(a->row.days_since_contact, b->row.days_since_contact);
        break;
    case EMPLOYMENT_SORT_DAYS_SINCE_EMPLOYER_CONTACT:
        c = cmp_gap(a->row.days_since_employer_contact, b->row.days_since_employer_contact);
        break;
    case EMPLOYMENT_SORT_NEXT_TASK_DUE:
        c = cmp_due(a, b);
        break;
    }
    return c != 0 ? (c > 0) - (c < 0) : cmp_int(a->row.enrolment_id, b->row.enrolment_id);
}
