/* The coordinator (tovholder) of an enrolment: one named member of its team who holds the joint
 * plan together (Socialstyrelsen's cooperation model; docs/api-contract.md "Joint plan: goals and
 * coordinator").
 *   GET /api/v1/enrolments/{id}/coordinator  {coordinator: {id, name} | null, since, history}
 *   PUT /api/v1/enrolments/{id}/coordinator  {user_id: <id> | null} → 200, the same shape
 * The enrolment's team reads and sets it (the rule for changing the enrolment); the coordinator
 * must be an enabled member of that team (422 coordinator_not_on_team). The history says who held
 * the role when, newest first. */
#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

static json_t *person_or_null(int64_t id, const char *name)
{
    return id > 0 ? api_user_ref(id, name) : json_null();
}

static enum sp_code reply_coordinator(struct api_ctx *ctx, struct sp_err *err)
{
    struct coordinator *items = NULL;
    size_t count = 0;
    json_t *history;
    enum sp_code rc =
        store_coordinator_history(ctx->store, ctx->arena, ctx->id, &items, &count, err);

    if (rc != SP_OK)
        return rc;
    history = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&history, api_pack("{s:o, s:o, s:s}", "coordinator",
                                    person_or_null(items[i].user_id, items[i].user_name), "set_by",
                                    api_user_ref(items[i].set_by, items[i].set_by_name), "set_at",
                                    items[i].set_at));
    return api_answer(
        ctx,
        api_pack("{s:o, s:s*, s:o}", "coordinator",
                 count ? person_or_null(items[0].user_id, items[0].user_name) : json_null(),
                 "since", count && items[0].user_id > 0 ? items[0].set_at : NULL, "history",
                 history),
        err);
}

enum sp_code api_coordinator_get(struct api_ctx *ctx, struct sp_err *err)
{
    int64_t citizen_id = 0;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, NULL, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc != SP_OK)
        return rc;
    return reply_coordinator(ctx, err);
}

enum sp_code api_coordinator_put(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"user_id", NULL};
    const json_t *v = json_object_get(ctx->body, "user_id");
    int64_t citizen_id = 0;
    int64_t user_id = 0;
    bool on_team = false;
    bool changed = false;
    enum sp_code rc =
        policy_enrolment_write(ctx->subject, ctx->store, ctx->arena, ctx->id, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "update");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK && v == NULL)
        rc = sp_err_invalid(err, "/user_id", SP_R_REQUIRED, "Give a user id, or null for nobody.");
    if (rc == SP_OK && !json_is_null(v))
        rc = api_get_int(ctx->body, "user_id", true, 1, INT64_MAX, &user_id, NULL, err);
    if (rc == SP_OK && user_id > 0)
        rc = store_enrolment_team_has(ctx->store, ctx->id, user_id, &on_team, err);
    if (rc == SP_OK && user_id > 0 && !on_team)
        rc = sp_err_invalid(err, "/user_id", SP_R_COORDINATOR_NOT_ON_TEAM,
                            "The coordinator is a member of the enrolment's team.");
    if (rc == SP_OK)
        rc = store_coordinator_set(ctx->store, ctx->id, user_id, ctx->subject->user->id, ctx->now,
                                   &changed, err);
    if (rc != SP_OK)
        return rc;
    return reply_coordinator(ctx, err);
}
