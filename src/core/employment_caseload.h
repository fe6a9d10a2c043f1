/* The employment caseload's flags (issue 11, "Flags and caseloads"): a job, IPS or resource
 * consultant's young people with what asks for action — no employer contact soon after enrolment
 * (IPS rapid job search), no contact, a task overdue, no follow-along support after a start, an
 * episode that ended without a next step — and the consultant's caseload over its limit (IPS-25
 * "caseload size"). Each threshold is a project setting (struct project_employment, migration
 * 0018) with the defaults and ranges of the table here. docs/employment-track.md "The employment
 * caseload" states each rule and its source. Pure: no clock, no I/O; today is passed in. */
#ifndef SP_CORE_EMPLOYMENT_CASELOAD_H
#define SP_CORE_EMPLOYMENT_CASELOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/enrolment.h"
#include "core/labour_status.h"
#include "core/model.h"

/* One bit per flag of a young person. The names ("no_employer_contact", "no_contact",
 * "task_overdue", "no_follow_along", "episode_ended_no_next_step") are part of the API contract;
 * "caseload_over_limit" is the consultant's (core_employment_over_limit), not a row's. */
enum employment_flag {
    EMPLOYMENT_NO_EMPLOYER_CONTACT = 1 << 0,
    EMPLOYMENT_NO_CONTACT = 1 << 1,
    EMPLOYMENT_TASK_OVERDUE = 1 << 2,
    EMPLOYMENT_NO_FOLLOW_ALONG = 1 << 3,
    EMPLOYMENT_EPISODE_ENDED_NO_NEXT_STEP = 1 << 4,
};
#define EMPLOYMENT_FLAG_COUNT 5
#define CORE_EMPLOYMENT_OVER_LIMIT "caseload_over_limit"

/* One project setting: its name (the API member and the column), its default and range. */
struct core_employment_setting {
    const char *name;
    size_t offset; /* of the int in struct project_employment */
    int fallback;  /* the default */
    int min;
    int max;
};
#define CORE_EMPLOYMENT_SETTING_COUNT 4
extern const struct core_employment_setting core_employment_settings[CORE_EMPLOYMENT_SETTING_COUNT];

/* The value of setting i in *s (read and written through the table's offset). */
int *core_employment_setting_of(struct project_employment *s, size_t i);

/* A new project's settings: every default of the table (migration 0018's column defaults). */
void core_employment_settings_default(struct project_employment *out);

/* Check every setting against its range: SP_OK, or SP_INVALID naming "<prefix>/<name>" with the
 * reason out_of_range and the range (the first setting out of range). */
enum sp_code core_employment_settings_check(const struct project_employment *s, const char *prefix,
                                            struct sp_err *err);

/* Everything one young person's flags are computed from. A date that is not known has its has_
 * flag false; no date may be after today (a later one is not evaluated: SP_INVALID). */
struct core_employment_input {
    int64_t enrolment_id;
    struct core_date today;
    enum enrolment_status status;
    bool has_start;         /* the day the enrolment became active (core_employment_start) */
    struct core_date start; /* not after today */
    bool has_last_employer_contact; /* the latest employer contact made for the young person */
    struct core_date last_employer_contact;
    /* Contacts with the young person (not with an employer about them): the latest treatment
     * session, meeting (individual conversation, group session attended, network meeting) and
     * follow-along contact. */
    bool has_last_session;
    struct core_date last_session;
    bool has_last_meeting;
    struct core_date last_meeting;
    bool has_last_follow_along;
    struct core_date last_follow_along;
    bool has_next_task_due; /* the earliest due date of the enrolment's open tasks */
    struct core_date next_task_due;
    const struct core_labour_episode *episodes; /* any order; borrowed for the call */
    size_t episode_count;
};

