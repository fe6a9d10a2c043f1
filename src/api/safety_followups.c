/* What was done after a PHQ-9 whose item 9 was answered 1 or more (docs/sources.md#mii: "any
 * positive response requires clinical evaluation"). One dated on or after that assessment clears
 * the caseload's safety flag. Health staff on the team only.
 *   GET  /api/v1/enrolments/{id}/safety-followups  oldest first, paged (limit, cursor)
 *   POST /api/v1/enrolments/{id}/safety-followups  {date, action, note, assessment_id?} → 201;
 *        action: risk_assessed, safety_plan, referred_acute or contact_attempted */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/caseload.h"
#include "policy/policy.h"

static json_t *followup_json(const struct safety_followup *f)
{
    json_t *o =
        api_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)f->id, "enrolment_id",
                 (json_int_t)f->enrolment_id, "date", f->date, "action", f->action, "note", f->note,
                 "recorded_by", api_user_ref(f->recorded_by, f->recorded_by_name), "recorded_at",
                 f->recorded_at);

    if (f->assessment_id > 0)
        api_put(&o, "assessment_id", json_integer(f->assessment_id));
    return o;
}

enum sp_code api_safety_followups_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct safety_followup *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_treatment_gate(ctx, "read", err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_safety_list(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, followup_json(&items[i]));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

/* assessment_id, when given, must name one of this enrolment's PHQ-9s with item 9 answered 1
 * or more, taken on or before the follow-up's date (what the follow-up answers). */
static enum sp_code check_assessment(struct api_ctx *ctx, int64_t id, const char *date,
                                     struct sp_err *err)
{
    struct assessment a;
    enum sp_code rc = store_assessment_get(ctx->store, ctx->arena, id, &a, err);

    if (rc == SP_NOT_FOUND || (rc == SP_OK && a.enrolment_id != ctx->id))
        return sp_err_invalid(err, "/assessment_id", SP_R_NO_SUCH_RECORD,
                              "This enrolment has no such assessment.");
    if (rc == SP_OK && (strcmp(a.instrument, "phq9") != 0 || a.item9 < 1))
        return sp_err_invalid(err, "/assessment_id", SP_R_NOT_ITEM9_ASSESSMENT,
                              "Name the PHQ-9 whose item 9 called for this follow-up.");
    if (rc == SP_OK && strcmp(a.date, date) > 0)
        return sp_err_invalid(err, "/date", SP_R_DATE_BEFORE_ASSESSMENT,
                              "A follow-up cannot come before the assessment it answers.");
    return rc;
}

enum sp_code api_safety_followups_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"date", "action", "note", "assessment_id", NULL};
    struct safety_followup f = {0};
    struct core_date date;
    bool known = false;
    bool has_assessment = false;
    enum sp_code rc = api_treatment_gate(ctx, "safety_followup", err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &f.date, &date, err);
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_SAFETY_FOLLOWUP, date, "/date", err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "action", true, 1, 32, ctx->arena, &f.action, err);
    for (size_t i = 0; rc == SP_OK && i < CORE_SAFETY_ACTION_COUNT; i++)
        known = known || strcmp(f.action, core_safety_actions[i]) == 0;
    if (rc == SP_OK && !known)
        rc = api_one_of("/action", core_safety_actions, CORE_SAFETY_ACTION_COUNT, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "note", true, 1, 10000, ctx->arena, &f.note, err);
    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "assessment_id", false, 1, INT64_MAX, &f.assessment_id,
                         &has_assessment, err);
    if (rc == SP_OK && has_assessment)
        rc = check_assessment(ctx, f.assessment_id, f.date, err);
    if (rc != SP_OK)
        return rc;
    f.enrolment_id = ctx->id;
    f.recorded_by = ctx->subject->user->id;
    f.recorded_by_name = ctx->subject->user->display_name;
    f.recorded_at = ctx->now;
    rc = api_take_on_caseload(ctx, err);
    if (rc == SP_OK)
        rc = store_safety_add(ctx->store, &f, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, followup_json(&f), err);
}
