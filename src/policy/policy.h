/* Who may see or do what: the only place that decides (docs/security-model.md, docs/design.md).
 * Every api/ handler asks here before it reads or writes, and shapes its answer with the view
 * returned: a member the caller may not see is left out, not set to null.
 *
 * Functions return SP_OK when allowed; SP_UNAUTHENTICATED without a subject; SP_FORBIDDEN when
 * refused; SP_NOT_FOUND where the record's existence is not the caller's to know (a citizen of
 * another municipality). Storage errors pass through. They never write. */
#ifndef SP_POLICY_POLICY_H
#define SP_POLICY_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "core/model.h"
#include "store/store.h"

enum policy_role {
    POLICY_CARE_MANAGER = 1 << 0,
    POLICY_THERAPIST = 1 << 1,
    POLICY_SUPERVISING_CLINICIAN = 1 << 2,
    POLICY_CASEWORKER = 1 << 3,
    POLICY_JOB_CONSULTANT = 1 << 4,
    POLICY_RESOURCE_CONSULTANT = 1 << 5,
    POLICY_PROJECT_LEAD = 1 << 6,
    POLICY_EVALUATOR = 1 << 7,
    POLICY_ADMINISTRATOR = 1 << 8,
};

#define POLICY_HEALTH_ROLES (POLICY_CARE_MANAGER | POLICY_THERAPIST | POLICY_SUPERVISING_CLINICIAN)
#define POLICY_MUNICIPAL_ROLES                                                                     \
    (POLICY_CASEWORKER | POLICY_JOB_CONSULTANT | POLICY_RESOURCE_CONSULTANT)
#define POLICY_CASE_ROLES (POLICY_HEALTH_ROLES | POLICY_MUNICIPAL_ROLES)

/* "care_manager" … "administrator" → the bit; 0 for an unknown name. */
unsigned policy_role_from(const char *name);
const char *policy_role_name(unsigned role_bit);
/* True when name is one of the nine role codes. */
bool policy_role_valid(const char *name);

/* The signed-in caller, built by api/auth.c from a session or an API token. */
struct policy_subject {
    const struct user *user; /* borrowed from the request arena */
    unsigned roles;          /* bits of enum policy_role */
    bool via_token;          /* an integration, not a person in a browser */
    bool may_write;          /* a session, or a token with the write scope */
};

/* The subject's roles as bits, from user->roles. */
unsigned policy_roles_of(const struct user *user);
/* The role written in audit events: the subject's first role in the order of enum policy_role. */
const char *policy_audit_role(const struct policy_subject *who);

/* What of one citizen a caller may see. */
struct policy_enrolment_view {
    int64_t enrolment_id;
    bool visible;            /* the enrolment itself (status, referral, team, consents) */
    bool health_summary;     /* in treatment, severity band, trend, next appointment */
    bool health_detail;      /* item answers, session notes, conclusions */
    bool employment_summary; /* current employment/education episode */
};

struct policy_citizen_view {
    bool identity; /* name, identifier, contact */
    size_t enrolment_count;
    struct policy_enrolment_view *enrolments; /* one per enrolment, every one (arena) */
};

/* The citizen's access log (GET /api/v1/citizens/{id}/access-log; docs/security-model.md
 * "Access log"). Each sector's detail is shown in full only to that sector, as its records are:
 * - Events of the health purpose (POLICY_HEALTH_PURPOSE: reads and writes of health detail,
 *   refused ones included) in full to health roles on one of the citizen's teams. A municipal
 *   reader gets each of them as one generic row (action "health_activity", the time and the
 *   actor's sector: never the action, route or name) while consent
 *   health_summary_to_municipality is in force on an enrolment they see, and otherwise nothing of
 *   them at all — not even that there were any.
 * - Events of the employment purposes (POLICY_EMPLOYMENT_PURPOSE, POLICY_EMPLOYER_PURPOSE:
 *   episodes, weekly status, employer contacts) in full to municipal roles on one of the
 *   citizen's teams; to a health reader as a generic row (action "employment_activity") while
 *   consent employment_to_health is in force on an enrolment they see, and otherwise not at all.
 * - Other events: in full to every reader.
 * The route pattern (which health record: assessments, sessions, …) only on health-purpose events
 * shown to health roles; no other row carries it. */
#define POLICY_HEALTH_PURPOSE "treatment"
#define POLICY_EMPLOYMENT_PURPOSE "employment"
#define POLICY_EMPLOYER_PURPOSE "employment_support"

