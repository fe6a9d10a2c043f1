/* store/ through store.h, against a fresh database per test on SQLite and on PostgreSQL
 * (fixture.h): migrations, reference data, projects, citizens, enrolments, transactions. */
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
#include "base/parse.h"
#include "store/store.h"

#define NOW "2025-06-02T08:00:00Z"

#include "fixture.h"

/* ---- migrations ---------------------------------------------------------------------------- */

/* Each engine's embedded migrations (sqlite/NNNN_*.sql, pg/NNNN_*.sql) are numbered 0001, 0002, …
 * without gaps (the number before '_' is the schema version), so the latest version is their
 * count on each engine; PostgreSQL's are checked when it has any (tests/unit/store/schema_test.c
 * compares the two schemas). */
static void migrations_are_numbered_without_gaps(void **state)
{
    static const char *const engines[] = {"sqlite/", "pg/"};

    (void)state;
    for (size_t e = 0; e < 2; e++) {
        size_t n = 0;

        for (size_t i = 0; i < sp_migrations_count; i++) {
            const char *name = sp_migrations[i].name;
            char prefix[32];

            if (strncmp(name, engines[e], strlen(engines[e])) != 0)
                continue;
            snprintf(prefix, sizeof prefix, "%s%04zu_", engines[e], ++n);
            if (strncmp(name, prefix, strlen(prefix)) != 0)
                fail_msg("migration \"%s\" is out of order, expected a name starting \"%s\"", name,
                         prefix);
        }
        if (e == 0 || n > 0)
            assert_int_equal(store_schema_latest(), (int)n);
    }
}

/* A fresh database is at version 0 and migrates to the latest; a second migrate does nothing.
 * Runs on an empty database of its own, not the fixture's (which is already migrated). */
static void migrate_from_zero_then_noop(void **state)
{
    struct fixture *f = *state;
    char path[512];
    struct store *st = NULL;
    struct sp_err err = {0};
    int version = -1;
    int from = -1;
    int to = -1;
    int latest = store_schema_latest();

    fixture_fresh(f, path, sizeof path);
    assert_int_equal(store_open(path, &test_keys, &st, &err), SP_OK);
    assert_int_equal(store_schema_version(st, &version, &err), SP_OK);
    assert_int_equal(version, 0);
    assert_int_equal(store_migrate(st, &from, &to, &err), SP_OK);
    assert_int_equal(from, 0);
    assert_int_equal(to, latest);
    assert_int_equal(store_schema_version(st, &version, &err), SP_OK);
    assert_int_equal(version, latest);

    from = -1;
    to = -1;
    assert_int_equal(store_migrate(st, &from, &to, &err), SP_OK);
    assert_int_equal(from, latest);
    assert_int_equal(to, latest);
    assert_int_equal(store_ping(st, &err), SP_OK);
    store_close(st);

    /* One schema_migration row per migration, counted on a plain connection. */
    assert_int_equal(sql_int(path, "SELECT COUNT(*) FROM schema_migration"), latest);
    assert_int_equal(sql_int(path, "SELECT COUNT(*) FROM organisation"), 103);
}

/* A database whose schema is newer than this program is refused, and left as it was. */
static void newer_schema_is_refused(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    int from = -1;
    int to = -1;
    int64_t rows_before;

    sql_run(f->target, "INSERT INTO schema_migration (version, name, applied_at)"
                       " VALUES (999, '0999_future.sql', '2030-01-01T00:00:00Z')");
    rows_before = sql_int(f->target, "SELECT COUNT(*) FROM schema_migration");
    assert_int_equal(store_migrate(f->st, &from, &to, &err), SP_CONFLICT);
    assert_int_equal(err.code, SP_CONFLICT);
    assert_int_equal(from, 999);
    assert_true(err.detail[0] != '\0');
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM schema_migration"), rows_before);
}

/* The schema version of the database at target, read by a store of its own opened for that. */
static int version_on_its_own_store(const char *target)
{
    struct store *st = NULL;
    struct sp_err err = {0};
    int version = -1;

    if (store_open(target, &test_keys, &st, &err) != SP_OK ||
        store_schema_version(st, &version, &err) != SP_OK)
        fail_msg("schema version: %s", err.detail);
    store_close(st);
    return version;
}

/* Reading the version of an empty database only reads: version 0, and no table made, so that a
 * database `samspor serve` refuses as unmigrated is left as it was. The relations are counted on
 * a plain connection from the engine's catalogue (SQLite's sqlite_master; PostgreSQL's pg_class
 * outside its own catalogue and TOAST schemas). */
static void version_of_empty_database_writes_nothing(void **state)
{
    static const char sqlite_relations[] = "SELECT COUNT(*) FROM sqlite_master";
    static const char pg_relations[] =
        "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";
    struct fixture *f = *state;
    char path[512];

    fixture_fresh(f, path, sizeof path);
    assert_int_equal(version_on_its_own_store(path), 0);
    assert_int_equal(sql_int(path, f->engine == FIXTURE_PG ? pg_relations : sqlite_relations), 0);
}

/* On a session whose transactions are all read-only, as on the streaming replica --db-read
 * names, the migrated database's version is read. libpq's options parameter sets
 * default_transaction_read_only for the session (postgresql.org/docs/15/libpq-connect.html,
 * runtime-config-client.html); a plain connection on the same URL checks that it took. */
static void version_reads_on_a_read_only_session(void **state)
{
    static const char read_only[] =
        "SELECT CASE WHEN current_setting('default_transaction_read_only') = 'on'"
        " THEN 1 ELSE 0 END";
    struct fixture *f = *state;
    char url[700];

    snprintf(url, sizeof url, "%s%coptions=-c%%20default_transaction_read_only%%3Don", f->target,
             strchr(f->target, '?') ? '&' : '?');
    assert_int_equal(sql_int(url, read_only), 1);
    assert_int_equal(version_on_its_own_store(url), store_schema_latest());
}

