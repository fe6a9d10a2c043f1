/* samspor demo: the five programmes with demo staff and synthetic young people at every stage.
 * Every synthetic person gets a substitute number (erstatningspersonnummer: birth day + 60, the
 * construction CPR-kontoret documents as never colliding with a real CPR number;
 * docs/sources.md#s5), with 99 in positions 8-9 so that demo numbers are easy to find. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "cli/cli.h"
#include "cli/demo_casework.h"
#include "cli/demo_data.h"
#include "cli/demo_employers.h"
#include "cli/demo_employment.h"
#include "cli/demo_treatment.h"
#include "core/caseload.h"
#include "core/date.h"
#include "core/employment_caseload.h"
#include "core/enrolment.h"
#include "store/store.h"

/* Fictional names: common Danish first names and surnames, combined at random. */
static const char *const female_names[] = {"Emma",  "Freja", "Ida",      "Clara", "Alma",
                                           "Sofia", "Laura", "Josefine", "Anna",  "Ella"};
static const char *const male_names[] = {"Noah",   "Oscar",  "Lucas",  "Oliver",   "Emil",
                                         "Victor", "Malthe", "Magnus", "Frederik", "Mikkel"};
static const char *const last_names[] = {"Nielsen",    "Jensen",      "Hansen",   "Pedersen",
                                         "Andersen",   "Christensen", "Larsen",   "Sørensen",
                                         "Rasmussen",  "Jørgensen",   "Petersen", "Madsen",
                                         "Kristensen", "Olsen",       "Thomsen",  "Poulsen"};
static const char *const referral_sources[] = {"jobcenter", "egen læge", "psykiatrien",
                                               "ungeindsats", "uddannelsesvejledning"};

/* A small deterministic generator (xorshift64*, Vigna 2016), so that a demo is reproducible. */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 2685821657736338717ULL;
}

static int random_below(uint64_t *state, int n)
{
    return (int)(next_random(state) % (uint64_t)n);
}

struct demo {
    struct store *st;
    struct sp_arena *arena;
    const char *password_hash;
    struct core_date today;
    char now[32];
    uint64_t rng;
    int serial;
    char (*used)[11]; /* substitute numbers handed out so far: each person gets a new one */
    size_t used_count;
    int citizens;
    int enrolments;
    int users;
    /* The first active enrolments of the team being made, for its group session. */
    int64_t active[8];
    size_t active_count;
    int64_t last_active; /* the enrolment add_person just made, when it is active; else 0 */
};

static enum sp_code add_user(struct demo *d, const char *username, const char *display,
                             const char *org, const char *role, int64_t team_id, int64_t *id,
                             struct sp_err *err)
{
    const char *roles[] = {role};
    struct store_user_new u = {.username = username,
                               .display_name = display,
                               .organisation_code = org,
                               .password_hash = d->password_hash,
                               .role_count = 1,
                               .roles = roles};
    enum sp_code rc = store_user_create(d->st, &u, d->now, id, err);

    if (rc == SP_OK && team_id > 0)
        rc = store_team_member_add(d->st, team_id, *id, err);
    if (rc == SP_OK)
        d->users++;
    return rc;
}

/* A substitute number for someone born on `birth`: day + 60, the century digit that the CPR
 * table gives for that year (docs/sources.md#s2), 99, and a sex digit. */
static bool number_used(const struct demo *d, const char *number)
{
    for (size_t i = 0; i < d->used_count; i++)
        if (memcmp(d->used[i], number, 10) == 0)
            return true;
    return false;
}

static void substitute_number(struct demo *d, struct core_date birth, bool male, char out[11])
{
    int yy = birth.year % 100;
    int century_digit = birth.year >= 2000 ? 4 : 0; /* 4: 2000-2036; 0: 1900-1999 */
    int sex_digit = (d->serial % 5) * 2 + (male ? 1 : 0);

    if (birth.year < 1937 || birth.year > 2036)
        century_digit = 0; /* not reached: demo people are 16-64 */
    char text[32];

    snprintf(text, sizeof text, "%02d%02d%02d%d99%d", birth.day + 60, birth.month, yy,
             century_digit, sex_digit);
    memcpy(out, text, 10);
    out[10] = '\0';
    d->serial++;
}

