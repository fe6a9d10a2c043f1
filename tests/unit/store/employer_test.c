/* store/employers.c through store.h, against a fresh database per test on SQLite and on
 * PostgreSQL (fixture.h): an employer with its contact persons, versioned updates, the CVR number
 * unique per municipality, the folded-name search paged by name, and contacts listed newest
 * first per employer and per enrolment with the teams filter. The users, teams and enrolments are
 * seeded with SQL on a plain connection (plain.h), so that only the employer code is under test. */
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

/* User 10 (a Herning consultant); team 1 of project 1 and team 2 of project 2, both in Herning
 * (657); enrolment 1 on team 1 and enrolment 2 on team 2, citizens 1 and 2. */
static void seed(const struct fixture *f)
{
    sql_run(f->target, "INSERT INTO project (id, slug, name, description, region_code,"
                       " period_start, period_end, target_count, age_min, age_max, instruments,"
                       " followup_months, created_at) VALUES"
                       " (1, 'p', 'P', 'D', '1082', '2025-01-01', '2027-12-31', 10, 18, 64,"
                       " 'phq9', '3', '" NOW "'),"
                       " (2, 'q', 'Q', 'D', '1082', '2025-01-01', '2027-12-31', 10, 18, 64,"
                       " 'phq9', '3', '" NOW "')");
    sql_run(f->target, "INSERT INTO team (id, project_id, municipality_code, name) VALUES"
                       " (1, 1, '657', 'Herning P'), (2, 2, '657', 'Herning Q')");
    sql_run(f->target, "INSERT INTO app_user (id, username, display_name, organisation_code,"
                       " password_hash, created_at) VALUES"
                       " (10, 'jc', 'Job Consultant', '657', 'x', '" NOW "')");
    sql_run(f->target, "INSERT INTO citizen (id, identifier_type, identifier_enc,"
                       " identifier_index, birth_date, name, name_folded, created_at) VALUES"
                       " (1, 'erstatning', 'x', 'i1', '2001-01-01', 'Borger En', 'borger en',"
                       " '" NOW "'),"
                       " (2, 'erstatning', 'x', 'i2', '2001-01-01', 'Borger To', 'borger to',"
                       " '" NOW "')");
    sql_run(f->target, "INSERT INTO enrolment (id, project_id, citizen_id, team_id,"
                       " referral_date, referral_source, target_group, status, status_changed,"
                       " created_at) VALUES"
                       " (1, 1, 1, 1, '2026-01-05', 'jobcenter', 'dagpenge', 'active',"
                       " '2026-01-05', '" NOW "'),"
                       " (2, 2, 2, 2, '2026-01-05', 'jobcenter', 'dagpenge', 'active',"
                       " '2026-01-05', '" NOW "')");
}

static int64_t add_employer(const struct fixture *f, const char *municipality, const char *name,
                            const char *cvr, enum sp_code expected)
{
    struct employer e = {.municipality_code = municipality,
                         .name = name,
                         .cvr = cvr,
                         .created_at = NOW,
                         .created_by = 10};
    struct sp_err err = {0};

    assert_int_equal(store_employer_create(f->st, &e, &err), expected);
    if (expected == SP_CONFLICT)
        assert_string_equal(err.field, "/cvr");
    return e.id;
}

/* An employer is stored with its contact persons and read back whole; an update needs the
 * version read; a CVR number is unique within a municipality only. */