/* ---- reference data ------------------------------------------------------------------------ */

/* Reference (docs/sources.md): the regions (code, name, number of municipalities 11/19/22/29/17;
 * [S13b][S14][S16f]) and all 98 municipalities (code, name, region code; HL7 DK Core
 * municipality codes [S16], region from DST's format via [S16f], cross-checked [S14c][S14d]).
 * Tabulated from those sources, not from the migration SQL. */
static const struct {
    const char *code;
    const char *name;
    int municipality_count;
} region_rows[] = {
    {"1081", "Region Nordjylland", 11}, {"1082", "Region Midtjylland", 19},
    {"1083", "Region Syddanmark", 22},  {"1084", "Region Hovedstaden", 29},
    {"1085", "Region Sjælland", 17},
};

static const struct {
    const char *code;
    const char *name;
    const char *region;
} municipality_rows[] = {
    {"101", "København", "1084"},
    {"147", "Frederiksberg", "1084"},
    {"151", "Ballerup", "1084"},
    {"153", "Brøndby", "1084"},
    {"155", "Dragør", "1084"},
    {"157", "Gentofte", "1084"},
    {"159", "Gladsaxe", "1084"},
    {"161", "Glostrup", "1084"},
    {"163", "Herlev", "1084"},
    {"165", "Albertslund", "1084"},
    {"167", "Hvidovre", "1084"},
    {"169", "Høje-Taastrup", "1084"},
    {"173", "Lyngby-Taarbæk", "1084"},
    {"175", "Rødovre", "1084"},
    {"183", "Ishøj", "1084"},
    {"185", "Tårnby", "1084"},
    {"187", "Vallensbæk", "1084"},
    {"190", "Furesø", "1084"},
    {"201", "Allerød", "1084"},
    {"210", "Fredensborg", "1084"},
    {"217", "Helsingør", "1084"},
    {"219", "Hillerød", "1084"},
    {"223", "Hørsholm", "1084"},
    {"230", "Rudersdal", "1084"},
    {"240", "Egedal", "1084"},
    {"250", "Frederikssund", "1084"},
    {"253", "Greve", "1085"},
    {"259", "Køge", "1085"},
    {"260", "Halsnæs", "1084"},
    {"265", "Roskilde", "1085"},
    {"269", "Solrød", "1085"},
    {"270", "Gribskov", "1084"},
    {"306", "Odsherred", "1085"},
    {"316", "Holbæk", "1085"},
    {"320", "Faxe", "1085"},
    {"326", "Kalundborg", "1085"},
    {"329", "Ringsted", "1085"},
    {"330", "Slagelse", "1085"},
    {"336", "Stevns", "1085"},
    {"340", "Sorø", "1085"},
    {"350", "Lejre", "1085"},
    {"360", "Lolland", "1085"},
    {"370", "Næstved", "1085"},
    {"376", "Guldborgsund", "1085"},
    {"390", "Vordingborg", "1085"},
    {"400", "Bornholm", "1084"},
    {"410", "Middelfart", "1083"},
    {"420", "Assens", "1083"},
    {"430", "Faaborg-Midtfyn", "1083"},
    {"440", "Kerteminde", "1083"},
    {"450", "Nyborg", "1083"},
    {"461", "Odense", "1083"},
    {"479", "Svendborg", "1083"},
    {"480", "Nordfyns", "1083"},
    {"482", "Langeland", "1083"},
    {"492", "Ærø", "1083"},
    {"510", "Haderslev", "1083"},
    {"530", "Billund", "1083"},
    {"540", "Sønderborg", "1083"},
    {"550", "Tønder", "1083"},
    {"561", "Esbjerg", "1083"},
    {"563", "Fanø", "1083"},
    {"573", "Varde", "1083"},
    {"575", "Vejen", "1083"},
    {"580", "Aabenraa", "1083"},
    {"607", "Fredericia", "1083"},
    {"615", "Horsens", "1082"},
    {"621", "Kolding", "1083"},
    {"630", "Vejle", "1083"},
    {"657", "Herning", "1082"},
    {"661", "Holstebro", "1082"},
    {"665", "Lemvig", "1082"},
    {"671", "Struer", "1082"},
    {"706", "Syddjurs", "1082"},
    {"707", "Norddjurs", "1082"},
    {"710", "Favrskov", "1082"},
    {"727", "Odder", "1082"},
    {"730", "Randers", "1082"},
    {"740", "Silkeborg", "1082"},
    {"741", "Samsø", "1082"},
    {"746", "Skanderborg", "1082"},
    {"751", "Aarhus", "1082"},
    {"756", "Ikast-Brande", "1082"},
    {"760", "Ringkøbing-Skjern", "1082"},
    {"766", "Hedensted", "1082"},
    {"773", "Morsø", "1081"},
    {"779", "Skive", "1082"},
    {"787", "Thisted", "1081"},
    {"791", "Viborg", "1082"},
    {"810", "Brønderslev", "1081"},
    {"813", "Frederikshavn", "1081"},
    {"820", "Vesthimmerlands", "1081"},
    {"825", "Læsø", "1081"},
    {"840", "Rebild", "1081"},
    {"846", "Mariagerfjord", "1081"},
    {"849", "Jammerbugt", "1081"},
    {"851", "Aalborg", "1081"},
    {"860", "Hjørring", "1081"},
};

#define REGION_COUNT (sizeof region_rows / sizeof region_rows[0])
#define MUNICIPALITY_COUNT (sizeof municipality_rows / sizeof municipality_rows[0])

