/* core/eligibility: each reason, age boundaries, empty lists, combinations, refusals, names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/eligibility.h"

/* Sources for the expected values (never this module's output):
 * [ISSUE] the eligibility issue text: age range at referral, min/max inclusive, in whole years
 *   (core_date_age: the birthday itself counts); allowed municipalities and target groups, empty
 *   = any; entry when PHQ-9 >= 5 or GAD-7 >= 5 or WHO-5 raw <= 12, "at least one"; a screening is
 *   needed, missing → needs_screening; exclusions: PHQ-9 >= 20 (severe) and item 9 >= 2 or a
 *   clinician's acute-risk judgement suggest refer_elsewhere; out-of-scope criteria suggest
 *   not_eligible; reason codes as the issue spells them.
 * [D1] [KROENKE2001] (docs/sources.md): PHQ-9 band "severe" is 20-27, "mild" starts at 5.
 * [D2] [SPITZER2006]: GAD-7 "mild" starts at 5. [D3] [WHO5-SCORING]: raw < 13 (<= 12) is poor.
 * [DEC] a decision on an edge the issue leaves open, documented in eligibility.h/.c:
 *   screening_incomplete when no given score qualifies but a used one is missing;
 *   municipality_unknown when the project lists municipalities and none is recorded; a caller's
 *   exclusion suggests refer_elsewhere or not_eligible as it says; refer_elsewhere outranks
 *   not_eligible, which outranks needs_screening. */

#define NA (-1) /* score not given */

static const int project_municipalities[] = {101, 147,
                                             151}; /* København, Frederiksberg, Ballerup */
static const char *const project_groups[] = {"unemployed_benefit", "education_dropout"};

/* A project: ages 18-30, three municipalities, two target groups, the default clinical rules. */
static const struct core_eligibility_rules project = {
    .age_min = 18,
    .age_max = 30,
    .municipalities = project_municipalities,
    .municipality_count = 3,
    .target_groups = project_groups,
    .target_group_count = 2,
    .phq9_entry_min = {true, 5},
    .gad7_entry_min = {true, 5},
    .who5_entry_max = {true, 12},
    .phq9_severe_min = {true, 20},
    .item9_acute_min = {true, 2},
};

/* Empty lists: any municipality, any target group. */
static const struct core_eligibility_rules open_lists = {
    .age_min = 18,
    .age_max = 30,
    .phq9_entry_min = {true, 5},
    .gad7_entry_min = {true, 5},
    .who5_entry_max = {true, 12},
    .phq9_severe_min = {true, 20},
    .item9_acute_min = {true, 2},
};

/* Only PHQ-9 decides entry, so only PHQ-9 makes up the screening. */
static const struct core_eligibility_rules phq9_only = {
    .age_min = 18,
    .age_max = 30,
    .phq9_entry_min = {true, 5},
    .phq9_severe_min = {true, 20},
    .item9_acute_min = {true, 2},
};

/* No symptom criterion and no clinical exclusions. */
static const struct core_eligibility_rules no_clinical = {
    .age_min = 18,
    .age_max = 30,
};

/* A project with its own cut-offs: entry PHQ-9 >= 10, severe from 23, acute at item 9 = 3. */
static const struct core_eligibility_rules custom = {
    .age_min = 18,
    .age_max = 30,
    .phq9_entry_min = {true, 10},
    .phq9_severe_min = {true, 23},
    .item9_acute_min = {true, 3},
};

struct row {
    const char *name;
    const struct core_eligibility_rules *rules;
    struct core_date birth;
    int municipality; /* 0: not recorded */
    const char *target_group;
    int phq9; /* NA: not given */
    int item9;
    int gad7;
    int who5;
    bool acute;
    size_t exclusion_n;
    struct core_eligibility_exclusion exclusions[2];
    enum eligibility_suggestion suggestion;
    int age;
    const char *reasons[5]; /* in order; NULL ends the list */
};

/* Every row is referred on 2026-03-01. Birth 2000-06-15 is 25 then. */
static const struct core_date referral = {2026, 3, 1};
#define B25                                                                                        \
    {                                                                                              \
        2000, 6, 15                                                                                \
    }
