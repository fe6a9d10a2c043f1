/* sql.h over PostgreSQL (libpq, postgresql.org/docs/15/libpq.html): one connection per thread,
 * statements prepared lazily and cached per connection, parameters and results as text.
 *
 * A statement is prepared at its first step, when the types of its parameters are known: ints
 * are sent as int8, text as text and id sets as int8[], NULL text or ids typed as such, and
 * sql_bind_null's NULL untyped (the server infers it). The cache is keyed by the SQL text (its
 * address, then its content) and that type signature; a NULL fits a statement prepared with any
 * type for its parameter.
 *
 * Errors are told apart by SQLSTATE (postgresql.org/docs/15/errcodes-appendix.html). The log
 * gets the primary message and the SQLSTATE only: the DETAIL of a unique violation holds the
 * key's value, the primary message of a data exception (class 22) the rejected input. NOTICEs
 * and WARNINGs are dropped for the same reason.
 *
 * A connection the server dropped (restart, failover, pg_terminate_backend) is reset by the
 * next ping, begin or statement outside a transaction; inside one, every call fails with
 * SP_UNAVAILABLE until the caller rolls back, so no part of a transaction runs on the new
 * session. The new session has no prepared statements: the cache is emptied.
 *
 * Round trips are what a request spends most on (each wakes the server process and this thread
 * again), so two commands never wait for an answer of their own: BEGIN goes out with the
 * transaction's first statement, in one pipeline (postgresql.org/docs/15/libpq-pipeline-mode.html),
 * and ROLLBACK is sent without waiting; its answer is read before the connection's next command.
 * A transaction that ran no statement sends nothing at all. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/sql_int.h"

/* Type OIDs (src/include/catalog/pg_type.dat); 0 lets the server infer the type. */
#define OID_INT8 20
#define OID_TEXT 25
#define OID_INT8_ARRAY 1016
/* Parameters of one statement: a 16-bit count in the protocol's Bind message. */
#define PG_MAX_PARAMS 65535

/* Settings of every session, run after each connect and reset. Times and dates are text in the
 * schema, so no time zone is set. */
static const char session_setup[] = "SET client_encoding = 'UTF8';"
                                    " SET client_min_messages = warning;"
                                    " SET standard_conforming_strings = on";

/* A statement prepared on the connection's session under `name`. */
struct pg_prepared {
    const char *key; /* the caller's SQL pointer */
    char *sql;       /* a copy, to tell two texts at one address apart */
    int nparams;
    Oid *types;
    char name[24];
};

struct pg_param {
    Oid type;
    bool null;
    char *text; /* owned; NULL when the value is in num */
    char num[24];
};

struct pg_stmt {
    struct sql_stmt base;
    const char *sql;
    struct pg_param *params;
    int nparams;
    int cap;
    PGresult *res; /* this statement's own result: never shared, cleared before the next run */
    bool ran;
    int row; /* the current row of res; -1 before the first */
    int64_t changes;
};

struct pg_conn {
    struct sql_conn base;
    PGconn *pg;
    char *password;    /* the URL's, to keep it out of logged libpq messages */
    bool in_txn;       /* between our BEGIN and COMMIT/ROLLBACK: never reset in between */
    bool down;         /* a reconnect failed: the next failures are not logged again */
    const char *begin; /* a BEGIN not sent yet: it goes with the transaction's first command */
    bool unread;       /* a command was sent without waiting (ROLLBACK): read its answer first */
    uint64_t names;    /* statements prepared on this connection, for their names */
    size_t count;
    size_t cap;
    struct pg_prepared **cache;
};

static struct pg_conn *conn_of(struct sql_conn *c)
{
    return (struct pg_conn *)c;
}

static struct pg_stmt *stmt_of(struct sql_stmt *s)
{
    return (struct pg_stmt *)s;
}

/* ---- errors ---------------------------------------------------------------------------------- */

