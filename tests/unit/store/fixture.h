/* The fixture of the store/ unit tests: a fresh SQLite file in a temporary directory per test,
 * opened with fixed keys and migrated to the latest schema, and sql_int() for checks that do
 * not go through the code under test. Included by one test file each (static functions). */
#ifndef SP_TESTS_STORE_FIXTURE_H
#define SP_TESTS_STORE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/mem.h"
#include "store/store.h"

/* Fixed keys: the store is tested here, not the key file (tests/unit/base/crypto_test.c). */
static const struct sp_keys test_keys = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};

struct fixture {
    char dir[256];
    char path[320];
    struct store *st;
    struct sp_arena *arena;
};

static int teardown(void **state);

/* A fresh directory from mkdtemp (under $TMPDIR, else /tmp) holding db.sqlite, opened and
 * migrated to the latest schema. */
static int setup(void **state)
{
    struct fixture *f = sp_xcalloc(1, sizeof *f);
    const char *tmp = getenv("TMPDIR");
    struct sp_err err = {0};
    int from = -1;
    int to = -1;

    snprintf(f->dir, sizeof f->dir, "%s/samspor-store-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(f->dir) == NULL) {
        print_error("mkdtemp %s failed\n", f->dir);
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/db.sqlite", f->dir);
    f->arena = sp_arena_new();
    if (store_open(f->path, &test_keys, &f->st, &err) != SP_OK ||
        store_migrate(f->st, &from, &to, &err) != SP_OK) {
        print_error("open/migrate %s: %s\n", f->path, err.detail);
        *state = f;
        teardown(state);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    /* The fixture's file and migrate_from_zero_then_noop's, each with SQLite's side files. */
    static const char *const names[] = {"db.sqlite", "fresh.sqlite"};
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    struct fixture *f = *state;

    if (f == NULL)
        return 0;
    store_close(f->st);
    sp_arena_free(f->arena);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
            char p[360];

            snprintf(p, sizeof p, "%s/%s%s", f->dir, names[i], suffixes[k]);
            unlink(p);
        }
    }
    if (rmdir(f->dir) != 0)
        print_error("could not remove %s\n", f->dir);
    free(f);
    return 0;
}

/* One integer from SQL run on a separate plain sqlite3 connection: a check that does not go
 * through the code under test. */
static inline int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    int64_t value = -1;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        fail_msg("sqlite3_open_v2 %s: %s", path, sqlite3_errmsg(db));
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("prepare \"%s\": %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

#endif