/* The referral date and status of the i-th person of a team: a spread over every stage. */
static enum enrolment_status stage_of(int i, int *days_ago)
{
    static const struct {
        enum enrolment_status status;
        int days_ago;
    } stages[] = {
        {ENROLMENT_REFERRED, 4},    {ENROLMENT_SCREENING, 12},  {ENROLMENT_ACTIVE, 45},
        {ENROLMENT_ACTIVE, 90},     {ENROLMENT_ACTIVE, 150},    {ENROLMENT_AFTERCARE, 240},
        {ENROLMENT_COMPLETED, 330}, {ENROLMENT_WITHDRAWN, 120}, {ENROLMENT_EXCLUDED, 20},
    };
    size_t n = sizeof stages / sizeof stages[0];

    *days_ago = stages[(size_t)i % n].days_ago + (i / (int)n) * 7;
    return stages[(size_t)i % n].status;
}

struct team_staff {
    int64_t team_id;
    int64_t care_manager;
    int64_t consultant;
    int64_t caseworker;
    int64_t therapist;
    int64_t supervisor;
    bool showcase; /* Herning: a case review hands caseworker.herning a task */
};

static enum sp_code add_person(struct demo *d, const struct demo_project *dp, int64_t project_id,
                               const struct team_staff *staff, const char *municipality, int i,
                               const char *arm, bool in_work, struct sp_err *err)
{
    struct citizen c = {0};
    struct enrolment e = {0};
    char identifier[11];
    char birth_text[11];
    char referral_text[11];
    char name[96];
    int days_ago = 0;
    enum enrolment_status status = stage_of(i, &days_ago);
    struct core_date referral = core_date_from_days(core_date_to_days(d->today) - days_ago);
    int age = dp->age_min + random_below(&d->rng, dp->age_max - dp->age_min + 1);
    /* Born between `age` years and one day and `age` + 1 years less a day before the referral,
     * so that the age at referral is exactly `age`. */
    int64_t aged = core_date_to_days(core_date_add_months(referral, -12 * age));
    struct core_date birth = core_date_from_days(aged - 1 - random_below(&d->rng, 360));
    bool male = random_below(&d->rng, 2) == 1;
    enum sp_code rc;

    substitute_number(d, birth, male, identifier);
    while (number_used(d, identifier)) {
        birth = core_date_from_days(aged - 1 - random_below(&d->rng, 360));
        substitute_number(d, birth, male, identifier);
    }
    d->used = sp_xrealloc(d->used, (d->used_count + 1) * sizeof *d->used);
    memcpy(d->used[d->used_count++], identifier, 11);
    core_date_format(birth, birth_text);
    core_date_format(referral, referral_text);
    snprintf(name, sizeof name, "%s %s",
             male ? male_names[random_below(&d->rng, (int)(sizeof male_names / sizeof *male_names))]
                  : female_names[random_below(&d->rng,
                                              (int)(sizeof female_names / sizeof *female_names))],
             last_names[random_below(&d->rng, (int)(sizeof last_names / sizeof *last_names))]);
    c.identifier_type = "erstatning";
    c.identifier = identifier;
    c.birth_date = birth_text;
    c.name = name;
    c.municipality_code = municipality;
    c.synthetic = true;
    rc = store_citizen_create(d->st, &c, d->now, err);
    if (rc != SP_OK)
        return rc;
    d->citizens++;
    e.project_id = project_id;
    e.citizen_id = c.id;
    e.team_id = staff->team_id;
    e.referral_date = referral_text;
    e.referral_source = referral_sources[random_below(
        &d->rng, (int)(sizeof referral_sources / sizeof *referral_sources))];
    e.target_group = dp->target_groups[random_below(&d->rng, 1)];
    e.status = core_enrolment_status_name(status);
    e.arm = arm;
    rc = store_enrolment_create(d->st, &e, d->now, err);
    if (rc == SP_OK)
        rc = store_enrolment_member_add(d->st, e.id, staff->care_manager, "care_manager", err);
    if (rc == SP_OK)
        rc = store_enrolment_member_add(d->st, e.id, staff->consultant, dp->consultant_role, err);
    if (rc == SP_OK)
        rc = store_enrolment_member_add(d->st, e.id, staff->caseworker, "caseworker", err);
    if (rc == SP_OK) {
        struct demo_course course = {.enrolment_id = e.id,
                                     .status = status,
                                     .referral = referral,
                                     .today = d->today,
                                     .now = d->now,
                                     .clinician = staff->care_manager,
                                     .pattern = d->enrolments};

        rc = demo_treatment_add(d->st, &course, err);
    }
    if (rc == SP_OK) {
        struct demo_casework work = {.enrolment_id = e.id,
                                     .status = status,
                                     .today = d->today,
                                     .now = d->now,
                                     .index = i,
                                     .care_manager = staff->care_manager,
                                     .therapist = staff->therapist,
                                     .caseworker = staff->caseworker,
                                     .supervisor = staff->supervisor,
                                     .showcase = staff->showcase};

        rc = demo_casework_add(d->st, &work, err);
    }
    char start[11] = "";
    struct episode ep = {0};

    if (rc == SP_OK && in_work) {
        ep = (struct episode){.enrolment_id = e.id,
                              .kind = random_below(&d->rng, 3) == 0 ? "education" : "ordinary_job",
                              .hours_per_week = 15 + random_below(&d->rng, 23)};

        int64_t from = core_date_to_days(referral);
        int64_t span = core_date_to_days(d->today) - from;
        int64_t offset = 60 + (int64_t)random_below(&d->rng, 120);

        /* Two to six months after the referral, but never after today: a start that has not
         * happened yet is no episode (the weekly status would show none). A referral of the last
         * six months starts as far into its time as the offset says of six months. */
        if (offset > span)
            offset = span > 0 ? span * offset / 180 : 0;
        core_date_format(core_date_from_days(from + offset), start);
        ep.start_date = start;
        rc = store_episode_create(d->st, &ep, d->now, err);
    }
    if (rc == SP_OK) {
        struct demo_track track = {.enrolment_id = e.id,
                                   .team_id = staff->team_id,
                                   .programme = demo_programme_of(dp->slug),
                                   .status = status,
                                   .referral = referral,
                                   .today = d->today,
                                   .now = d->now,
                                   .municipality = municipality,
                                   .index = i,
                                   .consultant = staff->consultant,
                                   .care_manager = staff->care_manager,
                                   .caseworker = staff->caseworker,
                                   .work_episode_id = ep.id,
                                   .work_start = start};

        rc = demo_employment_add(d->st, d->arena, &track,
                                 arm != NULL && strcmp(arm, "control") == 0, err);
    }
    d->last_active = status == ENROLMENT_ACTIVE ? e.id : 0;
    if (rc == SP_OK && status == ENROLMENT_ACTIVE && d->active_count < 8)
        d->active[d->active_count++] = e.id;
    if (rc == SP_OK)
        d->enrolments++;
    return rc;
}

