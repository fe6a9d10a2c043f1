/* store/treatment.c and store/caseload.c through store.h, against a fresh database per test, on
 * SQLite and, when SAMSPOR_TEST_PG holds a base URL from scripts/pg-cluster, on PostgreSQL too (a
 * database made for the run, its schema made anew for each test): the caseload's scopes and
 * status sets, what each row carries (measures, safety follow-ups with their actions, the last
 * session, assignees, the project's settings), the health summary, the treatment plan's
 * versions, paged sessions, and a clean error from every storage call that fails. The rows are
 * seeded with SQL on a separate connection, so that only the reads are the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "core/enrolment.h"
#include "store/sql.h"
#include "store/store.h"

#define NOW "2026-03-02T08:00:00Z"

#include "fixture.h"
#include "pg_fixture.h"

/* The run's PostgreSQL database, "" when SAMSPOR_TEST_PG is not set. */
static char pg_url[320];

/* A fresh schema in the run's PostgreSQL database, opened and migrated (fixture.h's setup for
 * SQLite). */
static int setup_pg(void **state)
{
    struct fixture *f = sp_xcalloc(1, sizeof *f);
    struct sql_conn *c = NULL;
    struct sp_err err = {0};
    int from = -1;
    int to = -1;
    bool ok;

    snprintf(f->path, sizeof f->path, "%s", pg_url);
    f->arena = sp_arena_new();
    ok = sql_open(pg_url, &c, &err) == SP_OK &&
         sql_exec(c, "DROP SCHEMA public CASCADE; CREATE SCHEMA public", &err) == SP_OK;
    sql_close(c);
    ok = ok && store_open(f->path, &test_keys, &f->st, &err) == SP_OK &&
         store_migrate(f->st, &from, &to, &err) == SP_OK;
    *state = f;
    if (!ok)
        print_error("PostgreSQL setup: %s\n", err.detail);
    return ok ? 0 : -1;
}

static int teardown_pg(void **state)
{
    struct fixture *f = *state;

    if (f == NULL)
        return 0;
    store_close(f->st);
    sp_arena_free(f->arena);
    free(f);
    return 0;
}

/* Statements without results on a separate connection to the test's database, either engine. */
static void seed_exec(const struct fixture *f, const char *sql)
{
    struct sql_conn *c = NULL;
    struct sp_err err = {0};
    enum sp_code rc = sql_open(f->path, &c, &err);

    if (rc == SP_OK)
        rc = sql_exec(c, sql, &err);
    sql_close(c);
    if (rc != SP_OK)
        fail_msg("seed \"%.60s…\": %s", sql, err.detail);
}

/* Users 10 (care manager on team 1), 11 (therapist on team 1), 12 (on team 2 only); one
 * enrolment per status on team 1 (ids 1..7 in enum order, user 10 a member of each, assigned
 * as care manager), and enrolment 8, active, on team 2. The project sets no_contact_days 21 and
 * follow-ups at 3 and 6 months. */
