/* sql.h over SQLite (sqlite3): one connection per thread, statements cached per connection,
 * writers of one process queued on a mutex before BEGIN IMMEDIATE.
 *
 * The store's SQL is PostgreSQL's where the dialects differ; this file's fragment table turns
 * those few forms into SQLite's before preparing (sqlite.org/lang_expr.html, lang_aggfunc.html):
 *   $N                 → ?N (SQLite takes "$1" as a *name*, numbered by first appearance)
 *   = ANY($N)          → IN (SELECT value FROM json_each(?N)) — sql_bind_ids binds a JSON array
 *   string_agg(        → group_concat( (string_agg arrived in SQLite 3.44; Debian 12 has 3.40)
 *   to_regclass($N) IS NOT NULL → EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND
 *                        name = ?N) — whether a table exists, asked without writing
 *                        (sqlite.org/schematab.html) */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "core/text.h"
#include "store/sql_int.h"

/* A writer of another process waits this long for the lock before the request gets 503. */
#define SQLITE_BUSY_TIMEOUT_MS 5000

struct sqlite_stmt {
    struct sql_stmt base;
    sqlite3_stmt *stmt;
    const char *key; /* the caller's SQL pointer */
    char *sql;       /* a copy, to tell two texts at one address apart */
    bool in_use;
    bool stepped; /* run since its last reset: a bind resets it first */
    int64_t changes;
};

struct sqlite_conn {
    struct sql_conn base;
    sqlite3 *db;
    bool writing; /* holds the process's write mutex */
    size_t count;
    size_t cap;
    struct sqlite_stmt **cache;
};

static struct sqlite_conn *conn_of(struct sql_conn *c)
{
    return (struct sqlite_conn *)c;
}

static struct sqlite_stmt *stmt_of(struct sql_stmt *s)
{
    return (struct sqlite_stmt *)s;
}

