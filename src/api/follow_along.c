/* Follow-along support after a start (docs/api-contract.md "Employment and education track";
 * docs/employment-track.md "Follow-along support"): contacts with the young person and, when they
 * agreed to it on the episode, with their employer or school. IPS support is time-unlimited, so
 * no rule ends it.
 *   GET  /api/v1/enrolments/{id}/follow-along  newest first, paged
 *   POST /api/v1/enrolments/{id}/follow-along  {episode_id, date, with_whom, kind, note?} → 201
 * Read and written as the episodes are (policy_employment_access, policy_employment_write). */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/episode.h"
#include "policy/policy.h"

static json_t *follow_along_json(const struct follow_along *f)
{
    return api_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s*, s:o, s:s}", "id", (json_int_t)f->id,
                    "enrolment_id", (json_int_t)f->enrolment_id, "episode_id",
                    (json_int_t)f->episode_id, "date", f->date, "with_whom", f->with_whom, "kind",
                    f->kind, "note", f->note, "created_by",
                    api_user_ref(f->created_by, f->created_by_name), "created_at", f->created_at);
}

enum sp_code api_follow_along_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct follow_along *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_employment_list_gate(ctx, &page, err);

    if (rc == SP_OK)
        rc = store_follow_along_page(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more,
                                     err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, follow_along_json(&items[i]));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

/* The episode the contact follows: one of this enrolment's (else 422 no_such_record). */
static enum sp_code episode_of_body(struct api_ctx *ctx, struct episode *ep, struct sp_err *err)
{
    int64_t id = 0;
    bool present = false;
    enum sp_code rc = api_get_int(ctx->body, "episode_id", true, 1, INT64_MAX, &id, &present, err);

    if (rc == SP_OK)
        rc = store_episode_get(ctx->store, ctx->arena, id, ep, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && ep->enrolment_id != ctx->id))
        return sp_err_invalid(err, "/episode_id", SP_R_NO_SUCH_RECORD,
                              "The young person has no episode with this id.");
    return rc;
}

enum sp_code api_follow_along_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"episode_id", "date", "with_whom", "kind", "note", NULL};
    struct follow_along f = {.enrolment_id = ctx->id};
    struct episode ep;
    struct core_date date;
    struct core_date start;
    enum sp_code rc = api_employment_gate(ctx, "create", true, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = episode_of_body(ctx, &ep, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &f.date, &date, err);
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_FOLLOW_ALONG, date, "/date", err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "with_whom", true, 1, 32, ctx->arena, &f.with_whom, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "kind", true, 1, 32, ctx->arena, &f.kind, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "note", false, 1, CORE_FOLLOW_ALONG_NOTE_MAX, ctx->arena,
                            &f.note, err);
    if (rc == SP_OK && !api_stored_day(ep.start_date, &start))
        rc = sp_err_set(err, SP_INTERNAL, "", "A stored episode date is invalid.");
    if (rc == SP_OK)
        rc = core_follow_along_check(f.with_whom, f.kind, ep.contact_allowed, start, date, err);
    if (rc != SP_OK)
        return rc;
    f.episode_id = ep.id;
    f.created_by = ctx->subject->user->id;
    f.created_by_name = ctx->subject->user->display_name;
    f.created_at = ctx->now;
    rc = store_follow_along_add(ctx->store, &f, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, follow_along_json(&f), err);
}
