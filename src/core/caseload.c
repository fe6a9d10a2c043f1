/* Caseload flags for one enrolment. Pure: no clock, no I/O, no allocation.
 *
 * Sources (docs/sources.md). PHQ-9 item 9 >= 1 is the safety flag, regardless of the total
 * [PHQMANUAL, MII]. Collaborative care: response is a fall of >= 50 % from baseline,
 * exactly 50 % counts, computed in integers as 2 * (baseline - latest) >= baseline, undefined at
 * baseline 0 [PS2020]; remission is PHQ-9 < 5 [PS2020; GERMANIMPACT]; GAD-7 response and
 * remission by analogy are UNVERIFIED as AIMS definitions; "not improving" after 10-12 weeks
 * [IMPACT-NREPP]. Contact and measurement: 4 weeks without PHQ-9/GAD-7 and 14 days without
 * contact are project settings, not published thresholds (UNVERIFIED as standards [BAO2016]).
 * [NHS-TT]: NHS Talking Therapies reliable improvement (fall >= 6 PHQ-9 or >= 4 GAD-7, first to
 * last, neither measure reliably deteriorating) and reliable deterioration (rise >= 6 / >= 4),
 * SECONDARY (IAPT manual as quoted; Gyani et al., Behav Res Ther 2013;51:597-606). The issue text
 * decides the rest; the decisions on its open edges are stated where they are made below. */
#include "core/caseload.h"

#include "core/eligibility.h"
#include "core/followup.h"
#include "core/model.h"
#include "core/task.h"

#include <stdio.h>
#include <string.h>

/* Indexed by bit position: flag_names[i] names 1 << i. */
static const char *const flag_names[CASELOAD_FLAG_COUNT] = {
    "safety",       "not_improving",        "measurement_overdue",
    "no_contact",   "followup_due",         "response",
    "remission",    "reliable_improvement", "reliable_deterioration",
    "task_overdue",
};

/* Most urgent first, as the issue orders them; flags not listed do not add urgency. */
static const unsigned urgency_order[] = {
    CASELOAD_SAFETY,
    CASELOAD_NOT_IMPROVING,
    CASELOAD_RELIABLE_DETERIORATION,
    CASELOAD_MEASUREMENT_OVERDUE,
    CASELOAD_NO_CONTACT,
    CASELOAD_FOLLOWUP_DUE,
    /* Last: the joint plan's own promise to the young person, not a clinical signal; it breaks
     * ties between rows whose clinical flags are the same (docs/api-contract.md "Caseload"). */
    CASELOAD_TASK_OVERDUE,
};

struct core_caseload_settings core_caseload_settings_default(void)
{
    struct core_caseload_settings s = {
        .not_improving_weeks = 10,      /* issue; IMPACT's 10-12 weeks */
        .response_pct = 50,             /* [PS2020] */
        .measurement_overdue_days = 28, /* issue: "no PHQ-9/GAD-7 for 4 weeks" */
        .no_contact_days = 14,          /* issue: "no contact for 14 days" */
        .phq9_remission_below = 5,      /* [PS2020; GERMANIMPACT] */
        .gad7_remission_below = 5,      /* by analogy, UNVERIFIED */
        .phq9_reliable_change = 6,      /* [NHS-TT] */
        .gad7_reliable_change = 4,      /* [NHS-TT] */
        .followup_early_days = 0,       /* due from the scheduled date (issue) */
    };

    return s;
}

static struct core_date add_days(struct core_date d, int days)
{
    return core_date_from_days(core_date_to_days(d) + days);
}

/* Days from `from` to `to`; callers have checked both lie between 0001 and today. */
static int days_between(struct core_date from, struct core_date to)
{
    return (int)(core_date_to_days(to) - core_date_to_days(from));
}

static struct core_date later_of(struct core_date a, struct core_date b)
{
    return core_date_cmp(a, b) >= 0 ? a : b;
}