static void employer_create_get_update(void **state)
{
    struct fixture *f = *state;
    struct employer_contact_person persons[2] = {
        {.name = "Kontakt En", .title = "Værkfører", .phone = "70001000"},
        {.name = "Kontakt To", .email = "to@eksempel.dk"},
    };
    struct employer e = {.municipality_code = "657",
                         .name = "Fiktiv Tømrer ApS",
                         .cvr = "13748136",
                         .city = "Herning",
                         .created_at = NOW,
                         .created_by = 10,
                         .contact_persons = persons,
                         .contact_person_count = 2};
    struct employer got;
    struct sp_err err = {0};

    seed(f);
    assert_int_equal(store_employer_create(f->st, &e, &err), SP_OK);
    assert_true(e.id > 0 && persons[0].id > 0 && persons[1].id > persons[0].id);
    assert_int_equal(e.version, 1);
    assert_int_equal(store_employer_get(f->st, f->arena, e.id, &got, &err), SP_OK);
    assert_string_equal(got.name, "Fiktiv Tømrer ApS");
    assert_string_equal(got.cvr, "13748136");
    assert_null(got.address);
    assert_string_equal(got.created_by_name, "Job Consultant");
    assert_int_equal(got.contact_person_count, 2);
    assert_string_equal(got.contact_persons[0].title, "Værkfører");
    assert_null(got.contact_persons[1].phone);
    assert_string_equal(got.contact_persons[1].email, "to@eksempel.dk");

    got.city = "Ikast";
    got.cvr = NULL;
    assert_int_equal(store_employer_update(f->st, &got, 1, &err), SP_OK);
    assert_int_equal(got.version, 2);
    assert_int_equal(store_employer_update(f->st, &got, 1, &err), SP_STALE);
    assert_int_equal(err.current_version, 2);
    got.id = 999;
    assert_int_equal(store_employer_update(f->st, &got, 2, &err), SP_NOT_FOUND);
    assert_int_equal(store_employer_get(f->st, f->arena, e.id, &got, &err), SP_OK);
    assert_string_equal(got.city, "Ikast");
    assert_null(got.cvr);
    assert_int_equal(store_employer_get(f->st, f->arena, 999, &got, &err), SP_NOT_FOUND);

    /* The CVR number: once per municipality (with the one removed above free again). */
    add_employer(f, "657", "A", "12345674", SP_OK);
    add_employer(f, "657", "B", "12345674", SP_CONFLICT);
    add_employer(f, "730", "C", "12345674", SP_OK);
    add_employer(f, "657", "D", "13748136", SP_OK);
    add_employer(f, "657", "E", NULL, SP_OK);
    add_employer(f, "657", "F", NULL, SP_OK);
}

/* The search: one municipality, a substring of the folded name (LIKE's wildcards literal), in
 * folded-name order, paged with the last id as cursor: every row once. */
static void search_pages_by_folded_name(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = {"Zqx Ørsted", "zqx BAGER", "Zqx aalborg", "zqx_Bager",
                                        "Zqx bager"};
    /* Folded (core_text_fold): "zqx ørsted", "zqx bager", "zqx aalborg", "zqx_bager", "zqx
     * bager"; in code-point order with ties by id: aalborg (3), bager (2), bager (5), ørsted (1)
     * — "zqx_bager" has '_' (0x5F) after ' ' (0x20), so it sorts after every "zqx " name. */
    static const int expected[] = {3, 2, 5, 1, 4};
    int64_t ids[5];
    struct store_page page = {.after = 0, .limit = 2};
    size_t total = 0;
    bool more = true;
    struct employer *items = NULL;
    size_t count = 0;
    struct sp_err err = {0};

    seed(f);
    for (size_t i = 0; i < 5; i++)
        ids[i] = add_employer(f, "657", names[i], NULL, SP_OK);
    add_employer(f, "730", "Zqx Randers", NULL, SP_OK);
    while (more) {
        assert_int_equal(store_employer_search(f->st, f->arena, "657", "zqx", &page, &items, &count,
                                               &more, &err),
                         SP_OK);
        for (size_t i = 0; i < count; i++, total++) {
            assert_true(total < 5);
            assert_int_equal(items[i].id, ids[expected[total] - 1]);
            assert_string_equal(items[i].municipality_code, "657");
        }
        if (count > 0)
            page.after = items[count - 1].id;
    }
    assert_int_equal(total, 5);
    page.after = 0;
    page.limit = 10;
    /* "_" is a character, not LIKE's one-character wildcard. */
    assert_int_equal(
        store_employer_search(f->st, f->arena, "657", "x_b", &page, &items, &count, &more, &err),
        SP_OK);
    assert_int_equal(count, 1);
    assert_int_equal(items[0].id, ids[3]);
    assert_int_equal(
        store_employer_search(f->st, f->arena, "657", "ØRSTED", &page, &items, &count, &more, &err),
        SP_OK);
    assert_int_equal(count, 1); /* the text is folded as the column is (core_text_fold)… */
    assert_int_equal(
        store_employer_search(f->st, f->arena, "657", "ørsted", &page, &items, &count, &more, &err),
        SP_OK);
    assert_int_equal(count, 1); /* …so either case finds the name */
    assert_int_equal(items[0].id, ids[0]);
}