static size_t list_count(struct fixture *f, const char *kind, const char *region_code)
{
    struct store_org_filter filter = {kind, region_code};
    struct store_page page = {0, 200};
    struct organisation *items = NULL;
    size_t count = 0;
    bool more = true;
    struct sp_err err = {0};

    if (store_organisation_list(f->st, f->arena, &filter, &page, &items, &count, &more, &err) !=
        SP_OK)
        fail_msg("organisation_list kind %s region %s: %s", kind ? kind : "any",
                 region_code ? region_code : "any", err.detail);
    if (more)
        fail_msg("organisation_list kind %s region %s: more than 200", kind ? kind : "any",
                 region_code ? region_code : "any");
    return count;
}

static void reference_counts_match_domain(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(MUNICIPALITY_COUNT, 98);
    assert_int_equal(list_count(f, "region", NULL), 5);
    assert_int_equal(list_count(f, "municipality", NULL), 98);
    assert_int_equal(list_count(f, NULL, NULL), 103);
    for (size_t i = 0; i < REGION_COUNT; i++) {
        size_t n = list_count(f, "municipality", region_rows[i].code);

        if (n != (size_t)region_rows[i].municipality_count)
            fail_msg("region %s: %zu municipalities, expected %d", region_rows[i].code, n,
                     region_rows[i].municipality_count);
    }
}

/* Every organisation of the reference tables, by store_organisation_get: kind, name, region. */
static void every_organisation_matches_domain(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};

    for (size_t i = 0; i < REGION_COUNT; i++) {
        struct organisation o = {0};

        if (store_organisation_get(f->st, f->arena, region_rows[i].code, &o, &err) != SP_OK)
            fail_msg("region %s: %s", region_rows[i].code, err.detail);
        if (strcmp(o.kind, "region") != 0 || strcmp(o.name, region_rows[i].name) != 0 ||
            o.region_code != NULL)
            fail_msg("region %s: %s \"%s\" in %s", region_rows[i].code, o.kind, o.name,
                     o.region_code ? o.region_code : "NULL");
    }
    for (size_t i = 0; i < MUNICIPALITY_COUNT; i++) {
        struct organisation o = {0};

        if (store_organisation_get(f->st, f->arena, municipality_rows[i].code, &o, &err) != SP_OK)
            fail_msg("municipality %s: %s", municipality_rows[i].code, err.detail);
        if (strcmp(o.kind, "municipality") != 0 || strcmp(o.name, municipality_rows[i].name) != 0 ||
            o.region_code == NULL || strcmp(o.region_code, municipality_rows[i].region) != 0)
            fail_msg("municipality %s: %s \"%s\" in %s, expected \"%s\" in %s",
                     municipality_rows[i].code, o.kind, o.name,
                     o.region_code ? o.region_code : "NULL", municipality_rows[i].name,
                     municipality_rows[i].region);
    }
}

/* Thisted and Morsø are in Nordjylland (1081), not Midtjylland ([S16f]; [S14b] has it wrong); and
 * Christiansø (411) is in no municipality list ([S13b][S16e]). */
static void thisted_and_morso_in_nordjylland(void **state)
{
    static const struct {
        const char *code;
        const char *name;
    } rows[] = {{"787", "Thisted"}, {"773", "Morsø"}};
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct organisation o = {0};

    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(store_organisation_get(f->st, f->arena, rows[i].code, &o, &err), SP_OK);
        assert_string_equal(o.name, rows[i].name);
        assert_string_equal(o.region_code, "1081");
    }
    assert_int_equal(store_organisation_get(f->st, f->arena, "411", &o, &err), SP_NOT_FOUND);
    assert_int_equal(store_organisation_get(f->st, f->arena, "0787", &o, &err), SP_NOT_FOUND);
}

/* Keyset pages of 7 walk all 103 organisations once each, in ascending numeric code order: 14
 * full pages and one of 5 (103 = 14 × 7 + 5); only the last says no more. */
static void pagination_walks_every_row_once(void **state)
{
    struct fixture *f = *state;
    struct store_org_filter filter = {NULL, NULL};
    struct store_page page = {0, 7};
    int64_t seen[128];
    size_t total = 0;
    size_t pages = 0;
    bool more = true;

    while (more) {
        struct organisation *items = NULL;
        size_t count = 0;
        struct sp_err err = {0};

        assert_int_equal(
            store_organisation_list(f->st, f->arena, &filter, &page, &items, &count, &more, &err),
            SP_OK);
        pages++;
        if (pages > 20)
            fail_msg("more than 20 pages of 7");
        if (more && count != 7)
            fail_msg("page %zu: %zu rows but more", pages, count);
        for (size_t i = 0; i < count; i++) {
            int64_t code = 0;

            if (!sp_parse_i64(items[i].code, strlen(items[i].code), &code))
                fail_msg("page %zu: code \"%s\" is not a number", pages, items[i].code);
            if (total > 0 && code <= seen[total - 1])
                fail_msg("page %zu: code %lld after %lld (duplicate or out of order)", pages,
                         (long long)code, (long long)seen[total - 1]);
            if (total >= sizeof seen / sizeof seen[0])
                fail_msg("more than %zu rows", sizeof seen / sizeof seen[0]);
            seen[total++] = code;
        }
        if (count > 0)
            page.after = seen[total - 1];
    }
    assert_int_equal(total, 103);
    assert_int_equal(pages, 15);
    /* The smallest code is København 101 and the largest Region Sjælland 1085 ([S16], [S14]). */
    assert_int_equal(seen[0], 101);
    assert_int_equal(seen[102], 1085);
}

/* ---- projects ------------------------------------------------------------------------------ */

/* IBBU-Nord's municipalities (docs/sources.md#ibbu-nord) in an order that is neither by code nor
 * by name, names from [S16]; target groups are codes of 0002_reference_data.sql, also unsorted. */
static const struct org_ref project_municipalities[] = {
    {"787", "Thisted"},
    {"849", "Jammerbugt"},
    {"773", "Morsø"},
    {"820", "Vesthimmerlands"},
};
static const char *const project_target_groups[] = {"sygedagpenge", "dagpenge", "ressourceforloeb"};
static const char *const project_instruments[] = {"phq9", "gad7", "who5"};
static const int project_followups[] = {3, 6, 12, 18};