/* "Sagsbehandler, Herning": a demo user's display name from a Danish title and the team's
 * municipality. Returns buf. */
static const char *staff_name(char *buf, size_t size, const char *title,
                              const struct organisation *org)
{
    snprintf(buf, size, "%s, %s", title, org->name != NULL ? org->name : "");
    return buf;
}

/* The Danish title of a programme's consultant ("jobconsultant", "ipsconsultant",
 * "resourceconsultant": the username prefixes of demo_data.c). */
static const char *consultant_title(const char *username_prefix)
{
    if (strcmp(username_prefix, "ipsconsultant") == 0)
        return "IPS-konsulent";
    if (strcmp(username_prefix, "resourceconsultant") == 0)
        return "Ressourcekonsulent";
    return "Jobkonsulent";
}

static enum sp_code add_team(struct demo *d, const struct demo_project *dp, int64_t project_id,
                             const struct demo_municipality *m, int people,
                             struct team_staff *staff, struct sp_err *err)
{
    struct team t = {.project_id = project_id, .municipality_code = m->code};
    char name[96];
    char username[96];
    char display[128];
    struct organisation org = {0};
    enum sp_code rc;

    snprintf(name, sizeof name, "%s %s", dp->name, m->slug);
    t.name = name;
    rc = store_team_create(d->st, &t, err);
    staff->team_id = t.id;
    /* Display names say the role and the municipality in Danish, as the staff pages show them
     * ("Sagsbehandler, Herning"): the demo's people are roles, not invented persons. */
    if (rc == SP_OK)
        rc = store_organisation_get(d->st, d->arena, m->code, &org, err);
    /* The care manager is regional health staff seconded to the job centre. */
    snprintf(username, sizeof username, "caremanager.%s", m->slug);
    if (rc == SP_OK)
        rc =
            add_user(d, username, staff_name(display, sizeof display, "Behandlingsansvarlig", &org),
                     dp->region_code ? dp->region_code : m->code, "care_manager", t.id,
                     &staff->care_manager, err);
    snprintf(username, sizeof username, "%s.%s", dp->consultant_user, m->slug);
    if (rc == SP_OK)
        rc = add_user(
            d, username,
            staff_name(display, sizeof display, consultant_title(dp->consultant_user), &org),
            m->code, dp->consultant_role, t.id, &staff->consultant, err);
    snprintf(username, sizeof username, "caseworker.%s", m->slug);
    if (rc == SP_OK)
        rc = add_user(d, username, staff_name(display, sizeof display, "Sagsbehandler", &org),
                      m->code, "caseworker", t.id, &staff->caseworker, err);
    /* The therapist and the supervising clinician are regional health staff on the team too. */
    snprintf(username, sizeof username, "therapist.%s", m->slug);
    if (rc == SP_OK)
        rc = add_user(d, username, staff_name(display, sizeof display, "Psykolog", &org),
                      dp->region_code ? dp->region_code : m->code, "therapist", t.id,
                      &staff->therapist, err);
    snprintf(username, sizeof username, "supervisor.%s", m->slug);
    if (rc == SP_OK)
        rc = add_user(d, username,
                      staff_name(display, sizeof display, "Superviserende psykiater", &org),
                      dp->region_code ? dp->region_code : m->code, "supervising_clinician", t.id,
                      &staff->supervisor, err);
    if (rc == SP_OK)
        rc = demo_employers_add(d->st, d->arena, m->code, staff->consultant, d->today, d->now, err);
    staff->showcase = strcmp(m->slug, "herning") == 0;
    d->active_count = 0;
    for (int i = 0; rc == SP_OK && i < people; i++)
        rc = add_person(d, dp, project_id, staff, m->code, i, NULL, false, err);
    /* "På vej til arbejde" holds a group session for its young people (a job club). */
    if (rc == SP_OK && demo_programme_of(dp->slug) == DEMO_PROGRAMME_PVTA) {
        struct demo_track team = {.team_id = staff->team_id,
                                  .today = d->today,
                                  .now = d->now,
                                  .consultant = staff->consultant,
                                  .care_manager = staff->care_manager};

        rc = demo_group_session_add(d->st, &team, project_id, d->active, d->active_count, err);
    }
    return rc;
}