/* A libpq message (connection failures) for the log: one line, the password masked. */
static void log_libpq_message(const struct pg_conn *c, const char *what)
{
    char line[512];
    const char *msg = c->pg ? PQerrorMessage(c->pg) : "out of memory";
    size_t n = 0;

    for (const char *p = msg; *p != '\0' && n + 4 < sizeof line;) {
        size_t plen = c->password ? strlen(c->password) : 0;

        if (plen > 0 && strncmp(p, c->password, plen) == 0) {
            memcpy(line + n, "***", 3);
            n += 3;
            p += plen;
            continue;
        }
        if (*p != '\n' && *p != '\t' && *p != ' ')
            line[n++] = *p;
        else if (n > 0 && line[n - 1] != ' ')
            line[n++] = ' '; /* libpq's line breaks and indents: one space */
        p++;
    }
    while (n > 0 && line[n - 1] == ' ')
        n--;
    line[n] = '\0';
    sp_log(SP_LOG_ERROR, "postgresql: %s: %s", what, line);
}

static bool state_is(const char *state, const char *code)
{
    return state != NULL && strcmp(state, code) == 0;
}

/* Class 08 (connection exception) and the server going away under us (57P01..57P03). A
 * protocol violation (08P01, e.g. fewer parameters bound than the statement has) leaves the
 * connection as it was: a bug, not a lost connection. */
static bool state_is_connection_lost(const char *state)
{
    return (strncmp(state, "08", 2) == 0 && !state_is(state, "08P01")) ||
           state_is(state, "57P01") || state_is(state, "57P02") || state_is(state, "57P03");
}

/* Serialization failure, deadlock, lock not available (lock_timeout), query canceled
 * (statement_timeout): the transaction may run again. */
static bool state_is_retryable(const char *state)
{
    return state_is(state, "40001") || state_is(state, "40P01") || state_is(state, "55P03") ||
           state_is(state, "57014");
}

static void forget_prepared(struct pg_conn *c);
static void read_unread(struct pg_conn *c);

/* The server's message for the log: the primary text and SQLSTATE, or only the SQLSTATE for a
 * data exception (class 22), whose primary text quotes the rejected input, and for an exception
 * a PL/pgSQL function raised (class P0), whose text is the function's. */
static void log_server_error(const PGresult *res, const char *state, const char *what,
                             const char *sql)
{
    const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

    if (strncmp(state, "22", 2) == 0)
        primary = "data exception";
    else if (strncmp(state, "P0", 2) == 0)
        primary = "exception raised by a function";
    else if (primary == NULL)
        primary = "error";
    sp_log(SP_LOG_ERROR, "postgresql: %s%s (SQLSTATE %s) in: %.200s", what, primary, state,
           sql ? sql : "a script");
}

/* The error of a failed command as sql.h's code; sql is logged with it (the statement's text,
 * never its values), or NULL for a script. */
static enum sp_code map_error(struct pg_conn *c, const PGresult *res, const char *sql,
                              const char *unique_field, struct sp_err *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

    if (state == NULL) { /* libpq's own failure: no server message to leak */
        log_libpq_message(c, PQstatus(c->pg) == CONNECTION_OK ? "failed" : "connection lost");
        return PQstatus(c->pg) == CONNECTION_OK ? sql_err_internal(err) : sql_err_unavailable(err);
    }
    if (PQstatus(c->pg) != CONNECTION_OK || state_is_connection_lost(state)) {
        log_server_error(res, state, "connection lost: ", sql);
        return sql_err_unavailable(err);
    }
    if (state_is(state, "23505"))
        return sql_err_conflict(err, unique_field);
    if (state_is_retryable(state))
        return sql_err_busy(err);
    if (state_is(state, "26000")) {
        /* The session lost its prepared statements (DEALLOCATE ALL, or a pooler that does not
         * keep them): prepare again on the next try. */
        forget_prepared(c);
        return sql_err_busy(err);
    }
    log_server_error(res, state, "", sql);
    return sql_err_internal(err);
}