#define UB "unemployed_benefit"

#define E ELIGIBILITY_ELIGIBLE
#define NE ELIGIBILITY_NOT_ELIGIBLE
#define RE ELIGIBILITY_REFER_ELSEWHERE
#define NS ELIGIBILITY_NEEDS_SCREENING

static const struct row rows[] = {
    {"in every respect eligible", &project, B25, 101, UB, 12, 0, 8, 10, .suggestion = E, .age = 25},

    /* Age [ISSUE]: inclusive range, the birthday on the referral date counts. */
    {"18th birthday on the referral date",
     &project,
     {2008, 3, 1},
     101,
     UB,
     12,
     0,
     8,
     10,
     .suggestion = E,
     .age = 18},
    {"17, 18th birthday the next day",
     &project,
     {2008, 3, 2},
     101,
     UB,
     12,
     0,
     8,
     10,
     .suggestion = NE,
     .age = 17,
     .reasons = {"age_below_range"}},
    {"30, 31st birthday the next day",
     &project,
     {1995, 3, 2},
     101,
     UB,
     12,
     0,
     8,
     10,
     .suggestion = E,
     .age = 30},
    {"31st birthday on the referral date",
     &project,
     {1995, 3, 1},
     101,
     UB,
     12,
     0,
     8,
     10,
     .suggestion = NE,
     .age = 31,
     .reasons = {"age_above_range"}},
    {"born on 29 February, 18 on 1 March of a common year",
     &project,
     {2008, 2, 29},
     101,
     UB,
     12,
     0,
     8,
     10,
     .suggestion = E,
     .age = 18},

    /* Municipality and target group [ISSUE]; empty lists mean any. */
    {"another municipality", &project, B25, 153, UB, 12, 0, 8, 10, .suggestion = NE, .age = 25,
     .reasons = {"municipality_not_in_project"}},
    {"listed municipality, the last in the list", &project, B25, 151, UB, 12, 0, 8, 10,
     .suggestion = E, .age = 25},
    {"no municipality recorded [DEC]", &project, B25, 0, UB, 12, 0, 8, 10, .suggestion = NE,
     .age = 25, .reasons = {"municipality_unknown"}},
    {"another target group", &project, B25, 101, "sick_leave", 12, 0, 8, 10, .suggestion = NE,
     .age = 25, .reasons = {"target_group_not_in_project"}},
    {"target group compared exactly", &project, B25, 101, "Unemployed_benefit", 12, 0, 8, 10,
     .suggestion = NE, .age = 25, .reasons = {"target_group_not_in_project"}},
    {"second listed target group", &project, B25, 101, "education_dropout", 12, 0, 8, 10,
     .suggestion = E, .age = 25},
    {"empty lists: any municipality and group", &open_lists, B25, 860, "sick_leave", 12, 0, 8, 10,
     .suggestion = E, .age = 25},
    {"empty lists: no municipality recorded", &open_lists, B25, 0, "sick_leave", 12, 0, 8, 10,
     .suggestion = E, .age = 25},

    /* Symptom threshold [ISSUE][D1][D2][D3], at least one: each at its boundary. */
    {"PHQ-9 5 alone qualifies", &project, B25, 101, UB, 5, 0, 4, 13, .suggestion = E, .age = 25},
    {"GAD-7 5 alone qualifies", &project, B25, 101, UB, 4, 0, 5, 13, .suggestion = E, .age = 25},
    {"WHO-5 12 alone qualifies", &project, B25, 101, UB, 4, 0, 4, 12, .suggestion = E, .age = 25},
    {"PHQ-9 4, GAD-7 4, WHO-5 13: below", &project, B25, 101, UB, 4, 0, 4, 13, .suggestion = NE,
     .age = 25, .reasons = {"below_symptom_threshold"}},
    {"PHQ-9 7 alone given qualifies", &project, B25, 101, UB, 7, 0, NA, NA, .suggestion = E,
     .age = 25},
    {"WHO-5 11 alone given qualifies", &project, B25, 101, UB, NA, NA, NA, 11, .suggestion = E,
     .age = 25},
    {"no screening", &project, B25, 101, UB, NA, NA, NA, NA, .suggestion = NS, .age = 25,
     .reasons = {"screening_missing"}},
    {"PHQ-9 3 alone given: incomplete [DEC]", &project, B25, 101, UB, 3, 0, NA, NA,
     .suggestion = NS, .age = 25, .reasons = {"screening_incomplete"}},
    {"WHO-5 20 alone given: incomplete [DEC]", &project, B25, 101, UB, NA, NA, NA, 20,
     .suggestion = NS, .age = 25, .reasons = {"screening_incomplete"}},
    {"PHQ-9 only project: PHQ-9 4 is below", &phq9_only, B25, 101, UB, 4, 0, NA, NA,
     .suggestion = NE, .age = 25, .reasons = {"below_symptom_threshold"}},
    {"PHQ-9 only project: GAD-7 15 is no screening", &phq9_only, B25, 101, UB, NA, NA, 15, NA,
     .suggestion = NS, .age = 25, .reasons = {"screening_missing"}},
    {"no symptom criterion: nothing needed", &no_clinical, B25, 101, UB, NA, NA, NA, NA,
     .suggestion = E, .age = 25},
    {"custom entry PHQ-9 10: 9 is below", &custom, B25, 101, UB, 9, 0, NA, NA, .suggestion = NE,
     .age = 25, .reasons = {"below_symptom_threshold"}},
    {"custom entry PHQ-9 10: 10 qualifies", &custom, B25, 101, UB, 10, 0, NA, NA, .suggestion = E,
     .age = 25},

    /* Clinical exclusions [ISSUE][D1]: PHQ-9 19/20, item 9 1/2, the clinician's judgement. */
    {"PHQ-9 19 is not severe", &project, B25, 101, UB, 19, 0, 8, 10, .suggestion = E, .age = 25},
    {"PHQ-9 20 is severe", &project, B25, 101, UB, 20, 0, 8, 10, .suggestion = RE, .age = 25,
     .reasons = {"severe_depression"}},
    {"item 9 1 is not an exclusion", &project, B25, 101, UB, 12, 1, 8, 10, .suggestion = E,
     .age = 25},
    {"item 9 2 is acute risk", &project, B25, 101, UB, 12, 2, 8, 10, .suggestion = RE, .age = 25,
     .reasons = {"acute_suicide_risk"}},
    {"clinician judges acute risk, item 9 0", &project, B25, 101, UB, 12, 0, 8, 10, .acute = true,
     .suggestion = RE, .age = 25, .reasons = {"acute_suicide_risk"}},
    {"clinician judges acute risk, no screening", &project, B25, 101, UB, NA, NA, NA, NA,
     .acute = true, .suggestion = RE, .age = 25,
     .reasons = {"screening_missing", "acute_suicide_risk"}},
    {"item 9 given without a total", &project, B25, 101, UB, NA, 2, 8, NA, .suggestion = RE,
     .age = 25, .reasons = {"acute_suicide_risk"}},
    {"exclusions switched off", &no_clinical, B25, 101, UB, 27, 3, 21, 0, .suggestion = E,
     .age = 25},
    {"custom severe 23: 22 is not", &custom, B25, 101, UB, 22, 2, NA, NA, .suggestion = E,
     .age = 25},
    {"custom severe 23 and item 9 3", &custom, B25, 101, UB, 23, 3, NA, NA, .suggestion = RE,
     .age = 25, .reasons = {"severe_depression", "acute_suicide_risk"}},

    /* Exclusions the clinician names [ISSUE][DEC]. */
    {"an out-of-scope exclusion", &project, B25, 101, UB, 12, 0, 8, 10, .exclusion_n = 1,
     .exclusions = {{"substance_use_primary", false}}, .suggestion = NE, .age = 25,
     .reasons = {"substance_use_primary"}},
    {"a clinical exclusion", &project, B25, 101, UB, 12, 0, 8, 10, .exclusion_n = 1,
     .exclusions = {{"psychosis", true}}, .suggestion = RE, .age = 25, .reasons = {"psychosis"}},
    {"two exclusions, in input order", &project, B25, 101, UB, 12, 0, 8, 10, .exclusion_n = 2,
     .exclusions = {{"in_other_treatment", false}, {"eating_disorder", true}}, .suggestion = RE,
     .age = 25, .reasons = {"in_other_treatment", "eating_disorder"}},

    /* Combinations: every reason is listed; refer_elsewhere > not_eligible > needs_screening. */
    {"young, elsewhere, other group, below",
     &project,
     {2010, 1, 1},
     400,
     "sick_leave",
     2,
     0,
     2,
     20,
     .suggestion = NE,
     .age = 16,
     .reasons = {"age_below_range", "municipality_not_in_project", "target_group_not_in_project",
                 "below_symptom_threshold"}},
    {"too old and severe",
     &project,
     {1980, 1, 1},
     101,
     UB,
     22,
     0,
     8,
     10,
     .suggestion = RE,
     .age = 46,
     .reasons = {"age_above_range", "severe_depression"}},
    {"too young and not screened",
     &project,
     {2010, 1, 1},
     101,
     UB,
     NA,
     NA,
     NA,
     NA,
     .suggestion = NE,
     .age = 16,
     .reasons = {"age_below_range", "screening_missing"}},
    {"severe, acute and an out-of-scope exclusion", &project, B25, 101, UB, 24, 3, 18, 2,
     .exclusion_n = 1, .exclusions = {{"moved_abroad", false}}, .suggestion = RE, .age = 25,
     .reasons = {"severe_depression", "acute_suicide_risk", "moved_abroad"}},
    {"unknown municipality, incomplete screening", &project, B25, 0, UB, 4, 0, NA, NA,
     .suggestion = NE, .age = 25, .reasons = {"municipality_unknown", "screening_incomplete"}},
};

