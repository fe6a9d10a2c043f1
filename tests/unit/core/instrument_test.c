/* core/instrument: the questionnaire catalogue and its scoring. Every expected value is worked
 * out by hand from the rule its source states (keys as in docs/sources.md), never taken
 * from the code's output; each row's last column names its source and the point it makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "core/instrument.h"

#define MISSING CORE_ANSWER_MISSING
#define SAFETY CORE_FLAG_SAFETY
#define POOR CORE_FLAG_POOR_WELLBEING
#define MDI CORE_FLAG_ADMINISTER_MDI

static int streq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static const char *show(const char *s)
{
    return s ? s : "(null)";
}

static struct core_score score_ok(const char *id, const int *answers, size_t count, const char *why)
{
    const struct core_instrument *ins = core_instrument_find(id);
    struct core_score s = {0};
    struct sp_err err = {0};

    if (ins == NULL)
        fail_msg("%s: no instrument %s", why, id);
    if (core_instrument_score(ins, answers, count, &s, &err) != SP_OK)
        fail_msg("%s: refused (%s: %s)", why, err.field, err.detail);
    return s;
}

/* ---- Totals, bands, flags ------------------------------------------------------------------ */

/* Sources by instrument:
 * - PHQ-9 [KROENKE2001]: sum of items 1–9; bands 0–4 none-minimal, 5–9 mild, 10–14 moderate,
 *   15–19 moderately severe, 20–27 severe (0–4 label as [PHQMANUAL] has it). Item 9 >= 1 raises
 *   the safety flag at any total [PHQMANUAL; MII].
 * - GAD-7 [SPITZER2006]: sum of 7 items; 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe.
 * - PSS-10 [UWARC]: items 4, 5, 7, 8 scored as 4 - answer, then all ten summed; informal bands
 *   0–13 low, 14–26 moderate, 27–40 high [SYMPTOMATIK]. Arithmetic in each row's comment:
 *   "plain" = items 1, 2, 3, 6, 9, 10 as answered; "rev" = items 4, 5, 7, 8 after 4 - x.
 * - WSAS [MUNDT2002]: sum of 5 items 0–8; <10 subclinical, 10–20 significant functional
 *   impairment, >20 moderately severe or worse.
 * WHO-5 and MDI have their own tables below. */