static bool result_ok(const PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);

    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/* Run a command without parameters (simple query protocol); SP_OK or the mapped error. */
static enum sp_code run_simple(struct pg_conn *c, const char *sql, struct sp_err *err)
{
    PGresult *res;

    read_unread(c);
    res = PQexec(c->pg, sql);
    enum sp_code rc = result_ok(res) ? SP_OK : map_error(c, res, NULL, NULL, err);

    PQclear(res);
    return rc;
}

/* ---- connection ------------------------------------------------------------------------------ */

static void drop_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* The answer of a command sent without waiting (a ROLLBACK): read before anything else is sent.
 * Its failure is a rolled-back or lost connection either way, which the next command finds. */
static void read_unread(struct pg_conn *c)
{
    PGresult *res;

    if (!c->unread)
        return;
    while ((res = PQgetResult(c->pg)) != NULL)
        PQclear(res);
    c->unread = false;
}

/* The pending BEGIN on its own, for the commands that do not carry it (scripts, pings). */
static enum sp_code send_begin(struct pg_conn *c, struct sp_err *err)
{
    const char *begin = c->begin;

    if (begin == NULL)
        return SP_OK;
    c->begin = NULL;
    return run_simple(c, begin, err);
}

static void forget_prepared(struct pg_conn *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->cache[i]->sql);
        free(c->cache[i]->types);
        free(c->cache[i]);
    }
    c->count = 0;
}

static void pg_close_conn(struct sql_conn *conn)
{
    struct pg_conn *c = conn_of(conn);

    forget_prepared(c);
    free(c->cache);
    if (c->password != NULL) {
        explicit_bzero(c->password, strlen(c->password));
        free(c->password);
    }
    PQfinish(c->pg);
    free(c);
}

/* The URL's password, kept to mask it in logged messages; false when the URL does not parse
 * (libpq's message then quotes the URL, so it is not logged). */
static bool remember_password(struct pg_conn *c, const char *target)
{
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(target, &msg);

    PQfreemem(msg);
    if (opts == NULL)
        return false;
    for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val != NULL && *o->val != '\0')
            c->password = sp_xstrdup(o->val);
    PQconninfoFree(opts);
    return true;
}

/* A new or reset session: drop notices, terse messages, the session settings. */
static enum sp_code session_start(struct pg_conn *c, struct sp_err *err)
{
    PQsetNoticeProcessor(c->pg, drop_notice, NULL);
    PQsetErrorVerbosity(c->pg, PQERRORS_TERSE);
    return run_simple(c, session_setup, err);
}

static enum sp_code pg_open_conn(const char *target, struct sql_conn **out, struct sp_err *err)
{
    /* Defaults before dbname, so that the URL's own parameters override them (libpq's
     * PQconnectdbParams with expand_dbname). Keepalives notice a primary that vanished without
     * closing its connections within about a minute. */
    static const char *const keywords[] = {"connect_timeout",
                                           "keepalives_idle",
                                           "keepalives_interval",
                                           "keepalives_count",
                                           "fallback_application_name",
                                           "dbname",
                                           NULL};
    const char *values[] = {"10", "30", "10", "3", "samspor", target, NULL};
    struct pg_conn *c = sp_xcalloc(1, sizeof *c);

    c->base.driver = &sql_pg_driver;
    if (!remember_password(c, target)) {
        sp_log(SP_LOG_ERROR, "postgresql: the database URL cannot be parsed");
        pg_close_conn(&c->base);
        return sp_err_set(err, SP_UNAVAILABLE, "", "The database cannot be opened.");
    }
    c->pg = PQconnectdbParams(keywords, values, 1);
    if (PQstatus(c->pg) != CONNECTION_OK) {
        log_libpq_message(c, "cannot connect");
        pg_close_conn(&c->base);
        return sp_err_set(err, SP_UNAVAILABLE, "", "The database cannot be opened.");
    }
    if (session_start(c, err) != SP_OK) {
        pg_close_conn(&c->base);
        return sp_err_set(err, SP_UNAVAILABLE, "", "The database cannot be opened.");
    }
    *out = &c->base;
    return SP_OK;
}