static void fill(const struct row *r, struct core_eligibility_input *in)
{
    memset(in, 0, sizeof *in);
    in->birth = r->birth;
    in->referral = referral;
    in->has_municipality = r->municipality != 0;
    in->municipality_code = r->municipality;
    in->target_group = r->target_group;
    in->has_phq9 = r->phq9 != NA;
    in->phq9_total = r->phq9;
    in->has_phq9_item9 = r->item9 != NA;
    in->phq9_item9 = r->item9;
    in->has_gad7 = r->gad7 != NA;
    in->gad7_total = r->gad7;
    in->has_who5 = r->who5 != NA;
    in->who5_raw = r->who5;
    in->acute_risk = r->acute;
    in->exclusions = r->exclusions;
    in->exclusion_count = r->exclusion_n;
}

static void suggestions_match_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        struct core_eligibility_input in;
        struct core_eligibility_result out;
        struct sp_err err = {0};
        size_t want = 0;

        fill(r, &in);
        if (core_eligibility_suggest(r->rules, &in, &out, &err) != SP_OK)
            fail_msg("row %zu (%s): refused: %s %s", i, r->name, err.field, err.detail);
        if (out.suggestion != r->suggestion)
            fail_msg("row %zu (%s): %s, expected %s", i, r->name,
                     core_eligibility_suggestion_name(out.suggestion),
                     core_eligibility_suggestion_name(r->suggestion));
        if (out.age != r->age)
            fail_msg("row %zu (%s): age %d, expected %d", i, r->name, out.age, r->age);
        while (want < 5 && r->reasons[want] != NULL)
            want++;
        if (out.reason_count != want)
            fail_msg("row %zu (%s): %zu reasons, expected %zu (first: %s)", i, r->name,
                     out.reason_count, want, out.reason_count ? out.reason_codes[0] : "none");
        for (size_t k = 0; k < want; k++) {
            if (strcmp(out.reason_codes[k], r->reasons[k]) != 0)
                fail_msg("row %zu (%s): reason %zu is %s, expected %s", i, r->name, k,
                         out.reason_codes[k], r->reasons[k]);
        }
    }
}

