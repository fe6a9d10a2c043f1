/* The questionnaire catalogue (src/core/instrument.h) and its texts (data/instruments/).
 *   GET  /api/v1/instruments               the catalogue: id, names, range, languages
 *   GET  /api/v1/instruments/{key}?lang=da one instrument with items, scale, bands and texts;
 *                                          without a Danish text the English one is sent, and
 *                                          "translation_missing" says so
 *   POST /api/v1/instruments/{key}/score   {items:[…]} → {instrument,total,band,flags,…};
 *                                          stateless: nothing is stored, logged or audited
 *   POST /api/v1/instruments/{key}/texts   a licensed translation, the file itself as the body
 *                                          (administrators; audited) → 201, or 200 replacing one
 * Texts: a translation an administrator loaded (that route or `samspor instruments load`, both
 * through api_instrument_text_load) wins over the file shipped in the binary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "base/embedded.h"
#include "base/parse.h"
#include "core/instrument.h"
#include "policy/policy.h"

static const char *const languages[] = {"da", "en"};

const struct core_instrument *api_instrument_of(const struct api_ctx *ctx, struct sp_err *err)
{
    const struct core_instrument *ins = ctx->has_key ? core_instrument_find(ctx->key) : NULL;

    if (ins == NULL)
        sp_err_set(err, SP_NOT_FOUND, "", "No such questionnaire.");
    return ins;
}

/* The shipped text file of an instrument in a language, or NULL. */
static const struct sp_embedded_file *shipped_text(const char *instrument, const char *language)
{
    char name[64];

    snprintf(name, sizeof name, "%s.%s.json", instrument, language);
    for (size_t i = 0; i < sp_instrument_texts_count; i++)
        if (strcmp(sp_instrument_texts[i].name, name) == 0)
            return &sp_instrument_texts[i];
    return NULL;
}

/* The text object of instrument in language: loaded first, then shipped; NULL without either.
 * The caller owns the result. */
static json_t *text_for(struct api_ctx *ctx, const char *instrument, const char *language,
                        struct sp_err *err, enum sp_code *rc)
{
    const char *body = NULL;
    bool found = false;
    const struct sp_embedded_file *file;

    *rc =
        store_instrument_text_get(ctx->store, ctx->arena, instrument, language, &body, &found, err);
    if (*rc != SP_OK)
        return NULL;
    if (found)
        return json_loads(body, JSON_REJECT_DUPLICATES, NULL);
    file = shipped_text(instrument, language);
    return file ? json_loadb(file->data, file->len, JSON_REJECT_DUPLICATES, NULL) : NULL;
}

static json_t *languages_of(struct api_ctx *ctx, const char *instrument, struct sp_err *err,
                            enum sp_code *rc)
{
    json_t *out = json_array();

    for (size_t i = 0; *rc == SP_OK && i < sizeof languages / sizeof languages[0]; i++) {
        const char *body = NULL;
        bool found = false;

        *rc = store_instrument_text_get(ctx->store, ctx->arena, instrument, languages[i], &body,
                                        &found, err);
        if (found || shipped_text(instrument, languages[i]) != NULL)
            api_push(&out, json_string(languages[i]));
    }
    return out;
}

static json_t *scale_json(const struct core_scale *scale, const json_t *labels)
{
    json_t *answers = json_array();

    for (size_t i = 0; i < scale->answer_count; i++) {
        const struct core_answer *a = &scale->answers[i];
        char value[16];

        snprintf(value, sizeof value, "%d", a->value);
        api_push(&answers, api_pack("{s:i, s:s, s:s?, s:s?}", "value", a->value, "label_key",
                                    a->label_key, "loinc", a->loinc, "label",
                                    json_string_value(json_object_get(labels, value))));
    }
    return api_pack("{s:i, s:i, s:o}", "min", scale->min, "max", scale->max, "answers", answers);
}

static json_t *bands_json(const struct core_instrument *ins)
{
    json_t *bands = json_array();

    for (size_t i = 0; i < ins->band_count; i++)
        api_push(&bands, api_pack("{s:i, s:i, s:s}", "min", ins->bands[i].min, "max",
                                  ins->bands[i].max, "code", ins->bands[i].code));
    return bands;
}

static json_t *summary_json(const struct core_instrument *ins)
{
    return api_pack("{s:s, s:s, s:s, s:I, s:i, s:i, s:s?, s:s?, s:s?}", "id", ins->id, "name",
                    ins->name, "full_name", ins->full_name, "item_count",
                    (json_int_t)ins->item_count, "total_min", ins->total_min, "total_max",
                    ins->total_max, "recall", ins->recall, "panel_loinc", ins->panel_loinc,
                    "total_loinc", ins->total_loinc);
}

