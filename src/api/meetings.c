/* Meetings of the joint plan with one young person (docs/api-contract.md "Meetings"), and what
 * the three kinds of meeting share (network_meetings.c, group_sessions.c).
 *   GET  /api/v1/enrolments/{id}/meetings  every meeting of the young person, newest first,
 *        paged: their individual conversations, network meetings and the group sessions they are
 *        a participant of (with their own attendance only, never another participant)
 *   POST /api/v1/enrolments/{id}/meetings  {date, duration_minutes, place, staff: [user ids],
 *        note?} → 201, an individual conversation (a contact with the young person)
 * The joint plan is the whole team's, both sectors (policy_enrolment_read and _write); a note is
 * plain text written for the whole team. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/meeting.h"
#include "policy/policy.h"

json_t *api_meeting_json(const struct meeting *m)
{
    json_t *staff = json_array();
    json_t *o =
        api_pack("{s:I, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)m->id, "kind", m->kind, "date",
                 m->date, "staff", staff, "created_by",
                 api_user_ref(m->created_by, m->created_by_name), "created_at", m->created_at);

    api_put(&o, "place", m->place != NULL ? json_string(m->place) : json_null());

    api_put(&o, "version", json_integer(m->version));
    for (size_t i = 0; i < m->staff_count; i++)
        api_push(&staff, api_user_ref(m->staff[i].user_id, m->staff[i].name));
    api_put(&o, "duration_minutes",
            m->duration_minutes > 0 ? json_integer(m->duration_minutes) : json_null());
    if (m->enrolment_id > 0)
        api_put(&o, "enrolment_id", json_integer(m->enrolment_id));
    if (strcmp(m->kind, "group") == 0) {
        api_put(&o, "team_id", json_integer(m->team_id));
        api_put(&o, "project_id", json_integer(m->project_id));
        api_put(&o, "topic", json_string(m->topic != NULL ? m->topic : ""));
    } else if (strcmp(m->kind, "network") == 0) {
        api_put(&o, "status_notes", m->note != NULL ? json_string(m->note) : json_null());
        api_put(&o, "interpreter_language",
                m->interpreter_language != NULL ? json_string(m->interpreter_language)
                                                : json_null());
        api_put(&o, "young_person_present", json_boolean(m->attended == 1));
    } else {
        api_put(&o, "note", m->note != NULL ? json_string(m->note) : json_null());
    }
    return o;
}

void api_err_prefix(struct sp_err *err, const char *prefix)
{
    char field[SP_ERR_FIELD_MAX + 32];

    if (strncmp(err->field, prefix, strlen(prefix)) == 0)
        return;
    snprintf(field, sizeof field, "%s%s", prefix, err->field);
    snprintf(err->field, sizeof err->field, "%.*s", (int)sizeof err->field - 1, field);
}

enum sp_code api_meeting_ids(const json_t *body, const char *key, size_t min, size_t max,
                             struct sp_arena *arena, int64_t **ids, size_t *count,
                             struct sp_err *err)
{
    const json_t *arr = json_object_get(body, key);
    char field[SP_ERR_FIELD_MAX];
    size_t i;
    const json_t *v;

    *count = 0;
    *ids = sp_arena_alloc(arena, sizeof **ids * (max + 1));
    snprintf(field, sizeof field, "/%s", key);
    if (arr == NULL && min == 0)
        return SP_OK;
    if (arr == NULL)
        return sp_err_invalid(err, field, SP_R_REQUIRED, "This member is required.");
    if (!json_is_array(arr))
        return api_wrong_type(field, "array", err);
    if (json_array_size(arr) < min || json_array_size(arr) > max) {
        sp_err_invalid(err, field, SP_R_COUNT, "This member must be a list of %zu to %zu items.",
                       min, max);
        return sp_err_range(err, (int64_t)min, (int64_t)max);
    }
    json_array_foreach(arr, i, v) {
        snprintf(field, sizeof field, "/%s/%zu", key, i);
        if (!json_is_integer(v) || json_integer_value(v) < 1)
            return sp_err_invalid(err, field, SP_R_NOT_AN_ID, "Each item must be an id.");
        for (size_t j = 0; j < *count; j++)
            if ((*ids)[j] == json_integer_value(v))
                return sp_err_invalid(err, field, SP_R_REPEATED, "This item is repeated.");
        (*ids)[(*count)++] = json_integer_value(v);
    }
    return SP_OK;
}

enum sp_code api_meeting_staff_check(struct api_ctx *ctx, int64_t team_id, const char *key,
                                     const int64_t *ids, size_t count, enum sp_reason reason,
                                     struct sp_err *err)
{
    int64_t *found = NULL;
    size_t found_count = 0;
    enum sp_code rc = store_team_members_among(ctx->store, ctx->arena, team_id, ids, count, &found,
                                               &found_count, err);

    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        bool member = false;
        char field[SP_ERR_FIELD_MAX];

        for (size_t j = 0; j < found_count && !member; j++)
            member = found[j] == ids[i];
        snprintf(field, sizeof field, "/%s/%zu", key, i);
        if (!member)
            rc = sp_err_invalid(err, field, reason, "Choose a member of the team.");
    }
    return rc;
}

enum sp_code api_meeting_length_place(struct api_ctx *ctx, bool required, struct meeting *m,
                                      struct sp_err *err)
{
    int64_t minutes = 0;
    bool present = false;
    enum sp_code rc = api_get_int(ctx->body, "duration_minutes", required, CORE_MEETING_MINUTES_MIN,
                                  CORE_MEETING_MINUTES_MAX, &minutes, &present, err);

    m->duration_minutes = present ? (int)minutes : 0;
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "place", required, 1, 32, ctx->arena, &m->place, err);
    if (rc == SP_OK && m->place != NULL && !core_meeting_place_valid(m->place))
        rc = api_one_of_listed("/place", core_meeting_places, err);
    return rc;
}

enum sp_code api_meeting_date(struct api_ctx *ctx, const struct api_date_facts *facts,
                              struct meeting *m, struct sp_err *err)
{
    struct core_date d;
    enum sp_code rc = api_get_date(ctx->body, "date", true, ctx->arena, &m->date, &d, err);

    if (rc == SP_OK)
        rc = core_date_check(DATE_KIND_MEETING, d, &facts->facts, "/date", err);
    return rc;
}

enum sp_code api_meetings_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct meeting *items = NULL;
    struct store_page page;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc = api_enrolment_list_gate(ctx, &page, err);

    if (rc == SP_OK)
        rc = store_meeting_list_enrolment(ctx->store, ctx->arena, ctx->id, &page, &items, &count,
                                          &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++) {
        json_t *o = api_meeting_json(&items[i]);

        /* A group session shows this young person's own attendance, nobody else's. */
        if (strcmp(items[i].kind, "group") == 0)
            api_put(&o, "attended",
                    items[i].attended < 0 ? json_null() : json_boolean(items[i].attended == 1));
        api_push(&list, o);
    }
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

