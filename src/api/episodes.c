/* Employment and education episodes (docs/api-contract.md "Employment and education track";
 * docs/employment-track.md "Episodes").
 *   GET   /api/v1/enrolments/{id}/episodes  newest start first, paged
 *   POST  /api/v1/enrolments/{id}/episodes  {kind, start_date, end_date?, end_reason?,
 *         hours_per_week?, employer_id?, place?, institution?, programme?, level?, purpose?,
 *         contact_allowed?} → 201
 *   GET   /api/v1/episodes/{id}
 *   PATCH /api/v1/episodes/{id}  If-Match: "<version>"  any of the members above (null clears an
 *         optional one); ending an episode is a PATCH with end_date and end_reason
 * Read by the team's municipal staff and, while employment_to_health is in force, its health
 * staff (policy_employment_access); written by the municipal staff (policy_employment_write).
 * core_episode_check decides which members an episode of each kind has. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/episode.h"
#include "policy/policy.h"

static json_t *episode_json(const struct episode *e)
{
    json_t *o = api_pack(
        "{s:I, s:I, s:s, s:s, s:s*, s:s*, s:s*, s:s*, s:s*, s:s*, s:s*, s:b, s:s*, s:I}", "id",
        (json_int_t)e->id, "enrolment_id", (json_int_t)e->enrolment_id, "kind", e->kind,
        "start_date", e->start_date, "end_date", e->end_date, "end_reason", e->end_reason, "place",
        e->place, "institution", e->institution, "programme", e->programme, "level", e->level,
        "purpose", e->purpose, "contact_allowed", e->contact_allowed, "created_at", e->created_at,
        "version", (json_int_t)e->version);

    api_put(&o, "hours_per_week",
            e->hours_per_week > 0 ? json_integer(e->hours_per_week) : json_null());
    api_put(&o, "employer",
            e->employer_id > 0 ? api_pack("{s:I, s:s}", "id", (json_int_t)e->employer_id, "name",
                                          e->employer_name ? e->employer_name : "")
                               : json_null());
    api_put(&o, "created_by",
            e->created_by > 0 ? api_user_ref(e->created_by, e->created_by_name) : json_null());
    return o;
}

enum sp_code api_employment_gate(struct api_ctx *ctx, const char *action, bool write,
                                 struct sp_err *err)
{
    int64_t citizen_id = 0;
    enum sp_code rc = write ? policy_employment_write(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                                      &citizen_id, err)
                            : policy_employment_access(ctx->subject, ctx->store, ctx->arena,
                                                       ctx->id, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, action);
    return rc;
}

enum sp_code api_employment_list_gate(struct api_ctx *ctx, struct store_page *page,
                                      struct sp_err *err)
{
    enum sp_code rc = api_employment_gate(ctx, "read", false, err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, page, err);
    return rc;
}

enum sp_code api_episodes_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct episode *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_employment_list_gate(ctx, &page, err);

    if (rc == SP_OK)
        rc = store_episode_page(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, episode_json(&items[i]));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

/* An optional text member: absent leaves *out, null clears it (when the episode exists), else a
 * one-line value of 1..max characters. */
static enum sp_code read_line(struct api_ctx *ctx, const char *key, bool nullable, size_t max,
                              const char **out, struct sp_err *err)
{
    const json_t *v = json_object_get(ctx->body, key);

    if (v == NULL)
        return SP_OK;
    if (nullable && json_is_null(v)) {
        *out = NULL;
        return SP_OK;
    }
    return api_get_line(ctx->body, key, true, 1, max, ctx->arena, out, err);
}

/* A date member, within its bounds for the enrolment (api_check_enrolment_date reads ctx->id as
 * the enrolment): absent leaves it, null clears it when nullable. */
static enum sp_code read_date(struct api_ctx *ctx, const char *key, int64_t enrolment_id,
                              enum core_date_kind kind, bool nullable, const char **out,
                              struct sp_err *err)
{
    const json_t *v = json_object_get(ctx->body, key);
    char field[32];
    struct core_date d;
    int64_t path_id = ctx->id;
    enum sp_code rc;

    if (v == NULL)
        return SP_OK;
    if (nullable && json_is_null(v)) {
        *out = NULL;
        return SP_OK;
    }
    snprintf(field, sizeof field, "/%s", key);
    rc = api_get_date(ctx->body, key, true, ctx->arena, out, &d, err);
    ctx->id = enrolment_id;
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, kind, d, field, err);
    ctx->id = path_id;
    return rc;
}