static enum sp_code map_error(sqlite3 *db, int src, const char *unique_field, struct sp_err *err)
{
    int primary = src & 0xff;

    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return sql_err_busy(err);
    if (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
        return sql_err_conflict(err, unique_field);
    sp_log(SP_LOG_ERROR, "sqlite: %s (code %d)", sqlite3_errmsg(db), src);
    return sql_err_internal(err);
}

/* One rule of the fragment table: PostgreSQL's form and SQLite's. In `from` and `to`, '#'
 * stands for the digits of a parameter number. */
struct fragment {
    const char *from;
    const char *to;
};

static const struct fragment fragments[] = {
    {"= ANY($#)", "IN (SELECT value FROM json_each(?#))"},
    {"string_agg(", "group_concat("},
    {"to_regclass($#) IS NOT NULL",
     "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?#)"},
    {"$#", "?#"},
};

/* Does fragment text f match at p? *digits gets the parameter number's text and length. */
static bool fragment_match(const char *p, const char *f, const char **digits, size_t *ndigits)
{
    for (; *f != '\0'; f++) {
        if (*f == '#') {
            size_t n = strspn(p, "0123456789");

            if (n == 0)
                return false;
            *digits = p;
            *ndigits = n;
            p += n;
        } else if (*p++ != *f) {
            return false;
        }
    }
    return true;
}

static size_t fragment_length(const char *f, size_t ndigits)
{
    size_t n = strlen(f);

    return strchr(f, '#') ? n - 1 + ndigits : n;
}

/* sql with the fragment table applied outside string literals (malloc'd). */
static char *to_sqlite_dialect(const char *sql)
{
    size_t cap = 2 * strlen(sql) + 64;
    char *out = sp_xmalloc(cap);
    size_t used = 0;
    bool in_string = false;

    for (const char *p = sql; *p != '\0';) {
        const struct fragment *hit = NULL;
        const char *digits = NULL;
        size_t ndigits = 0;

        if (*p == '\'')
            in_string = !in_string;
        for (size_t i = 0; !in_string && hit == NULL && i < sizeof fragments / sizeof *fragments;
             i++)
            if (fragment_match(p, fragments[i].from, &digits, &ndigits))
                hit = &fragments[i];
        if (used + 64 + ndigits >= cap) {
            cap *= 2;
            out = sp_xrealloc(out, cap);
        }
        if (hit == NULL) {
            out[used++] = *p++;
            continue;
        }
        for (const char *t = hit->to; *t != '\0'; t++) {
            if (*t == '#') {
                memcpy(out + used, digits, ndigits);
                used += ndigits;
            } else {
                out[used++] = *t;
            }
        }
        p += fragment_length(hit->from, ndigits);
    }
    out[used] = '\0';
    return out;
}

/* sp_fold(text): core_text_fold in SQL, so that a search folds a column as it folds the query
 * (SQLite's lower() knows only ASCII: sqlite.org/lang_corefunc.html#lower). The PostgreSQL
 * migrations define the same function. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *text = sqlite3_value_text(argv[0]);

    (void)argc;
    if (text == NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, core_text_fold((const char *)text), -1, free);
}

static void sqlite_close_conn(struct sql_conn *c)
{
    struct sqlite_conn *s = conn_of(c);

    for (size_t i = 0; i < s->count; i++) {
        sqlite3_finalize(s->cache[i]->stmt);
        free(s->cache[i]->sql);
        free(s->cache[i]);
    }
    free(s->cache);
    sqlite3_close_v2(s->db);
    free(s);
}

static enum sp_code sqlite_exec_script(struct sql_conn *c, const char *script, struct sp_err *err)
{
    int src = sqlite3_exec(conn_of(c)->db, script, NULL, NULL, NULL);

    return src == SQLITE_OK ? SP_OK : map_error(conn_of(c)->db, src, NULL, err);
}

static enum sp_code sqlite_open_conn(const char *path, struct sql_conn **out, struct sp_err *err)
{
    struct sqlite_conn *s = sp_xcalloc(1, sizeof *s);
    int src;

    s->base.driver = &sql_sqlite_driver;
    src = sqlite3_open_v2(path, &s->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        sp_log(SP_LOG_ERROR, "sqlite: cannot open database: %s",
               s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
        sqlite_close_conn(&s->base);
        return sp_err_set(err, SP_UNAVAILABLE, "", "The database cannot be opened.");
    }
    sqlite3_extended_result_codes(s->db, 1); /* tell a UNIQUE violation from other failures */
    sqlite3_busy_timeout(s->db, SQLITE_BUSY_TIMEOUT_MS);
    src = sqlite3_create_function_v2(s->db, "sp_fold", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     sql_fold, NULL, NULL, NULL);
    /* WAL lets readers run beside the one writer; NORMAL is durable across application crashes
     * and loses at most the last commits on power loss (sqlite.org/pragma.html#pragma_synchronous).
     */
    if (src != SQLITE_OK || sqlite_exec_script(&s->base,
                                               "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                               " PRAGMA foreign_keys=ON;",
                                               err) != SP_OK) {
        sqlite_close_conn(&s->base);
        return sp_err_set(err, SP_UNAVAILABLE, "", "The database cannot be opened.");
    }
    *out = &s->base;
    return SP_OK;
}

/* Writers of one process queue on this mutex rather than in SQLite's busy handler, which sleeps
 * 1, 2, 5, … ms between tries while a writer holds the lock for tens of microseconds. Other
 * processes on the same file still meet SQLite's lock and busy_timeout. */
static pthread_mutex_t write_mutex = PTHREAD_MUTEX_INITIALIZER;

/* The write transaction is over (committed or rolled back): let the next writer in. */
static void end_write(struct sqlite_conn *s)
{
    if (s->writing && sqlite3_get_autocommit(s->db)) {
        s->writing = false;
        pthread_mutex_unlock(&write_mutex);
    }
}

