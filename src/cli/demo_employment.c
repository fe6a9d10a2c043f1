/* The demo's employment track and joint plan: see demo_employment.h. The young people's own words
 * (goals, profile) are invented and written as a young person might say them. */
#include "cli/demo_employment.h"

#include <stdio.h>
#include <string.h>

/* A date `offset` days from today (negative: before) as text in buf (11 bytes). */
static const char *day(const struct demo_track *t, int offset, char *buf)
{
    core_date_format(core_date_from_days(core_date_to_days(t->today) + offset), buf);
    return buf;
}

/* Days from the referral to today. */
static int days_since_referral(const struct demo_track *t)
{
    return (int)(core_date_to_days(t->today) - core_date_to_days(t->referral));
}

/* An offset from today no earlier than `after` days past the referral: events of a young person
 * referred lately move forward so that none is dated before the referral. */
static int after_referral(const struct demo_track *t, int offset, int after)
{
    int earliest = -days_since_referral(t) + after;

    return offset < earliest ? earliest : offset;
}

enum demo_programme demo_programme_of(const char *slug)
{
    static const struct {
        const char *slug;
        enum demo_programme programme;
    } known[] = {
        {"ips-syddanmark", DEMO_PROGRAMME_IPS},
        {"paa-vej-til-arbejde", DEMO_PROGRAMME_PVTA},
        {"samarbejdsmodellen", DEMO_PROGRAMME_SAMARBEJDSMODELLEN},
        {"ibbu-nord", DEMO_PROGRAMME_IBBU_NORD},
    };

    for (size_t i = 0; slug != NULL && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(slug, known[i].slug) == 0)
            return known[i].programme;
    return DEMO_PROGRAMME_OTHER;
}

/* The municipality's demo employers (demo_employers.c: four), by name. */
static enum sp_code employers_of(struct store *st, struct sp_arena *arena, const char *municipality,
                                 int64_t ids[4], struct sp_err *err)
{
    struct store_page page = {.after = 0, .limit = 4};
    struct employer *found = NULL;
    size_t count = 0;
    bool more = false;
    enum sp_code rc =
        store_employer_search(st, arena, municipality, NULL, &page, &found, &count, &more, err);

    for (size_t i = 0; i < 4; i++)
        ids[i] = rc == SP_OK && count > 0 ? found[i % count].id : 0;
    return rc == SP_OK && count == 0 ? sp_err_set(err, SP_INTERNAL, "", "No demo employers.") : rc;
}

static enum sp_code add_profile(struct store *st, const struct demo_track *t, struct sp_err *err)
{
    struct vocational_entry entries[] = {
        {.area = "education",
         .level = "upper_secondary",
         .description = "HF på VUC",
         .from_year = 2019,
         .to_year = 2020,
         .outcome = "dropped_out"},
        {.area = "work",
         .description = "Opfylder i et supermarked",
         .from_year = 2021,
         .to_year = 2022},
    };
    struct vocational_profile p = {
        .enrolment_id = t->enrolment_id,
        .own_goals =
            "Jeg vil gerne have et arbejde, hvor jeg bruger hænderne og ikke sidder stille.",
        .work_wanted = "Lager, værksted, gartneri",
        .work_not_wanted = "Kundeservice i telefon",
        .hours_wanted = 20,
        .places = "I kommunen eller nabokommunen",
        .travel = "Cykel og bus, højst 45 minutter",
        .disclosure = t->index % 2 ? "some" : "none",
        .disclosure_note = t->index % 2 ? "Arbejdsgiveren må vide, at jeg har brug for en rolig "
                                          "opstart, men ikke hvorfor."
                                        : NULL,
        .saved_by = t->consultant,
        .saved_at = t->now,
        .entry_count = sizeof entries / sizeof entries[0],
        .entries = entries};

    return store_vocational_save(st, &p, 0, err);
}

static enum sp_code add_employer_contact(struct store *st, const struct demo_track *t,
                                         int64_t employer, int offset, const char *purpose,
                                         const char *outcome, struct sp_err *err)
{
    char date[11];
    struct employer_contact c = {.employer_id = employer,
                                 .enrolment_id = t->enrolment_id,
                                 .date = day(t, after_referral(t, offset, 1), date),
                                 .kind = offset % 2 ? "phone" : "in_person",
                                 .purpose = purpose,
                                 .outcome = outcome,
                                 .consultant_id = t->consultant,
                                 .created_at = t->now};

    return store_employer_contact_add(st, &c, err);
}

