/* Fault injection for the treatment track's writes and tasks (fault.h), each with every one of
 * its storage calls failing in turn: an assessment (the care manager taken onto the caseload,
 * then the row) and a correction of one (the new row, then the old one marked replaced), the
 * treatment plan made and changed, a treatment session, a safety follow-up, an eligibility
 * decision, a case review with its task, and the task marked done; the joint plan: a goal (with
 * its first history row), its status moved (the goal and a history row) and the coordinator
 * named (the enrolment locked, the history read, the row); a task of the plan for the young
 * person, linked to the goal (the goal read, the row), and that task marked done by another
 * member of the team on their behalf. */
#include "fault.h"

static const struct fault_request requests[] = {
    {CARE_MANAGER, "POST", "/api/v1/enrolments/{id}/assessments", .id = 1,
     .idem_key = "fault-assessment", .status = 201,
     .body = "{\"instrument\":\"phq9\",\"date\":\"2026-11-16\",\"items\":[2,2,1,2,1,1,2,1,1]}",
     .writes = "assessment+1 enrolment_member+1 idempotency+1 audit_event+1"},
    {CARE_MANAGER, "POST", "/api/v1/enrolments/{id}/assessments", .id = 1,
     .idem_key = "fault-correction", .status = 201,
     .body = "{\"instrument\":\"phq9\",\"date\":\"2026-11-16\",\"items\":[3,2,1,2,1,1,2,1,1],"
             "\"corrects\":1,\"reason\":\"Item 1 was read from the wrong line.\"}",
     .writes = "assessment+1 idempotency+1 audit_event+1",
     .check = "SELECT replaced_by = 2 FROM assessment WHERE id = 1"},
    {CARE_MANAGER, "POST", "/api/v1/enrolments/{id}/assessments", .id = 3,
     .idem_key = "fault-screening", .status = 201,
     .body = "{\"instrument\":\"gad7\",\"date\":\"2026-11-20\",\"items\":[1,2,1,0,2,1,1],"
             "\"occasion\":\"screening\"}",
     .writes = "assessment+1 enrolment_member+1 idempotency+1 audit_event+1"},
    {CARE_MANAGER, "PUT", "/api/v1/enrolments/{id}/treatment-plan", .id = 2, .status = 201,
     .body = "{\"start_date\":\"2026-11-02\",\"focus\":\"Sleep and activity.\",\"modality\":"
             "\"cbt\",\"target\":\"PHQ-9 below 10.\"}",
     .writes = "treatment_plan+1 enrolment_member+1 audit_event+1"},
    {CARE_MANAGER, "PUT", "/api/v1/enrolments/{id}/treatment-plan", .id = 2, .if_match = 1,
     .status = 200,
     .body = "{\"start_date\":\"2026-11-02\",\"focus\":\"Sleep, activity and work.\","
             "\"modality\":\"behavioural_activation\",\"target\":\"PHQ-9 below 10.\","
             "\"aftercare_from\":\"2027-02-01\"}",
     .writes = "treatment_plan~ audit_event+1",
     .check = "SELECT version = 2 FROM treatment_plan WHERE enrolment_id = 2"},
    {THERAPIST, "POST", "/api/v1/enrolments/{id}/sessions", .id = 1, .idem_key = "fault-session",
     .status = 201,
     .body = "{\"date\":\"2026-11-20\",\"kind\":\"individual\",\"duration_min\":50,\"note\":"
             "\"Fault test session.\"}",
     .writes = "treatment_session+1 enrolment_member+1 idempotency+1 audit_event+1"},
    {CARE_MANAGER, "POST", "/api/v1/enrolments/{id}/safety-followups", .id = 1,
     .idem_key = "fault-safety", .status = 201,
     .body = "{\"date\":\"2026-11-20\",\"action\":\"risk_assessed\",\"note\":\"Fault test.\","
             "\"assessment_id\":2}",
     .writes = "safety_followup+1 idempotency+1 audit_event+1"},
    {CARE_MANAGER, "POST", "/api/v1/enrolments/{id}/eligibility", .id = 2,
     .idem_key = "fault-eligibility", .status = 201,
     .body = "{\"decision\":\"eligible\",\"why\":\"Fault test.\",\"date\":\"2026-11-20\"}",
     .writes = "eligibility_decision+1 idempotency+1 audit_event+1"},
    {SUPERVISOR, "POST", "/api/v1/enrolments/{id}/case-reviews", .id = 1,
     .idem_key = "fault-review", .status = 201,
     .body = "{\"date\":\"2026-11-20\",\"recommendation\":\"Step up: add behavioural "
             "activation.\",\"task\":{\"owner_id\":" FAULT_ID(
                 CARE_MANAGER) ",\"text\":\"Book a joint meeting.\",\"due\":\"2026-12-04\"}}",
     .writes = "case_review+1 task+1 idempotency+1 audit_event+1",
     .check = "SELECT COUNT(*) FROM task t JOIN case_review r ON r.id = t.case_review_id"},
    {CARE_MANAGER, "PATCH", "/api/v1/tasks/{id}", .id = 1, .if_match = 1, .status = 200,
     .body = "{\"done\":true}", .writes = "task~ audit_event+1",
     .check = "SELECT done_by = " FAULT_ID(CARE_MANAGER) " AND version = 2 FROM task WHERE id = 1"},
    {CARE_MANAGER, "POST", "/api/v1/enrolments/{id}/goals", .id = 1, .idem_key = "fault-goal",
     .status = 201,
     .body = "{\"area\":\"employment_education\",\"text\":\"A job in a shop.\",\"due_date\":"
             "\"2027-03-01\",\"agreed_with_young_person\":true}",
     .writes = "plan_goal+1 plan_goal_status+1 idempotency+1 audit_event+1",
     .check = "SELECT COUNT(*) FROM plan_goal_status WHERE goal_id = 1 AND to_status = 'open'"},
    {CARE_MANAGER, "PATCH", "/api/v1/goals/{id}", .id = 1, .if_match = 1, .status = 200,
     .body = "{\"status\":\"achieved\",\"note\":\"Started on Monday.\"}",
     .writes = "plan_goal~ plan_goal_status+1 audit_event+1",
     .check = "SELECT status = 'achieved' AND version = 2 FROM plan_goal WHERE id = 1"},
    {CARE_MANAGER, "PUT", "/api/v1/enrolments/{id}/coordinator", .id = 1,
     .idem_key = "fault-coordinator", .status = 200,
     .body = "{\"user_id\":" FAULT_ID(CARE_MANAGER) "}",
     .writes = "enrolment_coordinator+1 idempotency+1 audit_event+1",
     .check = "SELECT user_id = " FAULT_ID(CARE_MANAGER) " FROM enrolment_coordinator"},
    {THERAPIST, "POST", "/api/v1/enrolments/{id}/tasks", .id = 1, .idem_key = "fault-plan-task",
     .status = 201,
     .body = "{\"text\":\"Visit the café at the job centre.\",\"owner\":{\"kind\":"
             "\"young_person\"},\"due\":\"2026-12-10\",\"goal_id\":1}",
     .writes = "task+1 idempotency+1 audit_event+1",
     .check = "SELECT owner_kind = 'young_person' AND owner_id IS NULL AND goal_id = 1"
              " FROM task WHERE id = 2"},
    {CARE_MANAGER, "PATCH", "/api/v1/tasks/{id}", .id = 2, .if_match = 1, .status = 200,
     .body = "{\"done\":true}", .writes = "task~ audit_event+1",
     .check = "SELECT done_by = " FAULT_ID(CARE_MANAGER) " FROM task WHERE id = 2"},
};

int main(void)
{
    return fault_main("fault_treatment_test", requests, sizeof requests / sizeof requests[0]);
}