static const struct {
    const char *id;
    int answers[CORE_ANSWERS_MAX];
    size_t count;
    int total;
    const char *band;
    unsigned flags;
    const char *why;
} band_rows[] = {
    {"phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0}, 9, 0, "none_minimal", 0, "KROENKE2001 minimum"},
    {"phq9", {1, 1, 1, 1, 0, 0, 0, 0, 0}, 9, 4, "none_minimal", 0, "KROENKE2001 4 below cut 5"},
    {"phq9", {1, 1, 1, 1, 1, 0, 0, 0, 0}, 9, 5, "mild", 0, "KROENKE2001 cut 5"},
    {"phq9", {3, 3, 3, 0, 0, 0, 0, 0, 0}, 9, 9, "mild", 0, "KROENKE2001 9 below cut 10"},
    {"phq9", {2, 2, 2, 2, 2, 0, 0, 0, 0}, 9, 10, "moderate", 0, "KROENKE2001 cut 10"},
    {"phq9", {3, 3, 3, 3, 2, 0, 0, 0, 0}, 9, 14, "moderate", 0, "KROENKE2001 14 below cut 15"},
    {"phq9", {3, 3, 3, 3, 3, 0, 0, 0, 0}, 9, 15, "moderately_severe", 0, "KROENKE2001 cut 15"},
    {"phq9", {3, 3, 3, 3, 3, 3, 1, 0, 0}, 9, 19, "moderately_severe", 0, "KROENKE2001 19 < 20"},
    {"phq9", {3, 3, 3, 3, 3, 3, 2, 0, 0}, 9, 20, "severe", 0, "KROENKE2001 cut 20"},
    {"phq9", {3, 3, 3, 3, 3, 3, 3, 3, 3}, 9, 27, "severe", SAFETY, "KROENKE2001 maximum"},
    {"phq9", {3, 3, 3, 3, 3, 3, 3, 3, 0}, 9, 24, "severe", 0, "PHQMANUAL item 9 at 0: no flag"},
    {"phq9",
     {0, 0, 0, 0, 0, 0, 0, 0, 1},
     9,
     1,
     "none_minimal",
     SAFETY,
     "PHQMANUAL/MII item 9 at 1 flags at total 1"},
    {"gad7", {0, 0, 0, 0, 0, 0, 0}, 7, 0, "minimal", 0, "SPITZER2006 minimum"},
    {"gad7", {1, 1, 1, 1, 0, 0, 0}, 7, 4, "minimal", 0, "SPITZER2006 4 below cut 5"},
    {"gad7", {1, 1, 1, 1, 1, 0, 0}, 7, 5, "mild", 0, "SPITZER2006 cut 5"},
    {"gad7", {3, 3, 3, 0, 0, 0, 0}, 7, 9, "mild", 0, "SPITZER2006 9 below cut 10"},
    {"gad7", {3, 3, 3, 1, 0, 0, 0}, 7, 10, "moderate", 0, "SPITZER2006 cut 10"},
    {"gad7", {3, 3, 3, 3, 2, 0, 0}, 7, 14, "moderate", 0, "SPITZER2006 14 below cut 15"},
    {"gad7", {3, 3, 3, 3, 3, 0, 0}, 7, 15, "severe", 0, "SPITZER2006 cut 15"},
    {"gad7", {3, 3, 3, 3, 3, 3, 3}, 7, 21, "severe", 0, "SPITZER2006 maximum"},
    /* plain 0+0+0+0+0+0 = 0; rev (4-4)*4 = 0; total 0 */
    {"pss10", {0, 0, 0, 4, 4, 0, 4, 4, 0, 0}, 10, 0, "low", 0, "UWARC minimum"},
    /* plain 4+4+4+1+0+0 = 13; rev (4-4)*4 = 0; total 13 */
    {"pss10", {4, 4, 4, 4, 4, 1, 4, 4, 0, 0}, 10, 13, "low", 0, "UWARC 13 below informal 14"},
    /* plain 4+4+4+2+0+0 = 14; rev 0; total 14 */
    {"pss10", {4, 4, 4, 4, 4, 2, 4, 4, 0, 0}, 10, 14, "moderate", 0, "UWARC informal cut 14"},
    /* plain 4*6 = 24; rev item 4: 4-2 = 2, items 5, 7, 8: 4-4 = 0; total 26 */
    {"pss10", {4, 4, 4, 2, 4, 4, 4, 4, 4, 4}, 10, 26, "moderate", 0, "UWARC 26 below informal 27"},
    /* plain 24; rev item 4: 4-1 = 3, others 0; total 27 */
    {"pss10", {4, 4, 4, 1, 4, 4, 4, 4, 4, 4}, 10, 27, "high", 0, "UWARC informal cut 27"},
    /* plain 4*6 = 24; rev (4-0)*4 = 16; total 40 */
    {"pss10", {4, 4, 4, 0, 0, 4, 0, 0, 4, 4}, 10, 40, "high", 0, "UWARC maximum"},
    /* all answers 0: plain 0; rev (4-0)*4 = 16; total 16 */
    {"pss10", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 10, 16, "moderate", 0, "UWARC all 0 is 16"},
    /* all answers 4: plain 4*6 = 24; rev (4-4)*4 = 0; total 24 */
    {"pss10", {4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, 10, 24, "moderate", 0, "UWARC all 4 is 24"},
    /* all answers 2: plain 2*6 = 12; rev (4-2)*4 = 8; total 20 */
    {"pss10", {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, 10, 20, "moderate", 0, "UWARC all 2 is 20"},
    {"wsas", {0, 0, 0, 0, 0}, 5, 0, "subclinical", 0, "MUNDT2002 minimum"},
    {"wsas", {2, 2, 2, 2, 1}, 5, 9, "subclinical", 0, "MUNDT2002 9 is <10"},
    {"wsas", {2, 2, 2, 2, 2}, 5, 10, "significant_impairment", 0, "MUNDT2002 10 is 10-20"},
    {"wsas", {4, 4, 4, 4, 4}, 5, 20, "significant_impairment", 0, "MUNDT2002 20 is 10-20"},
    {"wsas", {5, 4, 4, 4, 4}, 5, 21, "moderately_severe_or_worse", 0, "MUNDT2002 21 is >20"},
    {"wsas", {8, 8, 8, 8, 8}, 5, 40, "moderately_severe_or_worse", 0, "MUNDT2002 maximum"},
};

static void totals_bands_flags(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof band_rows / sizeof band_rows[0]; i++) {
        struct core_score s =
            score_ok(band_rows[i].id, band_rows[i].answers, band_rows[i].count, band_rows[i].why);
        const char *band = s.band ? s.band->code : NULL;
        bool phq9 = streq(band_rows[i].id, "phq9");

        if (s.total != band_rows[i].total || !streq(band, band_rows[i].band) ||
            s.flags != band_rows[i].flags)
            fail_msg("row %zu (%s): total %d band %s flags %u, expected %d %s %u", i,
                     band_rows[i].why, s.total, show(band), s.flags, band_rows[i].total,
                     show(band_rows[i].band), band_rows[i].flags);
        /* Only WHO-5 has a percentage, only PHQ-9 a diagnosis, only MDI an ICD-10 grade. */
        if (s.percentage != -1 || s.icd10 != CORE_ICD10_NOT_APPLICABLE ||
            (s.diagnosis == CORE_DIAGNOSIS_NOT_APPLICABLE) == phq9)
            fail_msg("row %zu (%s): percentage %d icd10 %d diagnosis %d", i, band_rows[i].why,
                     s.percentage, s.icd10, s.diagnosis);
        if (s.instrument != core_instrument_find(band_rows[i].id))
            fail_msg("row %zu (%s): score names the wrong instrument", i, band_rows[i].why);
    }
}

/* ---- PHQ-9 provisional diagnosis ----------------------------------------------------------- */

/* PHQ-9 DSM algorithm (SECONDARY: [LOINC-44249-1] description, Kroenke 2001 and the PHQ
 * manual as quoted): a symptom is present at >= 2, item 9 at >= 1. Major: >= 5 present, item 1
 * or 2 among them; other: 2–4 present, item 1 or 2 among them; otherwise none. "present" below
 * lists the present items by number. Flags per the item-9 rule. */
static const struct {
    int answers[9];
    int total;
    enum core_diagnosis diagnosis;
    unsigned flags;
    const char *why;
} dx_rows[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, CORE_DIAGNOSIS_NONE, 0, "DSM: present none"},
    {{3, 3, 3, 3, 3, 3, 3, 3, 3}, 27, CORE_DIAGNOSIS_MAJOR, SAFETY, "DSM: present 1-9"},
    {{1, 1, 1, 1, 1, 1, 1, 1, 0}, 8, CORE_DIAGNOSIS_NONE, 0, "DSM: 1 is not present (1-8)"},
    {{2, 0, 0, 0, 0, 0, 0, 0, 0}, 2, CORE_DIAGNOSIS_NONE, 0, "DSM: present 1 only"},
    {{2, 0, 0, 0, 0, 0, 0, 0, 1}, 3, CORE_DIAGNOSIS_OTHER, SAFETY, "DSM: present 1,9 (9 at 1)"},
    {{0, 2, 2, 0, 0, 0, 0, 0, 0}, 4, CORE_DIAGNOSIS_OTHER, 0, "DSM: present 2,3"},
    {{2, 2, 2, 2, 0, 0, 0, 0, 0}, 8, CORE_DIAGNOSIS_OTHER, 0, "DSM: present 1-4, four"},
    {{2, 2, 2, 2, 0, 0, 0, 0, 1},
     9,
     CORE_DIAGNOSIS_MAJOR,
     SAFETY,
     "DSM: present 1-4,9; item 9 at 1 is the fifth"},
    {{2, 2, 2, 2, 2, 0, 0, 0, 0}, 10, CORE_DIAGNOSIS_MAJOR, 0, "DSM: present 1-5 with item 1"},
    {{0, 2, 2, 2, 2, 2, 0, 0, 0}, 10, CORE_DIAGNOSIS_MAJOR, 0, "DSM: present 2-6, item 2 only"},
    {{1, 1, 2, 2, 2, 2, 2, 0, 0},
     12,
     CORE_DIAGNOSIS_NONE,
     0,
     "DSM: present 3-7, five without item 1 or 2"},
    {{0, 0, 3, 3, 3, 3, 3, 3, 1},
     19,
     CORE_DIAGNOSIS_NONE,
     SAFETY,
     "DSM: present 3-9, seven without item 1 or 2"},
    {{2, 2, 2, 2, 2, 2, 2, 2, 0}, 16, CORE_DIAGNOSIS_MAJOR, 0, "DSM: present 1-8"},
};

static void phq9_diagnosis(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof dx_rows / sizeof dx_rows[0]; i++) {
        struct core_score s = score_ok("phq9", dx_rows[i].answers, 9, dx_rows[i].why);

        if (s.total != dx_rows[i].total || s.diagnosis != dx_rows[i].diagnosis ||
            s.flags != dx_rows[i].flags)
            fail_msg("row %zu (%s): total %d diagnosis %s flags %u, expected %d %s %u", i,
                     dx_rows[i].why, s.total, show(core_diagnosis_name(s.diagnosis)), s.flags,
                     dx_rows[i].total, show(core_diagnosis_name(dx_rows[i].diagnosis)),
                     dx_rows[i].flags);
    }
}

