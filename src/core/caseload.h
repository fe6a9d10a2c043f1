/* The caseload registry's flags for one enrolment: safety, measurement-based care (response,
 * remission, not improving), NHS Talking Therapies reliable change, and the process flags
 * (measurement overdue, no contact, follow-up due), with an urgency order for the list.
 * Rules: docs/sources.md [PHQMANUAL] (item 9), [PS2020] (flags), [NHS-TT] (reliable change) and the
 * caseload issue, restated where each rule is made in caseload.c. Pure: no I/O, no clock; today
 * is always passed in. */
#ifndef SP_CORE_CASELOAD_H
#define SP_CORE_CASELOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/enrolment.h"

/* One bit per flag. The bit order and the names ("safety", "not_improving",
 * "measurement_overdue", "no_contact", "followup_due", "response", "remission",
 * "reliable_improvement", "reliable_deterioration", "task_overdue") are part of the API
 * contract. */
enum caseload_flag {
    CASELOAD_SAFETY = 1 << 0,                 /* latest PHQ-9 item 9 >= 1, no follow-up since */
    CASELOAD_NOT_IMPROVING = 1 << 1,          /* >= 10 weeks active and < 50 % reduction */
    CASELOAD_MEASUREMENT_OVERDUE = 1 << 2,    /* active, no PHQ-9/GAD-7 for 28 days */
    CASELOAD_NO_CONTACT = 1 << 3,             /* active, no contact for 14 days */
    CASELOAD_FOLLOWUP_DUE = 1 << 4,           /* a scheduled follow-up date passed, none done */
    CASELOAD_RESPONSE = 1 << 5,               /* >= 50 % reduction from baseline */
    CASELOAD_REMISSION = 1 << 6,              /* latest PHQ-9 < 5 and GAD-7 < 5 */
    CASELOAD_RELIABLE_IMPROVEMENT = 1 << 7,   /* fall >= 6 PHQ-9 or >= 4 GAD-7, none rising */
    CASELOAD_RELIABLE_DETERIORATION = 1 << 8, /* rise >= 6 PHQ-9 or >= 4 GAD-7 */
    CASELOAD_TASK_OVERDUE = 1 << 9,           /* a joint-plan task of the reader's is overdue */
};
#define CASELOAD_FLAG_COUNT 10

/* Which instrument response and not_improving were judged on. */
enum caseload_instrument {
    CASELOAD_INSTRUMENT_NONE, /* neither has a baseline >= 1 (response undefined) */
    CASELOAD_INSTRUMENT_PHQ9,
    CASELOAD_INSTRUMENT_GAD7,
};

/* Per-project thresholds. Start from core_caseload_settings_default() and change what the
 * project sets; core_caseload_evaluate refuses values outside the ranges given here. */
struct core_caseload_settings {
    int not_improving_weeks;      /* 10 (1..104): weeks active before not_improving can show */
    int response_pct;             /* 50 (1..100): response when the fall is >= this % of baseline */
    int measurement_overdue_days; /* 28 (1..366): overdue this many days after the last one */
    int no_contact_days;          /* 14 (1..366): no_contact this many days after the last one */
    int phq9_remission_below;     /* 5 (1..27): remission needs the latest PHQ-9 below this */
    int gad7_remission_below;     /* 5 (1..21): and the latest GAD-7 below this */
    int phq9_reliable_change;     /* 6 (1..27): reliable change on PHQ-9, in points */
    int gad7_reliable_change;     /* 4 (1..21): reliable change on GAD-7, in points */
    int followup_early_days;      /* 0 (0..366): a follow-up assessment this many days before
                                     the scheduled date still counts for it */
};

/* One questionnaire result. item9 is PHQ-9's item 9 (0..3) and is ignored for GAD-7. */
struct core_caseload_score {
    struct core_date date;
    int total; /* PHQ-9 0..27, GAD-7 0..21 */
    int item9;
};

/* Everything the flags are computed from, filled by the store/API layer. Arrays are borrowed for
 * the call only, in any order; where two scores share a date, the one later in the array is
 * taken as the later (pass them in the order recorded). No date may be after `today`. */