/* The catalogue is the compiled-in table (six questionnaires), paged like every list: a cursor
 * is how many entries the previous pages held. */
enum sp_code api_instruments_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct store_page page;
    json_t *items;
    size_t end;
    enum sp_code rc = api_get_list_query(ctx, NULL, &page, err);

    if (rc != SP_OK)
        return rc;
    if ((uint64_t)page.after > core_instrument_count())
        page.after = (int64_t)core_instrument_count();
    end = core_instrument_count() - (size_t)page.after > (size_t)page.limit
              ? (size_t)page.after + (size_t)page.limit
              : core_instrument_count();
    items = json_array();
    for (size_t i = (size_t)page.after; rc == SP_OK && i < end; i++) {
        const struct core_instrument *ins = core_instrument_at(i);
        json_t *o = summary_json(ins);

        api_put(&o, "languages", languages_of(ctx, ins->id, err, &rc));
        api_push(&items, o);
    }
    if (rc != SP_OK) {
        json_decref(items);
        return rc;
    }
    return api_answer(ctx, api_list_reply(items, end < core_instrument_count(), (int64_t)end), err);
}

/* The requested language: ?lang=da|en, Danish by default (the UI's first language). */
static enum sp_code requested_language(struct api_ctx *ctx, const char **lang, struct sp_err *err)
{
    const char *q = ctx->query ? ctx->query(ctx->conn, "lang") : NULL;

    *lang = "da";
    if (q == NULL)
        return SP_OK;
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
        if (strcmp(q, languages[i]) == 0) {
            *lang = languages[i];
            return SP_OK;
        }
    return api_one_of("lang", languages, sizeof languages / sizeof languages[0], err);
}

/* Where the text comes from: its language, source, status, licence and instruction (null
 * where the file has none), and whether the requested language had to fall back to English. */
static json_t *text_meta(const json_t *text, const char *requested, bool missing)
{
    static const char *const members[] = {"language", "source", "status", "licence", "stem"};
    json_t *meta =
        api_pack("{s:s, s:b}", "requested_language", requested, "translation_missing", missing);

    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        json_t *v = json_object_get(text, members[i]);

        api_put(&meta, members[i], json_is_string(v) ? json_incref(v) : json_null());
    }
    return meta;
}

enum sp_code api_instruments_get(struct api_ctx *ctx, struct sp_err *err)
{
    const struct core_instrument *ins = api_instrument_of(ctx, err);
    const char *lang = NULL;
    json_t *text = NULL;
    json_t *items;
    json_t *o;
    bool missing = false;
    enum sp_code rc = ins ? requested_language(ctx, &lang, err) : SP_NOT_FOUND;

    if (rc == SP_OK)
        text = text_for(ctx, ins->id, lang, err, &rc);
    if (rc == SP_OK && text == NULL && strcmp(lang, "en") != 0) {
        missing = true; /* shown in English, and the UI says so (issue 5: never invent one) */
        text = text_for(ctx, ins->id, "en", err, &rc);
    }
    if (rc != SP_OK)
        return rc;
    if (text == NULL)
        return sp_err_set(err, SP_INTERNAL, "", "The questionnaire's texts are missing.");
    items = json_array();
    for (size_t i = 0; i < ins->item_count; i++)
        api_push(&items, api_pack("{s:s, s:b, s:s?, s:s?}", "key", ins->items[i].key, "reverse",
                                  ins->items[i].reverse, "loinc", ins->items[i].loinc, "text",
                                  json_string_value(json_object_get(json_object_get(text, "items"),
                                                                    ins->items[i].key))));
    o = summary_json(ins);
    api_put(&o, "items", items);
    api_put(&o, "scale", scale_json(&ins->scale, json_object_get(text, "answers")));
    api_put(&o, "bands", bands_json(ins));
    api_put(&o, "bands_informal", json_boolean(ins->bands_informal));
    api_put(&o, "source", json_string(ins->source));
    if (ins->extra != NULL) {
        json_t *extra_text = json_object_get(text, ins->extra->key);

        api_put(&o, "extra",
                api_pack("{s:s, s:o, s:s?, s:s?}", "key", ins->extra->key, "scale",
                         scale_json(&ins->extra->scale, json_object_get(extra_text, "answers")),
                         "loinc", ins->extra->loinc, "text",
                         json_string_value(json_object_get(extra_text, "question"))));
    }
    api_put(&o, "text", text_meta(text, lang, missing));
    json_decref(text);
    return api_answer(ctx, o, err);
}