static enum sp_code sqlite_begin(struct sql_conn *c, enum sql_txn kind, struct sp_err *err)
{
    struct sqlite_conn *s = conn_of(c);
    enum sp_code rc;

    if (kind == SQL_TXN_READ)
        return sqlite_exec_script(c, "BEGIN DEFERRED", err);
    pthread_mutex_lock(&write_mutex);
    rc = sqlite_exec_script(c, "BEGIN IMMEDIATE", err);
    if (rc == SP_OK)
        s->writing = true;
    else
        pthread_mutex_unlock(&write_mutex);
    return rc;
}

static enum sp_code sqlite_commit(struct sql_conn *c, struct sp_err *err)
{
    enum sp_code rc = sqlite_exec_script(c, "COMMIT", err);

    if (rc != SP_OK && !sqlite3_get_autocommit(conn_of(c)->db))
        sqlite3_exec(conn_of(c)->db, "ROLLBACK", NULL, NULL, NULL);
    end_write(conn_of(c));
    return rc;
}

static void sqlite_rollback(struct sql_conn *c)
{
    struct sqlite_conn *s = conn_of(c);

    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    end_write(s);
}

static enum sp_code sqlite_ping(struct sql_conn *c, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    int src = sqlite3_prepare_v2(conn_of(c)->db, "SELECT 1 FROM schema_migration LIMIT 1", -1,
                                 &stmt, NULL);
    bool ok = src == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW;

    sqlite3_finalize(stmt);
    return ok ? SP_OK : sql_err_unavailable(err);
}

static struct sqlite_stmt *cache_find(struct sqlite_conn *s, const char *sql)
{
    for (size_t i = 0; i < s->count; i++) {
        struct sqlite_stmt *c = s->cache[i];

        if (c->key == sql && !c->in_use && strcmp(c->sql, sql) == 0)
            return c;
    }
    return NULL;
}

static enum sp_code sqlite_prepare(struct sql_conn *c, const char *sql, struct sql_stmt **out,
                                   struct sp_err *err)
{
    struct sqlite_conn *s = conn_of(c);
    struct sqlite_stmt *st = cache_find(s, sql);
    char *rewritten;
    int src;

    if (st == NULL) {
        st = sp_xcalloc(1, sizeof *st);
        st->base.conn = c;
        st->key = sql;
        st->sql = sp_xstrdup(sql);
        rewritten = to_sqlite_dialect(sql);
        src = sqlite3_prepare_v3(s->db, rewritten, -1, SQLITE_PREPARE_PERSISTENT, &st->stmt, NULL);
        free(rewritten);
        if (src != SQLITE_OK) {
            free(st->sql);
            free(st);
            return map_error(s->db, src, NULL, err);
        }
        if (s->count == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 64;
            s->cache = sp_xrealloc(s->cache, s->cap * sizeof *s->cache);
        }
        s->cache[s->count++] = st;
    }
    st->in_use = true;
    st->changes = 0;
    *out = &st->base;
    return SP_OK;
}

static void sqlite_release(struct sql_stmt *stmt)
{
    struct sqlite_stmt *st = stmt_of(stmt);

    sqlite3_reset(st->stmt);
    sqlite3_clear_bindings(st->stmt);
    st->in_use = false;
    st->stepped = false;
}

/* The statement to bind: reset first when it has run, so that binding for the next run of a
 * reused statement takes (SQLite refuses binds on a stepped statement with SQLITE_MISUSE). */
static sqlite3_stmt *bindable(struct sql_stmt *s)
{
    struct sqlite_stmt *st = stmt_of(s);

    if (sqlite3_stmt_busy(st->stmt) || st->stepped) {
        sqlite3_reset(st->stmt);
        st->stepped = false;
    }
    return st->stmt;
}

static void sqlite_bind_int64(struct sql_stmt *s, int index, int64_t v)
{
    sqlite3_bind_int64(bindable(s), index, v);
}

