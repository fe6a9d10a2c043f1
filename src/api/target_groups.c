/* GET /api/v1/target-groups
 * The employment act's target groups (LAB § 6; the list in BEK nr. 2636 af 28/12/2021 § 1) with
 * their Danish and English names and validity: a referral names one of its project's groups.
 * A fixed reference table of a few dozen rows, answered whole in one page ({items, next_cursor:
 * null}) — never cut — so it takes no paging parameters. Any signed-in user. */
#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

static json_t *target_group_json(const struct target_group *g)
{
    return api_pack("{s:s, s:s, s:s, s:s, s:s, s:s*}", "code", g->code, "name_da", g->name_da,
                    "name_en", g->name_en, "legal_ref", g->legal_ref, "valid_from", g->valid_from,
                    "valid_to", g->valid_to);
}

enum sp_code api_target_groups_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct target_group *items = NULL;
    size_t count = 0;
    enum sp_code rc = policy_signed_in(ctx->subject, err);
    json_t *array;

    if (rc == SP_OK)
        rc = store_target_group_list(api_stale_store(ctx), ctx->arena, &items, &count, err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&array, target_group_json(&items[i]));
    /* the whole table: next_cursor null */
    return api_answer(ctx, api_list_reply(array, false, 0), err);
}
