/* store/: accounts, sessions, tokens, the login throttle, consents and citizens' places
 * (accounts.c, consents.c, citizens.c) through store.h, against a fresh database per test on
 * SQLite and on PostgreSQL (fixture.h). The audit log's rows are tested in audit_test.c. */
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

#define NOW "2025-06-02T08:00:00Z"

#include "fixture.h"

/* ---- builders through the existing store functions ------------------------------------------ */

/* Thisted (787), Morsø (773) and Aalborg (851), all in Region Nordjylland (1081): [S16f] in
 * docs/sources.md. */
static int64_t create_project(struct fixture *f, const char *slug)
{
    struct project p;
    struct sp_err err = {0};

    memset(&p, 0, sizeof p);
    p.slug = slug;
    p.name = "Account test";
    p.description = "A project for the account store tests.";
    p.region.code = "1081";
    p.period_start = "2025-01-01";
    p.period_end = "2027-12-31";
    p.target_count = 40;
    p.age_min = 18;
    p.age_max = 64;
    p.municipality_count = 3;
    p.municipalities[0].code = "787";
    p.municipalities[1].code = "773";
    p.municipalities[2].code = "851";
    p.target_group_count = 1;
    p.target_groups[0] = "dagpenge";
    p.instrument_count = 1;
    p.instruments[0] = "phq9";
    p.followup_count = 1;
    p.followup_months[0] = 6;
    if (store_project_create(f->st, &p, NOW, &err) != SP_OK)
        fail_msg("project_create %s: %s", slug, err.detail);
    return p.id;
}

static int64_t create_team(struct fixture *f, int64_t project_id, const char *municipality)
{
    struct team t = {0};
    struct sp_err err = {0};

    t.project_id = project_id;
    t.municipality_code = municipality;
    t.name = municipality;
    if (store_team_create(f->st, &t, &err) != SP_OK)
        fail_msg("team_create %s: %s", municipality, err.detail);
    return t.id;
}

static int64_t create_user(struct fixture *f, const char *username, const char *organisation,
                           size_t role_count, const char *const *roles)
{
    struct store_user_new u = {0};
    struct sp_err err = {0};
    int64_t id = 0;

    u.username = username;
    u.display_name = username;
    u.organisation_code = organisation;
    u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    u.role_count = role_count;
    u.roles = roles;
    if (store_user_create(f->st, &u, NOW, &id, &err) != SP_OK)
        fail_msg("user_create %s: %s", username, err.detail);
    return id;
}

static void add_member(struct fixture *f, int64_t team_id, int64_t user_id)
{
    struct sp_err err = {0};

    if (store_team_member_add(f->st, team_id, user_id, &err) != SP_OK)
        fail_msg("team_member_add %lld %lld: %s", (long long)team_id, (long long)user_id,
                 err.detail);
}

/* Synthetic identifiers only: erstatningspersonnummer (day + 60, CPR-kontoret, docs/sources.md#s5)
 * with serial 9x, which can never be a real CPR number; names are invented. */
static int64_t create_citizen(struct fixture *f, const char *identifier)
{
    struct citizen c;
    struct sp_err err = {0};

    memset(&c, 0, sizeof c);
    c.identifier_type = "erstatning";
    c.identifier = identifier;
    c.birth_date = "2001-03-07";
    c.name = "Testa Prøvesen";
    c.municipality_code = "787";
    c.synthetic = true;
    if (store_citizen_create(f->st, &c, NOW, &err) != SP_OK)
        fail_msg("citizen_create %s: %s", identifier, err.detail);
    return c.id;
}

static int64_t create_enrolment(struct fixture *f, int64_t project_id, int64_t citizen_id,
                                int64_t team_id)
{
    struct enrolment e;
    struct sp_err err = {0};

    memset(&e, 0, sizeof e);
    e.project_id = project_id;
    e.citizen_id = citizen_id;
    e.team_id = team_id;
    e.referral_date = "2025-05-30";
    e.referral_source = "jobcenter";
    e.target_group = "dagpenge";
    e.status = "referred";
    if (store_enrolment_create(f->st, &e, NOW, &err) != SP_OK)
        fail_msg("enrolment_create: %s", err.detail);
    return e.id;
}

/* ---- users --------------------------------------------------------------------------------- */

/* Roles come back ordered by role and teams by team id, whatever order they were written in; the
 * organisation's kind comes from the reference table (1081 is a region, 851 a municipality). */