/* Outside a transaction, a connection the server dropped is made again (PQreset keeps the
 * URL); the new session has none of the old one's prepared statements. */
static enum sp_code reconnect(struct pg_conn *c, struct sp_err *err)
{
    if (!c->down)
        sp_log(SP_LOG_WARN, "postgresql: connection lost; reconnecting");
    forget_prepared(c);
    PQreset(c->pg);
    if (PQstatus(c->pg) != CONNECTION_OK) {
        if (!c->down)
            log_libpq_message(c, "cannot reconnect");
        c->down = true;
        return sql_err_unavailable(err);
    }
    if (c->down)
        sp_log(SP_LOG_INFO, "postgresql: reconnected");
    c->down = false;
    return session_start(c, err);
}

static enum sp_code ensure_connected(struct pg_conn *c, struct sp_err *err)
{
    read_unread(c);
    if (PQstatus(c->pg) == CONNECTION_OK)
        return SP_OK;
    /* A new session would lose what the transaction ran; one that sent nothing yet may move. */
    if (c->in_txn && c->begin == NULL)
        return sql_err_unavailable(err);
    return reconnect(c, err);
}

/* sql (without parameters) run outside a transaction: once more on a new session when the
 * first try found the connection gone (libpq only learns that when it next talks). */
static PGresult *run_resetting(struct pg_conn *c, const char *sql, struct sp_err *err)
{
    PGresult *res;

    read_unread(c);
    if (ensure_connected(c, err) != SP_OK)
        return NULL;
    res = PQexec(c->pg, sql);
    if (!result_ok(res) && PQstatus(c->pg) != CONNECTION_OK) {
        PQclear(res);
        if (reconnect(c, err) != SP_OK)
            return NULL;
        res = PQexec(c->pg, sql);
    }
    return res;
}

static enum sp_code pg_exec_script(struct sql_conn *conn, const char *script, struct sp_err *err)
{
    struct pg_conn *c = conn_of(conn);
    enum sp_code rc = c->in_txn ? SP_OK : ensure_connected(c, err);

    if (rc == SP_OK)
        rc = send_begin(c, err);
    return rc == SP_OK ? run_simple(c, script, err) : rc;
}

/* Nothing is sent yet: the BEGIN goes with the first statement (run_statement). The
 * connection is made again here when it was lost outside a transaction. */
static enum sp_code pg_begin(struct sql_conn *conn, enum sql_txn kind, struct sp_err *err)
{
    struct pg_conn *c = conn_of(conn);
    enum sp_code rc;

    read_unread(c);
    if (c->in_txn || PQtransactionStatus(c->pg) == PQTRANS_INTRANS ||
        PQtransactionStatus(c->pg) == PQTRANS_INERROR) {
        sp_log(SP_LOG_ERROR, "postgresql: BEGIN inside a transaction");
        return sql_err_internal(err);
    }
    rc = ensure_connected(c, err);
    if (rc != SP_OK)
        return rc;
    c->begin = kind == SQL_TXN_READ ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN";
    c->in_txn = true;
    return SP_OK;
}

static enum sp_code pg_commit(struct sql_conn *conn, struct sp_err *err)
{
    struct pg_conn *c = conn_of(conn);
    PGresult *res;
    enum sp_code rc;

    if (c->begin != NULL) { /* no statement ran: there is nothing to commit */
        c->begin = NULL;
        c->in_txn = false;
        return SP_OK;
    }
    res = PQexec(c->pg, "COMMIT");
    rc = result_ok(res) ? SP_OK : map_error(c, res, "COMMIT", NULL, err);