static void seed(const struct fixture *f)
{
    static const char *const statuses[] = {"referred",  "screening", "active",  "aftercare",
                                           "completed", "withdrawn", "excluded"};
    char sql[1024];

    seed_exec(f,
              "INSERT INTO project (id, slug, name, description, region_code, period_start,"
              " period_end, target_count, age_min, age_max, instruments, followup_months,"
              " created_at, no_contact_days) VALUES (1, 'p', 'P', 'D', '1081', '2025-01-01',"
              " '2027-12-31', 10, 18, 64, 'phq9,gad7', '3,6', '" NOW "', 21);"
              "INSERT INTO team (id, project_id, municipality_code, name) VALUES"
              " (1, 1, '787', 'Thisted'), (2, 1, '773', 'Morsø');"
              "INSERT INTO app_user (id, username, display_name, organisation_code, password_hash,"
              " created_at) VALUES (10, 'cm', 'Care Manager', '1081', 'x', '" NOW "'),"
              " (11, 'th', 'Therapist', '1081', 'x', '" NOW "'),"
              " (12, 'other', 'Other', '1081', 'x', '" NOW "');"
              "INSERT INTO team_member (team_id, user_id) VALUES (1, 10), (1, 11), (2, 12);");
    for (int i = 1; i <= 8; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO citizen (id, identifier_type, identifier_enc, identifier_index,"
                 " birth_date, name, name_folded, created_at) VALUES (%d, 'erstatning', 'x',"
                 " 'index-%d', '2001-01-01', 'Borger %d', 'borger %d', '" NOW "');"
                 "INSERT INTO enrolment (id, project_id, citizen_id, team_id, referral_date,"
                 " referral_source, target_group, status, status_changed, created_at) VALUES"
                 " (%d, 1, %d, %d, '2026-01-05', 'jobcenter', 'dagpenge', '%s', '2026-01-10',"
                 " '" NOW "');",
                 i, i, i, i, i, i, i == 8 ? 2 : 1, i == 8 ? "active" : statuses[i - 1]);
        seed_exec(f, sql);
        if (i < 8) {
            snprintf(sql, sizeof sql,
                     "INSERT INTO enrolment_member (enrolment_id, user_id, role, assigned)"
                     " VALUES (%d, 10, 'care_manager', 1)",
                     i);
            seed_exec(f, sql);
        }
    }
}

static int64_t *ids_of(const struct store_caseload_row *rows, size_t count, int64_t *out)
{
    for (size_t i = 0; i < count; i++)
        out[i] = rows[i].enrolment_id;
    return out;
}

/* Exactly the statuses asked for, in enrolment id order: the caseload asks for those that are
 * not final (core_enrolment_open_statuses); one enrolment is read in any status. */
static void caseload_lists_the_statuses_asked_for(void **state)
{
    struct fixture *f = *state;
    const struct {
        enum store_caseload_scope scope;
        int64_t user_id;
        unsigned statuses;
        size_t count;
        int64_t ids[8];
    } cases[] = {
        {STORE_CASELOAD_MEMBER, 10, 0, 0, {0}},
        {STORE_CASELOAD_MEMBER, 10, 0x0f, 4, {1, 2, 3, 4}},
        {STORE_CASELOAD_MEMBER, 10, CORE_ENROLMENT_STATUS_ALL, 7, {1, 2, 3, 4, 5, 6, 7}},
        {STORE_CASELOAD_MEMBER, 10, 1u << ENROLMENT_ACTIVE, 1, {3}},
        {STORE_CASELOAD_MEMBER, 11, 0x0f, 0, {0}},
        {STORE_CASELOAD_TEAMS, 11, 0x0f, 4, {1, 2, 3, 4}},
        {STORE_CASELOAD_TEAMS, 12, 0x0f, 1, {8}},
        {STORE_CASELOAD_TEAMS, 12, 1u << ENROLMENT_REFERRED, 0, {0}},
        {STORE_CASELOAD_ONE, 6, CORE_ENROLMENT_STATUS_ALL, 1, {6}},
        {STORE_CASELOAD_ONE, 6, 0x0f, 0, {0}},
    };

    seed(f);
    assert_int_equal(core_enrolment_open_statuses(), 0x0f);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct store_caseload_row *rows = NULL;
        size_t count = 99;
        struct sp_err err = {0};
        int64_t got[8];

        if (store_caseload(f->st, f->arena, cases[i].user_id, cases[i].scope, cases[i].statuses,
                           &rows, &count, &err) != SP_OK)
            fail_msg("case %zu: %s", i, err.detail);
        if (count != cases[i].count)
            fail_msg("case %zu: %zu rows, expected %zu", i, count, cases[i].count);
        if (count > 0)
            assert_memory_equal(ids_of(rows, count, got), cases[i].ids, count * sizeof got[0]);
    }
}