static int64_t create_project(struct fixture *f, const char *slug)
{
    struct project p;
    struct sp_err err = {0};

    memset(&p, 0, sizeof p);
    p.slug = slug;
    p.name = "IBBU-Nord test";
    p.description = "A project for the store tests.";
    p.region.code = "1081";
    p.period_start = "2025-01-01";
    p.period_end = "2027-12-31";
    p.target_count = 120;
    p.age_min = 18;
    p.age_max = 64;
    p.municipality_count = sizeof project_municipalities / sizeof project_municipalities[0];
    for (size_t i = 0; i < p.municipality_count; i++)
        p.municipalities[i].code = project_municipalities[i].code;
    p.target_group_count = sizeof project_target_groups / sizeof project_target_groups[0];
    for (size_t i = 0; i < p.target_group_count; i++)
        p.target_groups[i] = project_target_groups[i];
    p.instrument_count = sizeof project_instruments / sizeof project_instruments[0];
    for (size_t i = 0; i < p.instrument_count; i++)
        p.instruments[i] = project_instruments[i];
    p.followup_count = sizeof project_followups / sizeof project_followups[0];
    for (size_t i = 0; i < p.followup_count; i++)
        p.followup_months[i] = project_followups[i];
    p.randomised = true;
    if (store_project_create(f->st, &p, NOW, &err) != SP_OK)
        fail_msg("project_create %s: %s", slug, err.detail);
    if (p.id <= 0 || p.version != 1)
        fail_msg("project_create %s: id %lld version %lld", slug, (long long)p.id,
                 (long long)p.version);
    return p.id;
}

static void project_round_trip_keeps_order(void **state)
{
    struct fixture *f = *state;
    struct project got;
    struct sp_err err = {0};
    int64_t id = create_project(f, "ibbu-nord-test");

    memset(&got, 0, sizeof got);
    assert_int_equal(store_project_get(f->st, f->arena, id, &got, &err), SP_OK);
    assert_int_equal(got.id, id);
    assert_string_equal(got.slug, "ibbu-nord-test");
    assert_string_equal(got.name, "IBBU-Nord test");
    assert_string_equal(got.description, "A project for the store tests.");
    assert_string_equal(got.region.code, "1081");
    assert_string_equal(got.region.name, "Region Nordjylland");
    assert_string_equal(got.period_start, "2025-01-01");
    assert_string_equal(got.period_end, "2027-12-31");
    assert_int_equal(got.target_count, 120);
    assert_int_equal(got.age_min, 18);
    assert_int_equal(got.age_max, 64);
    assert_true(got.randomised);
    assert_int_equal(got.version, 1);
    assert_int_equal(got.municipality_count,
                     sizeof project_municipalities / sizeof project_municipalities[0]);
    for (size_t i = 0; i < got.municipality_count; i++) {
        if (strcmp(got.municipalities[i].code, project_municipalities[i].code) != 0 ||
            strcmp(got.municipalities[i].name, project_municipalities[i].name) != 0)
            fail_msg("municipality %zu: %s %s, expected %s %s", i, got.municipalities[i].code,
                     got.municipalities[i].name, project_municipalities[i].code,
                     project_municipalities[i].name);
    }
    assert_int_equal(got.target_group_count,
                     sizeof project_target_groups / sizeof project_target_groups[0]);
    for (size_t i = 0; i < got.target_group_count; i++) {
        if (strcmp(got.target_groups[i], project_target_groups[i]) != 0)
            fail_msg("target group %zu: %s, expected %s", i, got.target_groups[i],
                     project_target_groups[i]);
    }
    assert_int_equal(got.instrument_count,
                     sizeof project_instruments / sizeof project_instruments[0]);
    for (size_t i = 0; i < got.instrument_count; i++)
        assert_string_equal(got.instruments[i], project_instruments[i]);
    assert_int_equal(got.followup_count, sizeof project_followups / sizeof project_followups[0]);
    for (size_t i = 0; i < got.followup_count; i++)
        assert_int_equal(got.followup_months[i], project_followups[i]);

    assert_int_equal(store_project_get(f->st, f->arena, id + 1, &got, &err), SP_NOT_FOUND);
}

static void project_slug_taken_is_conflict(void **state)
{
    struct fixture *f = *state;
    struct project p;
    struct sp_err err = {0};

    (void)create_project(f, "taken-slug");
    memset(&p, 0, sizeof p);
    p.slug = "taken-slug";
    p.name = "Another";
    p.description = "Same slug.";
    p.period_start = "2025-01-01";
    p.period_end = "2025-12-31";
    p.target_count = 1;
    p.age_min = 18;
    p.age_max = 30;
    assert_int_equal(store_project_create(f->st, &p, NOW, &err), SP_CONFLICT);
    assert_string_equal(err.field, "/slug");
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM project"), 1);
}

/* ---- citizens ------------------------------------------------------------------------------ */

/* Synthetic identifiers only: CPR-kontoret's erstatningspersonnummer (day + 60) with serial 9x,
 * which can never be a real CPR number (docs/sources.md#s5); names are invented. */
static int64_t create_citizen(struct fixture *f, const char *identifier, const char *name,
                              enum sp_code expect, struct sp_err *err)
{
    struct citizen c;
    enum sp_code rc;

    memset(&c, 0, sizeof c);
    c.identifier_type = "erstatning";
    c.identifier = identifier;
    c.birth_date = "2001-03-07";
    c.name = name;
    c.municipality_code = "787";
    c.synthetic = true;
    rc = store_citizen_create(f->st, &c, NOW, err);
    if (rc != expect)
        fail_msg("citizen_create %s: %d (%s), expected %d", identifier, rc, err->detail, expect);
    if (rc == SP_OK && (c.id <= 0 || c.version != 1))
        fail_msg("citizen_create %s: id %lld version %lld", identifier, (long long)c.id,
                 (long long)c.version);
    return c.id;
}