/* ---- PHQ-9's optional 10th answer ---------------------------------------------------------- */

/* The total is items 1–9 [KROENKE2001]: the 10th (difficulty) answer is not added; answers 0–3
 * as the ordinal of LL359-1 [LOINC-LL359-1]. A null 10th answer means "not given". */
static const struct {
    int answers[10];
    size_t count;
    int total;
    const char *band;
    int extra;
    const char *why;
} difficulty_rows[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 3}, 10, 0, "none_minimal", 3, "difficulty 3 adds nothing"},
    {{1, 1, 1, 1, 0, 0, 0, 0, 0, 3}, 10, 4, "none_minimal", 3, "4 stays below cut 5 (not 7)"},
    {{3, 3, 3, 3, 3, 3, 3, 3, 3, 0}, 10, 27, "severe", 0, "maximum with difficulty 0"},
    {{1, 1, 1, 1, 1, 0, 0, 0, 0, MISSING}, 10, 5, "mild", MISSING, "null difficulty"},
    {{1, 1, 1, 1, 1, 0, 0, 0, 0}, 9, 5, "mild", MISSING, "no difficulty"},
};

static void phq9_difficulty_not_scored(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof difficulty_rows / sizeof difficulty_rows[0]; i++) {
        struct core_score s = score_ok("phq9", difficulty_rows[i].answers, difficulty_rows[i].count,
                                       difficulty_rows[i].why);

        if (s.total != difficulty_rows[i].total || !s.band ||
            !streq(s.band->code, difficulty_rows[i].band) || s.extra != difficulty_rows[i].extra)
            fail_msg("row %zu (%s): total %d band %s extra %d", i, difficulty_rows[i].why, s.total,
                     s.band ? s.band->code : "(null)", s.extra);
    }
}

/* ---- WHO-5 --------------------------------------------------------------------------------- */

/* [WHO5-SCORING] (VERIFIED): raw = sum 0–25, percentage = raw * 4; raw < 13 = poor well-being;
 * administer the MDI when raw < 13 or any single item is 0 or 1. No bands. */
static const struct {
    int answers[5];
    int total;
    int percentage;
    unsigned flags;
    const char *why;
} who5_rows[] = {
    {{0, 0, 0, 0, 0}, 0, 0, POOR | MDI, "WHO5-SCORING minimum"},
    {{5, 5, 5, 5, 5}, 25, 100, 0, "WHO5-SCORING maximum"},
    {{3, 3, 2, 2, 2}, 12, 48, POOR | MDI, "WHO5-SCORING raw 12 < 13"},
    {{3, 3, 3, 2, 2}, 13, 52, 0, "WHO5-SCORING raw 13, no item below 2"},
    {{2, 2, 3, 3, 3}, 13, 52, 0, "WHO5-SCORING items at 2 do not count"},
    {{1, 3, 3, 3, 3}, 13, 52, MDI, "WHO5-SCORING one item at 1, raw 13"},
    {{4, 4, 4, 4, 1}, 17, 68, MDI, "WHO5-SCORING item 5 at 1, raw 17"},
    {{5, 5, 5, 5, 0}, 20, 80, MDI, "WHO5-SCORING item 5 at 0, raw 20"},
    {{2, 2, 2, 2, 2}, 10, 40, POOR | MDI, "WHO5-SCORING raw 10, no item below 2"},
};

