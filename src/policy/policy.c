/* The visibility rules of docs/security-model.md, in one file. */
#include "policy/policy.h"

#include "core/enrolment.h"
#include "core/task.h"

#include <string.h>

static const char *const role_names[] = {
    "care_manager", "therapist",      "supervising_clinician",
    "caseworker",   "job_consultant", "resource_consultant",
    "project_lead", "evaluator",      "administrator",
};
#define ROLE_COUNT (sizeof role_names / sizeof role_names[0])

unsigned policy_role_from(const char *name)
{
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (strcmp(name, role_names[i]) == 0)
            return 1u << i;
    return 0;
}

const char *policy_role_name(unsigned role_bit)
{
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (role_bit == 1u << i)
            return role_names[i];
    return "unknown";
}

bool policy_role_valid(const char *name)
{
    return policy_role_from(name) != 0;
}

unsigned policy_roles_of(const struct user *user)
{
    unsigned roles = 0;

    for (size_t i = 0; i < user->role_count; i++)
        roles |= policy_role_from(user->roles[i]);
    return roles;
}

const char *policy_audit_role(const struct policy_subject *who)
{
    for (size_t i = 0; who != NULL && i < ROLE_COUNT; i++)
        if (who->roles & (1u << i))
            return role_names[i];
    return "";
}

enum sp_code policy_signed_in(const struct policy_subject *who, struct sp_err *err)
{
    if (who == NULL)
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "Sign in first.");
    return SP_OK;
}

static enum sp_code require_roles(const struct policy_subject *who, unsigned roles,
                                  const char *detail, struct sp_err *err)
{
    enum sp_code rc = policy_signed_in(who, err);

    if (rc == SP_OK && (who->roles & roles) == 0)
        rc = sp_err_set(err, SP_FORBIDDEN, "", "%s", detail);
    return rc;
}

enum sp_code policy_project_create(const struct policy_subject *who, struct sp_err *err)
{
    return require_roles(who, POLICY_ADMINISTRATOR, "Only administrators create projects.", err);
}

enum sp_code policy_administer(const struct policy_subject *who, struct sp_err *err)
{
    return require_roles(who, POLICY_ADMINISTRATOR,
                         "Only administrators manage users, teams, projects and questionnaire "
                         "texts.",
                         err);
}

enum sp_code policy_case_work(const struct policy_subject *who, struct sp_err *err)
{
    return require_roles(who, POLICY_CASE_ROLES,
                         "Only staff working with citizens (health or municipal roles) may do "
                         "this.",
                         err);
}

/* Never across municipalities: municipal staff see a team's citizens only when the team works
 * in their own municipality; regional staff follow their team memberships. */
static bool sees_through_team(const struct user *u, int64_t team_id)
{
    bool regional = u->organisation_kind != NULL && strcmp(u->organisation_kind, "region") == 0;

    for (size_t i = 0; team_id > 0 && i < u->team_count; i++) {
        const struct user_team *t = &u->teams[i];

        if (t->team_id == team_id &&
            (regional || (t->municipality_code != NULL &&
                          strcmp(t->municipality_code, u->organisation_code) == 0)))
            return true;
    }
    return false;
}

/* Is municipality the caller's own, or one their teams work in? Then a refusal may say 403;
 * otherwise the citizen's existence is not theirs to know (404). */
static bool knows_municipality(const struct user *u, const char *municipality)
{
    if (municipality == NULL)
        return false;
    if (strcmp(municipality, u->organisation_code) == 0)
        return true;
    for (size_t i = 0; i < u->team_count; i++)
        if (u->teams[i].municipality_code != NULL &&
            strcmp(u->teams[i].municipality_code, municipality) == 0)
            return true;
    return false;
}

/* Fill one enrolment's view from the roles and the consents in force. */
static void enrolment_view(const struct policy_subject *who, const struct citizen_place *place,
                           struct policy_enrolment_view *v)
{
    bool health = (who->roles & POLICY_HEALTH_ROLES) != 0;
    bool municipal = (who->roles & POLICY_MUNICIPAL_ROLES) != 0;

