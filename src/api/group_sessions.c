/* Group sessions (docs/api-contract.md "Meetings"): one session of a team with a topic and many
 * young people, and their attendance recorded in one form.
 *   GET  /api/v1/group-sessions       the sessions of the caller's teams, newest first, paged
 *   POST /api/v1/group-sessions       {team_id, date, duration_minutes, place, topic,
 *        staff: [user ids], participants?: [enrolment ids]} → 201
 *   GET  /api/v1/group-sessions/young-people?team=  the team's active young people, paged: whom a
 *        session may take in
 *   GET  /api/v1/group-sessions/{id}  the session with the participants the caller may see
 *   PUT  /api/v1/group-sessions/{id}/attendance  {attendance: [{enrolment_id, attended}]}: the
 *        whole list of the participants the caller may see, in one transaction → 200; with
 *        If-Match only over that version of the session (else 412)
 * A session is its team's (policy_group_session_access). A participant is shown to a reader only
 * where the reader sees the participant's team (policy_visible_teams): a reader outside it never
 * learns of them, not even as a count; the PUT leaves such participants as they are. Each
 * participant named is a write to their record, audited on their citizen. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/enrolment.h"
#include "core/meeting.h"
#include "policy/policy.h"

/* The project of team_id among the caller's teams, 0 when the caller is not on it. */
static int64_t team_project(const struct api_ctx *ctx, int64_t team_id)
{
    for (size_t i = 0; i < ctx->subject->user->team_count; i++)
        if (ctx->subject->user->teams[i].team_id == team_id)
            return ctx->subject->user->teams[i].project_id;
    return 0;
}

/* Each young person named in list key: an enrolment the caller may change, in the session's
 * project (else 422 no_such_record at the item: whether it exists is not theirs to know), each
 * audited as `action`. */
static enum sp_code check_participants(struct api_ctx *ctx, const char *key, int64_t project_id,
                                       const struct meeting_attendance *rows, size_t count,
                                       const char *action, struct sp_err *err)
{
    enum sp_code rc = SP_OK;

    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        struct citizen_place place;
        int64_t citizen_id = 0;
        char field[SP_ERR_FIELD_MAX];

        snprintf(field, sizeof field, "/%s/%zu%s", key, i,
                 strcmp(key, "attendance") == 0 ? "/enrolment_id" : "");
        rc = policy_enrolment_write(ctx->subject, ctx->store, ctx->arena, rows[i].enrolment_id,
                                    &citizen_id, err);
        if (rc == SP_OK)
            rc = store_enrolment_place(ctx->store, ctx->arena, rows[i].enrolment_id, &citizen_id,
                                       &place, err);
        if (rc == SP_OK && place.project_id != project_id)
            rc = SP_NOT_FOUND;
        if (rc == SP_OK)
            api_audit(ctx, citizen_id, action);
        if (rc == SP_FORBIDDEN || rc == SP_NOT_FOUND) {
            memset(err, 0, sizeof *err);
            rc = sp_err_invalid(err, field, SP_R_NO_SUCH_RECORD,
                                "Choose a young person of your teams in the session's project.");
        }
    }
    return rc;
}

/* The session of the path (a group session the caller may see), else 404. */
static enum sp_code read_session(struct api_ctx *ctx, struct meeting *m, struct sp_err *err)
{
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = store_meeting_get(ctx->store, ctx->arena, ctx->id, m, err);
    if (rc == SP_OK && strcmp(m->kind, "group") != 0)
        rc = SP_NOT_FOUND;
    if (rc == SP_OK)
        rc = policy_group_session_access(ctx->subject, m->team_id, err);
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such group session.");
    return rc;
}

/* The session with the participants of the caller's teams; each listed is a read of them unless
 * the request wrote them already (audit_each false). */
static enum sp_code reply_session(struct api_ctx *ctx, const struct meeting *m, bool audit_each,
                                  struct sp_err *err)
{
    struct store_ids teams;
    struct meeting_attendance *rows = NULL;
    size_t count = 0;
    json_t *list;
    json_t *o;
    enum sp_code rc = policy_visible_teams(ctx->subject, ctx->arena, &teams, err);

    if (rc == SP_OK)
        rc = store_group_attendance(ctx->store, ctx->arena, m->id, &teams, &rows, &count, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++) {
        if (audit_each)
            api_audit(ctx, rows[i].citizen_id, "read");
        api_push(
            &list,
            api_pack("{s:I, s:{s:I, s:s}, s:o}", "enrolment_id", (json_int_t)rows[i].enrolment_id,
                     "citizen", "id", (json_int_t)rows[i].citizen_id, "name",
                     rows[i].citizen_name ? rows[i].citizen_name : "", "attended",
                     rows[i].attended < 0 ? json_null() : json_boolean(rows[i].attended == 1)));
    }
    o = api_meeting_json(m);
    api_put(&o, "participants", list);
    return api_answer(ctx, o, err);
}

