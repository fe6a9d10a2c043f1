/* Tasks for their owners: a case review's task (and later the joint plan's) reaches the person it
 * was set for, on their start page and in the enrolment's joint plan, and its owner marks it done.
 *   GET   /api/v1/tasks?owner=me&state=open|done|all  the caller's tasks (open by default) on
 *         enrolments they still see, by due date (none last), paged: each with the young
 *         person's name and the enrolment id, so that a start page can link to them
 *   GET   /api/v1/enrolments/{id}/tasks?state=…  every task of one enrolment (all by default):
 *         the whole team sees them, they are the joint plan's
 *   PATCH /api/v1/tasks/{id}  If-Match: "<version>"  {done: true|false} → 200: its owner only
 * A task carries no health detail: its text is written to be shared with the team
 * (docs/security-model.md). That it came from a case review (case_review_id) is shown to health
 * staff only; the review itself — recommendation, flags, date — never appears here. */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/date.h"
#include "core/task.h"
#include "policy/policy.h"

static json_t *task_json(const struct task *t, bool health_staff, struct core_date today)
{
    bool done = t->done_at != NULL;
    struct core_date due;
    bool has_due = api_stored_day(t->due, &due);
    json_t *o =
        api_pack("{s:I, s:I, s:{s:I, s:s}, s:s, s:s, s:b, s:o, s:o, s:s, s:I, s:s*, s:s*, s:s*}",
                 "id", (json_int_t)t->id, "enrolment_id", (json_int_t)t->enrolment_id, "citizen",
                 "id", (json_int_t)t->citizen_id, "name", t->citizen_name ? t->citizen_name : "",
                 "enrolment_status", t->enrolment_status, "text", t->text, "overdue",
                 core_task_overdue(done, has_due ? &due : NULL, today), "owner",
                 api_user_ref(t->owner_id, t->owner_name), "created_by",
                 api_user_ref(t->created_by, t->created_by_name), "created_at", t->created_at,
                 "version", (json_int_t)t->version, "due", t->due, "created_role", t->created_role,
                 "done_at", t->done_at);

    if (done && t->done_by > 0)
        api_put(&o, "done_by", api_user_ref(t->done_by, t->done_by_name));
    if (health_staff && t->case_review_id > 0)
        api_put(&o, "case_review_id", json_integer(t->case_review_id));
    return o;
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
                                bool audit_each, struct sp_err *err)
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
        if (audit_each && !seen)
            api_audit(ctx, items[i].citizen_id, "read");
        api_push(&list, task_json(&items[i], health_staff, ctx->today));
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
    return reply_tasks(ctx, params, &filter, policy_health_staff(ctx->subject), true, err);
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
    return reply_tasks(ctx, params, &filter, view.health_detail, false, err);
}

enum sp_code api_tasks_patch(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"done", NULL};
    struct task t = {0};
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
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = t.version;
    return api_answer(ctx, task_json(&t, policy_health_staff(ctx->subject), ctx->today), err);
}