    /* COMMIT of a transaction a failed statement aborted succeeds as a ROLLBACK. */
    if (rc == SP_OK && strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
        sp_log(SP_LOG_ERROR, "postgresql: COMMIT of a failed transaction rolled it back");
        rc = sql_err_internal(err);
    }
    PQclear(res);
    c->in_txn = false;
    return rc;
}

/* Sent without waiting for the answer (read_unread reads it before the next command): the
 * server ends the transaction as soon as the message arrives, and nothing here depends on how. */
static void pg_rollback(struct sql_conn *conn)
{
    struct pg_conn *c = conn_of(conn);
    PGTransactionStatusType ts;

    c->begin = NULL;
    c->in_txn = false;
    read_unread(c);
    ts = PQtransactionStatus(c->pg);
    if ((ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR) && PQsendQuery(c->pg, "ROLLBACK") == 1)
        c->unread = true;
}

static enum sp_code pg_ping(struct sql_conn *conn, struct sp_err *err)
{
    struct pg_conn *c = conn_of(conn);
    PGresult *res = NULL;
    bool ok;

    read_unread(c);
    if (!c->in_txn)
        res = run_resetting(c, "SELECT 1 FROM schema_migration LIMIT 1", err);
    else if (send_begin(c, err) == SP_OK)
        res = PQexec(c->pg, "SELECT 1 FROM schema_migration LIMIT 1");
    ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;

    PQclear(res);
    return ok ? SP_OK : sql_err_unavailable(err);
}

/* ---- statements ------------------------------------------------------------------------------ */

static enum sp_code pg_prepare(struct sql_conn *conn, const char *sql, struct sql_stmt **out,
                               struct sp_err *err)
{
    struct pg_stmt *st = sp_xcalloc(1, sizeof *st);

    (void)err;
    st->base.conn = conn;
    st->sql = sql;
    st->row = -1;
    *out = &st->base;
    return SP_OK;
}

static void clear_param(struct pg_param *p)
{
    free(p->text);
    memset(p, 0, sizeof *p);
}

static void pg_release(struct sql_stmt *s)
{
    struct pg_stmt *st = stmt_of(s);

    for (int i = 0; i < st->nparams; i++)
        free(st->params[i].text);
    free(st->params);
    PQclear(st->res);
    free(st);
}

/* Parameter `index` (1-based), emptied for a new value; a bind after a run starts a new run.
 * NULL for an index the protocol cannot carry (a bug: the bind is dropped, as SQLite does). */
static struct pg_param *param_slot(struct pg_stmt *st, int index)
{
    if (index < 1 || index > PG_MAX_PARAMS) {
        sp_log(SP_LOG_ERROR, "postgresql: parameter $%d out of range in: %.200s", index, st->sql);
        return NULL;
    }
    if (index > st->cap) {
        int cap = st->cap ? st->cap : 8;

        while (cap < index)
            cap *= 2;
        st->params = sp_xrealloc(st->params, (size_t)cap * sizeof *st->params);
        memset(st->params + st->cap, 0, (size_t)(cap - st->cap) * sizeof *st->params);
        st->cap = cap;
    }
    for (int i = st->nparams; i < index; i++)
        st->params[i].null = true; /* not bound (yet): NULL, as in SQLite */
    if (index > st->nparams)
        st->nparams = index;
    if (st->ran) {
        PQclear(st->res);
        st->res = NULL;
        st->ran = false;
        st->row = -1;
    }
    clear_param(&st->params[index - 1]);
    return &st->params[index - 1];
}

static void pg_bind_int64(struct sql_stmt *s, int index, int64_t v)
{
    struct pg_param *p = param_slot(stmt_of(s), index);

    if (p == NULL)
        return;
    p->type = OID_INT8;
    snprintf(p->num, sizeof p->num, "%lld", (long long)v);
}

static void pg_bind_text(struct sql_stmt *s, int index, const char *text)
{
    struct pg_param *p = param_slot(stmt_of(s), index);

    if (p == NULL)
        return;
    p->type = OID_TEXT;
    if (text == NULL)
        p->null = true;
    else
        p->text = sp_xstrdup(text);
}