/* An episode from `from` days to `to` days from today (to > 0: still going on). */
static enum sp_code add_episode(struct store *st, const struct demo_track *t, struct episode *ep,
                                int from, int to, struct sp_err *err)
{
    char start[11];
    char end[11];

    ep->enrolment_id = t->enrolment_id;
    ep->start_date = day(t, after_referral(t, from, 7), start);
    ep->end_date = to > 0 ? NULL : day(t, after_referral(t, to, 8), end);
    ep->created_by = t->consultant;
    return store_episode_create(st, ep, t->now, err);
}

static enum sp_code add_follow_along(struct store *st, const struct demo_track *t,
                                     const struct episode *ep, int offset, const char *with_whom,
                                     const char *note, struct sp_err *err)
{
    char date[11];
    struct follow_along f = {.enrolment_id = t->enrolment_id,
                             .episode_id = ep->id,
                             .date = day(t, offset, date),
                             .with_whom = with_whom,
                             .kind = strcmp(with_whom, "young_person") == 0 ? "in_person" : "phone",
                             .note = note,
                             .created_by = t->consultant,
                             .created_at = t->now};

    /* Never before the start, never after today. */
    if (strcmp(f.date, ep->start_date) < 0 || offset > 0)
        return SP_OK;
    return store_follow_along_add(st, &f, err);
}

/* IPS Syddanmark: rapid job search with employer contacts, and follow-along support after a start.
 * Who started a job is the trial's outcome (demo.c, t->work_episode_id): this adds no job. By the
 * person's place on the team, a young person with each of the consultant's flags. */
static enum sp_code add_ips(struct store *st, const struct demo_track *t, const int64_t emp[4],
                            struct sp_err *err)
{
    struct episode internship = {.kind = "internship",
                                 .hours_per_week = 12,
                                 .employer_id = emp[3],
                                 .purpose = "try_out",
                                 .end_reason = "completed"};
    struct episode job = {.id = t->work_episode_id, .start_date = t->work_start};
    int since_start = 0;
    enum sp_code rc = SP_OK;

    if (t->work_episode_id > 0) {
        struct core_date start;

        rc = core_date_parse(t->work_start, strlen(t->work_start), "work_start", &start, err);
        if (rc != SP_OK)
            return rc;
        since_start = (int)(core_date_to_days(t->today) - core_date_to_days(start));
        rc = add_employer_contact(st, t, emp[1], -since_start - 10, "present_candidate",
                                  "Vil gerne møde den unge til en samtale.", err);
        /* Every other one is followed along; the rest show no_follow_along after four weeks. */
        if (rc == SP_OK && t->index % 2 == 0)
            rc = add_follow_along(st, t, &job, -since_start + 6, "young_person",
                                  "Første uge gået godt; træt om aftenen.", err);
        if (rc == SP_OK && t->index % 2 == 0)
            rc = add_follow_along(st, t, &job, -since_start + 20, "young_person",
                                  "Vil gerne op på flere timer.", err);
        return rc;
    }
    switch (t->index % 3) {
    case 0: /* job search going on */
        return add_employer_contact(st, t, emp[0], -8, "present_candidate",
                                    "Praktiksamtale aftalt i næste uge.", err);
    case 1: /* no employer contact yet: no_employer_contact once 30 days have passed */
        return SP_OK;
    default: /* an internship ended ten days ago, no next step: episode_ended_no_next_step */
        rc = add_employer_contact(st, t, emp[3], -60, "learn_workplace",
                                  "Kan tage en i praktik i fire uger.", err);
        if (rc == SP_OK)
            rc = add_episode(st, t, &internship, -40, -10, err);
        return rc;
    }
}

/* Tasks of one enrolment set by t->consultant: text, owner (0: the young person), due offset. */
struct demo_task {
    const char *text;
    int64_t owner;
    int due;
    int64_t goal_id;
};

