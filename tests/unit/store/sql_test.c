/* store/sql.h, the connection interface, on both drivers: the same tests on SQLite (a file in a
 * temporary directory) and, when SAMSPOR_TEST_PG holds a base URL from scripts/pg-cluster, on
 * PostgreSQL in a database created for this run and dropped at its end; then tests of the
 * PostgreSQL driver alone (reconnect, serialization failure, deadlock, lock timeout). Each test
 * makes its own tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "store/sql.h"

#include "pg_fixture.h"

/* The engine under test: its target (a file path or a libpq URL). */
static const char *target;
static bool on_pg;

static const char *dialect(const char *sqlite, const char *pg)
{
    return on_pg ? pg : sqlite;
}

static struct sql_conn *connect_ok(void)
{
    struct sql_conn *c = NULL;
    struct sp_err err = {0};

    if (sql_open(target, &c, &err) != SP_OK)
        fail_msg("sql_open: %s", err.detail);
    return c;
}

static void exec_ok(struct sql_conn *c, const char *script)
{
    struct sp_err err = {0};

    if (sql_exec(c, script, &err) != SP_OK)
        fail_msg("sql_exec \"%s\": %s", script, err.detail);
}

static struct sql_stmt *prepare_ok(struct sql_conn *c, const char *sql)
{
    struct sql_stmt *s = NULL;
    struct sp_err err = {0};

    if (sql_prepare(c, sql, &s, &err) != SP_OK)
        fail_msg("sql_prepare \"%s\": %s", sql, err.detail);
    return s;
}

static void step_row(struct sql_stmt *s)
{
    struct sp_err err = {0};
    bool row = false;

    assert_int_equal(sql_step(s, &row, NULL, &err), SP_OK);
    assert_true(row);
}

static void step_end(struct sql_stmt *s)
{
    struct sp_err err = {0};
    bool row = true;

    assert_int_equal(sql_step(s, &row, NULL, &err), SP_OK);
    assert_false(row);
}

static void done_ok(struct sql_stmt *s)
{
    struct sp_err err = {0};

    if (sql_step_done(s, NULL, &err) != SP_OK)
        fail_msg("sql_step_done: %s", err.detail);
}

/* One statement with one integer parameter, run to the end; the rows it changed. */
static int64_t run_with_int(struct sql_conn *c, const char *sql, int64_t v)
{
    struct sql_stmt *s = prepare_ok(c, sql);
    int64_t changes;

    sql_bind_int64(s, 1, v);
    done_ok(s);
    changes = sql_changes(s);
    sql_release(s);
    return changes;
}

/* The first column of the only row of sql, as an integer. */
static int64_t scalar(struct sql_conn *c, const char *sql)
{
    struct sql_stmt *s = prepare_ok(c, sql);
    int64_t v;

    step_row(s);
    v = sql_column_int64(s, 0);
    sql_release(s);
    return v;
}

static int64_t count_ids(struct sql_conn *c, const char *sql, const int64_t *ids, size_t n)
{
    struct sql_stmt *s = prepare_ok(c, sql);
    int64_t v;

    sql_bind_ids(s, 1, ids, n);
    step_row(s);
    v = sql_column_int64(s, 0);
    sql_release(s);
    return v;
}

/* ---- stderr, for checking what the log says -------------------------------------------------- */

struct capture {
    int saved;
    char path[64];
};

static void capture_start(struct capture *cap)
{
    int fd;

    snprintf(cap->path, sizeof cap->path, "/tmp/samspor-sql-test-log-XXXXXX");
    fd = mkstemp(cap->path);
    assert_true(fd >= 0);
    fflush(stderr);
    cap->saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
}

/* What was written to stderr since capture_start (malloc'd); stderr is restored. */
static char *capture_end(struct capture *cap)
{
    FILE *f;
    char *text = sp_xcalloc(1, 65536);

    fflush(stderr);
    dup2(cap->saved, STDERR_FILENO);
    close(cap->saved);
    f = fopen(cap->path, "r");
    assert_non_null(f);
    (void)!fread(text, 1, 65535, f);
    fclose(f);
    unlink(cap->path);
    return text;
}

/* ---- values ---------------------------------------------------------------------------------- */

