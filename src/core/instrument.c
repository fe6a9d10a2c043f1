/* The questionnaire catalogue as static tables, and the scoring rules that are not table data
 * (PHQ-9's item-9 flag and DSM algorithm, WHO-5's flags, MDI's ICD-10 algorithm). Source keys
 * ([KROENKE2001] …) and status tags are those of docs/sources.md (key = anchor in lower case).
 * Codes nobody verified are NULL, never guessed: public repositories mislabel PHQ-9 and GAD-7
 * LOINC codes ([USCORE] gives the order). */
#include "core/instrument.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- PHQ-9 (docs/sources.md#kroenke2001) -----------------------------------------------------
 * Items 1–9 and their LOINC codes: VERIFIED [LOINC-PHQSADS; PCO-Q], in the order of the US Core
 * panel example's hasMember [USCORE]. Panel 44249-1, total 44261-6, difficulty 69722-7 [USCORE].
 * Answers 0–3 with LA6568-5 … LA6571-9: VERIFIED [KROENKE2001; SDC-CSPHQ9; USCORE/PCO-Q].
 * Bands 5/10/15/20: VERIFIED [KROENKE2001]; the 0–4 label is CONTESTED ("None-minimal" in the
 * manual [PHQMANUAL], "None" in LL382-3, "1-4 = Minimal" in 44261-6): the boundaries agree;
 * "none–minimal" as in the manual. Recall 2 weeks: VERIFIED (LOINC item names; [KROENKE2001]). */
static const struct core_answer freq_answers[] = {
    {0, "not_at_all", "LA6568-5"},
    {1, "several_days", "LA6569-3"},
    {2, "more_than_half_the_days", "LA6570-1"},
    {3, "nearly_every_day", "LA6571-9"},
};

static const struct core_item phq9_items[] = {
    {"1", "44250-9", false, 0}, {"2", "44255-8", false, 1}, {"3", "44259-0", false, 2},
    {"4", "44254-1", false, 3}, {"5", "44251-7", false, 4}, {"6", "44258-2", false, 5},
    {"7", "44252-5", false, 6}, {"8", "44253-3", false, 7}, {"9", "44260-8", false, 8},
};

/* Difficulty: LOINC answer list LL359-1, VERIFIED [LOINC-LL359-1]. LOINC gives no scores; stored
 * as the ordinal 0–3 in LL359-1's order, never added to the total. */
static const struct core_answer difficulty_answers[] = {
    {0, "not_difficult_at_all", "LA6572-7"},
    {1, "somewhat_difficult", "LA6573-5"},
    {2, "very_difficult", "LA6575-0"},
    {3, "extremely_difficult", "LA6574-3"},
};

static const struct core_extra phq9_difficulty = {
    "difficulty", "69722-7", {0, 3, difficulty_answers, COUNT(difficulty_answers)}};

static const struct core_band phq9_bands[] = {
    {0, 4, "none_minimal"},        {5, 9, "mild"},     {10, 14, "moderate"},
    {15, 19, "moderately_severe"}, {20, 27, "severe"},
};

/* ---- GAD-7 (docs/sources.md#spitzer2006) ----------------------------------------------------
 * Items and total 70274-6: VERIFIED [LOINC-PHQSADS]; panel 69737-5: SECONDARY (LOINC panel dump,
 * Wikipedia infobox). Same stem, recall and answer codes as PHQ-9: VERIFIED [PACIO; CAMBIO].
 * Bands 5/10/15: VERIFIED [SPITZER2006]. The form's difficulty question has no verified LOINC
 * code, so GAD-7 takes no extra answer. */
static const struct core_item gad7_items[] = {
    {"1", "69725-0", false, 0}, {"2", "68509-9", false, 1}, {"3", "69733-4", false, 2},
    {"4", "69734-2", false, 3}, {"5", "69735-9", false, 4}, {"6", "69689-8", false, 5},
    {"7", "69736-7", false, 6},
};

static const struct core_band gad7_bands[] = {
    {0, 4, "minimal"},
    {5, 9, "mild"},
    {10, 14, "moderate"},
    {15, 21, "severe"},
};