static enum sp_code add_tasks(struct store *st, const struct demo_track *t,
                              const struct demo_task *list, size_t count, int64_t *ids,
                              struct sp_err *err)
{
    enum sp_code rc = SP_OK;

    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        char due[11];
        struct task task = {.enrolment_id = t->enrolment_id,
                            .owner_id = list[i].owner,
                            .owner_kind = list[i].owner > 0 ? "member" : "young_person",
                            .goal_id = list[i].goal_id,
                            .text = list[i].text,
                            .due = day(t, list[i].due, due),
                            .created_by = t->consultant,
                            .created_role = "job_consultant",
                            .created_at = t->now};

        rc = store_task_add(st, &task, err);
        if (ids != NULL)
            ids[i] = task.id;
    }
    return rc;
}

static enum sp_code add_goal(struct store *st, const struct demo_track *t, const char *area,
                             const char *text, int due, int64_t *id, struct sp_err *err)
{
    char date[11];
    struct plan_goal g = {.enrolment_id = t->enrolment_id,
                          .area = area,
                          .text = text,
                          .due_date = day(t, due, date),
                          .status = "open",
                          .agreed_with_young_person = true,
                          .agreed_by = "Den unge, sagsbehandleren og behandlingsansvarlig",
                          .created_by = t->consultant,
                          .created_at = t->now};
    enum sp_code rc = store_goal_add(st, &g, err);

    *id = g.id;
    return rc;
}

/* A network meeting a week ago: the young person, both sectors (an interpreter where asked), a
 * new goal, and tasks for the consultant and the care manager; the care manager's due
 * `care_due` days from today (before today: overdue on their caseload). */
static enum sp_code add_network_meeting(struct store *st, const struct demo_track *t,
                                        const char *interpreter, int care_due, struct sp_err *err)
{
    char date[11];
    char due[2][11];
    int64_t staff[] = {t->consultant, t->care_manager, t->caseworker};
    struct meeting m = {.kind = "network",
                        .enrolment_id = t->enrolment_id,
                        .date = day(t, after_referral(t, -7, 2), date),
                        .duration_minutes = 90,
                        .note =
                            "Status: praktikken går godt. Den unge vil gerne prøve flere timer; "
                            "behandlingen fortsætter som aftalt.",
                        .interpreter_language = interpreter,
                        .attended = 1,
                        .created_by = t->consultant,
                        .created_at = t->now};
    struct plan_goal goal = {.enrolment_id = t->enrolment_id,
                             .area = "employment_education",
                             .text = "Jeg vil arbejde 15 timer om ugen inden sommerferien.",
                             .due_date = day(t, 120, due[0]),
                             .status = "open",
                             .agreed_with_young_person = true,
                             .agreed_by = "Netværksmødet",
                             .created_by = t->consultant,
                             .created_at = t->now};
    struct task tasks[2] = {
        {.text = "Tal med praktikstedet om flere timer.", .owner_id = t->consultant},
        {.text = "Aftal tid til samtale om søvn og energi før flere timer.",
         .owner_id = t->care_manager,
         .due = day(t, care_due, due[1])},
    };
    int64_t task_ids[2];
    enum sp_code rc = store_meeting_add(st, &m, staff, sizeof staff / sizeof staff[0], err);

    if (rc == SP_OK)
        rc = store_goals_add(st, &goal, 1, err);
    for (size_t i = 0; i < 2; i++) {
        tasks[i].enrolment_id = t->enrolment_id;
        tasks[i].owner_kind = "member";
        tasks[i].goal_id = goal.id;
        tasks[i].created_by = t->consultant;
        tasks[i].created_role = "job_consultant";
        tasks[i].created_at = t->now;
    }
    tasks[0].due = due[0];
    if (rc == SP_OK)
        rc = store_tasks_add(st, tasks, 2, err);
    task_ids[0] = tasks[0].id;
    task_ids[1] = tasks[1].id;
    if (rc == SP_OK)
        rc =
            store_meeting_link(st, m.id, &(struct store_ids){&goal.id, 1},
                               &(struct store_ids){NULL, 0}, &(struct store_ids){task_ids, 2}, err);
    return rc;
}

/* Walk-and-talk conversations every fortnight, the last `last` days ago. */
static enum sp_code add_conversations(struct store *st, const struct demo_track *t, int last,
                                      struct sp_err *err)
{
    static const char *const places[] = {"walk_and_talk", "office", "walk_and_talk", "library"};
    enum sp_code rc = SP_OK;