struct core_caseload_input {
    int64_t enrolment_id; /* copied to the row: the comparator's last tie-break */
    struct core_date today;
    enum enrolment_status status;
    bool has_start;         /* required when active or aftercare */
    struct core_date start; /* the day the enrolment became active; not after today */
    const struct core_caseload_score *phq9;
    size_t phq9_count;
    const struct core_caseload_score *gad7;
    size_t gad7_count;
    const struct core_date *safety_followups; /* safety follow-ups recorded (item 9) */
    size_t safety_followup_count;
    bool has_last_contact;
    struct core_date last_contact; /* last session or contact with the citizen */
    const int *followup_months;    /* the project's schedule, e.g. {3, 6, 12} (each 1..120) */
    size_t followup_month_count;
    const struct core_date *followups_done; /* follow-up questionnaire dates */
    size_t followup_done_count;
    /* The earliest due date of the reader's own open tasks on the enrolment (the joint plan,
     * migration 0017); may be after today. task_overdue shows when it is before today. */
    bool has_own_task_due;
    struct core_date own_task_due;
};

/* Baseline and latest of one instrument. Unset (zero) when count is 0. */
struct core_caseload_series {
    size_t count;                   /* scores given */
    struct core_date baseline_date; /* the earliest score (first in the array among ties) */
    int baseline;
    struct core_date latest_date; /* the latest score (last in the array among ties) */
    int latest;
    int latest_item9; /* PHQ-9 only: item 9 of the latest score; 0 for GAD-7 */
    int change;       /* latest - baseline: below 0 is fewer symptoms; 0 when count < 2 */
};

/* One caseload row: what the list shows, and what it sorts by. */
struct core_caseload_row {
    int64_t enrolment_id;
    unsigned flags;         /* enum caseload_flag bits */
    int urgency;            /* core_caseload_urgency(flags): higher is more urgent */
    int days_in_treatment;  /* today - start; 0 without a start */
    int weeks_in_treatment; /* whole weeks: days_in_treatment / 7 */
    struct core_caseload_series phq9;
    struct core_caseload_series gad7;
    enum caseload_instrument response_instrument;
    unsigned reliably_better;  /* instrument bits (core_caseload_instrument_bit) that fell by at
                                  least their reliable change, whether or not the flag shows */
    unsigned reliably_worse;   /* instrument bits that rose by at least their reliable change */
    bool has_contact_gap;      /* false: no contact and no start (never in contact) */
    int contact_gap_days;      /* today - the later of last contact and start */
    bool has_next_contact_due; /* active only */
    struct core_date next_contact_due;     /* no_contact shows from this day on */
    bool has_next_measurement_due;         /* active only */
    struct core_date next_measurement_due; /* measurement_overdue shows from this day on */
    int followup_due_month; /* with CASELOAD_FOLLOWUP_DUE: the latest scheduled month that is
                               due (a missed earlier one is met by the same assessment) */
    struct core_date followup_due_date; /* its date, start + that many months */
};

/* One instrument as a bit, for the instrument sets below: 1u << instrument. */
unsigned core_caseload_instrument_bit(enum caseload_instrument instrument);

/* The instruments a flag of the row is about, as a set of core_caseload_instrument_bit() bits,
 * so that a list can say "not improving on PHQ-9" and "reliable improvement on GAD-7" on one
 * row: response and not_improving, the instrument response is judged on (response_instrument);
 * remission, every instrument measured (each is below its threshold); reliable_improvement and
 * reliable_deterioration, the instruments whose change reached the threshold in that direction.
 * 0 for the other flags and for a flag the row does not have. */
unsigned core_caseload_flag_instruments(const struct core_caseload_row *row, unsigned flag);

/* The defaults named in the issue: 10 weeks, 50 %, 28 days, 14 days, remission below 5 on both,
 * reliable change 6 (PHQ-9) and 4 (GAD-7), no early window for follow-ups. */
struct core_caseload_settings core_caseload_settings_default(void);

/* A project's caseload settings, from its treatment numbers (struct project_treatment, migration
 * 0007): each number the project sets (> 0), else the default above. The remission and
 * reliable-change thresholds are the defaults in every project: they are properties of the
 * questionnaires ([PS2020], [NHS-TT]), not project columns. A follow-up questionnaire counts from
 * the day the follow-up list's window opens (core_followup_window_default), so that the caseload
 * and that list agree on one answered early. The caseload flags and the health summary's trend
 * both judge by these. */
struct project_treatment;
struct core_caseload_settings core_caseload_settings_of(const struct project_treatment *t);

/* A project's treatment numbers as a new project gets them (migration 0007's column defaults):
 * the caseload thresholds of core_caseload_settings_default() and the screening and referral
 * thresholds of core_eligibility_rules_default(). */