/* ---- WHO-5 (docs/sources.md#who5-scoring) ---------------------------------------------------
 * Items: VERIFIED [SMAAT; MYCCTOOLKIT]. Answers 0 "At no time" … 5 "All of the time": VERIFIED
 * [MEDALGO; KIDNEYCLINIC]. Scoring (raw, ×4, raw < 13, administer the MDI): VERIFIED
 * [WHO5-SCORING]. No LOINC code is verified (one repository's 65625-0 is unconfirmed), so none.
 * No bands: the scoring text gives flags, not severity bands (the Danish 0–35/36–50 bands [ETF]
 * are not official). */
static const struct core_answer who5_answers[] = {
    {0, "at_no_time", NULL},
    {1, "some_of_the_time", NULL},
    {2, "less_than_half_of_the_time", NULL},
    {3, "more_than_half_of_the_time", NULL},
    {4, "most_of_the_time", NULL},
    {5, "all_of_the_time", NULL},
};

static const struct core_item who5_items[] = {
    {"1", NULL, false, 0}, {"2", NULL, false, 1}, {"3", NULL, false, 2},
    {"4", NULL, false, 3}, {"5", NULL, false, 4},
};

/* ---- PSS-10 (docs/sources.md#uwarc) ---------------------------------------------------------
 * Answers 0 Never … 4 Very often: VERIFIED [UWARC; SCRIBD-PSS]. Items 4, 5, 7, 8 reverse-scored
 * as 4 - x, then all ten summed, 0–40: VERIFIED [UWARC]. Recall "the last month". Bands 0–13,
 * 14–26, 27–40 are widely used but not official [SYMPTOMATIK; DOCSLIB-PSS]: marked informal.
 * LOINC: UNVERIFIED, so none. */
static const struct core_answer pss10_answers[] = {
    {0, "never", NULL},        {1, "almost_never", NULL}, {2, "sometimes", NULL},
    {3, "fairly_often", NULL}, {4, "very_often", NULL},
};

static const struct core_item pss10_items[] = {
    {"1", NULL, false, 0}, {"2", NULL, false, 1},  {"3", NULL, false, 2}, {"4", NULL, true, 3},
    {"5", NULL, true, 4},  {"6", NULL, false, 5},  {"7", NULL, true, 6},  {"8", NULL, true, 7},
    {"9", NULL, false, 8}, {"10", NULL, false, 9},
};

static const struct core_band pss10_bands[] = {
    {0, 13, "low"},
    {14, 26, "moderate"},
    {27, 40, "high"},
};

/* ---- MDI (docs/sources.md#bech2015) ---------------------------------------------------------
 * 12 questions, 10 scored items: 8 = max(8a, 8b), 10 = max(10a, 10b), each 0–5, total 0–50:
 * VERIFIED [BECH2015; DSAM]. Answers: VERIFIED [CAMBIO; SKYSCAPE]. Recall: past 2 weeks.
 * Bands are CONTESTED: calculator sites print 20–24/25–29/≥30 with no primary source found; we
 * follow the primary source, Bech et al., BMC Psychiatry 2015;15:190 [BECH2015]: "cut-off
 * score of 21 for mild depression, 26 for moderate depression severity, and 31 for severe".
 * LOINC: none found. */
static const struct core_answer mdi_answers[] = {
    {0, "at_no_time", NULL},
    {1, "some_of_the_time", NULL},
    {2, "slightly_less_than_half_the_time", NULL},
    {3, "slightly_more_than_half_the_time", NULL},
    {4, "most_of_the_time", NULL},
    {5, "all_the_time", NULL},
};

static const struct core_item mdi_items[] = {
    {"1", NULL, false, 0},  {"2", NULL, false, 1}, {"3", NULL, false, 2},   {"4", NULL, false, 3},
    {"5", NULL, false, 4},  {"6", NULL, false, 5}, {"7", NULL, false, 6},   {"8a", NULL, false, 7},
    {"8b", NULL, false, 7}, {"9", NULL, false, 8}, {"10a", NULL, false, 9}, {"10b", NULL, false, 9},
};

static const struct core_band mdi_bands[] = {
    {0, 20, "none_doubtful"},
    {21, 25, "mild"},
    {26, 30, "moderate"},
    {31, 50, "severe"},
};

