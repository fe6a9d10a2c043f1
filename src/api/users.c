/* Staff accounts, for administrators (docs/security-model.md). No citizen data here.
 *   GET   /api/v1/users?q=&role=        list (roles, teams, disabled); q: a case-insensitive part
 *                                        of the username, name or organisation; role: a code
 *   POST  /api/v1/users                 {username, display_name, organisation_code, roles,
 *                                        password, teams?} → 201
 *   PATCH /api/v1/users/{id}            {disabled?, roles?, password?} → 200; ends the user's
 *                                        sessions when disabled or given a new password
 * Teams are in teams.c. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/password.h"
#include "policy/policy.h"

static json_t *user_admin_json(const struct user *u)
{
    json_t *roles = json_array();
    json_t *teams = json_array();

    for (size_t i = 0; i < u->role_count; i++)
        api_push(&roles, json_string(u->roles[i]));
    for (size_t i = 0; i < u->team_count; i++)
        api_push(&teams, json_integer(u->teams[i].team_id));
    return api_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:o, s:I}", "id", (json_int_t)u->id, "username",
                    u->username, "display_name", u->display_name, "organisation_code",
                    u->organisation_code, "disabled", u->disabled, "roles", roles, "teams", teams,
                    "version", (json_int_t)u->version);
}

/* ?q= (1..100 characters) and ?role= (a role code) of GET /api/v1/users. */
/* SP_INVALID one_of at `field` with the nine role codes. */
static enum sp_code role_one_of(const char *field, struct sp_err *err)
{
    const char *names[USER_ROLES_MAX];

    for (unsigned i = 0; i < USER_ROLES_MAX; i++)
        names[i] = policy_role_name(1u << i);
    return api_one_of(field, names, USER_ROLES_MAX, err);
}

/* GET /api/v1/users takes these besides limit and cursor. */
static const char *const USER_LIST_PARAMS[] = {"q", "role", NULL};

static enum sp_code get_user_filter(struct api_ctx *ctx, struct store_user_filter *filter,
                                    struct sp_err *err)
{
    enum sp_code rc = api_get_query_text(ctx->conn, ctx->query, "q", 1, 100, &filter->text, err);

    if (rc == SP_OK)
        rc = api_get_query_text(ctx->conn, ctx->query, "role", 1, 40, &filter->role, err);
    if (rc == SP_OK && filter->role != NULL && !policy_role_valid(filter->role))
        rc = role_one_of("role", err);
    return rc;
}

enum sp_code api_users_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct store_user_filter filter = {0};
    struct store_page page;
    struct user *items = NULL;
    size_t count = 0;
    bool more = false;
    json_t *array;
    enum sp_code rc = policy_administer(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, USER_LIST_PARAMS, &page, err);
    if (rc == SP_OK)
        rc = get_user_filter(ctx, &filter, err);
    if (rc == SP_OK)
        rc = store_user_list(ctx->store, ctx->arena, &filter, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&array, user_admin_json(&items[i]));
    return api_answer(ctx, api_list_reply(array, more, count ? items[count - 1].id : 0), err);
}

/* roles: 1..9 known role codes, no repeats. */
static enum sp_code get_roles(struct api_ctx *ctx, const char **roles, size_t *count,
                              struct sp_err *err)
{
    json_t *arr = json_object_get(ctx->body, "roles");
    size_t i;
    json_t *v;

    *count = 0;
    if (arr == NULL)
        return sp_err_invalid(err, "/roles", SP_R_REQUIRED, "Give a list of 1 to 9 roles.");
    if (!json_is_array(arr))
        return api_wrong_type("/roles", "array", err);
    if (json_array_size(arr) < 1 || json_array_size(arr) > USER_ROLES_MAX) {
        sp_err_invalid(err, "/roles", SP_R_COUNT, "Give a list of 1 to 9 roles.");
        return sp_err_range(err, 1, USER_ROLES_MAX);
    }
    json_array_foreach(arr, i, v) {
        char field[32];

        snprintf(field, sizeof field, "/roles/%zu", i);
        if (!json_is_string(v) || !policy_role_valid(json_string_value(v)))
            return role_one_of(field, err);
        for (size_t j = 0; j < *count; j++)
            if (strcmp(roles[j], json_string_value(v)) == 0)
                return sp_err_invalid(err, field, SP_R_REPEATED, "This role is repeated.");
        roles[(*count)++] =
            sp_arena_strndup(ctx->arena, json_string_value(v), json_string_length(v));
    }
    return SP_OK;
}

static enum sp_code hash_password(struct api_ctx *ctx, const char *username, const char **hash,
                                  struct sp_err *err)
{
    const char *password = NULL;
    char buf[SP_PASSWORD_HASH_MAX];
    enum sp_code rc =
        api_get_string(ctx->body, "password", false, 1, 1024, ctx->arena, &password, err);

