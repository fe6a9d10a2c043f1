/* Network meetings (docs/api-contract.md "Meetings"): the young person's team of both sectors
 * (and the young person, present or not; an interpreter where one was used) meet, note the
 * status, set new goals or revise existing ones, and assign tasks.
 *   POST /api/v1/enrolments/{id}/network-meetings  {date, duration_minutes?, place?,
 *        participants: [user ids], young_person_present, interpreter_language?, status_notes?,
 *        goals?: [{area, text, due_date?, agreed_with_young_person?, agreed_by?}],
 *        goal_changes?: [{goal_id, status, note?}], tasks?: [{owner_kind?, owner_id?, text, due?,
 *        goal_id? | goal_index?}]} → 201
 *   GET  /api/v1/network-meetings/{id}
 * Everything is checked before anything is written, and written in the request's one
 * transaction: the meeting, its participants, the goals (plan.c, with their history), the goal
 * moves, the tasks (casework.c) and the links — all or nothing. The goals and tasks are the
 * plan's: they appear in its goal and task lists. The whole team reads it (policy_enrolment_read);
 * a treatment goal's words only under policy_goal_text_visible, and nobody sets or moves a goal
 * whose words they may not read (policy_goal_write's refusal). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "api/views.h"
#include "core/goal.h"
#include "core/meeting.h"
#include "core/task.h"
#include "policy/policy.h"

/* What the request asks to write, checked. */
struct network_request {
    struct meeting m;
    int64_t *participants;
    size_t participant_count;
    struct plan_goal *goals;
    size_t goal_count;
    struct plan_goal *changed; /* the goals as read, to be moved */
    const char **to_status;
    const char **notes;
    size_t change_count;
    struct task *tasks;
    int64_t *task_goal_index; /* -1: the task names no goal set at this meeting */
    size_t task_count;
};

/* The list member key: NULL or an array of at most max objects (*n of them). */
static enum sp_code object_list(const json_t *body, const char *key, size_t max, const json_t **arr,
                                size_t *n, struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX];

    snprintf(field, sizeof field, "/%s", key);
    *arr = json_object_get(body, key);
    *n = 0;
    if (*arr == NULL)
        return SP_OK;
    if (!json_is_array(*arr))
        return api_wrong_type(field, "array", err);
    if (json_array_size(*arr) > max) {
        sp_err_invalid(err, field, SP_R_COUNT, "Give at most %zu items.", max);
        return sp_err_range(err, 0, (int64_t)max);
    }
    *n = json_array_size(*arr);
    for (size_t i = 0; i < *n; i++)
        if (!json_is_object(json_array_get(*arr, i))) {
            snprintf(field, sizeof field, "/%s/%zu", key, i);
            return api_wrong_type(field, "object", err);
        }
    return SP_OK;
}

/* The goal's text: trimmed, 1..CORE_GOAL_TEXT_MAX characters (core_goal_text_check). */
static enum sp_code goal_text(struct api_ctx *ctx, const json_t *o, const char **text,
                              struct sp_err *err)
{
    const char *raw = NULL;
    const char *start = NULL;
    size_t len = 0;
    enum sp_code rc = api_get_string(o, "text", true, 0, 1u << 20, ctx->arena, &raw, err);

    if (rc == SP_OK)
        rc = core_goal_text_check(raw, "/text", &start, &len, err);
    if (rc == SP_OK)
        *text = sp_arena_strndup(ctx->arena, start, len);
    return rc;
}

/* An optional date member of o within kind's bounds for the enrolment. */
static enum sp_code planned_date(struct api_ctx *ctx, const json_t *o, const char *key,
                                 enum core_date_kind kind, const struct api_date_facts *facts,
                                 const char **out, struct sp_err *err)
{
    struct core_date d;
    char field[SP_ERR_FIELD_MAX];
    enum sp_code rc = api_get_date(o, key, false, ctx->arena, out, &d, err);

    snprintf(field, sizeof field, "/%s", key);
    if (rc == SP_OK && *out != NULL)
        rc = core_date_check(kind, d, &facts->facts, field, err);
    return rc;
}