/* A real calendar day in years 1..9999, so that day counts between two dates fit in an int. */
static bool date_in_range(struct core_date d)
{
    return d.year >= 1 && d.year <= 9999 && core_date_valid(d);
}

/* A date in range and not after today; field is the member's JSON Pointer. */
static enum sp_code check_date(struct core_date d, struct core_date today, const char *field,
                               struct sp_err *err)
{
    if (!date_in_range(d))
        return sp_err_set(err, SP_INVALID, field, "The date does not exist in the calendar.");
    if (core_date_cmp(d, today) > 0)
        return sp_err_set(err, SP_INVALID, field, "The date is after the evaluation date.");
    return SP_OK;
}

static enum sp_code check_dates(const struct core_date *dates, size_t count, struct core_date today,
                                const char *name, struct sp_err *err)
{
    char field[48];

    if (dates == NULL && count > 0)
        return sp_err_set(err, SP_INVALID, name, "The list is missing but has a count.");
    for (size_t i = 0; i < count; i++) {
        snprintf(field, sizeof field, "%s/%zu", name, i);
        if (check_date(dates[i], today, field, err) != SP_OK)
            return SP_INVALID;
    }
    return SP_OK;
}

/* Check one instrument's scores and summarise them: baseline = earliest date (first in the array
 * among ties), latest = latest date (last in the array among ties). */
static enum sp_code summarise(const struct core_caseload_score *scores, size_t count,
                              enum caseload_instrument instrument, struct core_date today,
                              struct core_caseload_series *out, struct sp_err *err)
{
    const bool phq9 = instrument == CASELOAD_INSTRUMENT_PHQ9;
    const int max_total = phq9 ? 27 : 21; /* [KROENKE2001], [SPITZER2006] */
    const char *name = phq9 ? "/phq9" : "/gad7";
    size_t first = 0;
    size_t last = 0;
    char field[48];

    memset(out, 0, sizeof *out);
    if (scores == NULL && count > 0)
        return sp_err_set(err, SP_INVALID, name, "The list is missing but has a count.");
    for (size_t i = 0; i < count; i++) {
        const struct core_caseload_score *s = &scores[i];

        snprintf(field, sizeof field, "%s/%zu/date", name, i);
        if (check_date(s->date, today, field, err) != SP_OK)
            return SP_INVALID;
        snprintf(field, sizeof field, "%s/%zu/total", name, i);
        if (s->total < 0 || s->total > max_total)
            return sp_err_set(err, SP_INVALID, field, "The total must be between 0 and %d.",
                              max_total);
        if (phq9 && (s->item9 < 0 || s->item9 > 3 || s->item9 > s->total)) {
            snprintf(field, sizeof field, "%s/%zu/item9", name, i);
            return sp_err_set(err, SP_INVALID, field,
                              "Item 9 must be between 0 and 3 and not above the total.");
        }
        if (core_date_cmp(s->date, scores[first].date) < 0)
            first = i;
        if (core_date_cmp(s->date, scores[last].date) >= 0)
            last = i;
    }
    if (count == 0)
        return SP_OK;
    out->count = count;
    out->baseline_date = scores[first].date;
    out->baseline = scores[first].total;
    out->latest_date = scores[last].date;
    out->latest = scores[last].total;
    out->latest_item9 = phq9 ? scores[last].item9 : 0;
    /* Change needs two measurements (issue): with one, baseline and latest are the same score. */
    out->change = count >= 2 ? out->latest - out->baseline : 0;
    return SP_OK;
}