/* employer_id: an employer of the register of the enrolment's municipality (else 422
 * no_such_record: one elsewhere is not the caller's to name); null clears it. */
static enum sp_code read_employer(struct api_ctx *ctx, const struct enrolment *en,
                                  struct episode *ep, struct sp_err *err)
{
    const json_t *v = json_object_get(ctx->body, "employer_id");
    struct employer m;
    bool present = false;
    enum sp_code rc;

    if (v == NULL)
        return SP_OK;
    if (json_is_null(v)) {
        ep->employer_id = 0;
        ep->employer_name = NULL;
        return SP_OK;
    }
    rc = api_get_int(ctx->body, "employer_id", true, 1, INT64_MAX, &ep->employer_id, &present, err);
    if (rc == SP_OK)
        rc = store_employer_get(ctx->store, ctx->arena, ep->employer_id, &m, err);
    if (rc == SP_NOT_FOUND ||
        (rc == SP_OK && (en->municipality_code == NULL ||
                         strcmp(m.municipality_code, en->municipality_code) != 0)))
        return sp_err_invalid(err, "/employer_id", SP_R_NO_SUCH_RECORD,
                              "There is no employer with this id in the register of the young "
                              "person's municipality.");
    if (rc == SP_OK)
        ep->employer_name = m.name;
    return rc;
}

static enum sp_code read_hours(struct api_ctx *ctx, struct episode *ep, struct sp_err *err)
{
    const json_t *v = json_object_get(ctx->body, "hours_per_week");
    int64_t hours = 0;
    bool present = false;
    enum sp_code rc;

    if (v == NULL)
        return SP_OK;
    if (json_is_null(v)) {
        ep->hours_per_week = 0;
        return SP_OK;
    }
    rc = api_get_int(ctx->body, "hours_per_week", true, 0, 168, &hours, &present, err);
    if (rc == SP_OK)
        ep->hours_per_week = (int)hours;
    return rc;
}

/* Every member of the body into ep, over what it holds (a PATCH's stored episode); null clears an
 * optional member. */
static enum sp_code read_members(struct api_ctx *ctx, const struct enrolment *en,
                                 struct episode *ep, struct sp_err *err)
{
    enum sp_code rc = read_line(ctx, "kind", false, 32, &ep->kind, err);

    if (rc == SP_OK)
        rc = read_date(ctx, "start_date", en->id, DATE_KIND_EPISODE_START, false, &ep->start_date,
                       err);
    if (rc == SP_OK)
        rc = read_date(ctx, "end_date", en->id, DATE_KIND_EPISODE_END, true, &ep->end_date, err);
    if (rc == SP_OK)
        rc = read_line(ctx, "end_reason", true, 32, &ep->end_reason, err);
    if (rc == SP_OK)
        rc = read_hours(ctx, ep, err);
    if (rc == SP_OK)
        rc = read_employer(ctx, en, ep, err);
    if (rc == SP_OK)
        rc = read_line(ctx, "place", true, CORE_EPISODE_TEXT_MAX, &ep->place, err);
    if (rc == SP_OK)
        rc = read_line(ctx, "institution", true, CORE_EPISODE_TEXT_MAX, &ep->institution, err);
    if (rc == SP_OK)
        rc = read_line(ctx, "programme", true, CORE_EPISODE_TEXT_MAX, &ep->programme, err);
    if (rc == SP_OK)
        rc = read_line(ctx, "level", true, 32, &ep->level, err);
    if (rc == SP_OK)
        rc = read_line(ctx, "purpose", true, 32, &ep->purpose, err);
    if (rc == SP_OK)
        rc = api_get_bool(ctx->body, "contact_allowed", false, &ep->contact_allowed, err);
    return rc;
}

/* The merged episode against core_episode_check. A stored date that does not parse is not the
 * caller's mistake. */
static enum sp_code check_episode(const struct episode *ep, struct sp_err *err)
{
    struct core_episode_fields f = {
        .kind = ep->kind,
        .has_end = ep->end_date != NULL,
        .hours_per_week = ep->hours_per_week,
        .has_employer = ep->employer_id > 0,
        .has_institution = ep->institution != NULL,
        .has_programme = ep->programme != NULL,
        .level = ep->level,
        .purpose = ep->purpose,
        .end_reason = ep->end_reason,
    };

