/* What a replayed Idempotency-Key answer passes instead of its handler (dispatch.c): the policy
 * question the handler asks, with the same refusals, and the audit event of the replay. A stored
 * answer is the first answer — a session note, a citizen's identifier — so a caller who has since
 * left the team, or lost the role, must not get it back by repeating the request. Every route
 * with API_IDEMPOTENT has a row here (tests/unit/api/replay_test.c fails otherwise), and
 * dispatch refuses to replay on a route without one. */
#include <string.h>

#include "api/api.h"
#include "api/validate.h"
#include "policy/policy.h"

/* The treatment track: health roles on the enrolment's team (api_treatment_gate, as the
 * handlers). */
static enum sp_code gate_treatment(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                   struct sp_err *err)
{
    (void)citizen_id; /* the enrolment of the path names it */
    return api_treatment_gate(ctx, action, err);
}

static enum sp_code gate_case_review(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                     struct sp_err *err)
{
    enum sp_code rc = policy_case_review(ctx->subject, err);

    (void)citizen_id;
    if (rc == SP_OK)
        rc = api_treatment_gate(ctx, action, err);
    return rc;
}

/* Consents: a case role on the enrolment's team, as consents.c. */
static enum sp_code gate_enrolment_write(struct api_ctx *ctx, const char *action,
                                         int64_t citizen_id, struct sp_err *err)
{
    int64_t of = 0;
    enum sp_code rc =
        policy_enrolment_write(ctx->subject, ctx->store, ctx->arena, ctx->id, &of, err);

    (void)citizen_id;
    if (of > 0)
        api_audit(ctx, of, action);
    return rc;
}

/* A goal: the caller may still write a goal of that area on the enrolment (goals.c): the stored
 * answer holds the goal's words. */
static enum sp_code gate_goal_create(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                     struct sp_err *err)
{
    const char *area = json_string_value(json_object_get(ctx->body, "area"));
    int64_t of = 0;
    enum sp_code rc = policy_goal_write(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                        area != NULL ? area : "", &of, err);

    (void)citizen_id;
    if (of > 0)
        api_audit(ctx, of, action);
    return rc;
}

/* An episode or a follow-along contact: the caller may still record in the enrolment's
 * employment track (episodes.c, follow_along.c). */
static enum sp_code gate_employment_write(struct api_ctx *ctx, const char *action,
                                          int64_t citizen_id, struct sp_err *err)
{
    (void)citizen_id;
    return api_employment_gate(ctx, action, true, err);
}

/* A citizen registered by the caller: the answer holds the identifier, so it goes back only to a
 * caller who still sees that citizen; otherwise 409 naming the key, never whom the record
 * belongs to now. */
static enum sp_code gate_citizen_create(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                        struct sp_err *err)
{
    struct policy_citizen_view seen;
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc != SP_OK)
        return rc;
    if (citizen_id > 0)
        api_audit(ctx, citizen_id, action);
    rc = policy_citizen_read(ctx->subject, ctx->store, ctx->arena, citizen_id, &seen, err);
    /* The record the key made is no longer the caller's to see: its answer (the identifier) is
     * not handed back; a new request without the key registers as any other would. */
    if (rc == SP_FORBIDDEN || rc == SP_NOT_FOUND)
        rc = sp_err_set(err, SP_CONFLICT, "Idempotency-Key",
                        "What this Idempotency-Key registered is no longer yours to see; send the "
                        "request again without the key.");
    return rc;
}

/* A referral: the caller sees the citizen and works on a team of the project (enrolments.c). */
static enum sp_code gate_enrolment_create(struct api_ctx *ctx, const char *action,
                                          int64_t citizen_id, struct sp_err *err)
{
    struct policy_citizen_view seen;
    int64_t project_id = 0;
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "project_id", true, 1, INT64_MAX, &project_id, NULL, err);
    if (rc == SP_OK) {
        if (citizen_id > 0)
            api_audit(ctx, citizen_id, action);
        rc = policy_citizen_read(ctx->subject, ctx->store, ctx->arena, citizen_id, &seen, err);
    }
    if (rc == SP_NOT_FOUND)
        rc = sp_err_invalid(err, "/citizen_id", SP_R_NO_SUCH_RECORD,
                            "There is no citizen with this id.");
    if (rc == SP_OK) {
        struct project *p = sp_arena_alloc(ctx->arena, sizeof *p);
        struct enrolment e = {.project_id = project_id};

        rc = store_project_get(ctx->store, ctx->arena, project_id, p, err);
        if (rc == SP_OK)
            rc = api_referral_team(ctx, p, &e, err); /* as the handler asks it */
    }
    return rc;
}