/* IPS Syddanmark's Odense consultant covers five active young people of the Middelfart team for
 * a colleague on leave (on that team too, as a member of their cases): more than 20 active on
 * their caseload, the IPS-25 caseload-size flag (docs/employment-track.md). */
#define COVER_TEAM 2    /* Middelfart in demo_data.c's list */
#define COVERING_TEAM 1 /* Odense */
#define COVERED 5

/* The randomised project: 100 per arm, 60 of the IPS arm and 46 of usual service with an
 * ordinary job or education (Christensen et al. 2019: 59.9 % vs 46.5 %,
 * sources.md#christensen2019). */
static enum sp_code add_trial(struct demo *d, const struct demo_project *dp, int64_t project_id,
                              const struct team_staff *teams, size_t team_count, struct sp_err *err)
{
    enum sp_code rc = SP_OK;
    bool cover = team_count > COVER_TEAM;
    int covered = 0;

    if (cover)
        rc = store_team_member_add(d->st, teams[COVER_TEAM].team_id,
                                   teams[COVERING_TEAM].consultant, err);
    for (int i = 0; rc == SP_OK && i < 200; i++) {
        bool intervention = i % 2 == 0;
        int index_in_arm = i / 2;
        bool in_work = index_in_arm < (intervention ? 60 : 46);
        size_t team = (size_t)i % team_count;

        rc = add_person(d, dp, project_id, &teams[team], dp->municipalities[team].code, i / 2,
                        intervention ? "intervention" : "control", in_work, err);
        if (rc == SP_OK && cover && team == COVER_TEAM && d->last_active > 0 && covered < COVERED) {
            rc = store_enrolment_member_add(d->st, d->last_active, teams[COVERING_TEAM].consultant,
                                            dp->consultant_role, err);
            covered++;
        }
    }
    return rc;
}

