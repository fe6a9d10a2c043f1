/* Tasks of the joint plan: a case review's task and the team's, for a team member or the young
 * person, reach the person they were set for, on their start page and in the enrolment's joint
 * plan, and are marked done.
 *   GET   /api/v1/tasks?owner=me&state=open|done|all  the caller's tasks (open by default) on
 *         enrolments they still see, by due date (none last), paged: each with the young
 *         person's name and the enrolment id, so that a start page can link to them
 *   GET   /api/v1/enrolments/{id}/tasks?state=…  every task of one enrolment (all by default):
 *         the whole team sees them, they are the joint plan's
 *   POST  /api/v1/enrolments/{id}/tasks  {text, owner: {kind, user_id?}, due?, goal_id?} → 201:
 *         any member of the team; a member owner must be on the team (422 owner_not_on_team),
 *         the goal must be the enrolment's (422 no_such_record)
 *   PATCH /api/v1/tasks/{id}  If-Match: "<version>"  {done: true|false} → 200: a member's task
 *         its owner only, the young person's any member of the team (core_task_may_mark)
 * A task's text is written to be shared with the team (docs/security-model.md); the goal it is
 * linked to follows the goal's rule (policy_goal_text_visible): a treatment goal's words are left
 * out where the reader may not see them. That a task came from a case review (case_review_id) is
 * shown to health staff only; the review itself — recommendation, flags, date — never appears. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "api/views.h"
#include "core/date.h"
#include "core/date_bounds.h"
#include "core/task.h"
#include "policy/policy.h"

json_t *api_task_owner_json(const struct task *t)
{
    json_t *o;

    if (t->owner_kind != NULL && strcmp(t->owner_kind, CORE_TASK_OWNER_YOUNG_PERSON) == 0)
        return api_pack("{s:s}", "kind", CORE_TASK_OWNER_YOUNG_PERSON);
    o = api_user_ref(t->owner_id, t->owner_name);
    api_put(&o, "kind", json_string(CORE_TASK_OWNER_MEMBER));
    return o;
}

/* The goal a task is linked to, {id, area, status, text?}, or null; its text only when
 * goal_text_visible (the goal's own rule, applied by the caller). */
static json_t *task_goal_json(const struct task *t, bool goal_text_visible)
{
    json_t *o;

    if (t->goal_id <= 0)
        return json_null();
    o = api_pack("{s:I, s:s, s:s}", "id", (json_int_t)t->goal_id, "area",
                 t->goal_area ? t->goal_area : "", "status", t->goal_status ? t->goal_status : "");
    if (goal_text_visible && t->goal_text != NULL)
        api_put(&o, "text", json_string(t->goal_text));
    return o;
}

static json_t *task_json(const struct task *t, bool health_staff, bool goal_text_visible,
                         struct core_date today)
{
    bool done = t->done_at != NULL;
    struct core_date due;
    bool has_due = api_stored_day(t->due, &due);
    json_t *o = api_pack(
        "{s:I, s:I, s:{s:I, s:s}, s:s, s:s, s:b, s:o, s:o, s:s, s:I, s:s*, s:s*, s:s*}", "id",
        (json_int_t)t->id, "enrolment_id", (json_int_t)t->enrolment_id, "citizen", "id",
        (json_int_t)t->citizen_id, "name", t->citizen_name ? t->citizen_name : "",
        "enrolment_status", t->enrolment_status, "text", t->text, "overdue",
        core_task_overdue(done, has_due ? &due : NULL, today), "owner", api_task_owner_json(t),
        "created_by", api_user_ref(t->created_by, t->created_by_name), "created_at", t->created_at,
        "version", (json_int_t)t->version, "due", t->due, "created_role", t->created_role,
        "done_at", t->done_at);

    if (done && t->done_by > 0)
        api_put(&o, "done_by", api_user_ref(t->done_by, t->done_by_name));
    if (health_staff && t->case_review_id > 0)
        api_put(&o, "case_review_id", json_integer(t->case_review_id));
    api_put(&o, "goal", task_goal_json(t, goal_text_visible));
    return o;
}

/* May the reader see the words of the goal task t is linked to? With the enrolment's view, the
 * goal's rule; without one (a list across enrolments), a treatment goal's words only to health
 * staff, who see them on every enrolment they may read. */
static bool goal_text_visible(const struct task *t, const struct policy_enrolment_view *view,
                              bool health_staff)
{
    if (t->goal_area == NULL)
        return false;
    if (view != NULL)
        return policy_goal_text_visible(view, t->goal_area);
    return health_staff || strcmp(t->goal_area, "treatment") != 0;
}

