/* The questionnaire catalogue: PHQ-9, GAD-7, WHO-5, PSS-10, MDI and WSAS as data (items, LOINC
 * codes, answer scale, reverse items, bands) and one scoring function over them. Every fact comes
 * from a source in docs/sources.md with its key and status tag, cited beside each table in
 * instrument.c. Item texts are not here: they live in data/instruments/<id>.<lang>.json, and the
 * keys below (item keys, labelled answer values) are what such a file must match. Pure: no I/O,
 * no allocation; every pointer handed out points into static tables and lives forever. */
#ifndef SP_CORE_INSTRUMENT_H
#define SP_CORE_INSTRUMENT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* An answer the respondent did not give (the API passes a JSON null or an absent entry as this). */
#define CORE_ANSWER_MISSING INT_MIN

/* The most answers any instrument takes (MDI: 12 questions) and the most scored items (PSS-10
 * and MDI: 10), so callers can size arrays. */
#define CORE_ANSWERS_MAX 12
#define CORE_SCORED_MAX 10

/* One labelled point of an answer scale. */
struct core_answer {
    int value;
    const char *label_key; /* stable key, e.g. "several_days"; the text is in the data files */
    const char *loinc;     /* LOINC answer code (LA…), NULL where no source gives one */
};

/* An answer scale: every whole number min..max is a valid answer; `answers` lists the labelled
 * points in ascending order (all of them, except WSAS, whose sourced anchors are 0, 2, 4, 6, 8). */
struct core_scale {
    int min;
    int max;
    const struct core_answer *answers;
    size_t answer_count;
};

/* One question as asked, in the order the API's `items` array gives the answers. */
struct core_item {
    const char *key;   /* "1".."10", "8a", "8b", "10a", "10b" */
    const char *loinc; /* LOINC question code, NULL where no source gives one */
    bool reverse;      /* scored as (scale.min + scale.max) - answer (PSS-10 items 4, 5, 7, 8) */
    size_t scored;     /* 0-based scored item this answer feeds; several feed one by max (MDI) */
};

/* A severity band: totals min..max inclusive. Bands of one instrument are contiguous, ascending,
 * and cover its whole total range. */
struct core_band {
    int min;
    int max;
    const char *code; /* stable, e.g. "moderately_severe"; part of the API contract */
};

/* An answer asked after the items and never scored (PHQ-9's "how difficult…" question). */
struct core_extra {
    const char *key;   /* "difficulty" */
    const char *loinc; /* NULL where no source gives one */
    struct core_scale scale;
};

/* What an instrument derives beyond total and band (bits of core_instrument.derives). */
enum core_derive {
    CORE_DERIVE_PHQ9_SAFETY = 1 << 0,    /* item 9 >= 1 raises CORE_FLAG_SAFETY */
    CORE_DERIVE_PHQ9_DIAGNOSIS = 1 << 1, /* provisional diagnosis (DSM algorithm) */
    CORE_DERIVE_WHO5 = 1 << 2,           /* percentage, poor_wellbeing, administer_mdi */
    CORE_DERIVE_MDI_ICD10 = 1 << 3,      /* ICD-10 depression grade */
};

struct core_instrument {
    const char *id;          /* "phq9", "gad7", "who5", "pss10", "mdi", "wsas": never renamed */
    const char *name;        /* short name as printed on the form, e.g. "PHQ-9" */
    const char *full_name;   /* e.g. "Patient Health Questionnaire, depression module" */
    const char *panel_loinc; /* NULL where no source gives one */
    const char *total_loinc; /* NULL where no source gives one */
    const char *recall;      /* ISO 8601 duration ("P2W", "P1M"); NULL where none is sourced */
    struct core_scale scale; /* shared by all items */
    const struct core_item *items;
    size_t item_count;              /* answers expected, without the extra question */
    size_t scored_count;            /* scored items (MDI: 10 from 12 answers; else item_count) */
    int total_min;                  /* scored_count * scale.min */
    int total_max;                  /* scored_count * scale.max */
    const struct core_extra *extra; /* optional unscored answer after the items, or NULL */
    const struct core_band *bands;  /* NULL (band_count 0) when no bands are sourced: WHO-5 */
    size_t band_count;
    bool bands_informal; /* PSS-10: widely used, but no official cut-offs */
    unsigned derives;    /* enum core_derive bits */
    const char *source;  /* the sources and their status, for display beside a score */
};

/* Flags a score can raise (bits of core_score.flags); names from core_score_flag_name(). */
enum core_flag {
    CORE_FLAG_SAFETY = 1 << 0,         /* "safety": PHQ-9 item 9 >= 1, whatever the total */
    CORE_FLAG_POOR_WELLBEING = 1 << 1, /* "poor_wellbeing": WHO-5 raw < 13 */
    CORE_FLAG_ADMINISTER_MDI = 1 << 2, /* "administer_mdi": WHO-5 raw < 13 or any item 0 or 1 */
    CORE_FLAG__END = 1 << 3            /* one past the last bit */
};