static enum sp_code check_input(const struct core_caseload_input *in,
                                const struct core_caseload_settings *settings, struct sp_err *err)
{
    char field[48];

    /* Ranges checked before use: a zero or negative threshold would flag everyone. */
    const struct {
        int value;
        const char *field;
        int min;
        int max;
    } ranges[] = {
        {settings->not_improving_weeks, "/not_improving_weeks", 1, 104},
        {settings->response_pct, "/response_pct", 1, 100},
        {settings->measurement_overdue_days, "/measurement_overdue_days", 1, 366},
        {settings->no_contact_days, "/no_contact_days", 1, 366},
        {settings->phq9_remission_below, "/phq9_remission_below", 1, 27},
        {settings->gad7_remission_below, "/gad7_remission_below", 1, 21},
        {settings->phq9_reliable_change, "/phq9_reliable_change", 1, 27},
        {settings->gad7_reliable_change, "/gad7_reliable_change", 1, 21},
        {settings->followup_early_days, "/followup_early_days", 0, 366},
    };

    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        if (ranges[i].value < ranges[i].min || ranges[i].value > ranges[i].max)
            return sp_err_set(err, SP_INVALID, ranges[i].field,
                              "The setting must be between %d and %d.", ranges[i].min,
                              ranges[i].max);
    }
    if (!date_in_range(in->today))
        return sp_err_set(err, SP_INVALID, "/today", "The date does not exist in the calendar.");
    if ((unsigned)in->status >= ENROLMENT__COUNT)
        return sp_err_set(err, SP_INVALID, "/status", "Give one of the enrolment statuses.");
    if (!in->has_start && (in->status == ENROLMENT_ACTIVE || in->status == ENROLMENT_AFTERCARE))
        return sp_err_set(err, SP_INVALID, "/start",
                          "An active enrolment or one in aftercare needs its start date.");
    if (in->has_start && check_date(in->start, in->today, "/start", err) != SP_OK)
        return SP_INVALID;
    if (in->has_last_contact &&
        check_date(in->last_contact, in->today, "/last_contact", err) != SP_OK)
        return SP_INVALID;
    /* A task's due date may lie ahead of today; it must be a real day. */
    if (in->has_own_task_due && !date_in_range(in->own_task_due))
        return sp_err_set(err, SP_INVALID, "/own_task_due",
                          "The date does not exist in the calendar.");
    if (check_dates(in->safety_followups, in->safety_followup_count, in->today, "/safety_followups",
                    err) != SP_OK ||
        check_dates(in->followups_done, in->followup_done_count, in->today, "/followups_done",
                    err) != SP_OK)
        return SP_INVALID;
    if (in->followup_months == NULL && in->followup_month_count > 0)
        return sp_err_set(err, SP_INVALID, "/followup_months",
                          "The list is missing but has a count.");
    for (size_t i = 0; i < in->followup_month_count; i++) {
        snprintf(field, sizeof field, "/followup_months/%zu", i);
        if (in->followup_months[i] < 1 || in->followup_months[i] > 120)
            return sp_err_set(err, SP_INVALID, field, "A follow-up month must be 1 to 120.");
    }
    return SP_OK;
}

/* True when some date in the list is on or after `since`. */
static bool any_on_or_after(const struct core_date *dates, size_t count, struct core_date since)
{
    for (size_t i = 0; i < count; i++) {
        if (core_date_cmp(dates[i], since) >= 0)
            return true;
    }
    return false;
}

/* Safety ([PHQMANUAL], [MII]; issue): the latest PHQ-9 has item 9 >= 1 and no safety follow-up is
 * recorded after it. Decision: we keep to dates, so a follow-up dated the same day as the
 * assessment clears it (the follow-up normally happens in the same meeting; a clinician must be
 * able to clear the flag on the day). A same-day follow-up that in fact came before the
 * assessment cannot be told apart and also clears it. Only the latest PHQ-9 counts (issue text):
 * a newer PHQ-9 with item 9 = 0 ends the flag even if an older positive one was never followed
 * up. */
static bool safety_flag(const struct core_caseload_input *in, const struct core_caseload_row *row)
{
    if (row->phq9.count == 0 || row->phq9.latest_item9 < 1)
        return false;
    return !any_on_or_after(in->safety_followups, in->safety_followup_count, row->phq9.latest_date);
}

