/* The route table: what exists, and which phases http/ runs before each handler. */
#include "api/api.h"

const struct api_route api_routes[] = {
    {"GET", "/healthz", api_health_live, 0},
    {"GET", "/readyz", api_health_ready, 0},
    {"GET", "/api/v1/openapi.json", api_openapi_get, API_RAW},
    {"GET", "/api/v1/organisations", api_organisations_list, 0},
    {"GET", "/api/v1/projects", api_projects_list, 0},
    {"POST", "/api/v1/projects", api_projects_create, API_BODY | API_WRITE | API_IDEMPOTENT},
    {"GET", "/api/v1/projects/{id}", api_projects_get, 0},
    {"GET", "/api/v1/citizens", api_citizens_list, 0},
    {"POST", "/api/v1/citizens", api_citizens_create, API_BODY | API_WRITE | API_IDEMPOTENT},
    {"GET", "/api/v1/citizens/{id}", api_citizens_get, 0},
    {"GET", "/api/v1/enrolments", api_enrolments_list, 0},
    {"POST", "/api/v1/enrolments", api_enrolments_create, API_BODY | API_WRITE | API_IDEMPOTENT},
    {"GET", "/api/v1/enrolments/{id}", api_enrolments_get, 0},
    {"PATCH", "/api/v1/enrolments/{id}", api_enrolments_patch, API_BODY | API_WRITE | API_IF_MATCH},
    {NULL, NULL, NULL, 0},
};
