/* samspor migrate-data's store side: the table lists name the whole schema, a copy keeps every
 * row (the checksum agrees), and the checksum tells a changed row apart. On SQLite and
 * PostgreSQL (fixture.h); a copy goes to a database of the same engine. */
#include "fixture.h"

#include <string.h>

/* One row of the catalogue: a table's name, counted in *arg once it is in one list. */
static void table_listed_once(void *arg, int columns, char **values)
{
    size_t *found = arg;
    int hits = 0;

    assert_int_equal(columns, 1);
    for (const char *const *t = store_reference_tables; *t != NULL; t++)
        hits += strcmp(*t, values[0]) == 0;
    for (const char *const *t = store_data_tables; *t != NULL; t++)
        hits += strcmp(*t, values[0]) == 0;
    if (hits != 1)
        fail_msg("table %s is listed %d times in store_reference_tables/store_data_tables",
                 values[0], hits);
    (*found)++;
}

/* Every table of the migrated schema (read from the engine's catalogue on a plain connection,
 * not through the code under test) is in exactly one of the two lists: a table added by a
 * migration but not to the lists would be left behind by migrate-data. */
static void lists_name_every_table(void **state)
{
    static const char sqlite_tables[] = "SELECT name FROM sqlite_master WHERE type = 'table'"
                                        " AND name <> 'schema_migration'"
                                        " AND name NOT LIKE 'sqlite_%'";
    static const char pg_tables[] = "SELECT tablename FROM pg_tables"
                                    " WHERE schemaname = current_schema()"
                                    " AND tablename <> 'schema_migration'";
    struct fixture *f = *state;
    size_t found = 0;
    size_t listed = 0;
    char error[512];

    for (const char *const *t = store_reference_tables; *t != NULL; t++)
        listed++;
    for (const char *const *t = store_data_tables; *t != NULL; t++)
        listed++;
    if (sql_plain(f->target, f->engine == FIXTURE_PG ? pg_tables : sqlite_tables, table_listed_once,
                  &found, error, sizeof error) != PLAIN_OK)
        fail_msg("the tables: %s", error);
    assert_int_equal(found, listed);
}

static void add_project(struct store *st, const char *slug)
{
    struct project p;
    struct sp_err err = {0};

    memset(&p, 0, sizeof p);
    p.slug = slug;
    p.name = "Kopi";
    p.description = "æøå 'quoted' \\ backslash";
    p.region.code = "1083";
    p.period_start = "2026-01-01";
    p.period_end = "2027-01-01";
    p.target_count = 10;
    p.age_min = 18;
    p.age_max = 30;
    p.municipality_count = 2;
    p.municipalities[0].code = "657";
    p.municipalities[1].code = "661";
    p.target_group_count = 1;
    p.target_groups[0] = "other";
    p.instrument_count = 1;
    p.instruments[0] = "phq9";
    p.treatment = (struct project_treatment){10, 50, 28, 14, 5, 5, 12, 20, 2};
    assert_int_equal(store_begin_write(st, &err), SP_OK);
    if (store_project_create(st, &p, "2026-11-01T00:00:00Z", &err) != SP_OK)
        fail_msg("project_create %s: %s", slug, err.detail);
    assert_int_equal(store_commit(st, &err), SP_OK);
}

static void copy_keeps_every_row_and_checksum(void **state)
{
    struct fixture *f = *state;
    char path[512];
    struct store *to = NULL;
    struct sp_err err = {0};
    struct store_table_sum a;
    struct store_table_sum b;
    int from = 0;
    int upto = 0;
    int64_t rows = 0;

    add_project(f->st, "kopi-en");
    add_project(f->st, "kopi-to");
    fixture_fresh(f, path, sizeof path);
    assert_int_equal(store_open(path, &test_keys, &to, &err), SP_OK);
    assert_int_equal(store_migrate(to, &from, &upto, &err), SP_OK);
    assert_int_equal(store_begin_write(to, &err), SP_OK);
    for (const char *const *t = store_data_tables; *t != NULL; t++)
        assert_int_equal(store_table_copy(f->st, to, *t, &rows, &err), SP_OK);
    assert_int_equal(store_commit(to, &err), SP_OK);
    for (const char *const *t = store_data_tables; *t != NULL; t++) {
        assert_int_equal(store_table_sum(f->st, *t, &a, &err), SP_OK);
        assert_int_equal(store_table_sum(to, *t, &b, &err), SP_OK);
        assert_int_equal(a.rows, b.rows);
        assert_string_equal(a.digest, b.digest);
    }
    assert_int_equal(sql_int(path, "SELECT COUNT(*) FROM project"), 2);
    assert_int_equal(sql_int(path, "SELECT COUNT(*) FROM project_municipality"), 4);
    /* A new row after the copy gets the next id, not a taken one. */
    add_project(to, "kopi-tre");
    assert_int_equal(sql_int(path, "SELECT MAX(id) FROM project"), 3);
    store_close(to);
}

/* One changed character in one row changes the checksum; the row count alone would not see it. */
static void checksum_sees_a_changed_value(void **state)
{
    struct fixture *f = *state;
    struct store_table_sum before;
    struct store_table_sum after;
    struct sp_err err = {0};

    add_project(f->st, "kopi-en");
    assert_int_equal(store_table_sum(f->st, "project", &before, &err), SP_OK);
    sql_run(f->target, "UPDATE project SET name = 'Kopj'");
    assert_int_equal(store_table_sum(f->st, "project", &after, &err), SP_OK);
    assert_int_equal(before.rows, after.rows);
    assert_true(strcmp(before.digest, after.digest) != 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(lists_name_every_table),
        FIXTURE_TEST(copy_keeps_every_row_and_checksum),
        FIXTURE_TEST(checksum_sees_a_changed_value),
    };

    return fixture_main("copy_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