enum sp_code api_group_sessions_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct store_ids teams;
    struct store_page page;
    struct meeting *items = NULL;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = policy_visible_teams(ctx->subject, ctx->arena, &teams, err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_group_session_list(ctx->store, ctx->arena, &teams, &page, &items, &count, &more,
                                      err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, api_meeting_json(&items[i]));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

enum sp_code api_group_sessions_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct meeting m;
    enum sp_code rc = read_session(ctx, &m, err);

    if (rc != SP_OK)
        return rc;
    ctx->etag_version = m.version;
    return reply_session(ctx, &m, true, err);
}

enum sp_code api_group_candidates_list(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"team", NULL};
    struct store_page page;
    struct meeting_attendance *rows = NULL;
    size_t count = 0;
    bool more = false;
    int64_t team_id = 0;
    json_t *list;
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_get_query_id(ctx->conn, ctx->query, "team", &team_id, err);
    if (rc == SP_OK && team_id == 0)
        rc = sp_err_invalid(err, "team", SP_R_REQUIRED, "Name the team.");
    if (rc == SP_OK && policy_group_session_access(ctx->subject, team_id, err) != SP_OK)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such team.");
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, params, &page, err);
    /* Who takes part in the programme now: a session is planned for them, not for a referral
     * still being screened or a course that has ended. */
    if (rc == SP_OK)
        rc = store_group_candidates(ctx->store, ctx->arena, team_id,
                                    core_enrolment_status_name(ENROLMENT_ACTIVE), &page, &rows,
                                    &count, &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++) {
        api_audit(ctx, rows[i].citizen_id, "search");
        api_push(&list,
                 api_pack("{s:I, s:{s:I, s:s}}", "enrolment_id", (json_int_t)rows[i].enrolment_id,
                          "citizen", "id", (json_int_t)rows[i].citizen_id, "name",
                          rows[i].citizen_name ? rows[i].citizen_name : ""));
    }
    return api_answer(ctx, api_list_reply(list, more, count ? rows[count - 1].enrolment_id : 0),
                      err);
}

/* The session's own members: team, date, length, place, topic and staff. */
static enum sp_code read_new_session(struct api_ctx *ctx, struct meeting *m, int64_t **staff,
                                     size_t *staff_count, struct sp_err *err)
{
    struct core_date d;
    enum sp_code rc = api_get_int(ctx->body, "team_id", true, 1, INT64_MAX, &m->team_id, NULL, err);

    if (rc == SP_OK)
        m->project_id = team_project(ctx, m->team_id);
    if (rc == SP_OK && (m->project_id == 0 || !policy_sees_team(ctx->subject, m->team_id))) {
        sp_err_invalid(err, "/team_id", SP_R_TEAM_NOT_YOURS, "Choose a team you work on.");
        rc = err->code;
    }
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &m->date, &d, err);
    if (rc == SP_OK)
        rc = core_date_check(DATE_KIND_GROUP_SESSION, d,
                             &(struct core_date_facts){.today = ctx->today}, "/date", err);
    if (rc == SP_OK)
        rc = api_meeting_length_place(ctx, true, m, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "topic", true, 1, CORE_MEETING_TOPIC_MAX, ctx->arena,
                          &m->topic, err);
    if (rc == SP_OK)
        rc = api_meeting_ids(ctx->body, "staff", 1, CORE_MEETING_STAFF_MAX, ctx->arena, staff,
                             staff_count, err);
    if (rc == SP_OK)
        rc = api_meeting_staff_check(ctx, m->team_id, "staff", *staff, *staff_count,
                                     SP_R_STAFF_NOT_ON_TEAM, err);
    return rc;
}

enum sp_code api_group_sessions_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"team_id", "date",  "duration_minutes", "place",
                                          "topic",   "staff", "participants",     NULL};
    struct meeting m = {.kind = "group", .attended = -1};
    struct meeting_attendance *rows = NULL;
    struct store_ids teams;
    int64_t *staff = NULL;
    int64_t *ids = NULL;
    size_t staff_count = 0;
    size_t count = 0;
    char location[64];
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = read_new_session(ctx, &m, &staff, &staff_count, err);
    if (rc == SP_OK)
        rc = api_meeting_ids(ctx->body, "participants", 0, CORE_GROUP_PARTICIPANTS_MAX, ctx->arena,
                             &ids, &count, err);
    rows = sp_arena_alloc(ctx->arena, sizeof *rows * (count + 1));
    for (size_t i = 0; i < count; i++)
        rows[i] = (struct meeting_attendance){.enrolment_id = ids[i], .attended = -1};
    if (rc == SP_OK)
        rc = check_participants(ctx, "participants", m.project_id, rows, count, "group_session",
                                err);
    if (rc == SP_OK)
        rc = policy_visible_teams(ctx->subject, ctx->arena, &teams, err);
    if (rc != SP_OK) {
        api_audit(ctx, 0, "group_session");
        return rc;
    }
    m.created_by = ctx->subject->user->id;
    m.created_at = ctx->now;
    api_audit(ctx, 0, "group_session");
    rc = store_meeting_add(ctx->store, &m, staff, staff_count, err);
    if (rc == SP_OK && count > 0)
        rc = store_group_attendance_set(ctx->store, &m, 0, &teams, rows, count,
                                        ctx->subject->user->id, ctx->now, err);
    if (rc == SP_OK)
        rc = store_meeting_get(ctx->store, ctx->arena, m.id, &m, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    snprintf(location, sizeof location, "/api/v1/group-sessions/%lld", (long long)m.id);
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    ctx->etag_version = m.version;
    return reply_session(ctx, &m, false, err);
}