/* A record reads back as written. The same identifier registered again is another record, not
 * a conflict (migration 0009): tests/unit/store/person_test.c. */
static void citizen_round_trip(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct citizen got;
    int64_t id = create_citizen(f, "6703014902", "Testa Prøvesen", SP_OK, &err);

    memset(&got, 0, sizeof got);
    assert_int_equal(store_citizen_get(f->st, f->arena, id, &got, &err), SP_OK);
    assert_string_equal(got.identifier_type, "erstatning");
    assert_string_equal(got.identifier, "6703014902");
    assert_string_equal(got.birth_date, "2001-03-07");
    assert_string_equal(got.name, "Testa Prøvesen");
    assert_string_equal(got.municipality_code, "787");
    assert_null(got.phone);
    assert_null(got.email);
    assert_true(got.synthetic);
    assert_int_equal(got.version, 1);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM citizen"), 1);
}

/* The identifier is sealed at rest: the database holds its digits in neither written form (on
 * SQLite: not in the file nor its WAL; on PostgreSQL: in no column of any table), and a wrong key
 * cannot read the row (docs/security-model.md). */
static bool file_contains(const char *path, const char *needle)
{
    FILE *fp = fopen(path, "rb");
    size_t cap = 1 << 20;
    size_t len = 0;
    char *buf;
    bool found = false;

    if (fp == NULL)
        return false;
    buf = malloc(cap);
    for (size_t n; (n = fread(buf + len, 1, cap - len, fp)) > 0;) {
        len += n;
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(fp);
    for (size_t i = 0; !found && i + strlen(needle) <= len; i++)
        found = memcmp(buf + i, needle, strlen(needle)) == 0;
    free(buf);
    return found;
}

static void wrong_key_cannot_read(struct fixture *f, int64_t id)
{
    static const struct sp_keys other_keys = {{9, 9, 9}, {8, 8, 8}, {7, 7, 7}};
    struct sp_err err = {0};
    struct citizen got;
    struct store *other = NULL;

    assert_int_equal(store_open(f->target, &other_keys, &other, &err), SP_OK);
    assert_int_equal(store_citizen_get(other, f->arena, id, &got, &err), SP_INTERNAL);
    store_close(other);
}

/* SQLite only: about its file. */
static void identifier_is_not_in_the_file(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    char wal[600];
    int64_t id = create_citizen(f, "6703014902", "Testa Prøvesen", SP_OK, &err);

    snprintf(wal, sizeof wal, "%s-wal", f->target);
    for (int i = 0; i < 2; i++) {
        const char *path = i ? wal : f->target;

        if (file_contains(path, "6703014902") || file_contains(path, "670301-4902") ||
            file_contains(path, "670301"))
            fail_msg("%s holds the identifier's digits", path);
    }
    wrong_key_cannot_read(f, id);
}

/* A query, built from pg_catalog, with a row per column of every table of the schema whose type
 * is text-like (pg_type's category S: text, varchar, char, name; U: json, jsonb, xml, …; cast to
 * text) or bytea (searched byte by byte): the column and how many of its rows hold "670301",
 * the identifier's first six digits in either written form. */
static const char pg_text_scan[] =
    "SELECT string_agg(format('SELECT %L AS at, COUNT(*) AS n FROM %I.%I WHERE ' ||"
    " CASE WHEN t.typname = 'bytea' THEN 'position(''670301''::bytea IN %I) > 0'"
    " ELSE 'CAST(%I AS TEXT) LIKE ''%%670301%%''' END,"
    " c.relname || '.' || a.attname, n.nspname, c.relname, a.attname), ' UNION ALL ')"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
    " JOIN pg_type t ON t.oid = a.atttypid"
    " WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()"
    " AND (t.typcategory IN ('S', 'U') OR t.typname = 'bytea')";

struct text_scan {
    char *query;
    int columns;
    int holding;
    char first[128]; /* the first column that holds the digits */
};

static void keep_query(void *arg, int columns, char **values)
{
    struct text_scan *scan = arg;

    assert_int_equal(columns, 1);
    assert_non_null(values[0]);
    scan->query = sp_xstrdup(values[0]);
}

static void count_holding(void *arg, int columns, char **values)
{
    struct text_scan *scan = arg;

    assert_int_equal(columns, 2);
    scan->columns++;
    if (strcmp(values[1], "0") != 0 && scan->holding++ == 0)
        snprintf(scan->first, sizeof scan->first, "%s", values[0]);
}

/* Every text column of every table, read on a plain connection: *scan counts the columns and
 * those holding the digits. */
static void scan_text_columns(const struct fixture *f, struct text_scan *scan)
{
    char error[512];

    memset(scan, 0, sizeof *scan);
    if (sql_plain(f->target, pg_text_scan, keep_query, scan, error, sizeof error) != PLAIN_OK)
        fail_msg("the text columns: %s", error);
    if (sql_plain(f->target, scan->query, count_holding, scan, error, sizeof error) != PLAIN_OK)
        fail_msg("the scan: %s", error);
    free(scan->query);
}

/* PostgreSQL only, the counterpart of identifier_is_not_in_the_file: the server's files are its
 * own, so every text column of every table is read instead. */
static void identifier_is_in_no_column(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct text_scan scan;
    int64_t id = create_citizen(f, "6703014902", "Testa Prøvesen", SP_OK, &err);

    scan_text_columns(f, &scan);
    if (scan.holding > 0)
        fail_msg("%s (and %d more columns) holds the identifier's digits", scan.first,
                 scan.holding - 1);
    /* The scan finds the digits where they are in plain text. */
    sql_run(f->target, "UPDATE citizen SET name = 'Testa 670301'");
    scan_text_columns(f, &scan);
    assert_int_equal(scan.holding, 1);
    assert_string_equal(scan.first, "citizen.name");
    assert_true(scan.columns > 1);
    wrong_key_cannot_read(f, id);
}

/* Names for the search rows; each row of search_rows lists the indexes it must find. ÆBLE and
 * æble differ only in case (UnicodeData.txt: U+00C6 lower-cases to U+00E6); % and _ are LIKE's
 * wildcards (sqlite.org/lang_expr.html#like) and must match only themselves. */
static const struct {
    const char *identifier;
    const char *name;
} search_people[] = {
    {"6703014912", "ÆBLEGÅRD Testesen"}, /* 0 */
    {"6703014922", "Mette æblemost"},    /* 1 */
    {"6703014932", "Pære Prøve"},        /* 2 */
    {"6703014942", "Rabat 100% Prøve"},  /* 3 */
    {"6703014952", "Rabat 100X Prøve"},  /* 4 */
    {"6703014962", "a_b Prøve"},         /* 5 */
    {"6703014972", "aXb Prøve"},         /* 6 */
    {"6703014982", "back\\slash Prøve"}, /* 7 */
    {"6703014992", "Åse Ørnebjerg"},     /* 8 */
};

#define SEARCH_PEOPLE (sizeof search_people / sizeof search_people[0])

static const struct {
    const char *name_part;
    unsigned found; /* bit i: search_people[i] */
} search_rows[] = {
    {"ÆBLE", 1u << 0 | 1u << 1},
    {"æble", 1u << 0 | 1u << 1},
    {"Æble", 1u << 0 | 1u << 1},
    {"ØRNE", 1u << 8},
    {"åse", 1u << 8},
    {"%", 1u << 3},
    {"0%", 1u << 3},
    {"_", 1u << 5},
    {"a_b", 1u << 5},
    {"\\", 1u << 7},
    {"prøve", 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7},
    {"PRØVE", 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7},
    {"zzz", 0},
};

static void citizen_search_folds_and_escapes(void **state)
{
    struct fixture *f = *state;
    int64_t ids[SEARCH_PEOPLE];

    for (size_t i = 0; i < SEARCH_PEOPLE; i++) {
        struct sp_err err = {0};

        ids[i] = create_citizen(f, search_people[i].identifier, search_people[i].name, SP_OK, &err);
    }
    for (size_t r = 0; r < sizeof search_rows / sizeof search_rows[0]; r++) {
        struct store_citizen_filter filter = {NULL, search_rows[r].name_part, {NULL, 0}, 0};
        struct store_page page = {0, 200};
        struct citizen *items = NULL;
        size_t count = 0;
        bool more = true;
        struct sp_err err = {0};
        unsigned found = 0;

        if (store_citizen_list(f->st, f->arena, &filter, &page, &items, &count, &more, &err) !=
            SP_OK)
            fail_msg("row %zu \"%s\": %s", r, search_rows[r].name_part, err.detail);
        for (size_t k = 0; k < count; k++) {
            for (size_t i = 0; i < SEARCH_PEOPLE; i++) {
                if (items[k].id == ids[i])
                    found |= 1u << i;
            }
        }
        if (found != search_rows[r].found || more)
            fail_msg("row %zu \"%s\": found %#x, expected %#x", r, search_rows[r].name_part, found,
                     search_rows[r].found);
    }
}

/* ---- enrolments ---------------------------------------------------------------------------- */

static int64_t create_enrolment(struct fixture *f, int64_t *citizen_id)
{
    struct enrolment e;
    struct sp_err err = {0};

    memset(&e, 0, sizeof e);
    e.project_id = create_project(f, "enrolment-test");
    e.citizen_id = create_citizen(f, "6703014902", "Testa Prøvesen", SP_OK, &err);
    e.referral_date = "2025-05-30";
    e.referral_source = "jobcenter";
    e.target_group = "dagpenge";
    e.status = "referred";
    if (store_enrolment_create(f->st, &e, NOW, &err) != SP_OK)
        fail_msg("enrolment_create: %s", err.detail);
    if (e.id <= 0 || e.version != 1)
        fail_msg("enrolment_create: id %lld version %lld", (long long)e.id, (long long)e.version);
    if (citizen_id != NULL)
        *citizen_id = e.citizen_id;
    return e.id;
}

static void enrolment_update_checks_version(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct enrolment e;
    struct enrolment got;
    int64_t id = create_enrolment(f, NULL);

    memset(&e, 0, sizeof e);
    assert_int_equal(store_enrolment_get(f->st, f->arena, id, &e, &err), SP_OK);
    assert_int_equal(e.version, 1);
    assert_string_equal(e.status, "referred");
    assert_string_equal(e.status_changed, NOW);

    /* Wrong version: SP_STALE naming the current one, and nothing written. */
    e.status = "screening";
    e.status_changed = "2025-06-03T09:00:00Z";
    e.referral_source = "lægen";
    memset(&err, 0, sizeof err);
    assert_int_equal(store_enrolment_update(f->st, &e, 7, &err), SP_STALE);
    assert_int_equal(err.code, SP_STALE);
    assert_int_equal(err.current_version, 1);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_enrolment_get(f->st, f->arena, id, &got, &err), SP_OK);
    assert_int_equal(got.version, 1);
    assert_string_equal(got.status, "referred");
    assert_string_equal(got.referral_source, "jobcenter");
    assert_string_equal(got.status_changed, NOW);

    /* Right version: written, version + 1. */
    memset(&err, 0, sizeof err);
    assert_int_equal(store_enrolment_update(f->st, &e, 1, &err), SP_OK);
    assert_int_equal(e.version, 2);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_enrolment_get(f->st, f->arena, id, &got, &err), SP_OK);
    assert_int_equal(got.version, 2);
    assert_string_equal(got.status, "screening");
    assert_string_equal(got.referral_source, "lægen");
    assert_string_equal(got.status_changed, "2025-06-03T09:00:00Z");

    /* The old version again: stale now, naming 2. */
    memset(&err, 0, sizeof err);
    assert_int_equal(store_enrolment_update(f->st, &e, 1, &err), SP_STALE);
    assert_int_equal(err.current_version, 2);

    /* A missing enrolment is not found, not stale. */
    e.id = id + 100;
    memset(&err, 0, sizeof err);
    assert_int_equal(store_enrolment_update(f->st, &e, 1, &err), SP_NOT_FOUND);
}