/* Response and not improving are judged on one instrument. Decision (the issue says "< 50 %
 * reduction from baseline" without naming one): PHQ-9 when its baseline is >= 1, else GAD-7 when
 * its baseline is >= 1 (GAD-7 response by analogy is UNVERIFIED, [PS2020]), else neither
 * (baseline 0: response undefined, no flag). The choice rests on the baseline alone: a PHQ-9
 * baseline with no second PHQ-9 does not fall back to GAD-7. */
static enum caseload_instrument response_instrument(const struct core_caseload_row *row)
{
    if (row->phq9.count > 0 && row->phq9.baseline >= 1)
        return CASELOAD_INSTRUMENT_PHQ9;
    if (row->gad7.count > 0 && row->gad7.baseline >= 1)
        return CASELOAD_INSTRUMENT_GAD7;
    return CASELOAD_INSTRUMENT_NONE;
}

/* Response: a fall of at least response_pct % of baseline, in integers: 100 * (baseline - latest)
 * >= pct * baseline, which at 50 is [PS2020]'s 2 * (baseline - latest) >= baseline; exactly
 * 50 % is a response. */
static bool is_response(const struct core_caseload_series *s, int pct)
{
    return 100 * (s->baseline - s->latest) >= pct * s->baseline;
}

/* Remission on the latest scores: PHQ-9 below 5 [PS2020] and GAD-7 below 5 (by analogy,
 * UNVERIFIED, [PS2020]). Decisions: an instrument never measured does not block remission
 * (a project may measure only one), an instrument measured must be below its threshold on its
 * latest score, and at least one instrument needs two scores, so that remission is reached in
 * care rather than read off the intake screening. */
static bool remission(const struct core_caseload_row *row, const struct core_caseload_settings *s)
{
    if (row->phq9.count < 2 && row->gad7.count < 2)
        return false;
    if (row->phq9.count > 0 && row->phq9.latest >= s->phq9_remission_below)
        return false;
    if (row->gad7.count > 0 && row->gad7.latest >= s->gad7_remission_below)
        return false;
    return true;
}

/* Reliable change, NHS Talking Therapies ([NHS-TT], SECONDARY), first to last score of each
 * instrument with at least two scores (core_caseload_trend). Decisions: each instrument counts
 * alone (the programme's "two paired scores" and caseness conditions are not applied: the registry
 * follows people in care, not the programme's end-of-treatment statistic); improvement is
 * withheld when either measure reliably deteriorated, as [NHS-TT] says. */
static unsigned reliable_change(struct core_caseload_row *row,
                                const struct core_caseload_settings *s)
{
    const struct {
        enum caseload_instrument instrument;
        const struct core_caseload_series *series;
    } measured[] = {{CASELOAD_INSTRUMENT_PHQ9, &row->phq9}, {CASELOAD_INSTRUMENT_GAD7, &row->gad7}};

    for (size_t i = 0; i < sizeof measured / sizeof measured[0]; i++) {
        const struct core_caseload_series *m = measured[i].series;
        enum caseload_trend trend =
            core_caseload_trend(measured[i].instrument, m->count, m->baseline, m->latest, s);

        if (trend == CASELOAD_TREND_IMPROVING)
            row->reliably_better |= core_caseload_instrument_bit(measured[i].instrument);
        else if (trend == CASELOAD_TREND_WORSENING)
            row->reliably_worse |= core_caseload_instrument_bit(measured[i].instrument);
    }
    if (row->reliably_worse)
        return CASELOAD_RELIABLE_DETERIORATION;
    return row->reliably_better ? CASELOAD_RELIABLE_IMPROVEMENT : 0u;
}

/* Follow-up due (issue): start + N months (core_date_add_months, so a 31 January start falls due
 * on the last day of a shorter month) has come (today >= it) and no follow-up assessment is dated
 * on or after it (less followup_early_days). A later follow-up assessment also meets an earlier,
 * missed point. Sets the row's month and date to the latest point that is due. */
