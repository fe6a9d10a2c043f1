/* The route table: what exists, which phases http/ runs before each handler, and the purpose
 * written in the audit log. tests/unit/api/openapi_test.c checks it against the OpenAPI
 * document, and tests/unit/policy/routes_test.c that policy covers every row. */
#include "api/api.h"

#define W (API_BODY | API_WRITE | API_IDEMPOTENT)

const struct api_route api_routes[] = {
    {"GET", "/healthz", api_health_live, API_RAW | API_PUBLIC, "operations"},
    {"GET", "/readyz", api_health_ready, API_PUBLIC, "operations"},
    {"GET", "/api/v1/openapi.json", api_openapi_get, API_RAW | API_PUBLIC, "operations"},
    {"POST", "/api/v1/auth/login", api_auth_login, API_BODY | API_PUBLIC, "authentication"},
    {"POST", "/api/v1/auth/logout", api_auth_logout, API_WRITE, "authentication"},
    {"GET", "/api/v1/auth/me", api_auth_me, 0, "authentication"},
    {"GET", "/api/v1/organisations", api_organisations_list, 0, "administration"},
    {"GET", "/api/v1/projects", api_projects_list, 0, "administration"},
    {"POST", "/api/v1/projects", api_projects_create, W, "administration"},
    {"GET", "/api/v1/projects/{id}", api_projects_get, 0, "administration"},
    {"GET", "/api/v1/citizens", api_citizens_list, 0, "case_administration"},
    {"POST", "/api/v1/citizens", api_citizens_create, W, "case_administration"},
    {"GET", "/api/v1/citizens/{id}", api_citizens_get, 0, "case_administration"},
    {"GET", "/api/v1/citizens/{id}/access-log", api_access_log_get, 0, "case_administration"},
    {"GET", "/api/v1/enrolments", api_enrolments_list, 0, "case_administration"},
    {"POST", "/api/v1/enrolments", api_enrolments_create, W, "case_administration"},
    {"GET", "/api/v1/enrolments/{id}", api_enrolments_get, 0, "case_administration"},
    {"PATCH", "/api/v1/enrolments/{id}", api_enrolments_patch, API_BODY | API_WRITE | API_IF_MATCH,
     "case_administration"},
    {"GET", "/api/v1/enrolments/{id}/consents", api_consents_list, 0, "case_administration"},
    {"POST", "/api/v1/enrolments/{id}/consents", api_consents_create, W, "case_administration"},
    {"GET", "/api/v1/users", api_users_list, 0, "administration"},
    {"POST", "/api/v1/users", api_users_create, W, "administration"},
    {"PATCH", "/api/v1/users/{id}", api_users_patch, API_BODY | API_WRITE | API_IF_MATCH,
     "administration"},
    {"GET", "/api/v1/teams", api_teams_list, 0, "administration"},
    {"POST", "/api/v1/teams/{id}/members", api_team_members_set, W, "administration"},
    {NULL, NULL, NULL, 0, NULL},
};