/* One new goal, as POST …/goals takes it. */
static enum sp_code read_goal(struct api_ctx *ctx, const json_t *o,
                              const struct api_date_facts *facts, struct plan_goal *g,
                              struct sp_err *err)
{
    static const char *const allowed[] = {
        "area", "text", "due_date", "agreed_with_young_person", "agreed_by", NULL};
    enum sp_code rc = api_reject_unknown(o, allowed, err);

    if (rc == SP_OK)
        rc = api_get_string(o, "area", true, 1, 32, ctx->arena, &g->area, err);
    if (rc == SP_OK && !core_goal_area_valid(g->area))
        rc = api_one_of_listed("/area", core_goal_areas, err);
    if (rc == SP_OK)
        rc = goal_text(ctx, o, &g->text, err);
    if (rc == SP_OK)
        rc = planned_date(ctx, o, "due_date", DATE_KIND_GOAL_DUE, facts, &g->due_date, err);
    if (rc == SP_OK)
        rc = api_get_bool(o, "agreed_with_young_person", false, &g->agreed_with_young_person, err);
    if (rc == SP_OK)
        rc = api_get_line(o, "agreed_by", false, 1, CORE_GOAL_AGREED_BY_MAX, ctx->arena,
                          &g->agreed_by, err);
    return rc;
}

/* One move of an existing goal of this enrolment (a move core/goal.c allows). */
static enum sp_code read_change(struct api_ctx *ctx, const json_t *o, struct network_request *r,
                                size_t i, struct sp_err *err)
{
    static const char *const allowed[] = {"goal_id", "status", "note", NULL};
    struct plan_goal *g = &r->changed[i];
    int64_t goal_id = 0;
    enum sp_code rc = api_reject_unknown(o, allowed, err);

    if (rc == SP_OK)
        rc = api_get_int(o, "goal_id", true, 1, INT64_MAX, &goal_id, NULL, err);
    for (size_t j = 0; rc == SP_OK && j < i; j++)
        if (r->changed[j].id == goal_id)
            rc = sp_err_invalid(err, "/goal_id", SP_R_REPEATED, "This goal is moved twice.");
    if (rc == SP_OK)
        rc = store_goal_get(ctx->store, ctx->arena, goal_id, g, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && g->enrolment_id != ctx->id))
        rc = sp_err_invalid(err, "/goal_id", SP_R_NO_SUCH_RECORD,
                            "The young person's plan has no such goal.");
    if (rc == SP_OK)
        rc = api_get_string(o, "status", true, 1, 32, ctx->arena, &r->to_status[i], err);
    if (rc == SP_OK && !core_goal_status_valid(r->to_status[i]))
        rc = api_one_of_listed("/status", core_goal_statuses, err);
    if (rc == SP_OK && !core_goal_can_move(g->status, r->to_status[i])) {
        const char *const *moves = core_goal_moves(g->status);
        size_t n = 0;

        while (moves[n] != NULL)
            n++;
        sp_err_invalid(err, "/status", SP_R_STATUS_MOVE, "A goal cannot move from %s to %s.",
                       g->status, r->to_status[i]);
        rc = sp_err_allowed(err, moves, n);
    }
    if (rc == SP_OK)
        rc = api_get_string(o, "note", false, 1, CORE_GOAL_NOTE_MAX, ctx->arena, &r->notes[i], err);
    return rc;
}

/* Who owns the task: owner_kind "member" (the default; owner_id a member of the team, checked by
 * read_tasks) or "young_person" (no owner_id). */
static enum sp_code read_task_owner(struct api_ctx *ctx, const json_t *o, struct task *t,
                                    struct sp_err *err)
{
    enum sp_code rc = SP_OK;
    bool member = true;