enum sp_code api_meetings_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"date", "duration_minutes", "place", "staff", "note",
                                          NULL};
    struct meeting m = {.kind = "individual", .enrolment_id = ctx->id, .attended = 1};
    struct citizen_place place;
    struct api_date_facts facts;
    int64_t *staff = NULL;
    size_t staff_count = 0;
    int64_t citizen_id = 0;
    enum sp_code rc =
        policy_enrolment_write(ctx->subject, ctx->store, ctx->arena, ctx->id, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "meeting");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_enrolment_date_facts(ctx, ctx->id, &facts, err);
    if (rc == SP_OK)
        rc = api_meeting_date(ctx, &facts, &m, err);
    if (rc == SP_OK)
        rc = api_meeting_length_place(ctx, true, &m, err);
    if (rc == SP_OK)
        rc = api_meeting_ids(ctx->body, "staff", 1, CORE_MEETING_STAFF_MAX, ctx->arena, &staff,
                             &staff_count, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "note", false, 1, CORE_MEETING_NOTE_MAX, ctx->arena, &m.note,
                            err);
    if (rc == SP_OK)
        rc = store_enrolment_place(ctx->store, ctx->arena, ctx->id, &citizen_id, &place, err);
    if (rc == SP_OK)
        rc = api_meeting_staff_check(ctx, place.team_id, "staff", staff, staff_count,
                                     SP_R_STAFF_NOT_ON_TEAM, err);
    if (rc != SP_OK)
        return rc;
    m.created_by = ctx->subject->user->id;
    m.created_at = ctx->now;
    rc = store_meeting_add(ctx->store, &m, staff, staff_count, err);
    if (rc == SP_OK)
        rc = store_meeting_get(ctx->store, ctx->arena, m.id, &m, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, api_meeting_json(&m), err);
}
