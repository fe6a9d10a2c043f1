/* store/: what the administration page needs (accounts.c, projects.c, reference.c through
 * store.h): user search and its paging, changing a project under a version check, teams paged
 * with their members, and the target groups. A fresh database per test on SQLite and on
 * PostgreSQL (fixture.h). */
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
#include "store/store.h"

#define NOW "2025-06-02T08:00:00Z"

#include "fixture.h"

/* Thisted (787), Morsø (773) and Aalborg (851), all in Region Nordjylland (1081),
 * docs/sources.md#s16; the project's numbers are the migration's defaults. */
static int64_t create_project(struct fixture *f, const char *slug)
{
    struct project p;
    struct sp_err err = {0};

    memset(&p, 0, sizeof p);
    p.slug = slug;
    p.name = "Admin test";
    p.description = "A project for the administration store tests.";
    p.region.code = "1081";
    p.period_start = "2025-01-01";
    p.period_end = "2027-12-31";
    p.target_count = 40;
    p.age_min = 18;
    p.age_max = 30;
    p.municipality_count = 3;
    p.municipalities[0].code = "787";
    p.municipalities[1].code = "773";
    p.municipalities[2].code = "851";
    p.target_group_count = 2;
    p.target_groups[0] = "dagpenge";
    p.target_groups[1] = "sygedagpenge";
    p.instrument_count = 1;
    p.instruments[0] = "phq9";
    p.followup_count = 1;
    p.followup_months[0] = 6;
    p.treatment = (struct project_treatment){10, 50, 28, 14, 5, 5, 12, 20, 2};
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

static int64_t create_user(struct fixture *f, const char *username, const char *display_name,
                           const char *organisation, const char *role)
{
    const char *roles[] = {role};
    struct store_user_new u = {0};
    struct sp_err err = {0};
    int64_t id = 0;

    u.username = username;
    u.display_name = display_name;
    u.organisation_code = organisation;
    u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    u.role_count = 1;
    u.roles = roles;
    if (store_user_create(f->st, &u, NOW, &id, &err) != SP_OK)
        fail_msg("user_create %s: %s", username, err.detail);
    return id;
}

/* The usernames store_user_list answers for filter, walked `limit` at a time, joined by ' '. */
static void search(struct fixture *f, const char *text, const char *role, int limit, char *out,
                   size_t cap)
{
    struct store_user_filter filter = {.text = text, .role = role};
    struct store_page page = {0, limit};
    bool more = true;
    size_t used = 0;
    int pages = 0;

    out[0] = '\0';
    while (more) {
        struct sp_err err = {0};
        struct user *items = NULL;
        size_t count = 0;

        if (++pages > 10)
            fail_msg("more than 10 pages");
        assert_int_equal(
            store_user_list(f->st, f->arena, &filter, &page, &items, &count, &more, &err), SP_OK);
        assert_true(count <= (size_t)limit);
        for (size_t i = 0; i < count; i++)
            used += (size_t)snprintf(out + used, cap - used, "%s%s", used ? " " : "",
                                     items[i].username);
        if (count > 0)
            page.after = items[count - 1].id;
    }
}

/* Search by a part of the username, the name (Danish letters folded: Æ/æ, Ø/ø, Å/å), the
 * organisation's name or code, and by role; LIKE's wildcards are plain characters; a page
 * boundary never loses or repeats a match. Organisation names: Thisted 787, Aalborg 851, Region
 * Nordjylland 1081 (docs/sources.md#s16). */
static void user_search_folds_and_pages(void **state)
{
    struct fixture *f = *state;
    char got[512];

    create_user(f, "ase.oster", "Åse Østergaard", "787", "caseworker");
    create_user(f, "bo.hansen", "Bo Hansen", "851", "job_consultant");
    create_user(f, "aeble.mand", "Æblemand Ærø", "1081", "care_manager");
    create_user(f, "pct_user", "Per 100% Test", "787", "caseworker");
    create_user(f, "karen.b", "Karen Østerby", "1081", "evaluator");

    search(f, "østergaard", NULL, 50, got, sizeof got);
    assert_string_equal(got, "ase.oster");
    search(f, "ÅSE ØSTER", NULL, 50, got, sizeof got);
    assert_string_equal(got, "ase.oster");
    search(f, "øster", NULL, 1, got, sizeof got);
    assert_string_equal(got, "ase.oster karen.b");
    search(f, "æ", NULL, 50, got, sizeof got);
    assert_string_equal(got, "aeble.mand");
    search(f, "HANSEN", NULL, 50, got, sizeof got);
    assert_string_equal(got, "bo.hansen");
    search(f, "thisted", NULL, 1, got, sizeof got);
    assert_string_equal(got, "ase.oster pct_user");
    search(f, "nordjylland", NULL, 50, got, sizeof got);
    assert_string_equal(got, "aeble.mand karen.b");
    search(f, "851", NULL, 50, got, sizeof got);
    assert_string_equal(got, "bo.hansen");
    search(f, "%", NULL, 50, got, sizeof got);
    assert_string_equal(got, "pct_user");
    search(f, "_", NULL, 50, got, sizeof got);
    assert_string_equal(got, "pct_user");
    search(f, "caseworker", NULL, 50, got, sizeof got);
    assert_string_equal(got, "");
    search(f, NULL, "caseworker", 1, got, sizeof got);
    assert_string_equal(got, "ase.oster pct_user");
    search(f, "øster", "evaluator", 50, got, sizeof got);
    assert_string_equal(got, "karen.b");
    search(f, NULL, NULL, 2, got, sizeof got);
    assert_string_equal(got, "ase.oster bo.hansen aeble.mand pct_user karen.b");
}

/* Every member but slug and randomised is written, the lists replaced in their new order; a
 * second writer holding the old version gets SP_STALE with the version now stored. */
static void project_update_checks_version(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct project p;
    struct project got;
    int64_t id = create_project(f, "admin-update");

    memset(&p, 0, sizeof p);
    assert_int_equal(store_project_get(f->st, f->arena, id, &p, &err), SP_OK);
    p.slug = "ignored-slug";
    p.name = "Renamed";
    p.description = "";
    p.region.code = NULL;
    p.period_end = "2028-06-30";
    p.target_count = 55;
    p.municipality_count = 2;
    p.municipalities[0].code = "851";
    p.municipalities[1].code = "787";
    p.target_group_count = 1;
    p.target_groups[0] = "ressourceforloeb";
    p.instrument_count = 2;
    p.instruments[0] = "gad7";
    p.instruments[1] = "phq9";
    p.followup_count = 2;
    p.followup_months[0] = 3;
    p.followup_months[1] = 12;
    p.treatment.screen_who5_max = -1;
    p.treatment.no_contact_days = 21;
    p.randomised = true;
    assert_int_equal(store_project_update(f->st, &p, 1, &err), SP_OK);
    assert_int_equal(p.version, 2);

    memset(&got, 0, sizeof got);
    assert_int_equal(store_project_get(f->st, f->arena, id, &got, &err), SP_OK);
    assert_string_equal(got.slug, "admin-update");
    assert_false(got.randomised);
    assert_string_equal(got.name, "Renamed");
    assert_string_equal(got.description, "");
    assert_null(got.region.code);
    assert_string_equal(got.period_start, "2025-01-01");
    assert_string_equal(got.period_end, "2028-06-30");
    assert_int_equal(got.target_count, 55);
    assert_int_equal(got.municipality_count, 2);
    assert_string_equal(got.municipalities[0].code, "851");
    assert_string_equal(got.municipalities[0].name, "Aalborg");
    assert_string_equal(got.municipalities[1].code, "787");
    assert_int_equal(got.target_group_count, 1);
    assert_string_equal(got.target_groups[0], "ressourceforloeb");
    assert_int_equal(got.instrument_count, 2);
    assert_string_equal(got.instruments[0], "gad7");
    assert_int_equal(got.followup_count, 2);
    assert_int_equal(got.followup_months[1], 12);
    assert_int_equal(got.treatment.screen_who5_max, -1);
    assert_int_equal(got.treatment.no_contact_days, 21);
    assert_int_equal(got.treatment.not_improving_weeks, 10);
    assert_int_equal(got.version, 2);
    assert_int_equal(sql_int(f->target, "SELECT count(*) FROM project_municipality"), 2);

    p.name = "Lost update";
    assert_int_equal(store_project_update(f->st, &p, 1, &err), SP_STALE);
    assert_int_equal(err.current_version, 2);
    assert_int_equal(
        sql_int(f->target, "SELECT count(*) FROM project WHERE name = 'Renamed' AND version = 2"),
        1);
    p.id = id + 100;
    assert_int_equal(store_project_update(f->st, &p, 2, &err), SP_NOT_FOUND);
}

/* Teams by id, a project's only when asked, in pages; every member (more than the first
 * allocation of 16) by username. */
static void team_pages_with_members(void **state)
{
    struct fixture *f = *state;
    int64_t one = create_project(f, "admin-teams-one");
    int64_t two = create_project(f, "admin-teams-two");
    int64_t t1 = create_team(f, one, "787");
    int64_t t2 = create_team(f, two, "787");
    int64_t t3 = create_team(f, one, "851");
    struct store_page page = {0, 1};
    struct team_member *members = NULL;
    struct team *items = NULL;
    struct sp_err err = {0};
    size_t count = 0;
    bool more = false;
    int64_t disabled = 0;

    assert_int_equal(store_team_list(f->st, f->arena, one, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 1);
    assert_int_equal(items[0].id, t1);
    assert_true(more);
    page.after = items[0].id;
    assert_int_equal(store_team_list(f->st, f->arena, one, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 1);
    assert_int_equal(items[0].id, t3);
    assert_string_equal(items[0].municipality_code, "851");
    assert_false(more);
    page = (struct store_page){0, 50};
    assert_int_equal(store_team_list(f->st, f->arena, 0, &page, &items, &count, &more, &err),
                     SP_OK);
    assert_int_equal(count, 3);
    assert_int_equal(items[1].id, t2);
    assert_int_equal(items[1].project_id, two);

    for (int i = 20; i >= 1; i--) {
        char username[32];
        int64_t user;

        snprintf(username, sizeof username, "member.%02d", i);
        user = create_user(f, username, username, "787", "caseworker");
        if (i == 7)
            disabled = user;
        if (store_team_member_add(f->st, t1, user, &err) != SP_OK)
            fail_msg("team_member_add: %s", err.detail);
    }
    assert_int_equal(store_user_set_disabled(f->st, disabled, true, &err), SP_OK);
    assert_int_equal(store_team_members(f->st, f->arena, t1, &members, &count, &err), SP_OK);
    assert_int_equal(count, 20);
    for (size_t i = 0; i < count; i++) {
        char username[32];

        snprintf(username, sizeof username, "member.%02zu", i + 1);
        assert_string_equal(members[i].username, username);
        assert_int_equal(members[i].disabled, i + 1 == 7);
        assert_int_equal(members[i].user_id == disabled, i + 1 == 7);
    }
    assert_int_equal(store_team_members(f->st, f->arena, t2, &members, &count, &err), SP_OK);
    assert_int_equal(count, 0);
}

/* The whole reference table, by code: as many rows as the table holds (counted outside the code
 * under test), sickness benefit with its Danish name (migrations/0002_reference_data.sql). */
static void target_groups_listed_whole(void **state)
{
    struct fixture *f = *state;
    struct target_group *items = NULL;
    struct sp_err err = {0};
    size_t count = 0;
    bool found = false;

    assert_int_equal(store_target_group_list(f->st, f->arena, &items, &count, &err), SP_OK);
    assert_int_equal(count, sql_int(f->target, "SELECT count(*) FROM target_group"));
    assert_true(count > 0);
    for (size_t i = 0; i < count; i++) {
        if (i > 0)
            assert_true(strcmp(items[i - 1].code, items[i].code) < 0);
        if (strcmp(items[i].code, "sygedagpenge") == 0) {
            found = true;
            assert_string_equal(items[i].name_da, "Sygedagpenge");
            assert_string_equal(items[i].name_en, "Sickness benefit");
            assert_null(items[i].valid_to);
        }
    }
    assert_true(found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(user_search_folds_and_pages),
        FIXTURE_TEST(project_update_checks_version),
        FIXTURE_TEST(team_pages_with_members),
        FIXTURE_TEST(target_groups_listed_whole),
    };

    return fixture_main("admin_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