static void int64_values_round_trip(void **state)
{
    static const int64_t values[] = {
        0, -1, 2147483647, 2147483648LL, -2147483649LL, 1099511627781LL, INT64_MAX, INT64_MIN};
    static const char insert[] = "INSERT INTO t_int (id, v) VALUES ($1, $2)";
    static const char select[] = "SELECT v, id FROM t_int WHERE id = $1";
    struct sql_conn *c = connect_ok();

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_int; CREATE TABLE t_int (id BIGINT PRIMARY KEY, v BIGINT)");
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct sql_stmt *s = prepare_ok(c, insert);

        sql_bind_int64(s, 1, (int64_t)i);
        sql_bind_int64(s, 2, values[i]);
        done_ok(s);
        assert_int_equal(sql_changes(s), 1);
        sql_release(s);
    }
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct sql_stmt *s = prepare_ok(c, select);

        sql_bind_int64(s, 1, (int64_t)i);
        step_row(s);
        assert_false(sql_column_null(s, 0));
        assert_true(sql_column_int64(s, 0) == values[i]);
        assert_int_equal(sql_column_int(s, 1), (int)i);
        step_end(s);
        sql_release(s);
    }
    /* A number as text, and a parameter read back through CAST. */
    assert_int_equal(scalar(c, "SELECT CAST('-4294967296' AS BIGINT)"), -4294967296LL);
    {
        struct sql_stmt *s = prepare_ok(c, "SELECT CAST($1 AS BIGINT), v FROM t_int WHERE id = 3");

        sql_bind_int64(s, 1, -8589934592LL);
        step_row(s);
        assert_true(sql_column_int64(s, 0) == -8589934592LL);
        assert_string_equal(sql_column_text(s, 1), "2147483648");
        sql_release(s);
    }
    sql_close(c);
}

static void null_values(void **state)
{
    struct sql_conn *c = connect_ok();
    struct sql_stmt *s;

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_null;"
               " CREATE TABLE t_null (id BIGINT PRIMARY KEY, n BIGINT, t TEXT)");
    s = prepare_ok(c, "INSERT INTO t_null (id, n, t) VALUES ($1, $2, $3)");
    sql_bind_int64(s, 1, 1);
    sql_bind_null(s, 2);
    sql_bind_text(s, 3, NULL);
    done_ok(s);
    sql_release(s);
    s = prepare_ok(c, "SELECT n, t, COALESCE(t, 'none') FROM t_null WHERE id = $1");
    sql_bind_int64(s, 1, 1);
    step_row(s);
    assert_true(sql_column_null(s, 0));
    assert_true(sql_column_null(s, 1));
    assert_int_equal(sql_column_int64(s, 0), 0);
    assert_null(sql_column_text(s, 1));
    assert_string_equal(sql_column_text(s, 2), "none");
    sql_release(s);
    sql_close(c);
}

static void utf8_text_round_trip(void **state)
{
    static const char name[] = "S\xc3\xb8ren \xc3\x86r\xc3\xb8 \xc3\x85se \xc3\xa6\xc3\xb8\xc3\xa5";
    struct sql_conn *c = connect_ok();
    struct sp_arena *arena = sp_arena_new();
    struct sql_stmt *s;
    const char *dup;

    (void)state;
    exec_ok(c,
            "DROP TABLE IF EXISTS t_text; CREATE TABLE t_text (id BIGINT PRIMARY KEY, name TEXT)");
    s = prepare_ok(c, "INSERT INTO t_text (id, name) VALUES ($1, $2)");
    sql_bind_int64(s, 1, 1);
    sql_bind_text(s, 2, name);
    done_ok(s);
    sql_release(s);
    s = prepare_ok(c, "SELECT name, length(name) FROM t_text WHERE name = $1");
    sql_bind_text(s, 1, name);
    step_row(s);
    assert_string_equal(sql_column_text(s, 0), name);
    assert_int_equal(sql_column_int64(s, 1), 17); /* characters, not bytes */
    dup = sql_column_dup(s, 0, arena);
    step_end(s);
    sql_release(s);
    assert_string_equal(dup, name);
    sp_arena_free(arena);
    sql_close(c);
}

static void bool_values(void **state)
{
    struct sql_conn *c = connect_ok();
    struct sql_stmt *s;

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_flag;"
               " CREATE TABLE t_flag (id BIGINT PRIMARY KEY, flag INTEGER NOT NULL)");
    for (int i = 0; i < 3; i++) {
        s = prepare_ok(c, "INSERT INTO t_flag (id, flag) VALUES ($1, $2)");
        sql_bind_int64(s, 1, i);
        sql_bind_bool(s, 2, i != 1);
        done_ok(s);
        sql_release(s);
    }
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM t_flag WHERE flag = 1"), 2);
    s = prepare_ok(c, "SELECT flag FROM t_flag WHERE id = $1");
    sql_bind_int64(s, 1, 1);
    step_row(s);
    assert_false(sql_column_bool(s, 0));
    sql_release(s);
    /* A comparison or EXISTS in a select list: boolean on PostgreSQL, integer on SQLite. */
    s = prepare_ok(c, "SELECT EXISTS (SELECT 1 FROM t_flag WHERE flag = 1), 1 = 2");
    step_row(s);
    assert_true(sql_column_bool(s, 0));
    assert_false(sql_column_bool(s, 1));
    sql_release(s);
    sql_close(c);
}

/* ---- id sets, string_agg, RETURNING ---------------------------------------------------------- */

