/* The treatment plan of an enrolment (health detail: health staff on the team only).
 *   GET /api/v1/enrolments/{id}/treatment-plan  the plan with ETag; 404 before one is written
 *   PUT /api/v1/enrolments/{id}/treatment-plan  {start_date, focus, modality, target,
 *                                               aftercare_from?}: creates the plan, or with
 *                                               If-Match changes it (412 when stale) */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

static const char *const modalities[] = {"cbt", "problem_solving", "psychoeducation",
                                         "behavioural_activation", "other"};

static json_t *plan_json(const struct treatment_plan *p)
{
    return api_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:s, s:s*}", "enrolment_id",
                    (json_int_t)p->enrolment_id, "start_date", p->start_date, "focus", p->focus,
                    "modality", p->modality, "target", p->target, "version", (json_int_t)p->version,
                    "updated_by", api_user_ref(p->updated_by, p->updated_by_name), "updated_at",
                    p->updated_at, "aftercare_from", p->aftercare_from);
}

enum sp_code api_treatment_plan_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct treatment_plan p;
    enum sp_code rc = api_treatment_gate(ctx, "read", err);

    if (rc == SP_OK)
        rc = store_plan_get(ctx->store, ctx->arena, ctx->id, &p, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = p.version;
    return api_answer(ctx, plan_json(&p), err);
}

static enum sp_code read_modality(struct api_ctx *ctx, struct treatment_plan *p, struct sp_err *err)
{
    enum sp_code rc =
        api_get_string(ctx->body, "modality", true, 1, 32, ctx->arena, &p->modality, err);

    for (size_t i = 0; rc == SP_OK && i < sizeof modalities / sizeof modalities[0]; i++)
        if (strcmp(p->modality, modalities[i]) == 0)
            return SP_OK;
    return rc != SP_OK
               ? rc
               : api_one_of("/modality", modalities, sizeof modalities / sizeof modalities[0], err);
}

enum sp_code api_treatment_plan_put(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"start_date", "focus",          "modality",
                                          "target",     "aftercare_from", NULL};
    struct treatment_plan p = {0};
    struct core_date start;
    struct core_date aftercare;
    enum sp_code rc = api_treatment_gate(ctx, "treatment_plan", err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "start_date", true, ctx->arena, &p.start_date, &start, err);
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_PLAN_START, start, "/start_date", err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "focus", true, 1, 2000, ctx->arena, &p.focus, err);
    if (rc == SP_OK)
        rc = read_modality(ctx, &p, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "target", true, 1, 2000, ctx->arena, &p.target, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "aftercare_from", false, ctx->arena, &p.aftercare_from,
                          &aftercare, err);
    if (rc == SP_OK && p.aftercare_from != NULL)
        rc = core_date_check(DATE_KIND_AFTERCARE_FROM, aftercare,
                             &(struct core_date_facts){.today = ctx->today, .start = &start},
                             "/aftercare_from", err);
    if (rc != SP_OK)
        return rc;
    p.enrolment_id = ctx->id;
    p.updated_by = ctx->subject->user->id;
    p.updated_by_name = ctx->subject->user->display_name;
    p.updated_at = ctx->now;
    rc = api_take_on_caseload(ctx, err);
    if (rc == SP_OK)
        rc = store_plan_put(ctx->store, &p, ctx->has_if_match ? ctx->if_match : 0, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = p.version == 1 ? 201 : 200;
    ctx->etag_version = p.version;
    return api_answer(ctx, plan_json(&p), err);
}
