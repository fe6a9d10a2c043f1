/* sql.h's calls: fault injection, then the connection's driver. */
#include "store/sql.h"

#include <stdatomic.h>
#include <string.h>

#include "store/sql_int.h"

static _Atomic int64_t fault_at;
static _Atomic int64_t fault_last; /* the last call of the run that fails */
static _Atomic int fault_busy;     /* they fail with SP_BUSY, else SP_UNAVAILABLE */
static _Atomic int64_t fault_calls;

static void fault_set(int64_t n, int64_t count, bool busy)
{
    atomic_store(&fault_calls, 0);
    atomic_store(&fault_busy, busy);
    atomic_store(&fault_last, n + count - 1);
    atomic_store(&fault_at, n);
}

void sql_fault_at(int64_t n)
{
    fault_set(n, 1, false);
}

void sql_fault_busy_at(int64_t n, int64_t count)
{
    fault_set(n, count, true);
}

void sql_fault_from(int64_t n)
{
    fault_set(n, INT64_MAX - n, false);
}

int64_t sql_fault_calls(void)
{
    return atomic_load(&fault_calls);
}

/* True when this call is one to fail (err set); counts every call while injection is on. */
bool sql_fault_check(struct sp_err *err)
{
    int64_t at = atomic_load(&fault_at);
    int64_t call;

    if (at <= 0)
        return false;
    call = atomic_fetch_add(&fault_calls, 1) + 1;
    if (call < at || call > atomic_load(&fault_last))
        return false;
    if (atomic_load(&fault_busy))
        sp_err_set(err, SP_BUSY, "", "Injected busy storage.");
    else
        sp_err_set(err, SP_UNAVAILABLE, "", "Injected storage failure.");
    return true;
}

enum sp_code sql_err_conflict(struct sp_err *err, const char *unique_field)
{
    return sp_err_set(err, SP_CONFLICT, unique_field ? unique_field : "",
                      "A record with this value already exists.");
}

enum sp_code sql_err_busy(struct sp_err *err)
{
    return sp_err_set(err, SP_BUSY, "", "The database is busy. Try again.");
}

enum sp_code sql_err_internal(struct sp_err *err)
{
    return sp_err_set(err, SP_INTERNAL, "", "The database failed. The cause has been logged.");
}

enum sp_code sql_err_unavailable(struct sp_err *err)
{
    return sp_err_set(err, SP_UNAVAILABLE, "", "The database does not answer.");
}

bool sql_target_is_postgresql(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

enum sp_code sql_open(const char *target, struct sql_conn **out, struct sp_err *err)
{
    const struct sql_driver *d =
        sql_target_is_postgresql(target) ? &sql_pg_driver : &sql_sqlite_driver;

    *out = NULL;
    return d->open(target, out, err);
}

void sql_close(struct sql_conn *c)
{
    if (c != NULL)
        c->driver->close(c);
}

enum sql_engine sql_engine_of(const struct sql_conn *c)
{
    return c->driver->engine;
}

enum sp_code sql_exec(struct sql_conn *c, const char *script, struct sp_err *err)
{
    return sql_fault_check(err) ? err->code : c->driver->exec(c, script, err);
}

enum sp_code sql_begin(struct sql_conn *c, enum sql_txn kind, struct sp_err *err)
{
    return sql_fault_check(err) ? err->code : c->driver->begin(c, kind, err);
}

enum sp_code sql_commit(struct sql_conn *c, struct sp_err *err)
{
    if (sql_fault_check(err)) {
        c->driver->rollback(c);
        return err->code;
    }
    return c->driver->commit(c, err);
}

void sql_rollback(struct sql_conn *c)
{
    if (c != NULL)
        c->driver->rollback(c);
}

enum sp_code sql_ping(struct sql_conn *c, struct sp_err *err)
{
    return c->driver->ping(c, err);
}

enum sp_code sql_prepare(struct sql_conn *c, const char *sql, struct sql_stmt **out,
                         struct sp_err *err)
{
    *out = NULL;
    return sql_fault_check(err) ? err->code : c->driver->prepare(c, sql, out, err);
}

void sql_release(struct sql_stmt *s)
{
    if (s != NULL)
        s->conn->driver->release(s);
}

void sql_bind_int64(struct sql_stmt *s, int index, int64_t v)
{
    s->conn->driver->bind_int64(s, index, v);
}

void sql_bind_text(struct sql_stmt *s, int index, const char *text)
{
    s->conn->driver->bind_text(s, index, text);
}

void sql_bind_null(struct sql_stmt *s, int index)
{
    s->conn->driver->bind_null(s, index);
}

void sql_bind_bool(struct sql_stmt *s, int index, bool v)
{
    s->conn->driver->bind_int64(s, index, v ? 1 : 0);
}

void sql_bind_ids(struct sql_stmt *s, int index, const int64_t *ids, size_t count)
{
    s->conn->driver->bind_ids(s, index, ids, count);
}

enum sp_code sql_step(struct sql_stmt *s, bool *row, const char *unique_field, struct sp_err *err)
{
    *row = false;
    return sql_fault_check(err) ? err->code : s->conn->driver->step(s, row, unique_field, err);
}

enum sp_code sql_step_done(struct sql_stmt *s, const char *unique_field, struct sp_err *err)
{
    bool row = true;
    enum sp_code rc = SP_OK;

    while (rc == SP_OK && row)
        rc = sql_step(s, &row, unique_field, err);
    return rc;
}

enum sp_code sql_step_one(struct sql_stmt *s, const char *what, struct sp_err *err)
{
    bool row = false;
    enum sp_code rc = sql_step(s, &row, NULL, err);

    if (rc == SP_OK && !row)
        rc = sp_err_set(err, SP_NOT_FOUND, "", "No such %s.", what);
    return rc;
}

int64_t sql_changes(struct sql_stmt *s)
{
    return s->conn->driver->changes(s);
}

bool sql_column_null(struct sql_stmt *s, int col)
{
    return s->conn->driver->column_null(s, col);
}

int64_t sql_column_int64(struct sql_stmt *s, int col)
{
    return s->conn->driver->column_int64(s, col);
}

int sql_column_int(struct sql_stmt *s, int col)
{
    return (int)s->conn->driver->column_int64(s, col);
}

bool sql_column_bool(struct sql_stmt *s, int col)
{
    return s->conn->driver->column_int64(s, col) != 0;
}

const char *sql_column_text(struct sql_stmt *s, int col)
{
    return s->conn->driver->column_text(s, col);
}

const char *sql_column_dup(struct sql_stmt *s, int col, struct sp_arena *arena)
{
    const char *text = s->conn->driver->column_text(s, col);

    return text ? sp_arena_strndup(arena, text, strlen(text)) : NULL;
}

int sql_column_count(struct sql_stmt *s)
{
    return s->conn->driver->column_count(s);
}

const char *sql_column_name(struct sql_stmt *s, int col)
{
    return s->conn->driver->column_name(s, col);
}

bool sql_column_is_integer(struct sql_stmt *s, int col)
{
    return s->conn->driver->column_is_integer(s, col);
}

enum sp_code sql_identity_resync(struct sql_conn *c, const char *table, struct sp_err *err)
{
    return sql_fault_check(err) ? SP_UNAVAILABLE : c->driver->identity_resync(c, table, err);
}