static void who5_percentage_and_flags(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof who5_rows / sizeof who5_rows[0]; i++) {
        struct core_score s = score_ok("who5", who5_rows[i].answers, 5, who5_rows[i].why);

        if (s.total != who5_rows[i].total || s.percentage != who5_rows[i].percentage ||
            s.flags != who5_rows[i].flags || s.band != NULL ||
            s.diagnosis != CORE_DIAGNOSIS_NOT_APPLICABLE || s.icd10 != CORE_ICD10_NOT_APPLICABLE)
            fail_msg("row %zu (%s): raw %d, %d %%, flags %u", i, who5_rows[i].why, s.total,
                     s.percentage, s.flags);
    }
}

/* ---- MDI ----------------------------------------------------------------------------------- */

/* Answers in the order 1, 2, 3, 4, 5, 6, 7, 8a, 8b, 9, 10a, 10b. Total: sum of items 1–10 with
 * 8 = max(8a, 8b), 10 = max(10a, 10b) [BECH2015; DSAM]. Bands 0–20 none/doubtful, 21–25 mild,
 * 26–30 moderate, 31–50 severe [BECH2015] (CONTESTED; the primary source's bands). ICD-10
 * ([MDI-ALGORITHM], SECONDARY; thresholds also in [DSAM]): core = items 1–3 at >= 4, other = items
 * 4–10 at >= 3; severe core 3 & other >= 5, moderate core >= 2 & other >= 4, mild core >= 2 &
 * other >= 2, top-down. "c/o" gives core/other as counted by hand. */