static int64_t add_contact(const struct fixture *f, int64_t employer, int64_t enrolment,
                           const char *date)
{
    struct employer_contact c = {.employer_id = employer,
                                 .enrolment_id = enrolment,
                                 .date = date,
                                 .kind = "phone",
                                 .purpose = "follow_up",
                                 .consultant_id = 10,
                                 .created_at = NOW};
    struct sp_err err = {0};

    assert_int_equal(store_employer_contact_add(f->st, &c, &err), SP_OK);
    assert_int_equal(c.version, 1);
    return c.id;
}

/* Read a whole list in pages of two into ids (at most max). */
static size_t walk(const struct fixture *f, const struct store_employer_contact_filter *filter,
                   struct employer_contact *out, size_t max)
{
    struct store_page page = {.after = 0, .limit = 2};
    size_t total = 0;
    bool more = true;

    while (more) {
        struct employer_contact *items = NULL;
        size_t count = 0;
        struct sp_err err = {0};

        assert_int_equal(store_employer_contact_list(f->st, f->arena, filter, &page, &items, &count,
                                                     &more, &err),
                         SP_OK);
        for (size_t i = 0; i < count && total < max; i++)
            out[total++] = items[i];
        if (count > 0)
            page.after = items[count - 1].id;
    }
    return total;
}

/* Contacts newest first (date, then id); those about a young person only through the teams
 * given; an enrolment's own list. */
static void contacts_list_newest_first_by_team(void **state)
{
    struct fixture *f = *state;
    struct employer_contact got[8];
    int64_t team1[] = {1};
    struct store_employer_contact_filter all = {0};
    struct store_employer_contact_filter on_team1 = {0};
    struct store_employer_contact_filter of_enrolment = {.enrolment_id = 1};
    int64_t e;
    int64_t c[5];

    seed(f);
    e = add_employer(f, "657", "Fiktiv Lager", NULL, SP_OK);
    c[0] = add_contact(f, e, 0, "2026-02-01");
    c[1] = add_contact(f, e, 1, "2026-02-10");
    c[2] = add_contact(f, e, 2, "2026-02-05");
    c[3] = add_contact(f, e, 0, "2026-02-10");
    c[4] = add_contact(f, e, 1, "2026-01-20");
    all.employer_id = e;
    on_team1.employer_id = e;
    on_team1.teams.ids = team1;
    on_team1.teams.count = 1;
    /* Newest first; the two of 2026-02-10 by id, the later first. */
    assert_int_equal(walk(f, &all, got, 8), 5);
    assert_int_equal(got[0].id, c[3]);
    assert_int_equal(got[1].id, c[1]);
    assert_int_equal(got[2].id, c[2]);
    assert_int_equal(got[3].id, c[0]);
    assert_int_equal(got[4].id, c[4]);
    assert_int_equal(got[1].citizen_id, 1);
    assert_string_equal(got[1].citizen_name, "Borger En");
    assert_string_equal(got[1].employer_name, "Fiktiv Lager");
    assert_string_equal(got[1].consultant_name, "Job Consultant");
    assert_int_equal(got[0].citizen_id, 0);
    assert_int_equal(got[0].contact_person_id, 0);
    /* Team 1 only: the contact about enrolment 2 (team 2) is left out. */
    assert_int_equal(walk(f, &on_team1, got, 8), 4);
    for (size_t i = 0; i < 4; i++)
        assert_true(got[i].enrolment_id != 2);
    assert_int_equal(walk(f, &of_enrolment, got, 8), 2);
    assert_int_equal(got[0].id, c[1]);
    assert_int_equal(got[1].id, c[4]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(employer_create_get_update),
        FIXTURE_TEST(search_pages_by_folded_name),
        FIXTURE_TEST(contacts_list_newest_first_by_team),
    };

    return fixture_main("employer_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
