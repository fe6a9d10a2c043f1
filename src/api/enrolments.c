/* Enrolments: a citizen in a project (docs/design.md).
 *   POST  /api/v1/enrolments       {project_id, citizen_id, referral_date, referral_source,
 *                                   target_group, team_id?, municipality_code?, assignments?}
 *                                   → 201, status "referred", version 1
 *   GET   /api/v1/enrolments?project=&status=&assigned=me
 *   GET   /api/v1/enrolments/{id}  + ETag
 *   PATCH /api/v1/enrolments/{id}  If-Match: "<version>"  {status?, status_reason?,
 *                                   status_note?, referral_source?, target_group?, team_id?}
 *                                   → 200; 412 when stale. Ending (completed, withdrawn,
 *                                   excluded) needs a status_reason; every status change is
 *                                   kept in the status history (enrolment_status.c). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "api/views.h"
#include "core/caseload.h"
#include "core/enrolment.h"
#include "core/episode.h"
#include "policy/policy.h"

static json_t *enrolment_base_json(const struct enrolment *e)
{
    json_t *obj = api_pack(
        "{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s*, s:s*}", "id", (json_int_t)e->id,
        "project_id", (json_int_t)e->project_id, "citizen_id", (json_int_t)e->citizen_id,
        "referral_date", e->referral_date, "referral_source", e->referral_source, "target_group",
        e->target_group, "status", e->status, "status_changed", e->status_changed, "version",
        (json_int_t)e->version, "municipality_code", e->municipality_code, "arm", e->arm);

    if (e->team_id > 0)
        api_put(&obj, "team_id", json_integer(e->team_id));
    return obj;
}

/* The employment summary: the episode going on today, if any, and whether it is work or
 * education (core/episode.h; docs/security-model.md). */
static enum sp_code employment_summary(struct api_ctx *ctx, const struct enrolment *e, json_t **out,
                                       struct sp_err *err)
{
    struct episode *items = NULL;
    size_t count = 0;
    char today[11];
    json_t *summary;
    enum sp_code rc = store_episode_list(ctx->store, ctx->arena, e->id, &items, &count, err);

    if (rc != SP_OK)
        return rc;
    core_date_format(ctx->today, today);
    summary = api_pack("{s:b}", "in_work_or_education", 0);
    for (size_t i = 0; i < count; i++) {
        const struct episode *ep = &items[i];

        if (core_episode_on(ep->start_date, ep->end_date, today)) {
            api_put(&summary, "in_work_or_education",
                    json_boolean(core_episode_in_work_or_education(ep->kind)));
            api_put(&summary, "current_episode",
                    api_pack("{s:s, s:s}", "kind", ep->kind, "start_date", ep->start_date));
            break;
        }
    }
    return api_built(summary, out, err);
}

/* One instrument's summary: the latest band, and the trend from the first score by the
 * project's reliable change (core_caseload_trend, the rule of the caseload's flags). */
static json_t *band_and_trend(const struct store_health_score *s,
                              enum caseload_instrument instrument,
                              const struct core_caseload_settings *settings)
{
    size_t scores = s->same ? 1 : 2; /* the store reads the first and the latest */

    if (!s->present)
        return json_null();
    return api_pack("{s:o, s:s, s:s}", "band",
                    s->latest_band ? json_string(s->latest_band) : json_null(), "trend",
                    core_caseload_trend_name(core_caseload_trend(instrument, scores, s->first_total,
                                                                 s->latest_total, settings)),
                    "date", s->latest_date);
}

/* The health summary a municipal team member may see with consent (docs/security-model.md): in
 * treatment yes/no, the latest PHQ-9 and GAD-7 band with their trend, and the last session's date.
 * Never a total, an item, a note or a flag — and none is even read. */
static enum sp_code health_summary(struct api_ctx *ctx, const struct enrolment *e, json_t **out,
                                   struct sp_err *err)
{
    struct store_health_summary h;
    struct core_caseload_settings settings;
    enum enrolment_status status = ENROLMENT__COUNT;
    enum sp_code rc = store_health_summary(ctx->store, ctx->arena, e->id, &h, err);

