/* The fixture of the store/ unit tests: every test runs on a fresh database of its own, opened
 * with fixed keys and migrated to the latest schema, on each engine in turn — SQLite (a file in
 * a temporary directory) and, when SAMSPOR_TEST_PG holds a base URL from scripts/pg-cluster,
 * PostgreSQL, where a test's database is a copy (CREATE DATABASE … TEMPLATE) of one migrated
 * once per run. Every database this process made is dropped at the end, also when a test fails;
 * one left by a run that died is dropped by the next run. fixture_main() runs a file's tests on
 * both engines; plain.h's sql_int(), sql_run() and sql_try() check and set up on a plain
 * connection, not through the code under test. Included by one test file each (static
 * functions; inline those a file may not use). */
#ifndef SP_TESTS_STORE_FIXTURE_H
#define SP_TESTS_STORE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/embedded.h"
#include "base/mem.h"
#include "store/store.h"

#include "plain.h"

/* Fixed keys: the store is tested here, not the key file (tests/unit/base/crypto_test.c). */
static const struct sp_keys test_keys = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};

enum fixture_engine { FIXTURE_SQLITE, FIXTURE_PG };

struct fixture {
    enum fixture_engine engine;
    char dir[256];    /* SQLite: the test's directory */
    char target[512]; /* the test's database: a file path or a postgresql:// URL */
    char db[64];      /* PostgreSQL: the test's database */
    char fresh[80];   /* PostgreSQL: the empty database fixture_fresh made, if any */
    struct store *st;
    struct sp_arena *arena;
};

/* The run: the engine of the group running now and, on PostgreSQL, the connection to the
 * server's maintenance database where this process makes and drops its databases. The next
 * test's database is made while a test runs (a copy takes the server a good part of the time a
 * test takes), so that the test after it finds it ready. */
static struct {
    enum fixture_engine engine;
    const char *base; /* SAMSPOR_TEST_PG */
    PGconn *admin;
    char template_db[64]; /* samspor_tpl_<pid>, migrated once */
    unsigned serial;      /* of the test databases samspor_t_<pid>_<serial> */
    char next_db[64];     /* the next test's database… */
    enum { NEXT_NONE, NEXT_SENT, NEXT_READY, NEXT_FAILED } next; /* …and where its CREATE is */
} fixture_run;

static int teardown(void **state);

/* ---- databases on the PostgreSQL server ----------------------------------------------------- */

/* The base URL with its database replaced by name. */
static void pg_url(const char *name, char *out, size_t size)
{
    database_url(fixture_run.base, name, out, size);
}

/* Waits for the next database's CREATE, if one was sent: the connection is free again. */
static void pg_settle(void)
{
    PGresult *res;

    if (fixture_run.next != NEXT_SENT)
        return;
    fixture_run.next = NEXT_READY;
    while ((res = PQgetResult(fixture_run.admin)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            print_error("postgresql: CREATE DATABASE %s: %s", fixture_run.next_db,
                        PQerrorMessage(fixture_run.admin));
            fixture_run.next = NEXT_FAILED;
        }
        PQclear(res);
    }
}

/* One statement on the maintenance database. */
static bool pg_admin(const char *sql)
{
    PGresult *res;

    pg_settle();
    res = PQexec(fixture_run.admin, sql);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;

    if (!ok)
        print_error("postgresql: %s: %s", sql, PQerrorMessage(fixture_run.admin));
    PQclear(res);
    return ok;
}

/* An empty database (a copy of template1; FILE_COPY: see pg_make_next). */
static bool pg_create(const char *name)
{
    char sql[256];

    snprintf(sql, sizeof sql, "CREATE DATABASE %s STRATEGY FILE_COPY", name);
    return pg_admin(sql);
}

static bool pg_drop(const char *name)
{
    char sql[256];

    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    return pg_admin(sql);
}

/* Sends the CREATE of the next test's database, a copy of the template, without waiting. */
static void pg_make_next(void)
{
    char sql[256];

    pg_settle();
    if (fixture_run.next != NEXT_NONE)
        return;
    snprintf(fixture_run.next_db, sizeof fixture_run.next_db, "samspor_t_%ld_%u", (long)getpid(),
             ++fixture_run.serial);
    /* FILE_COPY copies the template's files, several times faster here for a database this
     * small than the default WAL_LOG, which writes every page to the WAL
     * (postgresql.org/docs/15/sql-createdatabase.html). */
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY",
             fixture_run.next_db, fixture_run.template_db);
    fixture_run.next = PQsendQuery(fixture_run.admin, sql) ? NEXT_SENT : NEXT_FAILED;
    if (fixture_run.next == NEXT_FAILED)
        print_error("postgresql: %s: %s", sql, PQerrorMessage(fixture_run.admin));
}

