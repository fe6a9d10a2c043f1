/* Case reviews: the supervising clinician's recommendation on a flagged citizen (AIMS Center:
 * "systematic caseload review and consultation"; docs/sources.md), kept with the flags it
 * looked at, and optionally a task for a named member of the citizen's team (the joint plan of
 * a later issue lists those tasks).
 *   GET  /api/v1/enrolments/{id}/case-reviews  the reviews, oldest first, paged: health staff on
 *                                              the team (the care manager reads the advice here)
 *   POST /api/v1/enrolments/{id}/case-reviews  {date, recommendation, task?: {owner_id, text,
 *                                              due?}} → 201: supervising clinicians only */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "policy/policy.h"

static json_t *task_json(const struct task *t)
{
    return api_pack("{s:I, s:o, s:s, s:s*, s:s*}", "id", (json_int_t)t->id, "owner",
                    api_user_ref(t->owner_id, t->owner_name), "text", t->text, "due", t->due,
                    "done_at", t->done_at);
}

static json_t *review_json(const struct case_review *r)
{
    json_t *o =
        api_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)r->id, "enrolment_id",
                 (json_int_t)r->enrolment_id, "date", r->date, "recommendation", r->recommendation,
                 "flags", api_codes_json(r->flags), "reviewer",
                 api_user_ref(r->reviewer_id, r->reviewer_name), "recorded_at", r->recorded_at);

    if (r->task != NULL)
        api_put(&o, "task", task_json(r->task));
    return o;
}

enum sp_code api_case_reviews_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct case_review *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_treatment_gate(ctx, "read", err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_case_review_list(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more,
                                    err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, review_json(&items[i]));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

/* Is the task's owner on the citizen's team? Their name goes into the answer. */
static enum sp_code owner_on_team(struct api_ctx *ctx, struct task *t, bool *member,
                                  struct sp_err *err)
{
    struct store_page page = {.after = 0, .limit = 200};
    bool more = true;
    enum sp_code rc = SP_OK;

    *member = false;
    /* Page by page through the whole team, however large. */
    while (rc == SP_OK && more && !*member) {
        struct team_person *people = NULL;
        size_t count = 0;

        rc = store_enrolment_team_people(ctx->store, ctx->arena, ctx->id, &page, &people, &count,
                                         &more, err);
        for (size_t i = 0; rc == SP_OK && i < count && !*member; i++) {
            if (people[i].user_id == t->owner_id) {
                *member = true;
                t->owner_name = people[i].display_name;
            }
        }
        if (count > 0)
            page.after = people[count - 1].user_id;
    }
    return rc;
}

/* The task part: owner on the citizen's team, text, optional due date. */
static enum sp_code read_task(struct api_ctx *ctx, const json_t *body, struct task *t,
                              struct sp_err *err)
{
    static const char *const allowed[] = {"owner_id", "text", "due", NULL};
    struct core_date due;
    bool member = false;
    enum sp_code rc = json_is_object(body) ? api_reject_unknown(body, allowed, err)
                                           : api_wrong_type("/task", "object", err);

    if (rc == SP_OK)
        rc = api_get_int(body, "owner_id", true, 1, INT64_MAX, &t->owner_id, NULL, err);
    if (rc == SP_OK)
        rc = api_get_string(body, "text", true, 1, 2000, ctx->arena, &t->text, err);
    if (rc == SP_OK)
        rc = api_get_date(body, "due", false, ctx->arena, &t->due, &due, err);
    if (rc == SP_OK && t->due != NULL)
        rc = api_check_enrolment_date(ctx, DATE_KIND_TASK_DUE, due, "/due", err);
    if (rc == SP_OK)
        rc = owner_on_team(ctx, t, &member, err);
    if (rc == SP_OK && !member)
        rc = sp_err_invalid(err, "/task/owner_id", SP_R_OWNER_NOT_ON_TEAM,
                            "A task goes to a member of the citizen's team.");
    /* Members of the task object are reported under /task. */
    if (rc == SP_INVALID && strncmp(err->field, "/task", 5) != 0) {
        char field[SP_ERR_FIELD_MAX + 8];

        snprintf(field, sizeof field, "/task%s", err->field);
        snprintf(err->field, sizeof err->field, "%.*s", (int)sizeof err->field - 1, field);
    }
    return rc;
}

enum sp_code api_case_reviews_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"date", "recommendation", "task", NULL};
    struct case_review r = {0};
    struct core_date date;
    const char *flags = NULL;
    enum sp_code rc = policy_case_review(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_treatment_gate(ctx, "case_review", err);
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &r.date, &date, err);
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_CASE_REVIEW, date, "/date", err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "recommendation", true, 1, 4000, ctx->arena,
                            &r.recommendation, err);
    if (rc == SP_OK && json_object_get(ctx->body, "task") != NULL) {
        r.task = sp_arena_alloc(ctx->arena, sizeof *r.task);
        memset(r.task, 0, sizeof *r.task);
        rc = read_task(ctx, json_object_get(ctx->body, "task"), r.task, err);
    }
    if (rc == SP_OK)
        rc = api_caseload_flags_of(ctx, ctx->id, &flags, err);
    if (rc != SP_OK)
        return rc;
    r.enrolment_id = ctx->id;
    r.flags = flags;
    r.reviewer_id = ctx->subject->user->id;
    r.reviewer_name = ctx->subject->user->display_name;
    r.recorded_at = ctx->now;
    if (r.task != NULL) {
        r.task->enrolment_id = ctx->id;
        r.task->created_by = r.reviewer_id;
        r.task->created_at = ctx->now;
        r.task->created_role = "supervising_clinician"; /* only they record reviews */
    }
    rc = store_case_review_add(ctx->store, &r, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, review_json(&r), err);
}