    if (rc != SP_OK)
        return rc;
    settings = core_caseload_settings_of(&h.settings);
    return api_built(api_pack("{s:b, s:o, s:o, s:o}", "in_treatment",
                              core_enrolment_status_from(e->status, &status) &&
                                  core_enrolment_in_treatment(status),
                              "phq9", band_and_trend(&h.phq9, CASELOAD_INSTRUMENT_PHQ9, &settings),
                              "gad7", band_and_trend(&h.gad7, CASELOAD_INSTRUMENT_GAD7, &settings),
                              "last_session",
                              h.last_session ? json_string(h.last_session) : json_null()),
                     out, err);
}

enum sp_code api_enrolment_json(struct api_ctx *ctx, const struct enrolment *e,
                                const struct policy_enrolment_view *view, json_t **out,
                                struct sp_err *err)
{
    json_t *obj = enrolment_base_json(e);
    json_t *employment = NULL;
    json_t *assignments = NULL;
    json_t *ending = NULL;
    enum sp_code rc = api_assignments_json(ctx, e->id, &assignments, err);

    /* Who carries the case, and how it ended: read with the enrolment, not in lists. */
    if (rc == SP_OK) {
        api_put(&obj, "assignments", assignments);
        rc = api_ending_json(ctx, e, &ending, err);
    }
    if (rc == SP_OK && ending != NULL)
        api_put(&obj, "ending", ending);

    if (rc == SP_OK && view != NULL && view->health_summary) {
        json_t *health = NULL;

        rc = health_summary(ctx, e, &health, err);
        if (rc == SP_OK)
            api_put(&obj, "health_summary", health);
    }
    if (rc == SP_OK && view != NULL && view->employment_summary) {
        rc = employment_summary(ctx, e, &employment, err);
        if (rc == SP_OK)
            api_put(&obj, "employment_summary", employment);
    }
    if (rc != SP_OK) {
        json_decref(obj);
        return rc;
    }
    return api_built(obj, out, err);
}

static enum sp_code reply_enrolment(struct api_ctx *ctx, const struct enrolment *e,
                                    const struct policy_enrolment_view *view, struct sp_err *err)
{
    ctx->etag_version = e->version;
    return api_enrolment_json(ctx, e, view, &ctx->reply, err);
}

/* The target group must be one the project lists (its eligibility, docs/design.md). */
static enum sp_code check_target_group(const struct project *p, const char *code,
                                       struct sp_err *err)
{
    for (size_t i = 0; i < p->target_group_count; i++)
        if (strcmp(p->target_groups[i], code) == 0)
            return SP_OK;
    return api_one_of("/target_group", p->target_groups, p->target_group_count, err);
}

static enum sp_code load_project(struct api_ctx *ctx, int64_t id, struct project *p,
                                 struct sp_err *err)
{
    enum sp_code rc = store_project_get(ctx->store, ctx->arena, id, p, err);

    if (rc == SP_NOT_FOUND)
        return sp_err_invalid(err, "/project_id", SP_R_NO_SUCH_RECORD,
                              "There is no project with this id.");
    return rc;
}

/* The team a referral goes to: the one named by team_id or by municipality_code (the project's
 * team in that municipality; both given, they must agree), else the caller's first team of the
 * project. The caller must work on it (policy_team_assignable). */
