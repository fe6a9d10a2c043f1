/* store/plan.c through store.h, on SQLite and PostgreSQL (fixture.h): a goal is stored with its
 * first history row; its list pages by id with a real cursor; an update writes only at the version
 * read, and a status move adds a history row with the note; the coordinator's history keeps who
 * held the role when; team membership as a coordinator needs it; every failing storage call is a
 * clean error. Rows are seeded and checked with SQL on a plain connection (plain.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "store/sql.h"
#include "store/store.h"

#define NOW "2026-03-02T08:00:00Z"
#define LATER "2026-03-09T08:00:00Z"

#include "fixture.h"

/* Users 10 and 11 on team 1, 12 on team 2 and 13 on team 1 but disabled; enrolment 1 on team 1,
 * enrolment 2 on team 2. */
static void seed(const struct fixture *f)
{
    sql_run(f->target,
            "INSERT INTO project (id, slug, name, description, region_code, period_start,"
            " period_end, target_count, age_min, age_max, instruments, followup_months,"
            " created_at) VALUES (1, 'p', 'P', 'D', '1081', '2025-01-01', '2027-12-31', 10, 18,"
            " 64, 'phq9', '3', '" NOW "');"
            "INSERT INTO team (id, project_id, municipality_code, name) VALUES"
            " (1, 1, '787', 'Thisted'), (2, 1, '773', 'Morsø');"
            "INSERT INTO app_user (id, username, display_name, organisation_code, password_hash,"
            " created_at, disabled) VALUES (10, 'cw', 'Caseworker', '787', 'x', '" NOW "', 0),"
            " (11, 'cm', 'Care Manager', '1081', 'x', '" NOW "', 0),"
            " (12, 'other', 'Other', '773', 'x', '" NOW "', 0),"
            " (13, 'gone', 'Gone', '787', 'x', '" NOW "', 1);"
            "INSERT INTO team_member (team_id, user_id) VALUES (1, 10), (1, 11), (2, 12), (1, 13);"
            "INSERT INTO citizen (id, identifier_type, identifier_enc, identifier_index,"
            " birth_date, name, name_folded, created_at) VALUES (1, 'erstatning', 'x', 'i1',"
            " '2001-01-01', 'A', 'a', '" NOW "'), (2, 'erstatning', 'x', 'i2', '2001-01-01', 'B',"
            " 'b', '" NOW "');"
            "INSERT INTO enrolment (id, project_id, citizen_id, team_id, referral_date,"
            " referral_source, target_group, status, status_changed, created_at) VALUES"
            " (1, 1, 1, 1, '2026-01-05', 'jobcenter', 'dagpenge', 'active', '2026-01-10',"
            " '" NOW "'), (2, 1, 2, 2, '2026-01-05', 'jobcenter', 'dagpenge', 'active',"
            " '2026-01-10', '" NOW "')");
}

static struct plan_goal goal_of(int64_t enrolment_id, const char *text)
{
    return (struct plan_goal){.enrolment_id = enrolment_id,
                              .area = "employment_education",
                              .text = text,
                              .due_date = "2026-06-30",
                              .agreed_with_young_person = true,
                              .agreed_by = "caseworker and care manager",
                              .created_by = 10,
                              .created_at = NOW};
}

/* A new goal is open at version 1, read back whole, and has one history row NULL → open. */
static void goal_added_with_its_first_history_row(void **state)
{
    struct fixture *f = *state;
    struct plan_goal g = goal_of(1, "Et job i en butik");
    struct plan_goal got;
    struct plan_goal_change *hist = NULL;
    size_t count = 0;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_goal_add(f->st, &g, &err), SP_OK);
    assert_true(g.id > 0);
    assert_int_equal(g.version, 1);
    assert_int_equal(store_goal_get(f->st, f->arena, g.id, &got, &err), SP_OK);
    assert_string_equal(got.text, "Et job i en butik");
    assert_string_equal(got.area, "employment_education");
    assert_string_equal(got.status, "open");
    assert_string_equal(got.due_date, "2026-06-30");
    assert_true(got.agreed_with_young_person);
    assert_string_equal(got.agreed_by, "caseworker and care manager");
    assert_string_equal(got.created_by_name, "Caseworker");
    assert_int_equal(got.version, 1);
    assert_int_equal(store_goal_history(f->st, f->arena, g.id, &hist, &count, &err), SP_OK);
    assert_int_equal(count, 1);
    assert_null(hist[0].from_status);
    assert_string_equal(hist[0].to_status, "open");
    assert_string_equal(hist[0].changed_by_name, "Caseworker");
    assert_int_equal(sql_int(f->target, "SELECT count(*) FROM plan_goal_status"), 1);
    assert_int_equal(store_goal_get(f->st, f->arena, g.id + 1, &got, &err), SP_NOT_FOUND);
}