static void ids_bind_as_any(void **state)
{
    static const char any[] = "SELECT COUNT(*) FROM t_ids WHERE id = ANY($1)";
    static const char all_or_any[] = "SELECT COUNT(*) FROM t_ids WHERE $1 IS NULL OR id = ANY($1)";
    const int64_t some[] = {2, 4, 99, -5};
    int64_t many[2000];
    struct sql_conn *c = connect_ok();

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_ids; CREATE TABLE t_ids (id BIGINT PRIMARY KEY)");
    for (int64_t i = 1; i <= 5; i++)
        run_with_int(c, "INSERT INTO t_ids (id) VALUES ($1)", i);
    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = (int64_t)i + 4;
    assert_int_equal(count_ids(c, any, some, 4), 2);
    assert_int_equal(count_ids(c, any, some, 0), 0); /* the empty set */
    assert_int_equal(count_ids(c, any, many, sizeof many / sizeof many[0]), 2);
    assert_int_equal(count_ids(c, all_or_any, NULL, 0), 5); /* NULL: every row */
    assert_int_equal(count_ids(c, all_or_any, some, 1), 1);
    assert_int_equal(count_ids(c, all_or_any, some, 0), 0);
    sql_close(c);
}

static void string_agg_joins(void **state)
{
    struct sql_conn *c = connect_ok();
    struct sql_stmt *s;

    (void)state;
    exec_ok(c,
            "DROP TABLE IF EXISTS t_agg;"
            " CREATE TABLE t_agg (id BIGINT PRIMARY KEY, g BIGINT NOT NULL, name TEXT NOT NULL);"
            " INSERT INTO t_agg (id, g, name) VALUES (1, 1, 'a'), (2, 1, '\xc3\xa6'), (3, 2, 'c')");
    s = prepare_ok(c, "SELECT g, string_agg(name, ','), string_agg(CAST(id AS TEXT), ',')"
                      " FROM (SELECT g, name, id FROM t_agg ORDER BY id) o GROUP BY g ORDER BY g");
    step_row(s);
    assert_string_equal(sql_column_text(s, 1), "a,\xc3\xa6");
    assert_string_equal(sql_column_text(s, 2), "1,2");
    step_row(s);
    assert_string_equal(sql_column_text(s, 1), "c");
    step_end(s);
    sql_release(s);
    s = prepare_ok(c, "SELECT string_agg(name, ',') FROM t_agg WHERE g = $1");
    sql_bind_int64(s, 1, 99);
    step_row(s);
    assert_true(sql_column_null(s, 0)); /* no rows: NULL on both */
    sql_release(s);
    sql_close(c);
}

/* `to_regclass($N) IS NOT NULL` asks whether table $N exists, on both engines (PostgreSQL's
 * to_regclass: NULL for a name that is no relation, postgresql.org/docs/15/functions-info.html;
 * SQLite: the fragment table's sqlite_master query), before, while and after it does. */
static void table_exists_as_to_regclass(void **state)
{
    static const char exists[] = "SELECT to_regclass($1) IS NOT NULL";
    static const struct {
        const char *script;
        int64_t t_exists;
    } steps[] = {
        {"DROP TABLE IF EXISTS t_exists", 0},
        {"CREATE TABLE t_exists (id BIGINT PRIMARY KEY)", 1},
        {"DROP TABLE t_exists", 0},
    };
    struct sql_conn *c = connect_ok();

    (void)state;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        struct sql_stmt *s;

        exec_ok(c, steps[i].script);
        s = prepare_ok(c, exists);
        sql_bind_text(s, 1, "t_exists");
        step_row(s);
        if (sql_column_int64(s, 0) != steps[i].t_exists)
            fail_msg("after \"%s\": %lld, expected %lld", steps[i].script,
                     (long long)sql_column_int64(s, 0), (long long)steps[i].t_exists);
        sql_release(s);
    }
    sql_close(c);
}

