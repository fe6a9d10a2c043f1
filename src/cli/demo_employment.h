/* The demo's employment track and joint plan (issue 11), so that each programme can be seen at
 * work: IPS Syddanmark's job search, employer contacts, job starts and follow-along support; "På
 * vej til arbejde"'s walk-and-talk conversations, internships, courses, network meetings and a
 * group session with attendance; Samarbejdsmodellen's coordinator and joint plan across the
 * sectors; IBBU-Nord's three tracks for one young person. Which demo user sees which flag is in
 * the README. Synthetic: every text is invented. */
#ifndef SP_CLI_DEMO_EMPLOYMENT_H
#define SP_CLI_DEMO_EMPLOYMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "core/date.h"
#include "core/enrolment.h"
#include "store/store.h"

/* The programmes' shapes, from the project slug. */
enum demo_programme {
    DEMO_PROGRAMME_OTHER, /* IBBU Midt */
    DEMO_PROGRAMME_IPS,   /* ips-syddanmark */
    DEMO_PROGRAMME_PVTA,  /* paa-vej-til-arbejde */
    DEMO_PROGRAMME_SAMARBEJDSMODELLEN,
    DEMO_PROGRAMME_IBBU_NORD,
};

enum demo_programme demo_programme_of(const char *slug);

struct demo_track {
    int64_t enrolment_id;
    int64_t team_id;
    enum demo_programme programme;
    enum enrolment_status status;
    struct core_date referral;
    struct core_date today;
    const char *now;
    const char *municipality;
    int index; /* the person's place on the team: which cases get what */
    int64_t consultant;
    int64_t care_manager;
    int64_t caseworker;
    /* The randomised project's outcome, made by demo.c: the job or education the young person
     * started (id 0: none), so that the trial's figures stay as demo.c sets them. */
    int64_t work_episode_id;
    const char *work_start;
};

/* Write one enrolment's employment track and joint plan inside the caller's write transaction
 * (nothing for an enrolment that never became active, or of the control arm: arm_control). */
enum sp_code demo_employment_add(struct store *st, struct sp_arena *arena,
                                 const struct demo_track *t, bool arm_control, struct sp_err *err);

/* A team's running group session ("På vej til arbejde") with the attendance of its young people
 * in enrolments (active ones), held by the consultant and the care manager a few days ago. */
enum sp_code demo_group_session_add(struct store *st, const struct demo_track *team,
                                    int64_t project_id, const int64_t *enrolments, size_t count,
                                    struct sp_err *err);

#endif