enum sp_code api_answers_parse(const json_t *body, const struct core_instrument *ins,
                               struct sp_arena *arena, int *answers, size_t *count,
                               const char **answers_json, struct sp_err *err)
{
    const json_t *items = json_object_get(body, "items");
    size_t max = ins->item_count + (ins->extra ? 1 : 0);
    size_t i;
    const json_t *v;
    char *text;

    if (!json_is_array(items))
        return items == NULL ? sp_err_invalid(err, "/items", SP_R_REQUIRED,
                                              "Give the answers as an array, one per question, "
                                              "in order.")
                             : api_wrong_type("/items", "array", err);
    if (json_array_size(items) > max) {
        /* The first answer too many is named, as core_instrument_score names one. */
        sp_err_invalid(err, "", SP_R_TOO_MANY_ANSWERS, "This questionnaire has %zu questions.",
                       max);
        snprintf(err->field, sizeof err->field, "/items/%zu", max);
        return sp_err_max(err, (int64_t)max);
    }
    json_array_foreach(items, i, v) {
        if (json_is_null(v)) {
            answers[i] = CORE_ANSWER_MISSING;
        } else if (json_is_integer(v) && json_integer_value(v) >= -1000 &&
                   json_integer_value(v) <= 1000) {
            answers[i] = (int)json_integer_value(v);
        } else {
            const struct core_scale *scale = i < ins->item_count ? &ins->scale : &ins->extra->scale;

            sp_err_invalid(err, "", SP_R_RANGE, "Item %s must be a whole number.",
                           i < ins->item_count ? ins->items[i].key : ins->extra->key);
            snprintf(err->field, sizeof err->field, "/items/%zu", i);
            return sp_err_range(err, scale->min, scale->max);
        }
    }
    *count = json_array_size(items);
    text = json_dumps(items, JSON_COMPACT);
    *answers_json = sp_arena_strndup(arena, text, strlen(text));
    free(text);
    return SP_OK;
}

json_t *api_score_json(const struct core_score *s)
{
    json_t *flags = json_array();
    json_t *scored = json_array();
    json_t *o = api_pack("{s:s, s:i, s:s?}", "instrument", s->instrument->id, "total", s->total,
                         "band", s->band ? s->band->code : NULL);

    for (unsigned bit = 1; bit < CORE_FLAG__END; bit <<= 1)
        if (s->flags & bit)
            api_push(&flags, json_string(core_score_flag_name(bit)));
    for (size_t i = 0; i < s->scored_count; i++)
        api_push(&scored, json_integer(s->scored[i]));
    api_put(&o, "flags", flags);
    api_put(&o, "scored", scored);
    if (s->percentage >= 0)
        api_put(&o, "percentage", json_integer(s->percentage));
    if (s->diagnosis != CORE_DIAGNOSIS_NOT_APPLICABLE)
        api_put(&o, "provisional_diagnosis", json_string(core_diagnosis_name(s->diagnosis)));
    if (s->icd10 != CORE_ICD10_NOT_APPLICABLE)
        api_put(&o, "icd10",
                api_pack("{s:s, s:s?}", "grade", core_icd10_name(s->icd10), "code",
                         core_icd10_code(s->icd10)));
    if (s->extra != CORE_ANSWER_MISSING)
        api_put(&o, "difficulty", json_integer(s->extra));
    return o;
}

enum sp_code api_instruments_score(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"items", NULL};
    const struct core_instrument *ins = api_instrument_of(ctx, err);
    int answers[CORE_ANSWERS_MAX + 1];
    size_t count = 0;
    const char *answers_json = NULL;
    struct core_score score;
    enum sp_code rc = ins ? api_reject_unknown(ctx->body, allowed, err) : SP_NOT_FOUND;

    if (rc == SP_OK)
        rc = api_answers_parse(ctx->body, ins, ctx->arena, answers, &count, &answers_json, err);
    if (rc == SP_OK)
        rc = core_instrument_score(ins, answers, count, &score, err);
    if (rc == SP_OK)
        rc = api_answer(ctx, api_score_json(&score), err);
    return rc;
}

/* obj must be an object whose keys are exactly the labelled answers of scale, each a non-empty
 * string; field is its JSON Pointer. */
