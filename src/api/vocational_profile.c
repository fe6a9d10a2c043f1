/* The vocational profile, kept over time (docs/api-contract.md "Employment and education track";
 * docs/employment-track.md "Vocational profile").
 *   GET /api/v1/enrolments/{id}/vocational-profile  the current version, ETag its version; 404
 *       before the first save
 *   PUT /api/v1/enrolments/{id}/vocational-profile  {disclosure, disclosure_note?, own_goals?,
 *       work_wanted?, work_not_wanted?, hours_wanted?, places?, travel?, history?: [{area, level?,
 *       description?, from_year?, to_year?, outcome?}]}, If-Match the current version (none
 *       before the first save) → 201 for the first version, 200 for a later one; 428 without
 *       If-Match once one exists, 412 when stale
 *   GET /api/v1/enrolments/{id}/vocational-profile/history  every version, newest first, paged
 * Read and written as the episodes are (policy_employment_access, policy_employment_write): the
 * disclosure choice is employment detail. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/episode.h"
#include "core/vocational.h"
#include "policy/policy.h"

static json_t *entry_json(const struct vocational_entry *e)
{
    json_t *o = api_pack("{s:s, s:s*, s:s*, s:s*}", "area", e->area, "level", e->level,
                         "description", e->description, "outcome", e->outcome);

    api_put(&o, "from_year", e->from_year > 0 ? json_integer(e->from_year) : json_null());
    api_put(&o, "to_year", e->to_year > 0 ? json_integer(e->to_year) : json_null());
    return o;
}

static json_t *profile_json(const struct vocational_profile *p)
{
    json_t *history = json_array();
    json_t *o = api_pack(
        "{s:I, s:I, s:s*, s:s*, s:s*, s:s*, s:s*, s:s, s:s*, s:o, s:s}", "enrolment_id",
        (json_int_t)p->enrolment_id, "version", (json_int_t)p->version, "own_goals", p->own_goals,
        "work_wanted", p->work_wanted, "work_not_wanted", p->work_not_wanted, "places", p->places,
        "travel", p->travel, "disclosure", p->disclosure, "disclosure_note", p->disclosure_note,
        "saved_by", api_user_ref(p->saved_by, p->saved_by_name), "saved_at", p->saved_at);

    api_put(&o, "hours_wanted", p->hours_wanted >= 0 ? json_integer(p->hours_wanted) : json_null());
    for (size_t i = 0; i < p->entry_count; i++)
        api_push(&history, entry_json(&p->entries[i]));
    api_put(&o, "history", history);
    return o;
}

enum sp_code api_vocational_profile_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct vocational_profile p;
    enum sp_code rc = api_employment_gate(ctx, "read", false, err);

    if (rc == SP_OK)
        rc = store_vocational_current(ctx->store, ctx->arena, ctx->id, &p, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = p.version;
    return api_answer(ctx, profile_json(&p), err);
}

enum sp_code api_vocational_profile_history(struct api_ctx *ctx, struct sp_err *err)
{
    struct vocational_profile *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_employment_list_gate(ctx, &page, err);

    if (rc == SP_OK)
        rc = store_vocational_history(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more,
                                      err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, profile_json(&items[i]));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

/* A year member of an entry (0 when absent or null); its bounds are core's. */
static enum sp_code entry_year(const json_t *obj, const char *key, int *out, struct sp_err *err)
{
    const json_t *v = json_object_get(obj, key);
    int64_t year = 0;
    bool present = false;
    enum sp_code rc;

    *out = 0;
    if (v == NULL || json_is_null(v))
        return SP_OK;
    rc = api_get_int(obj, key, true, 1, 9999, &year, &present, err);
    if (rc == SP_OK)
        *out = (int)year;
    return rc;
}

/* One history entry at index i; problems are reported under "/history/i". */
static enum sp_code read_entry(struct api_ctx *ctx, const json_t *obj, size_t i,
                               struct vocational_entry *e, struct sp_err *err)
{
    static const char *const allowed[] = {"area",    "level",   "description", "from_year",
                                          "to_year", "outcome", NULL};
    struct core_vocational_entry check = {0};
    char prefix[32];
    enum sp_code rc = SP_OK;

