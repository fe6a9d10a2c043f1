/* The follow-up schedule and its states (core/followup.h). Pure: no clock, no I/O. */
#include "core/followup.h"

#include <stdio.h>
#include <string.h>

static const char *const state_names[] = {
    [FOLLOWUP_UPCOMING] = "upcoming", [FOLLOWUP_DUE] = "due",   [FOLLOWUP_OVERDUE] = "overdue",
    [FOLLOWUP_MISSED] = "missed",     [FOLLOWUP_DONE] = "done",
};

struct core_followup_window core_followup_window_default(void)
{
    struct core_followup_window w = {.before_days = 14, .after_days = 28};

    return w;
}

const char *core_followup_state_name(enum followup_state state)
{
    if ((unsigned)state >= sizeof state_names / sizeof state_names[0])
        return "unknown";
    return state_names[state];
}

static struct core_date add_days(struct core_date d, int days)
{
    return core_date_from_days(core_date_to_days(d) + days);
}

/* A real calendar day in years 1..9999, so that day arithmetic stays in range. */
static bool date_in_range(struct core_date d)
{
    return d.year >= 1 && d.year <= 9999 && core_date_valid(d);
}

static enum sp_code check_input(const struct core_followup_input *in,
                                const struct core_followup_window *w, struct sp_err *err)
{
    char field[32];

    if (w->before_days < 0 || w->before_days > 366)
        return sp_err_set(err, SP_INVALID, "/before_days", "The window must be 0 to 366 days.");
    if (w->after_days < 0 || w->after_days > 366)
        return sp_err_set(err, SP_INVALID, "/after_days", "The window must be 0 to 366 days.");
    if (!date_in_range(in->today))
        return sp_err_set(err, SP_INVALID, "/today", "The date does not exist in the calendar.");
    /* The start plus 120 months plus the window must stay below year 10000. */
    if (!date_in_range(in->start) || in->start.year > 9980)
        return sp_err_set(err, SP_INVALID, "/start", "The date does not exist in the calendar.");
    if (in->month_count > CORE_FOLLOWUP_POINTS_MAX)
        return sp_err_set(err, SP_INVALID, "/months", "At most %d follow-up points.",
                          CORE_FOLLOWUP_POINTS_MAX);
    if (in->months == NULL && in->month_count > 0)
        return sp_err_set(err, SP_INVALID, "/months", "The list is missing but has a count.");
    if (in->done == NULL && in->done_count > 0)
        return sp_err_set(err, SP_INVALID, "/done", "The list is missing but has a count.");
    for (size_t i = 0; i < in->month_count; i++) {
        snprintf(field, sizeof field, "/months/%zu", i);
        if (in->months[i] < 1 || in->months[i] > 120)
            return sp_err_set(err, SP_INVALID, field, "A follow-up month must be 1 to 120.");
        if (i > 0 && in->months[i] <= in->months[i - 1])
            return sp_err_set(err, SP_INVALID, field, "Follow-up months must increase.");
    }
    for (size_t i = 0; i < in->done_count; i++) {
        snprintf(field, sizeof field, "/done/%zu", i);
        if (!date_in_range(in->done[i]))
            return sp_err_set(err, SP_INVALID, field, "The date does not exist in the calendar.");
    }
    return SP_OK;
}

static long distance(struct core_date a, struct core_date b)
{
    long d = (long)(core_date_to_days(a) - core_date_to_days(b));

    return d < 0 ? -d : d;
}

static bool inside(const struct core_followup_point *p, struct core_date d)
{
    return core_date_cmp(d, p->opens) >= 0 && core_date_cmp(d, p->closes) <= 0;
}

/* Give one questionnaire to the point whose window holds it and whose due date is nearest. */
static void count_questionnaire(struct core_followup_result *r, struct core_date d)
{
    struct core_followup_point *best = NULL;

    for (size_t i = 0; i < r->count; i++) {
        struct core_followup_point *p = &r->points[i];

        if (inside(p, d) && (best == NULL || distance(d, p->due) < distance(d, best->due)))
            best = p;
    }
    if (best == NULL)
        return;
    if (!best->has_done_on || distance(d, best->due) < distance(best->done_on, best->due) ||
        (distance(d, best->due) == distance(best->done_on, best->due) &&
         core_date_cmp(d, best->done_on) < 0))
        best->done_on = d;
    best->has_done_on = true;
}

static enum followup_state state_of(const struct core_followup_point *p, struct core_date today)
{
    if (p->has_done_on)
        return FOLLOWUP_DONE;
    if (core_date_cmp(today, p->opens) < 0)
        return FOLLOWUP_UPCOMING;
    if (core_date_cmp(today, p->due) <= 0)
        return FOLLOWUP_DUE;
    if (core_date_cmp(today, p->closes) <= 0)
        return FOLLOWUP_OVERDUE;
    return FOLLOWUP_MISSED;
}

enum sp_code core_followup_evaluate(const struct core_followup_input *in,
                                    const struct core_followup_window *window,
                                    struct core_followup_result *out, struct sp_err *err)
{
    enum sp_code rc;

    memset(out, 0, sizeof *out);
    out->next = -1;
    rc = check_input(in, window, err);
    if (rc != SP_OK)
        return rc;
    out->count = in->month_count;
    for (size_t i = 0; i < in->month_count; i++) {
        struct core_followup_point *p = &out->points[i];

        p->month = in->months[i];
        p->due = core_date_add_months(in->start, in->months[i]);
        p->opens = add_days(p->due, -window->before_days);
        p->closes = add_days(p->due, window->after_days);
    }
    for (size_t i = 0; i < in->done_count; i++)
        if (core_date_cmp(in->done[i], in->today) <= 0)
            count_questionnaire(out, in->done[i]);
    out->complete = true;
    for (size_t i = 0; i < out->count; i++) {
        struct core_followup_point *p = &out->points[i];

        p->state = state_of(p, in->today);
        out->open = out->open || p->state == FOLLOWUP_DUE || p->state == FOLLOWUP_OVERDUE;
        if (p->state != FOLLOWUP_DONE && p->state != FOLLOWUP_MISSED) {
            out->complete = false;
            if (out->next < 0)
                out->next = (int)i;
        }
    }
    return SP_OK;
}

unsigned core_followup_statuses(void)
{
    unsigned set = 0;

    for (int s = 0; s < ENROLMENT__COUNT; s++)
        if (core_followup_applies((enum enrolment_status)s, false))
            set |= 1u << s;
    return set;
}

bool core_followup_applies(enum enrolment_status status, bool research_withdrawn)
{
    switch (status) {
    case ENROLMENT_ACTIVE:
    case ENROLMENT_AFTERCARE:
        return true;
    case ENROLMENT_COMPLETED:
    case ENROLMENT_WITHDRAWN:
        return !research_withdrawn;
    default:
        return false;
    }
}
