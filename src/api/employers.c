/* The employer register of a municipality, shared by its staff (docs/security-model.md
 * "Employers"), so that several consultants' contacts with one employer add up.
 *   GET   /api/v1/employers?q=&municipality=  one municipality's register by name, paged; q (1–200
 *         characters) a part of the name, case-insensitively with Danish letters folded
 *   POST  /api/v1/employers  {name, cvr?, address?, postcode?, city?, municipality_code?,
 *         contact_persons?} → 201 (municipal roles)
 *   GET   /api/v1/employers/{id}  the employer; its contact persons to municipal roles only
 *   PATCH /api/v1/employers/{id}  If-Match; name, cvr, address, postcode, city (null removes all
 *         but name), contact_persons (added; with "id", one of its changed) → 200 (municipal roles)
 * An employer is a company, not a person: it is audited as a change (employer_add,
 * employer_change), not as a read of anyone's record. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/employer.h"
#include "policy/policy.h"

#define CONTACT_PERSONS_MAX 20

static json_t *person_json(const struct employer_contact_person *p)
{
    return api_pack("{s:I, s:s, s:s*, s:s*, s:s*}", "id", (json_int_t)p->id, "name", p->name,
                    "title", p->title, "phone", p->phone, "email", p->email);
}

/* The employer as `view` allows: contact persons and who registered it to municipal roles. */
static json_t *employer_json(const struct employer *e, const struct policy_employer_view *view,
                             bool with_persons)
{
    json_t *o = api_pack("{s:I, s:s, s:s, s:s*, s:s*, s:s*, s:s*, s:I}", "id", (json_int_t)e->id,
                         "municipality_code", e->municipality_code, "name", e->name, "cvr", e->cvr,
                         "address", e->address, "postcode", e->postcode, "city", e->city, "version",
                         (json_int_t)e->version);

    if (view->contacts) {
        api_put(&o, "created_by", api_user_ref(e->created_by, e->created_by_name));
        api_put(&o, "created_at", json_string(e->created_at));
    }
    if (view->contacts && with_persons) {
        json_t *persons = json_array();

        for (size_t i = 0; i < e->contact_person_count; i++)
            api_push(&persons, person_json(&e->contact_persons[i]));
        api_put(&o, "contact_persons", persons);
    }
    return o;
}

/* The register `given` names (a query parameter or a member: field), or without it the caller's
 * one municipality; SP_INVALID one_of with the caller's municipalities otherwise. */
static enum sp_code choose_municipality(struct api_ctx *ctx, const char *given, const char *field,
                                        const char **out, struct sp_err *err)
{
    const char **codes = NULL;
    size_t count = 0;

    policy_employer_municipalities(ctx->subject, ctx->arena, &codes, &count);
    for (size_t i = 0; i < count; i++)
        if (given == NULL ? count == 1 : strcmp(given, codes[i]) == 0) {
            *out = codes[i];
            return SP_OK;
        }
    return api_one_of(field, codes, count, err);
}

enum sp_code api_employers_list(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"q", "municipality", NULL};
    struct policy_employer_view view;
    struct store_page page;
    struct employer *items = NULL;
    const char *q = NULL;
    const char *given = NULL;
    const char *municipality = NULL;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, params, &page, err);
    if (rc == SP_OK)
        rc = api_get_query_text(ctx->conn, ctx->query, "q", 1, 200, &q, err);
    if (rc == SP_OK)
        rc = api_get_query_text(ctx->conn, ctx->query, "municipality", 1, 8, &given, err);
    if (rc == SP_OK)
        rc = choose_municipality(ctx, given, "municipality", &municipality, err);
    if (rc == SP_OK)
        rc = policy_employer_read(ctx->subject, municipality, &view, err);
    if (rc == SP_OK)
        rc = store_employer_search(ctx->store, ctx->arena, municipality, q, &page, &items, &count,
                                   &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, employer_json(&items[i], &view, false));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

/* An optional one-line member that null removes (PATCH): *present when it was sent. */
static enum sp_code get_line_or_null(const json_t *body, const char *key, size_t max,
                                     struct sp_arena *arena, const char **out, bool *present,
                                     struct sp_err *err)
{
    const json_t *v = json_object_get(body, key);

    *present = v != NULL;
    if (v != NULL && json_is_null(v)) {
        *out = NULL;
        return SP_OK;
    }
    return v == NULL ? SP_OK : api_get_line(body, key, false, 1, max, arena, out, err);
}

/* cvr, address, postcode and city of body into *e (each optional, null removing it). */
static enum sp_code read_details(struct api_ctx *ctx, const json_t *body, struct employer *e,
                                 struct sp_err *err)
{
    bool present = false;
    enum sp_code rc = get_line_or_null(body, "cvr", 8, ctx->arena, &e->cvr, &present, err);