enum policy_log_row {
    POLICY_LOG_FULL,    /* who, role, action, purpose, outcome, time */
    POLICY_LOG_GENERIC, /* action "health_activity" or "employment_activity", purpose, time, the
                           actor's sector */
    POLICY_LOG_HIDDEN,  /* not listed (the store query leaves these out) */
};

/* The most purposes a view leaves out: the health one and the two employment ones. */
#define POLICY_LOG_SKIP_MAX 3

struct policy_access_log_view {
    bool health_full;        /* health-purpose events in full */
    bool health_generic;     /* …or as generic rows */
    bool employment_full;    /* employment-purpose events in full */
    bool employment_generic; /* …or as generic rows */
    /* for store_audit_list_citizen: the purposes not listed (the first skip_count) */
    const char *skip_purposes[POLICY_LOG_SKIP_MAX];
    size_t skip_count;
};

/* May `who` read citizen_id's access log (as policy_citizen_read, with its 403/404), and how are
 * health and employment events shown? */
enum sp_code policy_access_log_view(const struct policy_subject *who, struct store *st,
                                    struct sp_arena *arena, int64_t citizen_id,
                                    struct policy_access_log_view *view, struct sp_err *err);
/* How an event of this purpose is shown under view, and whether its route pattern is. */
enum policy_log_row policy_access_log_row(const struct policy_access_log_view *view,
                                          const char *purpose);
bool policy_access_log_route(const struct policy_access_log_view *view, const char *purpose);
/* The action a generic row of this purpose shows: "health_activity" or "employment_activity";
 * NULL for a purpose that is never generic. */
const char *policy_access_log_generic_action(const char *purpose);
/* "health", "municipal" or "other" for a role code (NULL or unknown: "other"). */
const char *policy_role_sector(const char *role);

/* The coarse gate of each route: the roles that may call it at all (POLICY_PUBLIC: anyone,
 * signed in or not). api_dispatch asks before every handler. */
#define POLICY_PUBLIC 0u

struct policy_route_rule {
    const char *method;
    const char *pattern;
    unsigned roles; /* bits of enum policy_role, or POLICY_PUBLIC */
};

/* Every rule, ending with a NULL method. */
extern const struct policy_route_rule policy_routes[];

/* The rule of a route, or NULL when it has none. */
const struct policy_route_rule *policy_route_rule_for(const char *method, const char *pattern);

/* SP_OK when who may call the route; SP_UNAUTHENTICATED without a subject; SP_FORBIDDEN for
 * another role, or for a route with no rule at all. */
enum sp_code policy_route_allowed(const struct policy_subject *who, const char *method,
                                  const char *pattern, struct sp_err *err);

/* Reference data, projects: any signed-in user. Creating a project: administrators. */
enum sp_code policy_signed_in(const struct policy_subject *who, struct sp_err *err);
enum sp_code policy_project_create(const struct policy_subject *who, struct sp_err *err);

/* Users and teams: administrators only. */
enum sp_code policy_administer(const struct policy_subject *who, struct sp_err *err);

/* Registering a citizen or a referral, and searching for citizens: case roles only. */
enum sp_code policy_case_work(const struct policy_subject *who, struct sp_err *err);

/* May `who` read citizen_id, and what of it (filled into *view)? */
enum sp_code policy_citizen_read(const struct policy_subject *who, struct store *st,
                                 struct sp_arena *arena, int64_t citizen_id,
                                 struct policy_citizen_view *view, struct sp_err *err);

/* May `who` read (or, with write, change) enrolment_id? *citizen_id is set for the audit. The
 * enrolment's member view goes into *view when view is not NULL. */
enum sp_code policy_enrolment_read(const struct policy_subject *who, struct store *st,
                                   struct sp_arena *arena, int64_t enrolment_id,
                                   int64_t *citizen_id, struct policy_enrolment_view *view,
                                   struct sp_err *err);
enum sp_code policy_enrolment_write(const struct policy_subject *who, struct store *st,
                                    struct sp_arena *arena, int64_t enrolment_id,
                                    int64_t *citizen_id, struct sp_err *err);

/* The team a new enrolment in project_id goes to: the caller's team in that project (the first
 * by id), or SP_FORBIDDEN when the caller works on no team of the project. */
enum sp_code policy_enrolment_team(const struct policy_subject *who, int64_t project_id,
                                   int64_t *team_id, struct sp_err *err);

/* May `who` move an enrolment of project_id to team_id? Only to a team of that project that the
 * caller works on (so nobody can hand a citizen to a team, or out of sight, on their own). */
