/* store/: the two engines' migrations give the same schema (docs/architecture.md "Migrations").
 * Every sqlite/NNNN_name.sql has a pg/NNNN_name.sql; a fresh SQLite file and, when
 * SAMSPOR_TEST_PG names a PostgreSQL server (postgresql://user@host:port), a fresh PostgreSQL
 * database are migrated to the latest version by store_migrate, as the product does, and their
 * catalogues are compared: tables; columns with type, NOT NULL and default; primary keys; unique
 * constraints; indexes by name; foreign keys; the reference data rows; and sp_fold against
 * core_text_fold.
 *
 * Each catalogue is read with its engine's own library (sqlite3's pragmas, libpq on pg_catalog),
 * never through the store, so the check shares no code with what it checks. Each side becomes a
 * sorted list of facts, one line each ("column citizen.name string not null"), and the test prints
 * the lines found on one side only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/embedded.h"
#include "base/mem.h"
#include "core/text.h"
#include "store/store.h"

#include "plain.h"

static const struct sp_keys test_keys = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};

/* A sorted list of one-line facts about a schema. */
struct facts {
    char **line;
    size_t count;
    size_t cap;
};

static void facts_add(struct facts *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void facts_add(struct facts *f, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    if (f->count == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->line = sp_xrealloc(f->line, f->cap * sizeof *f->line);
    }
    f->line[f->count++] = sp_xstrdup(buf);
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void facts_free(struct facts *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->line[i]);
    free(f->line);
    memset(f, 0, sizeof *f);
}

/* Prints every line found on one side only and returns how many there are. */
static size_t facts_diff(struct facts *sqlite, struct facts *pg)
{
    size_t i = 0;
    size_t j = 0;
    size_t differences = 0;

    qsort(sqlite->line, sqlite->count, sizeof *sqlite->line, compare_lines);
    qsort(pg->line, pg->count, sizeof *pg->line, compare_lines);
    while (i < sqlite->count || j < pg->count) {
        int c = i == sqlite->count ? 1 : j == pg->count ? -1 : strcmp(sqlite->line[i], pg->line[j]);

        if (c < 0)
            print_message("only in SQLite:     %s\n", sqlite->line[i++]);
        else if (c > 0)
            print_message("only in PostgreSQL: %s\n", pg->line[j++]);
        else
            i++, j++;
        differences += c != 0;
    }
    return differences;
}

/* Types as each engine names them, and the one name the comparison uses: a name neither engine
 * uses, so that an unmapped type (PostgreSQL's 32-bit "integer") never matches by accident. */
static const struct {
    const char *sqlite;
    const char *pg;
    const char *common;
} type_map[] = {
    {"INTEGER", "bigint", "int64"},
    {"TEXT", "text", "string"},
    {"BLOB", "bytea", "bytes"},
};

static const char *common_type(const char *name, bool is_pg)
{
    for (size_t i = 0; i < sizeof type_map / sizeof type_map[0]; i++)
        if (strcmp(name, is_pg ? type_map[i].pg : type_map[i].sqlite) == 0)
            return type_map[i].common;
    return name; /* unmapped: shown as it is, and so never equal to the other side */
}

/* A default as text without PostgreSQL's cast suffix ("'x'::text", "0"). NULL: none. */
static void default_text(const char *value, char *out, size_t size)
{
    const char *cast = value ? strstr(value, "::") : NULL;
    size_t len = value == NULL ? 0 : cast ? (size_t)(cast - value) : strlen(value);

    snprintf(out, size, "%s%.*s", value ? " default " : "", (int)len, value ? value : "");
}

/* ---- SQLite: sqlite3 and its pragmas ---- */

static sqlite3_stmt *lite_prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("sqlite: %s: %s", sql, sqlite3_errmsg(db));
    return stmt;
}

static const char *lite_text(sqlite3_stmt *stmt, int col)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);

    return t ? (const char *)t : "";
}

