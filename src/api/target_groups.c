/* GET /api/v1/target-groups: the benefit groups a project can take people from (reference data,
 * migrations/0002_reference_data.sql, each with the rule it rests on). A short table fixed by law,
 * answered whole in one page. */
#include "api/api.h"
#include "api/validate.h"
#include "policy/policy.h"

static json_t *target_group_json(const struct target_group *g)
{
    json_t *obj =
        json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", g->code, "name_da", g->name_da, "name_en",
                  g->name_en, "legal_ref", g->legal_ref, "valid_from", g->valid_from);

    api_set_string(obj, "valid_to", g->valid_to);
    return obj;
}

enum sp_code api_target_groups_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct target_group *items = NULL;
    size_t count = 0;
    enum sp_code rc = policy_signed_in(ctx->subject, err);
    json_t *array;

    if (rc == SP_OK)
        rc = store_target_group_list(ctx->store, ctx->arena, &items, &count, err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(array, target_group_json(&items[i]));
    ctx->reply = api_list_reply(array, false, 0);
    return SP_OK;
}
