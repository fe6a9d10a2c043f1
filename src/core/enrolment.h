/* Enrolment status and the moves between statuses (docs/design.md: referred → screening → active
 * → aftercare → completed | withdrawn | excluded). Pure. */
#ifndef SP_CORE_ENROLMENT_H
#define SP_CORE_ENROLMENT_H

#include <stdbool.h>

enum enrolment_status {
    ENROLMENT_REFERRED,
    ENROLMENT_SCREENING,
    ENROLMENT_ACTIVE,
    ENROLMENT_AFTERCARE,
    ENROLMENT_COMPLETED,
    ENROLMENT_WITHDRAWN,
    ENROLMENT_EXCLUDED,
    ENROLMENT__COUNT
};

/* "referred" … "excluded" → *out; false for anything else. */
bool core_enrolment_status_from(const char *name, enum enrolment_status *out);
const char *core_enrolment_status_name(enum enrolment_status status);

/* True when a final status (completed, withdrawn, excluded): nothing moves out of it. */
bool core_enrolment_status_final(enum enrolment_status status);

/* In treatment: active or in aftercare (the health summary's in_treatment; the caseload's
 * follow-up points fall due only then). */
bool core_enrolment_in_treatment(enum enrolment_status status);

/* A set of statuses has bit 1u << status for each member; this one has all of them. */
#define CORE_ENROLMENT_STATUS_ALL ((1u << ENROLMENT__COUNT) - 1u)

/* The statuses that are not final, as a set: the cases still being worked, which a caseload
 * lists. */
unsigned core_enrolment_open_statuses(void);

/* True when an enrolment may move from `from` to `to`: one step forward along the path, active
 * straight to completed (no aftercare), or to withdrawn/excluded from any status that is not
 * final. Staying in the same status is not a move. */
bool core_enrolment_can_move(enum enrolment_status from, enum enrolment_status to);

/* Why an enrolment ended: a code from a short list per final status, so that the reason can be
 * counted and shown to the whole team. The lists say why the course stopped, never a clinical
 * finding (docs/security-model.md): completed: goal_reached, planned_end, work_or_education,
 * other; withdrawn: citizen_choice, moved, no_contact, other_offer, other; excluded:
 * not_eligible, referred_elsewhere, registered_in_error, other. */
bool core_enrolment_end_reason_valid(enum enrolment_status to, const char *reason);

/* The end reasons of a final status, NULL-terminated (an empty list for a status that is not
 * final). */
const char *const *core_enrolment_end_reasons(enum enrolment_status to);

/* Why a case ended by mistake is reopened: ended_by_mistake, wrong_status (ended with the wrong
 * status or reason: reopened to be ended again correctly), other. */
bool core_enrolment_reopen_reason_valid(const char *reason);

/* The reopening reasons, NULL-terminated (for a refusal that lists them). */
const char *const *core_enrolment_reopen_reasons(void);

/* True for the reason code "other", which needs a note saying what the reason was. */
bool core_enrolment_reason_needs_note(const char *reason);

/* May an enrolment that ended in `ended` go back to `previous`, the status it had before that
 * ending? Only from a final status to one that is not final. Reopening is not a move
 * (core_enrolment_can_move refuses it): it undoes the ending, with a reason. */
bool core_enrolment_can_reopen(enum enrolment_status ended, enum enrolment_status previous);

/* The roles a case is assigned in, in the order the API lists them: who is its care manager,
 * therapist, caseworker, job consultant and resource consultant. The supervising clinician
 * supervises the whole team and is not assigned to single cases. */
#define CORE_ASSIGNMENT_ROLE_COUNT 5
extern const char *const core_assignment_roles[CORE_ASSIGNMENT_ROLE_COUNT];
bool core_assignment_role_valid(const char *role);

#endif