/* The next test's database, made now if it was not sent before: its name in out, and the one
 * after it sent. False when it could not be made. */
static bool pg_take_next(char *out, size_t size)
{
    bool ok;

    pg_make_next();
    pg_settle();
    ok = fixture_run.next == NEXT_READY;
    if (ok)
        snprintf(out, size, "%s", fixture_run.next_db);
    else
        pg_drop(fixture_run.next_db); /* whatever a failed CREATE left */
    fixture_run.next = NEXT_NONE;
    pg_make_next();
    return ok;
}

/* Databases samspor_tpl_<pid> and samspor_t_<pid>_<n> of a process that no longer runs: a run
 * that died (a crash, a sanitizer's abort) before it dropped its own. */
static void pg_drop_leftovers(void)
{
    PGresult *res = PQexec(fixture_run.admin,
                           "SELECT datname, substring(datname from '^samspor_(?:tpl|t)_([0-9]+)')"
                           " FROM pg_database WHERE datname ~ '^samspor_(tpl|t)_[0-9]+'");

    for (int r = 0; PQresultStatus(res) == PGRES_TUPLES_OK && r < PQntuples(res); r++) {
        long pid = strtol(PQgetvalue(res, r, 1), NULL, 10);

        if (pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH)
            pg_drop(PQgetvalue(res, r, 0));
    }
    PQclear(res);
}

/* Opens target and migrates it to the latest schema through the product's store. */
static bool open_migrated(const char *target, struct store **st)
{
    struct sp_err err = {0};
    int from = -1;
    int to = -1;

    if (store_open(target, &test_keys, st, &err) != SP_OK ||
        store_migrate(*st, &from, &to, &err) != SP_OK) {
        print_error("open/migrate %s: %s\n", target, err.detail);
        return false;
    }
    return true;
}

static void pg_end(void)
{
    if (fixture_run.admin == NULL)
        return;
    pg_settle();
    if (fixture_run.next != NEXT_NONE)
        pg_drop(fixture_run.next_db);
    fixture_run.next = NEXT_NONE;
    if (fixture_run.template_db[0] != '\0')
        pg_drop(fixture_run.template_db);
    fixture_run.template_db[0] = '\0';
    PQfinish(fixture_run.admin);
    fixture_run.admin = NULL;
}

/* The maintenance connection, and the template every test's database is copied from. */
static bool pg_begin(void)
{
    char url[512];
    struct store *st = NULL;
    bool ok;

    pg_url("postgres", url, sizeof url);
    fixture_run.admin = pg_connect(url);
    if (fixture_run.admin == NULL)
        return false;
    atexit(pg_end); /* also when a test ends the process */
    pg_drop_leftovers();
    snprintf(fixture_run.template_db, sizeof fixture_run.template_db, "samspor_tpl_%ld",
             (long)getpid());
    if (!pg_drop(fixture_run.template_db) || !pg_create(fixture_run.template_db)) {
        fixture_run.template_db[0] = '\0';
        return false;
    }
    pg_url(fixture_run.template_db, url, sizeof url);
    ok = open_migrated(url, &st);
    store_close(st); /* a template may have no connection while it is copied */
    return ok;
}

/* ---- per test ------------------------------------------------------------------------------- */

static bool setup_sqlite(struct fixture *f)
{
    const char *tmp = getenv("TMPDIR");

    snprintf(f->dir, sizeof f->dir, "%s/samspor-store-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(f->dir) == NULL) {
        print_error("mkdtemp %s failed\n", f->dir);
        f->dir[0] = '\0';
        return false;
    }
    snprintf(f->target, sizeof f->target, "%s/db.sqlite", f->dir);
    return open_migrated(f->target, &f->st);
}

static bool setup_pg(struct fixture *f)
{
    struct sp_err err = {0};

    if (!pg_take_next(f->db, sizeof f->db))
        return false;
    pg_url(f->db, f->target, sizeof f->target);
    if (store_open(f->target, &test_keys, &f->st, &err) != SP_OK) {
        print_error("open %s: %s\n", f->db, err.detail);
        return false;
    }
    return store_is_postgresql(f->st);
}

/* A fresh database of the run's engine, migrated to the latest schema. */
static int setup(void **state)
{
    struct fixture *f = sp_xcalloc(1, sizeof *f);
    bool ok;

    f->engine = fixture_run.engine;
    f->arena = sp_arena_new();
    *state = f;
    ok = f->engine == FIXTURE_PG ? setup_pg(f) : setup_sqlite(f);
    if (!ok) {
        teardown(state);
        *state = NULL;
        return -1;
    }
    return 0;
}

