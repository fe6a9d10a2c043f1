/* Team assignment on a case: who is the care manager, therapist, caseworker, job consultant and
 * resource consultant of an enrolment, chosen from the enrolment's team.
 *   PATCH /api/v1/enrolments/{id}/assignments  If-Match: the enrolment's "<version>"
 *         {"care_manager": 12, "caseworker": null, …}: a user id sets the role, null clears it,
 *         a role left out stays as it is → 200, the enrolment with its assignments, new ETag.
 * Case roles on the enrolment's team may assign (the rule for changing the enrolment); the
 * assignee must be an enabled member of that team with that role. Assigning someone releases
 * whoever else carried the case in that role, so it leaves their caseload. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "api/views.h"
#include "core/enrolment.h"
#include "policy/policy.h"

json_t *api_assignments_object(const struct assignment *items, size_t count)
{
    json_t *obj = json_object();

    for (size_t r = 0; r < CORE_ASSIGNMENT_ROLE_COUNT; r++) {
        json_t *who = json_null();

        for (size_t i = 0; i < count; i++)
            if (strcmp(items[i].role, core_assignment_roles[r]) == 0) {
                json_decref(who);
                who = api_user_ref(items[i].user_id, items[i].user_name);
            }
        api_put(&obj, core_assignment_roles[r], who);
    }
    return obj;
}

enum sp_code api_assignments_json(struct api_ctx *ctx, int64_t enrolment_id, json_t **out,
                                  struct sp_err *err)
{
    struct assignment *items = NULL;
    size_t count = 0;
    enum sp_code rc =
        store_assignment_list(ctx->store, ctx->arena, enrolment_id, &items, &count, err);

    *out = rc == SP_OK ? api_assignments_object(items, count) : NULL;
    return rc;
}

/* Is code one of the comma-separated codes? */
static bool has_code(const char *codes, const char *code)
{
    size_t len = strlen(code);

    while (codes != NULL && *codes != '\0') {
        size_t n = strcspn(codes, ",");

        if (n == len && strncmp(codes, code, n) == 0)
            return true;
        codes += n + (codes[n] == ',');
    }
    return false;
}

static enum sp_code invalid_role(const char *pointer, const char *role, enum sp_reason reason,
                                 const char *detail, struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX];

    snprintf(field, sizeof field, "%s/%s", pointer, role);
    return sp_err_invalid(err, field, reason, "%s", detail);
}

/* One member of the object: null, or the id of a team member who has the role. */
static enum sp_code check_one(const char *pointer, const char *role, const json_t *value,
                              const struct team_person *people, size_t people_count,
                              int64_t *user_id, struct sp_err *err)
{
    *user_id = 0;
    if (json_is_null(value))
        return SP_OK;
    if (!json_is_integer(value) || json_integer_value(value) < 1)
        return invalid_role(pointer, role, SP_R_NOT_AN_ID,
                            "Give a user id, or null to clear the role.", err);
    *user_id = json_integer_value(value);
    for (size_t i = 0; i < people_count; i++)
        if (people[i].user_id == *user_id && has_code(people[i].roles, role))
            return SP_OK;
    return invalid_role(pointer, role, SP_R_NOT_ON_TEAM_WITH_ROLE,
                        "Give a member of the enrolment's team who has this role.", err);
}

/* Every person on the enrolment's team, read page by page (a team is a few dozen people; the
 * store pages it, and nothing is cut). */
static enum sp_code all_team_people(struct api_ctx *ctx, int64_t enrolment_id,
                                    struct team_person **out, size_t *out_count, struct sp_err *err)
{
    struct store_page page = {.after = 0, .limit = 200};
    size_t cap = 0;
    bool more = true;
    enum sp_code rc = SP_OK;

    *out = NULL;
    *out_count = 0;
    while (rc == SP_OK && more) {
        struct team_person *items = NULL;
        size_t count = 0;

        rc = store_enrolment_team_people(ctx->store, ctx->arena, enrolment_id, &page, &items,
                                         &count, &more, err);
        if (rc != SP_OK || count == 0)
            break;
        *out = sp_arena_append(ctx->arena, *out, out_count, &cap, items, count, sizeof *items);
        page.after = items[count - 1].user_id;
    }
    return rc;
}

enum sp_code api_assignments_apply(struct api_ctx *ctx, int64_t enrolment_id, const json_t *obj,
                                   const char *pointer, bool at_least_one, struct sp_err *err)
{
    const char *allowed[CORE_ASSIGNMENT_ROLE_COUNT + 1] = {NULL};
    int64_t chosen[CORE_ASSIGNMENT_ROLE_COUNT] = {0};
    struct team_person *people = NULL;
    size_t people_count = 0;
    enum sp_code rc;

    if (!json_is_object(obj))
        return api_wrong_type(pointer, "object", err);
    if (at_least_one && json_object_size(obj) == 0)
        return sp_err_invalid(err, pointer, SP_R_NOTHING_TO_CHANGE,
                              "Give at least one role to set or clear.");
    for (size_t r = 0; r < CORE_ASSIGNMENT_ROLE_COUNT; r++)
        allowed[r] = core_assignment_roles[r];
    rc = api_reject_unknown(obj, allowed, err);
    if (rc == SP_INVALID && pointer[0] != '\0') {
        char field[SP_ERR_FIELD_MAX];

        snprintf(field, sizeof field, "%s%s", pointer, err->field);
        snprintf(err->field, sizeof err->field, "%s", field);
    }
    if (rc == SP_OK)
        rc = all_team_people(ctx, enrolment_id, &people, &people_count, err);
    for (size_t r = 0; rc == SP_OK && r < CORE_ASSIGNMENT_ROLE_COUNT; r++) {
        const json_t *v = json_object_get(obj, core_assignment_roles[r]);

        if (v != NULL)
            rc = check_one(pointer, core_assignment_roles[r], v, people, people_count, &chosen[r],
                           err);
    }
    /* Everything checked: now write, so that a refused body changes nothing. */
    for (size_t r = 0; rc == SP_OK && r < CORE_ASSIGNMENT_ROLE_COUNT; r++)
        if (json_object_get(obj, core_assignment_roles[r]) != NULL)
            rc = store_assignment_set(ctx->store, enrolment_id, core_assignment_roles[r], chosen[r],
                                      ctx->subject->user->id, ctx->now, err);
    return rc;
}

enum sp_code api_assignments_patch(struct api_ctx *ctx, struct sp_err *err)
{
    struct enrolment e = {0};
    int64_t citizen_id = 0;
    int64_t version = 0;
    json_t *obj = NULL;
    enum sp_code rc =
        policy_enrolment_write(ctx->subject, ctx->store, ctx->arena, ctx->id, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "update");
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc == SP_OK && e.version != ctx->if_match) {
        err->current_version = e.version;
        rc = sp_err_set(err, SP_STALE, "",
                        "The enrolment has changed since it was read. Read it again and retry.");
    }
    if (rc == SP_OK)
        rc = api_assignments_apply(ctx, ctx->id, ctx->body, "", true, err);
    /* The assignments are part of the enrolment's answer, so its version moves on. */
    if (rc == SP_OK)
        rc = store_enrolment_touch(ctx->store, ctx->id, ctx->if_match, &version, err);
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc == SP_OK)
        rc = api_enrolment_json(ctx, &e, NULL, &obj, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = e.version;
    ctx->reply = obj;
    return SP_OK;
}
