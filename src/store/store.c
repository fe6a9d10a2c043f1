/* Opening a store on either engine, migrations, transactions and the per-thread connection
 * pool. The store functions themselves live in one file per area (store/<area>.c). */
#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/embedded.h"
#include "base/log.h"
#include "base/parse.h"
#include "core/text.h"
#include "store/store_int.h"

/* Each engine's migrations are embedded under their own directory name (migrations/sqlite/,
 * migrations/pg/): the same numbers, the same schema, each in its engine's DDL. */
static const char *migration_prefix(const struct store *st)
{
    return sql_engine_of(st->conn) == SQL_POSTGRESQL ? "pg/" : "sqlite/";
}

enum sp_code store_open(const char *path, const struct sp_keys *keys, struct store **out,
                        struct sp_err *err)
{
    struct store *st = sp_xcalloc(1, sizeof *st);
    enum sp_code rc = sql_open(path, &st->conn, err);

    if (rc != SP_OK) {
        free(st);
        *out = NULL;
        return rc;
    }
    st->keys = keys;
    *out = st;
    return SP_OK;
}

void store_close(struct store *st)
{
    if (st == NULL)
        return;
    sql_close(st->conn);
    free(st);
}

bool store_is_postgresql(const struct store *st)
{
    return sql_engine_of(st->conn) == SQL_POSTGRESQL;
}

/* Whether the database has its schema_migration table, asked without writing: the version of a
 * replica, a read-only file or a database refused as too old or too new is read as it is. The
 * question is PostgreSQL's to_regclass; the SQLite driver's fragment table asks sqlite_master. */
static enum sp_code schema_table_exists(struct store *st, bool *out, struct sp_err *err)
{
    static const char sql[] = "SELECT to_regclass($1) IS NOT NULL";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, "schema_migration");
        rc = sql_step_one(stmt, "schema table", err);
    }
    if (rc == SP_OK)
        *out = sql_column_bool(stmt, 0);
    sql_release(stmt);
    return rc;
}

enum sp_code store_schema_version(struct store *st, int *out, struct sp_err *err)
{
    static const char sql[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migration";
    struct sql_stmt *stmt = NULL;
    bool exists = false;
    enum sp_code rc = schema_table_exists(st, &exists, err);

    *out = 0;
    if (rc != SP_OK || !exists)
        return rc;
    rc = sql_prepare(st->conn, sql, &stmt, err);
    if (rc == SP_OK)
        rc = sql_step_one(stmt, "schema version", err);
    if (rc == SP_OK)
        *out = sql_column_int(stmt, 0);
    sql_release(stmt);
    return rc;
}

/* The table of applied migrations, made in the transaction of the first migration applied (a
 * first migration that fails leaves an empty database empty; IF NOT EXISTS makes it a no-op in
 * the later ones). Only store_migrate writes it. */
static enum sp_code schema_table_create(struct store *st, struct sp_err *err)
{
    return sql_exec(st->conn,
                    "CREATE TABLE IF NOT EXISTS schema_migration ("
                    " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL)",
                    err);
}

static enum sp_code schema_record(struct store *st, int version, const char *name, const char *now,
                                  struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, version);
        sql_bind_text(stmt, 2, name);
        sql_bind_text(stmt, 3, now);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

/* The number before the first '_' of a migration's file name (after its directory). */
static int migration_number(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *underscore;

    name = slash ? slash + 1 : name;
    underscore = strchr(name, '_');
    int64_t n = 0;

    if (underscore == NULL || !sp_parse_i64(name, (size_t)(underscore - name), &n))
        return -1;
    return (int)n;
}

int store_schema_latest(void)
{
    int latest = 0;

    for (size_t i = 0; i < sp_migrations_count; i++) {
        int n = migration_number(sp_migrations[i].name);

        if (n > latest)
            latest = n;
    }
    return latest;
}

enum sp_code store_migrate(struct store *st, int *from, int *to, struct sp_err *err)
{
    int current = 0;
    int latest = store_schema_latest();
    const char *prefix = migration_prefix(st);
    char now[32];
    enum sp_code rc = store_schema_version(st, &current, err);

    if (rc != SP_OK)
        return rc;
    *from = current;
    *to = current;
    if (current > latest)
        return sp_err_set(err, SP_CONFLICT, "",
                          "The database has schema version %d, newer than this program's %d. "
                          "Use a newer samspor.",
                          current, latest);
    sp_clock_now_iso(now);
    for (size_t i = 0; i < sp_migrations_count && rc == SP_OK; i++) {
        const struct sp_embedded_file *m = &sp_migrations[i];
        int n = migration_number(m->name);

        if (n <= current || strncmp(m->name, prefix, strlen(prefix)) != 0)
            continue;
        rc = sql_begin(st->conn, SQL_TXN_WRITE, err);
        if (rc == SP_OK)
            rc = schema_table_create(st, err);
        if (rc == SP_OK)
            rc = sql_exec(st->conn, m->data, err);
        if (rc == SP_OK)
            rc = schema_record(st, n, m->name + strlen(prefix), now, err);
        if (rc == SP_OK)
            rc = sql_commit(st->conn, err);
        if (rc != SP_OK) {
            sql_rollback(st->conn);
            sp_log(SP_LOG_ERROR, "migration %s failed", m->name);
            break;
        }
        *to = n;
    }
    return rc;
}

enum sp_code store_begin_write(struct store *st, struct sp_err *err)
{
    return sql_begin(st->conn, SQL_TXN_WRITE, err);
}

enum sp_code store_begin_read(struct store *st, struct sp_err *err)
{
    return sql_begin(st->conn, SQL_TXN_READ, err);
}

enum sp_code store_commit(struct store *st, struct sp_err *err)
{
    enum sp_code rc = sql_commit(st->conn, err);