/* Five goals on enrolment 1 and one on enrolment 2, read two at a time: each of enrolment 1's
 * once, in id order, and the last page says no more. */
static void goals_page_by_id(void **state)
{
    struct fixture *f = *state;
    int64_t ids[5];
    struct plan_goal other = goal_of(2, "Andet forløb");
    struct store_page page = {.after = 0, .limit = 2};
    size_t seen = 0;
    bool more = true;
    struct sp_err err = {0};

    seed(f);
    for (int i = 0; i < 5; i++) {
        struct plan_goal g = goal_of(1, "Mål");

        assert_int_equal(store_goal_add(f->st, &g, &err), SP_OK);
        ids[i] = g.id;
        if (i == 2)
            assert_int_equal(store_goal_add(f->st, &other, &err), SP_OK);
    }
    while (more) {
        struct plan_goal *items = NULL;
        size_t count = 0;

        assert_int_equal(store_goal_list(f->st, f->arena, 1, &page, &items, &count, &more, &err),
                         SP_OK);
        for (size_t i = 0; i < count; i++)
            assert_int_equal(items[i].id, ids[seen++]);
        if (count > 0)
            page.after = items[count - 1].id;
        assert_true(count <= 2);
    }
    assert_int_equal(seen, 5);
}

/* An update at the version read writes the text and moves the status with a history row; the
 * same version again is stale (current version 2); an update without a move adds no history. */
static void update_is_versioned_and_moves_write_history(void **state)
{
    struct fixture *f = *state;
    struct plan_goal g = goal_of(1, "Et job");
    struct plan_goal got;
    struct plan_goal_change *hist = NULL;
    size_t count = 0;
    int64_t version = 0;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_goal_add(f->st, &g, &err), SP_OK);
    g.text = "Et job med 10 timer om ugen";
    g.due_date = NULL;
    assert_int_equal(
        store_goal_update(f->st, &g, 1, "achieved", "Startede mandag", 11, LATER, &version, &err),
        SP_OK);
    assert_int_equal(version, 2);
    assert_int_equal(store_goal_update(f->st, &g, 1, "dropped", NULL, 11, LATER, &version, &err),
                     SP_STALE);
    assert_int_equal(err.current_version, 2);
    assert_int_equal(store_goal_get(f->st, f->arena, g.id, &got, &err), SP_OK);
    assert_string_equal(got.status, "achieved");
    assert_string_equal(got.text, "Et job med 10 timer om ugen");
    assert_null(got.due_date);
    /* The text alone: a new version, no history row. */
    got.text = "Et job med 12 timer";
    assert_int_equal(store_goal_update(f->st, &got, 2, NULL, NULL, 10, LATER, &version, &err),
                     SP_OK);
    assert_int_equal(version, 3);
    assert_int_equal(store_goal_history(f->st, f->arena, g.id, &hist, &count, &err), SP_OK);
    assert_int_equal(count, 2);
    assert_string_equal(hist[1].from_status, "open");
    assert_string_equal(hist[1].to_status, "achieved");
    assert_string_equal(hist[1].note, "Startede mandag");
    assert_string_equal(hist[1].changed_by_name, "Care Manager");
    assert_string_equal(hist[1].changed_at, LATER);
    got.id = g.id + 100;
    assert_int_equal(store_goal_update(f->st, &got, 1, NULL, NULL, 10, LATER, &version, &err),
                     SP_NOT_FOUND);
}

