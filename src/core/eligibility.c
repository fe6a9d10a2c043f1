/* Eligibility suggestion from a project's rules. Pure: no clock, no I/O, no allocation. */
#include "core/eligibility.h"

#include <stdio.h>
#include <string.h>

static const char *const suggestion_names[ELIGIBILITY__COUNT] = {
    [ELIGIBILITY_ELIGIBLE] = "eligible",
    [ELIGIBILITY_NOT_ELIGIBLE] = "not_eligible",
    [ELIGIBILITY_REFER_ELSEWHERE] = "refer_elsewhere",
    [ELIGIBILITY_NEEDS_SCREENING] = "needs_screening",
};

static const char *const reason_names[ELIGIBILITY_REASON__COUNT] = {
    [ELIGIBILITY_REASON_AGE_BELOW_RANGE] = "age_below_range",
    [ELIGIBILITY_REASON_AGE_ABOVE_RANGE] = "age_above_range",
    [ELIGIBILITY_REASON_MUNICIPALITY_UNKNOWN] = "municipality_unknown",
    [ELIGIBILITY_REASON_MUNICIPALITY_NOT_IN_PROJECT] = "municipality_not_in_project",
    [ELIGIBILITY_REASON_TARGET_GROUP_NOT_IN_PROJECT] = "target_group_not_in_project",
    [ELIGIBILITY_REASON_BELOW_SYMPTOM_THRESHOLD] = "below_symptom_threshold",
    [ELIGIBILITY_REASON_SCREENING_MISSING] = "screening_missing",
    [ELIGIBILITY_REASON_SCREENING_INCOMPLETE] = "screening_incomplete",
    [ELIGIBILITY_REASON_SEVERE_DEPRESSION] = "severe_depression",
    [ELIGIBILITY_REASON_ACUTE_SUICIDE_RISK] = "acute_suicide_risk",
};

/* Which suggestion each built-in reason points to; the strongest wins (see the header). */
static const enum eligibility_suggestion reason_suggests[ELIGIBILITY_REASON__COUNT] = {
    [ELIGIBILITY_REASON_AGE_BELOW_RANGE] = ELIGIBILITY_NOT_ELIGIBLE,
    [ELIGIBILITY_REASON_AGE_ABOVE_RANGE] = ELIGIBILITY_NOT_ELIGIBLE,
    [ELIGIBILITY_REASON_MUNICIPALITY_UNKNOWN] = ELIGIBILITY_NOT_ELIGIBLE,
    [ELIGIBILITY_REASON_MUNICIPALITY_NOT_IN_PROJECT] = ELIGIBILITY_NOT_ELIGIBLE,
    [ELIGIBILITY_REASON_TARGET_GROUP_NOT_IN_PROJECT] = ELIGIBILITY_NOT_ELIGIBLE,
    [ELIGIBILITY_REASON_BELOW_SYMPTOM_THRESHOLD] = ELIGIBILITY_NOT_ELIGIBLE,
    [ELIGIBILITY_REASON_SCREENING_MISSING] = ELIGIBILITY_NEEDS_SCREENING,
    [ELIGIBILITY_REASON_SCREENING_INCOMPLETE] = ELIGIBILITY_NEEDS_SCREENING,
    [ELIGIBILITY_REASON_SEVERE_DEPRESSION] = ELIGIBILITY_REFER_ELSEWHERE,
    [ELIGIBILITY_REASON_ACUTE_SUICIDE_RISK] = ELIGIBILITY_REFER_ELSEWHERE,
};

/* Strength of each suggestion: refer_elsewhere > not_eligible > needs_screening > eligible. */
static const int suggestion_strength[ELIGIBILITY__COUNT] = {
    [ELIGIBILITY_ELIGIBLE] = 0,
    [ELIGIBILITY_NEEDS_SCREENING] = 1,
    [ELIGIBILITY_NOT_ELIGIBLE] = 2,
    [ELIGIBILITY_REFER_ELSEWHERE] = 3,
};