    /* Too long or too short for a CVR number is the wrong shape for one. */
    if (rc == SP_INVALID && strcmp(err->field, "/cvr") == 0 && err->reason == SP_R_LENGTH)
        err->reason = SP_R_CVR_FORMAT;
    if (rc == SP_OK && e->cvr != NULL && !core_cvr_valid(e->cvr))
        rc = sp_err_invalid(err, "/cvr", SP_R_CVR_FORMAT,
                            "A CVR number is 8 digits passing the modulus 11 check.");
    if (rc == SP_OK)
        rc = get_line_or_null(body, "address", 200, ctx->arena, &e->address, &present, err);
    if (rc == SP_OK)
        rc = get_line_or_null(body, "postcode", 10, ctx->arena, &e->postcode, &present, err);
    if (rc == SP_OK)
        rc = get_line_or_null(body, "city", 100, ctx->arena, &e->city, &present, err);
    return rc;
}

/* A contact person to add, or (with_id, a PATCH) with "id" one of the employer's to change:
 * every member is then as sent, those left out removed. */
static enum sp_code read_person(struct api_ctx *ctx, const json_t *obj, bool with_id,
                                struct employer_contact_person *p, struct sp_err *err)
{
    static const char *const allowed[] = {"name", "title", "phone", "email", NULL};
    static const char *const allowed_with_id[] = {"id", "name", "title", "phone", "email", NULL};
    bool present = false;
    enum sp_code rc = json_is_object(obj) ? SP_OK : api_wrong_type("", "object", err);

    if (rc == SP_OK)
        rc = api_reject_unknown(obj, with_id ? allowed_with_id : allowed, err);
    if (rc == SP_OK && with_id)
        rc = api_get_int(obj, "id", false, 1, INT64_MAX, &p->id, &present, err);
    if (rc == SP_OK)
        rc = api_get_line(obj, "name", true, 1, 200, ctx->arena, &p->name, err);
    if (rc == SP_OK)
        rc = api_get_line(obj, "title", false, 1, 200, ctx->arena, &p->title, err);
    if (rc == SP_OK)
        rc = api_get_line(obj, "phone", false, 1, 40, ctx->arena, &p->phone, err);
    if (rc == SP_OK)
        rc = api_get_line(obj, "email", false, 3, 254, ctx->arena, &p->email, err);
    if (rc == SP_OK)
        rc = api_check_email(p->email, "/email", err);
    return rc;
}

/* p is new (no id) or one of the employer's contact persons. */
static bool has_person(const struct employer *employer, const struct employer_contact_person *p)
{
    if (p->id == 0)
        return true;
    for (size_t i = 0; i < employer->contact_person_count; i++)
        if (employer->contact_persons[i].id == p->id)
            return true;
    return false;
}

/* body's contact_persons (0–20 objects) into e->contact_persons; a problem inside one is named
 * under /contact_persons/N. With `employer` (a PATCH), each may name one of its to change. */
static enum sp_code read_persons(struct api_ctx *ctx, const json_t *body,
                                 const struct employer *employer, struct employer *e,
                                 struct sp_err *err)
{
    const json_t *arr = json_object_get(body, "contact_persons");
    enum sp_code rc = SP_OK;
    size_t n = arr != NULL ? json_array_size(arr) : 0;

    e->contact_person_count = 0;
    if (arr == NULL)
        return SP_OK;
    if (!json_is_array(arr))
        return api_wrong_type("/contact_persons", "array", err);
    if (n > CONTACT_PERSONS_MAX) {
        sp_err_invalid(err, "/contact_persons", SP_R_COUNT, "Give at most %d contact persons.",
                       CONTACT_PERSONS_MAX);
        return sp_err_range(err, 0, CONTACT_PERSONS_MAX);
    }
    e->contact_persons = sp_arena_alloc(ctx->arena, sizeof *e->contact_persons * (n + 1));
    for (size_t i = 0; rc == SP_OK && i < n; i++) {
        memset(&e->contact_persons[i], 0, sizeof e->contact_persons[i]);
        rc =
            read_person(ctx, json_array_get(arr, i), employer != NULL, &e->contact_persons[i], err);
        if (rc == SP_OK && employer != NULL && !has_person(employer, &e->contact_persons[i]))
            rc = sp_err_invalid(err, "/id", SP_R_NO_SUCH_RECORD,
                                "The employer has no contact person with this id.");
        if (rc == SP_INVALID) {
            char field[SP_ERR_FIELD_MAX + 48];

            snprintf(field, sizeof field, "/contact_persons/%zu%s", i, err->field);
            snprintf(err->field, sizeof err->field, "%.*s", (int)sizeof err->field - 1, field);
        }
        e->contact_person_count = i + 1;
    }
    return rc;
}

/* The register a new employer goes into (the body's municipality_code, or the caller's one), if
 * the caller may keep it. */
