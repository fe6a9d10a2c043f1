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

/* True when an enrolment may move from `from` to `to`: one step forward along the path, active
 * straight to completed (no aftercare), or to withdrawn/excluded from any status that is not
 * final. Staying in the same status is not a move. */
bool core_enrolment_can_move(enum enrolment_status from, enum enrolment_status to);

#endif