/* The bitmask names the same built-in reasons as the list. */
static void reason_bits_match_list(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct core_eligibility_input in;
        struct core_eligibility_result out;
        struct sp_err err = {0};
        unsigned from_list = 0;

        fill(&rows[i], &in);
        assert_int_equal(core_eligibility_suggest(rows[i].rules, &in, &out, &err), SP_OK);
        for (size_t k = 0; k < out.reason_count; k++) {
            enum eligibility_reason reason;

            if (core_eligibility_reason_from(out.reason_codes[k], &reason))
                from_list |= 1u << reason;
        }
        if (from_list != out.reasons)
            fail_msg("row %zu (%s): bits %#x, list %#x", i, rows[i].name, out.reasons, from_list);
    }
}

/* The defaults the issue and the sources ([D1]-[D3]) name. */
static void defaults_match_issue(void **state)
{
    const struct core_eligibility_rules r = core_eligibility_rules_default();

    (void)state;
    assert_true(r.phq9_entry_min.used && r.phq9_entry_min.value == 5);    /* [D1] mild */
    assert_true(r.gad7_entry_min.used && r.gad7_entry_min.value == 5);    /* [D2] mild */
    assert_true(r.who5_entry_max.used && r.who5_entry_max.value == 12);   /* [D3] raw < 13 */
    assert_true(r.phq9_severe_min.used && r.phq9_severe_min.value == 20); /* [D1] severe */
    assert_true(r.item9_acute_min.used && r.item9_acute_min.value == 2);  /* product decision */
    assert_int_equal(r.municipality_count, 0);
    assert_int_equal(r.target_group_count, 0);
    assert_true(r.age_min <= 15 && r.age_max >= 99); /* open: the project sets its range */
}