    for (int i = 0; rc == SP_OK && i < 4; i++) {
        char date[11];
        int offset = -last - 14 * i;
        int64_t staff[] = {t->consultant};
        struct meeting m = {.kind = "individual",
                            .enrolment_id = t->enrolment_id,
                            .date = day(t, offset, date),
                            .duration_minutes = 60,
                            .place = places[i],
                            .note = i == 0 ? "Gåtur ved havnen; talte om praktikken og om at "
                                             "komme op om morgenen."
                                           : "Samtale om ugens gang.",
                            .attended = 1,
                            .created_by = t->consultant,
                            .created_at = t->now};

        if (offset < -days_since_referral(t))
            break;
        rc = store_meeting_add(st, &m, staff, 1, err);
    }
    return rc;
}

/* "På vej til arbejde": walk-and-talk conversations, internships and courses, network meetings. */
static enum sp_code add_pvta(struct store *st, const struct demo_track *t, const int64_t emp[4],
                             struct sp_err *err)
{
    struct episode internship = {.kind = "internship",
                                 .hours_per_week = 12,
                                 .employer_id = emp[3],
                                 .purpose = "slow_return",
                                 .contact_allowed = true};
    struct episode course = {.kind = "course",
                             .hours_per_week = 20,
                             .place = "Kursus i truckkørsel (demo)",
                             .end_reason = "completed"};
    /* Every fifth has had no conversation for three weeks: no_contact. */
    enum sp_code rc = add_conversations(st, t, t->index % 5 == 4 ? 21 : 3, err);

    if (rc == SP_OK && t->index % 3 == 0)
        rc = add_episode(st, t, &internship, -30, 1, err);
    if (rc == SP_OK && t->index % 3 == 0)
        rc = add_follow_along(st, t, &internship, -16, "employer",
                              "Praktikstedet: mødestabil, vil gerne fortsætte.", err);
    /* A course that ended twelve days ago with nothing after it: episode_ended_no_next_step. */
    if (rc == SP_OK && t->index % 3 == 1)
        rc = add_episode(st, t, &course, -40, -12, err);
    /* The fifth one's (the first active with a network meeting) care manager task is two days
     * overdue: task_overdue on the care manager's and the consultant's caseloads. */
    if (rc == SP_OK && t->index % 4 == 0)
        rc = add_network_meeting(st, t, NULL, t->index == 4 ? -2 : 14, err);
    return rc;
}

/* Samarbejdsmodellen: a coordinator holding one plan of three areas with tasks for both sectors
 * and the young person, and a note between the sectors. */
static enum sp_code add_joint_plan(struct store *st, const struct demo_track *t, struct sp_err *err)
{
    int64_t work = 0;
    int64_t everyday = 0;
    bool changed = false;
    char date[11];
    enum sp_code rc =
        store_coordinator_set(st, t->enrolment_id, t->index % 2 ? t->care_manager : t->caseworker,
                              t->caseworker, t->now, &changed, err);

    if (rc == SP_OK)
        rc = add_goal(st, t, "employment_education",
                      "Jeg vil starte på en erhvervsuddannelse efter sommerferien.", 200, &work,
                      err);
    if (rc == SP_OK)
        rc = add_goal(st, t, "everyday_life",
                      "Jeg vil have min egen lejlighed og styr på "
                      "regningerne.",
                      150, &everyday, err);
    if (rc == SP_OK) {
        struct demo_task list[] = {
            {"Besøg erhvervsskolens åbent hus.", 0, 12, work},
            {"Book møde med UU-vejlederen om optagelse.", t->caseworker, 6, work},
            {"Søg om hjælp til depositum.", t->caseworker, 20, everyday},
        };

        rc = add_tasks(st, t, list, sizeof list / sizeof list[0], NULL, err);
    }
    if (rc == SP_OK) {
        struct team_note n = {.enrolment_id = t->enrolment_id,
                              .date = day(t, -4, date),
                              .content_class = "employment",
                              .text = "Har fået plads på åbent hus; ønsker at du tager det med "
                                      "i jeres næste samtale.",
                              .author_id = t->caseworker,
                              .created_at = t->now};

        rc = store_team_note_add(st, &n, err);
    }
    return rc;
}