static const struct {
    int answers[12];
    int total;
    const char *band;
    enum core_icd10 icd10;
    const char *why;
} mdi_rows[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, "none_doubtful", CORE_ICD10_NONE, "minimum, c/o 0/0"},
    {{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, 50, "severe", CORE_ICD10_SEVERE, "maximum, c/o 3/7"},
    /* 10 items at 2 = 20 */
    {{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
     20,
     "none_doubtful",
     CORE_ICD10_NONE,
     "BECH2015 20 below cut 21, c/o 0/0"},
    /* 3 + 9 * 2 = 21 */
    {{3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, 21, "mild", CORE_ICD10_NONE, "BECH2015 cut 21, c/o 0/0"},
    /* items 1-5 at 3 = 15, items 6-10 at 2 = 10 */
    {{3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2},
     25,
     "mild",
     CORE_ICD10_NONE,
     "BECH2015 25 below cut 26, c/o 0/2"},
    /* items 1-6 at 3 = 18, items 7-10 at 2 = 8 */
    {{3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2},
     26,
     "moderate",
     CORE_ICD10_NONE,
     "BECH2015 cut 26, c/o 0/3"},
    /* 10 items at 3 = 30 */
    {{3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3},
     30,
     "moderate",
     CORE_ICD10_NONE,
     "BECH2015 30 below cut 31, c/o 0/7: core at 3 does not count"},
    /* 4 + 9 * 3 = 31 */
    {{4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3},
     31,
     "severe",
     CORE_ICD10_NONE,
     "BECH2015 cut 31, c/o 1/7"},
    /* 4+4+4 + 3+3+3 = 21 */
    {{4, 4, 4, 3, 3, 3, 0, 0, 0, 0, 0, 0},
     21,
     "mild",
     CORE_ICD10_MILD,
     "MDI key c/o 3/3 is mild, not moderate"},
    /* 4+4 + 3+3 = 14 */
    {{4, 4, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0}, 14, "none_doubtful", CORE_ICD10_MILD, "c/o 2/2 mild"},
    /* 4+4 + 3 = 11 */
    {{4, 4, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0}, 11, "none_doubtful", CORE_ICD10_NONE, "c/o 2/1 none"},
    /* 4+4 + 3*4 = 20 */
    {{4, 4, 0, 3, 3, 3, 3, 0, 0, 0, 0, 0},
     20,
     "none_doubtful",
     CORE_ICD10_MODERATE,
     "c/o 2/4 moderate"},
    /* 4*3 + 3*4 = 24 */
    {{4, 4, 4, 3, 3, 3, 3, 0, 0, 0, 0, 0},
     24,
     "mild",
     CORE_ICD10_MODERATE,
     "c/o 3/4 moderate, not severe"},
    /* 4*3 + 3*4 + item 8 max(3, 0) = 3: 27 */
    {{4, 4, 4, 3, 3, 3, 3, 3, 0, 0, 0, 0}, 27, "moderate", CORE_ICD10_SEVERE, "c/o 3/5 severe"},
    /* 4+4 + 3*7 (8 = max(3,3), 10 = max(3,3)) = 29 */
    {{4, 4, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3},
     29,
     "moderate",
     CORE_ICD10_MODERATE,
     "c/o 2/7 moderate: severe needs all 3 core"},
    /* 3*3 + 5*7 = 44 */
    {{3, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5},
     44,
     "severe",
     CORE_ICD10_NONE,
     "c/o 0/7: high total, no ICD-10 depression"},
    /* 4*3 + 2*7 = 26 */
    {{4, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2},
     26,
     "moderate",
     CORE_ICD10_NONE,
     "c/o 3/0: other at 2 does not count"},
    /* 4+4 + 3 + item 8 max(0, 3) = 3: 14 */
    {{4, 4, 0, 3, 0, 0, 0, 0, 3, 0, 0, 0},
     14,
     "none_doubtful",
     CORE_ICD10_MILD,
     "c/o 2/2, 8b counts as item 8"},
    /* 4+4 + 3 + item 10 max(0, 3) = 3: 14 */
    {{4, 4, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3},
     14,
     "none_doubtful",
     CORE_ICD10_MILD,
     "c/o 2/2, 10b counts as item 10"},
    /* 4+4 + item 8 max(3, 3) = 3: 11 */
    {{4, 4, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0},
     11,
     "none_doubtful",
     CORE_ICD10_NONE,
     "c/o 2/1: 8a and 8b are one item"},
    /* item 8 max(5, 2) = 5, item 10 max(1, 4) = 4: 9 (a plain sum would give 12) */
    {{0, 0, 0, 0, 0, 0, 0, 5, 2, 0, 1, 4},
     9,
     "none_doubtful",
     CORE_ICD10_NONE,
     "max rule: 8a and 10b higher"},
    /* item 8 max(2, 5) = 5, item 10 max(4, 1) = 4: 9 */
    {{0, 0, 0, 0, 0, 0, 0, 2, 5, 0, 4, 1},
     9,
     "none_doubtful",
     CORE_ICD10_NONE,
     "max rule: 8b and 10a higher"},
    /* 5*7 = 35 + item 8 max(5, 5) + item 10 max(5, 5) = 45; a plain sum would give 55 */
    {{5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 5, 5},
     45,
     "severe",
     CORE_ICD10_SEVERE,
     "max rule: both halves at 5 count once, c/o 3/6"},
};

static void mdi_total_band_icd10(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof mdi_rows / sizeof mdi_rows[0]; i++) {
        struct core_score s = score_ok("mdi", mdi_rows[i].answers, 12, mdi_rows[i].why);
        const char *band = s.band ? s.band->code : NULL;

        if (s.total != mdi_rows[i].total || !streq(band, mdi_rows[i].band) ||
            s.icd10 != mdi_rows[i].icd10 || s.flags != 0 || s.percentage != -1 ||
            s.diagnosis != CORE_DIAGNOSIS_NOT_APPLICABLE)
            fail_msg("row %zu (%s): total %d band %s icd10 %s, expected %d %s %s", i,
                     mdi_rows[i].why, s.total, show(band), show(core_icd10_name(s.icd10)),
                     mdi_rows[i].total, show(mdi_rows[i].band),
                     show(core_icd10_name(mdi_rows[i].icd10)));
    }
}

/* ---- Scored item values -------------------------------------------------------------------- */

/* The values added up: PSS-10 items 4, 5, 7, 8 as 4 - x [UWARC]; MDI 8 and 10 by the max rule
 * [BECH2015]; others as answered. */
static const struct {
    const char *id;
    int answers[CORE_ANSWERS_MAX];
    size_t count;
    size_t scored_count;
    int scored[CORE_SCORED_MAX];
    const char *why;
} scored_rows[] = {
    {"pss10",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
     10,
     10,
     {0, 0, 0, 4, 4, 0, 4, 4, 0, 0},
     "UWARC: 4, 5, 7, 8 reversed"},
    {"pss10",
     {1, 2, 3, 4, 0, 1, 2, 3, 4, 0},
     10,
     10,
     {1, 2, 3, 0, 4, 1, 2, 1, 4, 0},
     "UWARC: 4-4, 4-0, 4-2, 4-3"},
    {"mdi",
     {1, 2, 3, 4, 5, 0, 1, 2, 4, 3, 5, 1},
     12,
     10,
     {1, 2, 3, 4, 5, 0, 1, 4, 3, 5},
     "BECH2015: 8 = max(2, 4), 10 = max(5, 1)"},
    {"phq9", {0, 1, 2, 3, 0, 1, 2, 3, 1}, 9, 9, {0, 1, 2, 3, 0, 1, 2, 3, 1}, "KROENKE2001: as is"},
    {"wsas", {0, 3, 5, 7, 8}, 5, 5, {0, 3, 5, 7, 8}, "MUNDT2002: odd points are valid answers"},
};

static void scored_items(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof scored_rows / sizeof scored_rows[0]; i++) {
        struct core_score s = score_ok(scored_rows[i].id, scored_rows[i].answers,
                                       scored_rows[i].count, scored_rows[i].why);

        if (s.scored_count != scored_rows[i].scored_count)
            fail_msg("row %zu (%s): %zu scored items", i, scored_rows[i].why, s.scored_count);
        for (size_t k = 0; k < s.scored_count; k++) {
            if (s.scored[k] != scored_rows[i].scored[k])
                fail_msg("row %zu (%s): item %zu scored %d, expected %d", i, scored_rows[i].why,
                         k + 1, s.scored[k], scored_rows[i].scored[k]);
        }
    }
}

/* ---- Refusals ------------------------------------------------------------------------------ */

/* The contract in instrument.h: SP_INVALID, field a JSON Pointer into `items` (the missing, bad
 * or first extra answer), a detail naming the item by its key and never the value. Answer scales
 * from docs/sources.md: PHQ-9/GAD-7 0–3, WHO-5/MDI 0–5, PSS-10 0–4, WSAS 0–8; difficulty 0–3. */