static struct store_caseload_row *row_with(struct store_caseload_row *rows, size_t count,
                                           int64_t id)
{
    for (size_t i = 0; i < count; i++)
        if (rows[i].enrolment_id == id)
            return &rows[i];
    fail_msg("no row for enrolment %lld", (long long)id);
    return NULL;
}

/* Each row gets its own current measures, safety follow-ups (with their actions: what counts as
 * a contact is core's), latest session and review, assignees and project settings; a corrected
 * assessment and a WHO-5 outside follow-up are not read. */
static void caseload_rows_carry_their_own_records(void **state)
{
    struct fixture *f = *state;
    struct store_caseload_row *rows = NULL;
    struct store_caseload_row *r;
    size_t count = 0;
    struct sp_err err = {0};

    seed(f);
    seed_exec(
        f, "INSERT INTO assessment (id, enrolment_id, instrument, occasion, date, answers, total,"
           " flags, result, item9, administered_by, recorded_at) VALUES"
           " (1, 3, 'phq9', 'screening', '2026-01-06', '[]', 18, '', '{}', 1, 10, '" NOW "'),"
           " (2, 3, 'gad7', 'screening', '2026-01-06', '[]', 12, '', '{}', NULL, 10, '" NOW "'),"
           " (3, 3, 'phq9', 'treatment', '2026-02-01', '[]', 11, '', '{}', 0, 10, '" NOW "'),"
           " (4, 3, 'phq9', 'treatment', '2026-02-01', '[]', 10, '', '{}', 0, 10, '" NOW "'),"
           " (5, 4, 'who5', 'treatment', '2026-02-02', '[]', 10, '', '{}', NULL, 10, '" NOW "'),"
           " (6, 4, 'who5', 'followup', '2026-02-03', '[]', 14, '', '{}', NULL, 10, '" NOW "');"
           "UPDATE assessment SET replaced_by = 4 WHERE id = 3;"
           "UPDATE assessment SET corrects = 3 WHERE id = 4;"
           "INSERT INTO safety_followup (enrolment_id, assessment_id, date, action, note,"
           " recorded_by, recorded_at) VALUES"
           " (3, 1, '2026-01-07', 'contact_attempted', 'n', 10, '" NOW "'),"
           " (3, 1, '2026-01-08', 'risk_assessed', 'n', 10, '" NOW "');"
           "INSERT INTO treatment_session (enrolment_id, date, kind, duration_min, note,"
           " recorded_by, recorded_at) VALUES"
           " (3, '2026-01-20', 'individual', 45, 'n', 10, '" NOW "'),"
           " (3, '2026-02-10', 'phone', 15, 'n', 10, '" NOW "');"
           "INSERT INTO case_review (enrolment_id, date, recommendation, flags, reviewer_id,"
           " recorded_at) VALUES (3, '2026-02-05', 'Fortsæt', 'safety', 11, '" NOW "'),"
           " (3, '2026-02-12', 'Skift', '', 11, '" NOW "');"
           "INSERT INTO enrolment_member (enrolment_id, user_id, role, assigned) VALUES"
           " (3, 11, 'therapist', 0);");
    assert_int_equal(store_caseload(f->st, f->arena, 11, STORE_CASELOAD_TEAMS,
                                    core_enrolment_open_statuses(), &rows, &count, &err),
                     SP_OK);
    assert_int_equal(count, 4);
    r = row_with(rows, count, 3);
    assert_string_equal(r->citizen_name, "Borger 3");
    assert_string_equal(r->status, "active");
    assert_int_equal(r->measure_count, 3); /* 1, 2 and the correction 4, by date then id */
    assert_string_equal(r->measures[0].instrument, "phq9");
    assert_int_equal(r->measures[0].item9, 1);
    assert_string_equal(r->measures[1].instrument, "gad7");
    assert_int_equal(r->measures[1].item9, -1);
    assert_int_equal(r->measures[2].total, 10);
    assert_int_equal(r->safety_count, 2);
    assert_string_equal(r->safety[0].action, "contact_attempted");
    assert_string_equal(r->safety[1].date, "2026-01-08");
    assert_string_equal(r->last_session, "2026-02-10");
    assert_string_equal(r->review_date, "2026-02-12");
    assert_string_equal(r->review_recommendation, "Skift");
    assert_int_equal(r->assignment_count, 1);
    assert_string_equal(r->assignments[0].role, "care_manager");
    assert_string_equal(r->assignments[0].user_name, "Care Manager");
    assert_true(r->mine); /* 11 worked on it (a member, not assigned) */
    assert_int_equal(r->settings.no_contact_days, 21);
    assert_int_equal(r->settings.not_improving_weeks, 10);
    assert_int_equal(r->followup_count, 2);
    assert_int_equal(r->followup_months[1], 6);
    r = row_with(rows, count, 4);
    assert_int_equal(r->measure_count, 1); /* the follow-up WHO-5 only */
    assert_string_equal(r->measures[0].occasion, "followup");
    assert_null(r->last_session);
    assert_null(r->review_date);
    assert_false(r->mine);
    assert_int_equal(row_with(rows, count, 1)->measure_count, 0);
}

