/* The people on an enrolment's team: whom a case review's task, and later the joint plan's, can
 * go to.
 *   GET /api/v1/enrolments/{id}/team  {items: [{id, name, roles}], next_cursor}, by name and
 *                                     paged: every case role on the team may ask (the same rule
 *                                     as reading the enrolment) */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

enum sp_code api_enrolment_list_gate(struct api_ctx *ctx, struct store_page *page,
                                     struct sp_err *err)
{
    int64_t citizen_id = 0;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, NULL, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, page, err);
    return rc;
}

enum sp_code api_enrolment_team_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct team_person *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_enrolment_list_gate(ctx, &page, err);

    if (rc == SP_OK)
        rc = store_enrolment_team_people(ctx->store, ctx->arena, ctx->id, &page, &items, &count,
                                         &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++) {
        json_t *person = api_user_ref(items[i].user_id, items[i].display_name);

        api_put(&person, "roles", api_codes_json(items[i].roles));
        api_push(&list, person);
    }
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].user_id : 0), err);
}
