/* store/employment.c and store/vocational.c through store.h, on SQLite and PostgreSQL (fixture.h):
 * an episode is stored with every member and read back; its list pages newest start first with a
 * real cursor; an update writes only at the version read; a vocational profile is saved as
 * numbered versions with their entries (428-, 404- and 412-like refusals writing nothing); the
 * latest follow-along per enrolment and per episode; an episode from before migration 0015 reads
 * back after it; every failing storage call is a clean error. Rows are seeded and checked with
 * SQL on a plain connection (plain.h). */
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

#include "fixture.h"

/* User 10 on team 1 (Thisted); enrolments 1 and 2 on it; employer 1 in Thisted's register. */
#define SEED_BASE                                                                                  \
    "INSERT INTO project (id, slug, name, description, region_code, period_start,"                 \
    " period_end, target_count, age_min, age_max, instruments, followup_months,"                   \
    " created_at) VALUES (1, 'p', 'P', 'D', '1081', '2025-01-01', '2027-12-31', 10, 18,"           \
    " 64, 'phq9', '3', '" NOW "');"                                                                \
    "INSERT INTO team (id, project_id, municipality_code, name) VALUES (1, 1, '787', 'Thisted');"  \
    "INSERT INTO app_user (id, username, display_name, organisation_code, password_hash,"          \
    " created_at, disabled) VALUES (10, 'jc', 'Jobkonsulent', '787', 'x', '" NOW "', 0);"          \
    "INSERT INTO team_member (team_id, user_id) VALUES (1, 10);"                                   \
    "INSERT INTO citizen (id, identifier_type, identifier_enc, identifier_index,"                  \
    " birth_date, name, name_folded, created_at) VALUES (1, 'erstatning', 'x', 'i1',"              \
    " '2001-01-01', 'A', 'a', '" NOW "'), (2, 'erstatning', 'x', 'i2', '2001-01-01', 'B',"         \
    " 'b', '" NOW "');"                                                                            \
    "INSERT INTO enrolment (id, project_id, citizen_id, team_id, referral_date,"                   \
    " referral_source, target_group, status, status_changed, created_at) VALUES"                   \
    " (1, 1, 1, 1, '2026-01-05', 'jobcenter', 'dagpenge', 'active', '2026-01-10',"                 \
    " '" NOW "'), (2, 1, 2, 1, '2026-01-05', 'jobcenter', 'dagpenge', 'active',"                   \
    " '2026-01-10', '" NOW "');"

static void seed(const struct fixture *f)
{
    sql_run(f->target, SEED_BASE "INSERT INTO employer (id, municipality_code, name, name_folded,"
                                 " created_at, created_by) VALUES (1, '787', 'Fiktiv ApS',"
                                 " 'fiktiv aps', '" NOW "', 10)");
}

static struct episode internship(int64_t enrolment_id, const char *start)
{
    return (struct episode){.enrolment_id = enrolment_id,
                            .kind = "internship",
                            .start_date = start,
                            .hours_per_week = 20,
                            .employer_id = 1,
                            .purpose = "try_out",
                            .contact_allowed = true,
                            .created_by = 10};
}

/* Every member written is read back, with the employer's and creator's names. */
static void episode_stored_whole(void **state)
{
    struct fixture *f = *state;
    struct episode ep = internship(1, "2026-02-01");
    struct episode edu = {.enrolment_id = 1,
                          .kind = "education",
                          .start_date = "2026-02-15",
                          .institution = "Fiktiv Skole",
                          .programme = "Smed",
                          .level = "vocational",
                          .created_by = 10};
    struct episode got;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_episode_create(f->st, &ep, NOW, &err), SP_OK);
    assert_int_equal(store_episode_create(f->st, &edu, NOW, &err), SP_OK);
    assert_int_equal(store_episode_get(f->st, f->arena, ep.id, &got, &err), SP_OK);
    assert_string_equal(got.kind, "internship");
    assert_int_equal(got.employer_id, 1);
    assert_string_equal(got.employer_name, "Fiktiv ApS");
    assert_string_equal(got.purpose, "try_out");
    assert_true(got.contact_allowed);
    assert_int_equal(got.hours_per_week, 20);
    assert_null(got.end_date);
    assert_string_equal(got.created_by_name, "Jobkonsulent");
    assert_int_equal(got.version, 1);
    assert_int_equal(store_episode_get(f->st, f->arena, edu.id, &got, &err), SP_OK);
    assert_string_equal(got.level, "vocational");
    assert_string_equal(got.programme, "Smed");
    assert_int_equal(got.employer_id, 0);
    assert_false(got.contact_allowed);
    assert_int_equal(store_episode_get(f->st, f->arena, 999, &got, &err), SP_NOT_FOUND);
}

