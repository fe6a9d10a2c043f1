/* Consents of a young person, per enrolment (docs/security-model.md; sundhedsloven § 43,
 * docs/sources.md). The history is kept: the newest row of a scope is in force, so a
 * withdrawal takes effect on the very next request.
 *   GET  /api/v1/enrolments/{id}/consents   the history, oldest first and paged, and what is in
 *                                           force
 *   POST /api/v1/enrolments/{id}/consents   {scope, given, date} → 201 */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

static const char *const scopes[] = {"health_summary_to_municipality", "employment_to_health",
                                     "research_use"};

static json_t *consent_json(const struct consent *c)
{
    return api_pack("{s:I, s:s, s:b, s:s, s:I, s:s, s:s}", "id", (json_int_t)c->id, "scope",
                    c->scope, "given", c->given, "date", c->date, "recorded_by",
                    (json_int_t)c->recorded_by, "recorded_by_name",
                    c->recorded_by_name ? c->recorded_by_name : "", "recorded_at", c->recorded_at);
}

static enum sp_code allowed_here(struct api_ctx *ctx, bool write, struct sp_err *err)
{
    int64_t citizen_id = 0;
    enum sp_code rc = write ? policy_enrolment_write(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                                     &citizen_id, err)
                            : policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                                    &citizen_id, NULL, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, write ? "consent" : "read");
    return rc;
}

enum sp_code api_consents_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct consent *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    bool given[sizeof scopes / sizeof scopes[0]] = {false};
    json_t *history;
    json_t *in_force;
    json_t *reply;
    enum sp_code rc = allowed_here(ctx, false, err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_consent_list(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more, err);
    /* What is in force comes from the whole history, whichever page this is. */
    for (size_t s = 0; rc == SP_OK && s < sizeof scopes / sizeof scopes[0]; s++)
        rc = store_consent_in_force(ctx->store, ctx->id, scopes[s], &given[s], err);
    if (rc != SP_OK)
        return rc;
    history = json_array();
    in_force = json_object();
    for (size_t s = 0; s < sizeof scopes / sizeof scopes[0]; s++)
        api_put(&in_force, scopes[s], json_boolean(given[s]));
    for (size_t i = 0; i < count; i++)
        api_push(&history, consent_json(&items[i]));
    reply = api_list_reply(history, more, count ? items[count - 1].id : 0);
    api_put(&reply, "in_force", in_force);
    return api_answer(ctx, reply, err);
}

enum sp_code api_consents_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"scope", "given", "date", NULL};
    struct consent c = {0};
    struct core_date date;
    bool known = false;
    enum sp_code rc = allowed_here(ctx, true, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "scope", true, 1, 64, ctx->arena, &c.scope, err);
    for (size_t s = 0; rc == SP_OK && s < sizeof scopes / sizeof scopes[0]; s++)
        known = known || strcmp(c.scope, scopes[s]) == 0;
    if (rc == SP_OK && !known)
        rc = api_one_of("/scope", scopes, sizeof scopes / sizeof scopes[0], err);
    if (rc == SP_OK)
        rc = api_get_bool(ctx->body, "given", true, &c.given, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &c.date, &date, err);
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_CONSENT, date, "/date", err);
    if (rc != SP_OK)
        return rc;
    c.enrolment_id = ctx->id;
    c.recorded_by = ctx->subject->user->id;
    c.recorded_by_name = ctx->subject->user->display_name;
    c.recorded_at = ctx->now;
    rc = store_consent_add(ctx->store, &c, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, consent_json(&c), err);
}
