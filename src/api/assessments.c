/* Questionnaires answered in an enrolment (health detail: health staff on the team only).
 *   GET  /api/v1/enrolments/{id}/assessments  every assessment, oldest first and paged,
 *                                             corrected ones included (current: false), and the
 *                                             baseline of each instrument: its first current
 *                                             assessment
 *   POST /api/v1/enrolments/{id}/assessments  {instrument, date, items, occasion?, corrects?,
 *                                             reason?} → 201 with the computed score. A
 *                                             correction is a new row naming the one it
 *                                             replaces (with a reason); nothing is overwritten. */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/instrument.h"
#include "policy/policy.h"

static const char *const occasions[] = {"screening", "treatment", "followup"};

static json_t *assessment_json(const struct assessment *a)
{
    json_t *answers = json_loads(a->answers, 0, NULL);
    json_t *result = json_loads(a->result, 0, NULL);
    json_t *o = api_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:o, s:i, s:o, s:o, s:o, s:s, s:b}", "id", (json_int_t)a->id,
        "enrolment_id", (json_int_t)a->enrolment_id, "instrument", a->instrument, "occasion",
        a->occasion, "date", a->date, "items", answers ? answers : json_array(), "total", a->total,
        "band", a->band ? json_string(a->band) : json_null(), "flags", api_codes_json(a->flags),
        "administered_by", api_user_ref(a->administered_by, a->administered_by_name), "recorded_at",
        a->recorded_at, "current", a->replaced_by == 0);

    api_put(&o, "result", result ? result : json_object());
    if (a->corrects > 0)
        api_put(&o, "corrects", json_integer(a->corrects));
    if (a->replaced_by > 0)
        api_put(&o, "replaced_by", json_integer(a->replaced_by));
    if (a->reason != NULL)
        api_put(&o, "reason", json_string(a->reason));
    return o;
}