static void followup_due(const struct core_caseload_input *in,
                         const struct core_caseload_settings *s, struct core_caseload_row *row)
{
    for (size_t i = 0; i < in->followup_month_count; i++) {
        struct core_date due = core_date_add_months(in->start, in->followup_months[i]);

        if (core_date_cmp(due, in->today) > 0)
            continue;
        if (any_on_or_after(in->followups_done, in->followup_done_count,
                            add_days(due, -s->followup_early_days)))
            continue;
        if (row->followup_due_month == 0 || core_date_cmp(due, row->followup_due_date) > 0) {
            row->followup_due_month = in->followup_months[i];
            row->followup_due_date = due;
        }
        row->flags |= CASELOAD_FOLLOWUP_DUE;
    }
}

enum sp_code core_caseload_evaluate(const struct core_caseload_input *in,
                                    const struct core_caseload_settings *settings,
                                    struct core_caseload_row *out, struct sp_err *err)
{
    const bool active = in->status == ENROLMENT_ACTIVE;
    struct core_date contact_since = in->today; /* set below whenever a start is known */
    struct core_caseload_row row;
    enum sp_code rc;

    memset(out, 0, sizeof *out);
    memset(&row, 0, sizeof row);
    rc = check_input(in, settings, err);
    if (rc == SP_OK)
        rc = summarise(in->phq9, in->phq9_count, CASELOAD_INSTRUMENT_PHQ9, in->today, &row.phq9,
                       err);
    if (rc == SP_OK)
        rc = summarise(in->gad7, in->gad7_count, CASELOAD_INSTRUMENT_GAD7, in->today, &row.gad7,
                       err);
    if (rc != SP_OK)
        return rc;

    row.enrolment_id = in->enrolment_id;
    if (in->has_start) {
        row.days_in_treatment = days_between(in->start, in->today);
        row.weeks_in_treatment = row.days_in_treatment / 7; /* whole weeks, never negative */
    }

    if (!core_enrolment_status_final(in->status) && safety_flag(in, &row))
        row.flags |= CASELOAD_SAFETY;

    /* Response in any status; not improving only while active (in treatment), from
     * not_improving_weeks * 7 days on (exactly 10 weeks = 70 days counts, issue). Both need two
     * scores of the instrument: with only a baseline nothing is known yet, and
     * measurement_overdue asks for the next score instead. */
    row.response_instrument = response_instrument(&row);
    if (row.response_instrument != CASELOAD_INSTRUMENT_NONE) {
        const struct core_caseload_series *s =
            row.response_instrument == CASELOAD_INSTRUMENT_PHQ9 ? &row.phq9 : &row.gad7;

        if (s->count >= 2 && is_response(s, settings->response_pct))
            row.flags |= CASELOAD_RESPONSE;
        else if (s->count >= 2 && active &&
                 row.days_in_treatment >= settings->not_improving_weeks * 7)
            row.flags |= CASELOAD_NOT_IMPROVING;
    }
    if (remission(&row, settings))
        row.flags |= CASELOAD_REMISSION;
    row.flags |= reliable_change(&row, settings);

    /* The contact gap: since the later of last contact and start, so that a contact before
     * treatment began does not count against the first days of treatment. */
    if (in->has_last_contact || in->has_start) {
        contact_since = in->has_last_contact ? in->last_contact : in->start;
        if (in->has_last_contact && in->has_start)
            contact_since = later_of(in->last_contact, in->start);
        row.has_contact_gap = true;
        row.contact_gap_days = days_between(contact_since, in->today);
    }