    t->owner_kind = CORE_TASK_OWNER_MEMBER;
    if (json_object_get(o, "owner_kind") != NULL)
        rc = api_get_string(o, "owner_kind", true, 1, 32, ctx->arena, &t->owner_kind, err);
    if (rc == SP_OK && !core_task_owner_kind_valid(t->owner_kind))
        rc = api_one_of_listed("/owner_kind", core_task_owner_kinds, err);
    member = rc == SP_OK && strcmp(t->owner_kind, CORE_TASK_OWNER_MEMBER) == 0;
    if (rc == SP_OK && !member && json_object_get(o, "owner_id") != NULL)
        rc = sp_err_invalid(err, "/owner_id", SP_R_INVALID,
                            "The young person's task names no user.");
    if (rc == SP_OK && member)
        rc = api_get_int(o, "owner_id", true, 1, INT64_MAX, &t->owner_id, NULL, err);
    return rc;
}

/* The goal the task is for: goal_id, a goal already in this young person's plan, or goal_index,
 * one of the goals this meeting sets (r->goals, read before the tasks) — not both. */
static enum sp_code read_task_goal(struct api_ctx *ctx, const json_t *o,
                                   const struct network_request *r, struct task *t,
                                   int64_t *goal_index, struct sp_err *err)
{
    struct plan_goal g;
    bool by_id = json_object_get(o, "goal_id") != NULL;
    enum sp_code rc = SP_OK;

    *goal_index = -1;
    if (by_id && json_object_get(o, "goal_index") != NULL)
        return sp_err_invalid(err, "/goal_index", SP_R_INVALID,
                              "A task is for an existing goal or a new one, not both.");
    if (json_object_get(o, "goal_index") != NULL) {
        if (r->goal_count == 0)
            return sp_err_invalid(err, "/goal_index", SP_R_NO_SUCH_RECORD,
                                  "The meeting sets no goals.");
        return api_get_int(o, "goal_index", true, 0, (int64_t)r->goal_count - 1, goal_index, NULL,
                           err);
    }
    if (!by_id)
        return SP_OK;
    rc = api_get_int(o, "goal_id", true, 1, INT64_MAX, &t->goal_id, NULL, err);
    if (rc == SP_OK)
        rc = store_goal_get(ctx->store, ctx->arena, t->goal_id, &g, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && g.enrolment_id != ctx->id))
        rc = sp_err_invalid(err, "/goal_id", SP_R_NO_SUCH_RECORD,
                            "The young person's plan has no such goal.");
    return rc;
}

/* One task for a member of the team or the young person, perhaps for a goal. */
static enum sp_code read_task(struct api_ctx *ctx, const json_t *o,
                              const struct api_date_facts *facts, struct network_request *r,
                              size_t i, struct sp_err *err)
{
    static const char *const allowed[] = {"owner_kind", "owner_id",   "text", "due",
                                          "goal_id",    "goal_index", NULL};
    struct task *t = &r->tasks[i];
    enum sp_code rc = api_reject_unknown(o, allowed, err);

    if (rc == SP_OK)
        rc = read_task_owner(ctx, o, t, err);
    if (rc == SP_OK)
        rc = api_get_string(o, "text", true, 1, CORE_MEETING_TASK_TEXT_MAX, ctx->arena, &t->text,
                            err);
    if (rc == SP_OK)
        rc = planned_date(ctx, o, "due", DATE_KIND_TASK_DUE, facts, &t->due, err);
    if (rc == SP_OK)
        rc = read_task_goal(ctx, o, r, t, &r->task_goal_index[i], err);
    return rc;
}

/* Each item of the list key read by the reader of its kind; errors under "/key/i". */
static enum sp_code read_goals(struct api_ctx *ctx, const struct api_date_facts *facts,
                               struct network_request *r, struct sp_err *err)
{
    const json_t *arr = NULL;
    char prefix[48];
    enum sp_code rc =
        object_list(ctx->body, "goals", CORE_NETWORK_GOALS_MAX, &arr, &r->goal_count, err);

    r->goals = sp_arena_alloc(ctx->arena, sizeof *r->goals * (r->goal_count + 1));
    for (size_t i = 0; rc == SP_OK && i < r->goal_count; i++) {
        struct plan_goal *g = &r->goals[i];

        memset(g, 0, sizeof *g);
        g->enrolment_id = ctx->id;
        g->created_by = ctx->subject->user->id;
        g->created_at = ctx->now;
        rc = read_goal(ctx, json_array_get(arr, i), facts, g, err);
        snprintf(prefix, sizeof prefix, "/goals/%zu", i);
        if (rc == SP_INVALID)
            api_err_prefix(err, prefix);
    }
    return rc;
}

