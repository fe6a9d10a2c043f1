/* Plain connections for the store/ unit tests: SQL run through the engine's own library (sqlite3
 * on a file, libpq on a postgresql:// URL), for checks and set-ups that do not go through the code
 * under test. Included by test files (static inline functions). */
#ifndef SP_TESTS_STORE_PLAIN_H
#define SP_TESTS_STORE_PLAIN_H

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

#include "base/mem.h"

/* base (a postgresql:// URL) with its database (path) replaced by name; a query string is kept. */
static inline void database_url(const char *base, const char *name, char *out, size_t size)
{
    const char *scheme = strstr(base, "://");
    const char *authority = scheme ? scheme + 3 : base;
    size_t head = strcspn(authority, "/?");
    const char *query = strchr(authority + head, '?');

    snprintf(out, size, "%.*s/%s%s", (int)(authority + head - base), base, name,
             query ? query : "");
}

enum plain_rc { PLAIN_OK, PLAIN_CONSTRAINT, PLAIN_FAILED };

/* One row of a plain query's result, each value as text (NULL for SQL NULL). */
typedef void (*plain_row_fn)(void *arg, int columns, char **values);

static inline bool target_is_pg(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0;
}

static inline void pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* DROP … IF EXISTS and the like tell what they did not do */
}

static inline PGconn *pg_connect(const char *url)
{
    PGconn *conn = PQconnectdb(url);

    if (PQstatus(conn) != CONNECTION_OK) {
        print_error("postgresql: cannot connect: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    PQsetNoticeProcessor(conn, pg_quiet, NULL);
    return conn;
}

struct plain_rows {
    plain_row_fn fn;
    void *arg;
};

static inline int sqlite_row(void *arg, int columns, char **values, char **names)
{
    struct plain_rows *rows = arg;

    (void)names;
    if (rows->fn != NULL)
        rows->fn(rows->arg, columns, values);
    return 0;
}

static inline enum plain_rc sqlite_plain(const char *path, const char *sql, plain_row_fn fn,
                                         void *arg, char *error, size_t size)
{
    struct plain_rows rows = {fn, arg};
    sqlite3 *db = NULL;
    char *msg = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);
        rc = sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, sqlite_row, &rows, &msg);
    if (rc != SQLITE_OK)
        snprintf(error, size, "%s", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    sqlite3_close(db);
    if (rc == SQLITE_OK)
        return PLAIN_OK;
    return (rc & 0xff) == SQLITE_CONSTRAINT ? PLAIN_CONSTRAINT : PLAIN_FAILED;
}

/* The plain connection to PostgreSQL, kept for the next call on the same URL (a new backend on a
 * database it has not seen yet builds its catalogue caches first): one thread's. */
static struct {
    char url[512];
    PGconn *conn;
} plain_pg;

/* Closes the kept connection (before its database is dropped; at the end). */
static inline void plain_close(void)
{
    PQfinish(plain_pg.conn);
    plain_pg.conn = NULL;
    plain_pg.url[0] = '\0';
}

static inline PGconn *plain_pg_conn(const char *url)
{
    if (plain_pg.conn != NULL &&
        (strcmp(plain_pg.url, url) != 0 || PQstatus(plain_pg.conn) != CONNECTION_OK))
        plain_close();
    if (plain_pg.conn == NULL) {
        plain_pg.conn = pg_connect(url);
        snprintf(plain_pg.url, sizeof plain_pg.url, "%s", plain_pg.conn ? url : "");
    }
    return plain_pg.conn;
}

/* A script runs as one implicit transaction (postgresql.org/docs/15/protocol-flow.html, "Multiple
 * Statements in a Simple Query"): SET LOCAL in it ends with it. */
static inline enum plain_rc pg_plain(const char *url, const char *sql, plain_row_fn fn, void *arg,
                                     char *error, size_t size)
{
    PGconn *conn = plain_pg_conn(url);
    PGresult *res;
    enum plain_rc rc = PLAIN_OK;

    if (conn == NULL) {
        snprintf(error, size, "cannot connect");
        return PLAIN_FAILED;
    }
    res = PQexec(conn, sql); /* a script: the last statement's result */
    if (PQresultStatus(res) == PGRES_TUPLES_OK && fn != NULL) {
        int columns = PQnfields(res);
        char **values = sp_xcalloc((size_t)columns + 1, sizeof *values);

        for (int r = 0; r < PQntuples(res); r++) {
            for (int c = 0; c < columns; c++)
                values[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
            fn(arg, columns, values);
        }
        free(values);
    } else if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

        snprintf(error, size, "%s", PQerrorMessage(conn));
        /* Class 23: integrity constraint violation (postgresql.org/docs/15/errcodes-appendix). */
        rc = state != NULL && strncmp(state, "23", 2) == 0 ? PLAIN_CONSTRAINT : PLAIN_FAILED;
    }
    PQclear(res);
    return rc;
}

/* Runs sql (one or more statements) on a plain connection to target, a file path or a
 * postgresql:// URL, and hands fn every row (on PostgreSQL: of the last statement). */
static inline enum plain_rc sql_plain(const char *target, const char *sql, plain_row_fn fn,
                                      void *arg, char *error, size_t size)
{
    error[0] = '\0';
    return target_is_pg(target) ? pg_plain(target, sql, fn, arg, error, size)
                                : sqlite_plain(target, sql, fn, arg, error, size);
}

/* sql on a plain connection: PLAIN_CONSTRAINT when a constraint refused it. */
static inline enum plain_rc sql_try(const char *target, const char *sql)
{
    char error[512];

    return sql_plain(target, sql, NULL, NULL, error, sizeof error);
}

/* sql on a plain connection, or the test fails. */
static inline void sql_run(const char *target, const char *sql)
{
    char error[512];

    if (sql_plain(target, sql, NULL, NULL, error, sizeof error) != PLAIN_OK)
        fail_msg("\"%s\": %s", sql, error);
}

static inline void first_int(void *arg, int columns, char **values)
{
    int64_t *value = arg;

    if (*value == -1 && columns > 0)
        *value = values[0] ? strtoll(values[0], NULL, 10) : 0;
}

/* The first column of the first row of sql run on a plain connection (-1 without a row, 0 for
 * NULL): a check that does not go through the code under test. */
static inline int64_t sql_int(const char *target, const char *sql)
{
    char error[512];
    int64_t value = -1;

    if (sql_plain(target, sql, first_int, &value, error, sizeof error) != PLAIN_OK)
        fail_msg("\"%s\": %s", sql, error);
    return value;
}

#endif