/* Nobody, then 10, then 10 again (no row), then 11, then nobody: four rows, newest first. */
static void coordinator_history(void **state)
{
    struct fixture *f = *state;
    struct coordinator *items = NULL;
    size_t count = 0;
    bool changed = false;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_coordinator_history(f->st, f->arena, 1, &items, &count, &err), SP_OK);
    assert_int_equal(count, 0);
    assert_int_equal(store_coordinator_set(f->st, 1, 0, 10, NOW, &changed, &err), SP_OK);
    assert_false(changed); /* nobody already */
    assert_int_equal(store_coordinator_set(f->st, 1, 10, 11, NOW, &changed, &err), SP_OK);
    assert_true(changed);
    assert_int_equal(store_coordinator_set(f->st, 1, 10, 11, NOW, &changed, &err), SP_OK);
    assert_false(changed);
    assert_int_equal(store_coordinator_set(f->st, 1, 11, 10, LATER, &changed, &err), SP_OK);
    assert_true(changed);
    assert_int_equal(store_coordinator_set(f->st, 1, 0, 10, LATER, &changed, &err), SP_OK);
    assert_true(changed);
    assert_int_equal(store_coordinator_history(f->st, f->arena, 1, &items, &count, &err), SP_OK);
    assert_int_equal(count, 3);
    assert_int_equal(items[0].user_id, 0);
    assert_null(items[0].user_name);
    assert_int_equal(items[1].user_id, 11);
    assert_string_equal(items[1].user_name, "Care Manager");
    assert_string_equal(items[1].set_by_name, "Caseworker");
    assert_string_equal(items[1].set_at, LATER);
    assert_int_equal(items[2].user_id, 10);
    assert_string_equal(items[2].set_at, NOW);
    assert_int_equal(sql_int(f->target, "SELECT count(*) FROM enrolment_coordinator"
                                        " WHERE enrolment_id = 2"),
                     0);
}

/* Enabled members of the enrolment's own team only. */
static void team_membership(void **state)
{
    struct fixture *f = *state;
    static const struct {
        int64_t enrolment_id, user_id;
        bool on_team;
    } rows[] = {{1, 10, true}, {1, 11, true},  {1, 12, false}, {1, 13, false},
                {2, 12, true}, {2, 10, false}, {9, 10, false}};
    struct sp_err err = {0};

    seed(f);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        bool on_team = !rows[i].on_team;

        assert_int_equal(
            store_enrolment_team_has(f->st, rows[i].enrolment_id, rows[i].user_id, &on_team, &err),
            SP_OK);
        if (on_team != rows[i].on_team)
            fail_msg("row %zu", i);
    }
}

/* Every storage call of a goal's creation and move can fail: a clean SP_UNAVAILABLE. */
static void every_failing_call_is_answered(void **state)
{
    struct fixture *f = *state;
    int failed = 0;

    seed(f);
    for (int64_t n = 1; n < 64; n++) {
        struct plan_goal g = goal_of(1, "Mål");
        int64_t version = 0;
        bool changed = false;
        struct sp_err err = {0};
        enum sp_code rc;

        sql_fault_at(n);
        rc = store_goal_add(f->st, &g, &err);
        if (rc == SP_OK)
            rc = store_goal_update(f->st, &g, 1, "achieved", NULL, 10, LATER, &version, &err);
        if (rc == SP_OK)
            rc = store_coordinator_set(f->st, 1, n % 2 ? 10 : 11, 10, NOW, &changed, &err);
        sql_fault_at(0);
        if (rc == SP_OK)
            break;
        assert_int_equal(rc, SP_UNAVAILABLE);
        failed++;
    }
    assert_true(failed >= 7); /* 2 inserts, update + history, lock, read, insert */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(goal_added_with_its_first_history_row),
        FIXTURE_TEST(goals_page_by_id),
        FIXTURE_TEST(update_is_versioned_and_moves_write_history),
        FIXTURE_TEST(coordinator_history),
        FIXTURE_TEST(team_membership),
        FIXTURE_TEST(every_failing_call_is_answered),
    };

    return fixture_main("plan_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