/* First and latest current PHQ-9 and GAD-7, the last session, and the project's settings the
 * trend is judged by; no such enrolment is SP_NOT_FOUND. */
static void health_summary_reads_first_latest_and_settings(void **state)
{
    struct fixture *f = *state;
    struct store_health_summary h;
    struct sp_err err = {0};

    seed(f);
    seed_exec(
        f, "INSERT INTO assessment (id, enrolment_id, instrument, occasion, date, answers, total,"
           " band, flags, result, administered_by, recorded_at) VALUES"
           " (1, 3, 'phq9', 'screening', '2026-01-06', '[]', 18, 'moderately_severe', '', '{}',"
           " 10, '" NOW "'),"
           " (2, 3, 'phq9', 'treatment', '2026-01-20', '[]', 15, 'moderate', '', '{}', 10,"
           " '" NOW "'),"
           " (3, 3, 'phq9', 'treatment', '2026-02-03', '[]', 9, 'mild', '', '{}', 10, '" NOW "'),"
           " (4, 3, 'gad7', 'screening', '2026-01-06', '[]', 11, 'moderate', '', '{}', 10,"
           " '" NOW "');"
           "INSERT INTO treatment_session (enrolment_id, date, kind, duration_min, note,"
           " recorded_by, recorded_at) VALUES (3, '2026-02-04', 'video', 30, 'n', 10, '" NOW "');");
    assert_int_equal(store_health_summary(f->st, f->arena, 3, &h, &err), SP_OK);
    assert_true(h.phq9.present);
    assert_false(h.phq9.same);
    assert_int_equal(h.phq9.first_total, 18);
    assert_int_equal(h.phq9.latest_total, 9);
    assert_string_equal(h.phq9.latest_band, "mild");
    assert_string_equal(h.phq9.latest_date, "2026-02-03");
    assert_true(h.gad7.present);
    assert_true(h.gad7.same);
    assert_string_equal(h.last_session, "2026-02-04");
    assert_int_equal(h.settings.no_contact_days, 21);
    assert_int_equal(store_health_summary(f->st, f->arena, 1, &h, &err), SP_OK);
    assert_false(h.phq9.present);
    assert_null(h.last_session);
    assert_int_equal(store_health_summary(f->st, f->arena, 99, &h, &err), SP_NOT_FOUND);
}

/* Created without a version, then changed only at the version read: a second create is a
 * precondition failure, a stale version names the current one. */