/* Refusals: a valid base (rows[0]) with one thing broken; each names its member. */
enum breakage {
    AGE_MIN_NEG,
    AGE_MAX_BELOW_MIN,
    RULE_MUNICIPALITY_99,
    RULE_GROUP_EMPTY,
    RULE_GROUP_NULL,
    RULE_GROUPS_LIST_NULL,
    RULE_PHQ9_ENTRY_28,
    RULE_WHO5_26,
    RULE_SEVERE_0,
    RULE_ITEM9_4,
    BIRTH_INVALID,
    REFERRAL_BEFORE_BIRTH,
    MUNICIPALITY_1000,
    TARGET_NULL,
    PHQ9_28,
    ITEM9_4,
    ITEM9_OVER_TOTAL,
    GAD7_22,
    WHO5_26,
    TOO_MANY_EXCLUSIONS,
    EXCLUSIONS_NULL,
    CODE_NULL,
    CODE_EMPTY,
    CODE_UPPER,
    CODE_SPACE,
    CODE_BUILT_IN,
};

static const struct {
    enum breakage what;
    const char *field;
} refusals[] = {
    {AGE_MIN_NEG, "/rules/age_min"},
    {AGE_MAX_BELOW_MIN, "/rules/age_max"},
    {RULE_MUNICIPALITY_99, "/rules/municipalities/1"},
    {RULE_GROUP_EMPTY, "/rules/target_groups/1"},
    {RULE_GROUP_NULL, "/rules/target_groups/0"},
    {RULE_GROUPS_LIST_NULL, "/rules/target_groups"},
    {RULE_PHQ9_ENTRY_28, "/rules/phq9_entry_min"},
    {RULE_WHO5_26, "/rules/who5_entry_max"},
    {RULE_SEVERE_0, "/rules/phq9_severe_min"},
    {RULE_ITEM9_4, "/rules/item9_acute_min"},
    {BIRTH_INVALID, "/birth"},
    {REFERRAL_BEFORE_BIRTH, "/referral"},
    {MUNICIPALITY_1000, "/municipality_code"},
    {TARGET_NULL, "/target_group"},
    {PHQ9_28, "/phq9_total"},
    {ITEM9_4, "/phq9_item9"},
    {ITEM9_OVER_TOTAL, "/phq9_item9"},
    {GAD7_22, "/gad7_total"},
    {WHO5_26, "/who5_raw"},
    {TOO_MANY_EXCLUSIONS, "/exclusions"},
    {EXCLUSIONS_NULL, "/exclusions"},
    {CODE_NULL, "/exclusions/0/code"},
    {CODE_EMPTY, "/exclusions/0/code"},
    {CODE_UPPER, "/exclusions/0/code"},
    {CODE_SPACE, "/exclusions/0/code"},
    {CODE_BUILT_IN, "/exclusions/0/code"},
};

