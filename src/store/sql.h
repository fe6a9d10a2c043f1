/* The SQL connection interface the store is written against, after Dovecot's lib-sql
 * (sql-api.h) and PowerDNS's gsql backend (SSql/SSqlStatement): a connection and a statement,
 * implemented once per engine by sqlite.c (sqlite3) and pg.c (libpq). Only src/store/ includes
 * it; the store functions above it (store/<area>.c) are written once for both engines.
 *
 * SQL is written in the dialect both engines accept, PostgreSQL's where they differ: $N
 * placeholders, RETURNING, ON CONFLICT, row values, string_agg(x, ','), `col = ANY($N)`
 * with $N bound by sql_bind_ids(), and `to_regclass($N) IS NOT NULL` (does table $N exist). The
 * SQLite driver rewrites those last few forms with its fragment table (sqlite.c); nothing in the
 * store asks which engine it is on.
 *
 * Errors are mapped to enum sp_code: a unique or primary-key violation is SP_CONFLICT; a
 * serialization failure, deadlock or lock timeout is SP_BUSY (retryable: the whole transaction
 * may run again); a lost connection is SP_UNAVAILABLE; anything else SP_INTERNAL with the
 * engine's message logged, never returned and never containing a bound value.
 *
 * One connection belongs to one thread at a time. */
#ifndef SP_STORE_SQL_H
#define SP_STORE_SQL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"

struct sql_conn;
struct sql_stmt;

enum sql_engine { SQL_SQLITE, SQL_POSTGRESQL };

enum sql_txn {
    SQL_TXN_READ,  /* a consistent snapshot, no writes */
    SQL_TXN_WRITE, /* SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED */
};

/* target: "postgresql://…" or "postgres://…" (a libpq URI) selects PostgreSQL, anything else
 * is a SQLite file path. */
enum sp_code sql_open(const char *target, struct sql_conn **out, struct sp_err *err);
void sql_close(struct sql_conn *c);
bool sql_target_is_postgresql(const char *target);
enum sql_engine sql_engine_of(const struct sql_conn *c);

/* Run a script of statements without parameters or results (a migration). */
enum sp_code sql_exec(struct sql_conn *c, const char *script, struct sp_err *err);

/* After any error inside a transaction, roll back: on PostgreSQL a failed statement aborts the
 * whole transaction (every later statement fails, and COMMIT answers SP_INTERNAL). */
enum sp_code sql_begin(struct sql_conn *c, enum sql_txn kind, struct sp_err *err);
enum sp_code sql_commit(struct sql_conn *c, struct sp_err *err);
void sql_rollback(struct sql_conn *c); /* no-op outside a transaction */

/* Is the connection usable? On PostgreSQL a lost connection is reset here (reconnect). */
enum sp_code sql_ping(struct sql_conn *c, struct sp_err *err);

/* A statement for sql, cached per connection by the address of the text (pass a static string
 * or one that outlives the connection). Give it back with sql_release(). */
enum sp_code sql_prepare(struct sql_conn *c, const char *sql, struct sql_stmt **out,
                         struct sp_err *err);
void sql_release(struct sql_stmt *s); /* NULL-safe */

/* Binds, 1-based as $N. A bind cannot fail by itself; an engine error shows at sql_step. */
void sql_bind_int64(struct sql_stmt *s, int index, int64_t v);
/* text NULL binds a NULL typed text on PostgreSQL, so `$N IS NULL OR col = $N` needs no CAST;
 * sql_bind_null's NULL has no type (the server infers it from the statement). */
void sql_bind_text(struct sql_stmt *s, int index, const char *text);
void sql_bind_null(struct sql_stmt *s, int index);
void sql_bind_bool(struct sql_stmt *s, int index, bool v); /* stored as 0/1 */
/* An id set for `col = ANY($N)`; ids NULL binds NULL (for `$N IS NULL OR …`). */
void sql_bind_ids(struct sql_stmt *s, int index, const int64_t *ids, size_t count);

/* Run or advance: *row true when a row is ready to read. unique_field names the member a
 * unique violation is about (SP_CONFLICT's field), or NULL. */
enum sp_code sql_step(struct sql_stmt *s, bool *row, const char *unique_field, struct sp_err *err);
/* Step to the end, ignoring rows. */
enum sp_code sql_step_done(struct sql_stmt *s, const char *unique_field, struct sp_err *err);
/* Step once expecting one row: SP_NOT_FOUND ("No such <what>.") when there is none. */
enum sp_code sql_step_one(struct sql_stmt *s, const char *what, struct sp_err *err);
/* Rows changed by the statement's last run (INSERT/UPDATE/DELETE). */
int64_t sql_changes(struct sql_stmt *s);

/* Columns of the current row, 0-based. Text is valid until the next step or release. */
bool sql_column_null(struct sql_stmt *s, int col);
int64_t sql_column_int64(struct sql_stmt *s, int col);
int sql_column_int(struct sql_stmt *s, int col);
bool sql_column_bool(struct sql_stmt *s, int col);
const char *sql_column_text(struct sql_stmt *s, int col); /* NULL for SQL NULL */
const char *sql_column_dup(struct sql_stmt *s, int col, struct sp_arena *arena);

/* The shape of a result, for copying whole tables (samspor migrate-data): the number of
 * columns, a column's name (lower case), and whether the current row's value is an integer. */
int sql_column_count(struct sql_stmt *s);
const char *sql_column_name(struct sql_stmt *s, int col);
bool sql_column_is_integer(struct sql_stmt *s, int col);

/* After rows were inserted with explicit values into table's identity column (whatever its name;
 * a table without one is left alone): make the next generated value follow the highest
 * (PostgreSQL's sequence; SQLite's rowid needs nothing). */
enum sp_code sql_identity_resync(struct sql_conn *c, const char *table, struct sp_err *err);

/* Fault injection for tests (after SQLite's do_faultsim_test): when set to n > 0, the nth
 * storage call from now (prepare, step, begin, commit, exec) fails with SP_UNAVAILABLE (as a lost
 * connection: not retried); sql_fault_from(n) makes every call from the nth on fail (a database
 * that stays away: the audit write after the rollback fails too). 0 switches it off.
 * sql_fault_calls() counts the calls since the last sql_fault_at() or sql_fault_from().
 * Process-wide. */
void sql_fault_at(int64_t n);
/* As sql_fault_at, but count calls in a row from the nth fail, each with SP_BUSY (as a
 * serialization failure or a lock not given up in time: the write is run again). */
void sql_fault_busy_at(int64_t n, int64_t count);
void sql_fault_from(int64_t n);
int64_t sql_fault_calls(void);

#endif