/* ---- WSAS (docs/sources.md#mundt2002) -------------------------------------------------------
 * Five items 0–8, anchors 0 not at all, 2 slightly, 4 definitely, 6 markedly, 8 very severely;
 * total 0–40; <10 subclinical, 10–20 significant functional impairment, >20 moderately severe or
 * worse: VERIFIED [MUNDT2002; DRCLAYTON; SCRIBD-WSAS]. The odd points have no sourced label. The
 * "not applicable" option for item 1 (total out of 32) is UNVERIFIED and not supported. Recall
 * period, LOINC and licence: UNVERIFIED, so none. */
static const struct core_answer wsas_answers[] = {
    {0, "not_at_all", NULL}, {2, "slightly", NULL},      {4, "definitely", NULL},
    {6, "markedly", NULL},   {8, "very_severely", NULL},
};

static const struct core_item wsas_items[] = {
    {"1", NULL, false, 0}, {"2", NULL, false, 1}, {"3", NULL, false, 2},
    {"4", NULL, false, 3}, {"5", NULL, false, 4},
};

static const struct core_band wsas_bands[] = {
    {0, 9, "subclinical"},
    {10, 20, "significant_impairment"},
    {21, 40, "moderately_severe_or_worse"},
};

/* ---- The catalogue ----------------------------------------------------------------------- */
static const struct core_instrument catalogue[] = {
    {
        .id = "phq9",
        .name = "PHQ-9",
        .full_name = "Patient Health Questionnaire, depression module",
        .panel_loinc = "44249-1",
        .total_loinc = "44261-6",
        .recall = "P2W",
        .scale = {0, 3, freq_answers, COUNT(freq_answers)},
        .items = phq9_items,
        .item_count = COUNT(phq9_items),
        .scored_count = 9,
        .total_min = 0,
        .total_max = 27,
        .extra = &phq9_difficulty,
        .bands = phq9_bands,
        .band_count = COUNT(phq9_bands),
        .derives = CORE_DERIVE_PHQ9_SAFETY | CORE_DERIVE_PHQ9_DIAGNOSIS,
        .source = "Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606-13 (VERIFIED); "
                  "LOINC 44249-1 (VERIFIED); item-9 flag per PHQ manual and MII FHIR IG, DSM "
                  "algorithm per LOINC 44249-1 description (SECONDARY).",
    },
    {
        .id = "gad7",
        .name = "GAD-7",
        .full_name = "Generalized Anxiety Disorder 7-item",
        .panel_loinc = "69737-5",
        .total_loinc = "70274-6",
        .recall = "P2W",
        .scale = {0, 3, freq_answers, COUNT(freq_answers)},
        .items = gad7_items,
        .item_count = COUNT(gad7_items),
        .scored_count = 7,
        .total_min = 0,
        .total_max = 21,
        .bands = gad7_bands,
        .band_count = COUNT(gad7_bands),
        .source = "Spitzer, Kroenke, Williams & Löwe, Arch Intern Med 2006;166:1092-7 "
                  "(VERIFIED); LOINC 69729-2 (VERIFIED); panel code 69737-5 SECONDARY.",
    },
    {
        .id = "who5",
        .name = "WHO-5",
        .full_name = "WHO-5 Well-Being Index",
        .recall = "P2W",
        .scale = {0, 5, who5_answers, COUNT(who5_answers)},
        .items = who5_items,
        .item_count = COUNT(who5_items),
        .scored_count = 5,
        .total_min = 0,
        .total_max = 25,
        .derives = CORE_DERIVE_WHO5,
        .source = "WHO-5 1998 scoring text, Psychiatric Research Unit, Mental Health Centre "
                  "North Zealand, Hillerød (VERIFIED as reproduced); no verified LOINC code.",
    },
    {
        .id = "pss10",
        .name = "PSS-10",
        .full_name = "Perceived Stress Scale, 10-item",
        .recall = "P1M",
        .scale = {0, 4, pss10_answers, COUNT(pss10_answers)},
        .items = pss10_items,
        .item_count = COUNT(pss10_items),
        .scored_count = 10,
        .total_min = 0,
        .total_max = 40,
        .bands = pss10_bands,
        .band_count = COUNT(pss10_bands),
        .bands_informal = true,
        .source = "Cohen, Kamarck & Mermelstein 1983; Cohen & Williamson 1988; scoring per "
                  "UW-Madison ARC (VERIFIED). Bands are informal: the PSS has no official "
                  "cut-offs.",
    },
    {
        .id = "mdi",
        .name = "MDI",
        .full_name = "Major Depression Inventory",
        .recall = "P2W",
        .scale = {0, 5, mdi_answers, COUNT(mdi_answers)},
        .items = mdi_items,
        .item_count = COUNT(mdi_items),
        .scored_count = 10,
        .total_min = 0,
        .total_max = 50,
        .bands = mdi_bands,
        .band_count = COUNT(mdi_bands),
        .derives = CORE_DERIVE_MDI_ICD10,
        .source = "Bech et al., BMC Psychiatry 2015;15:190, cut-offs 21/26/31 (VERIFIED; "
                  "CONTESTED by calculator sites' 20/25/30); ICD-10 thresholds per DSAM Bilag 1 "
                  "(VERIFIED), top-down algorithm per the MDI scoring key as reproduced "
                  "(SECONDARY).",
    },
    {
        .id = "wsas",
        .name = "WSAS",
        .full_name = "Work and Social Adjustment Scale",
        .scale = {0, 8, wsas_answers, COUNT(wsas_answers)},
        .items = wsas_items,
        .item_count = COUNT(wsas_items),
        .scored_count = 5,
        .total_min = 0,
        .total_max = 40,
        .bands = wsas_bands,
        .band_count = COUNT(wsas_bands),
        .source = "Mundt, Marks, Shear & Greist, Br J Psychiatry 2002;180:461-4 (VERIFIED); "
                  "recall period and LOINC UNVERIFIED.",
    },
};