    if (!api_stored_day(ep->start_date, &f.start) ||
        (f.has_end && !api_stored_day(ep->end_date, &f.end)))
        return sp_err_set(err, SP_INTERNAL, "", "A stored episode date is invalid.");
    return core_episode_check(&f, err);
}

static const char *const episode_members[] = {
    "kind",        "start_date",      "end_date",    "end_reason", "hours_per_week",
    "employer_id", "place",           "institution", "programme",  "level",
    "purpose",     "contact_allowed", NULL};

enum sp_code api_episodes_create(struct api_ctx *ctx, struct sp_err *err)
{
    struct episode ep = {.enrolment_id = ctx->id};
    struct enrolment en;
    char location[64];
    enum sp_code rc = api_employment_gate(ctx, "create", true, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, episode_members, err);
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &en, err);
    if (rc == SP_OK && json_object_get(ctx->body, "kind") == NULL)
        rc = sp_err_invalid(err, "/kind", SP_R_REQUIRED, "Give the episode's kind.");
    if (rc == SP_OK && json_object_get(ctx->body, "start_date") == NULL)
        rc = sp_err_invalid(err, "/start_date", SP_R_REQUIRED, "Give the episode's start.");
    if (rc == SP_OK)
        rc = read_members(ctx, &en, &ep, err);
    if (rc == SP_OK)
        rc = check_episode(&ep, err);
    if (rc != SP_OK)
        return rc;
    ep.created_by = ctx->subject->user->id;
    ep.created_by_name = ctx->subject->user->display_name;
    rc = store_episode_create(ctx->store, &ep, ctx->now, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    ctx->etag_version = ep.version;
    snprintf(location, sizeof location, "/api/v1/episodes/%lld", (long long)ep.id);
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    return api_answer(ctx, episode_json(&ep), err);
}

/* The episode of the path, if the caller may read its enrolment's track (write: record in it);
 * one the caller may not know of answers as one that does not exist. Audited as `action`. */
static enum sp_code episode_of_path(struct api_ctx *ctx, const char *action, bool write,
                                    struct episode *ep, struct sp_err *err)
{
    int64_t citizen_id = 0;
    enum sp_code rc = store_episode_get(ctx->store, ctx->arena, ctx->id, ep, err);

    if (rc == SP_OK && write)
        rc = policy_employment_write(ctx->subject, ctx->store, ctx->arena, ep->enrolment_id,
                                     &citizen_id, err);
    else if (rc == SP_OK)
        rc = policy_employment_access(ctx->subject, ctx->store, ctx->arena, ep->enrolment_id,
                                      &citizen_id, err);
    if (citizen_id > 0)
        api_audit(ctx, citizen_id, action);
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such episode.");
    return rc;
}

enum sp_code api_episodes_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct episode ep;
    enum sp_code rc = episode_of_path(ctx, "read", false, &ep, err);

    if (rc != SP_OK)
        return rc;
    ctx->etag_version = ep.version;
    return api_answer(ctx, episode_json(&ep), err);
}

enum sp_code api_episodes_patch(struct api_ctx *ctx, struct sp_err *err)
{
    struct episode ep;
    struct enrolment en;
    int64_t version = 0;
    enum sp_code rc = episode_of_path(ctx, "update", true, &ep, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, episode_members, err);
    if (rc == SP_OK && json_object_size(ctx->body) == 0)
        rc = sp_err_invalid(err, "", SP_R_NOTHING_TO_CHANGE, "Give at least one member to change.");
    if (rc == SP_OK && ep.version != ctx->if_match) {
        err->current_version = ep.version;
        rc = sp_err_set(err, SP_STALE, "",
                        "The episode has changed since it was read. Read it again and retry.");
    }
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ep.enrolment_id, &en, err);
    if (rc == SP_OK)
        rc = read_members(ctx, &en, &ep, err);
    if (rc == SP_OK)
        rc = check_episode(&ep, err);
    if (rc == SP_OK)
        rc = store_episode_update(ctx->store, &ep, ctx->if_match, &version, err);
    if (rc != SP_OK)
        return rc;
    ep.version = version;
    ctx->etag_version = version;
    return api_answer(ctx, episode_json(&ep), err);
}