    memset(v, 0, sizeof *v);
    v->enrolment_id = place->enrolment_id;
    v->visible = sees_through_team(who->user, place->team_id);
    if (!v->visible)
        return;
    v->health_detail = health;
    v->health_summary = health;
    v->employment_summary = municipal;
    /* Health information reaches the job centre only with consent (sundhedsloven § 43,
     * docs/sources.md#sundhedsloven), and employment data the health side likewise. */
    if (municipal && !health)
        v->health_summary = place->health_summary_to_municipality;
    if (health && !municipal)
        v->employment_summary = place->employment_to_health;
}

enum sp_code policy_citizen_read(const struct policy_subject *who, struct store *st,
                                 struct sp_arena *arena, int64_t citizen_id,
                                 struct policy_citizen_view *view, struct sp_err *err)
{
    struct citizen_place *places = NULL;
    size_t count = 0;
    bool known = false;
    enum sp_code rc = policy_case_work(who, err);

    memset(view, 0, sizeof *view);
    if (rc == SP_OK)
        rc = store_citizen_places(st, arena, citizen_id, &places, &count, err);
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such citizen.");
    if (rc == SP_OK)
        view->enrolments = sp_arena_alloc(arena, sizeof *view->enrolments * (count + 1));
    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        struct policy_enrolment_view *v = &view->enrolments[view->enrolment_count++];

        enrolment_view(who, &places[i], v);
        view->identity = view->identity || v->visible;
        known = known || knows_municipality(who->user, places[i].municipality_code);
    }
    if (rc == SP_OK && count == 0) {
        struct citizen c;

        /* Registered, not yet referred: only the registering user sees them. */
        rc = store_citizen_get(st, arena, citizen_id, &c, err);
        /* Not enrolled anywhere: nothing ties them to the caller's teams, so to anyone but the
         * registering user their existence is not theirs to know (404). */
        view->identity = rc == SP_OK && c.created_by == who->user->id;
    }
    if (rc != SP_OK || view->identity)
        return rc;
    if (known)
        return sp_err_set(err, SP_FORBIDDEN, "", "This citizen is not on any of your teams.");
    return sp_err_set(err, SP_NOT_FOUND, "", "No such citizen.");
}

static enum sp_code enrolment_access(const struct policy_subject *who, struct store *st,
                                     struct sp_arena *arena, int64_t enrolment_id,
                                     int64_t *citizen_id, struct policy_enrolment_view *view,
                                     struct sp_err *err)
{
    struct citizen_place place;
    struct policy_enrolment_view v;
    enum sp_code rc = policy_case_work(who, err);

    *citizen_id = 0;
    if (rc == SP_OK)
        rc = store_enrolment_place(st, arena, enrolment_id, citizen_id, &place, err);
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such enrolment.");
    if (rc != SP_OK)
        return rc;
    enrolment_view(who, &place, &v);
    if (!v.visible)
        return knows_municipality(who->user, place.municipality_code)
                   ? sp_err_set(err, SP_FORBIDDEN, "", "This enrolment is not on your teams.")
                   : sp_err_set(err, SP_NOT_FOUND, "", "No such enrolment.");
    if (view != NULL)
        *view = v;
    return SP_OK;
}

enum sp_code policy_enrolment_read(const struct policy_subject *who, struct store *st,
                                   struct sp_arena *arena, int64_t enrolment_id,
                                   int64_t *citizen_id, struct policy_enrolment_view *view,
                                   struct sp_err *err)
{
    return enrolment_access(who, st, arena, enrolment_id, citizen_id, view, err);
}

enum sp_code policy_enrolment_write(const struct policy_subject *who, struct store *st,
                                    struct sp_arena *arena, int64_t enrolment_id,
                                    int64_t *citizen_id, struct sp_err *err)
{
    return enrolment_access(who, st, arena, enrolment_id, citizen_id, NULL, err);
}

enum sp_code policy_enrolment_team(const struct policy_subject *who, int64_t project_id,
                                   int64_t *team_id, struct sp_err *err)
{
    enum sp_code rc = policy_case_work(who, err);

    *team_id = 0;
    for (size_t i = 0; rc == SP_OK && i < who->user->team_count; i++) {
        const struct user_team *t = &who->user->teams[i];

        if (t->project_id == project_id && sees_through_team(who->user, t->team_id)) {
            *team_id = t->team_id;
            return SP_OK;
        }
    }
    if (rc == SP_OK) {
        sp_err_set(err, SP_FORBIDDEN, "/project_id",
                   "You work on no team of this project, so you cannot refer to it.");
        rc = sp_err_reason(err, SP_R_NOT_ON_PROJECT_TEAM);
    }
    return rc;
}