static const struct {
    const char *id;
    int answers[CORE_ANSWERS_MAX + 2];
    size_t count;
    const char *field;
    const char *detail;
    const char *why;
} error_rows[] = {
    {"phq9",
     {0, 0, 0, MISSING, 0, 0, 0, 0, 0},
     9,
     "/items/3",
     "Item 4 has no answer; give a whole number from 0 to 3.",
     "4th answer null"},
    {"phq9",
     {-1, 0, 0, 0, 0, 0, 0, 0, 0},
     9,
     "/items/0",
     "Item 1 must be a whole number from 0 to 3.",
     "below the scale"},
    {"phq9",
     {0, 0, 0, 0, 0, 0, 0, 0, 4},
     9,
     "/items/8",
     "Item 9 must be a whole number from 0 to 3.",
     "max + 1"},
    {"phq9",
     {0, 0, 47, 0, 0, 0, 0, 0, 0},
     9,
     "/items/2",
     "Item 3 must be a whole number from 0 to 3.",
     "far out, value not quoted"},
    {"phq9",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, 4},
     10,
     "/items/9",
     "The difficulty answer must be a whole number from 0 to 3.",
     "difficulty max + 1"},
    {"phq9",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, -1},
     10,
     "/items/9",
     "The difficulty answer must be a whole number from 0 to 3.",
     "difficulty -1"},
    {"phq9",
     {0, 0, 0, 0, 0, 0, 0, 0},
     8,
     "/items/8",
     "Item 9 has no answer: PHQ-9 takes 9 answers.",
     "too few"},
    {"phq9", {0}, 0, "/items/0", "Item 1 has no answer: PHQ-9 takes 9 answers.", "none"},
    {"phq9",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
     11,
     "/items/10",
     "Too many answers: PHQ-9 takes 9, or 10 with the difficulty question.",
     "too many"},
    {"phq9",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, MISSING},
     11,
     "/items/10",
     "Too many answers: PHQ-9 takes 9, or 10 with the difficulty question.",
     "too many, even null"},
    {"gad7",
     {0, 0, 0, 0, 0, 0, 0, 0},
     8,
     "/items/7",
     "Too many answers: GAD-7 takes 7.",
     "no difficulty answer on GAD-7"},
    {"gad7",
     {0, 0, 0, 0, 0, 0},
     6,
     "/items/6",
     "Item 7 has no answer: GAD-7 takes 7 answers.",
     "too few"},
    {"gad7",
     {0, 0, 0, 0, 0, 0, 4},
     7,
     "/items/6",
     "Item 7 must be a whole number from 0 to 3.",
     "max + 1"},
    {"who5",
     {6, 0, 0, 0, 0},
     5,
     "/items/0",
     "Item 1 must be a whole number from 0 to 5.",
     "max + 1"},
    {"who5", {0, 0, 0, 0, -1}, 5, "/items/4", "Item 5 must be a whole number from 0 to 5.", "-1"},
    {"who5", {0, 0, 0, 0, 0, 0}, 6, "/items/5", "Too many answers: WHO-5 takes 5.", "too many"},
    {"pss10",
     {0, 0, 0, 5, 0, 0, 0, 0, 0, 0},
     10,
     "/items/3",
     "Item 4 must be a whole number from 0 to 4.",
     "reverse item, max + 1"},
    {"pss10",
     {0, 0, 0, 0, 0, 0, 0, -1, 0, 0},
     10,
     "/items/7",
     "Item 8 must be a whole number from 0 to 4.",
     "reverse item, -1"},
    {"pss10",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, MISSING},
     10,
     "/items/9",
     "Item 10 has no answer; give a whole number from 0 to 4.",
     "last null"},
    {"mdi",
     {0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0},
     12,
     "/items/7",
     "Item 8a must be a whole number from 0 to 5.",
     "8a max + 1"},
    {"mdi",
     {0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0},
     12,
     "/items/8",
     "Item 8b must be a whole number from 0 to 5.",
     "8b -1"},
    {"mdi",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, MISSING},
     12,
     "/items/11",
     "Item 10b has no answer; give a whole number from 0 to 5.",
     "10b null"},
    {"mdi",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
     10,
     "/items/10",
     "Item 10a has no answer: MDI takes 12 answers.",
     "ten answers, as if 8 and 10 were one"},
    {"mdi",
     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
     13,
     "/items/12",
     "Too many answers: MDI takes 12.",
     "too many"},
    {"wsas",
     {9, 0, 0, 0, 0},
     5,
     "/items/0",
     "Item 1 must be a whole number from 0 to 8.",
     "max + 1"},
    {"wsas", {0, 0, 0, -1, 0}, 5, "/items/3", "Item 4 must be a whole number from 0 to 8.", "-1"},
    {"wsas",
     {0, 0, 0, 0, INT_MAX},
     5,
     "/items/4",
     "Item 5 must be a whole number from 0 to 8.",
     "INT_MAX"},
    {"wsas", {0, 0, 0, 0}, 4, "/items/4", "Item 5 has no answer: WSAS takes 5 answers.", "too few"},
};

static void refusals(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof error_rows / sizeof error_rows[0]; i++) {
        const struct core_instrument *ins = core_instrument_find(error_rows[i].id);
        struct core_score s;
        struct core_score before;
        struct sp_err err = {0};
        enum sp_code rc;

        memset(&s, 0xA5, sizeof s);
        before = s;
        rc = core_instrument_score(ins, error_rows[i].answers, error_rows[i].count, &s, &err);
        if (rc != SP_INVALID || err.code != SP_INVALID)
            fail_msg("row %zu (%s %s): code %d", i, error_rows[i].id, error_rows[i].why, rc);
        if (!streq(err.field, error_rows[i].field) || !streq(err.detail, error_rows[i].detail))
            fail_msg("row %zu (%s %s): field \"%s\" detail \"%s\"", i, error_rows[i].id,
                     error_rows[i].why, err.field, err.detail);
        if (memcmp(&s, &before, sizeof s) != 0)
            fail_msg("row %zu (%s %s): *out changed on error", i, error_rows[i].id,
                     error_rows[i].why);
    }
}

