/* The joint plan's goals (docs/api-contract.md "Joint plan: goals and coordinator").
 *   GET   /api/v1/enrolments/{id}/goals  the enrolment's goals in the order they were set, paged
 *   POST  /api/v1/enrolments/{id}/goals  {area, text, due_date?, agreed_with_young_person?,
 *         agreed_by?} → 201, a new open goal (its first history row written with it)
 *   GET   /api/v1/goals/{id}
 *   PATCH /api/v1/goals/{id}  If-Match: "<version>"  {text?, due_date?, agreed_with_young_person?,
 *         agreed_by?, status?, note?}: a status move (core/goal.c) writes a history row with the
 * note GET   /api/v1/goals/{id}/history  every status change, oldest first (creation included) The
 * whole team of the enrolment sees the plan, both sectors; a treatment goal's words (its text and
 * status notes) only under policy_goal_text_visible: left out otherwise. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/date.h"
#include "core/date_bounds.h"
#include "core/goal.h"
#include "policy/policy.h"

static json_t *goal_json(const struct plan_goal *g, bool text_visible)
{
    json_t *o = api_pack(
        "{s:I, s:I, s:s, s:s, s:s*, s:b, s:s*, s:o, s:s, s:I}", "id", (json_int_t)g->id,
        "enrolment_id", (json_int_t)g->enrolment_id, "area", g->area, "status", g->status,
        "due_date", g->due_date, "agreed_with_young_person", g->agreed_with_young_person,
        "agreed_by", g->agreed_by, "created_by", api_user_ref(g->created_by, g->created_by_name),
        "created_at", g->created_at, "version", (json_int_t)g->version);

    if (text_visible)
        api_put(&o, "text", json_string(g->text));
    return o;
}

enum sp_code api_goals_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct policy_enrolment_view view = {0};
    struct plan_goal *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    int64_t citizen_id = 0;
    json_t *list;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, &view, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_goal_list(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, goal_json(&items[i], policy_goal_text_visible(&view, items[i].area)));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

/* The area member as the policy question needs it before the body is checked: "" when absent or
 * not a string (the check then refuses it). */
static const char *body_area(const json_t *body)
{
    const char *area = json_string_value(json_object_get(body, "area"));

    return area != NULL ? area : "";
}

/* The goal's text: trimmed, 1..CORE_GOAL_TEXT_MAX characters (core_goal_text_check). */
static enum sp_code read_text(struct api_ctx *ctx, bool required, const char **text,
                              struct sp_err *err)
{
    const char *raw = NULL;
    const char *start = NULL;
    size_t len = 0;
    enum sp_code rc =
        api_get_string(ctx->body, "text", required, 0, 1u << 20, ctx->arena, &raw, err);

    if (rc == SP_OK && raw != NULL)
        rc = core_goal_text_check(raw, "/text", &start, &len, err);
    if (rc == SP_OK && raw != NULL)
        *text = sp_arena_strndup(ctx->arena, start, len);
    return rc;
}

/* due_date (null clears it when `nullable`), within DATE_KIND_GOAL_DUE's bounds for the enrolment
 * the goal is on: api_check_enrolment_date reads the path's id as the enrolment. */
static enum sp_code read_due(struct api_ctx *ctx, int64_t enrolment_id, bool nullable,
                             const char **due, struct sp_err *err)
{
    const json_t *v = json_object_get(ctx->body, "due_date");
    struct core_date d;
    int64_t path_id = ctx->id;
    enum sp_code rc;

    if (v == NULL)
        return SP_OK;
    if (nullable && json_is_null(v)) {
        *due = NULL;
        return SP_OK;
    }
    rc = api_get_date(ctx->body, "due_date", true, ctx->arena, due, &d, err);
    ctx->id = enrolment_id;
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_GOAL_DUE, d, "/due_date", err);
    ctx->id = path_id;
    return rc;
}

/* agreed_with_young_person and agreed_by (one line, 1..CORE_GOAL_AGREED_BY_MAX; null clears it
 * when `nullable`). */
static enum sp_code read_agreement(struct api_ctx *ctx, bool nullable, struct plan_goal *g,
                                   struct sp_err *err)
{
    enum sp_code rc = api_get_bool(ctx->body, "agreed_with_young_person", false,
                                   &g->agreed_with_young_person, err);

    if (rc == SP_OK && nullable && json_is_null(json_object_get(ctx->body, "agreed_by")))
        g->agreed_by = NULL;
    else if (rc == SP_OK && json_object_get(ctx->body, "agreed_by") != NULL)
        rc = api_get_line(ctx->body, "agreed_by", true, 1, CORE_GOAL_AGREED_BY_MAX, ctx->arena,
                          &g->agreed_by, err);
    return rc;
}

enum sp_code api_goals_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {
        "area", "text", "due_date", "agreed_with_young_person", "agreed_by", NULL};
    struct plan_goal g = {.enrolment_id = ctx->id};
    char location[64];
    const char *area = body_area(ctx->body);
    int64_t citizen_id = 0;
    enum sp_code rc =
        policy_goal_write(ctx->subject, ctx->store, ctx->arena, ctx->id, area, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "create");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "area", true, 1, 32, ctx->arena, &g.area, err);
    if (rc == SP_OK && !core_goal_area_valid(g.area))
        rc = api_one_of_listed("/area", core_goal_areas, err);
    if (rc == SP_OK)
        rc = read_text(ctx, true, &g.text, err);
    if (rc == SP_OK)
        rc = read_due(ctx, ctx->id, false, &g.due_date, err);
    if (rc == SP_OK)
        rc = read_agreement(ctx, false, &g, err);
    if (rc != SP_OK)
        return rc;
    g.created_by = ctx->subject->user->id;
    g.created_by_name = ctx->subject->user->display_name;
    g.created_at = ctx->now;
    rc = store_goal_add(ctx->store, &g, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    ctx->etag_version = g.version;
    snprintf(location, sizeof location, "/api/v1/goals/%lld", (long long)g.id);
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    return api_answer(ctx, goal_json(&g, true), err);
}