/* One row of the employment caseload: what the list shows and sorts by. */
struct core_employment_row {
    int64_t enrolment_id;
    unsigned flags; /* enum employment_flag bits */
    int urgency;    /* core_employment_urgency(flags) */
    bool has_last_contact;
    struct core_date last_contact;   /* the latest of session, meeting and follow-along contact */
    int days_since_contact;          /* today - last_contact; -1 when none */
    int days_since_employer_contact; /* today - last employer contact; -1 when none */
    bool has_current_episode;        /* an episode going on today */
    size_t current_episode;          /* its index in the input (the latest started among them) */
};

/* The day an enrolment became active, for the employment caseload and the IPS measures: the first
 * recorded move to active; else, while active or in aftercare, the day the status last changed
 * (core_treatment_start_followups without a plan). False when none is known. */
bool core_employment_start(enum enrolment_status status, const struct core_date *first_active,
                           const struct core_date *status_changed, struct core_date *start);

/* Compute *out for one young person as of in->today under the project's settings. The flags, each
 * shown only while the enrolment is active with a known start but task_overdue (in every status
 * listed):
 *   no_employer_contact   no employer contact for them at all, from start +
 * no_employer_contact_days no_contact            no contact with them for no_contact_days, counted
 * from the later of the last contact and the start task_overdue          the earliest open task is
 * overdue (core_task_overdue) no_follow_along       a job or education episode
 * (core_employment_needs_follow_along) started on or after the start and going on today, from its
 * start + follow_along_days, with no follow-along contact on or after its start
 *   episode_ended_no_next_step  the episode that ended last (its end before today, on or after the
 *                         start) has no next step: no episode starting on or after its end or going
 *                         on after it, and no employer contact for them on or after its end
 * SP_INVALID (field names the input member; the detail quotes no value) for settings out of range,
 * a date not in the calendar or after today, an episode ending before it starts, or a NULL array
 * with a count; *out is then zeroed. */
enum sp_code core_employment_evaluate(const struct core_employment_input *in,
                                      const struct project_employment *settings,
                                      struct core_employment_row *out, struct sp_err *err);

/* Does an episode of this kind start the follow-along support no_follow_along watches? Paid work
 * (ordinary, subsidised, flexjob) and education; an internship or a course is not a start. */
bool core_employment_needs_follow_along(const char *kind);

/* Is a consultant with `active` active young people over the project's caseload limit (more than
 * caseload_limit; IPS-25 item "caseload size")? */
bool core_employment_over_limit(int active, const struct project_employment *settings);

/* The stable name of one flag bit; NULL unless `flag` is exactly one of the bits. */
const char *core_employment_flag_name(unsigned flag);

/* The sort weight of a flag set, higher first: no_employer_contact 16, episode_ended_no_next_step
 * 8, no_follow_along 4, no_contact 2, task_overdue 1. */
int core_employment_urgency(unsigned flags);

/* The orders of the list (sort=): urgency (the default), name, days_since_contact,
 * days_since_employer_contact, next_task_due. */
enum employment_sort {
    EMPLOYMENT_SORT_URGENCY,
    EMPLOYMENT_SORT_NAME,
    EMPLOYMENT_SORT_DAYS_SINCE_CONTACT,
    EMPLOYMENT_SORT_DAYS_SINCE_EMPLOYER_CONTACT,
    EMPLOYMENT_SORT_NEXT_TASK_DUE,
};
#define EMPLOYMENT_SORT_COUNT 5
extern const char *const core_employment_sorts[EMPLOYMENT_SORT_COUNT];

/* What the comparator reads of a row besides struct core_employment_row. */
struct core_employment_sort_row {
    struct core_employment_row row;
    const char *name_folded; /* core_text_fold of the name; "" when none */
    bool has_next_task_due;
    struct core_date next_task_due;
};

/* Compare two rows in `sort`: urgency descending, then the longer contact gap; the name
 * ascending; days since contact (none: the longest) descending; days since employer contact
 * likewise; next task due ascending (none last). Every order ends with enrolment_id ascending, so
 * it is total. */
int core_employment_row_cmp(enum employment_sort sort, const struct core_employment_sort_row *a,
                            const struct core_employment_sort_row *b);

#endif
