/* GET /api/v1/citizens/{id}/access-log?limit=&cursor=
 * Who has seen or changed this citizen's record, when, and for what purpose — the young
 * person's "who has looked at my data", as sundhed.dk's Min Log (Datatilsynet's practice since
 * 2024, DOMAIN.md Part B §5.3). For the citizen's team; newest first. */
#include "api/api.h"
#include "api/validate.h"
#include "policy/policy.h"

static json_t *event_json(const struct audit_event *e)
{
    json_t *obj = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "seq", (json_int_t)e->seq, "time",
                            e->time, "action", e->action, "purpose", e->purpose, "outcome",
                            e->outcome, "route", e->route);

    api_set_string(obj, "username", e->username);
    api_set_string(obj, "role", e->role);
    return obj;
}

enum sp_code api_access_log_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct policy_citizen_view view;
    struct store_page page;
    struct audit_event *items = NULL;
    size_t count = 0;
    bool more = false;
    json_t *array;
    enum sp_code rc;

    api_audit(ctx, ctx->id, "read_access_log");
    rc = policy_citizen_read(ctx->subject, ctx->store, ctx->arena, ctx->id, &view, err);
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_audit_list_citizen(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more,
                                      err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(array, event_json(&items[i]));
    ctx->reply = api_list_reply(array, more, count ? items[count - 1].seq : 0);
    return SP_OK;
}