const struct core_instrument *core_instrument_find(const char *id)
{
    if (id == NULL)
        return NULL;
    for (size_t i = 0; i < COUNT(catalogue); i++) {
        if (strcmp(id, catalogue[i].id) == 0)
            return &catalogue[i];
    }
    return NULL;
}

size_t core_instrument_count(void)
{
    return COUNT(catalogue);
}

const struct core_instrument *core_instrument_at(size_t i)
{
    return i < COUNT(catalogue) ? &catalogue[i] : NULL;
}

const struct core_item *core_instrument_item(const struct core_instrument *ins, const char *key)
{
    for (size_t i = 0; i < ins->item_count; i++) {
        if (strcmp(key, ins->items[i].key) == 0)
            return &ins->items[i];
    }
    return NULL;
}

const struct core_answer *core_scale_answer(const struct core_scale *scale, int value)
{
    for (size_t i = 0; i < scale->answer_count; i++) {
        if (scale->answers[i].value == value)
            return &scale->answers[i];
    }
    return NULL;
}

const struct core_band *core_instrument_band(const struct core_instrument *ins, int total)
{
    for (size_t i = 0; i < ins->band_count; i++) {
        if (total >= ins->bands[i].min && total <= ins->bands[i].max)
            return &ins->bands[i];
    }
    return NULL;
}

/* PHQ-9 DSM algorithm, SECONDARY ([LOINC-44249-1], the LOINC description as reproduced;
 * Kroenke 2001 and the PHQ manual as quoted): a symptom is present when its item is >= 2 ("more
 * than half the days"), item 9 when >= 1 ("counts if present at all"). Major depressive syndrome:
 * >= 5 present, item 1 or 2 among them; other depressive syndrome: 2–4 present, item 1 or 2 among
 * them. s[] holds items 1–9 at s[0..8]. */
static enum core_diagnosis phq9_diagnosis(const int *s)
{
    int present = 0;
    bool core = s[0] >= 2 || s[1] >= 2;

    for (size_t i = 0; i < 8; i++)
        present += s[i] >= 2;
    present += s[8] >= 1;
    if (core && present >= 5)
        return CORE_DIAGNOSIS_MAJOR;
    if (core && present >= 2)
        return CORE_DIAGNOSIS_OTHER;
    return CORE_DIAGNOSIS_NONE;
}