static void insert_returning_id(void **state)
{
    static const char insert[] = "INSERT INTO t_ret (name) VALUES ($1) RETURNING id, name";
    struct sql_conn *c = connect_ok();
    struct sp_err err = {0};

    (void)state;
    exec_ok(c, dialect("DROP TABLE IF EXISTS t_ret;"
                       " CREATE TABLE t_ret (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                       "DROP TABLE IF EXISTS t_ret; CREATE TABLE t_ret ("
                       " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                       " name TEXT NOT NULL)"));
    for (int64_t i = 1; i <= 3; i++) {
        struct sql_stmt *s = prepare_ok(c, insert);

        sql_bind_text(s, 1, "x");
        assert_int_equal(sql_step_one(s, "row", &err), SP_OK);
        assert_int_equal(sql_column_int64(s, 0), i);
        assert_string_equal(sql_column_text(s, 1), "x");
        step_end(s);
        assert_int_equal(sql_changes(s), 1);
        sql_release(s);
    }
    sql_close(c);
}

/* ---- errors ---------------------------------------------------------------------------------- */

/* A duplicate is SP_CONFLICT naming the field; neither the error nor the log holds the value. */
static void unique_violation_is_conflict_without_value(void **state)
{
    static const char insert[] = "INSERT INTO t_uni (id, name) VALUES ($1, $2)";
    struct sql_conn *c = connect_ok();
    struct sp_err err = {0};
    struct capture cap;
    struct sql_stmt *s;
    char *log;

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_uni;"
               " CREATE TABLE t_uni (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    s = prepare_ok(c, insert);
    sql_bind_int64(s, 1, 1);
    sql_bind_text(s, 2, "secret-value");
    done_ok(s);
    sql_release(s);
    capture_start(&cap);
    s = prepare_ok(c, insert);
    sql_bind_int64(s, 1, 2);
    sql_bind_text(s, 2, "secret-value");
    assert_int_equal(sql_step_done(s, "/name", &err), SP_CONFLICT);
    sql_release(s);
    log = capture_end(&cap);
    assert_string_equal(err.field, "/name");
    assert_null(strstr(err.detail, "secret-value"));
    assert_null(strstr(log, "secret-value"));
    free(log);
    /* The connection carries on (no transaction was open). */
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM t_uni"), 1);
    sql_close(c);
}

/* A failed statement in a transaction: the caller rolls back, the next transaction works. */
static void rollback_leaves_no_row(void **state)
{
    static const char insert[] = "INSERT INTO t_rb (id) VALUES ($1)";
    struct sql_conn *c = connect_ok();
    struct sp_err err = {0};
    struct sql_stmt *s;

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_rb; CREATE TABLE t_rb (id BIGINT PRIMARY KEY)");
    sql_rollback(c); /* no transaction: nothing happens */
    assert_int_equal(sql_begin(c, SQL_TXN_WRITE, &err), SP_OK);
    run_with_int(c, insert, 1);
    sql_rollback(c);
    sql_rollback(c);
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM t_rb"), 0);

    run_with_int(c, insert, 7);
    assert_int_equal(sql_begin(c, SQL_TXN_WRITE, &err), SP_OK);
    run_with_int(c, insert, 8);
    s = prepare_ok(c, insert);
    sql_bind_int64(s, 1, 7);
    assert_int_equal(sql_step_done(s, NULL, &err), SP_CONFLICT);
    sql_release(s);
    sql_rollback(c);
    assert_int_equal(sql_begin(c, SQL_TXN_WRITE, &err), SP_OK);
    run_with_int(c, insert, 9);
    assert_int_equal(sql_commit(c, &err), SP_OK);
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM t_rb"), 2); /* 7 and 9 */
    sql_close(c);
}

static void changes_counts_rows(void **state)
{
    static const char insert[] =
        "INSERT INTO t_chg (id, v) VALUES ($1, 0) ON CONFLICT (id) DO NOTHING";
    struct sql_conn *c = connect_ok();

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_chg; CREATE TABLE t_chg (id BIGINT PRIMARY KEY, v BIGINT);"
               " INSERT INTO t_chg (id, v) VALUES (1, 0), (2, 0), (3, 0)");
    assert_int_equal(run_with_int(c, "UPDATE t_chg SET v = v + 1 WHERE id <= $1", 2), 2);
    assert_int_equal(run_with_int(c, "DELETE FROM t_chg WHERE id = $1", 99), 0);
    assert_int_equal(run_with_int(c, insert, 1), 0);
    assert_int_equal(run_with_int(c, insert, 4), 1);
    sql_close(c);
}

/* One statement, bound and run to its end again and again without a release in between (a loop
 * over rows to insert): each run takes its own values. SQLite refuses binds on a statement that
 * has run until it is reset, so without the driver's reset every row would repeat the first. */
static void statement_rebinds_after_running(void **state)
{
    static const char insert[] = "INSERT INTO t_rebind (id, v) VALUES ($1, $2)";
    struct sql_conn *c = connect_ok();
    struct sql_stmt *s = NULL;
    struct sp_err err = {0};

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_rebind; CREATE TABLE t_rebind (id BIGINT PRIMARY KEY,"
               " v TEXT)");
    assert_int_equal(sql_prepare(c, insert, &s, &err), SP_OK);
    for (int64_t i = 1; i <= 3; i++) {
        char v[8];

        snprintf(v, sizeof v, "v%d", (int)i);
        sql_bind_int64(s, 1, i);
        sql_bind_text(s, 2, v);
        assert_int_equal(sql_step_done(s, NULL, &err), SP_OK);
        assert_int_equal(sql_changes(s), 1);
    }
    sql_release(s);
    assert_int_equal(sql_prepare(c,
                                 "SELECT string_agg(v, ',') FROM (SELECT v FROM t_rebind"
                                 " ORDER BY id) x",
                                 &s, &err),
                     SP_OK);
    step_row(s);
    assert_string_equal(sql_column_text(s, 0), "v1,v2,v3");
    sql_release(s);
    sql_close(c);
}

/* A read transaction sees one snapshot: a row another connection commits meanwhile is not in it. */
static void read_transaction_is_a_snapshot(void **state)
{
    static const char count[] = "SELECT COUNT(*) FROM t_snap";
    struct sql_conn *reader = connect_ok();
    struct sql_conn *writer = connect_ok();
    struct sp_err err = {0};

    (void)state;
    exec_ok(writer, "DROP TABLE IF EXISTS t_snap; CREATE TABLE t_snap (id BIGINT PRIMARY KEY);"
                    " INSERT INTO t_snap (id) VALUES (1)");
    assert_int_equal(sql_begin(reader, SQL_TXN_READ, &err), SP_OK);
    assert_int_equal(scalar(reader, count), 1);
    run_with_int(writer, "INSERT INTO t_snap (id) VALUES ($1)", 2);
    assert_int_equal(scalar(writer, count), 2);
    assert_int_equal(scalar(reader, count), 1);
    assert_int_equal(sql_commit(reader, &err), SP_OK);
    assert_int_equal(scalar(reader, count), 2);
    sql_close(writer);
    sql_close(reader);
}

/* ---- the statement cache --------------------------------------------------------------------- */

/* One text bound many times with NULL, then text, then NULL (PostgreSQL prepares it per
 * parameter types); a parameter first used in `$1 IS NULL`, typed by CAST or by the bind. */
static void cached_statement_takes_changing_types(void **state)
{
    static const char insert[] = "INSERT INTO t_cache (id, note) VALUES ($1, $2)";
    static const char select[] = "SELECT note FROM t_cache WHERE id = $1";
    static const char *const filters[] = {
        "SELECT COUNT(*) FROM t_cache WHERE CAST($1 AS TEXT) IS NULL OR note = $1",
        "SELECT COUNT(*) FROM t_cache WHERE $1 IS NULL OR note = $1", /* typed by the bind */
    };
    struct sql_conn *c = connect_ok();
    char note[32];

    (void)state;
    exec_ok(
        c, "DROP TABLE IF EXISTS t_cache; CREATE TABLE t_cache (id BIGINT PRIMARY KEY, note TEXT)");
    for (int i = 0; i < 200; i++) {
        struct sql_stmt *s = prepare_ok(c, insert);

        snprintf(note, sizeof note, "note %d", i);
        sql_bind_int64(s, 1, i);
        sql_bind_text(s, 2, i % 3 == 1 ? note : NULL);
        done_ok(s);
        sql_release(s);
    }
    for (int i = 0; i < 200; i++) {
        struct sql_stmt *s = prepare_ok(c, select);

        snprintf(note, sizeof note, "note %d", i);
        sql_bind_int64(s, 1, i);
        step_row(s);
        if (i % 3 == 1)
            assert_string_equal(sql_column_text(s, 0), note);
        else
            assert_null(sql_column_text(s, 0));
        sql_release(s);
    }
    for (int i = 0; i < 40; i++) {
        struct sql_stmt *s = prepare_ok(c, filters[i / 20]);

        sql_bind_text(s, 1, i % 2 ? "note 4" : NULL);
        step_row(s);
        assert_int_equal(sql_column_int64(s, 0), i % 2 ? 1 : 200);
        sql_release(s);
    }
    sql_close(c);
}

/* Two statements of one text open at once each read their own rows. */
static void open_statements_keep_their_own_rows(void **state)
{
    static const char select[] = "SELECT id FROM t_two WHERE id >= $1 ORDER BY id";
    struct sql_conn *c = connect_ok();
    struct sql_stmt *outer;

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_two; CREATE TABLE t_two (id BIGINT PRIMARY KEY);"
               " INSERT INTO t_two (id) VALUES (1), (2), (3)");
    outer = prepare_ok(c, select);
    sql_bind_int64(outer, 1, 1);
    for (int64_t want = 1; want <= 3; want++) {
        struct sql_stmt *inner = prepare_ok(c, select);

        step_row(outer);
        assert_int_equal(sql_column_int64(outer, 0), want);
        sql_bind_int64(inner, 1, 3);
        step_row(inner);
        assert_int_equal(sql_column_int64(inner, 0), 3);
        step_end(inner);
        sql_release(inner);
        assert_int_equal(sql_column_int64(outer, 0), want);
    }
    step_end(outer);
    sql_release(outer);
    sql_close(c);
}

