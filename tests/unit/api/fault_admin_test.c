/* Fault injection for the administration writes (fault.h): a new project, a change of one (its
 * row, then its municipalities and target groups dropped and written again), a team, a user and a
 * change of one, a team member, a loaded questionnaire translation — each with every one of its
 * storage calls failing in turn. */
#include "fault.h"

static const struct fault_request requests[] = {
    {ADMIN, "POST", "/api/v1/projects", .idem_key = "fault-project", .status = 201,
     .body = "{\"slug\":\"fault-two\",\"name\":\"Fault test two\",\"description\":\"\","
             "\"period_start\":\"2026-01-01\",\"period_end\":\"2027-01-01\",\"target_count\":10,"
             "\"age_min\":18,\"age_max\":30,\"municipalities\":[\"657\",\"730\"],"
             "\"target_groups\":[\"other\",\"sygedagpenge\"],\"instruments\":[\"phq9\"],"
             "\"followup_months\":[3,6],\"randomised\":false}",
     .writes = "project+1 project_municipality+2 project_target_group+2 idempotency+1"},
    {ADMIN, "PATCH", "/api/v1/projects/{id}", .id = 1, .if_match = 1, .status = 200,
     .body = "{\"name\":\"Fault test, renamed\",\"municipalities\":[\"730\",\"657\",\"706\"],"
             "\"target_groups\":[\"sygedagpenge\",\"other\"],\"treatment_settings\":"
             "{\"no_contact_days\":21}}",
     .writes = "project~ project_municipality+1 project_target_group+1 audit_event+1",
     .check = "SELECT version = 2 AND no_contact_days = 21 FROM project WHERE id = 1"},
    {ADMIN, "POST", "/api/v1/teams", .idem_key = "fault-team", .status = 201,
     .body = "{\"project_id\":1,\"municipality_code\":\"730\",\"name\":\"Fault Randers\"}",
     .writes = "team+1 idempotency+1 audit_event+1"},
    {ADMIN, "POST", "/api/v1/users", .idem_key = "fault-user", .status = 201,
     .body = "{\"username\":\"fault.newcomer\",\"display_name\":\"Newcomer (fault)\","
             "\"organisation_code\":\"657\",\"roles\":[\"caseworker\"],\"password\":"
             "\"a long enough fault test password\"}",
     .writes = "app_user+1 user_role+1 idempotency+1 audit_event+1"},
    {ADMIN, "PATCH", "/api/v1/users/{id}", .id = 6, .if_match = 1, .status = 200,
     .body = "{\"disabled\":true}", .writes = "app_user~ audit_event+1",
     .check = "SELECT disabled = 1 AND version = 2 FROM app_user WHERE id = 6"},
    {ADMIN, "POST", "/api/v1/teams/{id}/members", .id = 1, .idem_key = "fault-member",
     .status = 200, .body = "{\"user_id\":6,\"member\":true}",
     .writes = "team_member+1 idempotency+1 audit_event+1"},
    /* A file in the shape of data/instruments/README.md for GAD-7 (fixture text, not a
     * translation). */
    {ADMIN, "POST", "/api/v1/instruments/{key}/texts", .key = "gad7", .idem_key = "fault-text",
     .status = 201,
     .body = "{\"instrument\":\"gad7\",\"language\":\"da\",\"source\":\"Fault test fixture, not a "
             "translation\",\"status\":\"TEST\",\"licence\":\"Test only\",\"stem\":null,"
             "\"items\":{\"1\":\"a\",\"2\":\"b\",\"3\":\"c\",\"4\":\"d\",\"5\":\"e\",\"6\":\"f\","
             "\"7\":\"g\"},\"answers\":{\"0\":\"w\",\"1\":\"x\",\"2\":\"y\",\"3\":\"z\"}}",
     .writes = "instrument_text+1 idempotency+1 audit_event+1"},
};

int main(void)
{
    return fault_main("fault_admin_test", requests, sizeof requests / sizeof requests[0]);
}
