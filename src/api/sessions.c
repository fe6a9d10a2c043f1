/* Treatment sessions (contacts) of an enrolment (health detail: health staff on the team only).
 *   GET  /api/v1/enrolments/{id}/sessions  oldest first, paged (limit, cursor)
 *   POST /api/v1/enrolments/{id}/sessions  {date, kind, duration_min, note} → 201; kind is
 *                                          individual, group, phone, video or walk_and_talk */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

static const char *const kinds[] = {"individual", "group", "phone", "video", "walk_and_talk"};

static json_t *session_json(const struct treatment_session *s)
{
    return api_pack("{s:I, s:I, s:s, s:s, s:i, s:s, s:o, s:s}", "id", (json_int_t)s->id,
                    "enrolment_id", (json_int_t)s->enrolment_id, "date", s->date, "kind", s->kind,
                    "duration_min", s->duration_min, "note", s->note, "recorded_by",
                    api_user_ref(s->recorded_by, s->recorded_by_name), "recorded_at",
                    s->recorded_at);
}

enum sp_code api_sessions_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct treatment_session *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_treatment_gate(ctx, "read", err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_treatment_session_list(ctx->store, ctx->arena, ctx->id, &page, &items, &count,
                                          &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, session_json(&items[i]));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

enum sp_code api_sessions_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"date", "kind", "duration_min", "note", NULL};
    struct treatment_session s = {0};
    struct core_date date;
    int64_t duration = 0;
    bool known = false;
    enum sp_code rc = api_treatment_gate(ctx, "session", err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &s.date, &date, err);
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_SESSION, date, "/date", err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "kind", true, 1, 16, ctx->arena, &s.kind, err);
    for (size_t i = 0; rc == SP_OK && i < sizeof kinds / sizeof kinds[0]; i++)
        known = known || strcmp(s.kind, kinds[i]) == 0;
    if (rc == SP_OK && !known)
        rc = api_one_of("/kind", kinds, sizeof kinds / sizeof kinds[0], err);
    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "duration_min", true, 1, 600, &duration, NULL, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "note", true, 0, 10000, ctx->arena, &s.note, err);
    if (rc != SP_OK)
        return rc;
    s.enrolment_id = ctx->id;
    s.duration_min = (int)duration;
    s.recorded_by = ctx->subject->user->id;
    s.recorded_by_name = ctx->subject->user->display_name;
    s.recorded_at = ctx->now;
    rc = api_take_on_caseload(ctx, err);
    if (rc == SP_OK)
        rc = store_treatment_session_add(ctx->store, &s, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, session_json(&s), err);
}