enum sp_code api_referral_team(struct api_ctx *ctx, const struct project *p, struct enrolment *e,
                               struct sp_err *err)
{
    const char *municipality = NULL;
    struct store_page page = {.after = 0, .limit = 200};
    bool more = true;
    bool named = false;
    enum sp_code rc =
        api_get_int(ctx->body, "team_id", false, 1, INT64_MAX, &e->team_id, &named, err);

    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "municipality_code", false, 1, 8, ctx->arena, &municipality,
                            err);
    if (rc != SP_OK)
        return rc;
    if (!named && municipality == NULL)
        return policy_enrolment_team(ctx->subject, e->project_id, &e->team_id, err);
    while (rc == SP_OK && more) {
        struct team *teams = NULL;
        size_t count = 0;

        rc = store_team_list(ctx->store, ctx->arena, p->id, &page, &teams, &count, &more, err);
        for (size_t i = 0; rc == SP_OK && i < count; i++) {
            bool same_team = named && teams[i].id == e->team_id;
            bool in_municipality =
                municipality != NULL && strcmp(teams[i].municipality_code, municipality) == 0;

            if (named && municipality != NULL && same_team != in_municipality)
                return sp_err_invalid(err, "/municipality_code", SP_R_TEAM_NOT_IN_PROJECT,
                                      "The team named works in another municipality.");
            if (same_team || (!named && in_municipality)) {
                e->team_id = teams[i].id;
                rc = policy_team_assignable(ctx->subject, p->id, e->team_id, err);
                if (rc == SP_FORBIDDEN && !named) /* name the member the caller sent */
                    snprintf(err->field, sizeof err->field, "/municipality_code");
                return rc;
            }
        }
        if (count > 0)
            page.after = teams[count - 1].id;
    }
    if (rc == SP_OK && named)
        rc = sp_err_invalid(err, "/team_id", SP_R_TEAM_NOT_IN_PROJECT,
                            "Give a team of the project.");
    else if (rc == SP_OK)
        rc = sp_err_invalid(err, "/municipality_code", SP_R_TEAM_NOT_IN_PROJECT,
                            "The project has no team in this municipality.");
    return rc;
}

static enum sp_code parse_new_enrolment(struct api_ctx *ctx, struct enrolment *e, struct project *p,
                                        struct citizen *c, struct sp_err *err)
{
    static const char *const allowed[] = {"project_id",        "citizen_id",   "referral_date",
                                          "referral_source",   "target_group", "team_id",
                                          "municipality_code", "assignments",  NULL};
    struct core_date referral;
    enum sp_code rc = api_reject_unknown(ctx->body, allowed, err);

    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "project_id", true, 1, INT64_MAX, &e->project_id, NULL, err);
    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "citizen_id", true, 1, INT64_MAX, &e->citizen_id, NULL, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "referral_date", true, ctx->arena, &e->referral_date,
                          &referral, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "referral_source", true, 1, 200, ctx->arena,
                          &e->referral_source, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "target_group", true, 1, 64, ctx->arena, &e->target_group,
                            err);
    if (rc == SP_OK)
        rc = load_project(ctx, e->project_id, p, err);
    if (rc == SP_OK)
        rc = check_target_group(p, e->target_group, err);
    if (rc == SP_OK)
        rc = store_citizen_get(ctx->store, ctx->arena, e->citizen_id, c, err);
    if (rc == SP_NOT_FOUND)
        rc = sp_err_invalid(err, "/citizen_id", SP_R_NO_SUCH_RECORD,
                            "There is no citizen with this id.");
    return rc;
}

/* The referral date within its bounds (core/date_bounds.c): not before the citizen's birth or
 * the project's start, not in the future. Checked only once the caller may see the citizen, so
 * that the answer says nothing about the birth date of someone they may not see. Outside the
 * project's age range is allowed: screening suggests eligibility later, and a referral is a
 * fact to record either way. */
static enum sp_code check_referral_date(struct api_ctx *ctx, const struct enrolment *e,
                                        const struct project *p, const struct citizen *c,
                                        struct sp_err *err)
{
    struct core_date referral;
    struct core_date birth;
    struct core_date start;
    struct core_date_facts facts = {.today = ctx->today, .birth = &birth, .project_start = &start};

    if (core_date_parse(c->birth_date, strlen(c->birth_date), "", &birth, err) != SP_OK ||
        core_date_parse(p->period_start, strlen(p->period_start), "", &start, err) != SP_OK ||
        core_date_parse(e->referral_date, strlen(e->referral_date), "", &referral, err) != SP_OK)
        return sp_err_set(err, SP_INTERNAL, "", "A date does not parse.");
    return core_date_check(DATE_KIND_REFERRAL, referral, &facts, "/referral_date", err);
}