static enum sp_code register_of_body(struct api_ctx *ctx, const char **municipality,
                                     struct sp_err *err)
{
    const char *given = NULL;
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "municipality_code", false, 1, 8, ctx->arena, &given, err);
    if (rc == SP_OK)
        rc = choose_municipality(ctx, given, "/municipality_code", municipality, err);
    if (rc == SP_OK)
        rc = policy_employer_work(ctx->subject, *municipality, err);
    return rc;
}

enum sp_code api_employer_create_gate(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                      struct sp_err *err)
{
    const char *municipality = NULL;

    (void)citizen_id;
    api_audit(ctx, 0, action);
    return register_of_body(ctx, &municipality, err);
}

enum sp_code api_employers_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {
        "name", "cvr", "address", "postcode", "city", "municipality_code", "contact_persons", NULL};
    struct policy_employer_view view = {.contacts = true};
    struct employer e = {0};
    char location[64];
    enum sp_code rc = register_of_body(ctx, &e.municipality_code, err);

    api_audit(ctx, 0, "employer_add");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "name", true, 1, 200, ctx->arena, &e.name, err);
    if (rc == SP_OK)
        rc = read_details(ctx, ctx->body, &e, err);
    if (rc == SP_OK)
        rc = read_persons(ctx, ctx->body, NULL, &e, err);
    if (rc != SP_OK)
        return rc;
    e.created_at = ctx->now;
    e.created_by = ctx->subject->user->id;
    e.created_by_name = ctx->subject->user->display_name;
    rc = store_employer_create(ctx->store, &e, err);
    if (rc == SP_CONFLICT)
        sp_err_reason(err, SP_R_TAKEN);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    ctx->etag_version = e.version;
    snprintf(location, sizeof location, "/api/v1/employers/%" PRId64, e.id);
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    return api_answer(ctx, employer_json(&e, &view, true), err);
}

/* The employer of the path, if who may read it (404 for another municipality's). */
static enum sp_code employer_of_path(struct api_ctx *ctx, struct employer *e,
                                     struct policy_employer_view *view, struct sp_err *err)
{
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = store_employer_get(ctx->store, ctx->arena, ctx->id, e, err);
    if (rc == SP_OK)
        rc = policy_employer_read(ctx->subject, e->municipality_code, view, err);
    return rc;
}

enum sp_code api_employers_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct policy_employer_view view;
    struct employer e = {0};
    enum sp_code rc = employer_of_path(ctx, &e, &view, err);

    if (rc != SP_OK)
        return rc;
    ctx->etag_version = e.version;
    return api_answer(ctx, employer_json(&e, &view, true), err);
}

enum sp_code api_employers_patch(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {
        "name", "cvr", "address", "postcode", "city", "contact_persons", "municipality_code", NULL};
    struct policy_employer_view view;
    struct employer e = {0};
    struct employer added = {0};
    enum sp_code rc = employer_of_path(ctx, &e, &view, err);

    api_audit(ctx, 0, "employer_change");
    if (rc == SP_OK)
        rc = policy_employer_work(ctx->subject, e.municipality_code, err);
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK && json_object_size(ctx->body) == 0)
        rc = sp_err_invalid(err, "", SP_R_NOTHING_TO_CHANGE, "Send at least one member to change.");
    /* An employer stays in the register it was made in: another municipality's is its own. */
    if (rc == SP_OK && json_object_get(ctx->body, "municipality_code") != NULL)
        rc = sp_err_invalid(err, "/municipality_code", SP_R_NOT_CHANGEABLE,
                            "An employer's municipality cannot be changed.");
    if (rc == SP_OK && json_object_get(ctx->body, "name") != NULL)
        rc = api_get_line(ctx->body, "name", true, 1, 200, ctx->arena, &e.name, err);
    if (rc == SP_OK)
        rc = read_details(ctx, ctx->body, &e, err);
    if (rc == SP_OK)
        rc = read_persons(ctx, ctx->body, &e, &added, err);
    if (rc == SP_OK && e.version != ctx->if_match) {
        err->current_version = e.version;
        rc = sp_err_set(err, SP_STALE, "",
                        "The employer has changed since it was read. Read it again and retry.");
    }
    if (rc == SP_OK)
        rc = store_employer_update(ctx->store, &e, ctx->if_match, err);
    for (size_t i = 0; rc == SP_OK && i < added.contact_person_count; i++) {
        struct employer_contact_person *p = &added.contact_persons[i];

        p->employer_id = e.id;
        rc = p->id > 0 ? store_employer_person_update(ctx->store, p, err)
                       : store_employer_person_add(ctx->store, p, err);
    }
    if (rc == SP_CONFLICT)
        sp_err_reason(err, SP_R_TAKEN);
    if (rc == SP_OK)
        rc = store_employer_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = e.version;
    return api_answer(ctx, employer_json(&e, &view, true), err);
}