static void null_instrument_refused(void **state)
{
    int answers[9] = {0};
    struct core_score s = {0};
    struct sp_err err = {0};

    (void)state;
    assert_int_equal(core_instrument_score(NULL, answers, 9, &s, &err), SP_INVALID);
    assert_string_equal(err.field, "/instrument");
}

/* ---- The catalogue as its sources give it -------------------------------------------------- */

/* Ids: the instruments of docs/sources.md and src/api/projects.c's known_instruments. Item keys,
 * LOINC codes (VERIFIED for PHQ-9 [LOINC-PHQSADS; USCORE] and GAD-7 [LOINC-PHQSADS]; GAD-7 panel
 * SECONDARY; none verified for WHO-5, PSS-10, MDI, WSAS), scales, totals and recall periods as
 * the sources give them (docs/sources.md); copied from there, not from instrument.c. */
static const struct {
    const char *id;
    size_t item_count;
    const char *keys[CORE_ANSWERS_MAX];
    const char *loinc[CORE_ANSWERS_MAX];
    bool reverse[CORE_ANSWERS_MAX];
    size_t scored_count;
    int scale_max;
    int total_max;
    const char *panel;
    const char *total;
    const char *recall;
    const char *bands[5];
    bool informal;
} defs[] = {
    {"phq9",
     9,
     {"1", "2", "3", "4", "5", "6", "7", "8", "9"},
     {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
      "44260-8"},
     {0},
     9,
     3,
     27,
     "44249-1",
     "44261-6",
     "P2W",
     {"none_minimal", "mild", "moderate", "moderately_severe", "severe"},
     false},
    {"gad7",
     7,
     {"1", "2", "3", "4", "5", "6", "7"},
     {"69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"},
     {0},
     7,
     3,
     21,
     "69737-5",
     "70274-6",
     "P2W",
     {"minimal", "mild", "moderate", "severe"},
     false},
    {"who5", 5, {"1", "2", "3", "4", "5"}, {NULL}, {0}, 5, 5, 25, NULL, NULL, "P2W", {NULL}, false},
    {"pss10",
     10,
     {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"},
     {NULL},
     {false, false, false, true, true, false, true, true, false, false},
     10,
     4,
     40,
     NULL,
     NULL,
     "P1M",
     {"low", "moderate", "high"},
     true},
    {"mdi",
     12,
     {"1", "2", "3", "4", "5", "6", "7", "8a", "8b", "9", "10a", "10b"},
     {NULL},
     {0},
     10,
     5,
     50,
     NULL,
     NULL,
     "P2W",
     {"none_doubtful", "mild", "moderate", "severe"},
     false},
    {"wsas",
     5,
     {"1", "2", "3", "4", "5"},
     {NULL},
     {0},
     5,
     8,
     40,
     NULL,
     NULL,
     NULL,
     {"subclinical", "significant_impairment", "moderately_severe_or_worse"},
     false},
};

static void catalogue_matches_domain(void **state)
{
    (void)state;
    assert_int_equal(core_instrument_count(), sizeof defs / sizeof defs[0]);
    assert_null(core_instrument_at(core_instrument_count()));
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        const struct core_instrument *ins = core_instrument_at(i);
        size_t bands = 0;

        if (ins == NULL || !streq(ins->id, defs[i].id) || core_instrument_find(defs[i].id) != ins)
            fail_msg("entry %zu: expected %s", i, defs[i].id);
        if (ins->item_count != defs[i].item_count || ins->scored_count != defs[i].scored_count ||
            ins->scale.min != 0 || ins->scale.max != defs[i].scale_max || ins->total_min != 0 ||
            ins->total_max != defs[i].total_max || !streq(ins->panel_loinc, defs[i].panel) ||
            !streq(ins->total_loinc, defs[i].total) || !streq(ins->recall, defs[i].recall) ||
            ins->bands_informal != defs[i].informal || ins->name == NULL ||
            ins->full_name == NULL || ins->source == NULL)
            fail_msg("%s: counts, scale, totals, codes or recall differ", defs[i].id);
        for (size_t k = 0; k < ins->item_count; k++) {
            const struct core_item *it = &ins->items[k];

            if (!streq(it->key, defs[i].keys[k]) || !streq(it->loinc, defs[i].loinc[k]) ||
                it->reverse != defs[i].reverse[k] || core_instrument_item(ins, it->key) != it)
                fail_msg("%s item %zu: key %s loinc %s reverse %d", defs[i].id, k, it->key,
                         show(it->loinc), it->reverse);
        }
        while (bands < 5 && defs[i].bands[bands])
            bands++;
        if (ins->band_count != bands)
            fail_msg("%s: %zu bands, expected %zu", defs[i].id, ins->band_count, bands);
        for (size_t b = 0; b < ins->band_count; b++) {
            /* contiguous and covering total_min..total_max */
            int from = b == 0 ? ins->total_min : ins->bands[b - 1].max + 1;

            if (!streq(ins->bands[b].code, defs[i].bands[b]) || ins->bands[b].min != from ||
                ins->bands[b].max < ins->bands[b].min ||
                (b + 1 == ins->band_count && ins->bands[b].max != ins->total_max))
                fail_msg("%s band %zu: %d-%d %s", defs[i].id, b, ins->bands[b].min,
                         ins->bands[b].max, ins->bands[b].code);
        }
    }
}

/* Only the exact ids: the API's InstrumentId enum spells them lower case. */
static const char *const unknown_ids[] = {
    "",     "PHQ9", "phq-9", "phq9 ", " phq9",  "phq", "gad",      "who-5",
    "WHO5", "pss",  "pss14", "mdi2",  "wsas\n", "bdi", "phq9\x01",
};