/* Five episodes, pages of two: newest start first, the same start ordered by id, each once. */
static void episodes_page_newest_start_first(void **state)
{
    struct fixture *f = *state;
    static const char *const starts[] = {"2026-01-10", "2026-03-01", "2026-02-01", "2026-03-01",
                                         "2025-12-01"};
    int64_t ids[5];
    int64_t want[5];
    struct store_page page = {.after = 0, .limit = 2};
    size_t seen = 0;
    struct sp_err err = {0};

    seed(f);
    for (size_t i = 0; i < 5; i++) {
        struct episode ep = internship(1, starts[i]);

        assert_int_equal(store_episode_create(f->st, &ep, NOW, &err), SP_OK);
        ids[i] = ep.id;
    }
    /* By hand from starts: 03-01 (the later id first), 03-01, 02-01, 01-10, 2025-12-01. */
    want[0] = ids[3];
    want[1] = ids[1];
    want[2] = ids[2];
    want[3] = ids[0];
    want[4] = ids[4];
    for (int pages = 0; pages < 5; pages++) {
        struct episode *items = NULL;
        size_t count = 0;
        bool more = false;

        assert_int_equal(store_episode_page(f->st, f->arena, 1, &page, &items, &count, &more, &err),
                         SP_OK);
        for (size_t i = 0; i < count; i++)
            assert_int_equal(items[i].id, want[seen++]);
        if (!more)
            break;
        page.after = items[count - 1].id;
    }
    assert_int_equal(seen, 5);
}

/* An update writes at the version read only; a stale one names the version now. */
static void episode_update_is_versioned(void **state)
{
    struct fixture *f = *state;
    struct episode ep = internship(1, "2026-02-01");
    int64_t version = 0;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_episode_create(f->st, &ep, NOW, &err), SP_OK);
    ep.end_date = "2026-02-28";
    ep.end_reason = "completed";
    assert_int_equal(store_episode_update(f->st, &ep, 1, &version, &err), SP_OK);
    assert_int_equal(version, 2);
    ep.end_reason = "moved_on";
    assert_int_equal(store_episode_update(f->st, &ep, 1, &version, &err), SP_STALE);
    assert_int_equal(err.current_version, 2);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM episode WHERE end_reason ="
                                        " 'completed' AND version = 2"),
                     1);
}

/* Versions 1, 2 with their entries; a save without the version now, or naming one before any,
 * or a stale one, writes nothing. */