    store_audit_ended(st, rc == SP_OK, rc);
    return rc;
}

void store_rollback(struct store *st)
{
    if (st == NULL)
        return;
    sql_rollback(st->conn);
    store_audit_ended(st, false, SP_OK);
}

enum sp_code store_ping(struct store *st, struct sp_err *err)
{
    return sql_ping(st->conn, err);
}

/* Row counts for tests, benchmarks and the demo; the table name is checked against a fixed list
 * since it cannot be a bound parameter. */
enum sp_code store_count(struct store *st, const char *table, int64_t *out, struct sp_err *err)
{
    static const char *const sql[] = {
        "SELECT COUNT(*) FROM citizen",     "SELECT COUNT(*) FROM enrolment",
        "SELECT COUNT(*) FROM project",     "SELECT COUNT(*) FROM team",
        "SELECT COUNT(*) FROM app_user",    "SELECT COUNT(*) FROM organisation",
        "SELECT COUNT(*) FROM idempotency", "SELECT COUNT(*) FROM episode",
        "SELECT COUNT(*) FROM audit_event", "SELECT COUNT(*) FROM session",
        "SELECT COUNT(*) FROM consent",     "SELECT COUNT(*) FROM api_token"};
    const char *chosen = NULL;
    struct sql_stmt *stmt = NULL;
    enum sp_code rc;

    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (strcmp(sql[i] + strlen("SELECT COUNT(*) FROM "), table) == 0)
            chosen = sql[i];
    if (chosen == NULL)
        return sp_err_set(err, SP_INTERNAL, "", "Unknown table.");
    rc = sql_prepare(st->conn, chosen, &stmt, err);
    if (rc == SP_OK)
        rc = sql_step_one(stmt, "count", err);
    if (rc == SP_OK)
        *out = sql_column_int64(stmt, 0);
    sql_release(stmt);
    return rc;
}

void *store_grow(struct sp_arena *arena, const void *items, size_t size, size_t *cap)
{
    void *bigger = sp_arena_alloc(arena, size * *cap * 2);

    memcpy(bigger, items, size * *cap);
    *cap *= 2;
    return bigger;
}

const char *store_like_folded(struct sp_arena *arena, const char *text)
{
    char *folded;
    char *escaped;
    size_t n = 0;

    if (text == NULL)
        return NULL;
    folded = core_text_fold(text);
    escaped = sp_arena_alloc(arena, 2 * strlen(folded) + 1);
    for (const char *p = folded; *p != '\0'; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            escaped[n++] = '\\';
        escaped[n++] = *p;
    }
    escaped[n] = '\0';
    free(folded);
    return escaped;
}

/* The pool: a thread-local slot per thread, and a list of every connection for shutdown. */
struct pool_entry {
    struct pool_entry *next;
    struct store *st;
};

struct store_pool {
    char *path;
    const struct sp_keys *keys;
    pthread_key_t key;
    pthread_mutex_t lock;
    struct pool_entry *entries;
    store_opened on_open;
    void *on_open_ctx;
};

struct store_pool *store_pool_new(const char *path, const struct sp_keys *keys)
{
    struct store_pool *pool = sp_xcalloc(1, sizeof *pool);

    pool->path = sp_xstrdup(path);
    pool->keys = keys;
    if (pthread_key_create(&pool->key, NULL) != 0) {
        fprintf(stderr, "samspor: pthread_key_create failed\n");
        abort();
    }
    pthread_mutex_init(&pool->lock, NULL);
    return pool;
}

struct store *store_pool_get(struct store_pool *pool, struct sp_err *err)
{
    struct store *st = pthread_getspecific(pool->key);
    struct pool_entry *entry;

    if (st != NULL)
        return st;
    if (store_open(pool->path, pool->keys, &st, err) != SP_OK)
        return NULL;
    if (pool->on_open != NULL && pool->on_open(st, pool->on_open_ctx, err) != SP_OK) {
        store_close(st);
        return NULL;
    }
    pthread_setspecific(pool->key, st);
    entry = sp_xmalloc(sizeof *entry);
    entry->st = st;
    pthread_mutex_lock(&pool->lock);
    entry->next = pool->entries;
    pool->entries = entry;
    pthread_mutex_unlock(&pool->lock);
    return st;
}

void store_pool_on_open(struct store_pool *pool, store_opened fn, void *ctx)
{
    pool->on_open = fn;
    pool->on_open_ctx = ctx;
}

void store_pool_free(struct store_pool *pool)
{
    if (pool == NULL)
        return;
    for (struct pool_entry *e = pool->entries, *next; e != NULL; e = next) {
        next = e->next;
        store_close(e->st);
        free(e);
    }
    pthread_key_delete(pool->key);
    pthread_mutex_destroy(&pool->lock);
    free(pool->path);
    free(pool);
}