/* sql_fault_at(2): the second storage call from now fails with SP_UNAVAILABLE (not retried). */
static void fault_injection_fails_the_nth_call(void **state)
{
    struct sql_conn *c = connect_ok();
    struct sp_err err = {0};
    struct sql_stmt *s = NULL;
    bool row = false;

    (void)state;
    sql_fault_at(2);
    assert_int_equal(sql_prepare(c, "SELECT 1", &s, &err), SP_OK);
    assert_int_equal(sql_step(s, &row, NULL, &err), SP_UNAVAILABLE);
    assert_false(row);
    assert_int_equal(sql_fault_calls(), 2);
    sql_release(s);
    sql_fault_at(1);
    assert_int_equal(sql_begin(c, SQL_TXN_WRITE, &err), SP_UNAVAILABLE);
    sql_fault_at(0);
    assert_int_equal(scalar(c, "SELECT 1"), 1);
    sql_close(c);
}

static void ping_needs_the_schema(void **state)
{
    struct sql_conn *c = connect_ok();
    struct sp_err err = {0};

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS schema_migration");
    assert_int_equal(sql_ping(c, &err), SP_UNAVAILABLE);
    exec_ok(c, "CREATE TABLE schema_migration (version BIGINT PRIMARY KEY, name TEXT NOT NULL,"
               " applied_at TEXT NOT NULL);"
               " INSERT INTO schema_migration VALUES (1, '0001_test.sql', '2025-01-01T00:00:00Z')");
    assert_int_equal(sql_ping(c, &err), SP_OK);
    exec_ok(c, "DROP TABLE schema_migration");
    sql_close(c);
}

