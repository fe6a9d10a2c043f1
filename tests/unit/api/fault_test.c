/* Fault injection for the case-administration writes and signing out (fault.h): registering a
 * citizen, a person the caller already has, a referral, a consent, assigning roles, ending and
 * reopening an enrolment, and logout, each with every one of its storage calls failing in turn.
 * A registration or a referral goes in with its audit event or not at all; so do both roles of an
 * assignment, and an ending or a reopening with its status-history row. */
#include "fault.h"

static const struct fault_request requests[] = {
    {CASEWORKER, "POST", "/api/v1/citizens", .idem_key = "fault-citizen", .status = 201,
     .body = "{\"identifier\":\"710602-4991\",\"identifier_type\":\"erstatning\",\"name\":"
             "\"Fiktiv Fejltest\",\"municipality_code\":\"657\",\"synthetic\":true}",
     .writes = "citizen+1 idempotency+1 audit_event+1"},
    /* One person, many records (docs/security-model.md): a person the caller already has is
     * answered with that record; only the read of it is written. */
    {CASEWORKER, "POST", "/api/v1/citizens", .idem_key = "fault-known", .status = 200,
     .body = "{\"identifier\":\"680302-4994\",\"identifier_type\":\"erstatning\",\"name\":"
             "\"Fiktiv Igen\",\"synthetic\":true}",
     .writes = "idempotency+1 audit_event+1"},
    {CASEWORKER, "POST", "/api/v1/enrolments", .idem_key = "fault-referral", .status = 201,
     .body = "{\"project_id\":1,\"citizen_id\":4,\"referral_date\":\"2026-11-02\","
             "\"referral_source\":\"jobcenter\",\"target_group\":\"other\",\"team_id\":1}",
     .writes = "enrolment+1 enrolment_member+1 idempotency+1 audit_event+1"},
    {CASEWORKER, "POST", "/api/v1/enrolments/{id}/consents", .id = 4, .idem_key = "fault-consent",
     .status = 201, .body = "{\"scope\":\"research_use\",\"given\":true,\"date\":\"2026-11-20\"}",
     .writes = "consent+1 idempotency+1 audit_event+1"},
    {CARE_MANAGER, "PATCH", "/api/v1/enrolments/{id}/assignments", .id = 1, .if_match = 1,
     .status = 200,
     .body = "{\"care_manager\":" FAULT_ID(CARE_MANAGER) ",\"therapist\":" FAULT_ID(THERAPIST) "}",
     .writes = "enrolment~ enrolment_member+2 audit_event+1",
     .check = "SELECT COUNT(*) = 2 FROM enrolment_member WHERE enrolment_id = 1 AND assigned = 1"
              " AND role IN ('care_manager', 'therapist')"},
    {CARE_MANAGER, "PATCH", "/api/v1/enrolments/{id}", .id = 2, .if_match = 1, .status = 200,
     .body = "{\"status\":\"withdrawn\",\"status_reason\":\"moved\"}",
     .writes = "enrolment~ enrolment_status_change+1 audit_event+1",
     .check = "SELECT status = 'withdrawn' FROM enrolment WHERE id = 2"},
    {SUPERVISOR, "POST", "/api/v1/enrolments/{id}/reopen", .id = 2, .if_match = 2, .status = 200,
     .body = "{\"reason\":\"ended_by_mistake\"}",
     .writes = "enrolment~ enrolment_status_change+1 audit_event+1",
     .check = "SELECT status = 'referred' AND version = 3 FROM enrolment WHERE id = 2"},
    {ADMIN, "POST", "/api/v1/auth/logout", .signed_in = true, .status = 200,
     .writes = "session~ audit_event+1"},
};

int main(void)
{
    return fault_main("fault_test", requests, sizeof requests / sizeof requests[0]);
}