void core_project_treatment_default(struct project_treatment *out);

/* Compute *out for one enrolment as of in->today. Flags by status: safety in every status that is
 * not final; not_improving, measurement_overdue and no_contact only while active; followup_due
 * while active or in aftercare; response, remission and reliable change in every status.
 * SP_OK and *out filled; or SP_INVALID (field names the member, e.g. "/phq9/2/total"; the detail
 * quotes no value) for a setting out of range, a date that is not a real day in years 1..9999
 * or is after today (the start included), a missing start while active or in aftercare, a total
 * or item out of range, an item 9 above the total, a month outside 1..120, or a NULL array with a
 * count; *out is then zeroed. Borrows nothing beyond the call. */
enum sp_code core_caseload_evaluate(const struct core_caseload_input *in,
                                    const struct core_caseload_settings *settings,
                                    struct core_caseload_row *out, struct sp_err *err);

/* The stable name of one flag bit; NULL unless `flag` is exactly one of the ten bits. */
const char *core_caseload_flag_name(unsigned flag);

/* A flag's name → its bit in *out; false (and *out untouched) for anything else. */
bool core_caseload_flag_from(const char *name, unsigned *out);

/* The sort weight of a flag set, higher first: safety 64, not_improving 32,
 * reliable_deterioration 16, measurement_overdue 8, no_contact 4, followup_due 2, task_overdue 1,
 * the rest 0. So safety alone outranks every other combination, and more urgent flags break ties;
 * an overdue task of the plan only orders rows whose clinical flags are the same. */
int core_caseload_urgency(unsigned flags);

/* Does a row with these flags ask for attention at the supervising clinician's case review
 * (GET /api/v1/case-review)? Exactly when a flag adds urgency (core_caseload_urgency): safety,
 * not_improving, reliable_deterioration, measurement_overdue, no_contact, followup_due,
 * task_overdue. Response, remission and reliable_improvement are good news and do not. */
bool core_caseload_needs_attention(unsigned flags);

/* How one questionnaire moved from its first to its latest current score, as NHS Talking
 * Therapies reads it ([NHS-TT]). The names ("unknown", "improving", "worsening",
 * "no_reliable_change") are part of the API contract (the health summary's trend). */
enum caseload_trend {
    CASELOAD_TREND_UNKNOWN,            /* fewer than two scores */
    CASELOAD_TREND_IMPROVING,          /* fell by at least the instrument's reliable change */
    CASELOAD_TREND_WORSENING,          /* rose by at least that much */
    CASELOAD_TREND_NO_RELIABLE_CHANGE, /* moved less than that */
};

/* The trend of PHQ-9 or GAD-7 from `count` current scores, the first `first` and the latest
 * `latest`, by the reliable change of `settings` for that instrument; CASELOAD_TREND_UNKNOWN for
 * CASELOAD_INSTRUMENT_NONE. The caseload's reliable_improvement and reliable_deterioration use the
 * same rule. */
enum caseload_trend core_caseload_trend(enum caseload_instrument instrument, size_t count,
                                        int first, int latest,
                                        const struct core_caseload_settings *settings);
const char *core_caseload_trend_name(enum caseload_trend trend);

/* The actions of a safety follow-up, what was done after a PHQ-9 whose item 9 was 1 or more
 * (docs/api-contract.md): risk_assessed, safety_plan, referred_acute, contact_attempted. Any of
 * them clears the safety flag. */
#define CORE_SAFETY_ACTION_COUNT 4
extern const char *const core_safety_actions[CORE_SAFETY_ACTION_COUNT];

/* What counts as a contact with the citizen (a caseload row's last_contact, and the gap that
 * no_contact measures): every treatment session, and a safety follow-up whose action met the
 * citizen: risk_assessed (a risk assessment with them) and safety_plan (a plan made with them).
 * referred_acute (handed on to acute services) and contact_attempted (not reached) are not
 * contacts. False for anything that is not an action. */
bool core_safety_action_is_contact(const char *action);

/* qsort comparator on struct core_caseload_row, most urgent first: urgency descending, then the
 * longer contact gap (no gap known counts as the longest), then enrolment_id ascending. Never 0
 * for two rows with different enrolment ids, so the order is total and deterministic. */
int core_caseload_row_cmp(const void *a, const void *b);

#endif