/* PHQ-9 provisional diagnosis (needs clinical confirmation). */
enum core_diagnosis {
    CORE_DIAGNOSIS_NOT_APPLICABLE, /* not a PHQ-9 */
    CORE_DIAGNOSIS_NONE,
    CORE_DIAGNOSIS_OTHER, /* other depressive syndrome: 2–4 symptoms incl. item 1 or 2 */
    CORE_DIAGNOSIS_MAJOR  /* major depressive syndrome: >= 5 symptoms incl. item 1 or 2 */
};

/* MDI ICD-10 depression grade. */
enum core_icd10 {
    CORE_ICD10_NOT_APPLICABLE, /* not an MDI */
    CORE_ICD10_NONE,
    CORE_ICD10_MILD,     /* F32.0 */
    CORE_ICD10_MODERATE, /* F32.1 */
    CORE_ICD10_SEVERE    /* F32.2 */
};

struct core_score {
    const struct core_instrument *instrument;
    int total;
    const struct core_band *band;  /* NULL when the instrument has no bands (WHO-5) */
    unsigned flags;                /* enum core_flag bits */
    int percentage;                /* WHO-5: raw * 4, 0..100; -1 for the others */
    enum core_diagnosis diagnosis; /* PHQ-9 only, else CORE_DIAGNOSIS_NOT_APPLICABLE */
    enum core_icd10 icd10;         /* MDI only, else CORE_ICD10_NOT_APPLICABLE */
    int extra;                     /* the extra answer (difficulty), or CORE_ANSWER_MISSING */
    size_t scored_count;           /* = instrument->scored_count */
    int scored[CORE_SCORED_MAX];   /* scored[i] = item i + 1 as added: PSS-10 after reversal,
                                      MDI 8 and 10 after the max rule; the rest unused (0) */
};

/* The instrument with this id (exact, case-sensitive), or NULL if there is none or id is NULL. */
const struct core_instrument *core_instrument_find(const char *id);

/* The catalogue in a fixed order (phq9, gad7, who5, pss10, mdi, wsas): count, and entry i, or
 * NULL when i >= count. */
size_t core_instrument_count(void);
const struct core_instrument *core_instrument_at(size_t i);

/* SP_INVALID at `field`, reason one_of with the catalogue's ids as the values allowed. */
enum sp_code core_instrument_unknown(const char *field, struct sp_err *err);

/* The item with this key, or NULL. For checking a translation file's "items" keys. */
const struct core_item *core_instrument_item(const struct core_instrument *ins, const char *key);

/* The labelled point `value` of a scale, or NULL when the value is unlabelled or out of range.
 * For checking a translation file's "answers" keys, and for LOINC answer codes. */
const struct core_answer *core_scale_answer(const struct core_scale *scale, int value);

/* The band holding `total`, or NULL when the instrument has no bands or total is out of range. */
const struct core_band *core_instrument_band(const struct core_instrument *ins, int total);

/* Score answers[0..count-1], given in the order of ins->items, optionally followed by the extra
 * answer (PHQ-9: 9 answers, or 10 with the difficulty; CORE_ANSWER_MISSING there means "not
 * given"). SP_OK and *out filled; or SP_INVALID with err->field a JSON Pointer into the request's
 * `items` array and a detail naming the item by its key, never quoting a value:
 *   - count too small: "/items/N", N = count, the first answer missing;
 *   - count too large: "/items/N", N = the index of the first answer too many;
 *   - an answer CORE_ANSWER_MISSING or outside the scale: "/items/N" of that answer;
 *   - ins NULL: field "/instrument".
 * On any error *out is left untouched: no partial score. answers may be NULL when count is 0. */
enum sp_code core_instrument_score(const struct core_instrument *ins, const int *answers,
                                   size_t count, struct core_score *out, struct sp_err *err);

/* "safety", "poor_wellbeing", "administer_mdi" for one enum core_flag bit; NULL for anything else
 * (0, several bits, unknown bits). Walk bits 1, 2, 4 … below CORE_FLAG__END to list a score's. */
const char *core_score_flag_name(unsigned flag);

/* "none", "other_depressive_syndrome", "major_depressive_syndrome"; NULL when not applicable. */
const char *core_diagnosis_name(enum core_diagnosis diagnosis);

/* "none", "mild", "moderate", "severe"; NULL when not applicable. */
const char *core_icd10_name(enum core_icd10 grade);

/* "F32.0", "F32.1", "F32.2" for mild, moderate, severe; NULL for none and not applicable. */
const char *core_icd10_code(enum core_icd10 grade);

#endif