enum sp_code api_enrolments_create(struct api_ctx *ctx, struct sp_err *err)
{
    struct enrolment e = {0};
    struct project *p = sp_arena_alloc(ctx->arena, sizeof *p);
    struct citizen c;
    char location[64];
    struct policy_citizen_view seen;
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = parse_new_enrolment(ctx, &e, p, &c, err);
    /* The caller must see the citizen, and works on a team of the project. */
    if (rc == SP_OK) {
        api_audit(ctx, e.citizen_id, "create");
        rc = policy_citizen_read(ctx->subject, ctx->store, ctx->arena, e.citizen_id, &seen, err);
    }
    if (rc == SP_NOT_FOUND)
        rc = sp_err_invalid(err, "/citizen_id", SP_R_NO_SUCH_RECORD,
                            "There is no citizen with this id.");
    if (rc == SP_OK)
        rc = check_referral_date(ctx, &e, p, &c, err);
    if (rc == SP_OK)
        rc = api_referral_team(ctx, p, &e, err);
    e.status = core_enrolment_status_name(ENROLMENT_REFERRED);
    if (rc == SP_OK)
        rc = store_enrolment_create(ctx->store, &e, ctx->now, err);
    if (rc == SP_CONFLICT) {
        sp_err_set(err, SP_CONFLICT, "/citizen_id",
                   "This person is already enrolled in this project.");
        return sp_err_reason(err, SP_R_ALREADY_ENROLLED);
    }
    /* Whoever takes a referral carries it in their role: a clinician has it on their caseload
     * (issue 5), and every registrar is its first assignee until the team assigns another. */
    if (rc == SP_OK && policy_registrar_role(ctx->subject) != NULL)
        rc = store_enrolment_member_add(ctx->store, e.id, ctx->subject->user->id,
                                        policy_registrar_role(ctx->subject), err);
    /* The team set with the referral (docs/api-contract.md "Assignments"). */
    if (rc == SP_OK && json_object_get(ctx->body, "assignments") != NULL)
        rc = api_assignments_apply(ctx, e.id, json_object_get(ctx->body, "assignments"),
                                   "/assignments", false, err);
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, e.id, &e, err);
    if (rc != SP_OK)
        return rc;
    snprintf(location, sizeof location, "/api/v1/enrolments/%" PRId64, e.id);
    ctx->status = 201;
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    return reply_enrolment(ctx, &e, NULL, err);
}

enum sp_code api_enrolments_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct enrolment e = {0};
    struct policy_enrolment_view view;
    int64_t citizen_id = 0;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, &view, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc == SP_OK)
        rc = reply_enrolment(ctx, &e, &view, err);
    return rc;
}

/* SP_INVALID one_of with every enrolment status. */
static enum sp_code status_one_of(const char *field, struct sp_err *err)
{
    const char *names[ENROLMENT__COUNT];

    for (int s = 0; s < ENROLMENT__COUNT; s++)
        names[s] = core_enrolment_status_name((enum enrolment_status)s);
    return api_one_of(field, names, ENROLMENT__COUNT, err);
}

/* SP_INVALID status_move, with the statuses the enrolment can move to from `from`. */
static enum sp_code status_move_error(enum enrolment_status from, enum enrolment_status to,
                                      struct sp_err *err)
{
    const char *names[ENROLMENT__COUNT];
    size_t n = 0;

    for (int s = 0; s < ENROLMENT__COUNT; s++)
        if (core_enrolment_can_move(from, (enum enrolment_status)s))
            names[n++] = core_enrolment_status_name((enum enrolment_status)s);
    sp_err_invalid(err, "/status", SP_R_STATUS_MOVE, "An enrolment cannot move from %s to %s.",
                   core_enrolment_status_name(from), core_enrolment_status_name(to));
    return sp_err_allowed(err, names, n);
}