    *hash = NULL;
    if (rc != SP_OK || password == NULL)
        return rc;
    rc = core_password_acceptable(password, username, err);
    if (rc == SP_OK && !sp_crypto_password_hash(password, buf))
        rc = sp_err_set(err, SP_INTERNAL, "", "The password could not be hashed.");
    if (rc == SP_OK)
        *hash = sp_arena_strndup(ctx->arena, buf, strlen(buf));
    return rc;
}

enum sp_code api_users_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"username", "display_name", "organisation_code",
                                          "roles",    "password",     NULL};
    const char *roles[USER_ROLES_MAX];
    struct store_user_new u = {.roles = roles};
    struct organisation org;
    struct user created;
    char location[64];
    int64_t id = 0;
    enum sp_code rc = policy_administer(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "username", true, 3, 100, ctx->arena, &u.username, err);
    if (rc == SP_OK && !core_username_valid(u.username))
        rc = sp_err_invalid(err, "/username", SP_R_USERNAME_FORMAT,
                            "Use lower-case letters, digits, '.', '-' and '_'.");
    if (rc == SP_OK)
        rc =
            api_get_line(ctx->body, "display_name", true, 1, 200, ctx->arena, &u.display_name, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "organisation_code", true, 3, 4, ctx->arena,
                          &u.organisation_code, err);
    if (rc == SP_OK) {
        rc = store_organisation_get(ctx->store, ctx->arena, u.organisation_code, &org, err);
        if (rc == SP_NOT_FOUND) /* only then: a storage failure is not the caller's mistake */
            rc = sp_err_invalid(err, "/organisation_code", SP_R_UNKNOWN_ORGANISATION,
                                "Give the code of a region or a municipality.");
    }
    if (rc == SP_OK)
        rc = get_roles(ctx, roles, &u.role_count, err);
    if (rc == SP_OK && json_object_get(ctx->body, "password") == NULL)
        rc = sp_err_invalid(err, "/password", SP_R_REQUIRED, "This member is required.");
    if (rc == SP_OK)
        rc = hash_password(ctx, u.username, &u.password_hash, err);
    if (rc == SP_OK)
        rc = store_user_create(ctx->store, &u, ctx->now, &id, err);
    if (rc == SP_CONFLICT) {
        sp_err_set(err, SP_CONFLICT, "/username", "This username is taken.");
        return sp_err_reason(err, SP_R_TAKEN);
    }
    if (rc == SP_OK)
        rc = store_user_get(ctx->store, ctx->arena, id, &created, err);
    if (rc != SP_OK)
        return rc;
    api_audit(ctx, 0, "user_add");
    ctx->etag_version = created.version;
    snprintf(location, sizeof location, "/api/v1/users/%" PRId64, id);
    ctx->status = 201;
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    return api_answer(ctx, user_admin_json(&created), err);
}

enum sp_code api_users_patch(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"disabled", "roles", "password", NULL};
    const char *roles[USER_ROLES_MAX];
    size_t role_count = 0;
    const char *hash = NULL;
    bool disabled = false;
    int64_t version = 0;
    struct user u;
    enum sp_code rc = policy_administer(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK && json_object_size(ctx->body) == 0)
        rc = sp_err_invalid(err, "", SP_R_NOTHING_TO_CHANGE, "Send at least one member to change.");
    if (rc == SP_OK)
        rc = store_user_get(ctx->store, ctx->arena, ctx->id, &u, err);
    if (rc == SP_OK)
        rc = store_user_bump_version(ctx->store, u.id, ctx->if_match, &version, err);
    if (rc == SP_OK)
        rc = api_get_bool(ctx->body, "disabled", false, &disabled, err);
    if (rc == SP_OK && json_object_get(ctx->body, "roles") != NULL)
        rc = get_roles(ctx, roles, &role_count, err);
    if (rc == SP_OK)
        rc = hash_password(ctx, u.username, &hash, err);
    if (rc == SP_OK && json_object_get(ctx->body, "disabled") != NULL)
        rc = store_user_set_disabled(ctx->store, u.id, disabled, err);
    if (rc == SP_OK && role_count > 0)
        rc = store_user_set_roles(ctx->store, u.id, role_count, roles, err);
    if (rc == SP_OK && hash != NULL)
        rc = store_user_set_password(ctx->store, u.id, hash, err);
    /* A disabled account or a new password ends every session at once. */
    if (rc == SP_OK && (disabled || hash != NULL))
        rc = store_signin_end_user(ctx->store, u.id, err);
    if (rc == SP_OK)
        rc = store_user_get(ctx->store, ctx->arena, u.id, &u, err);
    if (rc != SP_OK)
        return rc;
    api_audit(ctx, 0, "user_change");
    ctx->etag_version = u.version;
    return api_answer(ctx, user_admin_json(&u), err);
}