static enum sp_code gate_project_create(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                        struct sp_err *err)
{
    (void)citizen_id;
    api_audit(ctx, 0, action);
    return policy_project_create(ctx->subject, err);
}

static enum sp_code gate_administer(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                    struct sp_err *err)
{
    (void)citizen_id;
    api_audit(ctx, 0, action);
    return policy_administer(ctx->subject, err);
}

/* A network meeting: as the enrolment's write, and the stored answer holds the words of the goals
 * it set or moved: a treatment goal's only while the caller may still read them (goals.c). */
static enum sp_code gate_network_meeting(struct api_ctx *ctx, const char *action,
                                         int64_t citizen_id, struct sp_err *err)
{
    const json_t *goals = json_object_get(ctx->body, "goals");
    bool treatment = json_array_size(json_object_get(ctx->body, "goal_changes")) > 0;
    int64_t of = 0;
    enum sp_code rc;

    for (size_t i = 0; i < json_array_size(goals); i++) {
        const char *area = json_string_value(json_object_get(json_array_get(goals, i), "area"));

        treatment = treatment || (area != NULL && strcmp(area, "treatment") == 0);
    }
    rc = policy_goal_write(ctx->subject, ctx->store, ctx->arena, ctx->id,
                           treatment ? "treatment" : "everyday_life", &of, err);
    (void)citizen_id;
    if (of > 0)
        api_audit(ctx, of, action);
    return rc;
}

/* The actions are those the handlers audit (the first request's event). */
const struct api_replay_gate api_replay_gates[] = {
    {"POST", "/api/v1/projects", gate_project_create, "create"},
    {"POST", "/api/v1/citizens", gate_citizen_create, "create"},
    {"POST", "/api/v1/enrolments", gate_enrolment_create, "create"},
    {"POST", "/api/v1/enrolments/{id}/consents", gate_enrolment_write, "consent"},
    {"POST", "/api/v1/enrolments/{id}/assessments", gate_treatment, "assessment"},
    {"POST", "/api/v1/enrolments/{id}/sessions", gate_treatment, "session"},
    {"POST", "/api/v1/enrolments/{id}/safety-followups", gate_treatment, "safety_followup"},
    {"POST", "/api/v1/enrolments/{id}/eligibility", gate_treatment, "eligibility"},
    {"POST", "/api/v1/enrolments/{id}/case-reviews", gate_case_review, "case_review"},
    {"POST", "/api/v1/employers", api_employer_create_gate, "employer_add"},
    {"POST", "/api/v1/employers/{id}/contacts", api_employer_contact_gate, "employer_contact"},
    {"POST", "/api/v1/enrolments/{id}/goals", gate_goal_create, "create"},
    {"PUT", "/api/v1/enrolments/{id}/coordinator", gate_enrolment_write, "update"},
    {"POST", "/api/v1/enrolments/{id}/tasks", gate_enrolment_write, "create"},
    {"POST", "/api/v1/enrolments/{id}/episodes", gate_employment_write, "create"},
    {"POST", "/api/v1/enrolments/{id}/follow-along", gate_employment_write, "create"},
    {"POST", "/api/v1/enrolments/{id}/meetings", gate_enrolment_write, "meeting"},
    {"POST", "/api/v1/enrolments/{id}/network-meetings", gate_network_meeting, "network_meeting"},
    {"POST", "/api/v1/group-sessions", api_group_session_create_gate, "group_session"},
    {"POST", "/api/v1/enrolments/{id}/team-notes", gate_enrolment_write, "team_note"},
    {"POST", "/api/v1/users", gate_administer, "user_add"},
    {"POST", "/api/v1/teams/{id}/members", gate_administer, "team_member_change"},
    {"POST", "/api/v1/teams", gate_administer, "team_add"},
    {"POST", "/api/v1/instruments/{key}/texts", gate_administer, "instruments_load"},
    {NULL, NULL, NULL, NULL},
};

const struct api_replay_gate *api_replay_gate_for(const char *method, const char *pattern)
{
    for (const struct api_replay_gate *g = api_replay_gates; g->method != NULL; g++)
        if (strcmp(g->method, method) == 0 && strcmp(g->pattern, pattern) == 0)
            return g;
    return NULL;
}