/* ---- PostgreSQL only ------------------------------------------------------------------------- */

static int64_t backend_pid(struct sql_conn *c)
{
    return scalar(c, "SELECT pg_backend_pid()");
}

/* End c's server process from another connection, and wait until it is gone. */
static void terminate_backend(struct sql_conn *c)
{
    static const char terminate[] = "SELECT pg_terminate_backend(CAST($1 AS INTEGER))";
    static const char alive[] = "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1";
    struct sql_conn *admin = connect_ok();
    int64_t pid = backend_pid(c);
    struct sql_stmt *s = prepare_ok(admin, terminate);

    sql_bind_int64(s, 1, pid);
    step_row(s);
    assert_true(sql_column_bool(s, 0));
    sql_release(s);
    for (int tries = 0;; tries++) {
        int64_t n;

        s = prepare_ok(admin, alive);
        sql_bind_int64(s, 1, pid);
        step_row(s);
        n = sql_column_int64(s, 0);
        sql_release(s);
        if (n == 0)
            break;
        assert_true(tries < 500);
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    sql_close(admin);
}

static const char recon_select[] = "SELECT COUNT(*) FROM t_recon WHERE id >= $1";

static int64_t recon_count(struct sql_conn *c, struct sp_err *err, enum sp_code *rc)
{
    struct sql_stmt *s = NULL;
    bool row = false;
    int64_t n = -1;

    *rc = sql_prepare(c, recon_select, &s, err);
    if (*rc == SP_OK) {
        sql_bind_int64(s, 1, 0);
        *rc = sql_step(s, &row, NULL, err);
    }
    if (*rc == SP_OK && row)
        n = sql_column_int64(s, 0);
    sql_release(s);
    return n;
}

/* After the server ends the session, ping and begin make a new one; inside a transaction the
 * loss is SP_UNAVAILABLE until rollback. */
static void reconnects_after_the_backend_is_terminated(void **state)
{
    struct sql_conn *c = connect_ok();
    struct sp_err err = {0};
    enum sp_code rc;
    struct capture cap;
    char *log;
    int64_t pid;

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_recon; CREATE TABLE t_recon (id BIGINT PRIMARY KEY);"
               " INSERT INTO t_recon (id) VALUES (1), (2);"
               " DROP TABLE IF EXISTS schema_migration;"
               " CREATE TABLE schema_migration (version BIGINT PRIMARY KEY);"
               " INSERT INTO schema_migration VALUES (1)");
    assert_int_equal(recon_count(c, &err, &rc), 2); /* prepared on the first session */
    pid = backend_pid(c);
    capture_start(&cap);

    terminate_backend(c);
    assert_int_equal(sql_ping(c, &err), SP_OK);
    assert_true(backend_pid(c) != pid);
    assert_int_equal(recon_count(c, &err, &rc), 2); /* prepared again on the new session */

    terminate_backend(c);
    assert_int_equal(sql_begin(c, SQL_TXN_READ, &err), SP_OK);
    assert_int_equal(recon_count(c, &err, &rc), 2);
    assert_int_equal(sql_commit(c, &err), SP_OK);

    terminate_backend(c);
    assert_int_equal(sql_begin(c, SQL_TXN_WRITE, &err), SP_OK);
    terminate_backend(c);
    recon_count(c, &err, &rc);
    assert_int_equal(rc, SP_UNAVAILABLE);
    recon_count(c, &err, &rc); /* still inside the lost transaction */
    assert_int_equal(rc, SP_UNAVAILABLE);
    sql_rollback(c);
    assert_int_equal(recon_count(c, &err, &rc), 2); /* outside one: a new session */

    terminate_backend(c);
    recon_count(c, &err, &rc); /* the loss shows here... */
    assert_int_equal(rc, SP_UNAVAILABLE);
    assert_int_equal(recon_count(c, &err, &rc), 2); /* ...and the next call reconnects */
    log = capture_end(&cap);
    assert_non_null(strstr(log, "reconnecting"));
    free(log);
    exec_ok(c, "DROP TABLE schema_migration");
    sql_close(c);
}

static void two_rows(struct sql_conn *c, const char *table)
{
    char script[160];

    snprintf(script, sizeof script,
             "DROP TABLE IF EXISTS %s; CREATE TABLE %s (id BIGINT PRIMARY KEY, v BIGINT);"
             " INSERT INTO %s (id, v) VALUES (1, 0), (2, 0)",
             table, table, table);
    exec_ok(c, script);
}

static enum sp_code update_row(struct sql_conn *c, const char *sql, int64_t id)
{
    struct sql_stmt *s = prepare_ok(c, sql);
    struct sp_err err = {0};
    enum sp_code rc;

    sql_bind_int64(s, 1, id);
    rc = sql_step_done(s, NULL, &err);
    sql_release(s);
    return rc;
}