static void vocational_versions(void **state)
{
    struct fixture *f = *state;
    struct vocational_entry entries[] = {
        {.area = "education",
         .level = "upper_secondary",
         .outcome = "dropped_out",
         .to_year = 2020},
        {.area = "work", .description = "Lager", .from_year = 2021, .to_year = 2022},
    };
    struct vocational_profile p = {.enrolment_id = 1,
                                   .own_goals = "Arbejde med dyr",
                                   .hours_wanted = 25,
                                   .disclosure = "some",
                                   .saved_by = 10,
                                   .saved_at = NOW,
                                   .entry_count = 2,
                                   .entries = entries};
    struct vocational_profile got;
    struct vocational_profile *items = NULL;
    struct store_page page = {.after = 0, .limit = 10};
    size_t count = 0;
    bool more = false;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_vocational_current(f->st, f->arena, 1, &got, &err), SP_NOT_FOUND);
    assert_int_equal(store_vocational_save(f->st, &p, 1, &err), SP_NOT_FOUND);
    assert_int_equal(store_vocational_save(f->st, &p, 0, &err), SP_OK);
    assert_int_equal(p.version, 1);
    assert_int_equal(store_vocational_save(f->st, &p, 0, &err), SP_PRECONDITION);
    p.entry_count = 0;
    p.hours_wanted = -1;
    p.disclosure = "none";
    assert_int_equal(store_vocational_save(f->st, &p, 1, &err), SP_OK);
    assert_int_equal(p.version, 2);
    assert_int_equal(store_vocational_save(f->st, &p, 1, &err), SP_STALE);
    assert_int_equal(err.current_version, 2);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM vocational_profile"), 2);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM vocational_history_entry"), 2);
    assert_int_equal(store_vocational_current(f->st, f->arena, 1, &got, &err), SP_OK);
    assert_int_equal(got.version, 2);
    assert_string_equal(got.disclosure, "none");
    assert_int_equal(got.hours_wanted, -1);
    assert_int_equal(got.entry_count, 0);
    assert_int_equal(
        store_vocational_history(f->st, f->arena, 1, &page, &items, &count, &more, &err), SP_OK);
    assert_int_equal(count, 2);
    assert_int_equal(items[0].version, 2);
    assert_int_equal(items[1].version, 1);
    assert_int_equal(items[1].hours_wanted, 25);
    assert_int_equal(items[1].entry_count, 2);
    assert_string_equal(items[1].entries[0].level, "upper_secondary");
    assert_string_equal(items[1].entries[1].description, "Lager");
    assert_int_equal(items[1].entries[1].from_year, 2021);
}

static void follow(const struct fixture *f, int64_t enrolment_id, int64_t episode_id,
                   const char *date)
{
    struct follow_along c = {.enrolment_id = enrolment_id,
                             .episode_id = episode_id,
                             .date = date,
                             .with_whom = "young_person",
                             .kind = "phone",
                             .created_by = 10,
                             .created_at = NOW};
    struct sp_err err = {0};

    assert_int_equal(store_follow_along_add(f->st, &c, &err), SP_OK);
}

/* The latest contact per enrolment, and per episode with its start (NULL without a contact). */
static void follow_along_marks(void **state)
{
    struct fixture *f = *state;
    struct episode a = internship(1, "2026-02-01");
    struct episode b = internship(1, "2026-02-10");
    struct episode c = internship(2, "2026-02-20");
    const int64_t ids[] = {1, 2};
    struct store_ids set = {.ids = ids, .count = 2};
    struct store_follow_along_mark *marks = NULL;
    size_t count = 0;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_episode_create(f->st, &a, NOW, &err), SP_OK);
    assert_int_equal(store_episode_create(f->st, &b, NOW, &err), SP_OK);
    assert_int_equal(store_episode_create(f->st, &c, NOW, &err), SP_OK);
    follow(f, 1, a.id, "2026-02-05");
    follow(f, 1, a.id, "2026-02-12");
    follow(f, 1, b.id, "2026-02-11");
    assert_int_equal(store_follow_along_latest(f->st, f->arena, &set, &marks, &count, &err), SP_OK);
    assert_int_equal(count, 1); /* enrolment 2 has none */
    assert_int_equal(marks[0].enrolment_id, 1);
    assert_string_equal(marks[0].latest, "2026-02-12");
    assert_int_equal(store_follow_along_by_episode(f->st, f->arena, &set, &marks, &count, &err),
                     SP_OK);
    assert_int_equal(count, 3);
    assert_int_equal(marks[0].episode_id, a.id);
    assert_string_equal(marks[0].start_date, "2026-02-01");
    assert_string_equal(marks[0].latest, "2026-02-12");
    assert_int_equal(marks[1].episode_id, b.id);
    assert_string_equal(marks[1].latest, "2026-02-11");
    assert_int_equal(marks[2].episode_id, c.id);
    assert_null(marks[2].latest);
}

