/* Fault injection for the treatment track's writes and tasks (fault.h), each with every one of
 * its storage calls failing in turn: an assessment (the care manager taken onto the caseload,
 * then the row) and a correction of one (the new row, then the old one marked replaced), the
 * treatment plan made and changed, a treatment session, a safety follow-up, an eligibility
 * decision, a case review with its task, and the task marked done; the joint plan: a goal (with
 * its first history row), its status moved (the goal and a history row) and the coordinator
 * named (the enrolment locked, the history read, the row); a task of the plan for the young
 * person, linked to the goal (the goal read, the row), and that task marked done by another
 * member of the team on their behalf; meetings (migration 0016): an individual conversation (the
 * meeting, its staff, the young person's attendance), a network meeting with two new goals, a goal
 * moved and nine tasks (two task statements) all in one transaction, a group session with its
 * staff and three participants, their attendance recorded as one list, and a team note. */
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
    {CASEWORKER, "POST", "/api/v1/enrolments/{id}/meetings", .id = 1, .idem_key = "fault-meeting",
     .status = 201,
     .body = "{\"date\":\"2026-11-20\",\"duration_minutes\":45,\"place\":\"walk_and_talk\","
             "\"staff\":[" FAULT_ID(CASEWORKER) "],\"note\":\"A walk by the lake.\"}",
     .writes = "meeting+1 meeting_staff+1 meeting_attendance+1 idempotency+1 audit_event+1",
     .check = "SELECT attended = 1 FROM meeting_attendance WHERE meeting_id = 1"},
    {CARE_MANAGER, "POST", "/api/v1/enrolments/{id}/network-meetings", .id = 1,
     .idem_key = "fault-network", .status = 201,
     .body = "{\"date\":\"2026-11-20\",\"duration_minutes\":60,\"participants\":[" FAULT_ID(CARE_MANAGER) "," FAULT_ID(
         CASEWORKER) "],\"young_person_present\":false,"
                     "\"interpreter_language\":\"ar\",\"status_notes\":\"Sleeping better.\","
                     "\"goals\":[{\"area\":\"treatment\",\"text\":\"Sleep before midnight.\"},"
                     "{\"area\":\"employment_education\",\"text\":\"An internship.\",\"due_date\":"
                     "\"2027-02-01\"}],\"goal_changes\":[{\"goal_id\":1,\"status\":\"open\","
                     "\"note\":"
                     "\"The job ended.\"}],\"tasks\":["
                     "{\"owner_id\":" FAULT_ID(
                         CASEWORKER) ",\"text\":\"Task 1\",\"due\":\"2026-12-04\"},"
                                     "{\"owner_id\":" FAULT_ID(
                                         CARE_MANAGER) ",\"text\":\"Task 2\"},"
                                                       "{\"owner_id\":" FAULT_ID(
                                                           CASEWORKER) ",\"text\":\"Task 3\"},"
                                                                       "{\"owner_id\":" FAULT_ID(
                                                                           CASEWORKER) ",\"text\":"
                                                                                       "\"Task "
                                                                                       "4\"},"
                                                                                       "{\"owner_"
                                                                                       "id\""
                                                                                       ":" FAULT_ID(
                                                                                           CASEWORKER) ",\"text\":\"Task 5\"},"
                                                                                                       "{\"owner_id\":" FAULT_ID(
                                                                                                           CASEWORKER) ",\"text\":\"Task 6\"},"
                                                                                                                       "{\"owner_id\":" FAULT_ID(
                                                                                                                           CASEWORKER) ",\"text\":\"Task 7\"},"
                                                                                                                                       "{\"owner_id\":" FAULT_ID(
                                                                                                                                           CASEWORKER) ",\"text\":\"Task 8\"},"
                                                                                                                                                       "{\"owner_id\":" FAULT_ID(
                                                                                                                                                           CARE_MANAGER) ",\"text\":\"Task 9\"}]}",
     .writes = "meeting+1 meeting_staff+2 meeting_attendance+1 plan_goal+2 plan_goal_status+3 "
               "task+9 meeting_goal+3 meeting_task+9 idempotency+1 audit_event+1",
     .check = "SELECT (SELECT status FROM plan_goal WHERE id = 1) = 'open' AND (SELECT COUNT(*)"
              " FROM meeting_goal WHERE meeting_id = 2 AND change = 'revised') = 1 AND (SELECT"
              " text FROM task t JOIN meeting_task l ON l.task_id = t.id ORDER BY t.id DESC"
              " LIMIT 1) = 'Task 9'"},
    {CASEWORKER, "POST", "/api/v1/group-sessions", .idem_key = "fault-group", .status = 201,
     .body = "{\"team_id\":1,\"date\":\"2026-11-20\",\"duration_minutes\":90,\"place\":"
             "\"library\",\"topic\":\"Writing a CV\",\"staff\":[" FAULT_ID(CASEWORKER) "," FAULT_ID(
                 CARE_MANAGER) "],\"participants\":[1,2,3]}",
     .writes = "meeting+1 meeting_staff+2 meeting_attendance+3 idempotency+1 audit_event+4",
     .check = "SELECT COUNT(*) = 3 FROM meeting_attendance WHERE meeting_id = 3"
              " AND attended IS NULL"},
    {CASEWORKER, "PUT", "/api/v1/group-sessions/{id}/attendance", .id = 3, .status = 200,
     .body = "{\"attendance\":[{\"enrolment_id\":1,\"attended\":true},{\"enrolment_id\":2,"
             "\"attended\":false},{\"enrolment_id\":3,\"attended\":true}]}",
     .writes = "meeting~ meeting_attendance~ audit_event+4",
     .check = "SELECT SUM(attended) = 2 FROM meeting_attendance WHERE meeting_id = 3"},
    {CASEWORKER, "POST", "/api/v1/enrolments/{id}/team-notes", .id = 1,
     .idem_key = "fault-team-note", .status = 201,
     .body = "{\"date\":\"2026-11-20\",\"text\":\"Starts an internship on Monday.\"}",
     .writes = "team_note+1 idempotency+1 audit_event+1",
     .check = "SELECT content_class = 'employment' FROM team_note WHERE id = 1"},

};

int main(void)
{
    return fault_main("fault_treatment_test", requests, sizeof requests / sizeof requests[0]);
}
