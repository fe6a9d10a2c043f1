/* store/: one person, many records (migration 0009, docs/security-model.md "One person, many
 * records"). Registering an identifier that other records hold makes a record of its own; a
 * search by identifier finds only the records within its filter (the caller's teams, the caller's
 * own unenrolled records); a person is enrolled at most once per project and team; and the
 * migration carries a database of the previous schema over with every row and foreign key. On
 * SQLite and PostgreSQL (fixture.h).
 * Identifiers are synthetic: CPR-kontoret's erstatningspersonnummer (the birth day plus 60, so no
 * CPR number can be one), serial 9x; names are invented. */
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

#include "base/embedded.h"
#include "base/mem.h"
#include "store/store.h"

#define NOW "2025-06-02T08:00:00Z"

#include "fixture.h"

#define PERSON "6703014902"       /* born 2001-03-07 */
#define OTHER_PERSON "6703014912" /* born 2001-03-07, another serial */

static int64_t add_user(struct store *st, const char *username)
{
    static const char *const roles[] = {"care_manager"};
    struct store_user_new u = {username, "Store test", "1081", "x", 1, roles};
    struct sp_err err = {0};
    int64_t id = 0;

    if (store_user_create(st, &u, NOW, &id, &err) != SP_OK)
        fail_msg("user_create %s: %s", username, err.detail);
    return id;
}

static int64_t add_record(struct store *st, const char *identifier, const char *name,
                          const char *phone, int64_t created_by, enum sp_code expect)
{
    struct citizen c;
    struct sp_err err = {0};
    enum sp_code rc;

    memset(&c, 0, sizeof c);
    c.identifier_type = "erstatning";
    c.identifier = identifier;
    c.birth_date = "2001-03-07";
    c.name = name;
    c.phone = phone;
    c.municipality_code = "787";
    c.synthetic = true;
    c.created_by = created_by;
    rc = store_citizen_create(st, &c, NOW, &err);
    if (rc != expect)
        fail_msg("citizen_create \"%s\": %d (%s), expected %d", name, rc, err.detail, expect);
    return rc == SP_OK ? c.id : 0;
}

/* add_project on a database of an earlier schema, written in that schema's SQL: the code of today
 * writes the project columns of every migration (0018's employment settings among them). */
static int64_t add_project_before(const char *path, const char *slug, int64_t teams[2])
{
    static const char *const municipalities[] = {"787", "849"};
    char sql[512];

    snprintf(sql, sizeof sql,
             "INSERT INTO project (slug, name, description, region_code, period_start, period_end,"
             " target_count, age_min, age_max, instruments, followup_months, created_at) VALUES"
             " ('%s', 'Person test', '', '1081', '2025-01-01', '2027-12-31', 10, 18, 30, '', '',"
             " '%s')",
             slug, NOW);
    sql_run(path, sql);
    for (int i = 0; i < 2; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO project_municipality (project_id, municipality_code, position)"
                 " SELECT id, '%s', %d FROM project WHERE slug = '%s'",
                 municipalities[i], i, slug);
        sql_run(path, sql);
        snprintf(sql, sizeof sql,
                 "INSERT INTO team (project_id, municipality_code, name) SELECT id, '%s', '%s'"
                 " FROM project WHERE slug = '%s'",
                 municipalities[i], i ? "Jammerbugt" : "Thisted", slug);
        sql_run(path, sql);
        snprintf(sql, sizeof sql,
                 "SELECT t.id FROM team t JOIN project p ON p.id = t.project_id"
                 " WHERE p.slug = '%s' AND t.municipality_code = '%s'",
                 slug, municipalities[i]);
        teams[i] = sql_int(path, sql);
    }
    snprintf(sql, sizeof sql,
             "INSERT INTO project_target_group (project_id, target_group_code, position)"
             " SELECT id, 'dagpenge', 0 FROM project WHERE slug = '%s'",
             slug);
    sql_run(path, sql);
    snprintf(sql, sizeof sql, "SELECT id FROM project WHERE slug = '%s'", slug);
    return sql_int(path, sql);
}