static void pg_bind_null(struct sql_stmt *s, int index)
{
    struct pg_param *p = param_slot(stmt_of(s), index);

    if (p != NULL)
        p->null = true;
}

/* An int8[] in PostgreSQL's array text form, {1,2,3} (postgresql.org/docs/15/arrays.html). */
static void pg_bind_ids(struct sql_stmt *s, int index, const int64_t *ids, size_t count)
{
    struct pg_param *p = param_slot(stmt_of(s), index);
    size_t cap = 3 + 21 * count;
    size_t used = 1;

    if (p == NULL)
        return;
    p->type = OID_INT8_ARRAY;
    if (ids == NULL) {
        p->null = true;
        return;
    }
    p->text = sp_xmalloc(cap);
    p->text[0] = '{';
    for (size_t i = 0; i < count; i++)
        used +=
            (size_t)snprintf(p->text + used, cap - used, "%s%lld", i ? "," : "", (long long)ids[i]);
    p->text[used++] = '}';
    p->text[used] = '\0';
}

/* Does a statement prepared with `types` take these parameters? A NULL fits any type, so a
 * text bound once as NULL and once as a value is prepared once when the value came first. */
static bool signature_fits(const struct pg_prepared *p, const struct pg_stmt *st)
{
    if (p->nparams != st->nparams)
        return false;
    for (int i = 0; i < st->nparams; i++)
        if (!st->params[i].null && p->types[i] != st->params[i].type)
            return false;
    return true;
}

static struct pg_prepared *cache_find(const struct pg_conn *c, const struct pg_stmt *st)
{
    for (size_t i = 0; i < c->count; i++) {
        struct pg_prepared *p = c->cache[i];

        if (p->key == st->sql && signature_fits(p, st) && strcmp(p->sql, st->sql) == 0)
            return p;
    }
    return NULL;
}

/* Prepare st's text with its parameters' types on the session and remember it. */
static enum sp_code cache_add(struct pg_conn *c, const struct pg_stmt *st, const char *unique_field,
                              struct pg_prepared **out, struct sp_err *err)
{
    struct pg_prepared *p = sp_xcalloc(1, sizeof *p);
    PGresult *res;
    enum sp_code rc;

    p->nparams = st->nparams;
    p->types = sp_xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *p->types);
    for (int i = 0; i < st->nparams; i++)
        p->types[i] = st->params[i].type;
    snprintf(p->name, sizeof p->name, "s%llu", (unsigned long long)++c->names);
    res = PQprepare(c->pg, p->name, st->sql, p->nparams, p->types);
    rc = result_ok(res) ? SP_OK : map_error(c, res, st->sql, unique_field, err);
    PQclear(res);
    if (rc != SP_OK) {
        free(p->types);
        free(p);
        return rc;
    }
    p->key = st->sql;
    p->sql = sp_xstrdup(st->sql);
    if (c->count == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->cache = sp_xrealloc(c->cache, c->cap * sizeof *c->cache);
    }
    c->cache[c->count++] = p;
    *out = p;
    return SP_OK;
}

/* BEGIN and the prepared statement p in one pipeline: one round trip. *begin_res gets BEGIN's
 * answer and the statement's is returned (NULL when the connection went away meanwhile). */