enum sp_code policy_team_assignable(const struct policy_subject *who, int64_t project_id,
                                    int64_t team_id, struct sp_err *err);

/* May `who` read the employment and education track of enrolment_id (episodes, weekly status)?
 * Municipal roles on the enrolment's team; health roles on it only while the young person's
 * employment_to_health consent is in force (the rule of the employment summary); the same 403/404
 * as policy_enrolment_read. *citizen_id is set for the audit. */
enum sp_code policy_employment_access(const struct policy_subject *who, struct store *st,
                                      struct sp_arena *arena, int64_t enrolment_id,
                                      int64_t *citizen_id, struct sp_err *err);

/* May `who` record in the employment and education track of enrolment_id (episodes, the
 * vocational profile, follow-along contacts)? The municipal roles on the enrolment's team: job,
 * IPS and resource consultants and caseworkers (docs/security-model.md "Employment and education
 * track"); a health role on it is refused (403) whatever the consents; elsewhere the same 403/404
 * as policy_enrolment_read. *citizen_id is set for the audit. */
enum sp_code policy_employment_write(const struct policy_subject *who, struct store *st,
                                     struct sp_arena *arena, int64_t enrolment_id,
                                     int64_t *citizen_id, struct sp_err *err);

/* May `who` read or write the treatment track of enrolment_id (assessments, eligibility, plan,
 * sessions, safety follow-ups, case reviews)? Health roles on the enrolment's team only; the
 * same 403/404 as policy_enrolment_read. *citizen_id is set for the audit. */
enum sp_code policy_treatment_access(const struct policy_subject *who, struct store *st,
                                     struct sp_arena *arena, int64_t enrolment_id,
                                     int64_t *citizen_id, struct sp_err *err);

/* A caseload of one's own: health roles. The case-review list and recording a review: the
 * supervising clinician (over the teams they are on). */
enum sp_code policy_caseload(const struct policy_subject *who, struct sp_err *err);
enum sp_code policy_case_review(const struct policy_subject *who, struct sp_err *err);
/* The enrolment-member role a clinician takes on the referrals they register ("care_manager",
 * "therapist"), or NULL for anyone who carries no caseload. */
const char *policy_caseload_role(const struct policy_subject *who);
/* Whether who sees citizens through team_id (on it, in the same municipality rules as reads):
 * a caseload row of a team the caller has left is not shown. */
bool policy_sees_team(const struct policy_subject *who, int64_t team_id);

/* The employment caseload (GET /api/v1/caseload?track=employment): municipal roles (caseworker,
 * job and resource consultants). Health roles are refused (403) whatever consents are given: the
 * list is many young people's employment detail at once, and employment_to_health is given per
 * young person; a health role reads one young person's employment summary where it is given. */
enum sp_code policy_employment_caseload(const struct policy_subject *who, struct sp_err *err);

/* IPS Grow's measures of project_id (GET /api/v1/ips-measures): counts, never a person, for the
 * project's lead and its municipal staff — a caller in one of those roles on a team of the
 * project; 403 for everyone else (a project's existence is no secret). team_id (> 0) must be a
 * team of the project the caller could name: checked by the handler against the store. */
enum sp_code policy_ips_measures(const struct policy_subject *who, int64_t project_id,
                                 struct sp_err *err);

/* The role in which a user who registers a referral is assigned to it: the first of
 * core_assignment_roles the user has (care manager, therapist, caseworker, job consultant,
 * resource consultant), or NULL (a supervising clinician supervises, and carries no case). */
const char *policy_registrar_role(const struct policy_subject *who);

/* May `who` reopen enrolment_id, ended by mistake? A supervising clinician on the enrolment's
 * team, or a project lead who works on the enrolment's project (is on one of its teams); nobody
 * else (docs/security-model.md). A supervising clinician is refused as for any enrolment (403
 * on the caller's municipalities, else 404); a project lead of another project gets 404; every
 * other role 403. *citizen_id is set for the audit. */
enum sp_code policy_enrolment_reopen(const struct policy_subject *who, struct store *st,
                                     struct sp_arena *arena, int64_t enrolment_id,
                                     int64_t *citizen_id, struct sp_err *err);

/* May `who` mark task t done or open again? A member's task only its owner; the young person's
 * any member of the enrolment's team, on their behalf (core_task_may_mark); either way the caller
 * must still see the task's enrolment (policy_enrolment_write's 403/404 first). *citizen_id is
 * set for the audit. */