struct core_eligibility_rules core_eligibility_rules_default(void)
{
    struct core_eligibility_rules r = {
        .age_min = 0,
        .age_max = 130,
        .phq9_entry_min = {true, 5},   /* 5-9 "mild" [KROENKE2001] */
        .gad7_entry_min = {true, 5},   /* 5-9 "mild" [SPITZER2006] */
        .who5_entry_max = {true, 12},  /* raw < 13 poor well-being [WHO5-SCORING] */
        .phq9_severe_min = {true, 20}, /* 20-27 "severe" [KROENKE2001] */
        .item9_acute_min = {true, 2},  /* product decision, not a sourced cut-off (header) */
    };

    return r;
}

static bool in_range(int value, int min, int max)
{
    return value >= min && value <= max;
}

/* A stable code: 1..64 bytes of a-z, 0-9 and _, and not a built-in reason's name. */
static bool exclusion_code_ok(const char *code)
{
    size_t len;
    enum eligibility_reason builtin;

    if (code == NULL)
        return false;
    len = strlen(code);
    if (len == 0 || len > 64)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = code[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return !core_eligibility_reason_from(code, &builtin);
}

static enum sp_code check_rules(const struct core_eligibility_rules *r, struct sp_err *err)
{
    char field[48];
    const struct {
        struct core_eligibility_threshold t;
        const char *field;
        int min;
        int max;
    } thresholds[] = {
        {r->phq9_entry_min, "/rules/phq9_entry_min", 0, 27},
        {r->gad7_entry_min, "/rules/gad7_entry_min", 0, 21},
        {r->who5_entry_max, "/rules/who5_entry_max", 0, 25},
        {r->phq9_severe_min, "/rules/phq9_severe_min", 1, 27},
        {r->item9_acute_min, "/rules/item9_acute_min", 1, 3},
    };

    if (!in_range(r->age_min, 0, 130))
        return sp_err_set(err, SP_INVALID, "/rules/age_min", "The age must be 0 to 130.");
    if (!in_range(r->age_max, r->age_min, 130))
        return sp_err_set(err, SP_INVALID, "/rules/age_max",
                          "The highest age must be from the lowest age to 130.");
    for (size_t i = 0; i < sizeof thresholds / sizeof thresholds[0]; i++) {
        if (thresholds[i].t.used &&
            !in_range(thresholds[i].t.value, thresholds[i].min, thresholds[i].max))
            return sp_err_set(err, SP_INVALID, thresholds[i].field,
                              "The threshold must be between %d and %d.", thresholds[i].min,
                              thresholds[i].max);
    }
    if (r->municipalities == NULL && r->municipality_count > 0)
        return sp_err_set(err, SP_INVALID, "/rules/municipalities",
                          "The list is missing but has a count.");
    for (size_t i = 0; i < r->municipality_count; i++) {
        snprintf(field, sizeof field, "/rules/municipalities/%zu", i);
        if (!in_range(r->municipalities[i], 100, 999))
            return sp_err_set(err, SP_INVALID, field, "A municipality code has three digits.");
    }
    if (r->target_groups == NULL && r->target_group_count > 0)
        return sp_err_set(err, SP_INVALID, "/rules/target_groups",
                          "The list is missing but has a count.");
    for (size_t i = 0; i < r->target_group_count; i++) {
        snprintf(field, sizeof field, "/rules/target_groups/%zu", i);
        if (r->target_groups[i] == NULL || r->target_groups[i][0] == '\0')
            return sp_err_set(err, SP_INVALID, field, "A target group code cannot be empty.");
    }
    return SP_OK;
}

static enum sp_code check_input(const struct core_eligibility_input *in, struct sp_err *err)
{
    char field[48];

    if (!core_date_valid(in->birth))
        return sp_err_set(err, SP_INVALID, "/birth", "The date does not exist in the calendar.");
    if (!core_date_valid(in->referral))
        return sp_err_set(err, SP_INVALID, "/referral", "The date does not exist in the calendar.");
    if (core_date_cmp(in->referral, in->birth) < 0)
        return sp_err_set(err, SP_INVALID, "/referral", "The referral is before the birth date.");
    if (in->has_municipality && !in_range(in->municipality_code, 100, 999))
        return sp_err_set(err, SP_INVALID, "/municipality_code",
                          "A municipality code has three digits.");
    if (in->target_group == NULL)
        return sp_err_set(err, SP_INVALID, "/target_group", "The target group is missing.");
    if (in->has_phq9 && !in_range(in->phq9_total, 0, 27))
        return sp_err_set(err, SP_INVALID, "/phq9_total", "The total must be between 0 and 27.");
    if (in->has_phq9_item9 &&
        (!in_range(in->phq9_item9, 0, 3) || (in->has_phq9 && in->phq9_item9 > in->phq9_total)))
        return sp_err_set(err, SP_INVALID, "/phq9_item9",
                          "Item 9 must be between 0 and 3 and not above the total.");
    if (in->has_gad7 && !in_range(in->gad7_total, 0, 21))
        return sp_err_set(err, SP_INVALID, "/gad7_total", "The total must be between 0 and 21.");
    if (in->has_who5 && !in_range(in->who5_raw, 0, 25))
        return sp_err_set(err, SP_INVALID, "/who5_raw", "The raw score must be between 0 and 25.");
    if (in->exclusion_count > ELIGIBILITY_EXCLUSIONS_MAX)
        return sp_err_set(err, SP_INVALID, "/exclusions", "Give at most %d exclusions.",
                          ELIGIBILITY_EXCLUSIONS_MAX);
    if (in->exclusions == NULL && in->exclusion_count > 0)
        return sp_err_set(err, SP_INVALID, "/exclusions", "The list is missing but has a count.");
    for (size_t i = 0; i < in->exclusion_count; i++) {
        snprintf(field, sizeof field, "/exclusions/%zu/code", i);
        if (!exclusion_code_ok(in->exclusions[i].code))
            return sp_err_set(err, SP_INVALID, field,
                              "Give a code of a-z, 0-9 and _ that is not a built-in reason.");
    }
    return SP_OK;
}

static bool municipality_listed(const struct core_eligibility_rules *r, int code)
{
    for (size_t i = 0; i < r->municipality_count; i++) {
        if (r->municipalities[i] == code)
            return true;
    }
    return false;
}

static bool target_group_listed(const struct core_eligibility_rules *r, const char *code)
{
    for (size_t i = 0; i < r->target_group_count; i++) {
        if (strcmp(r->target_groups[i], code) == 0)
            return true;
    }
    return false;
}

/* The symptom criterion, "at least one" of the used thresholds: met as soon as one given score
 * meets its threshold, whatever is missing. Otherwise: no used score given → screening_missing;
 * some given, some missing → screening_incomplete (decision: a missing instrument could still
 * qualify, so the suggestion asks for it rather than saying not_eligible); all given, none met →
 * below_symptom_threshold. No used threshold → no symptom criterion, no screening needed. */
static unsigned symptom_reasons(const struct core_eligibility_rules *r,
                                const struct core_eligibility_input *in)
{
    int used = 0;
    int given = 0;
    bool met = false;

    if (r->phq9_entry_min.used) {
        used++;
        given += in->has_phq9;
        met = met || (in->has_phq9 && in->phq9_total >= r->phq9_entry_min.value);
    }
    if (r->gad7_entry_min.used) {
        used++;
        given += in->has_gad7;
        met = met || (in->has_gad7 && in->gad7_total >= r->gad7_entry_min.value);
    }
    if (r->who5_entry_max.used) {
        used++;
        given += in->has_who5;
        met = met || (in->has_who5 && in->who5_raw <= r->who5_entry_max.value);
    }
    if (used == 0 || met)
        return 0;
    if (given == 0)
        return 1u << ELIGIBILITY_REASON_SCREENING_MISSING;
    if (given < used)
        return 1u << ELIGIBILITY_REASON_SCREENING_INCOMPLETE;
    return 1u << ELIGIBILITY_REASON_BELOW_SYMPTOM_THRESHOLD;
}

static unsigned built_in_reasons(const struct core_eligibility_rules *r,
                                 const struct core_eligibility_input *in, int age)
{
    unsigned reasons = 0;

    if (age < r->age_min)
        reasons |= 1u << ELIGIBILITY_REASON_AGE_BELOW_RANGE;
    if (age > r->age_max)
        reasons |= 1u << ELIGIBILITY_REASON_AGE_ABOVE_RANGE;
    /* Decision: a project that names municipalities cannot place a citizen with none recorded;
     * that is its own reason, so the clinician sees what is missing. */
    if (r->municipality_count > 0 && !in->has_municipality)
        reasons |= 1u << ELIGIBILITY_REASON_MUNICIPALITY_UNKNOWN;
    if (r->municipality_count > 0 && in->has_municipality &&
        !municipality_listed(r, in->municipality_code))
        reasons |= 1u << ELIGIBILITY_REASON_MUNICIPALITY_NOT_IN_PROJECT;
    if (r->target_group_count > 0 && !target_group_listed(r, in->target_group))
        reasons |= 1u << ELIGIBILITY_REASON_TARGET_GROUP_NOT_IN_PROJECT;
    reasons |= symptom_reasons(r, in);
    if (r->phq9_severe_min.used && in->has_phq9 && in->phq9_total >= r->phq9_severe_min.value)
        reasons |= 1u << ELIGIBILITY_REASON_SEVERE_DEPRESSION;
    if (in->acute_risk || (r->item9_acute_min.used && in->has_phq9_item9 &&
                           in->phq9_item9 >= r->item9_acute_min.value))
        reasons |= 1u << ELIGIBILITY_REASON_ACUTE_SUICIDE_RISK;
    return reasons;
}

static void consider(struct core_eligibility_result *out, enum eligibility_suggestion s)
{
    if (suggestion_strength[s] > suggestion_strength[out->suggestion])
        out->suggestion = s;
}

enum sp_code core_eligibility_suggest(const struct core_eligibility_rules *rules,
                                      const struct core_eligibility_input *in,
                                      struct core_eligibility_result *out, struct sp_err *err)
{
    enum sp_code rc;

    memset(out, 0, sizeof *out);
    rc = check_rules(rules, err);
    if (rc == SP_OK)
        rc = check_input(in, err);
    if (rc != SP_OK)
        return rc;

    out->suggestion = ELIGIBILITY_ELIGIBLE;
    out->age = core_date_age(in->birth, in->referral); /* the birthday itself counts */
    out->reasons = built_in_reasons(rules, in, out->age);
    for (int i = 0; i < ELIGIBILITY_REASON__COUNT; i++) {
        if (out->reasons & (1u << i)) {
            out->reason_codes[out->reason_count++] = reason_names[i];
            consider(out, reason_suggests[i]);
        }
    }
    for (size_t i = 0; i < in->exclusion_count; i++) {
        out->reason_codes[out->reason_count++] = in->exclusions[i].code;
        consider(out, in->exclusions[i].refer_elsewhere ? ELIGIBILITY_REFER_ELSEWHERE
                                                        : ELIGIBILITY_NOT_ELIGIBLE);
    }
    return SP_OK;
}

const char *core_eligibility_suggestion_name(enum eligibility_suggestion suggestion)
{
    if ((unsigned)suggestion >= ELIGIBILITY__COUNT)
        return "unknown";
    return suggestion_names[suggestion];
}

bool core_eligibility_suggestion_from(const char *name, enum eligibility_suggestion *out)
{
    for (int i = 0; i < ELIGIBILITY__COUNT; i++) {
        if (strcmp(name, suggestion_names[i]) == 0) {
            *out = (enum eligibility_suggestion)i;
            return true;
        }
    }
    return false;
}

const char *core_eligibility_reason_name(enum eligibility_reason reason)
{
    if ((unsigned)reason >= ELIGIBILITY_REASON__COUNT)
        return "unknown";
    return reason_names[reason];
}

bool core_eligibility_reason_from(const char *name, enum eligibility_reason *out)
{
    for (int i = 0; i < ELIGIBILITY_REASON__COUNT; i++) {
        if (strcmp(name, reason_names[i]) == 0) {
            *out = (enum eligibility_reason)i;
            return true;
        }
    }
    return false;
}