/* The attendance list: 0..CORE_GROUP_PARTICIPANTS_MAX objects {enrolment_id, attended}. */
static enum sp_code read_attendance(struct api_ctx *ctx, struct meeting_attendance **rows,
                                    size_t *count, struct sp_err *err)
{
    static const char *const allowed[] = {"enrolment_id", "attended", NULL};
    const json_t *arr = json_object_get(ctx->body, "attendance");
    enum sp_code rc = api_reject_unknown(ctx->body, (const char *const[]){"attendance", NULL}, err);

    *count = 0;
    *rows = NULL;
    if (rc == SP_OK && arr == NULL)
        rc = sp_err_invalid(err, "/attendance", SP_R_REQUIRED, "This member is required.");
    else if (rc == SP_OK && !json_is_array(arr))
        rc = api_wrong_type("/attendance", "array", err);
    else if (rc == SP_OK && json_array_size(arr) > CORE_GROUP_PARTICIPANTS_MAX) {
        sp_err_invalid(err, "/attendance", SP_R_COUNT, "Give at most %d young people.",
                       CORE_GROUP_PARTICIPANTS_MAX);
        rc = sp_err_range(err, 0, CORE_GROUP_PARTICIPANTS_MAX);
    }
    if (rc != SP_OK)
        return rc;
    *rows = sp_arena_alloc(ctx->arena, sizeof **rows * (json_array_size(arr) + 1));
    for (size_t i = 0; rc == SP_OK && i < json_array_size(arr); i++) {
        const json_t *o = json_array_get(arr, i);
        struct meeting_attendance *r = &(*rows)[i];
        bool attended = false;
        char prefix[48];

        memset(r, 0, sizeof *r);
        snprintf(prefix, sizeof prefix, "/attendance/%zu", i);
        rc = json_is_object(o) ? api_reject_unknown(o, allowed, err)
                               : api_wrong_type(prefix, "object", err);
        if (rc == SP_OK)
            rc = api_get_int(o, "enrolment_id", true, 1, INT64_MAX, &r->enrolment_id, NULL, err);
        if (rc == SP_OK)
            rc = api_get_bool(o, "attended", true, &attended, err);
        r->attended = attended ? 1 : 0;
        for (size_t j = 0; rc == SP_OK && j < i; j++)
            if ((*rows)[j].enrolment_id == r->enrolment_id)
                rc = sp_err_invalid(err, "/enrolment_id", SP_R_REPEATED,
                                    "This young person is listed twice.");
        if (rc == SP_INVALID)
            api_err_prefix(err, prefix);
        *count = i + 1;
    }
    return rc;
}

enum sp_code api_group_attendance_put(struct api_ctx *ctx, struct sp_err *err)
{
    struct meeting m;
    struct meeting_attendance *rows = NULL;
    struct store_ids teams;
    size_t count = 0;
    enum sp_code rc = read_session(ctx, &m, err);

    if (rc == SP_OK)
        rc = read_attendance(ctx, &rows, &count, err);
    if (rc == SP_OK)
        rc = check_participants(ctx, "attendance", m.project_id, rows, count, "attendance", err);
    if (rc == SP_OK)
        rc = policy_visible_teams(ctx->subject, ctx->arena, &teams, err);
    api_audit(ctx, 0, "attendance");
    if (rc == SP_OK)
        rc = store_group_attendance_set(ctx->store, &m, ctx->has_if_match ? ctx->if_match : 0,
                                        &teams, rows, count, ctx->subject->user->id, ctx->now, err);
    if (rc == SP_OK)
        rc = store_meeting_get(ctx->store, ctx->arena, m.id, &m, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = m.version;
    return reply_session(ctx, &m, false, err);
}

enum sp_code api_group_session_create_gate(struct api_ctx *ctx, const char *action,
                                           int64_t citizen_id, struct sp_err *err)
{
    /* The stored answer names the participants: the caller must still see the team and every
     * one of them. */
    const json_t *team = json_object_get(ctx->body, "team_id");
    const json_t *arr = json_object_get(ctx->body, "participants");
    enum sp_code rc = policy_group_session_access(
        ctx->subject, json_is_integer(team) ? json_integer_value(team) : 0, err);

    (void)citizen_id;
    api_audit(ctx, 0, action);
    for (size_t i = 0; rc == SP_OK && i < json_array_size(arr); i++) {
        int64_t of = 0;

        rc = policy_enrolment_write(ctx->subject, ctx->store, ctx->arena,
                                    json_integer_value(json_array_get(arr, i)), &of, err);
        if (of > 0)
            api_audit(ctx, of, action);
    }
    return rc;
}