static enum sp_code read_changes(struct api_ctx *ctx, struct network_request *r, struct sp_err *err)
{
    const json_t *arr = NULL;
    char prefix[48];
    enum sp_code rc =
        object_list(ctx->body, "goal_changes", CORE_NETWORK_GOALS_MAX, &arr, &r->change_count, err);

    r->changed = sp_arena_alloc(ctx->arena, sizeof *r->changed * (r->change_count + 1));
    r->to_status = sp_arena_alloc(ctx->arena, sizeof *r->to_status * (r->change_count + 1));
    r->notes = sp_arena_alloc(ctx->arena, sizeof *r->notes * (r->change_count + 1));
    for (size_t i = 0; rc == SP_OK && i < r->change_count; i++) {
        memset(&r->changed[i], 0, sizeof r->changed[i]);
        r->notes[i] = NULL;
        rc = read_change(ctx, json_array_get(arr, i), r, i, err);
        snprintf(prefix, sizeof prefix, "/goal_changes/%zu", i);
        if (rc == SP_INVALID)
            api_err_prefix(err, prefix);
    }
    return rc;
}

static enum sp_code read_tasks(struct api_ctx *ctx, const struct api_date_facts *facts,
                               int64_t team_id, struct network_request *r, struct sp_err *err)
{
    const json_t *arr = NULL;
    int64_t *owners = NULL;
    int64_t *found = NULL;
    size_t found_count = 0;
    char prefix[48];
    enum sp_code rc =
        object_list(ctx->body, "tasks", CORE_NETWORK_TASKS_MAX, &arr, &r->task_count, err);

    r->tasks = sp_arena_alloc(ctx->arena, sizeof *r->tasks * (r->task_count + 1));
    r->task_goal_index =
        sp_arena_alloc(ctx->arena, sizeof *r->task_goal_index * (r->task_count + 1));
    owners = sp_arena_alloc(ctx->arena, sizeof *owners * (r->task_count + 1));
    for (size_t i = 0; rc == SP_OK && i < r->task_count; i++) {
        struct task *t = &r->tasks[i];

        memset(t, 0, sizeof *t);
        t->enrolment_id = ctx->id;
        t->created_by = ctx->subject->user->id;
        t->created_at = ctx->now;
        t->created_role = policy_audit_role(ctx->subject);
        rc = read_task(ctx, json_array_get(arr, i), facts, r, i, err);
        owners[i] = t->owner_id;
        snprintf(prefix, sizeof prefix, "/tasks/%zu", i);
        if (rc == SP_INVALID)
            api_err_prefix(err, prefix);
    }
    /* Every owner on the team, asked in one statement. */
    if (rc == SP_OK && r->task_count > 0)
        rc = store_team_members_among(ctx->store, ctx->arena, team_id, owners, r->task_count,
                                      &found, &found_count, err);
    for (size_t i = 0; rc == SP_OK && i < r->task_count; i++) {
        bool member = false;
        char field[48];

        /* The young person's own task has no owner to look for. */
        member = owners[i] == 0;
        for (size_t j = 0; j < found_count && !member; j++)
            member = found[j] == owners[i];
        snprintf(field, sizeof field, "/tasks/%zu/owner_id", i);
        if (!member)
            rc = sp_err_invalid(err, field, SP_R_OWNER_NOT_ON_TEAM,
                                "A task goes to a member of the young person's team.");
    }
    return rc;
}

/* The meeting's own members: date, length and place, participants, the young person's presence,
 * the interpreter and the status notes. */