/* An empty database beside the test's (not migrated), dropped with it: its target in out. */
static inline void fixture_fresh(struct fixture *f, char *out, size_t size)
{
    if (f->engine == FIXTURE_SQLITE) {
        snprintf(out, size, "%s/fresh.sqlite", f->dir);
        return;
    }
    snprintf(f->fresh, sizeof f->fresh, "%s_fresh", f->db);
    if (!pg_create(f->fresh))
        fail_msg("cannot create %s", f->fresh);
    pg_url(f->fresh, out, size);
}

/* Makes the empty database target a database at the schema before migration `before` ("0009_"),
 * the way the versions before it made it: the engine's migrations before it applied and recorded
 * as store_migrate did, on a plain connection. Returns the version it is at. */
static inline int schema_before(const struct fixture *f, const char *target, const char *before)
{
    const char *prefix = f->engine == FIXTURE_PG ? "pg/" : "sqlite/";
    int version = 0;

    sql_run(target, "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY,"
                    " name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (size_t i = 0; i < sp_migrations_count; i++) {
        const char *name = sp_migrations[i].name;
        char record[160];

        if (strncmp(name, prefix, strlen(prefix)) != 0)
            continue;
        name += strlen(prefix);
        if (strncmp(name, before, strlen(before)) >= 0)
            break;
        version++;
        sql_run(target, sp_migrations[i].data);
        snprintf(record, sizeof record,
                 "INSERT INTO schema_migration VALUES (%d, '%s', '2025-06-02T08:00:00Z')", version,
                 name);
        sql_run(target, record);
    }
    return version;
}

static void remove_sqlite(const char *dir)
{
    /* The fixture's file and fixture_fresh's, each with SQLite's side files. */
    static const char *const names[] = {"db.sqlite", "fresh.sqlite"};
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
            char p[360];

            snprintf(p, sizeof p, "%s/%s%s", dir, names[i], suffixes[k]);
            unlink(p);
        }
    }
    if (rmdir(dir) != 0)
        print_error("could not remove %s\n", dir);
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    if (f == NULL)
        return 0;
    store_close(f->st);
    plain_close();
    sp_arena_free(f->arena);
    if (f->dir[0] != '\0')
        remove_sqlite(f->dir);
    if (f->fresh[0] != '\0')
        pg_drop(f->fresh);
    if (f->db[0] != '\0')
        pg_drop(f->db);
    free(f);
    return 0;
}

#define FIXTURE_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* ---- the run -------------------------------------------------------------------------------- */

/* A list of tests; FIXTURE_NONE for none. */
struct fixture_tests {
    const struct CMUnitTest *tests;
    size_t count;
};

#define FIXTURE_TESTS(array) ((struct fixture_tests){array, sizeof array / sizeof array[0]})
#define FIXTURE_NONE ((struct fixture_tests){NULL, 0})

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* One cmocka group of a's tests then b's on engine; the number that failed. */
static int run_group(const char *name, enum fixture_engine engine, struct fixture_tests a,
                     struct fixture_tests b)
{
    struct CMUnitTest *tests = sp_xcalloc(a.count + b.count, sizeof *tests);
    int failed;

    if (a.count > 0)
        memcpy(tests, a.tests, a.count * sizeof *tests);
    if (b.count > 0)
        memcpy(tests + a.count, b.tests, b.count * sizeof *tests);
    fixture_run.engine = engine;
    /* What cmocka_run_group_tests_name expands to, for a list built at run time. */
    failed = _cmocka_run_group_tests(name, tests, a.count + b.count, NULL, NULL);
    free(tests);
    return failed;
}

/* Runs both on SQLite with sqlite_only (tests about SQLite's file by nature), then, when
 * SAMSPOR_TEST_PG is set, both on PostgreSQL with pg_only; the number of tests that failed.
 * Each engine's run says how long it took (on PostgreSQL with the template's migration). */
static int fixture_main(const char *name, struct fixture_tests both,
                        struct fixture_tests sqlite_only, struct fixture_tests pg_only)
{
    char group[128];
    struct timespec t0;
    int failed;

    snprintf(group, sizeof group, "%s on SQLite", name);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    failed = run_group(group, FIXTURE_SQLITE, both, sqlite_only);
    printf("%s: %.2f s\n", group, seconds_since(&t0));
    fixture_run.base = getenv("SAMSPOR_TEST_PG");
    if (fixture_run.base == NULL || *fixture_run.base == '\0') {
        printf("%s: SAMSPOR_TEST_PG is not set: the PostgreSQL run was skipped\n", name);
        return failed;
    }
    snprintf(group, sizeof group, "%s on PostgreSQL", name);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!pg_begin()) {
        print_error("%s: no PostgreSQL template database; the PostgreSQL run failed\n", name);
        pg_end();
        return failed + 1;
    }
    failed += run_group(group, FIXTURE_PG, both, pg_only);
    pg_end();
    printf("%s: %.2f s\n", group, seconds_since(&t0));
    return failed;
}

#endif