/* REPEATABLE READ: updating a row another transaction changed after the snapshot is 40001. */
static void serialization_failure_is_busy(void **state)
{
    static const char update[] = "UPDATE t_ser SET v = v + 1 WHERE id = $1";
    struct sql_conn *a = connect_ok();
    struct sql_conn *b = connect_ok();

    (void)state;
    two_rows(a, "t_ser");
    exec_ok(a, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    assert_int_equal(scalar(a, "SELECT COUNT(*) FROM t_ser"), 2); /* the snapshot */
    assert_int_equal(update_row(b, update, 1), SP_OK);
    assert_int_equal(update_row(a, update, 1), SP_BUSY);
    sql_rollback(a);
    assert_int_equal(update_row(a, update, 1), SP_OK);
    assert_int_equal(scalar(a, "SELECT v FROM t_ser WHERE id = 1"), 2);
    sql_close(b);
    sql_close(a);
}

/* A lock wait beyond lock_timeout is 55P03. */
static void lock_timeout_is_busy(void **state)
{
    static const char update[] = "UPDATE t_lock SET v = v + 1 WHERE id = $1";
    struct sql_conn *a = connect_ok();
    struct sql_conn *b = connect_ok();
    struct sp_err err = {0};

    (void)state;
    two_rows(a, "t_lock");
    assert_int_equal(sql_begin(a, SQL_TXN_WRITE, &err), SP_OK);
    assert_int_equal(update_row(a, update, 1), SP_OK);
    exec_ok(b, "SET lock_timeout = '100ms'");
    assert_int_equal(update_row(b, update, 1), SP_BUSY);
    assert_int_equal(sql_commit(a, &err), SP_OK);
    assert_int_equal(update_row(b, update, 1), SP_OK);
    sql_close(b);
    sql_close(a);
}

struct deadlock_side {
    struct sql_conn *c;
    int64_t first;
    int64_t second;
    pthread_barrier_t *barrier;
    enum sp_code rc;
};

/* Lock `first`, wait for the other side to lock its row, then reach for `second`; the loser
 * rolls back so that the winner can go on. */
static void *deadlock_run(void *arg)
{
    static const char update[] = "UPDATE t_dead SET v = v + 1 WHERE id = $1";
    struct deadlock_side *d = arg;
    struct sp_err err = {0};

    d->rc = sql_begin(d->c, SQL_TXN_WRITE, &err);
    if (d->rc == SP_OK)
        d->rc = update_row(d->c, update, d->first);
    pthread_barrier_wait(d->barrier);
    if (d->rc == SP_OK)
        d->rc = update_row(d->c, update, d->second);
    if (d->rc == SP_OK)
        d->rc = sql_commit(d->c, &err);
    else
        sql_rollback(d->c);
    return NULL;
}

/* Two transactions locking two rows in opposite order: one is the deadlock's victim (40P01). */
static void deadlock_is_busy(void **state)
{
    pthread_barrier_t barrier;
    struct deadlock_side a = {connect_ok(), 1, 2, &barrier, SP_INTERNAL};
    struct deadlock_side b = {connect_ok(), 2, 1, &barrier, SP_INTERNAL};
    pthread_t thread;

    (void)state;
    two_rows(a.c, "t_dead");
    pthread_barrier_init(&barrier, NULL, 2);
    assert_int_equal(pthread_create(&thread, NULL, deadlock_run, &b), 0);
    deadlock_run(&a);
    pthread_join(thread, NULL);
    pthread_barrier_destroy(&barrier);
    assert_true((a.rc == SP_OK && b.rc == SP_BUSY) || (a.rc == SP_BUSY && b.rc == SP_OK));
    sql_close(b.c);
    sql_close(a.c);
}

/* A failed statement aborts a PostgreSQL transaction (SQLite's goes on): COMMIT is not
 * SP_OK and nothing of the transaction stays. */
static void commit_after_a_failed_statement_fails(void **state)
{
    static const char insert[] = "INSERT INTO t_abort (id) VALUES ($1)";
    struct sql_conn *c = connect_ok();
    struct sp_err err = {0};
    struct capture cap;
    char *log;

    (void)state;
    exec_ok(c, "DROP TABLE IF EXISTS t_abort; CREATE TABLE t_abort (id BIGINT PRIMARY KEY);"
               " INSERT INTO t_abort (id) VALUES (1)");
    assert_int_equal(sql_begin(c, SQL_TXN_WRITE, &err), SP_OK);
    assert_int_equal(run_with_int(c, insert, 2), 1);
    capture_start(&cap);
    {
        struct sql_stmt *s = prepare_ok(c, insert);

        sql_bind_int64(s, 1, 1);
        assert_int_equal(sql_step_done(s, NULL, &err), SP_CONFLICT);
        sql_release(s);
    }
    assert_int_equal(sql_commit(c, &err), SP_INTERNAL);
    log = capture_end(&cap);
    assert_non_null(strstr(log, "rolled it back"));
    free(log);
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM t_abort"), 1);
    sql_close(c);
}

/* A value the server refuses (class 22) is logged without the value. */
static void data_exception_logs_no_value(void **state)
{
    struct sql_conn *c = connect_ok();
    struct sp_err err = {0};
    struct sql_stmt *s = prepare_ok(c, "SELECT CAST($1 AS BIGINT)");
    struct capture cap;
    bool row = false;
    char *log;

    (void)state;
    sql_bind_text(s, 1, "secret-value");
    capture_start(&cap);
    assert_int_equal(sql_step(s, &row, NULL, &err), SP_INTERNAL);
    log = capture_end(&cap);
    sql_release(s);
    assert_null(strstr(err.detail, "secret-value"));
    assert_null(strstr(log, "secret-value"));
    assert_non_null(strstr(log, "22P02"));
    free(log);
    sql_close(c);
}

/* ---- either engine, no server needed --------------------------------------------------------- */

/* A server that does not answer is SP_UNAVAILABLE, and the password stays out of the log, also
 * when the URL does not parse. */
static void unreachable_server_logs_no_password(void **state)
{
    static const char *const urls[] = {
        "postgresql://samspor:hunter2-secret@127.0.0.1:1/x",
        "postgresql://samspor:hunter2-secret%zz@127.0.0.1:1/x",
        "postgresql://samspor@127.0.0.1:1/x?password=hunter2-secret&sslmode=bogus",
    };

    (void)state;
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        struct sql_conn *c = NULL;
        struct sp_err err = {0};
        struct capture cap;
        char *log;

        capture_start(&cap);
        assert_int_equal(sql_open(urls[i], &c, &err), SP_UNAVAILABLE);
        log = capture_end(&cap);
        assert_null(c);
        assert_non_null(strstr(log, "postgresql"));
        assert_null(strstr(log, "hunter2"));
        assert_null(strstr(err.detail, "hunter2"));
        free(log);
    }
}