static void lite_columns(sqlite3 *db, const char *table, struct facts *f)
{
    char sql[256];
    char pk[512] = "";
    int pk_count = 0;
    sqlite3_stmt *stmt;

    /* pragma table_info: cid, name, type, notnull, dflt_value, pk (position in the key, or 0) */
    snprintf(sql, sizeof sql,
             "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('%s')"
             " ORDER BY pk",
             table);
    stmt = lite_prepare(db, sql);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *name = lite_text(stmt, 0);
        int in_pk = sqlite3_column_int(stmt, 4);
        char dflt[128];

        default_text((const char *)sqlite3_column_text(stmt, 3), dflt, sizeof dflt);
        /* A key column is NOT NULL on PostgreSQL; on SQLite only an INTEGER PRIMARY KEY (the
         * rowid) is, but every key column of this schema is meant to be. */
        facts_add(f, "column %s.%s %s%s%s", table, name, common_type(lite_text(stmt, 1), false),
                  sqlite3_column_int(stmt, 2) || in_pk ? " not null" : "", dflt);
        if (in_pk) {
            size_t used = strlen(pk);
            snprintf(pk + used, sizeof pk - used, "%s%s", pk_count++ ? "," : "", name);
        }
    }
    sqlite3_finalize(stmt);
    if (pk_count > 0)
        facts_add(f, "primary key %s (%s)", table, pk);
}

/* The key columns of an index; an expression is "<expr>". */
static void lite_index_columns(sqlite3 *db, const char *index, char *out, size_t size)
{
    char sql[256];
    sqlite3_stmt *stmt;
    size_t used = 0;

    snprintf(sql, sizeof sql, "SELECT name FROM pragma_index_info('%s') ORDER BY seqno", index);
    stmt = lite_prepare(db, sql);
    out[0] = '\0';
    while (sqlite3_step(stmt) == SQLITE_ROW && used < size) {
        const char *name =
            sqlite3_column_type(stmt, 0) == SQLITE_NULL ? "<expr>" : lite_text(stmt, 0);
        used += (size_t)snprintf(out + used, size - used, "%s%s", used ? "," : "", name);
    }
    sqlite3_finalize(stmt);
}

/* pragma index_list: origin 'u' is a UNIQUE constraint (named by SQLite, so compared by its
 * columns), 'c' a CREATE INDEX (compared by name), 'pk' the primary key (lite_columns). */
static void lite_indexes(sqlite3 *db, const char *table, struct facts *f)
{
    char sql[256];
    sqlite3_stmt *stmt;

    snprintf(sql, sizeof sql,
             "SELECT name, \"unique\", origin, partial FROM pragma_index_list('%s')", table);
    stmt = lite_prepare(db, sql);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *origin = lite_text(stmt, 2);
        char cols[512];

        lite_index_columns(db, lite_text(stmt, 0), cols, sizeof cols);
        if (strcmp(origin, "u") == 0)
            facts_add(f, "unique %s (%s)", table, cols);
        else if (strcmp(origin, "c") == 0)
            facts_add(f, "index %s %s%s (%s)%s", table, lite_text(stmt, 0),
                      sqlite3_column_int(stmt, 1) ? " unique" : "", cols,
                      sqlite3_column_int(stmt, 3) ? " partial" : "");
    }
    sqlite3_finalize(stmt);
}

/* pragma foreign_key_list: one row per column, grouped by id. Every reference in this schema
 * names its column, so "to" is never NULL. */
static void lite_foreign_keys(sqlite3 *db, const char *table, struct facts *f)
{
    char sql[384];
    sqlite3_stmt *stmt;

    snprintf(sql, sizeof sql,
             "SELECT \"table\", group_concat(\"from\", ','), group_concat(\"to\", ','),"
             " on_update, on_delete FROM (SELECT * FROM pragma_foreign_key_list('%s')"
             " ORDER BY id, seq) GROUP BY id",
             table);
    stmt = lite_prepare(db, sql);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        facts_add(f, "foreign key %s (%s) -> %s (%s) on update %s on delete %s", table,
                  lite_text(stmt, 1), lite_text(stmt, 0), lite_text(stmt, 2), lite_text(stmt, 3),
                  lite_text(stmt, 4));
    sqlite3_finalize(stmt);
}

static void lite_schema(sqlite3 *db, struct facts *f)
{
    sqlite3_stmt *stmt = lite_prepare(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                          " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                          " AND name <> 'schema_migration'");

    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *table = lite_text(stmt, 0);

        facts_add(f, "table %s", table);
        lite_columns(db, table, f);
        lite_indexes(db, table, f);
        lite_foreign_keys(db, table, f);
    }
    sqlite3_finalize(stmt);
}

/* Each row of a query as one fact, its values joined with '|' (NULL as "NULL"). */
static void lite_rows(sqlite3 *db, const char *sql, struct facts *f)
{
    sqlite3_stmt *stmt = lite_prepare(db, sql);

    while (sqlite3_step(stmt) == SQLITE_ROW) {
        char row[1024];
        size_t used = 0;

        for (int c = 0; c < sqlite3_column_count(stmt) && used < sizeof row; c++)
            used += (size_t)snprintf(
                row + used, sizeof row - used, "%s%s", c ? "|" : "",
                sqlite3_column_type(stmt, c) == SQLITE_NULL ? "NULL" : lite_text(stmt, c));
        facts_add(f, "%s", row);
    }
    sqlite3_finalize(stmt);
}