static void bad_input_refused(void **state)
{
    static const int bad_municipalities[] = {101, 99};
    static const char *const empty_group[] = {"unemployed_benefit", ""};
    static const char *const null_group[] = {NULL};
    static struct core_eligibility_exclusion many[ELIGIBILITY_EXCLUSIONS_MAX + 1];

    (void)state;
    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = (struct core_eligibility_exclusion){"moved_abroad", false};
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        struct core_eligibility_rules rules = project;
        struct core_eligibility_exclusion one = {"moved_abroad", false};
        struct core_eligibility_input in;
        struct core_eligibility_result out;
        struct sp_err err = {0};
        enum sp_code rc;

        fill(&rows[0], &in);
        in.exclusions = &one;
        in.exclusion_count = 1;
        switch (refusals[i].what) {
        case AGE_MIN_NEG:
            rules.age_min = -1;
            break;
        case AGE_MAX_BELOW_MIN:
            rules.age_max = 17;
            break;
        case RULE_MUNICIPALITY_99:
            rules.municipalities = bad_municipalities;
            rules.municipality_count = 2;
            break;
        case RULE_GROUP_EMPTY:
            rules.target_groups = empty_group;
            break;
        case RULE_GROUP_NULL:
            rules.target_groups = null_group;
            rules.target_group_count = 1;
            break;
        case RULE_GROUPS_LIST_NULL:
            rules.target_groups = NULL;
            break;
        case RULE_PHQ9_ENTRY_28:
            rules.phq9_entry_min.value = 28;
            break;
        case RULE_WHO5_26:
            rules.who5_entry_max.value = 26;
            break;
        case RULE_SEVERE_0:
            rules.phq9_severe_min.value = 0;
            break;
        case RULE_ITEM9_4:
            rules.item9_acute_min.value = 4;
            break;
        case BIRTH_INVALID:
            in.birth = (struct core_date){2001, 2, 29};
            break;
        case REFERRAL_BEFORE_BIRTH:
            in.birth = (struct core_date){2026, 3, 2};
            break;
        case MUNICIPALITY_1000:
            in.municipality_code = 1000;
            break;
        case TARGET_NULL:
            in.target_group = NULL;
            break;
        case PHQ9_28:
            in.phq9_total = 28;
            break;
        case ITEM9_4:
            in.phq9_item9 = 4;
            break;
        case ITEM9_OVER_TOTAL:
            in.phq9_total = 1;
            in.phq9_item9 = 2;
            break;
        case GAD7_22:
            in.gad7_total = 22;
            break;
        case WHO5_26:
            in.who5_raw = 26;
            break;
        case TOO_MANY_EXCLUSIONS:
            in.exclusions = many;
            in.exclusion_count = ELIGIBILITY_EXCLUSIONS_MAX + 1;
            break;
        case EXCLUSIONS_NULL:
            in.exclusions = NULL;
            break;
        case CODE_NULL:
            one.code = NULL;
            break;
        case CODE_EMPTY:
            one.code = "";
            break;
        case CODE_UPPER:
            one.code = "Moved_abroad";
            break;
        case CODE_SPACE:
            one.code = "moved abroad";
            break;
        case CODE_BUILT_IN:
            one.code = "severe_depression";
            break;
        }
        memset(&out, 0xAB, sizeof out);
        rc = core_eligibility_suggest(&rules, &in, &out, &err);
        if (rc != SP_INVALID || err.code != SP_INVALID || strcmp(err.field, refusals[i].field) != 0)
            fail_msg("row %zu (%s): rc %d, field \"%s\"", i, refusals[i].field, rc, err.field);
        if (out.reason_count != 0 || out.reasons != 0 || out.suggestion != ELIGIBILITY_ELIGIBLE)
            fail_msg("row %zu (%s): the result was not zeroed", i, refusals[i].field);
    }
}

/* The base of bad_input_refused is accepted, and so are: the most exclusions allowed, a switched-
 * off threshold with any value, and scores at the top of their ranges. */