/* A project in Thisted and Jammerbugt with a team in each; teams[0], teams[1] are their ids. */
static int64_t add_project(struct store *st, const char *slug, int64_t teams[2])
{
    static const char *const municipalities[] = {"787", "849"};
    struct project p;
    struct sp_err err = {0};

    memset(&p, 0, sizeof p);
    p.slug = slug;
    p.name = "Person test";
    p.description = "";
    p.region.code = "1081";
    p.period_start = "2025-01-01";
    p.period_end = "2027-12-31";
    p.target_count = 10;
    p.age_min = 18;
    p.age_max = 30;
    p.municipality_count = 2;
    p.municipalities[0].code = municipalities[0];
    p.municipalities[1].code = municipalities[1];
    p.target_group_count = 1;
    p.target_groups[0] = "dagpenge";
    if (store_project_create(st, &p, NOW, &err) != SP_OK)
        fail_msg("project_create %s: %s", slug, err.detail);
    for (int i = 0; i < 2; i++) {
        struct team t = {0, p.id, municipalities[i], i ? "Jammerbugt" : "Thisted"};

        if (store_team_create(st, &t, &err) != SP_OK)
            fail_msg("team_create %s: %s", municipalities[i], err.detail);
        teams[i] = t.id;
    }
    return p.id;
}

static enum sp_code enrol(struct store *st, int64_t project_id, int64_t citizen_id, int64_t team_id,
                          int64_t *id, struct sp_err *err)
{
    struct enrolment e;
    enum sp_code rc;

    memset(&e, 0, sizeof e);
    e.project_id = project_id;
    e.citizen_id = citizen_id;
    e.team_id = team_id;
    e.referral_date = "2025-05-30";
    e.referral_source = "jobcenter";
    e.target_group = "dagpenge";
    e.status = "referred";
    rc = store_enrolment_create(st, &e, NOW, err);
    if (id != NULL)
        *id = rc == SP_OK ? e.id : 0;
    return rc;
}

/* The ids store_citizen_list finds for identifier within teams (team_count ids of teams) or
 * created_by, in order. */
static size_t find(struct fixture *f, const char *identifier, const int64_t *teams,
                   size_t team_count, int64_t created_by, int64_t out[4])
{
    struct store_citizen_filter filter = {identifier, NULL, {teams, team_count}, created_by};
    struct store_page page = {0, 4};
    struct citizen *items = NULL;
    size_t count = 0;
    bool more = false;
    struct sp_err err = {0};

    if (store_citizen_list(f->st, f->arena, &filter, &page, &items, &count, &more, &err) != SP_OK)
        fail_msg("citizen_list: %s", err.detail);
    assert_false(more);
    for (size_t i = 0; i < count; i++)
        out[i] = items[i].id;
    return count;
}

/* ---- the create path ----------------------------------------------------------------------- */

/* Two teams register the same person: two records, each with its own id, name, phone and
 * registering user, linked by the same blind index. Nothing about the first is read or changed
 * by the second. (Before migration 0009 the second was SP_CONFLICT, field "/identifier".) */
static void same_identifier_makes_a_record_per_registration(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct citizen got;
    int64_t herning = add_user(f->st, "store.herning");
    int64_t randers = add_user(f->st, "store.randers");
    int64_t a = add_record(f->st, PERSON, "Testa Herningsen", "+45 20 00 00 01", herning, SP_OK);
    int64_t b = add_record(f->st, PERSON, "Testa Randersen", "+45 30 00 00 02", randers, SP_OK);

    assert_true(a > 0 && b > 0 && a != b);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_citizen_get(f->st, f->arena, a, &got, &err), SP_OK);
    assert_string_equal(got.identifier, PERSON);
    assert_string_equal(got.name, "Testa Herningsen");
    assert_string_equal(got.phone, "+45 20 00 00 01");
    assert_int_equal(got.created_by, herning);
    assert_int_equal(got.version, 1);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_citizen_get(f->st, f->arena, b, &got, &err), SP_OK);
    assert_string_equal(got.identifier, PERSON);
    assert_string_equal(got.name, "Testa Randersen");
    assert_string_equal(got.phone, "+45 30 00 00 02");
    assert_int_equal(got.created_by, randers);
    assert_int_equal(got.version, 1);
    /* One person: the same blind index on both rows; sealed separately (a fresh nonce each). */
    assert_int_equal(sql_int(f->target, "SELECT COUNT(DISTINCT identifier_index) FROM citizen"), 1);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(DISTINCT identifier_enc) FROM citizen"), 2);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM citizen"), 2);
}

/* The identifier search (what registering consults before it makes a record) sees only the
 * records its filter allows: records enrolled on the given teams, and the given user's records
 * that are enrolled nowhere. Another user's record of the same person is not found. */