/* text NULL binds NULL (sqlite.org/c3ref/bind_blob.html). */
static void sqlite_bind_text(struct sql_stmt *s, int index, const char *text)
{
    sqlite3_bind_text(bindable(s), index, text, -1, SQLITE_TRANSIENT);
}

static void sqlite_bind_null(struct sql_stmt *s, int index)
{
    sqlite3_bind_null(bindable(s), index);
}

/* A JSON array of the ids, for json_each (see the fragment table). */
static void sqlite_bind_ids(struct sql_stmt *s, int index, const int64_t *ids, size_t count)
{
    size_t cap = 3 + 21 * count;
    size_t used = 1;
    char *json;

    if (ids == NULL) {
        sqlite3_bind_null(bindable(s), index);
        return;
    }
    json = sp_xmalloc(cap);
    json[0] = '[';
    for (size_t i = 0; i < count; i++)
        used +=
            (size_t)snprintf(json + used, cap - used, "%s%lld", i ? "," : "", (long long)ids[i]);
    json[used++] = ']';
    json[used] = '\0';
    sqlite3_bind_text(bindable(s), index, json, (int)used, free);
}

static enum sp_code sqlite_step(struct sql_stmt *s, bool *row, const char *unique_field,
                                struct sp_err *err)
{
    struct sqlite_stmt *st = stmt_of(s);
    sqlite3 *db = conn_of(s->conn)->db;
    int src = sqlite3_step(st->stmt);

    st->stepped = true;
    if (src == SQLITE_ROW) {
        *row = true;
        return SP_OK;
    }
    if (src == SQLITE_DONE) {
        st->changes = sqlite3_changes64(db);
        return SP_OK;
    }
    return map_error(db, src, unique_field, err);
}

static int64_t sqlite_changes(struct sql_stmt *s)
{
    return stmt_of(s)->changes;
}

static bool sqlite_column_null(struct sql_stmt *s, int col)
{
    return sqlite3_column_type(stmt_of(s)->stmt, col) == SQLITE_NULL;
}

static int64_t sqlite_column_int64(struct sql_stmt *s, int col)
{
    return sqlite3_column_int64(stmt_of(s)->stmt, col);
}

static const char *sqlite_column_text(struct sql_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(stmt_of(s)->stmt, col);
}

static int sqlite_column_count(struct sql_stmt *s)
{
    return sqlite3_column_count(stmt_of(s)->stmt);
}

static const char *sqlite_column_name(struct sql_stmt *s, int col)
{
    return sqlite3_column_name(stmt_of(s)->stmt, col);
}

static bool sqlite_column_is_integer(struct sql_stmt *s, int col)
{
    return sqlite3_column_type(stmt_of(s)->stmt, col) == SQLITE_INTEGER;
}

/* A rowid table's next id is already max(rowid) + 1. */
static enum sp_code sqlite_identity_resync(struct sql_conn *c, const char *table,
                                           struct sp_err *err)
{
    (void)c;
    (void)table;
    (void)err;
    return SP_OK;
}

const struct sql_driver sql_sqlite_driver = {
    .name = "sqlite",
    .engine = SQL_SQLITE,
    .open = sqlite_open_conn,
    .close = sqlite_close_conn,
    .exec = sqlite_exec_script,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .ping = sqlite_ping,
    .prepare = sqlite_prepare,
    .release = sqlite_release,
    .bind_int64 = sqlite_bind_int64,
    .bind_text = sqlite_bind_text,
    .bind_null = sqlite_bind_null,
    .bind_ids = sqlite_bind_ids,
    .step = sqlite_step,
    .changes = sqlite_changes,
    .column_null = sqlite_column_null,
    .column_int64 = sqlite_column_int64,
    .column_text = sqlite_column_text,
    .column_count = sqlite_column_count,
    .column_name = sqlite_column_name,
    .column_is_integer = sqlite_column_is_integer,
    .identity_resync = sqlite_identity_resync,
};