/* The goal of the path and whether the caller sees its words; a goal on an enrolment the caller
 * may not know of answers as one that does not exist. The read is audited as `action` (NULL: not
 * again, when the handler audited the request already). */
static enum sp_code read_goal(struct api_ctx *ctx, const char *action, struct plan_goal *g,
                              bool *text_visible, struct sp_err *err)
{
    struct policy_enrolment_view view = {0};
    int64_t citizen_id = 0;
    enum sp_code rc = store_goal_get(ctx->store, ctx->arena, ctx->id, g, err);

    if (rc == SP_OK)
        rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, g->enrolment_id,
                                   &citizen_id, &view, err);
    if (citizen_id > 0 && action != NULL)
        api_audit(ctx, citizen_id, action);
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such goal.");
    *text_visible = rc == SP_OK && policy_goal_text_visible(&view, g->area);
    return rc;
}

enum sp_code api_goals_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct plan_goal g;
    bool text_visible = false;
    enum sp_code rc = read_goal(ctx, "read", &g, &text_visible, err);

    if (rc != SP_OK)
        return rc;
    ctx->etag_version = g.version;
    return api_answer(ctx, goal_json(&g, text_visible), err);
}

/* status and note of a PATCH: a move core/goal.c allows (422 status_move listing the moves),
 * and a note only with a move. *to NULL when no status was sent. */
static enum sp_code read_move(struct api_ctx *ctx, const struct plan_goal *g, const char **to,
                              const char **note, struct sp_err *err)
{
    enum sp_code rc = api_get_string(ctx->body, "status", false, 1, 32, ctx->arena, to, err);
    const char *const *moves = core_goal_moves(g->status);
    size_t n = 0;

    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "note", false, 1, CORE_GOAL_NOTE_MAX, ctx->arena, note, err);
    if (rc != SP_OK)
        return rc;
    if (*to != NULL && !core_goal_status_valid(*to))
        return api_one_of_listed("/status", core_goal_statuses, err);
    if (*to != NULL && !core_goal_can_move(g->status, *to)) {
        while (moves[n] != NULL)
            n++;
        sp_err_invalid(err, "/status", SP_R_STATUS_MOVE, "A goal cannot move from %s to %s.",
                       g->status, *to);
        return sp_err_allowed(err, moves, n);
    }
    if (*note != NULL && *to == NULL)
        return sp_err_invalid(err, "/note", SP_R_INVALID, "A note goes with a status change.");
    return SP_OK;
}

enum sp_code api_goals_patch(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {
        "text", "due_date", "agreed_with_young_person", "agreed_by", "status", "note", NULL};
    struct plan_goal g;
    bool text_visible = false;
    const char *to = NULL;
    const char *note = NULL;
    int64_t citizen_id = 0;
    int64_t version = 0;
    enum sp_code rc = store_goal_get(ctx->store, ctx->arena, ctx->id, &g, err);

    if (rc == SP_OK)
        rc = policy_goal_write(ctx->subject, ctx->store, ctx->arena, g.enrolment_id, g.area,
                               &citizen_id, err);
    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "update");
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such goal.");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK && json_object_size(ctx->body) == 0)
        rc = sp_err_invalid(err, "", SP_R_NOTHING_TO_CHANGE, "Give at least one member to change.");
    if (rc == SP_OK && g.version != ctx->if_match) {
        err->current_version = g.version;
        rc = sp_err_set(err, SP_STALE, "",
                        "The goal has changed since it was read. Read it again and retry.");
    }
    if (rc == SP_OK)
        rc = read_text(ctx, false, &g.text, err);
    if (rc == SP_OK)
        rc = read_due(ctx, g.enrolment_id, true, &g.due_date, err);
    if (rc == SP_OK)
        rc = read_agreement(ctx, true, &g, err);
    if (rc == SP_OK)
        rc = read_move(ctx, &g, &to, &note, err);
    if (rc == SP_OK)
        rc = store_goal_update(ctx->store, &g, ctx->if_match, to, note, ctx->subject->user->id,
                               ctx->now, &version, err);
    if (rc == SP_OK)
        rc = read_goal(ctx, NULL, &g, &text_visible, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = g.version;
    return api_answer(ctx, goal_json(&g, text_visible), err);
}

enum sp_code api_goal_history_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct plan_goal g;
    struct plan_goal_change *items = NULL;
    size_t count = 0;
    bool text_visible = false;
    json_t *list;
    enum sp_code rc = read_goal(ctx, "read", &g, &text_visible, err);

    if (rc == SP_OK)
        rc = store_goal_history(ctx->store, ctx->arena, g.id, &items, &count, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++) {
        const struct plan_goal_change *c = &items[i];
        json_t *o =
            api_pack("{s:s*, s:s, s:o, s:s}", "from_status", c->from_status, "to_status",
                     c->to_status, "changed_by", api_user_ref(c->changed_by, c->changed_by_name),
                     "changed_at", c->changed_at);

        /* A note on a treatment goal's move speaks of the same health matters as its text. */
        if (text_visible && c->note != NULL)
            api_put(&o, "note", json_string(c->note));
        api_push(&list, o);
    }
    return api_answer(ctx, api_pack("{s:o, s:n}", "items", list, "next_cursor"), err);
}