enum sp_code policy_team_assignable(const struct policy_subject *who, int64_t project_id,
                                    int64_t team_id, struct sp_err *err)
{
    enum sp_code rc = policy_case_work(who, err);

    for (size_t i = 0; rc == SP_OK && i < who->user->team_count; i++)
        if (who->user->teams[i].team_id == team_id &&
            who->user->teams[i].project_id == project_id && sees_through_team(who->user, team_id))
            return SP_OK;
    if (rc == SP_OK) {
        sp_err_set(err, SP_FORBIDDEN, "/team_id",
                   "You can move an enrolment only to a team of its project you work on.");
        rc = sp_err_reason(err, SP_R_TEAM_NOT_YOURS);
    }
    return rc;
}

enum sp_code policy_visible_teams(const struct policy_subject *who, struct sp_arena *arena,
                                  struct store_ids *teams, struct sp_err *err)
{
    enum sp_code rc = policy_case_work(who, err);
    int64_t *ids;

    teams->ids = NULL;
    teams->count = 0;
    if (rc != SP_OK)
        return rc;
    ids = sp_arena_alloc(arena, sizeof *ids * (who->user->team_count + 1));
    for (size_t i = 0; i < who->user->team_count; i++) {
        const struct user_team *t = &who->user->teams[i];

        if (sees_through_team(who->user, t->team_id))
            ids[teams->count++] = t->team_id;
    }
    teams->ids = ids;
    return SP_OK;
}

enum sp_code policy_treatment_access(const struct policy_subject *who, struct store *st,
                                     struct sp_arena *arena, int64_t enrolment_id,
                                     int64_t *citizen_id, struct sp_err *err)
{
    struct policy_enrolment_view v;
    enum sp_code rc = enrolment_access(who, st, arena, enrolment_id, citizen_id, &v, err);

    /* Item answers, session notes and conclusions are health detail: health roles on the team
     * only (docs/security-model.md), whatever the consents say. */
    if (rc == SP_OK && !v.health_detail)
        rc = sp_err_set(err, SP_FORBIDDEN, "",
                        "Treatment records are for the health staff on the team.");
    return rc;
}

enum sp_code policy_employment_access(const struct policy_subject *who, struct store *st,
                                      struct sp_arena *arena, int64_t enrolment_id,
                                      int64_t *citizen_id, struct sp_err *err)
{
    struct policy_enrolment_view v;
    enum sp_code rc = enrolment_access(who, st, arena, enrolment_id, citizen_id, &v, err);

    /* Work and education reach the health side only with consent, as health information reaches
     * the job centre (docs/security-model.md). */
    if (rc == SP_OK && !v.employment_summary)
        rc = sp_err_set(err, SP_FORBIDDEN, "",
                        "Work and education records reach the health staff only while the young "
                        "person has consented to it.");
    return rc;
}

enum sp_code policy_employment_write(const struct policy_subject *who, struct store *st,
                                     struct sp_arena *arena, int64_t enrolment_id,
                                     int64_t *citizen_id, struct sp_err *err)
{
    enum sp_code rc = enrolment_access(who, st, arena, enrolment_id, citizen_id, NULL, err);

    /* The track is the job centre's work, as employers and their contacts are: the health side
     * reads it with consent, and records nothing in it. */
    if (rc == SP_OK && (who->roles & POLICY_MUNICIPAL_ROLES) == 0)
        rc = sp_err_set(err, SP_FORBIDDEN, "",
                        "Work and education records are kept by the job centre's staff.");
    return rc;
}

enum sp_code policy_caseload(const struct policy_subject *who, struct sp_err *err)
{
    if (who == NULL)
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "Sign in first.");
    if ((who->roles & POLICY_HEALTH_ROLES) == 0)
        return sp_err_set(err, SP_FORBIDDEN, "", "The caseload is for health staff.");
    return SP_OK;
}