static enum sp_code read_meeting(struct api_ctx *ctx, const struct api_date_facts *facts,
                                 int64_t team_id, struct network_request *r, struct sp_err *err)
{
    const json_t *lang = json_object_get(ctx->body, "interpreter_language");
    bool present = false;
    enum sp_code rc = api_meeting_date(ctx, facts, &r->m, err);

    if (rc == SP_OK)
        rc = api_meeting_length_place(ctx, false, &r->m, err);
    if (rc == SP_OK)
        rc = api_meeting_ids(ctx->body, "participants", 1, CORE_MEETING_STAFF_MAX, ctx->arena,
                             &r->participants, &r->participant_count, err);
    if (rc == SP_OK)
        rc = api_meeting_staff_check(ctx, team_id, "participants", r->participants,
                                     r->participant_count, SP_R_STAFF_NOT_ON_TEAM, err);
    if (rc == SP_OK)
        rc = api_get_bool(ctx->body, "young_person_present", true, &present, err);
    r->m.attended = present ? 1 : 0;
    if (rc == SP_OK && lang != NULL && !json_is_null(lang))
        rc = api_get_string(ctx->body, "interpreter_language", true, 2, 3, ctx->arena,
                            &r->m.interpreter_language, err);
    if (rc == SP_OK && r->m.interpreter_language != NULL &&
        !core_interpreter_language_valid(r->m.interpreter_language))
        rc = api_one_of_listed("/interpreter_language", core_interpreter_languages, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "status_notes", false, 1, CORE_MEETING_STATUS_NOTES_MAX,
                            ctx->arena, &r->m.note, err);
    return rc;
}

/* Nobody sets or moves a goal whose words they may not read: policy_goal_write's refusal. */
static enum sp_code goals_writable(struct api_ctx *ctx, const struct policy_enrolment_view *view,
                                   const struct network_request *r, struct sp_err *err)
{
    int64_t citizen_id = 0;

    for (size_t i = 0; i < r->goal_count + r->change_count; i++) {
        const char *area =
            i < r->goal_count ? r->goals[i].area : r->changed[i - r->goal_count].area;

        if (!policy_goal_text_visible(view, area))
            return policy_goal_write(ctx->subject, ctx->store, ctx->arena, ctx->id, area,
                                     &citizen_id, err);
    }
    return SP_OK;
}

/* Everything of the request in the request's transaction: a handful of statements. */
static enum sp_code write_all(struct api_ctx *ctx, struct network_request *r, struct sp_err *err)
{
    int64_t *set = sp_arena_alloc(ctx->arena, sizeof *set * (r->goal_count + 1));
    int64_t *revised = sp_arena_alloc(ctx->arena, sizeof *revised * (r->change_count + 1));
    int64_t *tasks = sp_arena_alloc(ctx->arena, sizeof *tasks * (r->task_count + 1));
    enum sp_code rc =
        store_meeting_add(ctx->store, &r->m, r->participants, r->participant_count, err);

    if (rc == SP_OK && r->goal_count > 0)
        rc = store_goals_add(ctx->store, r->goals, r->goal_count, err);
    for (size_t i = 0; rc == SP_OK && i < r->change_count; i++) {
        int64_t version = 0;

        rc = store_goal_update(ctx->store, &r->changed[i], r->changed[i].version, r->to_status[i],
                               r->notes[i], ctx->subject->user->id, ctx->now, &version, err);
        revised[i] = r->changed[i].id;
    }
    /* A task for a goal set here learns the goal's id once the goal is written. */
    for (size_t i = 0; rc == SP_OK && i < r->task_count; i++)
        if (r->task_goal_index[i] >= 0)
            r->tasks[i].goal_id = r->goals[r->task_goal_index[i]].id;
    if (rc == SP_OK && r->task_count > 0)
        rc = store_tasks_add(ctx->store, r->tasks, r->task_count, err);
    for (size_t i = 0; i < r->goal_count; i++)
        set[i] = r->goals[i].id;
    for (size_t i = 0; i < r->task_count; i++)
        tasks[i] = r->tasks[i].id;
    if (rc == SP_OK)
        rc = store_meeting_link(ctx->store, r->m.id, &(struct store_ids){set, r->goal_count},
                                &(struct store_ids){revised, r->change_count},
                                &(struct store_ids){tasks, r->task_count}, err);
    return rc;
}