/* ---- runs ------------------------------------------------------------------------------------ */

int main(void)
{
    const struct CMUnitTest both[] = {
        cmocka_unit_test(int64_values_round_trip),
        cmocka_unit_test(null_values),
        cmocka_unit_test(utf8_text_round_trip),
        cmocka_unit_test(bool_values),
        cmocka_unit_test(ids_bind_as_any),
        cmocka_unit_test(string_agg_joins),
        cmocka_unit_test(table_exists_as_to_regclass),
        cmocka_unit_test(insert_returning_id),
        cmocka_unit_test(unique_violation_is_conflict_without_value),
        cmocka_unit_test(rollback_leaves_no_row),
        cmocka_unit_test(changes_counts_rows),
        cmocka_unit_test(statement_rebinds_after_running),
        cmocka_unit_test(read_transaction_is_a_snapshot),
        cmocka_unit_test(cached_statement_takes_changing_types),
        cmocka_unit_test(open_statements_keep_their_own_rows),
        cmocka_unit_test(fault_injection_fails_the_nth_call),
        cmocka_unit_test(ping_needs_the_schema),
    };
    const struct CMUnitTest pg_only[] = {
        cmocka_unit_test(reconnects_after_the_backend_is_terminated),
        cmocka_unit_test(serialization_failure_is_busy),
        cmocka_unit_test(lock_timeout_is_busy),
        cmocka_unit_test(deadlock_is_busy),
        cmocka_unit_test(commit_after_a_failed_statement_fails),
        cmocka_unit_test(data_exception_logs_no_value),
    };
    const struct CMUnitTest offline[] = {
        cmocka_unit_test(unreachable_server_logs_no_password),
    };
    const char *tmp = getenv("TMPDIR");
    const char *base = getenv("SAMSPOR_TEST_PG");
    char dir[256];
    char path[320];
    int failed = 0;

    snprintf(dir, sizeof dir, "%s/samspor-sql-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof path, "%s/sql.sqlite", dir);
    target = path;
    on_pg = false;
    failed += cmocka_run_group_tests_name("sql on SQLite", both, NULL, NULL);
    for (const char *const *sfx = (const char *const[]){"", "-wal", "-shm", NULL}; *sfx; sfx++) {
        char p[340];

        snprintf(p, sizeof p, "%s%s", path, *sfx);
        unlink(p);
    }
    rmdir(dir);

    if (base == NULL || *base == '\0') {
        printf("sql_test: SAMSPOR_TEST_PG is not set: the PostgreSQL tests were skipped\n");
    } else {
        char name[64];
        char url[512];

        snprintf(name, sizeof name, "samspor_sql_test_%ld", (long)getpid());
        database_url(base, name, url, sizeof url);
        if (!database_ddl(base, "CREATE", name, ""))
            return 1;
        target = url;
        on_pg = true;
        failed += cmocka_run_group_tests_name("sql on PostgreSQL", both, NULL, NULL);
        failed += cmocka_run_group_tests_name("PostgreSQL driver", pg_only, NULL, NULL);
        if (!database_ddl(base, "DROP", name, " WITH (FORCE)"))
            failed++;
    }
    failed += cmocka_run_group_tests_name("PostgreSQL unreachable", offline, NULL, NULL);
    return failed;
}
