/* Eligibility suggestion for a referral, from the project's rules (docs/design.md: the rules
 * suggest, a clinician decides and says why). This module only suggests, with reasons; the
 * clinician's decision is recorded by api/ and store/. Symptom thresholds (docs/sources.md):
 * PHQ-9 bands [KROENKE2001], GAD-7 bands [SPITZER2006], WHO-5 raw [WHO5-SCORING]. Pure: no I/O,
 * no clock. */
#ifndef SP_CORE_ELIGIBILITY_H
#define SP_CORE_ELIGIBILITY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/date.h"

/* The suggestion; names ("eligible", "not_eligible", "refer_elsewhere", "needs_screening") are
 * part of the API contract. */
enum eligibility_suggestion {
    ELIGIBILITY_ELIGIBLE,
    ELIGIBILITY_NOT_ELIGIBLE,    /* outside the project's scope (age, place, group, symptoms) */
    ELIGIBILITY_REFER_ELSEWHERE, /* clinical severity: psychiatry, not this project */
    ELIGIBILITY_NEEDS_SCREENING, /* in scope so far, but the symptom screening is not done */
    ELIGIBILITY__COUNT
};

/* Built-in reasons, in the order they are listed in a result. Names (core_eligibility_reason_name)
 * are part of the API contract. */
enum eligibility_reason {
    ELIGIBILITY_REASON_AGE_BELOW_RANGE,             /* "age_below_range" */
    ELIGIBILITY_REASON_AGE_ABOVE_RANGE,             /* "age_above_range" */
    ELIGIBILITY_REASON_MUNICIPALITY_UNKNOWN,        /* "municipality_unknown" */
    ELIGIBILITY_REASON_MUNICIPALITY_NOT_IN_PROJECT, /* "municipality_not_in_project" */
    ELIGIBILITY_REASON_TARGET_GROUP_NOT_IN_PROJECT, /* "target_group_not_in_project" */
    ELIGIBILITY_REASON_BELOW_SYMPTOM_THRESHOLD,     /* "below_symptom_threshold" */
    ELIGIBILITY_REASON_SCREENING_MISSING,           /* "screening_missing" */
    ELIGIBILITY_REASON_SCREENING_INCOMPLETE,        /* "screening_incomplete" */
    ELIGIBILITY_REASON_SEVERE_DEPRESSION,           /* "severe_depression" */
    ELIGIBILITY_REASON_ACUTE_SUICIDE_RISK,          /* "acute_suicide_risk" */
    ELIGIBILITY_REASON__COUNT
};

/* The most exclusions a caller may pass, and so the longest list of reasons in a result. */
#define ELIGIBILITY_EXCLUSIONS_MAX 16
#define ELIGIBILITY_REASONS_MAX (ELIGIBILITY_REASON__COUNT + ELIGIBILITY_EXCLUSIONS_MAX)

/* A threshold a project may switch off: `used` false ignores `value`. */
struct core_eligibility_threshold {
    bool used;
    int value;
};

/* One project's rules. Lists are borrowed for the call only; an empty list means "any". */
struct core_eligibility_rules {
    int age_min;               /* inclusive, whole years on the referral date (0..130) */
    int age_max;               /* inclusive, >= age_min */
    const int *municipalities; /* three-digit municipality codes (100..999); empty: any */
    size_t municipality_count;
    const char *const *target_groups; /* target group codes; empty: any */
    size_t target_group_count;
    /* Entry: at least one used threshold met. Used thresholds also define the screening. */
    struct core_eligibility_threshold phq9_entry_min; /* PHQ-9 total >= value (0..27) */
    struct core_eligibility_threshold gad7_entry_min; /* GAD-7 total >= value (0..21) */
    struct core_eligibility_threshold who5_entry_max; /* WHO-5 raw <= value (0..25) */
    /* Exclusions for clinical severity: each suggests refer_elsewhere. */
    struct core_eligibility_threshold phq9_severe_min; /* PHQ-9 total >= value (1..27) */
    struct core_eligibility_threshold item9_acute_min; /* PHQ-9 item 9 >= value (1..3) */
};

