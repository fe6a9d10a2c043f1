/* Citizens: the young person, identified by CPR, a substitute number or an eCPR. One person may
 * have many records, one per team that registered them (docs/security-model.md "One person, many
 * records"): the person is the identifier's blind index, a record is what one team recorded.
 *   POST /api/v1/citizens        {identifier, identifier_type, name, phone?, email?,
 *                                 municipality_code?, synthetic?} → 201 a new record of the
 *                                caller's; 200 the record of this person the caller already sees
 *   GET  /api/v1/citizens?q=     identifier (exact, hyphen optional) or part of the name
 *   GET  /api/v1/citizens/{id}   the citizen + ETag
 * Age and legal sex are derived from the identifier on every read, never stored (CPR-kontoret,
 * docs/sources.md#s2). No problem detail ever quotes an identifier, a name or contact data. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "api/views.h"
#include "core/cpr.h"
#include "core/text.h"
#include "policy/policy.h"

static json_t *citizen_json(const struct citizen *c, struct core_date today)
{
    enum cpr_type type = CPR_TYPE_CPR;
    struct cpr_id id;
    struct sp_err ignored;
    json_t *obj = api_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:I, s:s*, s:s*, s:s*}", "id",
                           (json_int_t)c->id, "identifier_type", c->identifier_type, "identifier",
                           c->identifier, "birth_date", c->birth_date, "name", c->name, "synthetic",
                           c->synthetic, "version", (json_int_t)c->version, "phone", c->phone,
                           "email", c->email, "municipality_code", c->municipality_code);

    /* Stored identifiers were valid when written; derive from them again, not from a copy. */
    if (core_cpr_type_from(c->identifier_type, &type) &&
        core_cpr_parse(type, c->identifier, strlen(c->identifier), today, "", &id, &ignored) ==
            SP_OK) {
        api_put(&obj, "age", json_integer(core_date_age(id.birth, today)));
        api_put(&obj, "legal_sex", json_string(id.legal_sex == CPR_SEX_MALE ? "male" : "female"));
    }
    return obj;
}

static enum sp_code check_municipality(struct api_ctx *ctx, const char *code, struct sp_err *err)
{
    struct organisation org;
    enum sp_code rc;

    if (code == NULL)
        return SP_OK;
    rc = store_organisation_get(ctx->store, ctx->arena, code, &org, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && strcmp(org.kind, "municipality") != 0))
        return sp_err_invalid(err, "/municipality_code", SP_R_UNKNOWN_MUNICIPALITY,
                              "This is not a municipality code.");
    return rc;
}

static enum sp_code parse_citizen(struct api_ctx *ctx, struct citizen *c, struct sp_err *err)
{
    static const char *const types[] = {"cpr", "erstatning", "ecpr"};
    static const char *const allowed[] = {"identifier", "identifier_type",   "name",      "phone",
                                          "email",      "municipality_code", "synthetic", NULL};
    const char *type_name = NULL;
    const char *identifier = NULL;
    enum cpr_type type = CPR_TYPE_CPR;
    struct cpr_id id;
    char birth[11];
    enum sp_code rc = api_reject_unknown(ctx->body, allowed, err);

    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "identifier_type", true, 1, 16, ctx->arena, &type_name, err);
    if (rc == SP_OK && !core_cpr_type_from(type_name, &type))
        rc = api_one_of("/identifier_type", types, sizeof types / sizeof types[0], err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "identifier", true, 1, 11, ctx->arena, &identifier, err);
    if (rc == SP_INVALID && strcmp(err->field, "/identifier") == 0 && err->reason == SP_R_LENGTH)
        rc = sp_err_invalid(err, "/identifier",
                            type == CPR_TYPE_ECPR ? SP_R_ECPR_FORMAT : SP_R_CPR_FORMAT,
                            "Give the identifier as ten characters, with or without a hyphen "
                            "after the sixth.");
    if (rc == SP_OK)
        rc = core_cpr_parse(type, identifier, strlen(identifier), ctx->today, "/identifier", &id,
                            err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "name", true, 1, 200, ctx->arena, &c->name, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "phone", false, 1, 40, ctx->arena, &c->phone, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "email", false, 3, 254, ctx->arena, &c->email, err);
    if (rc == SP_OK)
        rc = api_check_email(c->email, "/email", err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "municipality_code", false, 3, 4, ctx->arena,
                            &c->municipality_code, err);
    if (rc == SP_OK)
        rc = check_municipality(ctx, c->municipality_code, err);
    if (rc == SP_OK)
        rc = api_get_bool(ctx->body, "synthetic", false, &c->synthetic, err);
    if (rc != SP_OK)
        return rc;
    core_date_format(id.birth, birth);
    c->identifier_type = core_cpr_type_name(type);
    c->identifier = sp_arena_strndup(ctx->arena, id.normalised, strlen(id.normalised));
    c->birth_date = sp_arena_strndup(ctx->arena, birth, strlen(birth));
    return SP_OK;
}

/* The record of this person the caller already sees, if any: the first that searching for the
 * identifier would list them (the same filter, from policy_visible_teams). Records the caller
 * does not see are never looked at, so whether other teams hold the person changes nothing. */
static enum sp_code visible_record(struct api_ctx *ctx, const char *identifier,
                                   struct citizen **found, struct sp_err *err)
{
    struct store_citizen_filter filter = {.identifier = identifier,
                                          .created_by = ctx->subject->user->id};
    struct store_page first = {.after = 0, .limit = 1};
    size_t count = 0;
    bool more = false;
    enum sp_code rc = policy_visible_teams(ctx->subject, ctx->arena, &filter.teams, err);