static void user_round_trip_with_roles_and_teams(void **state)
{
    static const char *const roles[] = {"caseworker", "admin"};
    static const char *const region_roles[] = {"researcher"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct user u;
    int64_t project = create_project(f, "users");
    int64_t thisted = create_team(f, project, "787");
    int64_t aalborg = create_team(f, project, "851");
    int64_t id = create_user(f, "anna", "851", 2, roles);
    int64_t region_id = create_user(f, "rita", "1081", 1, region_roles);

    add_member(f, aalborg, id);
    add_member(f, thisted, id);

    memset(&u, 0, sizeof u);
    assert_int_equal(store_user_by_username(f->st, f->arena, "anna", &u, &err), SP_OK);
    assert_int_equal(u.id, id);
    assert_string_equal(u.username, "anna");
    assert_string_equal(u.display_name, "anna");
    assert_string_equal(u.organisation_code, "851");
    assert_string_equal(u.organisation_kind, "municipality");
    assert_string_equal(u.password_hash, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA");
    assert_false(u.disabled);
    assert_int_equal(u.role_count, 2);
    assert_string_equal(u.roles[0], "admin");
    assert_string_equal(u.roles[1], "caseworker");
    assert_int_equal(u.team_count, 2);
    assert_int_equal(u.teams[0].team_id, thisted);
    assert_int_equal(u.teams[0].project_id, project);
    assert_string_equal(u.teams[0].municipality_code, "787");
    assert_int_equal(u.teams[1].team_id, aalborg);
    assert_string_equal(u.teams[1].municipality_code, "851");

    memset(&u, 0, sizeof u);
    assert_int_equal(store_user_get(f->st, f->arena, region_id, &u, &err), SP_OK);
    assert_string_equal(u.username, "rita");
    assert_string_equal(u.organisation_kind, "region");
    assert_int_equal(u.role_count, 1);
    assert_string_equal(u.roles[0], "researcher");
    assert_int_equal(u.team_count, 0);

    assert_int_equal(store_user_by_username(f->st, f->arena, "nobody", &u, &err), SP_NOT_FOUND);
    assert_int_equal(err.code, SP_NOT_FOUND);
    assert_int_equal(store_user_get(f->st, f->arena, region_id + 100, &u, &err), SP_NOT_FOUND);
}

/* Five users walked two at a time: every id once, ascending, `more` false only on the last page,
 * and each listed user carries its roles. */
static void user_list_pages_by_id(void **state)
{
    static const char *const roles[] = {"caseworker"};
    static const char *const names[] = {"u1", "u2", "u3", "u4", "u5"};
    struct fixture *f = *state;
    int64_t ids[5];
    size_t seen = 0;
    struct store_page page = {0, 2};
    bool more = true;

    for (size_t i = 0; i < 5; i++)
        ids[i] = create_user(f, names[i], "787", 1, roles);
    for (int pages = 0; more; pages++) {
        struct sp_err err = {0};
        struct user *items = NULL;
        size_t count = 0;

        if (pages > 3)
            fail_msg("more than 3 pages of 2 for 5 users");
        assert_int_equal(store_user_list(f->st, f->arena, NULL, &page, &items, &count, &more, &err),
                         SP_OK);
        assert_true(count <= 2);
        for (size_t i = 0; i < count; i++, seen++) {
            if (seen >= 5 || items[i].id != ids[seen])
                fail_msg("page %d row %zu: id %lld, expected row %zu", pages, i,
                         (long long)items[i].id, seen);
            assert_string_equal(items[i].username, names[seen]);
            assert_int_equal(items[i].role_count, 1);
            assert_string_equal(items[i].roles[0], "caseworker");
            assert_string_equal(items[i].organisation_kind, "municipality");
        }
        if (count > 0)
            page.after = items[count - 1].id;
        assert_int_equal(more, seen < 5);
    }
    assert_int_equal(seen, 5);
}

static void user_updates_and_not_found(void **state)
{
    static const char *const roles[] = {"caseworker", "team_lead"};
    static const char *const new_roles[] = {"researcher"};
    static const char *const twice[] = {"admin", "admin"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct user u;
    int64_t id = create_user(f, "bo", "773", 2, roles);
    int64_t missing = id + 100;

    assert_int_equal(store_user_set_password(f->st, id, "$argon2id$new", &err), SP_OK);
    assert_int_equal(store_user_set_disabled(f->st, id, true, &err), SP_OK);
    assert_int_equal(store_user_set_roles(f->st, id, 1, new_roles, &err), SP_OK);
    memset(&u, 0, sizeof u);
    assert_int_equal(store_user_get(f->st, f->arena, id, &u, &err), SP_OK);
    assert_string_equal(u.password_hash, "$argon2id$new");
    assert_true(u.disabled);
    assert_int_equal(u.role_count, 1);
    assert_string_equal(u.roles[0], "researcher");

    assert_int_equal(store_user_set_disabled(f->st, id, false, &err), SP_OK);
    assert_int_equal(store_user_set_roles(f->st, id, 0, NULL, &err), SP_OK);
    memset(&u, 0, sizeof u);
    assert_int_equal(store_user_get(f->st, f->arena, id, &u, &err), SP_OK);
    assert_false(u.disabled);
    assert_int_equal(u.role_count, 0);

    /* A role named twice breaks user_role's primary key. */
    assert_int_equal(store_user_set_roles(f->st, id, 2, twice, &err), SP_CONFLICT);
    assert_string_equal(err.field, "/roles");

    /* Each writer on a missing user says so and writes nothing. */
    assert_int_equal(store_user_set_password(f->st, missing, "x", &err), SP_NOT_FOUND);
    assert_int_equal(store_user_set_disabled(f->st, missing, true, &err), SP_NOT_FOUND);
    assert_int_equal(store_user_set_roles(f->st, missing, 1, new_roles, &err), SP_NOT_FOUND);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM user_role WHERE role = 'researcher'"),
                     0);
}

/* ---- teams --------------------------------------------------------------------------------- */

static void team_list_filters_and_member_remove(void **state)
{
    static const char *const roles[] = {"caseworker"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct team *items = NULL;
    size_t count = 0;
    bool more = true;
    struct store_page page = {.after = 0, .limit = 50};
    struct user u;
    int64_t p1 = create_project(f, "teams-one");
    int64_t p2 = create_project(f, "teams-two");
    int64_t t1 = create_team(f, p1, "787");
    int64_t t2 = create_team(f, p2, "787");
    int64_t t3 = create_team(f, p1, "773");
    int64_t user = create_user(f, "cai", "787", 1, roles);

    assert_int_equal(store_team_list(f->st, f->arena, 0, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 3);
    assert_false(more);
    assert_int_equal(items[0].id, t1);
    assert_int_equal(items[1].id, t2);
    assert_int_equal(items[2].id, t3);
    assert_int_equal(items[1].project_id, p2);
    assert_string_equal(items[2].municipality_code, "773");
    assert_string_equal(items[2].name, "773");

    assert_int_equal(store_team_list(f->st, f->arena, p1, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 2);
    assert_int_equal(items[0].id, t1);
    assert_int_equal(items[1].id, t3);
    assert_int_equal(store_team_list(f->st, f->arena, p2 + 100, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 0);

    /* Pages of two: t1 t2, then after t2 the last one, and no further page. */
    page.limit = 2;
    assert_int_equal(store_team_list(f->st, f->arena, 0, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 2);
    assert_true(more);
    assert_int_equal(items[1].id, t2);
    page.after = t2;
    assert_int_equal(store_team_list(f->st, f->arena, 0, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 1);
    assert_false(more);
    assert_int_equal(items[0].id, t3);

    add_member(f, t1, user);
    add_member(f, t3, user);
    assert_int_equal(store_team_member_remove(f->st, t1, user, &err), SP_OK);
    assert_int_equal(store_team_member_remove(f->st, t1, user, &err), SP_OK); /* none: still OK */
    memset(&u, 0, sizeof u);
    assert_int_equal(store_user_get(f->st, f->arena, user, &u, &err), SP_OK);
    assert_int_equal(u.team_count, 1);
    assert_int_equal(u.teams[0].team_id, t3);
}

/* ---- lists of an account read whole --------------------------------------------------------- */

#define MANY 70 /* more than the 64 teams a user once held at most */

/* MANY teams of one project, one per municipality (the reference table has 98), ids ascending. */
static void create_many_teams(struct fixture *f, int64_t project, int64_t *teams)
{
    struct store_org_filter filter = {.kind = "municipality"};
    struct store_page page = {0, 200};
    struct organisation *orgs = NULL;
    size_t count = 0;
    bool more = false;
    struct sp_err err = {0};

    assert_int_equal(
        store_organisation_list(f->st, f->arena, &filter, &page, &orgs, &count, &more, &err),
        SP_OK);
    assert_true(count >= MANY);
    for (size_t i = 0; i < MANY; i++)
        teams[i] = create_team(f, project, orgs[i].code);
}

/* A user on MANY teams gets every one back, in team order, by id and by username and in a list
 * page beside users with fewer teams and roles (each user's rows are their own). */
static void user_on_many_teams_round_trips_whole(void **state)
{
    static const char *const two[] = {"team_lead", "caseworker"};
    static const char *const one[] = {"researcher"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct store_page page = {0, 50};
    struct user *items = NULL;
    size_t count = 0;
    bool more = true;
    struct user u;
    int64_t teams[MANY];
    int64_t project = create_project(f, "many-teams");
    int64_t few = create_user(f, "few", "787", 1, one);
    int64_t none = create_user(f, "none", "787", 0, NULL);
    int64_t many = create_user(f, "many", "787", 2, two);

    create_many_teams(f, project, teams);
    for (size_t i = MANY; i-- > 0;)
        add_member(f, teams[i], many);
    add_member(f, teams[5], few);
    add_member(f, teams[2], few);

    memset(&u, 0, sizeof u);
    assert_int_equal(store_user_get(f->st, f->arena, many, &u, &err), SP_OK);
    assert_int_equal(u.team_count, MANY);
    for (size_t i = 0; i < MANY; i++) {
        if (u.teams[i].team_id != teams[i] || u.teams[i].project_id != project ||
            u.teams[i].municipality_code == NULL)
            fail_msg("team %zu: %lld, expected %lld", i, (long long)u.teams[i].team_id,
                     (long long)teams[i]);
    }
    memset(&u, 0, sizeof u);
    assert_int_equal(store_user_by_username(f->st, f->arena, "many", &u, &err), SP_OK);
    assert_int_equal(u.team_count, MANY);
    assert_int_equal(u.teams[MANY - 1].team_id, teams[MANY - 1]);

    assert_int_equal(store_user_list(f->st, f->arena, NULL, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 3);
    assert_false(more);
    assert_int_equal(items[0].id, few);
    assert_int_equal(items[0].role_count, 1);
    assert_string_equal(items[0].roles[0], "researcher");
    assert_int_equal(items[0].team_count, 2);
    assert_int_equal(items[0].teams[0].team_id, teams[2]);
    assert_int_equal(items[0].teams[1].team_id, teams[5]);
    assert_int_equal(items[1].id, none);
    assert_int_equal(items[1].role_count, 0);
    assert_int_equal(items[1].team_count, 0);
    assert_int_equal(items[2].id, many);
    assert_int_equal(items[2].role_count, 2);
    assert_string_equal(items[2].roles[0], "caseworker");
    assert_string_equal(items[2].roles[1], "team_lead");
    assert_int_equal(items[2].team_count, MANY);
    for (size_t i = 0; i < MANY; i++)
        assert_int_equal(items[2].teams[i].team_id, teams[i]);
}

/* A team of MANY members lists every one, ordered by username. */
static void team_with_many_members_lists_whole(void **state)
{
    static const char *const roles[] = {"caseworker"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct team_member *members = NULL;
    size_t count = 0;
    int64_t ids[MANY];
    int64_t team = create_team(f, create_project(f, "many-members"), "787");

    for (int i = MANY - 1; i >= 0; i--) {
        char name[16];

        snprintf(name, sizeof name, "user%03d", i);
        ids[i] = create_user(f, name, "787", 1, roles);
        add_member(f, team, ids[i]);
    }
    add_member(f, team, ids[0]); /* a second add is no second membership */
    assert_int_equal(store_team_members(f->st, f->arena, team, &members, &count, &err), SP_OK);
    assert_int_equal(count, MANY);
    for (size_t i = 0; i < MANY; i++) {
        char name[16];

        snprintf(name, sizeof name, "user%03zu", i);
        if (members[i].user_id != ids[i] || strcmp(members[i].username, name) != 0 ||
            members[i].disabled)
            fail_msg("member %zu: %s", i, members[i].username);
    }
}

/* ---- one team, a user's version ------------------------------------------------------------- */

static void team_get_and_create_conflict(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct team t = {0};
    int64_t project = create_project(f, "team-get");
    int64_t id = create_team(f, project, "773");

    assert_int_equal(store_team_get(f->st, f->arena, id, &t, &err), SP_OK);
    assert_int_equal(t.id, id);
    assert_int_equal(t.project_id, project);
    assert_string_equal(t.municipality_code, "773");
    assert_string_equal(t.name, "773");
    assert_int_equal(store_team_get(f->st, f->arena, id + 100, &t, &err), SP_NOT_FOUND);

    /* One team per municipality in a project. */
    t = (struct team){.project_id = project, .municipality_code = "773", .name = "again"};
    assert_int_equal(store_team_create(f->st, &t, &err), SP_CONFLICT);
    assert_string_equal(err.field, "/municipality_code");
}

/* A bump from the stored version moves it on by one; one from an older version is SP_STALE
 * with the stored version, and changes nothing. */
static void user_bump_version_checks_the_version(void **state)
{
    static const char *const roles[] = {"admin"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct user u;
    int64_t version = 0;
    int64_t id = create_user(f, "vera", "787", 1, roles);

    assert_int_equal(store_user_bump_version(f->st, id, 1, &version, &err), SP_OK);
    assert_int_equal(version, 2);
    assert_int_equal(store_user_bump_version(f->st, id, 2, &version, &err), SP_OK);
    assert_int_equal(version, 3);
    version = 0;
    assert_int_equal(store_user_bump_version(f->st, id, 2, &version, &err), SP_STALE);
    assert_int_equal(err.current_version, 3);
    assert_int_equal(version, 0);
    memset(&u, 0, sizeof u);
    assert_int_equal(store_user_get(f->st, f->arena, id, &u, &err), SP_OK);
    assert_int_equal(u.version, 3);
    assert_int_equal(store_user_bump_version(f->st, id + 100, 1, &version, &err), SP_NOT_FOUND);
}

/* Every storage call of a user read and a user write can fail (sql_fault_at): the failure comes
 * back as SP_UNAVAILABLE, never a crash or a half-read user answered SP_OK. */
static void account_calls_fail_cleanly_at_every_step(void **state)
{
    static const char *const roles[] = {"caseworker", "admin"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    int64_t project = create_project(f, "faults");
    int64_t team = create_team(f, project, "787");
    int64_t id = create_user(f, "fay", "787", 2, roles);
    struct store_page page = {0, 10};
    int64_t reads = 0;

    add_member(f, team, id);
    for (int64_t n = 1;; n++) {
        struct user *items = NULL;
        struct user u;
        size_t count = 0;
        bool more = false;
        enum sp_code get;
        enum sp_code list;

        sql_fault_at(n);
        get = store_user_get(f->st, f->arena, id, &u, &err);
        sql_fault_at(n);
        list = store_user_list(f->st, f->arena, NULL, &page, &items, &count, &more, &err);
        sql_fault_at(0);
        if (get == SP_OK && list == SP_OK) {
            assert_int_equal(u.team_count, 1);
            assert_int_equal(items[0].role_count, 2);
            break;
        }
        if ((get != SP_OK && get != SP_UNAVAILABLE) || (list != SP_OK && list != SP_UNAVAILABLE))
            fail_msg("call %lld: get %d, list %d", (long long)n, get, list);
        reads = n;
    }
    assert_true(reads >= 4); /* the user, its roles and its teams: each a call that can fail */
    for (int64_t n = 1;; n++) {
        char name[32];
        int64_t created = 0;
        enum sp_code rc;

        snprintf(name, sizeof name, "new%lld", (long long)n);
        sql_fault_at(n);
        rc = store_user_create(f->st,
                               &(struct store_user_new){.username = name,
                                                        .display_name = name,
                                                        .organisation_code = "787",
                                                        .password_hash = "x",
                                                        .role_count = 2,
                                                        .roles = roles},
                               NOW, &created, &err);
        sql_fault_at(0);
        if (rc == SP_OK)
            break;
        assert_int_equal(rc, SP_UNAVAILABLE);
        if (n > 20)
            fail_msg("user_create still failing after %lld calls", (long long)n);
    }
}

/* ---- sign-in sessions and tokens
 * ------------------------------------------------------------------- */

static void signin_lifecycle(void **state)
{
    static const char *const roles[] = {"caseworker"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct session s;
    int64_t anna = create_user(f, "anna", "787", 1, roles);
    int64_t bo = create_user(f, "bo", "787", 1, roles);
    int64_t s1 = 0;
    int64_t s2 = 0;
    int64_t s3 = 0;

    assert_int_equal(store_signin_create(f->st, "hash-1", anna, "csrf-1", 1000, &s1, &err), SP_OK);
    assert_int_equal(store_signin_create(f->st, "hash-2", anna, "csrf-2", 1001, &s2, &err), SP_OK);
    assert_int_equal(store_signin_create(f->st, "hash-3", bo, "csrf-3", 1002, &s3, &err), SP_OK);
    assert_true(s1 > 0 && s2 > s1 && s3 > s2);
    assert_int_equal(store_signin_create(f->st, "hash-1", bo, "csrf-x", 1003, &s3, &err),
                     SP_CONFLICT);

    memset(&s, 0, sizeof s);
    assert_int_equal(store_signin_get(f->st, f->arena, "hash-1", &s, &err), SP_OK);
    assert_int_equal(s.id, s1);
    assert_int_equal(s.user_id, anna);
    assert_string_equal(s.csrf_token, "csrf-1");
    assert_int_equal(s.created_at, 1000);
    assert_int_equal(s.last_seen, 1000);
    assert_false(s.ended);
    assert_int_equal(store_signin_get(f->st, f->arena, "no-such", &s, &err), SP_NOT_FOUND);

    assert_int_equal(store_signin_touch(f->st, s1, 1500, &err), SP_OK);
    assert_int_equal(store_signin_end(f->st, s1, &err), SP_OK);
    memset(&s, 0, sizeof s);
    assert_int_equal(store_signin_get(f->st, f->arena, "hash-1", &s, &err), SP_OK);
    assert_int_equal(s.last_seen, 1500);
    assert_int_equal(s.created_at, 1000);
    assert_true(s.ended); /* an ended session is still returned: the caller decides */

    /* Ending anna's sessions ends her second one and leaves bo's. */
    assert_int_equal(store_signin_end_user(f->st, anna, &err), SP_OK);
    assert_int_equal(store_signin_get(f->st, f->arena, "hash-2", &s, &err), SP_OK);
    assert_true(s.ended);
    assert_int_equal(store_signin_get(f->st, f->arena, "hash-3", &s, &err), SP_OK);
    assert_false(s.ended);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM session WHERE ended = 1"), 2);
}

/* The session and its user in one read: the same session fields as store_signin_get, the same
 * user (roles by code, teams by id) as store_user_get. */
static void signin_get_user_reads_both(void **state)
{
    static const char *const roles[] = {"therapist", "caseworker"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct session s;
    struct user u;
    int64_t project = create_project(f, "signin-user");
    int64_t aalborg = create_team(f, project, "851");
    int64_t thisted = create_team(f, project, "787");
    int64_t anna = create_user(f, "anna", "851", 2, roles);
    int64_t id = 0;

    add_member(f, aalborg, anna);
    add_member(f, thisted, anna);
    assert_int_equal(store_signin_create(f->st, "hash-u", anna, "csrf-u", 1000, &id, &err), SP_OK);

    memset(&s, 0, sizeof s);
    memset(&u, 0, sizeof u);
    assert_int_equal(store_signin_get_user(f->st, f->arena, "hash-u", &s, &u, &err), SP_OK);
    assert_int_equal(s.id, id);
    assert_int_equal(s.user_id, anna);
    assert_string_equal(s.csrf_token, "csrf-u");
    assert_int_equal(s.created_at, 1000);
    assert_int_equal(s.last_seen, 1000);
    assert_false(s.ended);
    assert_int_equal(u.id, anna);
    assert_string_equal(u.username, "anna");
    assert_string_equal(u.organisation_kind, "municipality");
    assert_int_equal(u.role_count, 2);
    assert_string_equal(u.roles[0], "caseworker");
    assert_string_equal(u.roles[1], "therapist");
    assert_int_equal(u.team_count, 2);
    assert_int_equal(u.teams[0].team_id, aalborg < thisted ? aalborg : thisted);
    assert_int_equal(u.teams[1].team_id, aalborg < thisted ? thisted : aalborg);
    assert_int_equal(u.teams[0].project_id, project);
    assert_string_equal(u.teams[0].municipality_code, aalborg < thisted ? "851" : "787");

    assert_int_equal(store_signin_get_user(f->st, f->arena, "no-such", &s, &u, &err), SP_NOT_FOUND);
}

static void token_lifecycle(void **state)
{
    static const char *const roles[] = {"researcher"};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct api_token t = {0};
    struct api_token *items = NULL;
    size_t count = 0;
    int64_t anna = create_user(f, "anna", "1081", 1, roles);
    int64_t bo = create_user(f, "bo", "1081", 1, roles);
    int64_t k1 = 0;
    int64_t k2 = 0;
    int64_t k3 = 0;

    t.user_id = anna;
    t.label = "export";
    t.scope = "read";
    t.created_at = 2000;
    t.expires_at = 0; /* never */
    assert_int_equal(store_token_create(f->st, "tok-1", &t, &k1, &err), SP_OK);
    t.label = "sync";
    t.scope = "read,write";
    t.created_at = 2001;
    t.expires_at = 9000;
    assert_int_equal(store_token_create(f->st, "tok-2", &t, &k2, &err), SP_OK);
    t.user_id = bo;
    t.label = "bo's";
    assert_int_equal(store_token_create(f->st, "tok-3", &t, &k3, &err), SP_OK);
    assert_int_equal(store_token_create(f->st, "tok-3", &t, &k3, &err), SP_CONFLICT);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM api_token WHERE expires_at IS NULL"),
                     1);

    memset(&t, 0, sizeof t);
    assert_int_equal(store_token_get(f->st, f->arena, "tok-1", &t, &err), SP_OK);
    assert_int_equal(t.id, k1);
    assert_int_equal(t.user_id, anna);
    assert_string_equal(t.label, "export");
    assert_string_equal(t.scope, "read");
    assert_int_equal(t.created_at, 2000);
    assert_int_equal(t.expires_at, 0);
    assert_int_equal(t.revoked_at, 0);
    assert_int_equal(store_token_get(f->st, f->arena, "tok-2", &t, &err), SP_OK);
    assert_string_equal(t.scope, "read,write");
    assert_int_equal(t.expires_at, 9000);
    assert_int_equal(store_token_get(f->st, f->arena, "tok-9", &t, &err), SP_NOT_FOUND);

    /* Newest first; one user's, then everyone's. */
    assert_int_equal(store_token_list(f->st, f->arena, anna, &items, &count, &err), SP_OK);
    assert_int_equal(count, 2);
    assert_int_equal(items[0].id, k2);
    assert_int_equal(items[1].id, k1);
    assert_int_equal(store_token_list(f->st, f->arena, 0, &items, &count, &err), SP_OK);
    assert_int_equal(count, 3);
    assert_int_equal(items[0].id, k3);
    assert_int_equal(items[2].id, k1);

    /* A revoked token is still returned, with the time of the first revoke. */
    assert_int_equal(store_token_revoke(f->st, k1, 3000, &err), SP_OK);
    assert_int_equal(store_token_revoke(f->st, k1, 3500, &err), SP_OK);
    assert_int_equal(store_token_get(f->st, f->arena, "tok-1", &t, &err), SP_OK);
    assert_int_equal(t.revoked_at, 3000);
    assert_int_equal(store_token_get(f->st, f->arena, "tok-2", &t, &err), SP_OK);
    assert_int_equal(t.revoked_at, 0);
    assert_int_equal(store_token_revoke(f->st, k3 + 100, 3000, &err), SP_NOT_FOUND);
}

/* ---- login throttle ------------------------------------------------------------------------ */

/* Each row is a call in order and what throttle_get says after it; one table row per username
 * throughout (the upsert never adds a second). */
static void throttle_upserts_and_clears(void **state)
{
    enum op { OP_SET, OP_CLEAR };
    static const struct {
        enum op op;
        int failures;
        int64_t locked_until;
        int want_failures;
        int64_t want_locked;
        int64_t want_rows;
    } rows[] = {
        /* Reading takes the username's row lock through an upsert, so after a clear the read
         * itself leaves a row of zeros: one row, never two. */
        {OP_CLEAR, 0, 0, 0, 0, 1}, /* nothing to clear: still OK */
        {OP_SET, 1, 0, 1, 0, 1},   {OP_SET, 2, 0, 2, 0, 1}, {OP_SET, 5, 1900, 5, 1900, 1},
        {OP_CLEAR, 0, 0, 0, 0, 1}, {OP_SET, 1, 0, 1, 0, 1},
    };
    struct fixture *f = *state;
    struct sp_err err = {0};
    int failures = -1;
    int64_t locked = -1;

    assert_int_equal(store_throttle_get(f->st, "anna", &failures, &locked, &err), SP_OK);
    assert_int_equal(failures, 0);
    assert_int_equal(locked, 0);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        enum sp_code rc = rows[i].op == OP_SET ? store_throttle_set(f->st, "anna", rows[i].failures,
                                                                    rows[i].locked_until, &err)
                                               : store_throttle_clear(f->st, "anna", &err);
        int64_t table_rows;

        if (rc != SP_OK)
            fail_msg("row %zu: %d (%s)", i, rc, err.detail);
        if (store_throttle_get(f->st, "anna", &failures, &locked, &err) != SP_OK)
            fail_msg("row %zu: get: %s", i, err.detail);
        table_rows = sql_int(f->target, "SELECT COUNT(*) FROM login_throttle");
        if (failures != rows[i].want_failures || locked != rows[i].want_locked ||
            table_rows != rows[i].want_rows)
            fail_msg("row %zu: failures %d, locked %lld, rows %lld", i, failures, (long long)locked,
                     (long long)table_rows);
    }
    /* Another username is its own row. */
    assert_int_equal(store_throttle_get(f->st, "bo", &failures, &locked, &err), SP_OK);
    assert_int_equal(failures, 0);
}

/* ---- consents ------------------------------------------------------------------------------ */

/* The newest row of a scope decides: give → withdraw → give, with another scope untouched. */
static void consent_in_force_follows_newest(void **state)
{
    static const char *const roles[] = {"caseworker"};
    static const struct {
        const char *scope;
        bool given;
        const char *date;
        bool want_health; /* health_summary_to_municipality in force after this row */
        bool want_research;
        bool want_employment; /* employment_to_health */
    } rows[] = {
        {"health_summary_to_municipality", true, "2025-06-01", true, false, false},
        {"research_use", true, "2025-06-01", true, true, false},
        {"employment_to_health", true, "2025-06-02", true, true, true},
        {"health_summary_to_municipality", false, "2025-06-10", false, true, true},
        {"health_summary_to_municipality", true, "2025-06-20", true, true, true},
        {"employment_to_health", false, "2025-06-20", true, true, false},
        {"research_use", false, "2025-06-21", true, false, false},
    };
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct consent *items = NULL;
    size_t count = 0;
    bool more = true;
    struct store_page page = {.after = 0, .limit = 50};
    bool given = true;
    int64_t project = create_project(f, "consents");
    int64_t enrolment = create_enrolment(f, project, create_citizen(f, "6703014902"), 0);
    int64_t other = create_enrolment(f, project, create_citizen(f, "6804024903"), 0);
    int64_t user = create_user(f, "anna", "787", 1, roles);
    struct citizen_place place;
    struct citizen_place *places = NULL;
    size_t n = 0;
    int64_t citizen_of = 0;

    assert_int_equal(store_consent_in_force(f->st, enrolment, "research_use", &given, &err), SP_OK);
    assert_false(given);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct consent c = {0};
        bool health = false;
        bool research = false;

        c.enrolment_id = enrolment;
        c.scope = rows[i].scope;
        c.given = rows[i].given;
        c.date = rows[i].date;
        c.recorded_by = user;
        c.recorded_at = NOW;
        if (store_consent_add(f->st, &c, &err) != SP_OK || c.id <= 0)
            fail_msg("row %zu: add: %s", i, err.detail);
        if (store_consent_in_force(f->st, enrolment, "health_summary_to_municipality", &health,
                                   &err) != SP_OK ||
            store_consent_in_force(f->st, enrolment, "research_use", &research, &err) != SP_OK)
            fail_msg("row %zu: in_force: %s", i, err.detail);
        if (health != rows[i].want_health || research != rows[i].want_research)
            fail_msg("row %zu: health %d research %d", i, health, research);
        /* The place the policy decides with carries the same two sharing consents. */
        if (store_enrolment_place(f->st, f->arena, enrolment, &citizen_of, &place, &err) != SP_OK ||
            store_citizen_places(f->st, f->arena, citizen_of, &places, &n, &err) != SP_OK || n != 1)
            fail_msg("row %zu: place: %s", i, err.detail);
        if (place.health_summary_to_municipality != rows[i].want_health ||
            place.employment_to_health != rows[i].want_employment ||
            places[0].health_summary_to_municipality != rows[i].want_health ||
            places[0].employment_to_health != rows[i].want_employment)
            fail_msg("row %zu: place consents %d %d", i, place.health_summary_to_municipality,
                     place.employment_to_health);
    }
    /* Another enrolment has none. */
    assert_int_equal(
        store_consent_in_force(f->st, other, "health_summary_to_municipality", &given, &err),
        SP_OK);
    assert_false(given);

    /* The history, oldest first, names who recorded each row. */
    assert_int_equal(
        store_consent_list(f->st, f->arena, enrolment, &page, &items, &count, &more, &err), SP_OK);
    assert_int_equal(count, sizeof rows / sizeof rows[0]);
    assert_false(more);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(items[i].scope, rows[i].scope) != 0 || items[i].given != rows[i].given ||
            strcmp(items[i].date, rows[i].date) != 0 || items[i].enrolment_id != enrolment ||
            items[i].recorded_by != user || strcmp(items[i].recorded_by_name, "anna") != 0 ||
            strcmp(items[i].recorded_at, NOW) != 0 || (i > 0 && items[i].id <= items[i - 1].id))
            fail_msg("history row %zu differs", i);
    }
    assert_int_equal(store_consent_list(f->st, f->arena, other, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 0);

    /* Pages of one walk the same rows in the same order, each starting after the last id. */
    page.limit = 1;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(
            store_consent_list(f->st, f->arena, enrolment, &page, &items, &count, &more, &err),
            SP_OK);
        assert_int_equal(count, 1);
        assert_true(more == (i + 1 < sizeof rows / sizeof rows[0]));
        assert_string_equal(items[0].date, rows[i].date);
        page.after = items[0].id;
    }
}

/* ---- citizens' places ---------------------------------------------------------------------- */

static void citizen_places_with_and_without_team(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct citizen_place *places = NULL;
    struct citizen_place place;
    size_t count = 99;
    int64_t citizen_of = 0;
    int64_t p1 = create_project(f, "places-one");
    int64_t p2 = create_project(f, "places-two");
    int64_t morso = create_team(f, p2, "773");
    int64_t citizen = create_citizen(f, "6703014902");
    int64_t loner = create_citizen(f, "6804024903");
    int64_t e1 = create_enrolment(f, p1, citizen, 0);
    int64_t e2 = create_enrolment(f, p2, citizen, morso);

    assert_int_equal(store_citizen_places(f->st, f->arena, citizen, &places, &count, &err), SP_OK);
    assert_int_equal(count, 2);
    assert_int_equal(places[0].enrolment_id, e1);
    assert_int_equal(places[0].project_id, p1);
    assert_int_equal(places[0].team_id, 0);
    assert_null(places[0].municipality_code);
    assert_int_equal(places[1].enrolment_id, e2);
    assert_int_equal(places[1].project_id, p2);
    assert_int_equal(places[1].team_id, morso);
    assert_string_equal(places[1].municipality_code, "773");

    /* Enrolled nowhere is not "no such citizen". */
    count = 99;
    assert_int_equal(store_citizen_places(f->st, f->arena, loner, &places, &count, &err), SP_OK);
    assert_int_equal(count, 0);
    assert_int_equal(store_citizen_places(f->st, f->arena, loner + 100, &places, &count, &err),
                     SP_NOT_FOUND);

    memset(&place, 0, sizeof place);
    assert_int_equal(store_enrolment_place(f->st, f->arena, e2, &citizen_of, &place, &err), SP_OK);
    assert_int_equal(citizen_of, citizen);
    assert_int_equal(place.enrolment_id, e2);
    assert_int_equal(place.project_id, p2);
    assert_int_equal(place.team_id, morso);
    assert_string_equal(place.municipality_code, "773");
    assert_int_equal(store_enrolment_place(f->st, f->arena, e1, &citizen_of, &place, &err), SP_OK);
    assert_int_equal(place.team_id, 0);
    assert_null(place.municipality_code);
    assert_int_equal(store_enrolment_place(f->st, f->arena, e2 + 100, &citizen_of, &place, &err),
                     SP_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(user_round_trip_with_roles_and_teams),
        FIXTURE_TEST(user_list_pages_by_id),
        FIXTURE_TEST(user_updates_and_not_found),
        FIXTURE_TEST(team_list_filters_and_member_remove),
        FIXTURE_TEST(user_on_many_teams_round_trips_whole),
        FIXTURE_TEST(team_with_many_members_lists_whole),
        FIXTURE_TEST(team_get_and_create_conflict),
        FIXTURE_TEST(user_bump_version_checks_the_version),
        FIXTURE_TEST(account_calls_fail_cleanly_at_every_step),
        FIXTURE_TEST(signin_lifecycle),
        FIXTURE_TEST(signin_get_user_reads_both),
        FIXTURE_TEST(token_lifecycle),
        FIXTURE_TEST(throttle_upserts_and_clears),
        FIXTURE_TEST(consent_in_force_follows_newest),
        FIXTURE_TEST(citizen_places_with_and_without_team),
    };

    return fixture_main("account_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