/* An exclusion criterion a clinician has found, beyond the built-in ones: `code` is a stable
 * string of a-z, 0-9 and _ (1..64 bytes), borrowed and echoed in the result; refer_elsewhere
 * says whether it is clinical (suggest psychiatry) or out of scope (suggest not_eligible). */
struct core_eligibility_exclusion {
    const char *code;
    bool refer_elsewhere;
};

/* The referral and the latest screening. Each score is optional (has_… false). */
struct core_eligibility_input {
    struct core_date birth;
    struct core_date referral; /* age is taken on this day (core_date_age) */
    bool has_municipality;
    int municipality_code;    /* 100..999 */
    const char *target_group; /* the enrolment's target group code; never NULL */
    bool has_phq9;
    int phq9_total; /* 0..27 */
    bool has_phq9_item9;
    int phq9_item9; /* 0..3, and not above phq9_total when both are given */
    bool has_gad7;
    int gad7_total; /* 0..21 */
    bool has_who5;
    int who5_raw;    /* 0..25 (raw, not the percentage) */
    bool acute_risk; /* a clinician judged the suicide risk acute */
    const struct core_eligibility_exclusion *exclusions; /* borrowed */
    size_t exclusion_count;                              /* 0..ELIGIBILITY_EXCLUSIONS_MAX */
};

struct core_eligibility_result {
    enum eligibility_suggestion suggestion;
    int age;          /* whole years on the referral date */
    unsigned reasons; /* 1 << enum eligibility_reason, for each built-in reason found */
    size_t reason_count;
    /* The built-in reasons' names in enum order, then each exclusion's code in input order.
     * Built-in names are static; exclusion codes are the caller's strings (borrowed). */
    const char *reason_codes[ELIGIBILITY_REASONS_MAX];
};

/* Clinical defaults, with the age range left open (0..130: every project sets its own):
 * entry when PHQ-9 >= 5 ("mild" from 5 [KROENKE2001]), GAD-7 >= 5 ("mild" from 5 [SPITZER2006])
 * or WHO-5 raw <= 12 (raw < 13 is poor well-being [WHO5-SCORING]); refer elsewhere when PHQ-9
 * >= 20 ("severe" [KROENKE2001]) or item 9 >= 2. Item 9 >= 2 ("more than half the days") is a
 * product decision, not a sourced cut-off: the sources give only item 9 >= 1, as a safety flag
 * [MII], which is not an exclusion. */
struct core_eligibility_rules core_eligibility_rules_default(void);

/* Suggest for one referral. Every reason found is listed, whatever the suggestion. The
 * suggestion is the first that applies of: refer_elsewhere (severe_depression,
 * acute_suicide_risk, or an exclusion with refer_elsewhere: a person at clinical risk is sent on
 * whatever else holds); not_eligible (age, municipality, target group, below_symptom_threshold,
 * or any other exclusion); needs_screening (screening_missing or screening_incomplete); eligible.
 * SP_OK and *out filled; or SP_INVALID (field names the member, "/rules/…" or "/…"; the detail
 * quotes no value) for rules out of range, an invalid date, a referral before birth, a score out
 * of range, a NULL target group, a bad or NULL exclusion code, too many exclusions, or a NULL list
 * with a count; *out is then zeroed. The result borrows the exclusion codes from `in`. */
enum sp_code core_eligibility_suggest(const struct core_eligibility_rules *rules,
                                      const struct core_eligibility_input *in,
                                      struct core_eligibility_result *out, struct sp_err *err);

/* "eligible" … "needs_screening"; "unknown" out of range. */
const char *core_eligibility_suggestion_name(enum eligibility_suggestion suggestion);
/* A suggestion's name → *out; false for anything else. */
bool core_eligibility_suggestion_from(const char *name, enum eligibility_suggestion *out);

/* "age_below_range" … "acute_suicide_risk"; "unknown" out of range. */
const char *core_eligibility_reason_name(enum eligibility_reason reason);
/* A built-in reason's name → *out; false for anything else. */
bool core_eligibility_reason_from(const char *name, enum eligibility_reason *out);

#endif