static void plan_versions(void **state)
{
    struct fixture *f = *state;
    struct treatment_plan p = {.enrolment_id = 3,
                               .start_date = "2026-01-12",
                               .focus = "Søvn",
                               .modality = "cbt",
                               .target = "PHQ-9 under 10",
                               .updated_by = 10,
                               .updated_at = NOW};
    struct treatment_plan got;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_plan_get(f->st, f->arena, 3, &got, &err), SP_NOT_FOUND);
    assert_int_equal(store_plan_put(f->st, &p, 0, &err), SP_OK);
    assert_int_equal(p.version, 1);
    assert_int_equal(store_plan_put(f->st, &p, 0, &err), SP_PRECONDITION);
    p.focus = "Job";
    assert_int_equal(store_plan_put(f->st, &p, 1, &err), SP_OK);
    assert_int_equal(p.version, 2);
    assert_int_equal(store_plan_put(f->st, &p, 1, &err), SP_STALE);
    assert_int_equal(err.current_version, 2);
    assert_int_equal(store_plan_get(f->st, f->arena, 3, &got, &err), SP_OK);
    assert_string_equal(got.focus, "Job");
    assert_string_equal(got.updated_by_name, "Care Manager");
    assert_null(got.aftercare_from);
    p.enrolment_id = 4;
    assert_int_equal(store_plan_put(f->st, &p, 1, &err), SP_NOT_FOUND);
}

/* Treatment sessions page by (date, id) with a real cursor: every row once, in order. */
static void treatment_sessions_page(void **state)
{
    struct fixture *f = *state;
    static const char *const dates[] = {"2026-02-03", "2026-01-20", "2026-02-03", "2026-01-05",
                                        "2026-02-01"};
    struct store_page page = {.after = 0, .limit = 2};
    const char *seen[8];
    size_t total = 0;
    bool more = true;

    seed(f);
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        struct treatment_session s = {.enrolment_id = 3,
                                      .date = dates[i],
                                      .kind = "individual",
                                      .duration_min = 30,
                                      .note = "n",
                                      .recorded_by = 10,
                                      .recorded_at = NOW};
        struct sp_err err = {0};

        assert_int_equal(store_treatment_session_add(f->st, &s, &err), SP_OK);
        assert_true(s.id > 0);
    }
    while (more) {
        struct treatment_session *items = NULL;
        size_t count = 0;
        struct sp_err err = {0};

        assert_int_equal(
            store_treatment_session_list(f->st, f->arena, 3, &page, &items, &count, &more, &err),
            SP_OK);
        for (size_t i = 0; i < count && total < 8; i++)
            seen[total++] = items[i].date;
        if (count > 0)
            page.after = items[count - 1].id;
        assert_true(count > 0 || !more);
    }
    assert_int_equal(total, 5);
    for (size_t i = 1; i < total; i++)
        assert_true(strcmp(seen[i - 1], seen[i]) <= 0);
}

/* A second correction of the same assessment is a conflict, not an overwrite; baselines are the
 * first current assessment of each instrument. */
static void corrections_and_baselines(void **state)
{
    struct fixture *f = *state;
    struct assessment a = {.enrolment_id = 3,
                           .instrument = "phq9",
                           .occasion = "screening",
                           .date = "2026-01-06",
                           .answers = "[]",
                           .total = 12,
                           .flags = "",
                           .result = "{}",
                           .item9 = 0,
                           .administered_by = 10,
                           .recorded_at = NOW};
    struct assessment fix = a;
    struct store_baseline *firsts = NULL;
    size_t nfirsts = 0;
    struct store_page page = {.after = 0, .limit = 10};
    struct assessment *items = NULL;
    size_t count = 0;
    bool more = false;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_assessment_add(f->st, &a, &err), SP_OK);
    fix.corrects = a.id;
    fix.total = 13;
    fix.reason = "Tastefejl";
    assert_int_equal(store_assessment_add(f->st, &fix, &err), SP_OK);
    fix.id = 0;
    assert_int_equal(store_assessment_add(f->st, &fix, &err), SP_CONFLICT);
    assert_string_equal(err.field, "/corrects");
    assert_int_equal(store_assessment_get(f->st, f->arena, a.id, &a, &err), SP_OK);
    assert_true(a.replaced_by > 0);
    assert_int_equal(store_assessment_get(f->st, f->arena, 999, &a, &err), SP_NOT_FOUND);
    assert_int_equal(store_assessment_list(f->st, f->arena, 3, &page, &items, &count, &more, &err),
                     SP_OK);
    /* The refused correction's row went in before the conflict showed: the request's
     * transaction takes it back (every API write runs in one), not the store. */
    assert_int_equal(count, 3);
    assert_int_equal(store_assessment_baselines(f->st, f->arena, 3, &firsts, &nfirsts, &err),
                     SP_OK);
    assert_int_equal(nfirsts, 1);
    assert_string_equal(firsts[0].instrument, "phq9");
    assert_int_equal(firsts[0].id, a.replaced_by);
}

