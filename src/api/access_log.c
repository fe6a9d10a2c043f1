/* GET /api/v1/citizens/{id}/access-log?limit=&cursor=
 * Who has seen or changed this citizen's record, when, and for what purpose — the young
 * person's "who has looked at my data", as sundhed.dk's Min Log (Datatilsynet's practice since
 * 2024, docs/sources.md#datatilsynet-2024). For the citizen's team; newest first. What of an event
 * a reader sees is policy/'s (policy_access_log_view): health activity reaches municipal staff at
 * most as a generic row, and not at all without the summary consent; employment activity reaches
 * health staff the same way under employment_to_health; only health staff see a route (which
 * health record), on health events. */
#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

static json_t *event_json(const struct audit_event *e, enum policy_log_row shown, bool route)
{
    if (shown == POLICY_LOG_GENERIC)
        return api_pack("{s:I, s:s, s:s, s:s, s:s}", "seq", (json_int_t)e->seq, "time", e->time,
                        "action", policy_access_log_generic_action(e->purpose), "purpose",
                        e->purpose, "sector", policy_role_sector(e->role));
    return api_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s*, s:s*, s:s*, s:s*}", "seq",
                    (json_int_t)e->seq, "time", e->time, "action", e->action, "purpose", e->purpose,
                    "outcome", e->outcome, "sector", policy_role_sector(e->role), "username",
                    e->username, "name", e->display_name, "role", e->role, "route",
                    route ? e->route : NULL);
}

enum sp_code api_access_log_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct policy_access_log_view view;
    struct store_page page;
    struct audit_event *items = NULL;
    size_t count = 0;
    bool more = false;
    json_t *array;
    enum sp_code rc;

    api_audit(ctx, ctx->id, "read_access_log");
    rc = policy_access_log_view(ctx->subject, ctx->store, ctx->arena, ctx->id, &view, err);
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    /* The events not shown are left out by the query, so pages stay full and the cursor is the
     * seq of the last row. */
    if (rc == SP_OK)
        rc = store_audit_list_citizen(ctx->store, ctx->arena, ctx->id, view.skip_purposes,
                                      view.skip_count, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++) {
        enum policy_log_row shown = policy_access_log_row(&view, items[i].purpose);

        if (shown != POLICY_LOG_HIDDEN) /* never: the query left them out */
            api_push(&array, event_json(&items[i], shown,
                                        policy_access_log_route(&view, items[i].purpose)));
    }
    return api_answer(ctx, api_list_reply(array, more, count ? items[count - 1].seq : 0), err);
}