    snprintf(prefix, sizeof prefix, "/history/%zu", i);
    if (!json_is_object(obj))
        rc = api_wrong_type("", "object", err);
    if (rc == SP_OK)
        rc = api_reject_unknown(obj, allowed, err);
    if (rc == SP_OK)
        rc = api_get_string(obj, "area", true, 1, 32, ctx->arena, &e->area, err);
    if (rc == SP_OK)
        rc = api_get_string(obj, "level", false, 1, 32, ctx->arena, &e->level, err);
    if (rc == SP_OK)
        rc = api_get_string(obj, "outcome", false, 1, 32, ctx->arena, &e->outcome, err);
    if (rc == SP_OK)
        rc = api_get_line(obj, "description", false, 1, CORE_EPISODE_TEXT_MAX, ctx->arena,
                          &e->description, err);
    if (rc == SP_OK)
        rc = entry_year(obj, "from_year", &e->from_year, err);
    if (rc == SP_OK)
        rc = entry_year(obj, "to_year", &e->to_year, err);
    if (rc == SP_INVALID) {
        char field[SP_ERR_FIELD_MAX + sizeof prefix];

        /* The member's pointer under its entry's; a pointer that long is never one we make. */
        if (snprintf(field, sizeof field, "%s%s", prefix, err->field) < SP_ERR_FIELD_MAX)
            memcpy(err->field, field, strlen(field) + 1);
        return rc;
    }
    check = (struct core_vocational_entry){.area = e->area,
                                           .level = e->level,
                                           .outcome = e->outcome,
                                           .from_year = e->from_year,
                                           .to_year = e->to_year};
    if (rc == SP_OK)
        rc = core_vocational_entry_check(&check, ctx->today.year, prefix, err);
    return rc;
}

static enum sp_code read_history(struct api_ctx *ctx, struct vocational_profile *p,
                                 struct sp_err *err)
{
    const json_t *list = json_object_get(ctx->body, "history");
    enum sp_code rc = SP_OK;
    size_t n;

    if (list == NULL || json_is_null(list))
        return SP_OK;
    if (!json_is_array(list))
        return api_wrong_type("/history", "array", err);
    n = json_array_size(list);
    if (n > CORE_VOCATIONAL_ENTRIES_MAX) {
        sp_err_invalid(err, "/history", SP_R_COUNT, "The history has too many entries.");
        return sp_err_range(err, 0, CORE_VOCATIONAL_ENTRIES_MAX);
    }
    p->entries = sp_arena_alloc(ctx->arena, sizeof *p->entries * (n + 1));
    for (size_t i = 0; rc == SP_OK && i < n; i++) {
        memset(&p->entries[i], 0, sizeof p->entries[i]);
        rc = read_entry(ctx, json_array_get(list, i), i, &p->entries[i], err);
        p->entry_count = i + 1;
    }
    return rc;
}

static enum sp_code read_texts(struct api_ctx *ctx, struct vocational_profile *p,
                               struct sp_err *err)
{
    struct {
        const char *key;
        const char **out;
    } texts[] = {{"own_goals", &p->own_goals},
                 {"work_wanted", &p->work_wanted},
                 {"work_not_wanted", &p->work_not_wanted},
                 {"places", &p->places},
                 {"travel", &p->travel},
                 {"disclosure_note", &p->disclosure_note}};
    enum sp_code rc = SP_OK;

    for (size_t i = 0; rc == SP_OK && i < sizeof texts / sizeof texts[0]; i++)
        if (!json_is_null(json_object_get(ctx->body, texts[i].key)))
            rc = api_get_string(ctx->body, texts[i].key, false, 1, CORE_VOCATIONAL_TEXT_MAX,
                                ctx->arena, texts[i].out, err);
    return rc;
}

enum sp_code api_vocational_profile_put(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {
        "disclosure",   "disclosure_note", "own_goals", "work_wanted", "work_not_wanted",
        "hours_wanted", "places",          "travel",    "history",     NULL};
    struct vocational_profile p = {.enrolment_id = ctx->id, .hours_wanted = -1};
    int64_t hours = 0;
    bool present = false;
    enum sp_code rc = api_employment_gate(ctx, "update", true, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "disclosure", true, 1, 32, ctx->arena, &p.disclosure, err);
    if (rc == SP_OK && !core_episode_code_in(core_vocational_disclosures, p.disclosure))
        rc = api_one_of_listed("/disclosure", core_vocational_disclosures, err);
    if (rc == SP_OK)
        rc = read_texts(ctx, &p, err);
    if (rc == SP_OK && !json_is_null(json_object_get(ctx->body, "hours_wanted")))
        rc = api_get_int(ctx->body, "hours_wanted", false, 0, 168, &hours, &present, err);
    if (rc == SP_OK && present)
        p.hours_wanted = (int)hours;
    if (rc == SP_OK)
        rc = read_history(ctx, &p, err);
    if (rc != SP_OK)
        return rc;
    p.saved_by = ctx->subject->user->id;
    p.saved_by_name = ctx->subject->user->display_name;
    p.saved_at = ctx->now;
    rc = store_vocational_save(ctx->store, &p, ctx->has_if_match ? ctx->if_match : 0, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = p.version == 1 ? 201 : 200;
    ctx->etag_version = p.version;
    return api_answer(ctx, profile_json(&p), err);
}