static enum sp_code check_answers(const json_t *obj, const struct core_scale *scale,
                                  const char *field, struct sp_err *err)
{
    const char *key;
    const json_t *v;

    if (!json_is_object(obj))
        return obj == NULL ? sp_err_invalid(err, field, SP_R_REQUIRED,
                                            "Give the answer labels as an object.")
                           : api_wrong_type(field, "object", err);
    for (size_t i = 0; i < scale->answer_count; i++) {
        char value[16];
        const json_t *label;

        snprintf(value, sizeof value, "%d", scale->answers[i].value);
        label = json_object_get(obj, value);
        if (!json_is_string(label) || json_string_length(label) == 0) {
            sp_err_invalid(err, "", SP_R_REQUIRED, "The label of answer %s is missing.", value);
            snprintf(err->field, sizeof err->field, "%s/%s", field, value);
            return SP_INVALID;
        }
    }
    json_object_foreach((json_t *)obj, key, v) {
        int64_t n = 0;

        if (!sp_parse_i64(key, strlen(key), &n) || n < INT32_MIN || n > INT32_MAX ||
            core_scale_answer(scale, (int)n) == NULL) {
            sp_err_invalid(err, "", SP_R_UNKNOWN_MEMBER,
                           "This questionnaire has no labelled answer %.8s.", key);
            snprintf(err->field, sizeof err->field, "%s/%.40s", field, key);
            return SP_INVALID;
        }
    }
    return SP_OK;
}

static enum sp_code check_items(const json_t *items, const struct core_instrument *ins,
                                struct sp_err *err)
{
    const char *key;
    const json_t *v;

    if (!json_is_object(items))
        return items == NULL ? sp_err_invalid(err, "/items", SP_R_REQUIRED,
                                              "Give the item texts as an object.")
                             : api_wrong_type("/items", "object", err);
    for (size_t i = 0; i < ins->item_count; i++) {
        const json_t *text = json_object_get(items, ins->items[i].key);

        if (!json_is_string(text) || json_string_length(text) == 0) {
            sp_err_invalid(err, "", SP_R_REQUIRED, "The text of item %s is missing.",
                           ins->items[i].key);
            snprintf(err->field, sizeof err->field, "/items/%s", ins->items[i].key);
            return SP_INVALID;
        }
    }
    json_object_foreach((json_t *)items, key, v) {
        if (core_instrument_item(ins, key) == NULL) {
            sp_err_invalid(err, "", SP_R_UNKNOWN_MEMBER, "This questionnaire has no such item.");
            snprintf(err->field, sizeof err->field, "/items/%.40s", key);
            return SP_INVALID;
        }
    }
    return SP_OK;
}

static enum sp_code check_extra(const json_t *doc, const struct core_instrument *ins,
                                struct sp_err *err)
{
    static const char *const allowed[] = {"question", "answers", NULL};
    const json_t *extra = ins->extra ? json_object_get(doc, ins->extra->key) : NULL;
    const json_t *question = json_object_get(extra, "question");
    char field[64];
    enum sp_code rc;

    if (ins->extra == NULL)
        return SP_OK;
    snprintf(field, sizeof field, "/%s", ins->extra->key);
    if (!json_is_object(extra))
        return extra == NULL
                   ? sp_err_invalid(err, field, SP_R_REQUIRED,
                                    "Give the %s question and its answers.", ins->extra->key)
                   : api_wrong_type(field, "object", err);
    rc = api_reject_unknown(extra, allowed, err);
    if (rc != SP_OK)
        snprintf(err->field, sizeof err->field, "%s", field); /* the object holding it */
    if (rc == SP_OK && (!json_is_string(question) || json_string_length(question) == 0)) {
        sp_err_invalid(err, "", SP_R_REQUIRED, "The question's text is missing.");
        snprintf(err->field, sizeof err->field, "%s/question", field);
        rc = SP_INVALID;
    }
    if (rc == SP_OK) {
        snprintf(field, sizeof field, "/%s/answers", ins->extra->key);
        rc = check_answers(json_object_get(extra, "answers"), &ins->extra->scale, field, err);
    }
    return rc;
}