    *found = NULL;
    if (rc == SP_OK)
        rc = store_citizen_list(ctx->store, ctx->arena, &filter, &first, found, &count, &more, err);
    if (count == 0)
        *found = NULL;
    return rc;
}

static enum sp_code reply_citizen(struct api_ctx *ctx, const struct citizen *c, int status,
                                  struct sp_err *err)
{
    char location[64];

    snprintf(location, sizeof location, "/api/v1/citizens/%" PRId64, c->id);
    ctx->status = status;
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    ctx->etag_version = c->version;
    return api_answer(ctx, citizen_json(c, ctx->today), err);
}

/* Registering never says whether the person is known elsewhere: a person the caller does not
 * see gets a new record of the caller's (201), whether or not another team holds one. Only a
 * record the caller already sees is answered instead (200): that tells them nothing new. */
enum sp_code api_citizens_create(struct api_ctx *ctx, struct sp_err *err)
{
    struct citizen c = {0};
    struct citizen *seen = NULL;
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = parse_citizen(ctx, &c, err);
    if (rc == SP_OK) /* a concurrent registration by the same user finds this one's record */
        rc = store_citizen_register_turn(ctx->store, ctx->subject->user->id, err);
    if (rc == SP_OK)
        rc = visible_record(ctx, c.identifier, &seen, err);
    if (rc != SP_OK)
        return rc;
    if (seen != NULL) {
        api_audit(ctx, seen->id, "read");
        return reply_citizen(ctx, seen, 200, err);
    }
    c.created_by = ctx->subject->user->id;
    rc = store_citizen_create(ctx->store, &c, ctx->now, err);
    if (rc != SP_OK)
        return rc;
    api_audit(ctx, c.id, "create");
    return reply_citizen(ctx, &c, 201, err);
}

/* The enrolments of a citizen as the caller may see them: the health and employment summaries
 * only where the policy's view allows (absent otherwise, never null). */
static enum sp_code enrolments_json(struct api_ctx *ctx, const struct policy_citizen_view *view,
                                    json_t **out, struct sp_err *err)
{
    json_t *array = json_array();
    enum sp_code rc = SP_OK;

    for (size_t i = 0; rc == SP_OK && i < view->enrolment_count; i++) {
        const struct policy_enrolment_view *v = &view->enrolments[i];
        struct enrolment e;
        json_t *obj;

        if (!v->visible)
            continue;
        rc = store_enrolment_get(ctx->store, ctx->arena, v->enrolment_id, &e, err);
        if (rc != SP_OK)
            break;
        rc = api_enrolment_json(ctx, &e, v, &obj, err);
        if (rc == SP_OK)
            api_push(&array, obj);
    }
    if (rc != SP_OK) {
        json_decref(array);
        return rc;
    }
    return api_built(array, out, err);
}

enum sp_code api_citizens_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct citizen c = {0};
    struct policy_citizen_view view;
    json_t *enrolments = NULL;
    json_t *reply;
    enum sp_code rc;

    api_audit(ctx, ctx->id, "read"); /* written with the outcome, refusals included */
    rc = policy_citizen_read(ctx->subject, ctx->store, ctx->arena, ctx->id, &view, err);
    if (rc == SP_OK)
        rc = store_citizen_get(ctx->store, ctx->arena, ctx->id, &c, err);
    if (rc == SP_OK)
        rc = enrolments_json(ctx, &view, &enrolments, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = c.version;
    reply = citizen_json(&c, ctx->today);
    api_put(&reply, "enrolments", enrolments);
    return api_answer(ctx, reply, err);
}

/* q that looks like an identifier (ten characters, optional hyphen after the sixth) is matched
 * as one; every q is also matched against names. */
static void identifier_from_query(const char *q, char out[11], bool *is_identifier)
{
    size_t len = strlen(q);
    size_t n = 0;

    *is_identifier = false;
    if (len != 10 && !(len == 11 && q[6] == '-'))
        return;
    for (size_t i = 0; i < len; i++) {
        char c = q[i];

        if (len == 11 && i == 6)
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A'); /* eCPR letters are stored upper-case */
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
            return;
        out[n++] = c;
    }
    out[n] = '\0';
    *is_identifier = true;
}

enum sp_code api_citizens_list(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"q", NULL};
    const char *q = ctx->query(ctx->conn, "q");
    struct store_citizen_filter filter = {0};
    struct store_page page;
    struct citizen *items = NULL;
    size_t count = 0;
    bool more = false;
    char identifier[11];
    bool is_identifier = false;
    enum sp_code rc = policy_visible_teams(ctx->subject, ctx->arena, &filter.teams, err);
    json_t *array;

    if (rc == SP_OK && q != NULL && !core_text_valid_utf8(q, strlen(q)))
        rc = sp_err_invalid(err, "q", SP_R_NOT_UTF8, "q must be text in UTF-8.");
    if (rc == SP_OK && q != NULL && (core_text_length(q) < 2 || core_text_length(q) > 200)) {
        sp_err_invalid(err, "q", SP_R_LENGTH, "q must be 2 to 200 characters.");
        rc = sp_err_range(err, 2, 200);
    }
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, params, &page, err);
    if (rc != SP_OK)
        return rc;
    filter.created_by = ctx->subject->user->id;
    if (q != NULL) {
        identifier_from_query(q, identifier, &is_identifier);
        filter.identifier = is_identifier ? identifier : NULL;
        filter.name_part = q;
    }
    rc = store_citizen_list(ctx->store, ctx->arena, &filter, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++) {
        api_push(&array, citizen_json(&items[i], ctx->today));
        api_audit(ctx, items[i].id, "search"); /* each person shown is a look-up */
    }
    return api_answer(ctx, api_list_reply(array, more, count ? items[count - 1].id : 0), err);
}