static void limits_accepted(void **state)
{
    static struct core_eligibility_exclusion many[ELIGIBILITY_EXCLUSIONS_MAX];
    struct core_eligibility_rules rules = project;
    struct core_eligibility_exclusion one = {"moved_abroad", false};
    struct core_eligibility_input in;
    struct core_eligibility_result out;
    struct sp_err err = {0};

    (void)state;
    fill(&rows[0], &in);
    in.exclusions = &one;
    in.exclusion_count = 1;
    assert_int_equal(core_eligibility_suggest(&rules, &in, &out, &err), SP_OK);
    assert_int_equal(out.suggestion, ELIGIBILITY_NOT_ELIGIBLE);

    for (size_t i = 0; i < ELIGIBILITY_EXCLUSIONS_MAX; i++)
        many[i] = (struct core_eligibility_exclusion){"moved_abroad", false};
    in.exclusions = many;
    in.exclusion_count = ELIGIBILITY_EXCLUSIONS_MAX;
    assert_int_equal(core_eligibility_suggest(&rules, &in, &out, &err), SP_OK);
    assert_int_equal(out.reason_count, ELIGIBILITY_EXCLUSIONS_MAX);

    rules.phq9_severe_min = (struct core_eligibility_threshold){false, 99};
    rules.who5_entry_max = (struct core_eligibility_threshold){false, -5};
    in.exclusion_count = 0;
    in.phq9_total = 27;
    in.phq9_item9 = 1;
    in.gad7_total = 21;
    in.who5_raw = 25;
    assert_int_equal(core_eligibility_suggest(&rules, &in, &out, &err), SP_OK);
    assert_int_equal(out.suggestion, ELIGIBILITY_ELIGIBLE); /* severe switched off */
}

/* Names as the issue spells them, in enum order. */
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

static void names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < ELIGIBILITY__COUNT; i++) {
        enum eligibility_suggestion back = ELIGIBILITY__COUNT;
        const char *name = core_eligibility_suggestion_name((enum eligibility_suggestion)i);

        if (strcmp(name, suggestion_names[i]) != 0)
            fail_msg("suggestion %d: \"%s\", expected \"%s\"", i, name, suggestion_names[i]);
        if (!core_eligibility_suggestion_from(suggestion_names[i], &back) ||
            back != (enum eligibility_suggestion)i)
            fail_msg("\"%s\": parsed as %d", suggestion_names[i], back);
    }
    for (int i = 0; i < ELIGIBILITY_REASON__COUNT; i++) {
        enum eligibility_reason back = ELIGIBILITY_REASON__COUNT;
        const char *name = core_eligibility_reason_name((enum eligibility_reason)i);

        if (strcmp(name, reason_names[i]) != 0)
            fail_msg("reason %d: \"%s\", expected \"%s\"", i, name, reason_names[i]);
        if (!core_eligibility_reason_from(reason_names[i], &back) ||
            back != (enum eligibility_reason)i)
            fail_msg("\"%s\": parsed as %d", reason_names[i], back);
    }
    assert_string_equal(core_eligibility_suggestion_name(ELIGIBILITY__COUNT), "unknown");
    assert_string_equal(core_eligibility_reason_name(ELIGIBILITY_REASON__COUNT), "unknown");
}

static void unknown_names_refused(void **state)
{
    static const char *const bad[] = {
        "",          "Eligible", "eligible ", "not-eligible",         "refer",
        "screening", "age",      "severe",    "acute_suicide_risk\n", "unknown"};

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum eligibility_suggestion s = ELIGIBILITY__COUNT;
        enum eligibility_reason r = ELIGIBILITY_REASON__COUNT;

        if (core_eligibility_suggestion_from(bad[i], &s) || s != ELIGIBILITY__COUNT)
            fail_msg("row %zu: \"%s\" accepted as a suggestion", i, bad[i]);
        if (core_eligibility_reason_from(bad[i], &r) || r != ELIGIBILITY_REASON__COUNT)
            fail_msg("row %zu: \"%s\" accepted as a reason", i, bad[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(suggestions_match_rules), cmocka_unit_test(reason_bits_match_list),
        cmocka_unit_test(defaults_match_issue),    cmocka_unit_test(bad_input_refused),
        cmocka_unit_test(limits_accepted),         cmocka_unit_test(names_round_trip),
        cmocka_unit_test(unknown_names_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