/* ---- PostgreSQL: libpq and pg_catalog ---- */

static PGresult *pg_query(PGconn *conn, const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    ExecStatusType status = PQresultStatus(res);

    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        fail_msg("postgresql: %s: %s", sql, PQerrorMessage(conn));
    return res;
}

static const char *pg_value(PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* Every catalogue query leaves out schema_migration: store.c makes it with one statement on both
 * engines (its version is a 32-bit integer on PostgreSQL, which is enough), not a migration. */
#define PG_OURS "n.nspname = current_schema() AND t.relname <> 'schema_migration'"

static const char pg_tables_sql[] =
    "SELECT t.relname FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
    " WHERE t.relkind = 'r' AND " PG_OURS;

static const char pg_columns_sql[] =
    "SELECT t.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
    "       pg_get_expr(d.adbin, d.adrelid)"
    " FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
    " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped"
    " LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum"
    " WHERE t.relkind = 'r' AND " PG_OURS;

/* The key columns of each index (attnum 0 is an expression), whether it backs a PRIMARY KEY or
 * UNIQUE constraint, and whether it is partial. */
static const char pg_indexes_sql[] =
    "SELECT t.relname, i.relname, x.indisprimary,"
    "       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid"
    "               AND k.contype = 'u'),"
    "       x.indisunique, x.indpred IS NOT NULL,"
    "       (SELECT string_agg(COALESCE(a.attname, '<expr>'), ',' ORDER BY k.n)"
    "          FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)"
    "          LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum"
    "         WHERE k.n <= x.indnkeyatts)"
    " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
    " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
    " WHERE " PG_OURS;

/* Referential actions by their pg_constraint letter (confupdtype, confdeltype). */
static const char pg_foreign_keys_sql[] =
    "SELECT t.relname, r.relname,"
    "       (SELECT string_agg(a.attname, ',' ORDER BY k.n)"
    "          FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)"
    "          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),"
    "       (SELECT string_agg(a.attname, ',' ORDER BY k.n)"
    "          FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)"
    "          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum),"
    "       c.confupdtype, c.confdeltype"
    " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
    " JOIN pg_class r ON r.oid = c.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
    " WHERE c.contype = 'f' AND " PG_OURS;

static const char *pg_action(const char *letter)
{
    switch (letter[0]) {
    case 'r':
        return "RESTRICT";
    case 'c':
        return "CASCADE";
    case 'n':
        return "SET NULL";
    case 'd':
        return "SET DEFAULT";
    default:
        return "NO ACTION";
    }
}

static void pg_columns(PGconn *conn, struct facts *f)
{
    PGresult *res = pg_query(conn, pg_columns_sql);

    for (int r = 0; r < PQntuples(res); r++) {
        char dflt[128];

        default_text(pg_value(res, r, 4), dflt, sizeof dflt);
        facts_add(f, "column %s.%s %s%s%s", pg_value(res, r, 0), pg_value(res, r, 1),
                  common_type(pg_value(res, r, 2), true),
                  strcmp(pg_value(res, r, 3), "t") == 0 ? " not null" : "", dflt);
    }
    PQclear(res);
}

static void pg_indexes(PGconn *conn, struct facts *f)
{
    PGresult *res = pg_query(conn, pg_indexes_sql);

    for (int r = 0; r < PQntuples(res); r++) {
        const char *table = pg_value(res, r, 0);
        const char *cols = pg_value(res, r, 6);

        if (strcmp(pg_value(res, r, 2), "t") == 0)
            facts_add(f, "primary key %s (%s)", table, cols);
        else if (strcmp(pg_value(res, r, 3), "t") == 0)
            facts_add(f, "unique %s (%s)", table, cols);
        else
            facts_add(f, "index %s %s%s (%s)%s", table, pg_value(res, r, 1),
                      strcmp(pg_value(res, r, 4), "t") == 0 ? " unique" : "", cols,
                      strcmp(pg_value(res, r, 5), "t") == 0 ? " partial" : "");
    }
    PQclear(res);
}

static void pg_schema(PGconn *conn, struct facts *f)
{
    PGresult *res = pg_query(conn, pg_tables_sql);

    for (int r = 0; r < PQntuples(res); r++)
        facts_add(f, "table %s", pg_value(res, r, 0));
    PQclear(res);
    pg_columns(conn, f);
    pg_indexes(conn, f);
    res = pg_query(conn, pg_foreign_keys_sql);
    for (int r = 0; r < PQntuples(res); r++)
        facts_add(f, "foreign key %s (%s) -> %s (%s) on update %s on delete %s",
                  pg_value(res, r, 0), pg_value(res, r, 2), pg_value(res, r, 1),
                  pg_value(res, r, 3), pg_action(pg_value(res, r, 4)),
                  pg_action(pg_value(res, r, 5)));
    PQclear(res);
}

static void pg_rows(PGconn *conn, const char *sql, struct facts *f)
{
    PGresult *res = pg_query(conn, sql);

    for (int r = 0; r < PQntuples(res); r++) {
        char row[1024];
        size_t used = 0;

        for (int c = 0; c < PQnfields(res) && used < sizeof row; c++) {
            const char *v = pg_value(res, r, c);
            used += (size_t)snprintf(row + used, sizeof row - used, "%s%s", c ? "|" : "",
                                     v ? v : "NULL");
        }
        facts_add(f, "%s", row);
    }
    PQclear(res);
}

/* ---- the two databases ---- */

struct both {
    char dir[256];
    char sqlite_path[320];
    char pg_url[512];   /* the test's own database on the server SAMSPOR_TEST_PG names */
    char pg_admin[512]; /* the server's maintenance database, to create and drop it */
    char pg_name[64];
    bool pg_created;
    sqlite3 *lite;
    PGconn *pg;
};

/* Runs "VERB DATABASE name" (CREATE, DROP, DROP ... IF EXISTS) on the maintenance database. */
static bool pg_admin_exec(struct both *b, const char *verb, const char *suffix)
{
    char sql[160];
    PGconn *admin = pg_connect(b->pg_admin);
    PGresult *res;
    bool ok;

    if (admin == NULL)
        return false;
    snprintf(sql, sizeof sql, "%s DATABASE %s%s", verb, suffix, b->pg_name);
    res = PQexec(admin, sql);
    ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        print_error("postgresql: %s: %s", sql, PQerrorMessage(admin));
    PQclear(res);
    PQfinish(admin);
    return ok;
}

/* Migrates LOCATION (a file path or a postgresql:// URL) through the product's store. */
static bool migrate(const char *location)
{
    struct store *st = NULL;
    struct sp_err err = {0};
    int from = -1;
    int to = -1;
    bool ok = store_open(location, &test_keys, &st, &err) == SP_OK &&
              store_migrate(st, &from, &to, &err) == SP_OK && to == store_schema_latest();

    if (!ok)
        print_error("migrate: %s (version %d of %d)\n", err.detail, to, store_schema_latest());
    store_close(st);
    return ok;
}

static int teardown(void **state)
{
    struct both *b = *state;

    if (b == NULL)
        return 0;
    sqlite3_close(b->lite);
    PQfinish(b->pg);
    if (b->pg_created)
        pg_admin_exec(b, "DROP", "");
    unlink(b->sqlite_path);
    rmdir(b->dir);
    free(b);
    return 0;
}

static bool setup_sqlite(struct both *b)
{
    const char *tmp = getenv("TMPDIR");

    snprintf(b->dir, sizeof b->dir, "%s/samspor-schema-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(b->dir) == NULL)
        return false;
    snprintf(b->sqlite_path, sizeof b->sqlite_path, "%s/db.sqlite", b->dir);
    return migrate(b->sqlite_path) &&
           sqlite3_open_v2(b->sqlite_path, &b->lite, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
}

static bool setup_pg(struct both *b, const char *base)
{
    snprintf(b->pg_name, sizeof b->pg_name, "samspor_schema_%ld", (long)getpid());
    database_url(base, b->pg_name, b->pg_url, sizeof b->pg_url);
    database_url(base, "postgres", b->pg_admin, sizeof b->pg_admin);
    pg_admin_exec(b, "DROP", "IF EXISTS "); /* left by an earlier run that had this pid */
    if (!pg_admin_exec(b, "CREATE", ""))
        return false;
    b->pg_created = true;
    if (!migrate(b->pg_url))
        return false;
    b->pg = pg_connect(b->pg_url);
    return b->pg != NULL;
}

static int setup(void **state)
{
    struct both *b = sp_xcalloc(1, sizeof *b);
    const char *base = getenv("SAMSPOR_TEST_PG");
    bool ok;

    *state = b;
    ok = setup_sqlite(b);
    if (ok && base != NULL && *base != '\0')
        ok = setup_pg(b, base);
    if (!ok) {
        teardown(state);
        *state = NULL;
        return -1;
    }
    return 0;
}

static bool skip_without_pg(const struct both *b)
{
    if (b->pg != NULL)
        return false;
    print_message("PostgreSQL comparison skipped: SAMSPOR_TEST_PG is not set\n");
    return true;
}

/* ---- the tests ---- */

/* The part of an embedded migration's name after "sqlite/" or "pg/", or NULL for another engine. */
static const char *name_after(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);

    return strncmp(name, prefix, n) == 0 ? name + n : NULL;
}

static void collect_migrations(const char *prefix, struct facts *f)
{
    for (size_t i = 0; i < sp_migrations_count; i++) {
        const char *name = name_after(sp_migrations[i].name, prefix);

        if (name != NULL)
            facts_add(f, "migration %s", name);
    }
}

static void test_migrations_are_pairs(void **state)
{
    struct facts lite = {0};
    struct facts pg = {0};

    (void)state;
    collect_migrations("sqlite/", &lite);
    collect_migrations("pg/", &pg);
    assert_int_equal((int)lite.count, store_schema_latest());
    assert_int_equal(facts_diff(&lite, &pg), 0);
    facts_free(&lite);
    facts_free(&pg);
}

static void test_schemas_match(void **state)
{
    struct both *b = *state;
    struct facts lite = {0};
    struct facts pg = {0};

    if (skip_without_pg(b))
        skip();
    lite_schema(b->lite, &lite);
    pg_schema(b->pg, &pg);
    assert_true(lite.count > 100);
    assert_int_equal(facts_diff(&lite, &pg), 0);
    facts_free(&lite);
    facts_free(&pg);
}

/* 0002's rows are the same statements on both engines; this keeps the two copies equal. */
static void test_reference_data_match(void **state)
{
    static const char *const queries[] = {
        "SELECT 'organisation', code, kind, name, region_code, valid_from, valid_to"
        " FROM organisation",
        "SELECT 'alias', code, alias FROM organisation_alias",
        "SELECT 'target group', code, name_da, name_en, legal_ref, valid_from, valid_to"
        " FROM target_group",
    };
    struct both *b = *state;
    struct facts lite = {0};
    struct facts pg = {0};

    if (skip_without_pg(b))
        skip();
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        lite_rows(b->lite, queries[i], &lite);
        pg_rows(b->pg, queries[i], &pg);
    }
    assert_true(lite.count > 200);
    assert_int_equal(facts_diff(&lite, &pg), 0);
    facts_free(&lite);
    facts_free(&pg);
}

/* The code point at byte AT of a UTF-8 string, or at the character that byte belongs to. */
static unsigned code_point_at(const char *s, size_t at)
{
    const unsigned char *u = (const unsigned char *)s;

    while (at > 0 && (u[at] & 0xC0) == 0x80)
        at--;
    return u[at] < 0x80 ? u[at] : ((u[at] & 0x1Fu) << 6) | (u[at + 1] & 0x3Fu);
}

/* sp_fold on PostgreSQL (a translate() in 0001_schema.sql) folds as core_text_fold, which the
 * SQLite driver registers as sp_fold: every code point from U+0001 to U+02FF, once each. Both
 * keep every character's length, so a byte position names the same character in all three. */
static void test_pg_fold_is_core_text_fold(void **state)
{
    struct both *b = *state;
    char all[3 * 0x300];
    size_t n = 0;
    const char *params[1];
    PGresult *res;
    char *expected;

    if (skip_without_pg(b))
        skip();
    for (unsigned cp = 1; cp < 0x300; cp++) {
        if (cp < 0x80) {
            all[n++] = (char)cp;
        } else {
            all[n++] = (char)(0xC0 | (cp >> 6));
            all[n++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    all[n] = '\0';
    params[0] = all;
    res = PQexecParams(b->pg, "SELECT sp_fold($1::text), sp_fold(NULL)", 1, NULL, params, NULL,
                       NULL, 0);
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    expected = core_text_fold(all);
    for (size_t at = 0; at <= n; at++)
        if (PQgetvalue(res, 0, 0)[at] != expected[at])
            fail_msg("sp_fold and core_text_fold differ on U+%04X", code_point_at(all, at));
    assert_true(PQgetisnull(res, 0, 1));
    free(expected);
    PQclear(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrations_are_pairs),
        cmocka_unit_test(test_schemas_match),
        cmocka_unit_test(test_reference_data_match),
        cmocka_unit_test(test_pg_fold_is_core_text_fold),
    };

    /* One pair of databases for the group: each test reads, none writes. */
    return cmocka_run_group_tests(tests, setup, teardown);
}