static void enrolment_twice_is_conflict(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct enrolment e;
    struct enrolment first;
    int64_t id = create_enrolment(f, NULL);

    memset(&first, 0, sizeof first);
    assert_int_equal(store_enrolment_get(f->st, f->arena, id, &first, &err), SP_OK);
    memset(&e, 0, sizeof e);
    e.project_id = first.project_id;
    e.citizen_id = first.citizen_id;
    e.referral_date = "2025-05-31";
    e.referral_source = "egen henvendelse";
    e.target_group = "dagpenge";
    e.status = "referred";
    assert_int_equal(store_enrolment_create(f->st, &e, NOW, &err), SP_CONFLICT);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM enrolment"), 1);
}

/* ---- transactions -------------------------------------------------------------------------- */

static void rollback_leaves_no_row(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct citizen got;
    int64_t count = -1;
    int64_t id;

    assert_int_equal(store_begin_write(f->st, &err), SP_OK);
    id = create_citizen(f, "6703014902", "Testa Prøvesen", SP_OK, &err);
    assert_int_equal(store_count(f->st, "citizen", &count, &err), SP_OK);
    assert_int_equal(count, 1); /* visible inside its own transaction */
    store_rollback(f->st);
    assert_int_equal(store_count(f->st, "citizen", &count, &err), SP_OK);
    assert_int_equal(count, 0);
    assert_int_equal(store_citizen_get(f->st, f->arena, id, &got, &err), SP_NOT_FOUND);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM citizen"), 0);

    /* Rollback with no transaction open, and of NULL, does nothing (store.h: "never fails"). */
    store_rollback(f->st);
    store_rollback(NULL);
    assert_int_equal(store_ping(f->st, &err), SP_OK);
}