static void identifier_search_stays_within_the_filter(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    int64_t teams[2];
    int64_t ids[4];
    int64_t herning = add_user(f->st, "store.herning");
    int64_t randers = add_user(f->st, "store.randers");
    int64_t stranger = add_user(f->st, "store.stranger");
    int64_t project = add_project(f->st, "person-search", teams);
    int64_t a = add_record(f->st, PERSON, "Testa Herningsen", NULL, herning, SP_OK);
    int64_t b = add_record(f->st, PERSON, "Testa Randersen", NULL, randers, SP_OK);
    int64_t other = add_record(f->st, OTHER_PERSON, "Anden Prøvesen", NULL, herning, SP_OK);

    (void)other;
    assert_int_equal(find(f, PERSON, teams, 0, herning, ids), 1);
    assert_int_equal(ids[0], a);
    assert_int_equal(find(f, PERSON, teams, 0, randers, ids), 1);
    assert_int_equal(ids[0], b);
    assert_int_equal(find(f, PERSON, teams, 0, stranger, ids), 0);

    /* Randers' record on team 0: found through the team, by anyone on it; no longer through
     * created_by alone (the registering user sees it as a team member from now on). */
    assert_int_equal(enrol(f->st, project, b, teams[0], NULL, &err), SP_OK);
    assert_int_equal(find(f, PERSON, teams, 1, stranger, ids), 1);
    assert_int_equal(ids[0], b);
    assert_int_equal(find(f, PERSON, teams, 1, herning, ids), 2);
    assert_int_equal(ids[0], a);
    assert_int_equal(ids[1], b);
    assert_int_equal(find(f, PERSON, teams, 0, randers, ids), 0);
}

/* A person may be in one project through two teams (they moved), each record on its own team,
 * but not twice on one team: that enrolment is the team's own to see. A record is still in a
 * project once. Another person on the same team is no conflict. */
static void person_enrolled_once_per_project_and_team(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    int64_t teams[2];
    int64_t first = 0;
    int64_t user = add_user(f->st, "store.user");
    int64_t project = add_project(f->st, "person-enrol", teams);
    int64_t a = add_record(f->st, PERSON, "Testa Thistedsen", NULL, user, SP_OK);
    int64_t b = add_record(f->st, PERSON, "Testa Jammerbugtsen", NULL, user, SP_OK);
    int64_t other = add_record(f->st, OTHER_PERSON, "Anden Prøvesen", NULL, user, SP_OK);

    assert_int_equal(enrol(f->st, project, a, teams[0], &first, &err), SP_OK);
    assert_true(first > 0);

    memset(&err, 0, sizeof err);
    assert_int_equal(enrol(f->st, project, b, teams[0], NULL, &err), SP_CONFLICT);
    assert_string_equal(err.field, "/citizen_id");
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM enrolment"), 1);

    memset(&err, 0, sizeof err);
    assert_int_equal(enrol(f->st, project, a, teams[1], NULL, &err), SP_CONFLICT);
    assert_string_equal(err.field, "/citizen_id");

    assert_int_equal(enrol(f->st, project, b, teams[1], NULL, &err), SP_OK);
    assert_int_equal(enrol(f->st, project, other, teams[0], NULL, &err), SP_OK);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM enrolment"), 3);
}

/* ---- migration 0009 ------------------------------------------------------------------------ */

/* The schema checks after 0009, in each engine's catalogue: enrolment's foreign key to citizen,
 * no unique constraint left on citizen, and its two indexes. */
static const struct {
    const char *what;
    const char *sqlite;
    const char *pg;
    int64_t expect;
} schema_after_0009[] = {
    /* PostgreSQL checks every foreign key as a row is written: nothing to look for there. */
    {"broken references", "SELECT COUNT(*) FROM pragma_foreign_key_check", NULL, 0},
    {"enrolment's key to citizen",
     "SELECT COUNT(*) FROM pragma_foreign_key_list('enrolment')"
     " WHERE \"from\" = 'citizen_id' AND \"table\" = 'citizen'",
     "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f'"
     " AND conrelid = 'enrolment'::regclass AND confrelid = 'citizen'::regclass"
     " AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = 'enrolment'::regclass"
     " AND attname = 'citizen_id')]",
     1},
    {"citizen's unique constraints",
     "SELECT COUNT(*) FROM sqlite_schema WHERE tbl_name = 'citizen'"
     " AND name LIKE 'sqlite_autoindex%'",
     "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'u' AND conrelid = 'citizen'::regclass",
     0},
    {"citizen's indexes",
     "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index'"
     " AND name IN ('citizen_name', 'citizen_person')",
     "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()"
     " AND indexname IN ('citizen_name', 'citizen_person')",
     2},
};

/* Citizens, enrolments and a consent written by the previous schema come through 0009 with their
 * ids, sealed identifiers and references; no reference is broken; the blind index is no longer
 * unique but still indexed; and enrolment's foreign key to citizen still holds. On each engine,
 * through its own migrations. */