/* MDI ICD-10 algorithm, SECONDARY ([MDI-ALGORITHM]; the same thresholds VERIFIED in DSAM's Bilag 1,
 * [DSAM]): core items 1–3 count at >= 4 ("most of the time"), items 4–10 at >= 3 ("slightly
 * more than half the time"), after the max rule. Severe F32.2: core 3 and other >= 5; moderate
 * F32.1: core >= 2 and other >= 4; mild F32.0: core >= 2 and other >= 2; evaluated top-down. So
 * core 3 with other 3 is mild, not moderate as the (UNVERIFIED) ICD-10 DCR totals would say. */
static enum core_icd10 mdi_icd10(const int *s)
{
    int core = 0;
    int other = 0;

    for (size_t i = 0; i < 3; i++)
        core += s[i] >= 4;
    for (size_t i = 3; i < 10; i++)
        other += s[i] >= 3;
    if (core == 3 && other >= 5)
        return CORE_ICD10_SEVERE;
    if (core >= 2 && other >= 4)
        return CORE_ICD10_MODERATE;
    if (core >= 2 && other >= 2)
        return CORE_ICD10_MILD;
    return CORE_ICD10_NONE;
}

/* Checks count and every answer; SP_OK or SP_INVALID naming the first bad entry. */
static enum sp_code check_answers(const struct core_instrument *ins, const int *answers,
                                  size_t count, struct sp_err *err)
{
    size_t most = ins->item_count + (ins->extra ? 1 : 0);
    char field[32];

    if (count < ins->item_count) {
        snprintf(field, sizeof field, "/items/%zu", count);
        sp_err_invalid(err, field, SP_R_ANSWER_MISSING,
                       "Item %s has no answer: %s takes %zu answers.", ins->items[count].key,
                       ins->name, ins->item_count);
        return sp_err_range(err, ins->scale.min, ins->scale.max);
    }
    if (count > most) {
        snprintf(field, sizeof field, "/items/%zu", most);
        if (ins->extra)
            sp_err_invalid(err, field, SP_R_TOO_MANY_ANSWERS,
                           "Too many answers: %s takes %zu, or %zu with the %s question.",
                           ins->name, ins->item_count, most, ins->extra->key);
        else
            sp_err_invalid(err, field, SP_R_TOO_MANY_ANSWERS, "Too many answers: %s takes %zu.",
                           ins->name, ins->item_count);
        return sp_err_max(err, (int64_t)most);
    }
    for (size_t i = 0; i < ins->item_count; i++) {
        int a = answers[i];

        if (a != CORE_ANSWER_MISSING && a >= ins->scale.min && a <= ins->scale.max)
            continue;
        snprintf(field, sizeof field, "/items/%zu", i);
        if (a == CORE_ANSWER_MISSING)
            sp_err_invalid(err, field, SP_R_ANSWER_MISSING,
                           "Item %s has no answer; give a whole number from %d to %d.",
                           ins->items[i].key, ins->scale.min, ins->scale.max);
        else
            sp_err_invalid(err, field, SP_R_RANGE, "Item %s must be a whole number from %d to %d.",
                           ins->items[i].key, ins->scale.min, ins->scale.max);
        return sp_err_range(err, ins->scale.min, ins->scale.max);
    }
    if (count == most && ins->extra) {
        int a = answers[ins->item_count];
        const struct core_scale *sc = &ins->extra->scale;

        if (a != CORE_ANSWER_MISSING && (a < sc->min || a > sc->max)) {
            snprintf(field, sizeof field, "/items/%zu", ins->item_count);
            sp_err_invalid(err, field, SP_R_RANGE,
                           "The %s answer must be a whole number from %d to %d.", ins->extra->key,
                           sc->min, sc->max);
            return sp_err_range(err, sc->min, sc->max);
        }
    }
    return SP_OK;
}

enum sp_code core_instrument_unknown(const char *field, struct sp_err *err)
{
    const char *ids[sizeof catalogue / sizeof catalogue[0]];
    size_t n = core_instrument_count();

    for (size_t i = 0; i < n; i++)
        ids[i] = core_instrument_at(i)->id;
    sp_err_invalid(err, field, SP_R_ONE_OF, "Give one of the instrument ids.");
    return sp_err_allowed(err, ids, n);
}

