/* Fault injection for the employer register and job development (fault.h), each with every one
 * of its storage calls failing in turn: an employer with a contact person (two rows), a change
 * adding another (the employer updated, a person added), a change of a contact person (the
 * employer updated, the person changed), a contact about no one, and a contact about a young
 * person (their enrolment read and audited, then the row); and the employment track's episodes,
 * follow-along contacts and vocational profile. */
#include "fault.h"

static const struct fault_request requests[] = {
    {CASEWORKER, "POST", "/api/v1/employers", .idem_key = "fault-employer", .status = 201,
     .body = "{\"name\":\"Fiktiv Fejl ApS\",\"cvr\":\"13748136\",\"contact_persons\":[{\"name\":"
             "\"Fiktiv Kontakt\",\"title\":\"Værkfører\"}]}",
     .writes = "employer+1 employer_contact_person+1 idempotency+1 audit_event+1",
     .check = "SELECT municipality_code = '657' FROM employer WHERE id = 1"},
    {CASEWORKER, "PATCH", "/api/v1/employers/{id}", .id = 1, .if_match = 1, .status = 200,
     .body = "{\"city\":\"Herning\",\"contact_persons\":[{\"name\":\"Fiktiv Anden\"}]}",
     .writes = "employer~ employer_contact_person+1 audit_event+1",
     .check = "SELECT version = 2 AND city = 'Herning' FROM employer WHERE id = 1"},
    {CASEWORKER, "PATCH", "/api/v1/employers/{id}", .id = 1, .if_match = 2, .status = 200,
     .body = "{\"postcode\":\"7400\",\"contact_persons\":[{\"id\":1,\"name\":\"Fiktiv Ny\"}]}",
     .writes = "employer~ employer_contact_person~ audit_event+1",
     .check = "SELECT COUNT(*) FROM employer_contact_person p JOIN employer m ON m.id ="
              " p.employer_id WHERE p.id = 1 AND p.name = 'Fiktiv Ny' AND p.title IS NULL"
              " AND m.version = 3 AND m.postcode = '7400'"},
    {CASEWORKER, "POST", "/api/v1/employers/{id}/contacts", .id = 1, .idem_key = "fault-contact",
     .status = 201,
     .body = "{\"date\":\"2026-11-20\",\"kind\":\"phone\",\"purpose\":\"learn_workplace\","
             "\"contact_person_id\":1}",
     .writes = "employer_contact+1 idempotency+1 audit_event+1",
     .check = "SELECT enrolment_id IS NULL FROM employer_contact WHERE id = 1"},
    {CASEWORKER, "POST", "/api/v1/employers/{id}/contacts", .id = 1,
     .idem_key = "fault-contact-linked", .status = 201,
     .body = "{\"date\":\"2026-11-20\",\"kind\":\"in_person\",\"purpose\":\"present_candidate\","
             "\"enrolment_id\":1,\"next_step\":\"Call back.\",\"next_step_date\":\"2026-11-27\"}",
     .writes = "employer_contact+1 idempotency+1 audit_event+1",
     .check = "SELECT COUNT(*) FROM audit_event a JOIN enrolment e ON e.citizen_id = a.citizen_id"
              " WHERE e.id = 1 AND a.action = 'employer_contact' AND a.outcome = 'allowed'"},
    /* The employment track (migration 0015): an internship at the employer, its end, a
     * follow-along contact with the employer it allows, and the vocational profile's first and
     * second versions, each one profile row with its history entries. */
    {CASEWORKER, "POST", "/api/v1/enrolments/{id}/episodes", .id = 1, .idem_key = "fault-episode",
     .status = 201,
     .body = "{\"kind\":\"internship\",\"start_date\":\"2026-10-01\",\"hours_per_week\":20,"
             "\"employer_id\":1,\"purpose\":\"try_out\",\"contact_allowed\":true}",
     .writes = "episode+1 idempotency+1 audit_event+1",
     .check = "SELECT employer_id = 1 AND created_by IS NOT NULL FROM episode WHERE id = 1"},
    {CASEWORKER, "PATCH", "/api/v1/episodes/{id}", .id = 1, .if_match = 1, .status = 200,
     .body = "{\"end_date\":\"2026-11-01\",\"end_reason\":\"completed\"}",
     .writes = "episode~ audit_event+1",
     .check = "SELECT version = 2 AND end_reason = 'completed' FROM episode WHERE id = 1"},
    {CASEWORKER, "POST", "/api/v1/enrolments/{id}/follow-along", .id = 1,
     .idem_key = "fault-follow", .status = 201,
     .body = "{\"episode_id\":1,\"date\":\"2026-10-15\",\"with_whom\":\"employer\","
             "\"kind\":\"phone\",\"note\":\"Going well.\"}",
     .writes = "follow_along+1 idempotency+1 audit_event+1",
     .check = "SELECT episode_id = 1 FROM follow_along WHERE id = 1"},
    {CASEWORKER, "PUT", "/api/v1/enrolments/{id}/vocational-profile", .id = 1, .status = 201,
     .body = "{\"disclosure\":\"some\",\"own_goals\":\"Arbejde med dyr.\",\"history\":["
             "{\"area\":\"education\",\"level\":\"primary_lower_secondary\",\"outcome\":"
             "\"completed\",\"to_year\":2021},{\"area\":\"work\",\"description\":\"Lager\"}]}",
     .writes = "vocational_profile+1 vocational_history_entry+2 audit_event+1",
     .check = "SELECT version = 1 FROM vocational_profile WHERE id = 1"},
    {CASEWORKER, "PUT", "/api/v1/enrolments/{id}/vocational-profile", .id = 1, .if_match = 1,
     .status = 200,
     .body = "{\"disclosure\":\"none\",\"history\":[{\"area\":\"education\",\"level\":"
             "\"vocational\",\"outcome\":\"dropped_out\",\"from_year\":2022,\"to_year\":2023}]}",
     .writes = "vocational_profile+1 vocational_history_entry+1 audit_event+1",
     .check = "SELECT COUNT(*) = 2 FROM vocational_profile WHERE enrolment_id = 1"},
};

int main(void)
{
    return fault_main("fault_employers_test", requests, sizeof requests / sizeof requests[0]);
}