/* An episode written before migration 0015 (an ended job, without how it ended) reads back after
 * it: no employer, no creator, contact not allowed, its end without a reason. */
static void episode_from_before_0015(void **state)
{
    struct fixture *f = *state;
    char path[512];
    struct store *old = NULL;
    struct episode got;
    struct episode *items = NULL;
    size_t count = 0;
    struct sp_err err = {0};
    int from = -1;
    int to = -1;
    int previous;

    fixture_fresh(f, path, sizeof path);
    previous = schema_before(f, path, "0015_");
    sql_run(path, SEED_BASE "INSERT INTO episode (id, enrolment_id, kind, start_date, end_date,"
                            " hours_per_week, place, version, created_at) VALUES (7, 1,"
                            " 'ordinary_job', '2025-06-01', '2025-12-31', 30, 'Fiktiv Bager', 1,"
                            " '" NOW "')");
    assert_int_equal(store_open(path, &test_keys, &old, &err), SP_OK);
    assert_int_equal(store_migrate(old, &from, &to, &err), SP_OK);
    assert_int_equal(from, previous);
    assert_int_equal(to, store_schema_latest());
    assert_int_equal(store_episode_get(old, f->arena, 7, &got, &err), SP_OK);
    assert_string_equal(got.place, "Fiktiv Bager");
    assert_string_equal(got.end_date, "2025-12-31");
    assert_null(got.end_reason);
    assert_int_equal(got.employer_id, 0);
    assert_int_equal(got.created_by, 0);
    assert_false(got.contact_allowed);
    assert_int_equal(store_episode_list(old, f->arena, 1, &items, &count, &err), SP_OK);
    assert_int_equal(count, 1);
    store_close(old);
}

/* Every storage call of a profile's save (lock, read, profile, entries) and an episode's can
 * fail: a clean SP_UNAVAILABLE. */
static void every_failing_call_is_answered(void **state)
{
    struct fixture *f = *state;
    struct vocational_entry entry = {.area = "work"};
    int failed = 0;

    seed(f);
    for (int64_t n = 1; n < 64; n++) {
        struct episode ep = internship(1, "2026-02-01");
        struct vocational_profile p = {.enrolment_id = 1,
                                       .hours_wanted = -1,
                                       .disclosure = "none",
                                       .saved_by = 10,
                                       .saved_at = NOW,
                                       .entry_count = 1,
                                       .entries = &entry};
        int64_t version = 0;
        struct sp_err err = {0};
        enum sp_code rc;

        /* In one transaction, as a request runs them: a failure leaves nothing behind. */
        sql_fault_at(n);
        rc = store_begin_write(f->st, &err);
        if (rc == SP_OK)
            rc = store_episode_create(f->st, &ep, NOW, &err);
        if (rc == SP_OK)
            rc = store_episode_update(f->st, &ep, 1, &version, &err);
        if (rc == SP_OK)
            rc = store_vocational_save(f->st, &p, 0, &err);
        if (rc == SP_OK)
            rc = store_commit(f->st, &err);
        if (rc != SP_OK)
            store_rollback(f->st);
        sql_fault_at(0);
        if (rc == SP_OK)
            break;
        assert_int_equal(rc, SP_UNAVAILABLE);
        assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM vocational_profile"), 0);
        failed++;
    }
    /* begin, insert, update, lock, read, profile, entry, commit */
    assert_true(failed >= 8);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM vocational_history_entry"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(episode_stored_whole),
        FIXTURE_TEST(episodes_page_newest_start_first),
        FIXTURE_TEST(episode_update_is_versioned),
        FIXTURE_TEST(vocational_versions),
        FIXTURE_TEST(follow_along_marks),
        FIXTURE_TEST(episode_from_before_0015),
        FIXTURE_TEST(every_failing_call_is_answered),
    };

    return fixture_main("employment_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