/* Every storage call of a caseload and a health summary may fail (sql_fault_at): the read then
 * answers that failure, never SP_OK with part of the rows. */
static void every_failing_call_is_answered(void **state)
{
    struct fixture *f = *state;
    int failed = 0;

    seed(f);
    seed_exec(f, "INSERT INTO safety_followup (enrolment_id, date, action, note, recorded_by,"
                 " recorded_at) VALUES (3, '2026-01-07', 'safety_plan', 'n', 10, '" NOW "')");
    for (int64_t n = 1; n < 64; n++) {
        struct store_caseload_row *rows = NULL;
        struct store_health_summary h;
        size_t count = 0;
        struct sp_err err = {0};
        enum sp_code rc;

        sql_fault_at(n);
        rc = store_caseload(f->st, f->arena, 10, STORE_CASELOAD_MEMBER,
                            core_enrolment_open_statuses(), &rows, &count, &err);
        if (rc == SP_OK)
            rc = store_health_summary(f->st, f->arena, 3, &h, &err);
        sql_fault_at(0);
        if (rc == SP_OK)
            break;
        assert_int_equal(rc, SP_UNAVAILABLE);
        failed++;
    }
    assert_true(failed >= 6); /* four caseload statements and two of the summary, at least */
}

#define ENGINE_TESTS(setup_fn, teardown_fn)                                                        \
    {                                                                                              \
        cmocka_unit_test_setup_teardown(caseload_lists_the_statuses_asked_for, setup_fn,           \
                                        teardown_fn),                                              \
            cmocka_unit_test_setup_teardown(caseload_rows_carry_their_own_records, setup_fn,       \
                                            teardown_fn),                                          \
            cmocka_unit_test_setup_teardown(health_summary_reads_first_latest_and_settings,        \
                                            setup_fn, teardown_fn),                                \
            cmocka_unit_test_setup_teardown(plan_versions, setup_fn, teardown_fn),                 \
            cmocka_unit_test_setup_teardown(treatment_sessions_page, setup_fn, teardown_fn),       \
            cmocka_unit_test_setup_teardown(corrections_and_baselines, setup_fn, teardown_fn),     \
            cmocka_unit_test_setup_teardown(every_failing_call_is_answered, setup_fn,              \
                                            teardown_fn),                                          \
    }

int main(void)
{
    const struct CMUnitTest on_sqlite[] = ENGINE_TESTS(setup, teardown);
    const struct CMUnitTest on_pg[] = ENGINE_TESTS(setup_pg, teardown_pg);
    const char *base = getenv("SAMSPOR_TEST_PG");
    char name[64];
    int failed;

    failed = cmocka_run_group_tests_name("treatment store on SQLite", on_sqlite, NULL, NULL);
    if (base == NULL || *base == '\0') {
        printf("treatment_test: SAMSPOR_TEST_PG is not set: the PostgreSQL run was skipped\n");
        return failed;
    }
    snprintf(name, sizeof name, "samspor_treatment_test_%ld", (long)getpid());
    url_with_database(pg_url, sizeof pg_url, base, name);
    if (!database_ddl(base, "CREATE", name, ""))
        return failed + 1;
    failed += cmocka_run_group_tests_name("treatment store on PostgreSQL", on_pg, NULL, NULL);
    if (!database_ddl(base, "DROP", name, " WITH (FORCE)"))
        failed++;
    return failed;
}