enum sp_code policy_employment_caseload(const struct policy_subject *who, struct sp_err *err)
{
    if (who == NULL)
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "Sign in first.");
    if ((who->roles & POLICY_MUNICIPAL_ROLES) == 0)
        return sp_err_set(err, SP_FORBIDDEN, "",
                          "The employment caseload is for job centre staff.");
    return SP_OK;
}

enum sp_code policy_case_review(const struct policy_subject *who, struct sp_err *err)
{
    if (who == NULL)
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "Sign in first.");
    if ((who->roles & POLICY_SUPERVISING_CLINICIAN) == 0)
        return sp_err_set(err, SP_FORBIDDEN, "", "Case review is for the supervising clinician.");
    return SP_OK;
}

const char *policy_caseload_role(const struct policy_subject *who)
{
    if (who != NULL && (who->roles & POLICY_CARE_MANAGER))
        return "care_manager";
    if (who != NULL && (who->roles & POLICY_THERAPIST))
        return "therapist";
    return NULL;
}

/* Is this purpose one of the employment track's? */
static bool employment_purpose(const char *purpose)
{
    return purpose != NULL && (strcmp(purpose, POLICY_EMPLOYMENT_PURPOSE) == 0 ||
                               strcmp(purpose, POLICY_EMPLOYER_PURPOSE) == 0);
}

static bool health_purpose(const char *purpose)
{
    return purpose != NULL && strcmp(purpose, POLICY_HEALTH_PURPOSE) == 0;
}

static void skip_purpose(struct policy_access_log_view *view, const char *purpose)
{
    view->skip_purposes[view->skip_count++] = purpose;
}

enum sp_code policy_access_log_view(const struct policy_subject *who, struct store *st,
                                    struct sp_arena *arena, int64_t citizen_id,
                                    struct policy_access_log_view *view, struct sp_err *err)
{
    struct policy_citizen_view seen;
    enum sp_code rc = policy_citizen_read(who, st, arena, citizen_id, &seen, err);
    bool municipal = who != NULL && (who->roles & POLICY_MUNICIPAL_ROLES) != 0;

    memset(view, 0, sizeof *view);
    /* Full for each sector's own detail on a team that sees the citizen; generic where the other
     * sector's summary is shared (consent in force on an enrolment the reader sees), as on the
     * citizen page. */
    for (size_t i = 0; rc == SP_OK && i < seen.enrolment_count; i++) {
        const struct policy_enrolment_view *v = &seen.enrolments[i];

        view->health_full = view->health_full || (v->visible && v->health_detail);
        view->health_generic = view->health_generic || (v->visible && v->health_summary);
        view->employment_full = view->employment_full || (v->visible && municipal);
        view->employment_generic =
            view->employment_generic || (v->visible && v->employment_summary);
    }
    if (view->health_full)
        view->health_generic = false;
    if (view->employment_full)
        view->employment_generic = false;
    if (!view->health_full && !view->health_generic)
        skip_purpose(view, POLICY_HEALTH_PURPOSE);
    if (!view->employment_full && !view->employment_generic) {
        skip_purpose(view, POLICY_EMPLOYMENT_PURPOSE);
        skip_purpose(view, POLICY_EMPLOYER_PURPOSE);
    }
    return rc;
}

enum policy_log_row policy_access_log_row(const struct policy_access_log_view *view,
                                          const char *purpose)
{
    if (health_purpose(purpose)) {
        if (view->health_full)
            return POLICY_LOG_FULL;
        return view->health_generic ? POLICY_LOG_GENERIC : POLICY_LOG_HIDDEN;
    }
    if (employment_purpose(purpose)) {
        if (view->employment_full)
            return POLICY_LOG_FULL;
        return view->employment_generic ? POLICY_LOG_GENERIC : POLICY_LOG_HIDDEN;
    }
    return POLICY_LOG_FULL;
}

bool policy_access_log_route(const struct policy_access_log_view *view, const char *purpose)
{
    return view->health_full && health_purpose(purpose);
}

const char *policy_access_log_generic_action(const char *purpose)
{
    if (health_purpose(purpose))
        return "health_activity";
    return employment_purpose(purpose) ? "employment_activity" : NULL;
}