/* IBBU-Nord: all three tracks for one young person (treatment comes from demo_treatment.c). */
static enum sp_code add_ibbu_nord(struct store *st, const struct demo_track *t,
                                  const int64_t emp[4], struct sp_err *err)
{
    struct episode education = {.kind = "education",
                                .hours_per_week = 30,
                                .institution = "Fiktiv Erhvervsskole (demo)",
                                .programme = "Grundforløb, Teknologi, byggeri og transport",
                                .level = "vocational",
                                .contact_allowed = true};
    enum sp_code rc = add_joint_plan(st, t, err);

    if (rc == SP_OK)
        rc = add_employer_contact(st, t, emp[0], -30, "learn_workplace",
                                  "Mulig praktikplads i skoleperioden.", err);
    if (rc == SP_OK)
        rc = add_episode(st, t, &education, -28, 1, err);
    if (rc == SP_OK)
        rc = add_follow_along(st, t, &education, -14, "school",
                              "Kontaktlæreren: god start, lidt fravær om mandagen.", err);
    if (rc == SP_OK)
        rc = add_network_meeting(st, t, NULL, 10, err);
    return rc;
}

/* The day the young person moved from screening to active: two weeks after the referral (never
 * after today), in the status history, where the caseloads read when the work began. */
static enum sp_code add_start(struct store *st, const struct demo_track *t, struct sp_err *err)
{
    char at[32];
    char date[11];
    int offset = after_referral(t, -days_since_referral(t) + 14, 0);
    struct status_change change = {.enrolment_id = t->enrolment_id,
                                   .from_status = "screening",
                                   .to_status = "active",
                                   .kind = "move",
                                   .changed_by = t->caseworker,
                                   .changed_role = "caseworker"};

    snprintf(at, sizeof at, "%sT09:00:00Z", day(t, offset > 0 ? 0 : offset, date));
    change.changed_at = at;
    return store_status_change_add(st, &change, err);
}

enum sp_code demo_employment_add(struct store *st, struct sp_arena *arena,
                                 const struct demo_track *t, bool arm_control, struct sp_err *err)
{
    int64_t emp[4];
    enum sp_code rc;

    if (t->status != ENROLMENT_ACTIVE && t->status != ENROLMENT_AFTERCARE)
        return SP_OK;
    rc = add_start(st, t, err);
    if (rc != SP_OK || arm_control)
        return rc;
    rc = employers_of(st, arena, t->municipality, emp, err);
    if (rc == SP_OK && t->index % 2 == 0)
        rc = add_profile(st, t, err);
    if (rc != SP_OK)
        return rc;
    switch (t->programme) {
    case DEMO_PROGRAMME_IPS:
        rc = add_ips(st, t, emp, err);
        /* IPS for refugees with PTSD: a network meeting with an Arabic interpreter. */
        if (rc == SP_OK && t->index == 0)
            rc = add_network_meeting(st, t, "ar", 14, err);
        return rc;
    case DEMO_PROGRAMME_PVTA:
        return add_pvta(st, t, emp, err);
    case DEMO_PROGRAMME_SAMARBEJDSMODELLEN:
        return add_joint_plan(st, t, err);
    case DEMO_PROGRAMME_IBBU_NORD:
        return t->index == 2 ? add_ibbu_nord(st, t, emp, err) : SP_OK;
    default:
        return SP_OK;
    }
}

enum sp_code demo_group_session_add(struct store *st, const struct demo_track *team,
                                    int64_t project_id, const int64_t *enrolments, size_t count,
                                    struct sp_err *err)
{
    char date[11];
    int64_t staff[] = {team->consultant, team->care_manager};
    struct meeting session = {.kind = "group",
                              .project_id = project_id,
                              .team_id = team->team_id,
                              .date = day(team, -2, date),
                              .duration_minutes = 120,
                              .place = "drop_in_cafe",
                              .topic = "Jobklub: Sådan går en jobsamtale",
                              .created_by = team->consultant,
                              .created_at = team->now};
    struct meeting_attendance rows[8];
    size_t n = count < 8 ? count : 8;
    enum sp_code rc = store_meeting_add(st, &session, staff, 2, err);

    /* All came but every third. */
    for (size_t i = 0; i < n; i++)
        rows[i] = (struct meeting_attendance){
            .enrolment_id = enrolments[i], .team_id = team->team_id, .attended = i % 3 != 2};
    if (rc == SP_OK && n > 0)
        rc = store_group_attendance_set(st, &session, 0, &(struct store_ids){&team->team_id, 1},
                                        rows, n, team->consultant, team->now, err);
    return rc;
}