enum sp_code core_instrument_score(const struct core_instrument *ins, const int *answers,
                                   size_t count, struct core_score *out, struct sp_err *err)
{
    struct core_score r = {0};
    enum sp_code rc;

    if (ins == NULL)
        return core_instrument_unknown("/instrument", err);
    rc = check_answers(ins, answers, count, err);
    if (rc != SP_OK)
        return rc;

    r.instrument = ins;
    r.scored_count = ins->scored_count;
    for (size_t i = 0; i < ins->scored_count; i++)
        r.scored[i] = ins->scale.min; /* every answer, reversed or not, is at least this */
    for (size_t i = 0; i < ins->item_count; i++) {
        const struct core_item *it = &ins->items[i];
        int v = it->reverse ? ins->scale.min + ins->scale.max - answers[i] : answers[i];

        if (v > r.scored[it->scored]) /* answers feeding one scored item: the higher counts */
            r.scored[it->scored] = v;
    }
    for (size_t i = 0; i < ins->scored_count; i++)
        r.total += r.scored[i];
    r.band = core_instrument_band(ins, r.total);
    r.percentage = -1;
    r.extra = count > ins->item_count ? answers[ins->item_count] : CORE_ANSWER_MISSING;

    /* PHQ-9 item 9 (thoughts of death or self-harm) >= 1 flags at any total (docs/sources.md),
     * [PHQMANUAL] "answer positively to the 9th question" (SECONDARY) and [MII] "any positive
     * response, regardless of the total score". */
    if ((ins->derives & CORE_DERIVE_PHQ9_SAFETY) && r.scored[8] >= 1)
        r.flags |= CORE_FLAG_SAFETY;
    if (ins->derives & CORE_DERIVE_PHQ9_DIAGNOSIS)
        r.diagnosis = phq9_diagnosis(r.scored);
    /* WHO-5 scoring text [WHO5-SCORING], VERIFIED: percentage = raw × 4; raw < 13 is poor
     * well-being; administer the MDI when raw < 13 or any single item is 0 or 1. */
    if (ins->derives & CORE_DERIVE_WHO5) {
        bool low_item = false;

        for (size_t i = 0; i < ins->scored_count; i++)
            low_item = low_item || r.scored[i] <= 1;
        r.percentage = r.total * 4;
        if (r.total < 13)
            r.flags |= CORE_FLAG_POOR_WELLBEING;
        if (r.total < 13 || low_item)
            r.flags |= CORE_FLAG_ADMINISTER_MDI;
    }
    if (ins->derives & CORE_DERIVE_MDI_ICD10)
        r.icd10 = mdi_icd10(r.scored);
    *out = r;
    return SP_OK;
}

const char *core_score_flag_name(unsigned flag)
{
    switch (flag) {
    case CORE_FLAG_SAFETY:
        return "safety";
    case CORE_FLAG_POOR_WELLBEING:
        return "poor_wellbeing";
    case CORE_FLAG_ADMINISTER_MDI:
        return "administer_mdi";
    }
    return NULL;
}

const char *core_diagnosis_name(enum core_diagnosis diagnosis)
{
    switch (diagnosis) {
    case CORE_DIAGNOSIS_NOT_APPLICABLE:
        return NULL;
    case CORE_DIAGNOSIS_NONE:
        return "none";
    case CORE_DIAGNOSIS_OTHER:
        return "other_depressive_syndrome";
    case CORE_DIAGNOSIS_MAJOR:
        return "major_depressive_syndrome";
    }
    return NULL;
}

const char *core_icd10_name(enum core_icd10 grade)
{
    switch (grade) {
    case CORE_ICD10_NOT_APPLICABLE:
        return NULL;
    case CORE_ICD10_NONE:
        return "none";
    case CORE_ICD10_MILD:
        return "mild";
    case CORE_ICD10_MODERATE:
        return "moderate";
    case CORE_ICD10_SEVERE:
        return "severe";
    }
    return NULL;
}

const char *core_icd10_code(enum core_icd10 grade)
{
    switch (grade) {
    case CORE_ICD10_NOT_APPLICABLE:
    case CORE_ICD10_NONE:
        return NULL;
    case CORE_ICD10_MILD:
        return "F32.0";
    case CORE_ICD10_MODERATE:
        return "F32.1";
    case CORE_ICD10_SEVERE:
        return "F32.2";
    }
    return NULL;
}