const char *policy_role_sector(const char *role)
{
    unsigned bit = role != NULL ? policy_role_from(role) : 0;

    if (bit & POLICY_HEALTH_ROLES)
        return "health";
    if (bit & POLICY_MUNICIPAL_ROLES)
        return "municipal";
    return "other";
}

bool policy_sees_team(const struct policy_subject *who, int64_t team_id)
{
    return who != NULL && sees_through_team(who->user, team_id);
}

static bool works_on_project(const struct user *u, int64_t project_id)
{
    for (size_t i = 0; i < u->team_count; i++)
        if (u->teams[i].project_id == project_id)
            return true;
    return false;
}

enum sp_code policy_ips_measures(const struct policy_subject *who, int64_t project_id,
                                 struct sp_err *err)
{
    if (who == NULL)
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "Sign in first.");
    if ((who->roles & (POLICY_MUNICIPAL_ROLES | POLICY_PROJECT_LEAD)) == 0)
        return sp_err_set(err, SP_FORBIDDEN, "",
                          "The measures are for the project lead and the job centre's staff.");
    if (!works_on_project(who->user, project_id))
        return sp_err_set(err, SP_FORBIDDEN, "", "You do not work on this project.");
    return SP_OK;
}

const char *policy_registrar_role(const struct policy_subject *who)
{
    for (size_t i = 0; who != NULL && i < CORE_ASSIGNMENT_ROLE_COUNT; i++)
        if (who->roles & policy_role_from(core_assignment_roles[i]))
            return core_assignment_roles[i];
    return NULL;
}

enum sp_code policy_enrolment_reopen(const struct policy_subject *who, struct store *st,
                                     struct sp_arena *arena, int64_t enrolment_id,
                                     int64_t *citizen_id, struct sp_err *err)
{
    struct citizen_place place;
    enum sp_code rc = require_roles(
        who, POLICY_SUPERVISING_CLINICIAN | POLICY_PROJECT_LEAD,
        "Only the supervising clinician on the team or the project lead may reopen.", err);

    *citizen_id = 0;
    if (rc == SP_OK)
        rc = store_enrolment_place(st, arena, enrolment_id, citizen_id, &place, err);
    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such enrolment.");
    if (rc != SP_OK)
        return rc;
    /* An ending is undone by someone who answers for the case's course: the team's
     * supervising clinician, or the lead of the whole project. */
    if ((who->roles & POLICY_SUPERVISING_CLINICIAN) && sees_through_team(who->user, place.team_id))
        return SP_OK;
    if ((who->roles & POLICY_PROJECT_LEAD) && works_on_project(who->user, place.project_id))
        return SP_OK;
    if ((who->roles & POLICY_SUPERVISING_CLINICIAN) &&
        knows_municipality(who->user, place.municipality_code))
        return sp_err_set(err, SP_FORBIDDEN, "", "This enrolment is not on your teams.");
    return sp_err_set(err, SP_NOT_FOUND, "", "No such enrolment.");
}

enum sp_code policy_task_mark(const struct policy_subject *who, struct store *st,
                              struct sp_arena *arena, const struct task *t, int64_t *citizen_id,
                              struct sp_err *err)
{
    enum sp_code rc = policy_enrolment_write(who, st, arena, t->enrolment_id, citizen_id, err);
    const char *kind = t->owner_kind != NULL ? t->owner_kind : CORE_TASK_OWNER_MEMBER;

    /* Past enrolment_access the caller works on the enrolment's team. */
    if (rc == SP_OK && !core_task_may_mark(kind, t->owner_id, who->user->id, true))
        rc = sp_err_set(err, SP_FORBIDDEN, "", "Only the task's owner marks it done.");
    return rc;
}

bool policy_goal_text_visible(const struct policy_enrolment_view *view, const char *area)
{
    /* Health information reaches the municipality only with consent (sundhedsloven § 43,
     * docs/sources.md#sundhedsloven): the rule of the health summary, applied to the words of a
     * treatment goal. The other areas are the joint plan's and shared with the whole team. */
    return view->visible && (strcmp(area, "treatment") != 0 || view->health_summary);
}