enum sp_code api_instrument_text_check(const json_t *doc, const struct core_instrument **ins,
                                       const char **language, struct sp_err *err)
{
    static const char *const allowed[] = {"instrument", "language", "source", "status",
                                          "licence",    "stem",     "items",  "answers",
                                          "difficulty", NULL};
    const char *id = json_string_value(json_object_get(doc, "instrument"));
    const char *lang = json_string_value(json_object_get(doc, "language"));
    const char *source = json_string_value(json_object_get(doc, "source"));
    const json_t *stem = json_object_get(doc, "stem");
    enum sp_code rc = json_is_object(doc) ? api_reject_unknown(doc, allowed, err)
                                          : api_wrong_type("", "object", err);

    if (rc == SP_OK && (*ins = core_instrument_find(id)) == NULL)
        rc = core_instrument_unknown("/instrument", err);
    if (rc == SP_OK &&
        (lang == NULL || strlen(lang) != 2 || strspn(lang, "abcdefghijklmnopqrstuvwxyz") != 2))
        rc = sp_err_invalid(err, "/language", SP_R_LANGUAGE_CODE,
                            "Give a two-letter language code.");
    if (rc == SP_OK && (source == NULL || strlen(source) < 10)) {
        sp_err_invalid(err, "/source", SP_R_TOO_SHORT,
                       "Name the translation's source (publisher, edition, licence).");
        rc = sp_err_min(err, 10);
    }
    if (rc == SP_OK && (!json_is_string(json_object_get(doc, "licence")) ||
                        json_string_length(json_object_get(doc, "licence")) == 0))
        rc = sp_err_invalid(err, "/licence", SP_R_REQUIRED,
                            "State the terms under which this text may be used.");
    if (rc == SP_OK && stem != NULL && !json_is_null(stem) && !json_is_string(stem))
        rc = api_wrong_type("/stem", "string_or_null", err);
    if (rc == SP_OK && (*ins)->extra == NULL && json_object_get(doc, "difficulty") != NULL)
        rc = sp_err_invalid(err, "/difficulty", SP_R_UNKNOWN_MEMBER,
                            "This questionnaire has no such part.");
    if (rc == SP_OK)
        rc = check_items(json_object_get(doc, "items"), *ins, err);
    if (rc == SP_OK)
        rc = check_answers(json_object_get(doc, "answers"), &(*ins)->scale, "/answers", err);
    if (rc == SP_OK)
        rc = check_extra(doc, *ins, err);
    if (rc == SP_OK)
        *language = lang;
    return rc;
}

enum sp_code api_instrument_text_load(struct store *st, struct sp_arena *arena, const json_t *doc,
                                      const char *expected, const char *now,
                                      const struct core_instrument **ins, const char **language,
                                      bool *replaced, struct sp_err *err)
{
    const char *stored = NULL;
    bool served = false;
    const char *named = json_string_value(json_object_get(doc, "instrument"));
    char *text;
    enum sp_code rc = SP_OK;

    /* The file of another questionnaire is refused at /instrument (only the one named is
     * allowed), before its items look wrong. */
    if (expected != NULL && named != NULL && strcmp(named, expected) != 0)
        rc = api_one_of("/instrument", &expected, 1, err);
    if (rc == SP_OK)
        rc = api_instrument_text_check(doc, ins, language, err);
    /* A text in a language the questionnaires are never shown in would be stored for nothing. */
    for (size_t i = 0; rc == SP_OK && i < sizeof languages / sizeof languages[0]; i++)
        served = served || strcmp(*language, languages[i]) == 0;
    if (rc == SP_OK && !served)
        rc = api_one_of("/language", languages, sizeof languages / sizeof languages[0], err);
    if (rc == SP_OK)
        rc = store_instrument_text_get(st, arena, (*ins)->id, *language, &stored, replaced, err);
    if (rc != SP_OK)
        return rc;
    text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    rc = store_instrument_text_put(st, (*ins)->id, *language,
                                   json_string_value(json_object_get(doc, "source")), text, now,
                                   err);
    free(text);
    return rc;
}

enum sp_code api_instrument_texts_load(struct api_ctx *ctx, struct sp_err *err)
{
    const struct core_instrument *ins = NULL;
    const char *language = NULL;
    bool replaced = false;
    char location[96];
    enum sp_code rc = policy_administer(ctx->subject, err);
    json_t *o;

    if (rc == SP_OK && (ins = api_instrument_of(ctx, err)) == NULL)
        rc = SP_NOT_FOUND;
    if (rc == SP_OK)
        rc = api_instrument_text_load(ctx->store, ctx->arena, ctx->body, ins->id, ctx->now, &ins,
                                      &language, &replaced, err);
    if (rc != SP_OK)
        return rc;
    api_audit(ctx, 0, "instruments_load");
    snprintf(location, sizeof location, "/api/v1/instruments/%s?lang=%s", ins->id, language);
    ctx->status = replaced ? 200 : 201;
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    o = text_meta(ctx->body, language, false);
    json_object_del(o, "requested_language");
    json_object_del(o, "translation_missing");
    api_put(&o, "instrument", json_string(ins->id));
    api_put(&o, "replaced", json_boolean(replaced));
    return api_answer(ctx, o, err);
}