/* The network meeting m with its goals and tasks, as the reader with view sees it. */
static enum sp_code reply_network(struct api_ctx *ctx, const struct meeting *m,
                                  const struct policy_enrolment_view *view, struct sp_err *err)
{
    struct meeting_goal_link *goals = NULL;
    struct task *tasks = NULL;
    size_t goal_count = 0;
    size_t task_count = 0;
    json_t *o;
    json_t *list;
    enum sp_code rc = store_meeting_goals(ctx->store, ctx->arena, m->id, &goals, &goal_count, err);

    if (rc == SP_OK)
        rc = store_meeting_tasks(ctx->store, ctx->arena, m->id, &tasks, &task_count, err);
    if (rc != SP_OK)
        return rc;
    o = api_meeting_json(m);
    list = json_array();
    for (size_t i = 0; i < goal_count; i++) {
        const struct meeting_goal_link *g = &goals[i];
        json_t *item =
            api_pack("{s:I, s:s, s:s, s:s, s:s*}", "goal_id", (json_int_t)g->goal_id, "change",
                     g->change, "status", g->to_status, "area", g->area, "due_date", g->due_date);

        if (policy_goal_text_visible(view, g->area))
            api_put(&item, "text", json_string(g->text));
        api_push(&list, item);
    }
    api_put(&o, "goals", list);
    list = json_array();
    for (size_t i = 0; i < task_count; i++)
        api_push(&list,
                 api_pack("{s:I, s:o, s:s, s:o, s:b, s:o}", "id", (json_int_t)tasks[i].id, "owner",
                          api_task_owner_json(&tasks[i]), "text", tasks[i].text, "due",
                          tasks[i].due ? json_string(tasks[i].due) : json_null(), "done",
                          tasks[i].done_at != NULL, "goal_id",
                          tasks[i].goal_id > 0 ? json_integer(tasks[i].goal_id) : json_null()));
    api_put(&o, "tasks", list);
    return api_answer(ctx, o, err);
}

enum sp_code api_network_meetings_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"date",
                                          "duration_minutes",
                                          "place",
                                          "participants",
                                          "young_person_present",
                                          "interpreter_language",
                                          "status_notes",
                                          "goals",
                                          "goal_changes",
                                          "tasks",
                                          NULL};
    struct network_request r = {.m = {.kind = "network", .enrolment_id = ctx->id}};
    struct policy_enrolment_view view = {0};
    struct citizen_place place;
    struct api_date_facts facts;
    int64_t citizen_id = 0;
    char location[64];
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, &view, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "network_meeting");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = store_enrolment_place(ctx->store, ctx->arena, ctx->id, &citizen_id, &place, err);
    if (rc == SP_OK)
        rc = api_enrolment_date_facts(ctx, ctx->id, &facts, err);
    if (rc == SP_OK)
        rc = read_meeting(ctx, &facts, place.team_id, &r, err);
    if (rc == SP_OK)
        rc = read_goals(ctx, &facts, &r, err);
    if (rc == SP_OK)
        rc = read_changes(ctx, &r, err);
    if (rc == SP_OK)
        rc = read_tasks(ctx, &facts, place.team_id, &r, err);
    if (rc == SP_OK)
        rc = goals_writable(ctx, &view, &r, err);
    if (rc != SP_OK)
        return rc;
    r.m.created_by = ctx->subject->user->id;
    r.m.created_at = ctx->now;
    rc = write_all(ctx, &r, err);
    if (rc == SP_OK)
        rc = store_meeting_get(ctx->store, ctx->arena, r.m.id, &r.m, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    snprintf(location, sizeof location, "/api/v1/network-meetings/%lld", (long long)r.m.id);
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    ctx->etag_version = r.m.version;
    return reply_network(ctx, &r.m, &view, err);
}

enum sp_code api_network_meetings_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct policy_enrolment_view view = {0};
    struct meeting m;
    int64_t citizen_id = 0;
    enum sp_code rc = store_meeting_get(ctx->store, ctx->arena, ctx->id, &m, err);

    if (rc == SP_OK && strcmp(m.kind, "network") != 0)
        rc = SP_NOT_FOUND;
    if (rc == SP_OK)
        rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, m.enrolment_id,
                                   &citizen_id, &view, err);
    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such network meeting.");
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = m.version;
    return reply_network(ctx, &m, &view, err);
}
