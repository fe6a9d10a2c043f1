/* Fault injection for the employer register and job development (fault.h), each with every one
 * of its storage calls failing in turn: an employer with a contact person (two rows), a change
 * adding another (the employer updated, a person added), a change of a contact person (the
 * employer updated, the person changed), a contact about no one, and a contact
 * about a young person (their enrolment read and audited, then the row). */
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
};

int main(void)
{
    return fault_main("fault_employers_test", requests, sizeof requests / sizeof requests[0]);
}
