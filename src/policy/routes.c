/* The coarse gate: which roles may call each route at all. Handlers then ask the fine-grained
 * questions (which citizen, which members). tests/unit/policy/routes_test.c fails when a route
 * of api_routes has no row here, and the authorization matrix test (tests/api/matrix.test.mjs)
 * walks every row. */
#include "policy/policy.h"

#include <string.h>

#define ANYONE (~0u)
#define ADMIN POLICY_ADMINISTRATOR
#define CASE POLICY_CASE_ROLES
#define HEALTH POLICY_HEALTH_ROLES
#define MUNICIPAL POLICY_MUNICIPAL_ROLES
/* The treatment track's enrolment routes are open to every case role at this gate, so that the
 * fine rule (policy_treatment_access) answers a municipal caller as for any enrolment: 403 on
 * their municipality's teams, 404 where the enrolment is not theirs to know of. */

const struct policy_route_rule policy_routes[] = {
    {"GET", "/healthz", POLICY_PUBLIC},
    {"GET", "/readyz", POLICY_PUBLIC},
    {"GET", "/api/v1/openapi.json", POLICY_PUBLIC},
    {"POST", "/api/v1/auth/login", POLICY_PUBLIC},
    {"POST", "/api/v1/auth/logout", ANYONE},
    {"GET", "/api/v1/auth/me", ANYONE},
    {"GET", "/api/v1/organisations", ANYONE},
    {"GET", "/api/v1/target-groups", ANYONE},
    {"GET", "/api/v1/projects", ANYONE},
    {"POST", "/api/v1/projects", ADMIN},
    {"GET", "/api/v1/projects/{id}", ANYONE},
    {"PATCH", "/api/v1/projects/{id}", ADMIN},
    {"GET", "/api/v1/citizens", CASE},
    {"POST", "/api/v1/citizens", CASE},
    {"GET", "/api/v1/citizens/{id}", CASE},
    {"GET", "/api/v1/citizens/{id}/access-log", CASE},
    {"GET", "/api/v1/enrolments", CASE},
    {"POST", "/api/v1/enrolments", CASE},
    {"GET", "/api/v1/enrolments/{id}", CASE},
    {"PATCH", "/api/v1/enrolments/{id}", CASE},
    {"GET", "/api/v1/enrolments/{id}/consents", CASE},
    {"POST", "/api/v1/enrolments/{id}/consents", CASE},
    {"GET", "/api/v1/instruments", ANYONE},
    {"GET", "/api/v1/instruments/{key}", ANYONE},
    {"POST", "/api/v1/instruments/{key}/score", POLICY_PUBLIC},
    {"POST", "/api/v1/instruments/{key}/texts", ADMIN},
    {"GET", "/api/v1/enrolments/{id}/assessments", CASE},
    {"POST", "/api/v1/enrolments/{id}/assessments", CASE},
    {"GET", "/api/v1/enrolments/{id}/treatment-plan", CASE},
    {"PUT", "/api/v1/enrolments/{id}/treatment-plan", CASE},
    {"GET", "/api/v1/enrolments/{id}/sessions", CASE},
    {"POST", "/api/v1/enrolments/{id}/sessions", CASE},
    {"GET", "/api/v1/enrolments/{id}/safety-followups", CASE},
    {"POST", "/api/v1/enrolments/{id}/safety-followups", CASE},
    {"GET", "/api/v1/enrolments/{id}/eligibility", CASE},
    {"POST", "/api/v1/enrolments/{id}/eligibility", CASE},
    {"GET", "/api/v1/enrolments/{id}/case-reviews", CASE},
    {"POST", "/api/v1/enrolments/{id}/case-reviews", POLICY_SUPERVISING_CLINICIAN},
    {"GET", "/api/v1/enrolments/{id}/team", CASE},
    {"PATCH", "/api/v1/enrolments/{id}/assignments", CASE},
    {"GET", "/api/v1/enrolments/{id}/status-history", CASE},
    /* Reopening: the team's supervising clinician or the project's lead (policy.c decides which
     * enrolments). */
    {"POST", "/api/v1/enrolments/{id}/reopen", POLICY_SUPERVISING_CLINICIAN | POLICY_PROJECT_LEAD},
    {"GET", "/api/v1/tasks", CASE},
    {"GET", "/api/v1/enrolments/{id}/tasks", CASE},
    {"POST", "/api/v1/enrolments/{id}/tasks", CASE},
    {"GET", "/api/v1/enrolments/{id}/labour-weeks", CASE},
    {"PATCH", "/api/v1/tasks/{id}", CASE},
    /* The employment and education track: read by the team's municipal staff, and by its health
     * staff while employment_to_health is in force; kept by the municipal staff
     * (policy_employment_access, policy_employment_write). */
    {"GET", "/api/v1/enrolments/{id}/episodes", CASE},
    {"POST", "/api/v1/enrolments/{id}/episodes", MUNICIPAL},
    {"GET", "/api/v1/episodes/{id}", CASE},
    {"PATCH", "/api/v1/episodes/{id}", MUNICIPAL},
    {"GET", "/api/v1/enrolments/{id}/vocational-profile", CASE},
    {"PUT", "/api/v1/enrolments/{id}/vocational-profile", MUNICIPAL},
    {"GET", "/api/v1/enrolments/{id}/vocational-profile/history", CASE},
    {"GET", "/api/v1/enrolments/{id}/follow-along", CASE},
    {"POST", "/api/v1/enrolments/{id}/follow-along", MUNICIPAL},
    /* Employers: the register is read by every case role of its municipality (health roles
     * without contact persons); keeping it and contacting employers is the job centre's work
     * (policy_employer_read, policy_employer_work). */
    {"GET", "/api/v1/employers", CASE},
    {"POST", "/api/v1/employers", MUNICIPAL},
    {"GET", "/api/v1/employers/{id}", CASE},
    {"PATCH", "/api/v1/employers/{id}", MUNICIPAL},
    {"GET", "/api/v1/employers/{id}/contacts", MUNICIPAL},
    {"POST", "/api/v1/employers/{id}/contacts", MUNICIPAL},
    {"GET", "/api/v1/enrolments/{id}/employer-contacts", MUNICIPAL},
    /* The joint plan: the enrolment's whole team, both sectors (policy.c decides per goal). */
    {"GET", "/api/v1/enrolments/{id}/goals", CASE},
    {"POST", "/api/v1/enrolments/{id}/goals", CASE},
    {"GET", "/api/v1/goals/{id}", CASE},
    {"PATCH", "/api/v1/goals/{id}", CASE},
    {"GET", "/api/v1/goals/{id}/history", CASE},
    {"GET", "/api/v1/enrolments/{id}/coordinator", CASE},
    {"PUT", "/api/v1/enrolments/{id}/coordinator", CASE},
    /* The caseload: the treatment track's for health roles, the employment track's
     * (track=employment) for municipal roles (policy_caseload, policy_employment_caseload). */
    {"GET", "/api/v1/caseload", CASE},
    /* IPS Grow's measures: counts for the project's lead and municipal staff. */
    {"GET", "/api/v1/ips-measures", MUNICIPAL | POLICY_PROJECT_LEAD},
    {"GET", "/api/v1/enrolments/{id}/my-plan", CASE},
    /* Meetings and team notes: the joint plan's, the whole team's (policy_enrolment_read and
     * _write; group sessions policy_group_session_access; team notes policy_team_note_visible). */
    {"GET", "/api/v1/enrolments/{id}/meetings", CASE},
    {"POST", "/api/v1/enrolments/{id}/meetings", CASE},
    {"POST", "/api/v1/enrolments/{id}/network-meetings", CASE},
    {"GET", "/api/v1/network-meetings/{id}", CASE},
    {"GET", "/api/v1/group-sessions", CASE},
    {"POST", "/api/v1/group-sessions", CASE},
    {"GET", "/api/v1/group-sessions/young-people", CASE},
    {"GET", "/api/v1/group-sessions/{id}", CASE},
    {"PUT", "/api/v1/group-sessions/{id}/attendance", CASE},
    {"GET", "/api/v1/enrolments/{id}/team-notes", CASE},
    {"POST", "/api/v1/enrolments/{id}/team-notes", CASE},
    {"GET", "/api/v1/case-review", POLICY_SUPERVISING_CLINICIAN},
    {"GET", "/api/v1/follow-ups", HEALTH},
    {"GET", "/api/v1/users", ADMIN},
    {"POST", "/api/v1/users", ADMIN},
    {"PATCH", "/api/v1/users/{id}", ADMIN},
    {"GET", "/api/v1/teams", ADMIN},
    {"POST", "/api/v1/teams", ADMIN},
    {"POST", "/api/v1/teams/{id}/members", ADMIN},
    {NULL, NULL, 0},
};

const struct policy_route_rule *policy_route_rule_for(const char *method, const char *pattern)
{
    for (const struct policy_route_rule *r = policy_routes; r->method != NULL; r++)
        if (strcmp(r->method, method) == 0 && strcmp(r->pattern, pattern) == 0)
            return r;
    return NULL;
}

enum sp_code policy_route_allowed(const struct policy_subject *who, const char *method,
                                  const char *pattern, struct sp_err *err)
{
    const struct policy_route_rule *rule = policy_route_rule_for(method, pattern);

    /* A route without a rule is refused: forgetting a row must never open a route. */
    if (rule == NULL)
        return sp_err_set(err, SP_FORBIDDEN, "", "This route has no access rule.");
    if (rule->roles == POLICY_PUBLIC)
        return SP_OK;
    if (who == NULL)
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "Sign in first.");
    if ((who->roles & rule->roles) == 0)
        return sp_err_set(err, SP_FORBIDDEN, "", "Your role may not use this.");
    return SP_OK;
}