static void unknown_ids_not_found(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof unknown_ids / sizeof unknown_ids[0]; i++) {
        if (core_instrument_find(unknown_ids[i]) != NULL)
            fail_msg("row %zu: \"%s\" found", i, unknown_ids[i]);
    }
    assert_null(core_instrument_find(NULL));
    assert_null(core_instrument_item(core_instrument_find("mdi"), "8"));
    assert_null(core_instrument_item(core_instrument_find("mdi"), "10"));
    assert_null(core_instrument_item(core_instrument_find("phq9"), "10"));
    assert_null(core_instrument_item(core_instrument_find("phq9"), "difficulty"));
}

/* Answer codes: PHQ-9/GAD-7 LA6568-5 … LA6571-9 [KROENKE2001; SDC-CSPHQ9; PACIO], difficulty
 * 69722-7 with LL359-1's LA6572-7, LA6573-5, LA6575-0, LA6574-3 in that order [LOINC-LL359-1];
 * WSAS labels only 0, 2, 4, 6, 8 [MUNDT2002]; WHO-5, MDI and PSS-10 label every point and carry
 * no LOINC answer code. */
static void answer_scales(void **state)
{
    static const char *const freq[] = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};
    static const char *const difficulty[] = {"LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"};
    const struct core_instrument *phq9 = core_instrument_find("phq9");
    const struct core_instrument *gad7 = core_instrument_find("gad7");

    (void)state;
    for (int v = 0; v <= 3; v++) {
        const struct core_answer *p = core_scale_answer(&phq9->scale, v);
        const struct core_answer *g = core_scale_answer(&gad7->scale, v);
        const struct core_answer *d = core_scale_answer(&phq9->extra->scale, v);

        if (!p || !g || !d || !streq(p->loinc, freq[v]) || !streq(g->loinc, freq[v]) ||
            !streq(d->loinc, difficulty[v]) || p->label_key == NULL || d->label_key == NULL)
            fail_msg("value %d: answer codes differ", v);
    }
    assert_null(core_scale_answer(&phq9->scale, 4));
    assert_null(core_scale_answer(&phq9->scale, -1));
    assert_string_equal(phq9->extra->key, "difficulty");
    assert_string_equal(phq9->extra->loinc, "69722-7");
    assert_null(gad7->extra);
    for (size_t i = 0; i < core_instrument_count(); i++) {
        const struct core_instrument *ins = core_instrument_at(i);
        bool wsas = streq(ins->id, "wsas");
        bool coded = streq(ins->id, "phq9") || streq(ins->id, "gad7");

        if (!coded && ins->extra != NULL)
            fail_msg("%s: unexpected extra question", ins->id);
        for (int v = ins->scale.min; v <= ins->scale.max; v++) {
            const struct core_answer *a = core_scale_answer(&ins->scale, v);
            bool labelled = !wsas || v % 2 == 0;

            if ((a != NULL) != labelled || (a && (a->label_key == NULL || a->value != v)) ||
                (a && !coded && a->loinc != NULL))
                fail_msg("%s value %d: labelled %d", ins->id, v, a != NULL);
        }
    }
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(core_score_flag_name(CORE_FLAG_SAFETY), "safety");
    assert_string_equal(core_score_flag_name(CORE_FLAG_POOR_WELLBEING), "poor_wellbeing");
    assert_string_equal(core_score_flag_name(CORE_FLAG_ADMINISTER_MDI), "administer_mdi");
    assert_null(core_score_flag_name(0));
    assert_null(core_score_flag_name(CORE_FLAG_SAFETY | CORE_FLAG_POOR_WELLBEING));
    assert_null(core_score_flag_name(CORE_FLAG__END));
    assert_null(core_diagnosis_name(CORE_DIAGNOSIS_NOT_APPLICABLE));
    assert_string_equal(core_diagnosis_name(CORE_DIAGNOSIS_NONE), "none");
    assert_string_equal(core_diagnosis_name(CORE_DIAGNOSIS_OTHER), "other_depressive_syndrome");
    assert_string_equal(core_diagnosis_name(CORE_DIAGNOSIS_MAJOR), "major_depressive_syndrome");
    /* ICD-10 codes F32.0/F32.1/F32.2 for mild/moderate/severe depressive episode [MDI-ALGORITHM] */
    assert_null(core_icd10_name(CORE_ICD10_NOT_APPLICABLE));
    assert_string_equal(core_icd10_name(CORE_ICD10_NONE), "none");
    assert_string_equal(core_icd10_name(CORE_ICD10_MILD), "mild");
    assert_string_equal(core_icd10_name(CORE_ICD10_MODERATE), "moderate");
    assert_string_equal(core_icd10_name(CORE_ICD10_SEVERE), "severe");
    assert_null(core_icd10_code(CORE_ICD10_NOT_APPLICABLE));
    assert_null(core_icd10_code(CORE_ICD10_NONE));
    assert_string_equal(core_icd10_code(CORE_ICD10_MILD), "F32.0");
    assert_string_equal(core_icd10_code(CORE_ICD10_MODERATE), "F32.1");
    assert_string_equal(core_icd10_code(CORE_ICD10_SEVERE), "F32.2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(totals_bands_flags),
        cmocka_unit_test(phq9_diagnosis),
        cmocka_unit_test(phq9_difficulty_not_scored),
        cmocka_unit_test(who5_percentage_and_flags),
        cmocka_unit_test(mdi_total_band_icd10),
        cmocka_unit_test(scored_items),
        cmocka_unit_test(refusals),
        cmocka_unit_test(null_instrument_refused),
        cmocka_unit_test(catalogue_matches_domain),
        cmocka_unit_test(unknown_ids_not_found),
        cmocka_unit_test(answer_scales),
        cmocka_unit_test(names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
