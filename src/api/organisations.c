/* GET /api/v1/organisations?kind=region|municipality&region=CODE&limit=&cursor=
 * The 5 regions and 98 municipalities (reference data, docs/sources.md [S13b], [S16], [S16f]). */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "base/parse.h"
#include "policy/policy.h"

static json_t *organisation_json(const struct organisation *o)
{
    return api_pack("{s:s, s:s, s:s, s:s, s:s*, s:s*}", "code", o->code, "kind", o->kind, "name",
                    o->name, "valid_from", o->valid_from, "region_code", o->region_code, "valid_to",
                    o->valid_to);
}

enum sp_code api_organisations_list(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"kind", "region", NULL};
    struct store_org_filter filter = {.kind = ctx->query(ctx->conn, "kind"),
                                      .region_code = ctx->query(ctx->conn, "region")};
    struct store_page page;
    struct organisation *items = NULL;
    size_t count = 0;
    bool more = false;
    int64_t last = 0;
    enum sp_code rc = policy_signed_in(ctx->subject, err);
    json_t *array;

    if (rc == SP_OK && filter.kind != NULL && strcmp(filter.kind, "region") != 0 &&
        strcmp(filter.kind, "municipality") != 0)
        rc = api_one_of("kind", (const char *const[]){"region", "municipality"}, 2, err);
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, params, &page, err);
    if (rc == SP_OK)
        rc = store_organisation_list(api_stale_store(ctx), ctx->arena, &filter, &page, &items,
                                     &count, &more, err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&array, organisation_json(&items[i]));
    if (count > 0 && !sp_parse_i64(items[count - 1].code, strlen(items[count - 1].code), &last))
        last = 0; /* reference codes are digits (0002_reference_data.sql) */
    return api_answer(ctx, api_list_reply(array, more, last), err);
}