/* A write transaction's rows are invisible to a second connection until commit (SQLite's WAL:
 * readers see the last committed snapshot, sqlite.org/wal.html; PostgreSQL: a statement sees
 * what was committed before it began, postgresql.org/docs/15/transaction-iso.html), then
 * visible. */
static void second_connection_sees_only_committed(void **state)
{
    struct fixture *f = *state;
    struct store *other = NULL;
    struct sp_err err = {0};
    struct citizen got;
    int64_t count = -1;
    int64_t id;

    assert_int_equal(store_open(f->target, &test_keys, &other, &err), SP_OK);
    assert_int_equal(store_begin_write(f->st, &err), SP_OK);
    id = create_citizen(f, "6703014902", "Testa Prøvesen", SP_OK, &err);

    assert_int_equal(store_count(other, "citizen", &count, &err), SP_OK);
    assert_int_equal(count, 0);
    assert_int_equal(store_citizen_get(other, f->arena, id, &got, &err), SP_NOT_FOUND);

    assert_int_equal(store_commit(f->st, &err), SP_OK);
    assert_int_equal(store_count(other, "citizen", &count, &err), SP_OK);
    assert_int_equal(count, 1);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_citizen_get(other, f->arena, id, &got, &err), SP_OK);
    assert_string_equal(got.identifier, "6703014902");
    store_close(other);
}

/* Eligibility decisions are answered whole with the one in force (an object, not a page), so the
 * store reads every one: 1,001 decisions — one more than a page of TREATMENT_LIST_MAX — all come
 * back, in order. Before, the read stopped silently at 1,000. */
static void eligibility_list_is_never_cut(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct eligibility_decision *items = NULL;
    size_t count = 0;
    int64_t enrolment_id = create_enrolment(f, NULL);

    sql_run(f->target,
            "INSERT INTO app_user (id, username, display_name, organisation_code, password_hash,"
            " created_at) VALUES (900, 'clinician.test', 'Kliniker', '1082', 'x', '" NOW "')");
    for (int i = 0; i < TREATMENT_LIST_MAX + 1; i++) {
        struct eligibility_decision d = {.enrolment_id = enrolment_id,
                                         .suggestion = "eligible",
                                         .reasons = "",
                                         .decision = "eligible",
                                         .why = "Test",
                                         .decided_by = 900,
                                         .date = "2025-06-01",
                                         .recorded_at = NOW};

        if (store_eligibility_add(f->st, &d, &err) != SP_OK)
            fail_msg("eligibility_add %d: %s", i, err.detail);
    }
    assert_int_equal(store_eligibility_list(f->st, f->arena, enrolment_id, &items, &count, &err),
                     SP_OK);
    assert_int_equal(count, TREATMENT_LIST_MAX + 1);
    for (size_t i = 1; i < count; i++)
        assert_true(items[i].id > items[i - 1].id);
}

/* An enrolment of citizen_id in a new project (slug) on a new team in municipality (NULL: no
 * team); *team_id gets the team's id (0 without one). */
static int64_t enrol_in_new_project(struct fixture *f, const char *slug, int64_t citizen_id,
                                    const char *municipality, int64_t *team_id)
{
    struct team t = {0, create_project(f, slug), municipality, "Testteam"};
    struct enrolment e = {.project_id = t.project_id,
                          .citizen_id = citizen_id,
                          .referral_date = "2025-05-30",
                          .referral_source = "jobcenter",
                          .target_group = "dagpenge",
                          .status = "referred"};
    struct sp_err err = {0};

    if (municipality != NULL && store_team_create(f->st, &t, &err) != SP_OK)
        fail_msg("team_create %s: %s", slug, err.detail);
    e.team_id = t.id;
    if (store_enrolment_create(f->st, &e, NOW, &err) != SP_OK)
        fail_msg("enrolment_create %s: %s", slug, err.detail);
    if (team_id != NULL)
        *team_id = t.id;
    return e.id;
}

