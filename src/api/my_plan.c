/* "Min plan": what the young person has been told of their joint plan (issue 11, "Min plan";
 * docs/api-contract.md "Min plan").
 *   GET /api/v1/enrolments/{id}/my-plan  {enrolment_id, coordinator, goals, tasks, next_meetings,
 *       health_detail}
 * The team reads it to print it for the young person (purpose joint_plan, audited as a read).
 * Goals: open and agreed with the young person. Tasks: open, the young person's own and those
 * linked to a goal (a case review's task is the team's work, not the young person's plan).
 * Nothing of health on it unless the reader may see health detail (view.health_detail — there is
 * no young person's login yet, the reader is a team member): a treatment goal is then named as
 * one without its words, and a task linked to it is left out. Next meetings: those of the young
 * person dated today or later (a group session once they are a participant), soonest first, with
 * date, kind, length, place and a group session's topic — never a note, the staff or other
 * participants. */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "core/date.h"
#include "core/task.h"
#include "policy/policy.h"

static bool is_treatment(const char *area)
{
    return area != NULL && strcmp(area, "treatment") == 0;
}

static json_t *goals_json(const struct plan_goal *goals, size_t count, bool health_detail)
{
    json_t *list = json_array();

    for (size_t i = 0; i < count; i++) {
        const struct plan_goal *g = &goals[i];
        bool shown = health_detail || !is_treatment(g->area);
        json_t *o = api_pack("{s:I, s:s, s:s*, s:b}", "id", (json_int_t)g->id, "area", g->area,
                             "due_date", g->due_date, "text_hidden", !shown);

        if (shown)
            api_put(&o, "text", json_string(g->text));
        api_push(&list, o);
    }
    return list;
}

static json_t *tasks_json(const struct task *tasks, size_t count, bool health_detail)
{
    json_t *list = json_array();

    for (size_t i = 0; i < count; i++) {
        const struct task *t = &tasks[i];
        bool young_person =
            t->owner_kind != NULL && strcmp(t->owner_kind, CORE_TASK_OWNER_YOUNG_PERSON) == 0;
        json_t *owner = young_person ? api_pack("{s:s}", "kind", CORE_TASK_OWNER_YOUNG_PERSON)
                                     : api_pack("{s:s, s:s}", "kind", CORE_TASK_OWNER_MEMBER,
                                                "name", t->owner_name ? t->owner_name : "");

        if (is_treatment(t->goal_area) && !health_detail) {
            json_decref(owner);
            continue;
        }
        api_push(&list, api_pack("{s:I, s:s, s:s*, s:o, s:o}", "id", (json_int_t)t->id, "text",
                                 t->text, "due", t->due, "owner", owner, "goal_id",
                                 t->goal_id > 0 ? json_integer(t->goal_id) : json_null()));
    }
    return list;
}

static json_t *meetings_json(const struct meeting *items, size_t count)
{
    json_t *list = json_array();

    for (size_t i = 0; i < count; i++) {
        const struct meeting *m = &items[i];
        bool group = strcmp(m->kind, "group") == 0;

        api_push(&list,
                 api_pack("{s:I, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)m->id, "date",
                          m->date, "kind", m->kind, "duration_minutes",
                          m->duration_minutes > 0 ? json_integer(m->duration_minutes) : json_null(),
                          "place", m->place != NULL ? json_string(m->place) : json_null(), "topic",
                          group && m->topic != NULL ? json_string(m->topic) : json_null()));
    }
    return list;
}

/* The young person's meetings from today on. */
static enum sp_code next_meetings_json(struct api_ctx *ctx, json_t **out, struct sp_err *err)
{
    struct meeting *items = NULL;
    size_t count = 0;
    char today[11];
    enum sp_code rc;

    core_date_format(ctx->today, today);
    rc = store_meeting_upcoming(ctx->store, ctx->arena, ctx->id, today, &items, &count, err);
    *out = rc == SP_OK ? meetings_json(items, count) : NULL;
    return rc;
}

/* The coordinator now, {name} or null. */
static enum sp_code coordinator_json(struct api_ctx *ctx, json_t **out, struct sp_err *err)
{
    struct coordinator *items = NULL;
    size_t count = 0;
    enum sp_code rc =
        store_coordinator_history(ctx->store, ctx->arena, ctx->id, &items, &count, err);

    *out = json_null();
    if (rc == SP_OK && count > 0 && items[0].user_id > 0)
        *out = api_pack("{s:s}", "name", items[0].user_name ? items[0].user_name : "");
    return rc;
}

enum sp_code api_my_plan_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct policy_enrolment_view view = {0};
    struct plan_goal *goals = NULL;
    struct task *tasks = NULL;
    size_t goal_count = 0;
    size_t task_count = 0;
    int64_t citizen_id = 0;
    json_t *coordinator = NULL;
    json_t *meetings = NULL;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, &view, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_OK)
        rc = store_goal_list_current(ctx->store, ctx->arena, ctx->id, &goals, &goal_count, err);
    if (rc == SP_OK)
        rc = store_plan_tasks(ctx->store, ctx->arena, ctx->id, &tasks, &task_count, err);
    if (rc == SP_OK)
        rc = coordinator_json(ctx, &coordinator, err);
    if (rc == SP_OK)
        rc = next_meetings_json(ctx, &meetings, err);
    if (rc != SP_OK) {
        json_decref(coordinator);
        return rc;
    }
    return api_answer(ctx,
                      api_pack("{s:I, s:o, s:o, s:o, s:o, s:b}", "enrolment_id",
                               (json_int_t)ctx->id, "coordinator", coordinator, "goals",
                               goals_json(goals, goal_count, view.health_detail), "tasks",
                               tasks_json(tasks, task_count, view.health_detail), "next_meetings",
                               meetings, "health_detail", view.health_detail),
                      err);
}