/* state=open|done|all (default_state when absent) → the store's filter value (NULL for all). */
static enum sp_code parse_state(struct api_ctx *ctx, const char *default_state, const char **state,
                                struct sp_err *err)
{
    const char *v = ctx->query(ctx->conn, "state");

    if (v == NULL)
        v = default_state;
    static const char *const states[] = {"open", "done", "all"};

    if (strcmp(v, "open") != 0 && strcmp(v, "done") != 0 && strcmp(v, "all") != 0)
        return api_one_of("state", states, 3, err);
    *state = strcmp(v, "all") == 0 ? NULL : v;
    return SP_OK;
}

/* One page of tasks as {items, next_cursor}; each distinct citizen listed is a read. */
static enum sp_code reply_tasks(struct api_ctx *ctx, const char *const *params,
                                const struct store_task_filter *filter, bool health_staff,
                                const struct policy_enrolment_view *view, struct sp_err *err)
{
    struct store_page page;
    struct task *items = NULL;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_get_list_query(ctx, params, &page, err);

    if (rc == SP_OK)
        rc = store_task_list(ctx->store, ctx->arena, filter, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++) {
        bool seen = false;

        for (size_t j = 0; j < i && !seen; j++)
            seen = items[j].citizen_id == items[i].citizen_id;
        /* One enrolment's list (view given) was audited by its handler. */
        if (view == NULL && !seen)
            api_audit(ctx, items[i].citizen_id, "read");
        api_push(&list, task_json(&items[i], health_staff,
                                  goal_text_visible(&items[i], view, health_staff), ctx->today));
    }
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

enum sp_code api_tasks_list(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"owner", "state", NULL};
    static const char *const me[] = {"me"};
    struct store_task_filter filter = {0};
    const char *owner = ctx->query(ctx->conn, "owner");
    enum sp_code rc = policy_visible_teams(ctx->subject, ctx->arena, &filter.teams, err);

    /* Only one's own for now: owner=me is the default and the one value. */
    if (rc == SP_OK && owner != NULL && strcmp(owner, "me") != 0)
        rc = api_one_of("owner", me, 1, err);
    if (rc == SP_OK)
        rc = parse_state(ctx, "open", &filter.state, err);
    if (rc != SP_OK)
        return rc;
    filter.owner_id = ctx->subject->user->id;
    return reply_tasks(ctx, params, &filter, policy_health_staff(ctx->subject), NULL, err);
}

enum sp_code api_enrolment_tasks_list(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"state", NULL};
    struct store_task_filter filter = {.enrolment_id = ctx->id};
    struct policy_enrolment_view view = {0};
    int64_t citizen_id = 0;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, &view, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_OK)
        rc = parse_state(ctx, "all", &filter.state, err);
    if (rc != SP_OK)
        return rc;
    return reply_tasks(ctx, params, &filter, view.health_detail, &view, err);
}

enum sp_code api_tasks_patch(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"done", NULL};
    struct task t = {0};
    struct policy_enrolment_view view = {0};
    int64_t citizen_id = 0;
    int64_t version = 0;
    bool done = false;
    enum sp_code rc = store_task_get(ctx->store, ctx->arena, ctx->id, &t, err);

    if (rc == SP_OK)
        rc = policy_task_mark(ctx->subject, ctx->store, ctx->arena, &t, &citizen_id, err);
    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "update");
    /* A task on an enrolment the caller may not know of answers as one that does not exist. */
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such task.");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_bool(ctx->body, "done", true, &done, err);
    if (rc == SP_OK && t.version != ctx->if_match) {
        err->current_version = t.version;
        rc = sp_err_set(err, SP_STALE, "",
                        "The task has changed since it was read. Read it again and retry.");
    }
    /* Marking a done task done again changes nothing (its done_at stays the first one). */
    if (rc == SP_OK && done != (t.done_at != NULL))
        rc = store_task_set_done(ctx->store, t.id, ctx->if_match, done ? ctx->subject->user->id : 0,
                                 ctx->now, &version, err);
    if (rc == SP_OK)
        rc = store_task_get(ctx->store, ctx->arena, ctx->id, &t, err);
    if (rc == SP_OK)
        rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, t.enrolment_id,
                                   &citizen_id, &view, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = t.version;
    return api_answer(ctx,
                      task_json(&t, policy_health_staff(ctx->subject),
                                goal_text_visible(&t, &view, false), ctx->today),
                      err);
}