enum sp_code api_enrolments_list(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"project", "status", "assigned", NULL};
    static const char *const me[] = {"me"};
    struct store_enrolment_filter filter = {.status = ctx->query(ctx->conn, "status")};
    enum enrolment_status status;
    struct store_page page;
    struct enrolment *items = NULL;
    size_t count = 0;
    bool more = false;
    enum sp_code rc = api_get_query_id(ctx->conn, ctx->query, "project", &filter.project_id, err);
    const char *assigned = ctx->query(ctx->conn, "assigned");
    json_t *array;

    if (rc == SP_OK)
        rc = policy_visible_teams(ctx->subject, ctx->arena, &filter.teams, err);
    /* "me" is the only value: a caseworker's own cases (docs/api-contract.md). */
    if (rc == SP_OK && assigned != NULL && strcmp(assigned, "me") != 0)
        rc = api_one_of("assigned", me, 1, err);
    if (rc == SP_OK && assigned != NULL)
        filter.assigned_user = ctx->subject->user->id;
    if (rc == SP_OK && filter.status != NULL && !core_enrolment_status_from(filter.status, &status))
        rc = status_one_of("status", err);
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, params, &page, err);
    if (rc == SP_OK)
        rc = store_enrolment_list(ctx->store, ctx->arena, &filter, &page, &items, &count, &more,
                                  err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++) {
        api_push(&array, enrolment_base_json(&items[i]));
        api_audit(ctx, items[i].citizen_id, "search");
    }
    return api_answer(ctx, api_list_reply(array, more, count ? items[count - 1].id : 0), err);
}

/* Why it ends: a reason for the status it ends in (core/enrolment.h), and a note that "other"
 * needs; both only with an ending. */
static enum sp_code parse_ending(struct api_ctx *ctx, bool ending, enum enrolment_status to,
                                 struct status_change *change, struct sp_err *err)
{
    enum sp_code rc =
        api_get_string(ctx->body, "status_reason", false, 1, 32, ctx->arena, &change->reason, err);

    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "status_note", false, 1, 2000, ctx->arena, &change->note,
                            err);
    if (rc != SP_OK)
        return rc;
    if (!ending && change->reason != NULL)
        return sp_err_invalid(err, "/status_reason", SP_R_ONLY_WHEN_ENDING,
                              "A reason is given only when the enrolment ends.");
    if (!ending && change->note != NULL)
        return sp_err_invalid(err, "/status_note", SP_R_ONLY_WHEN_ENDING,
                              "A note is given only when the enrolment ends.");
    if (ending && change->reason == NULL)
        return sp_err_invalid(err, "/status_reason", SP_R_REQUIRED, "Say why the enrolment ends.");
    if (ending && !core_enrolment_end_reason_valid(to, change->reason))
        return api_one_of_listed("/status_reason", core_enrolment_end_reasons(to), err);
    if (ending && change->note == NULL && core_enrolment_reason_needs_note(change->reason))
        return sp_err_invalid(err, "/status_note", SP_R_NOTE_REQUIRED_FOR_OTHER,
                              "Say what the reason is.");
    return SP_OK;
}

/* The status member: a move core allows, kept in *change (kind "move" or "end") when the status
 * changes; change->kind stays NULL otherwise. */
static enum sp_code patch_status(struct api_ctx *ctx, struct enrolment *e,
                                 struct status_change *change, struct sp_err *err)
{
    const char *to_name = NULL;
    enum enrolment_status from;
    enum enrolment_status to = ENROLMENT_REFERRED;
    enum sp_code rc = api_get_string(ctx->body, "status", false, 1, 16, ctx->arena, &to_name, err);