static void migration_0009_keeps_rows_and_foreign_keys(void **state)
{
    struct fixture *f = *state;
    char path[512];
    struct store *old = NULL;
    struct sp_err err = {0};
    struct consent consent;
    struct citizen got;
    int64_t teams[2];
    int64_t enrolments[2];
    int previous;
    int from = -1;
    int to = -1;
    int64_t user;
    int64_t project;
    int64_t a;
    int64_t b;

    fixture_fresh(f, path, sizeof path);
    previous = schema_before(f, path, "0009_");
    assert_true(previous >= 7);
    assert_int_equal(store_open(path, &test_keys, &old, &err), SP_OK);
    user = add_user(old, "store.before");
    project = add_project_before(path, "before-0009", teams);
    a = add_record(old, PERSON, "Før Migrationsen", "+45 20 00 00 09", user, SP_OK);
    b = add_record(old, OTHER_PERSON, "Anden Førsen", NULL, user, SP_OK);
    /* The constraint this migration removes: the previous schema refused a second record. */
    (void)add_record(old, PERSON, "Anden Registrering", NULL, user, SP_CONFLICT);
    assert_int_equal(enrol(old, project, a, teams[0], &enrolments[0], &err), SP_OK);
    assert_int_equal(enrol(old, project, b, teams[1], &enrolments[1], &err), SP_OK);
    memset(&consent, 0, sizeof consent);
    consent.enrolment_id = enrolments[0];
    consent.scope = "health_summary_to_municipality";
    consent.given = true;
    consent.date = "2025-05-31";
    consent.recorded_by = user;
    consent.recorded_at = NOW;
    assert_int_equal(store_consent_add(old, &consent, &err), SP_OK);

    assert_int_equal(store_migrate(old, &from, &to, &err), SP_OK);
    assert_int_equal(from, previous);
    assert_int_equal(to, store_schema_latest());

    /* Every row, by id, with its values and the identifier still opening with the key. */
    assert_int_equal(sql_int(path, "SELECT COUNT(*) FROM citizen"), 2);
    assert_int_equal(sql_int(path, "SELECT COUNT(*) FROM enrolment"), 2);
    assert_int_equal(sql_int(path, "SELECT COUNT(*) FROM consent"), 1);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_citizen_get(old, f->arena, a, &got, &err), SP_OK);
    assert_string_equal(got.identifier, PERSON);
    assert_string_equal(got.name, "Før Migrationsen");
    assert_string_equal(got.phone, "+45 20 00 00 09");
    assert_string_equal(got.birth_date, "2001-03-07");
    assert_int_equal(got.created_by, user);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_citizen_get(old, f->arena, b, &got, &err), SP_OK);
    assert_string_equal(got.identifier, OTHER_PERSON);

    /* References intact, the old unique index gone, the new indexes there. */
    for (size_t i = 0; i < sizeof schema_after_0009 / sizeof schema_after_0009[0]; i++) {
        const char *sql =
            f->engine == FIXTURE_PG ? schema_after_0009[i].pg : schema_after_0009[i].sqlite;
        int64_t n = sql ? sql_int(path, sql) : schema_after_0009[i].expect;

        if (n != schema_after_0009[i].expect)
            fail_msg("%s: %lld, expected %lld", schema_after_0009[i].what, (long long)n,
                     (long long)schema_after_0009[i].expect);
    }

    /* The same person registered again is a record of its own now. */
    assert_true(add_record(old, PERSON, "Anden Registrering", NULL, user, SP_OK) > b);
    store_close(old);

    /* Foreign keys are still enforced against the new table: an enrolment of no citizen, and
     * deleting a citizen an enrolment refers to, are both refused. */
    {
        char sql[256];

        snprintf(sql, sizeof sql,
                 "INSERT INTO enrolment (project_id, citizen_id, team_id, referral_date,"
                 " referral_source, target_group, status, status_changed, created_at)"
                 " VALUES (%lld, 9999, NULL, '2025-05-30', 'x', 'dagpenge', 'referred', '" NOW
                 "', '" NOW "')",
                 (long long)project);
        assert_int_equal(sql_try(path, sql), PLAIN_CONSTRAINT);
        snprintf(sql, sizeof sql, "DELETE FROM citizen WHERE id = %lld", (long long)a);
        assert_int_equal(sql_try(path, sql), PLAIN_CONSTRAINT);
    }
    assert_int_equal(sql_int(path, "SELECT COUNT(*) FROM enrolment"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(same_identifier_makes_a_record_per_registration),
        FIXTURE_TEST(identifier_search_stays_within_the_filter),
        FIXTURE_TEST(person_enrolled_once_per_project_and_team),
        FIXTURE_TEST(migration_0009_keeps_rows_and_foreign_keys),
    };

    return fixture_main("person_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