enum sp_code policy_task_mark(const struct policy_subject *who, struct store *st,
                              struct sp_arena *arena, const struct task *t, int64_t *citizen_id,
                              struct sp_err *err);

/* The joint plan's goals (docs/security-model.md "Joint plan"): the whole team of the enrolment
 * sees them, both sectors. A goal in the treatment area may carry health information in the
 * young person's words, so its text and its status notes reach a municipal reader only while
 * the consent health_summary_to_municipality is in force (view->health_summary): without it the
 * goal is listed with its area, status and dates, its words left out. */
bool policy_goal_text_visible(const struct policy_enrolment_view *view, const char *area);

/* May `who` create or change a goal of `area` on enrolment_id? As policy_enrolment_read (403/404),
 * and a goal whose text the caller may not see (policy_goal_text_visible) is 403: nobody writes
 * or moves what they cannot read. *citizen_id is set for the audit. */
enum sp_code policy_goal_write(const struct policy_subject *who, struct store *st,
                               struct sp_arena *arena, int64_t enrolment_id, const char *area,
                               int64_t *citizen_id, struct sp_err *err);

/* Health staff (care manager, therapist, supervising clinician): they see that a task came from
 * a case review (its case_review_id), which is health detail. */
bool policy_health_staff(const struct policy_subject *who);

/* May `who` read the free-text note of a status change made in writer_role? Health staff read
 * every note; others only notes written in a role that is not a health role, since a clinician's
 * note may carry health detail (docs/security-model.md). */
bool policy_status_note_visible(const struct policy_subject *who, const char *writer_role);

/* Teams through which `who` sees citizens, as an id set for store filters (ids in the arena,
 * never NULL: no team matches nothing). Case roles only. */
enum sp_code policy_visible_teams(const struct policy_subject *who, struct sp_arena *arena,
                                  struct store_ids *teams, struct sp_err *err);

/* Employers (docs/security-model.md "Employers"). An employer belongs to one municipality's
 * register, shared by the staff of that municipality: a user's municipalities are their
 * organisation's (when it is a municipality) and those their teams work in. */
struct policy_employer_view {
    bool contacts; /* contact persons and contacts with the employer: municipal roles only */
};
/* The municipalities whose register who uses, in the arena (never NULL; count 0: none). */
void policy_employer_municipalities(const struct policy_subject *who, struct sp_arena *arena,
                                    const char ***codes, size_t *count);
/* May who read an employer of municipality (case roles of that municipality; health roles see
 * the employer without its contact persons, view->contacts false)? SP_NOT_FOUND for another
 * municipality's employer: the register is not theirs to know. */
enum sp_code policy_employer_read(const struct policy_subject *who, const char *municipality,
                                  struct policy_employer_view *view, struct sp_err *err);
/* May who change an employer of municipality, or record and read its contacts that are about no
 * young person? Municipal roles of that municipality; SP_FORBIDDEN for health roles of it,
 * SP_NOT_FOUND for anyone else. (A contact about a young person also needs
 * policy_enrolment_read on its enrolment.) */
enum sp_code policy_employer_work(const struct policy_subject *who, const char *municipality,
                                  struct sp_err *err);

/* Meetings of the joint plan (docs/security-model.md "Meetings"): individual conversations and
 * network meetings are the enrolment's (policy_enrolment_read and _write: the whole team, both
 * sectors; a meeting note is written for the whole team). A group session is its team's: who may
 * see and record it is a case role who sees citizens through team_id (policy_sees_team);
 * SP_NOT_FOUND otherwise, the session not being theirs to know. Its participants are shown to a
 * reader only where the reader sees the participant's team (policy_visible_teams), never counted
 * otherwise. */
enum sp_code policy_group_session_access(const struct policy_subject *who, int64_t team_id,
                                         struct sp_err *err);

/* Team contact between the sectors (docs/security-model.md "Team notes"). A note's content class
 * is its author's sector: "health" for a health member, "employment" for a municipal one (a user
 * of both sectors writes under the stricter rule, health); NULL for anyone else. */
const char *policy_team_note_class(const struct policy_subject *who);
/* May a reader with view (policy_enrolment_read's) see a team note of content_class? A health
 * note reaches municipal members only while health_summary_to_municipality is given
 * (view->health_summary), an employment note health members only while employment_to_health is
 * (view->employment_summary); the author (is_author) always sees their own. */
bool policy_team_note_visible(const struct policy_enrolment_view *view, const char *content_class,
                              bool is_author);

#endif
