/* Teams, for administrators (docs/security-model.md): a team is the staff of one project in one
 * of its municipalities. No citizen data here.
 *   GET  /api/v1/teams?project=ID          teams by id, paged, each with its members
 *   POST /api/v1/teams                     {project_id, municipality_code, name} → 201
 *   POST /api/v1/teams/{id}/members        {user_id, member: true|false} → 200
 * `samspor team add` makes a team with the same rule (api_team_add). */
#include <inttypes.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

enum sp_code api_team_add(struct store *st, struct sp_arena *arena, struct team *t,
                          struct sp_err *err)
{
    struct project *p = sp_arena_alloc(arena, sizeof *p);
    struct organisation org;
    bool in_project = false;
    enum sp_code rc = store_project_get(st, arena, t->project_id, p, err);

    if (rc == SP_NOT_FOUND)
        return sp_err_invalid(err, "/project_id", SP_R_NO_SUCH_RECORD,
                              "There is no project with this id.");
    if (rc == SP_OK)
        rc = store_organisation_get(st, arena, t->municipality_code, &org, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && strcmp(org.kind, "municipality") != 0))
        return sp_err_invalid(err, "/municipality_code", SP_R_UNKNOWN_MUNICIPALITY,
                              "This is not a municipality code.");
    for (size_t i = 0; rc == SP_OK && i < p->municipality_count && !in_project; i++)
        in_project = strcmp(p->municipalities[i].code, t->municipality_code) == 0;
    if (rc == SP_OK && !in_project)
        return sp_err_invalid(err, "/municipality_code", SP_R_MUNICIPALITY_NOT_IN_PROJECT,
                              "The project does not run in this municipality.");
    if (rc == SP_OK)
        rc = store_team_create(st, t, err);
    if (rc == SP_CONFLICT) {
        sp_err_set(err, SP_CONFLICT, "/municipality_code",
                   "The project already has a team in this municipality.");
        return sp_err_reason(err, SP_R_TAKEN);
    }
    return rc;
}

static json_t *team_json(const struct team *t, const struct team_member *members, size_t count)
{
    json_t *list = json_array();

    for (size_t i = 0; i < count; i++)
        api_push(&list, api_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)members[i].user_id,
                                 "username", members[i].username, "display_name",
                                 members[i].display_name, "disabled", members[i].disabled));
    return api_pack("{s:I, s:I, s:s, s:s, s:o}", "id", (json_int_t)t->id, "project_id",
                    (json_int_t)t->project_id, "municipality_code", t->municipality_code, "name",
                    t->name, "members", list);
}

/* GET /api/v1/teams takes this besides limit and cursor. */
static const char *const TEAM_LIST_PARAMS[] = {"project", NULL};

enum sp_code api_teams_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct store_page page;
    struct team *items = NULL;
    size_t count = 0;
    bool more = false;
    int64_t project_id = 0;
    json_t *array;
    enum sp_code rc = policy_administer(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, TEAM_LIST_PARAMS, &page, err);
    if (rc == SP_OK)
        rc = api_get_query_id(ctx->conn, ctx->query, "project", &project_id, err);
    if (rc == SP_OK)
        rc = store_team_list(ctx->store, ctx->arena, project_id, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        struct team_member *members = NULL;
        size_t member_count = 0;

        rc = store_team_members(ctx->store, ctx->arena, items[i].id, &members, &member_count, err);
        if (rc == SP_OK)
            api_push(&array, team_json(&items[i], members, member_count));
    }
    if (rc != SP_OK) {
        json_decref(array);
        return rc;
    }
    return api_answer(ctx, api_list_reply(array, more, count ? items[count - 1].id : 0), err);
}

enum sp_code api_teams_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"project_id", "municipality_code", "name", NULL};
    struct team t = {0};
    enum sp_code rc = policy_administer(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "project_id", true, 1, INT64_MAX, &t.project_id, NULL, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "municipality_code", true, 1, 4, ctx->arena,
                          &t.municipality_code, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "name", true, 1, 200, ctx->arena, &t.name, err);
    if (rc == SP_OK)
        rc = api_team_add(ctx->store, ctx->arena, &t, err);
    if (rc != SP_OK)
        return rc;
    api_audit(ctx, 0, "team_add");
    ctx->status = 201;
    return api_answer(ctx, team_json(&t, NULL, 0), err);
}

enum sp_code api_team_members_set(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"user_id", "member", NULL};
    struct team t;
    struct user u;
    int64_t user_id = 0;
    bool member = true;
    enum sp_code rc = policy_administer(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "user_id", true, 1, INT64_MAX, &user_id, NULL, err);
    if (rc == SP_OK)
        rc = api_get_bool(ctx->body, "member", true, &member, err);
    if (rc == SP_OK)
        rc = store_team_get(ctx->store, ctx->arena, ctx->id, &t, err);
    if (rc == SP_OK) {
        rc = store_user_get(ctx->store, ctx->arena, user_id, &u, err);
        if (rc == SP_NOT_FOUND) /* only then: a storage failure is not the caller's mistake */
            rc = sp_err_invalid(err, "/user_id", SP_R_NO_SUCH_RECORD,
                                "There is no user with this id.");
    }
    if (rc == SP_OK)
        rc = member ? store_team_member_add(ctx->store, t.id, user_id, err)
                    : store_team_member_remove(ctx->store, t.id, user_id, err);
    if (rc != SP_OK)
        return rc;
    api_audit(ctx, 0, member ? "team_member_add" : "team_member_remove");
    return api_answer(ctx,
                      api_pack("{s:I, s:I, s:b}", "team_id", (json_int_t)t.id, "user_id",
                               (json_int_t)user_id, "member", member),
                      err);
}