enum sp_code api_assessments_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct assessment *items = NULL;
    struct store_baseline *firsts = NULL;
    struct store_page page;
    size_t count = 0;
    size_t nfirsts = 0;
    bool more = false;
    json_t *list;
    json_t *baseline;
    json_t *reply;
    enum sp_code rc = api_treatment_gate(ctx, "read", err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_assessment_list(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more,
                                   err);
    /* Issue 5: the baseline of each questionnaire is its first assessment in the enrolment (a
     * corrected first assessment is replaced by its correction, which may sort later), over the
     * whole history whichever page this is. */
    if (rc == SP_OK)
        rc = store_assessment_baselines(ctx->store, ctx->arena, ctx->id, &firsts, &nfirsts, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    baseline = json_object();
    for (size_t i = 0; i < count; i++)
        api_push(&list, assessment_json(&items[i]));
    for (size_t i = 0; i < nfirsts; i++)
        api_put(&baseline, firsts[i].instrument, json_integer(firsts[i].id));
    reply = api_list_reply(list, more, count ? items[count - 1].id : 0);
    api_put(&reply, "baseline", baseline);
    return api_answer(ctx, reply, err);
}

/* The row a correction replaces: this enrolment's, current, and of the same instrument. */
static enum sp_code check_corrected(struct api_ctx *ctx, int64_t id, const char *instrument,
                                    struct sp_err *err)
{
    struct assessment old;
    enum sp_code rc = store_assessment_get(ctx->store, ctx->arena, id, &old, err);

    if (rc == SP_NOT_FOUND || (rc == SP_OK && old.enrolment_id != ctx->id))
        return sp_err_invalid(err, "/corrects", SP_R_NO_SUCH_RECORD,
                              "This enrolment has no such assessment.");
    if (rc == SP_OK && old.replaced_by != 0) {
        sp_err_set(err, SP_CONFLICT, "/corrects",
                   "That assessment was corrected already: correct the newest version.");
        return sp_err_reason(err, SP_R_ALREADY_CORRECTED);
    }
    if (rc == SP_OK && strcmp(old.instrument, instrument) != 0)
        return sp_err_invalid(
            err, "/instrument", SP_R_CORRECTION_CHANGES_INSTRUMENT,
            "A correction keeps the questionnaire of the assessment it corrects.");
    return rc;
}

static enum sp_code read_occasion(struct api_ctx *ctx, struct assessment *a, struct sp_err *err)
{
    enum sp_code rc =
        api_get_string(ctx->body, "occasion", false, 1, 16, ctx->arena, &a->occasion, err);

    if (rc != SP_OK)
        return rc;
    if (a->occasion == NULL) {
        a->occasion = "treatment";
        return SP_OK;
    }
    for (size_t i = 0; i < sizeof occasions / sizeof occasions[0]; i++)
        if (strcmp(a->occasion, occasions[i]) == 0)
            return SP_OK;
    return api_one_of("/occasion", occasions, sizeof occasions / sizeof occasions[0], err);
}

/* The score's flag names, comma-separated, in the arena. */
static const char *score_flags(struct sp_arena *arena, const struct core_score *score)
{
    const char *names[sizeof score->flags * 8];
    size_t count = 0;

    for (unsigned bit = 1; bit < CORE_FLAG__END; bit <<= 1)
        if (score->flags & bit)
            names[count++] = core_score_flag_name(bit);
    return api_codes_join(arena, names, count);
}

enum sp_code api_assessment_set_score(struct sp_arena *arena, const struct core_score *score,
                                      struct assessment *a, struct sp_err *err)
{
    json_t *result = api_score_json(score);
    char *text = result ? json_dumps(result, JSON_COMPACT) : NULL;
    enum sp_code rc =
        text ? SP_OK : sp_err_set(err, SP_INTERNAL, "", "The score could not be written.");

    if (rc == SP_OK) {
        a->flags = score_flags(arena, score);
        a->total = score->total;
        a->band = score->band ? score->band->code : NULL;
        a->result = sp_arena_strndup(arena, text, strlen(text));
        a->item9 = strcmp(score->instrument->id, "phq9") == 0 ? score->scored[8] : -1;
    }
    free(text);
    json_decref(result);
    return rc;
}

enum sp_code api_assessments_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"instrument", "date",   "items", "occasion",
                                          "corrects",   "reason", NULL};
    struct assessment a = {0};
    const struct core_instrument *ins = NULL;
    struct core_date date;
    int answers[CORE_ANSWERS_MAX + 1];
    size_t count = 0;
    struct core_score score;
    bool has_corrects = false;
    enum sp_code rc = api_treatment_gate(ctx, "assessment", err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "instrument", true, 1, 16, ctx->arena, &a.instrument, err);
    if (rc == SP_OK && (ins = core_instrument_find(a.instrument)) == NULL)
        rc = core_instrument_unknown("/instrument", err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &a.date, &date, err);
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_ASSESSMENT, date, "/date", err);
    if (rc == SP_OK)
        rc = read_occasion(ctx, &a, err);
    if (rc == SP_OK)
        rc = api_answers_parse(ctx->body, ins, ctx->arena, answers, &count, &a.answers, err);
    if (rc == SP_OK)
        rc = core_instrument_score(ins, answers, count, &score, err);
    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "corrects", false, 1, INT64_MAX, &a.corrects, &has_corrects,
                         err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "reason", has_corrects, 1, 500, ctx->arena, &a.reason, err);
    if (rc == SP_OK && !has_corrects && a.reason != NULL)
        rc = sp_err_invalid(err, "/reason", SP_R_ONLY_WITH_CORRECTION,
                            "A reason goes with a correction only.");
    if (rc == SP_OK && has_corrects)
        rc = check_corrected(ctx, a.corrects, a.instrument, err);
    if (rc == SP_OK)
        rc = api_assessment_set_score(ctx->arena, &score, &a, err);
    if (rc != SP_OK)
        return rc;
    a.enrolment_id = ctx->id;
    a.administered_by = ctx->subject->user->id;
    a.administered_by_name = ctx->subject->user->display_name;
    a.recorded_at = ctx->now;
    rc = api_take_on_caseload(ctx, err);
    if (rc == SP_OK)
        rc = store_assessment_add(ctx->store, &a, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, assessment_json(&a), err);
}