    /* Measurement overdue and no contact, active only. Decision: "no PHQ-9/GAD-7 for 4 weeks" and
     * "no contact for 14 days" flag once that many days have passed, so a score exactly 28 days
     * old is overdue (day 27 is not) and a contact exactly 14 days ago shows no_contact (day 13
     * does not). Counted from start when there was none since (a screening score from before
     * start counts from start). */
    if (active) {
        struct core_date measured = in->start;

        if (row.phq9.count > 0)
            measured = later_of(measured, row.phq9.latest_date);
        if (row.gad7.count > 0)
            measured = later_of(measured, row.gad7.latest_date);
        row.has_next_measurement_due = true;
        row.next_measurement_due = add_days(measured, settings->measurement_overdue_days);
        if (core_date_cmp(in->today, row.next_measurement_due) >= 0)
            row.flags |= CASELOAD_MEASUREMENT_OVERDUE;

        row.has_next_contact_due = true;
        row.next_contact_due = add_days(contact_since, settings->no_contact_days);
        if (row.contact_gap_days >= settings->no_contact_days)
            row.flags |= CASELOAD_NO_CONTACT;
    }

    if (core_enrolment_in_treatment(in->status))
        followup_due(in, settings, &row);

    /* A task of the reader's on the joint plan, open and past its due date (core/task.c), in every
     * status that is not final: a young person in aftercare still waits on what was promised. */
    if (!core_enrolment_status_final(in->status) && in->has_own_task_due &&
        core_task_overdue(false, &in->own_task_due, in->today))
        row.flags |= CASELOAD_TASK_OVERDUE;

    row.urgency = core_caseload_urgency(row.flags);
    *out = row;
    return SP_OK;
}

const char *core_caseload_flag_name(unsigned flag)
{
    for (int i = 0; i < CASELOAD_FLAG_COUNT; i++) {
        if (flag == 1u << i)
            return flag_names[i];
    }
    return NULL;
}

bool core_caseload_flag_from(const char *name, unsigned *out)
{
    for (int i = 0; i < CASELOAD_FLAG_COUNT; i++) {
        if (strcmp(name, flag_names[i]) == 0) {
            *out = 1u << i;
            return true;
        }
    }
    return false;
}

unsigned core_caseload_instrument_bit(enum caseload_instrument instrument)
{
    return 1u << (unsigned)instrument;
}

static unsigned measured_instruments(const struct core_caseload_row *row)
{
    return (row->phq9.count > 0 ? core_caseload_instrument_bit(CASELOAD_INSTRUMENT_PHQ9) : 0u) |
           (row->gad7.count > 0 ? core_caseload_instrument_bit(CASELOAD_INSTRUMENT_GAD7) : 0u);
}

unsigned core_caseload_flag_instruments(const struct core_caseload_row *row, unsigned flag)
{
    if (!(row->flags & flag))
        return 0u;
    switch (flag) {
    case CASELOAD_RESPONSE:
    case CASELOAD_NOT_IMPROVING:
        return row->response_instrument == CASELOAD_INSTRUMENT_NONE
                   ? 0u
                   : core_caseload_instrument_bit(row->response_instrument);
    case CASELOAD_REMISSION:
        return measured_instruments(row);
    case CASELOAD_RELIABLE_IMPROVEMENT:
        return row->reliably_better;
    case CASELOAD_RELIABLE_DETERIORATION:
        return row->reliably_worse;
    default:
        return 0u;
    }
}

int core_caseload_urgency(unsigned flags)
{
    const size_t n = sizeof urgency_order / sizeof urgency_order[0];
    int urgency = 0;

    for (size_t i = 0; i < n; i++) {
        if (flags & urgency_order[i])
            urgency |= 1 << (n - 1 - i);
    }
    return urgency;
}

bool core_caseload_needs_attention(unsigned flags)
{
    return core_caseload_urgency(flags) > 0;
}

