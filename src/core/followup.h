/* The follow-up schedule of one enrolment: the project's follow-up months (e.g. 3, 6, 12, 18)
 * counted from the treatment start, each point with its window and its state today, and whether
 * the schedule applies to an enrolment at all. Pure: no clock, no I/O; today is passed in.
 *
 * The window is a Samspor default, not a published standard: a follow-up questionnaire counts
 * for a point when it is dated from 14 days before the point's due date to 28 days after it
 * (docs/api-contract.md "Follow-ups"). The caseload's followup_due flag uses the same opening
 * day (core_caseload_settings_of), so that the two never disagree about a questionnaire answered
 * early. */
#ifndef SP_CORE_FOLLOWUP_H
#define SP_CORE_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/date.h"
#include "core/enrolment.h"

#define CORE_FOLLOWUP_POINTS_MAX 12 /* as PROJECT_FOLLOWUPS_MAX */

struct core_followup_window {
    int before_days; /* 0..366: the window opens this many days before the due date */
    int after_days;  /* 0..366: and closes this many days after it (both days included) */
};

/* 14 days before, 28 after. */
struct core_followup_window core_followup_window_default(void);

/* The state of one point today. The names ("upcoming", "due", "overdue", "missed", "done") are
 * part of the API contract. */
enum followup_state {
    FOLLOWUP_UPCOMING, /* the window has not opened */
    FOLLOWUP_DUE,      /* the window is open and the due date has not passed */
    FOLLOWUP_OVERDUE,  /* the due date has passed, the window is still open */
    FOLLOWUP_MISSED,   /* the window closed without a questionnaire */
    FOLLOWUP_DONE,     /* a follow-up questionnaire is dated inside the window */
};

const char *core_followup_state_name(enum followup_state state);

struct core_followup_input {
    struct core_date today;
    struct core_date start;       /* treatment start; may be after today (every point upcoming) */
    const int *months;            /* the project's schedule, strictly increasing, each 1..120 */
    size_t month_count;           /* 0..CORE_FOLLOWUP_POINTS_MAX */
    const struct core_date *done; /* dates of follow-up questionnaires, any order */
    size_t done_count;
};

struct core_followup_point {
    int month;
    struct core_date due;    /* start + month months (core_date_add_months) */
    struct core_date opens;  /* due - before_days */
    struct core_date closes; /* due + after_days */
    enum followup_state state;
    bool has_done_on;
    struct core_date done_on; /* with FOLLOWUP_DONE: the questionnaire that met it */
};

struct core_followup_result {
    size_t count;
    struct core_followup_point points[CORE_FOLLOWUP_POINTS_MAX];
    bool open;     /* some point is due or overdue today: the follow-up list's work */
    bool complete; /* every point is done or missed: nothing is left to ask */
    int next;      /* the first point upcoming, due or overdue; -1 when complete */
};

/* Evaluate the schedule as of in->today. A questionnaire counts for at most one point: the one
 * whose window holds it and whose due date is nearest (the earlier point on a tie); a point met
 * by several keeps the one nearest its due date (the earlier on a tie). A questionnaire dated
 * after today is not counted (it cannot have been answered yet). SP_OK and *out filled; or
 * SP_INVALID (field names the member, e.g. "/months/1"; the detail quotes no value) for a window
 * out of range, a date that is not a real day in years 1..9999, more than
 * CORE_FOLLOWUP_POINTS_MAX months, a month outside 1..120, months not strictly increasing, or a
 * NULL array with a count; *out is then zeroed. */
enum sp_code core_followup_evaluate(const struct core_followup_input *in,
                                    const struct core_followup_window *window,
                                    struct core_followup_result *out, struct sp_err *err);

/* Does the follow-up schedule apply to an enrolment in `status`? Decisions
 * (docs/api-contract.md "Follow-ups"): while in treatment (active, aftercare) always; after a
 * completed or withdrawn course too — most points fall after treatment ends, and a person who
 * stopped may still answer — unless the person withdrew from research (research_withdrawn: the
 * newest research_use consent is a withdrawal), since after the course a follow-up questionnaire
 * is research contact, not care; never before treatment (referred, screening: no start) nor when
 * excluded (never part of the course). */
bool core_followup_applies(enum enrolment_status status, bool research_withdrawn);

/* The statuses in which the schedule can apply (core_followup_applies with research kept), as a
 * set of 1u << status: the enrolments the follow-up list reads. */
unsigned core_followup_statuses(void);

#endif