enum sp_code policy_goal_write(const struct policy_subject *who, struct store *st,
                               struct sp_arena *arena, int64_t enrolment_id, const char *area,
                               int64_t *citizen_id, struct sp_err *err)
{
    struct policy_enrolment_view view;
    enum sp_code rc = enrolment_access(who, st, arena, enrolment_id, citizen_id, &view, err);

    if (rc == SP_OK && !policy_goal_text_visible(&view, area))
        rc = sp_err_set(err, SP_FORBIDDEN, "",
                        "A treatment goal is shared with the municipality only with the consent "
                        "health_summary_to_municipality.");
    return rc;
}

bool policy_health_staff(const struct policy_subject *who)
{
    return who != NULL && (who->roles & POLICY_HEALTH_ROLES) != 0;
}

bool policy_status_note_visible(const struct policy_subject *who, const char *writer_role)
{
    if (policy_health_staff(who))
        return true;
    return writer_role != NULL && (policy_role_from(writer_role) & POLICY_HEALTH_ROLES) == 0;
}

static bool is_municipality_org(const struct user *u)
{
    return u->organisation_kind != NULL && strcmp(u->organisation_kind, "municipality") == 0 &&
           u->organisation_code != NULL;
}

void policy_employer_municipalities(const struct policy_subject *who, struct sp_arena *arena,
                                    const char ***codes, size_t *count)
{
    const struct user *u = who->user;
    const char **out = sp_arena_alloc(arena, sizeof *out * (u->team_count + 1));
    size_t n = 0;

    if (is_municipality_org(u))
        out[n++] = u->organisation_code;
    for (size_t i = 0; i < u->team_count; i++) {
        const char *m = u->teams[i].municipality_code;
        bool seen = m == NULL;

        for (size_t j = 0; j < n && !seen; j++)
            seen = strcmp(out[j], m) == 0;
        if (!seen)
            out[n++] = m;
    }
    *codes = out;
    *count = n;
}

enum sp_code policy_employer_read(const struct policy_subject *who, const char *municipality,
                                  struct policy_employer_view *view, struct sp_err *err)
{
    enum sp_code rc = policy_case_work(who, err);

    memset(view, 0, sizeof *view);
    if (rc != SP_OK)
        return rc;
    /* A health user's organisation is a region, whose code is never a municipality's. */
    if (!knows_municipality(who->user, municipality))
        return sp_err_set(err, SP_NOT_FOUND, "", "No such employer.");
    /* Health staff may need to know where a young person works (names and addresses); the
     * employer's people and the job centre's contacts with them are job-centre work. */
    view->contacts = (who->roles & POLICY_MUNICIPAL_ROLES) != 0;
    return SP_OK;
}

enum sp_code policy_employer_work(const struct policy_subject *who, const char *municipality,
                                  struct sp_err *err)
{
    struct policy_employer_view view;
    enum sp_code rc = policy_employer_read(who, municipality, &view, err);

    if (rc == SP_OK && !view.contacts)
        rc = sp_err_set(err, SP_FORBIDDEN, "",
                        "Employers are kept and contacted by the job centre's staff.");
    return rc;
}

enum sp_code policy_group_session_access(const struct policy_subject *who, int64_t team_id,
                                         struct sp_err *err)
{
    enum sp_code rc = policy_case_work(who, err);

    if (rc == SP_OK && !sees_through_team(who->user, team_id))
        rc = sp_err_set(err, SP_NOT_FOUND, "", "No such group session.");
    return rc;
}

const char *policy_team_note_class(const struct policy_subject *who)
{
    if (who == NULL)
        return NULL;
    if (who->roles & POLICY_HEALTH_ROLES)
        return "health";
    if (who->roles & POLICY_MUNICIPAL_ROLES)
        return "employment";
    return NULL;
}

bool policy_team_note_visible(const struct policy_enrolment_view *view, const char *content_class,
                              bool is_author)
{
    /* The rules of the two summaries (sundhedsloven § 43, docs/sources.md#sundhedsloven, and the
     * employment summary's consent): a note about health is health information, a note about
     * work or education employment detail. */
    if (!view->visible)
        return false;
    if (is_author)
        return true;
    if (strcmp(content_class, "health") == 0)
        return view->health_summary;
    return strcmp(content_class, "employment") == 0 && view->employment_summary;
}