/* Where a citizen is enrolled is read whole: the policy decides over every place, so a citizen
 * in more projects than the old fixed array held (16) gets every one, in enrolment order, each
 * with its team and the team's municipality. Before, places past the 16th were dropped. */
static void citizen_places_are_never_cut(void **state)
{
    enum { PLACES = 40 };
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct citizen_place *places = NULL;
    size_t count = 0;
    int64_t enrolments[PLACES];
    int64_t teams[PLACES];
    int64_t citizen = create_citizen(f, "6703014902", "Testa Mangesteder", SP_OK, &err);

    for (int i = 0; i < PLACES; i++) {
        char slug[32];

        snprintf(slug, sizeof slug, "places-%d", i);
        enrolments[i] = enrol_in_new_project(f, slug, citizen, i % 2 ? "773" : NULL, &teams[i]);
    }
    assert_int_equal(store_citizen_places(f->st, f->arena, citizen, &places, &count, &err), SP_OK);
    assert_int_equal(count, PLACES);
    for (int i = 0; i < PLACES; i++) {
        assert_int_equal(places[i].enrolment_id, enrolments[i]);
        assert_int_equal(places[i].team_id, teams[i]);
        if (i % 2)
            assert_string_equal(places[i].municipality_code, "773");
        else
            assert_null(places[i].municipality_code);
    }
}

/* The team filter is an id set bound as one parameter: ids NULL is any team, an empty set none,
 * and otherwise only enrolments on one of the teams; an enrolment without a team is in no set. */
static void enrolment_list_filters_by_team_set(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct store_page page = {0, 50};
    struct enrolment *items = NULL;
    size_t count = 0;
    bool more = false;
    int64_t teams[3];
    int64_t ids[3];
    int64_t citizen = create_citizen(f, "6703014902", "Testa Holdsen", SP_OK, &err);

    for (int i = 0; i < 3; i++) {
        char slug[32];

        snprintf(slug, sizeof slug, "team-set-%d", i);
        ids[i] = enrol_in_new_project(f, slug, citizen, i < 2 ? "773" : NULL, &teams[i]);
    }
    struct {
        struct store_ids teams;
        size_t expect;
        int64_t first;
    } cases[] = {
        {{NULL, 0}, 3, ids[0]},
        {{teams, 0}, 0, 0},
        {{&teams[1], 1}, 1, ids[1]},
        {{teams, 2}, 2, ids[0]},
    };

    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        struct store_enrolment_filter filter = {.teams = cases[c].teams};

        assert_int_equal(
            store_enrolment_list(f->st, f->arena, &filter, &page, &items, &count, &more, &err),
            SP_OK);
        assert_int_equal(count, cases[c].expect);
        assert_false(more);
        if (count > 0)
            assert_int_equal(items[0].id, cases[c].first);
    }
}

/* An enrolment's episodes are read whole, newest start first: 120 of them (more than the old
 * fixed 100) all come back. */
static void episode_list_is_never_cut(void **state)
{
    enum { EPISODES = 120 };
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct episode *items = NULL;
    size_t count = 0;
    int64_t enrolment_id = create_enrolment(f, NULL);

    for (int i = 0; i < EPISODES; i++) {
        char start[11];
        struct episode ep = {.enrolment_id = enrolment_id, .kind = "course", .start_date = start};

        snprintf(start, sizeof start, "2025-%02d-%02d", 1 + i / 28, 1 + i % 28);
        if (store_episode_create(f->st, &ep, NOW, &err) != SP_OK)
            fail_msg("episode_create %d: %s", i, err.detail);
    }
    assert_int_equal(store_episode_list(f->st, f->arena, enrolment_id, &items, &count, &err),
                     SP_OK);
    assert_int_equal(count, EPISODES);
    for (size_t i = 1; i < count; i++)
        assert_true(strcmp(items[i - 1].start_date, items[i].start_date) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrations_are_numbered_without_gaps),
        FIXTURE_TEST(migrate_from_zero_then_noop),
        FIXTURE_TEST(newer_schema_is_refused),
        FIXTURE_TEST(version_of_empty_database_writes_nothing),
        FIXTURE_TEST(reference_counts_match_domain),
        FIXTURE_TEST(every_organisation_matches_domain),
        FIXTURE_TEST(thisted_and_morso_in_nordjylland),
        FIXTURE_TEST(pagination_walks_every_row_once),
        FIXTURE_TEST(project_round_trip_keeps_order),
        FIXTURE_TEST(project_slug_taken_is_conflict),
        FIXTURE_TEST(citizen_round_trip),
        FIXTURE_TEST(citizen_search_folds_and_escapes),
        FIXTURE_TEST(enrolment_update_checks_version),
        FIXTURE_TEST(enrolment_twice_is_conflict),
        FIXTURE_TEST(rollback_leaves_no_row),
        FIXTURE_TEST(second_connection_sees_only_committed),
        FIXTURE_TEST(eligibility_list_is_never_cut),
        FIXTURE_TEST(citizen_places_are_never_cut),
        FIXTURE_TEST(enrolment_list_filters_by_team_set),
        FIXTURE_TEST(episode_list_is_never_cut),
    };
    const struct CMUnitTest sqlite_only[] = {
        FIXTURE_TEST(identifier_is_not_in_the_file),
    };
    const struct CMUnitTest pg_only[] = {
        FIXTURE_TEST(identifier_is_in_no_column),
        FIXTURE_TEST(version_reads_on_a_read_only_session),
    };

    return fixture_main("store_test", FIXTURE_TESTS(tests), FIXTURE_TESTS(sqlite_only),
                        FIXTURE_TESTS(pg_only));
}