/* Members of the owner object are reported under /owner. */
static enum sp_code under_owner(enum sp_code rc, struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX + 8];

    if (rc != SP_INVALID || strncmp(err->field, "/owner", 6) == 0)
        return rc;
    snprintf(field, sizeof field, "/owner%s", err->field);
    snprintf(err->field, sizeof err->field, "%.*s", (int)sizeof err->field - 1, field);
    return rc;
}

/* owner: {kind: "member", user_id} — an enabled member of the enrolment's team — or
 * {kind: "young_person"} with no user_id. */
static enum sp_code read_owner(struct api_ctx *ctx, struct task *t, struct sp_err *err)
{
    static const char *const allowed[] = {"kind", "user_id", NULL};
    const json_t *owner = json_object_get(ctx->body, "owner");
    bool member = false;
    bool on_team = false;
    enum sp_code rc;

    if (owner == NULL)
        return sp_err_invalid(err, "/owner", SP_R_REQUIRED, "Say who owns the task.");
    if (!json_is_object(owner))
        return api_wrong_type("/owner", "object", err);
    rc = api_reject_unknown(owner, allowed, err);
    if (rc == SP_OK)
        rc = api_get_string(owner, "kind", true, 1, 32, ctx->arena, &t->owner_kind, err);
    if (rc == SP_OK && !core_task_owner_kind_valid(t->owner_kind))
        rc = api_one_of_listed("/kind", core_task_owner_kinds, err);
    member = rc == SP_OK && strcmp(t->owner_kind, CORE_TASK_OWNER_MEMBER) == 0;
    if (rc == SP_OK && !member && json_object_get(owner, "user_id") != NULL)
        rc =
            sp_err_invalid(err, "/user_id", SP_R_INVALID, "The young person's task names no user.");
    if (rc == SP_OK && member)
        rc = api_get_int(owner, "user_id", true, 1, INT64_MAX, &t->owner_id, NULL, err);
    if (rc == SP_OK && member)
        rc = store_enrolment_team_has(ctx->store, ctx->id, t->owner_id, &on_team, err);
    if (rc == SP_OK && member && !on_team)
        rc = sp_err_invalid(err, "/user_id", SP_R_OWNER_NOT_ON_TEAM,
                            "A task goes to a member of the enrolment's team.");
    return under_owner(rc, err);
}

/* goal_id: a goal of this enrolment. One of another enrolment answers as one that does not
 * exist, so that nothing is learnt of it. */
static enum sp_code read_goal_link(struct api_ctx *ctx, struct task *t, struct sp_err *err)
{
    struct plan_goal g;
    enum sp_code rc;

    if (json_object_get(ctx->body, "goal_id") == NULL)
        return SP_OK;
    rc = api_get_int(ctx->body, "goal_id", true, 1, INT64_MAX, &t->goal_id, NULL, err);
    if (rc == SP_OK)
        rc = store_goal_get(ctx->store, ctx->arena, t->goal_id, &g, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && g.enrolment_id != ctx->id))
        return sp_err_invalid(err, "/goal_id", SP_R_NO_SUCH_RECORD,
                              "This enrolment has no such goal.");
    return rc;
}

enum sp_code api_enrolment_tasks_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"text", "owner", "due", "goal_id", NULL};
    struct policy_enrolment_view view = {0};
    struct task t = {.enrolment_id = ctx->id};
    struct core_date due;
    char location[64];
    int64_t citizen_id = 0;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, &view, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "create");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "text", true, 1, CORE_TASK_TEXT_MAX, ctx->arena, &t.text,
                            err);
    if (rc == SP_OK)
        rc = read_owner(ctx, &t, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "due", false, ctx->arena, &t.due, &due, err);
    if (rc == SP_OK && t.due != NULL)
        rc = api_check_enrolment_date(ctx, DATE_KIND_TASK_DUE, due, "/due", err);
    if (rc == SP_OK)
        rc = read_goal_link(ctx, &t, err);
    if (rc != SP_OK)
        return rc;
    t.created_by = ctx->subject->user->id;
    t.created_at = ctx->now;
    t.created_role = policy_audit_role(ctx->subject);
    rc = store_task_add(ctx->store, &t, err);
    if (rc == SP_OK)
        rc = store_task_get(ctx->store, ctx->arena, t.id, &t, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    ctx->etag_version = t.version;
    snprintf(location, sizeof location, "/api/v1/tasks/%lld", (long long)t.id);
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    /* The goal without its words: the answer may be replayed (Idempotency-Key) after a consent
     * has been withdrawn, past a gate that asks only for the team (replay.c). */
    return api_answer(ctx, task_json(&t, view.health_detail, false, ctx->today), err);
}