static enum sp_code add_project(struct demo *d, const struct demo_project *dp, struct sp_err *err)
{
    struct project *p = sp_arena_alloc(d->arena, sizeof *p);
    struct team_staff teams[5] = {{0}};
    char start[11];
    char end[11];
    char username[96];
    char display[128];
    int64_t id;
    struct core_date s = core_date_add_months(d->today, -dp->months_running);
    size_t team_count = 0;
    enum sp_code rc;

    core_date_format(s, start);
    core_date_format(core_date_add_months(s, dp->duration_months), end);
    p->slug = dp->slug;
    p->name = dp->name;
    p->description = dp->description;
    p->region.code = dp->region_code;
    p->period_start = start;
    p->period_end = end;
    p->target_count = dp->target_count;
    p->age_min = dp->age_min;
    p->age_max = dp->age_max;
    p->randomised = dp->randomised != 0;
    core_project_treatment_default(&p->treatment);
    core_employment_settings_default(&p->employment);
    for (size_t i = 0; i < 5 && dp->municipalities[i].code; i++)
        p->municipalities[p->municipality_count++].code = dp->municipalities[i].code;
    for (size_t i = 0; i < 4 && dp->target_groups[i]; i++)
        p->target_groups[p->target_group_count++] = dp->target_groups[i];
    for (size_t i = 0; i < 6 && dp->instruments[i]; i++)
        p->instruments[p->instrument_count++] = dp->instruments[i];
    for (size_t i = 0; i < 5 && dp->followups[i]; i++)
        p->followup_months[p->followup_count++] = dp->followups[i];
    rc = store_project_create(d->st, p, d->now, err);
    team_count = p->municipality_count;
    for (size_t i = 0; rc == SP_OK && i < team_count; i++)
        rc =
            add_team(d, dp, p->id, &dp->municipalities[i], dp->randomised ? 0 : 18, &teams[i], err);
    if (rc == SP_OK && dp->randomised)
        rc = add_trial(d, dp, p->id, teams, team_count, err);
    snprintf(username, sizeof username, "lead.%s", dp->slug);
    snprintf(display, sizeof display, "Projektleder, %s", dp->name);
    if (rc == SP_OK)
        rc = add_user(d, username, display, dp->region_code ? dp->region_code : "791",
                      "project_lead", 0, &id, err);
    /* The project's lead works on the project through its teams (and so may reopen a case ended
     * by mistake); the role still sees no citizen (docs/security-model.md). */
    for (size_t i = 0; rc == SP_OK && i < team_count; i++)
        rc = store_team_member_add(d->st, teams[i].team_id, id, err);
    snprintf(username, sizeof username, "researcher.%s", dp->slug);
    snprintf(display, sizeof display, "Evaluator, %s", dp->name);
    if (rc == SP_OK)
        rc = add_user(d, username, display, dp->region_code ? dp->region_code : "791", "evaluator",
                      0, &id, err);
    return rc;
}