static PGresult *exec_with_begin(struct pg_conn *c, const struct pg_prepared *p, int nparams,
                                 const char *const *values, PGresult **begin_res)
{
    PGresult *results[2] = {NULL, NULL};
    PGresult *res;
    int query = 0;

    *begin_res = NULL;
    if (PQenterPipelineMode(c->pg) != 1)
        return NULL;
    if (PQsendQueryParams(c->pg, c->begin, 0, NULL, NULL, NULL, NULL, 0) == 1 &&
        PQsendQueryPrepared(c->pg, p->name, nparams, values, NULL, NULL, 0) == 1 &&
        PQpipelineSync(c->pg) == 1) {
        /* Each query's results end with a NULL; the pipeline with its sync. */
        while (query < 3 && PQstatus(c->pg) == CONNECTION_OK) {
            res = PQgetResult(c->pg);
            if (res == NULL)
                query++;
            else if (PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
                PQclear(res);
                break;
            } else if (query < 2 && results[query] == NULL)
                results[query] = res;
            else
                PQclear(res);
        }
    }
    if (PQexitPipelineMode(c->pg) != 1 && PQstatus(c->pg) == CONNECTION_OK)
        sp_log(SP_LOG_ERROR, "postgresql: a pipeline did not end cleanly");
    *begin_res = results[0];
    return results[1];
}

/* Run p with st's parameters, with the pending BEGIN when there is one. */
static enum sp_code exec_prepared(struct pg_conn *c, struct pg_stmt *st,
                                  const struct pg_prepared *p, const char *unique_field,
                                  struct sp_err *err)
{
    const char **values = sp_xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *values);
    PGresult *begin_res = NULL;
    enum sp_code rc = SP_OK;

    for (int i = 0; i < st->nparams; i++) {
        const struct pg_param *q = &st->params[i];

        values[i] = q->null ? NULL : q->text ? q->text : q->num;
    }
    if (c->begin == NULL) {
        st->res = PQexecPrepared(c->pg, p->name, st->nparams, values, NULL, NULL, 0);
    } else {
        st->res = exec_with_begin(c, p, st->nparams, values, &begin_res);
        c->begin = NULL;
        if (!result_ok(begin_res))
            rc = map_error(c, begin_res, "BEGIN", NULL, err);
        PQclear(begin_res);
    }
    free(values);
    if (rc == SP_OK && !result_ok(st->res))
        rc = map_error(c, st->res, st->sql, unique_field, err);
    return rc;
}

/* Run st once: its prepared statement (prepared now if needed) with its parameters. The first
 * statement of a transaction carries the BEGIN; when that finds the connection gone, nothing of
 * the transaction ran yet, so it runs once more on a new session. */
static enum sp_code run_statement(struct pg_stmt *st, const char *unique_field, struct sp_err *err)
{
    struct pg_conn *c = conn_of(st->base.conn);
    struct pg_prepared *p = NULL;
    const char *begin = c->begin;
    enum sp_code rc = c->in_txn && begin == NULL ? SP_OK : ensure_connected(c, err);

    if (rc == SP_OK && PQstatus(c->pg) != CONNECTION_OK)
        rc = sql_err_unavailable(err);
    if (rc != SP_OK)
        return rc;
    p = cache_find(c, st);
    if (p == NULL && (rc = cache_add(c, st, unique_field, &p, err)) != SP_OK)
        return rc;
    rc = exec_prepared(c, st, p, unique_field, err);
    if (rc == SP_UNAVAILABLE && begin != NULL && PQstatus(c->pg) != CONNECTION_OK &&
        reconnect(c, err) == SP_OK) {
        PQclear(st->res);
        st->res = NULL;
        c->begin = begin;
        p = NULL;
        if ((rc = cache_add(c, st, unique_field, &p, err)) == SP_OK)
            rc = exec_prepared(c, st, p, unique_field, err);
    }
    if (rc != SP_OK)
        return rc;
    st->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
    st->ran = true;
    st->row = -1;
    return SP_OK;
}

static enum sp_code pg_step(struct sql_stmt *s, bool *row, const char *unique_field,
                            struct sp_err *err)
{
    struct pg_stmt *st = stmt_of(s);

    if (!st->ran) {
        enum sp_code rc;

        PQclear(st->res);
        st->res = NULL;
        rc = run_statement(st, unique_field, err);
        if (rc != SP_OK)
            return rc;
    }
    if (st->row < PQntuples(st->res))
        st->row++;
    *row = st->row < PQntuples(st->res);
    return SP_OK;
}