    if (rc == SP_OK && to_name != NULL && !core_enrolment_status_from(to_name, &to))
        return status_one_of("/status", err);
    if (rc == SP_OK && !core_enrolment_status_from(e->status, &from))
        return sp_err_set(err, SP_INTERNAL, "", "The stored status is unknown.");
    if (rc == SP_OK && to_name != NULL && from != to && !core_enrolment_can_move(from, to))
        return status_move_error(from, to, err);
    if (rc == SP_OK)
        rc = parse_ending(ctx, to_name != NULL && from != to && core_enrolment_status_final(to), to,
                          change, err);
    if (rc != SP_OK || to_name == NULL || from == to)
        return rc;
    change->from_status = e->status;
    change->to_status = core_enrolment_status_name(to);
    change->kind = core_enrolment_status_final(to) ? "end" : "move";
    e->status = change->to_status;
    return SP_OK;
}

static enum sp_code patch_team(struct api_ctx *ctx, struct enrolment *e, struct sp_err *err)
{
    json_t *v = json_object_get(ctx->body, "team_id");
    struct team t;
    enum sp_code rc;

    if (v == NULL)
        return SP_OK;
    /* Visibility follows the team (docs/security-model.md): without one nobody, the caller
     * included, would see the enrolment again. Moving it is the way to hand it over. */
    if (json_is_null(v))
        return sp_err_invalid(err, "/team_id", SP_R_TEAM_REQUIRED,
                              "An enrolment cannot be left without a team: nobody could see it "
                              "any more. Give the team to move it to.");
    rc = api_get_int(ctx->body, "team_id", true, 1, INT64_MAX, &e->team_id, NULL, err);
    if (rc == SP_OK)
        rc = store_team_get(ctx->store, ctx->arena, e->team_id, &t, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && t.project_id != e->project_id))
        return sp_err_invalid(err, "/team_id", SP_R_TEAM_NOT_IN_PROJECT,
                              "Give a team of the enrolment's project.");
    if (rc == SP_OK)
        rc = policy_team_assignable(ctx->subject, e->project_id, e->team_id, err);
    return rc;
}

enum sp_code api_enrolments_patch(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {
        "status",       "status_reason", "status_note", "referral_source",
        "target_group", "team_id",       NULL};
    struct enrolment e = {0};
    struct status_change change = {0};
    struct project *p = sp_arena_alloc(ctx->arena, sizeof *p);
    const char *source = NULL;
    const char *group = NULL;
    enum sp_code rc = api_reject_unknown(ctx->body, allowed, err);

    if (rc == SP_OK && json_object_size(ctx->body) == 0)
        rc = sp_err_invalid(err, "", SP_R_NOTHING_TO_CHANGE, "Send at least one member to change.");
    if (rc == SP_OK) {
        int64_t citizen_id = 0;

        rc =
            policy_enrolment_write(ctx->subject, ctx->store, ctx->arena, ctx->id, &citizen_id, err);
        if (citizen_id > 0)
            api_audit(ctx, citizen_id, "update");
    }
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc == SP_OK && e.version != ctx->if_match) {
        err->current_version = e.version;
        rc = sp_err_set(err, SP_STALE, "",
                        "The enrolment has changed since it was read. Read it again and retry.");
    }
    if (rc == SP_OK)
        rc = patch_status(ctx, &e, &change, err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "referral_source", false, 1, 200, ctx->arena, &source, err);
    if (rc == SP_OK && source != NULL)
        e.referral_source = source;
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "target_group", false, 1, 64, ctx->arena, &group, err);
    if (rc == SP_OK && group != NULL) {
        rc = load_project(ctx, e.project_id, p, err);
        if (rc == SP_OK)
            rc = check_target_group(p, group, err);
        e.target_group = group;
    }
    if (rc == SP_OK)
        rc = patch_team(ctx, &e, err);
    e.status_changed = ctx->now;
    if (rc == SP_OK)
        rc = store_enrolment_update(ctx->store, &e, ctx->if_match, err);
    if (rc == SP_OK && change.kind != NULL)
        rc = api_status_change_record(ctx, e.id, change.from_status, change.to_status, change.kind,
                                      change.reason, change.note, err);
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc == SP_OK)
        rc = reply_enrolment(ctx, &e, NULL, err);
    return rc;
}