static int parse_demo_args(int argc, char **argv, const char **db, const char **password,
                           const char **key)
{
    static const struct option options[] = {{"db", required_argument, NULL, 'd'},
                                            {"demo-password", required_argument, NULL, 'p'},
                                            {"key", required_argument, NULL, 'k'},
                                            {NULL, 0, NULL, 0}};
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == 'd')
            *db = optarg;
        else if (opt == 'p')
            *password = optarg;
        else if (opt == 'k')
            *key = optarg;
        else
            return cli_usage_error("demo");
    }
    *db = cli_db_or_env(*db);
    if (*db == NULL || optind != argc)
        return cli_usage_error("demo");
    if (strlen(*password) < 12) {
        fprintf(stderr, "samspor: the demo password must have at least 12 characters\n");
        return 2;
    }
    return 0;
}

static void print_logins(const char *password)
{
    printf("\nDemo logins (password for all: %s):\n  admin\n", password);
    for (size_t i = 0; i < sizeof demo_projects / sizeof demo_projects[0]; i++) {
        const struct demo_project *dp = &demo_projects[i];

        printf("  %s: lead.%s, researcher.%s\n", dp->name, dp->slug, dp->slug);
        for (size_t m = 0; m < 5 && dp->municipalities[m].code; m++)
            printf("    caremanager.%s, therapist.%s, supervisor.%s, caseworker.%s, %s.%s\n",
                   dp->municipalities[m].slug, dp->municipalities[m].slug,
                   dp->municipalities[m].slug, dp->municipalities[m].slug, dp->consultant_user,
                   dp->municipalities[m].slug);
    }
}

int cli_demo(int argc, char **argv)
{
    char label[512];
    const char *db = NULL;
    const char *password = "samspor-demo";
    struct demo d = {.rng = 0x5a3b5b0d2026ULL};
    char hash[SP_PASSWORD_HASH_MAX];
    struct sp_err err = {0};
    int from = 0;
    int to = 0;
    int64_t projects = 0;
    int64_t admin_id = 0;
    int y, m, day;
    const char *key = NULL;
    struct sp_keys keys;
    int status = parse_demo_args(argc, argv, &db, &password, &key);
    enum sp_code rc;

    if (status != 0)
        return status;
    if (!sp_crypto_password_hash(password, hash)) {
        fprintf(stderr, "samspor: cannot hash the demo password (out of memory)\n");
        return 1;
    }
    sp_clock_today(&y, &m, &day);
    d.today = (struct core_date){y, m, day};
    sp_clock_now_iso(d.now);
    d.password_hash = hash;
    d.arena = sp_arena_new();
    if (!cli_load_keys(db, key, true, &keys)) {
        sp_arena_free(d.arena);
        return 1;
    }
    rc = store_open(db, &keys, &d.st, &err);
    if (rc == SP_OK)
        rc = store_migrate(d.st, &from, &to, &err);
    if (rc == SP_OK)
        rc = store_count(d.st, "project", &projects, &err);
    if (rc == SP_OK && projects > 0) {
        fprintf(stderr, "samspor: %s already has projects; demo data goes into a new database\n",
                cli_db_label(db, label, sizeof label));
        store_close(d.st);
        sp_arena_free(d.arena);
        free(d.used);
        return 1;
    }
    if (rc == SP_OK)
        rc = store_begin_write(d.st, &err);
    if (rc == SP_OK)
        rc = add_user(&d, "admin", "Administrator", "1082", "administrator", 0, &admin_id, &err);
    for (size_t i = 0; rc == SP_OK && i < sizeof demo_projects / sizeof demo_projects[0]; i++)
        rc = add_project(&d, &demo_projects[i], &err);
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc != SP_OK)
        store_rollback(d.st);
    store_close(d.st);
    sp_arena_free(d.arena);
    free(d.used);
    if (rc != SP_OK) {
        fprintf(stderr, "samspor: demo data could not be written: %s\n", err.detail);
        return 1;
    }
    printf("%s: 5 projects, %d users, %d synthetic citizens, %d enrolments\n",
           cli_db_label(db, label, sizeof label), d.users, d.citizens, d.enrolments);
    print_logins(password);
    return 0;
}