enum caseload_trend core_caseload_trend(enum caseload_instrument instrument, size_t count,
                                        int first, int latest,
                                        const struct core_caseload_settings *settings)
{
    int reliable;

    if (instrument == CASELOAD_INSTRUMENT_NONE || count < 2)
        return CASELOAD_TREND_UNKNOWN;
    reliable = instrument == CASELOAD_INSTRUMENT_PHQ9 ? settings->phq9_reliable_change
                                                      : settings->gad7_reliable_change;
    if (first - latest >= reliable)
        return CASELOAD_TREND_IMPROVING;
    if (latest - first >= reliable)
        return CASELOAD_TREND_WORSENING;
    return CASELOAD_TREND_NO_RELIABLE_CHANGE;
}

const char *core_caseload_trend_name(enum caseload_trend trend)
{
    static const char *const names[] = {
        [CASELOAD_TREND_UNKNOWN] = "unknown",
        [CASELOAD_TREND_IMPROVING] = "improving",
        [CASELOAD_TREND_WORSENING] = "worsening",
        [CASELOAD_TREND_NO_RELIABLE_CHANGE] = "no_reliable_change",
    };

    return (unsigned)trend < sizeof names / sizeof names[0] ? names[trend] : "unknown";
}

const char *const core_safety_actions[CORE_SAFETY_ACTION_COUNT] = {
    "risk_assessed", "safety_plan", "referred_acute", "contact_attempted"};

/* Indexed as core_safety_actions: did the action meet the citizen? */
static const bool safety_action_contact[CORE_SAFETY_ACTION_COUNT] = {true, true, false, false};

bool core_safety_action_is_contact(const char *action)
{
    for (size_t i = 0; action != NULL && i < CORE_SAFETY_ACTION_COUNT; i++)
        if (strcmp(action, core_safety_actions[i]) == 0)
            return safety_action_contact[i];
    return false;
}

int core_caseload_row_cmp(const void *a, const void *b)
{
    const struct core_caseload_row *x = a;
    const struct core_caseload_row *y = b;

    if (x->urgency != y->urgency)
        return x->urgency > y->urgency ? -1 : 1;
    /* Never in contact (no gap known) sorts as the longest gap. */
    if (x->has_contact_gap != y->has_contact_gap)
        return x->has_contact_gap ? 1 : -1;
    if (x->contact_gap_days != y->contact_gap_days)
        return x->contact_gap_days > y->contact_gap_days ? -1 : 1;
    if (x->enrolment_id != y->enrolment_id)
        return x->enrolment_id < y->enrolment_id ? -1 : 1;
    return 0;
}

struct core_caseload_settings core_caseload_settings_of(const struct project_treatment *t)
{
    struct core_caseload_settings s = core_caseload_settings_default();
    const struct {
        int value;
        int *setting;
    } set[] = {
        {t->not_improving_weeks, &s.not_improving_weeks},
        {t->response_percent, &s.response_pct},
        {t->measurement_overdue_days, &s.measurement_overdue_days},
        {t->no_contact_days, &s.no_contact_days},
    };

    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i].value > 0)
            *set[i].setting = set[i].value;
    s.followup_early_days = core_followup_window_default().before_days;
    return s;
}

static int threshold_or_unused(struct core_eligibility_threshold t)
{
    return t.used ? t.value : -1;
}

void core_project_treatment_default(struct project_treatment *out)
{
    struct core_caseload_settings c = core_caseload_settings_default();
    struct core_eligibility_rules e = core_eligibility_rules_default();

    out->not_improving_weeks = c.not_improving_weeks;
    out->response_percent = c.response_pct;
    out->measurement_overdue_days = c.measurement_overdue_days;
    out->no_contact_days = c.no_contact_days;
    out->screen_phq9_min = threshold_or_unused(e.phq9_entry_min);
    out->screen_gad7_min = threshold_or_unused(e.gad7_entry_min);
    out->screen_who5_max = threshold_or_unused(e.who5_entry_max);
    out->severe_phq9_min = threshold_or_unused(e.phq9_severe_min);
    out->suicide_item9_min = threshold_or_unused(e.item9_acute_min);
}