static int64_t pg_changes(struct sql_stmt *s)
{
    return stmt_of(s)->changes;
}

/* The current row's value, or NULL for SQL NULL or when there is no row. */
static const char *value_at(struct pg_stmt *st, int col)
{
    if (st->res == NULL || st->row < 0 || st->row >= PQntuples(st->res) || col < 0 ||
        col >= PQnfields(st->res) || PQgetisnull(st->res, st->row, col))
        return NULL;
    return PQgetvalue(st->res, st->row, col);
}

static bool pg_column_null(struct sql_stmt *s, int col)
{
    return value_at(stmt_of(s), col) == NULL;
}

/* Integers, and booleans (a comparison or EXISTS in a select list is boolean here, an integer
 * in SQLite) as 1/0. */
static int64_t pg_column_int64(struct sql_stmt *s, int col)
{
    const char *v = value_at(stmt_of(s), col);

    if (v == NULL)
        return 0;
    if (strcmp(v, "t") == 0)
        return 1;
    return strtoll(v, NULL, 10);
}

static const char *pg_column_text(struct sql_stmt *s, int col)
{
    return value_at(stmt_of(s), col);
}

static int pg_column_count(struct sql_stmt *s)
{
    struct pg_stmt *st = stmt_of(s);

    return st->res != NULL ? PQnfields(st->res) : 0;
}

static const char *pg_column_name(struct sql_stmt *s, int col)
{
    return PQfname(stmt_of(s)->res, col);
}

/* int2, int4 and int8 (pg_type.dat's OIDs 21, 23, 20). */
static bool pg_column_is_integer(struct sql_stmt *s, int col)
{
    Oid type = PQftype(stmt_of(s)->res, col);

    return !PQgetisnull(stmt_of(s)->res, stmt_of(s)->row, col) &&
           (type == 20 || type == 21 || type == 23);
}

/* The identity's sequence continues after the highest value copied in (setval's third argument
 * false: the next nextval returns exactly this value). The identity column is looked up, since
 * not every table's is `id` (audit_event's is seq); a table without one is left alone. */
static enum sp_code pg_identity_resync(struct sql_conn *conn, const char *table, struct sp_err *err)
{
    struct pg_conn *c = conn_of(conn);
    char *literal = PQescapeLiteral(c->pg, table, strlen(table));
    char *sql = NULL;
    size_t cap;
    enum sp_code rc;

    if (literal == NULL)
        return sql_err_internal(err);
    cap = 3 * strlen(literal) + 480;
    sql = sp_xmalloc(cap);
    snprintf(sql, cap,
             "DO $$ DECLARE col text; BEGIN"
             " SELECT a.attname INTO col FROM pg_attribute a WHERE a.attrelid = %s::regclass"
             " AND a.attidentity <> '' AND NOT a.attisdropped;"
             " IF col IS NOT NULL THEN EXECUTE format('SELECT setval(pg_get_serial_sequence(%%L,"
             " %%L), COALESCE(MAX(%%I), 0) + 1, false) FROM %%I', %s, col, col, %s); END IF;"
             " END $$",
             literal, literal, literal);
    rc = pg_exec_script(conn, sql, err);
    free(sql);
    PQfreemem(literal);
    return rc;
}

const struct sql_driver sql_pg_driver = {
    .name = "postgresql",
    .engine = SQL_POSTGRESQL,
    .open = pg_open_conn,
    .close = pg_close_conn,
    .exec = pg_exec_script,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .ping = pg_ping,
    .prepare = pg_prepare,
    .release = pg_release,
    .bind_int64 = pg_bind_int64,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .bind_ids = pg_bind_ids,
    .step = pg_step,
    .changes = pg_changes,
    .column_null = pg_column_null,
    .column_int64 = pg_column_int64,
    .column_text = pg_column_text,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .column_is_integer = pg_column_is_integer,
    .identity_resync = pg_identity_resync,
};
