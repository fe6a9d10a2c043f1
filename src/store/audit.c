/* The audit log's rows (migrations 0011, 0012): chains, one per writer, their events, and the
 * checkpoints that seal the chains' heads. The hashes are made and checked in src/audit/; here
 * they are only stored and read. Why chains and checkpoints: docs/security-model.md "Audit". */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* The chain's head as this connection knows it from now on. */
static void head_set(struct store_audit_head *h, int64_t seq, const char *hash, int version)
{
    h->known = true;
    h->seq = seq;
    h->version = version;
    snprintf(h->hash, sizeof h->hash, "%s", hash);
}

enum sp_code store_audit_chain_create(struct store *st, const char *label, const char *genesis,
                                      const char *now, int64_t *id, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO audit_chain (started_at, label, hash_version, head_seq, head_hash)"
        " VALUES ($1, $2, 2, 0, $3) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, now);
        sql_bind_text(stmt, 2, label);
        sql_bind_text(stmt, 3, genesis);
        rc = sql_step_one(stmt, "audit chain", err);
    }
    if (rc == SP_OK) {
        *id = sql_column_int64(stmt, 0);
        store_audit_use_chain(st, *id);
        head_set(&st->audit_head, 0, genesis, 2);
    }
    sql_release(stmt);
    return rc;
}

void store_audit_use_chain(struct store *st, int64_t chain_id)
{
    if (chain_id != st->audit_chain)
        memset(&st->audit_head, 0, sizeof st->audit_head);
    st->audit_chain = chain_id;
}

int64_t store_audit_chain(const struct store *st)
{
    return st->audit_chain;
}

void store_audit_ended(struct store *st, bool committed, enum sp_code commit_rc)
{
    struct store_audit_head *h = &st->audit_head;

    if (committed && h->pending)
        head_set(h, h->pending_seq, h->pending_hash, h->version);
    else if (!committed && commit_rc != SP_OK)
        h->known = false; /* a COMMIT that failed may still have happened */
    h->pending = false;
}

/* The head as committed, read from the chain's row (audit_event_moves_head keeps it there). */
static enum sp_code read_head(struct store *st, struct sp_err *err)
{
    static const char sql[] = "SELECT head_seq, head_hash, hash_version FROM audit_chain"
                              " WHERE id = $1";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, st->audit_chain);
        rc = sql_step_one(stmt, "audit chain", err);
    }
    if (rc == SP_OK)
        head_set(&st->audit_head, sql_column_int64(stmt, 0), sql_column_text(stmt, 1),
                 sql_column_int(stmt, 2));
    sql_release(stmt);
    if (rc == SP_NOT_FOUND)
        rc = sp_err_set(err, SP_INTERNAL, "", "This writer's audit chain is missing.");
    return rc;
}

/* No statement when the connection knows its chain's head, which it does after starting the
 * chain and after each commit: a connection is its chain's only writer (one transaction at a
 * time). Should another connection append to the same chain all the same, both take the same
 * next link and the unique (chain_id, chain_seq) refuses the second: store_audit_insert. */
enum sp_code store_audit_next(struct store *st, struct sp_arena *arena, int64_t *next,
                              const char **prev_hash, int *hash_version, struct sp_err *err)
{
    struct store_audit_head *h = &st->audit_head;
    enum sp_code rc = SP_OK;

    if (st->audit_chain <= 0)
        return sp_err_set(err, SP_INTERNAL, "", "No audit chain was started for this writer.");
    if (!h->known)
        rc = read_head(st, err);
    if (rc != SP_OK)
        return rc;
    /* A second append in one transaction goes on from the first. */
    *next = (h->pending ? h->pending_seq : h->seq) + 1;
    *prev_hash = sp_arena_strndup(arena, h->pending ? h->pending_hash : h->hash, 64);
    *hash_version = h->version;
    return SP_OK;
}

/* An id of 0 means none and is stored as NULL (audit_event.user_id and citizen_id are nullable). */
static void bind_id(struct sql_stmt *stmt, int index, int64_t id)
{
    if (id > 0)
        sql_bind_int64(stmt, index, id);
    else
        sql_bind_null(stmt, index);
}

/* Events go in as one multi-row INSERT per AUDIT_BATCH_MAX of them (a caseload of 60 is one
 * statement, not sixty): on PostgreSQL each statement is a round trip. The text for each number
 * of rows is made once per process (a statement is cached by its text's address). */
#define AUDIT_BATCH_MAX 64
#define AUDIT_EVENT_PARAMS 13

static char *insert_sql[AUDIT_BATCH_MAX + 1]; /* indexed by rows */
static pthread_once_t insert_sql_once = PTHREAD_ONCE_INIT;

/* Append to a statement text whose room was computed to fit: a cut text is a bug, never run. */
static void put(char *sql, size_t cap, size_t *used, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(sql + *used, cap - *used, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap - *used)
        abort();
    *used += (size_t)n;
}

static void make_insert_sql(void)
{
    static const char head[] =
        "INSERT INTO audit_event (chain_id, chain_seq, time, user_id, username, role, citizen_id,"
        " action, route, purpose, outcome, prev_hash, hash) VALUES ";
    static const char tail[] = " RETURNING seq, chain_seq";

    for (size_t rows = 1; rows <= AUDIT_BATCH_MAX; rows++) {
        /* ", ($1, … $13)": at most 7 bytes a parameter and 4 more a row. */
        size_t cap = sizeof head + sizeof tail + rows * (AUDIT_EVENT_PARAMS * 7 + 4);
        char *sql = sp_xmalloc(cap);
        size_t used = 0;

        put(sql, cap, &used, "%s", head);
        for (size_t r = 0; r < rows; r++)
            for (size_t p = 1; p <= AUDIT_EVENT_PARAMS; p++)
                put(sql, cap, &used, "%s$%zu%s", p == 1 ? (r ? ", (" : "(") : ", ",
                    r * AUDIT_EVENT_PARAMS + p, p == AUDIT_EVENT_PARAMS ? ")" : "");
        put(sql, cap, &used, "%s", tail);
        insert_sql[rows] = sql;
    }
}

/* Bind event e as row `row` (0-based) of a multi-row INSERT. */
static void bind_event(struct sql_stmt *stmt, int row, const struct audit_event *e)
{
    const char *texts[] = {e->username, e->role,    e->action,    e->route,
                           e->purpose,  e->outcome, e->prev_hash, e->hash};
    static const int text_index[] = {5, 6, 8, 9, 10, 11, 12, 13};
    int base = row * AUDIT_EVENT_PARAMS;

    sql_bind_int64(stmt, base + 1, e->chain_id);
    sql_bind_int64(stmt, base + 2, e->chain_seq);
    sql_bind_text(stmt, base + 3, e->time);
    bind_id(stmt, base + 4, e->user_id);
    bind_id(stmt, base + 7, e->citizen_id);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        sql_bind_text(stmt, base + text_index[i], texts[i]);
}

/* One INSERT of rows events, their seq filled in by chain_seq (RETURNING does
 * not promise the rows' order). */
static enum sp_code insert_batch(struct store *st, struct audit_event *events, size_t rows,
                                 struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    bool row = false;
    size_t got = 0;
    enum sp_code rc = sql_prepare(st->conn, insert_sql[rows], &stmt, err);

    for (size_t i = 0; rc == SP_OK && i < rows; i++)
        bind_event(stmt, (int)i, &events[i]);
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        int64_t at = sql_column_int64(stmt, 1) - events[0].chain_seq;

        if (at >= 0 && (size_t)at < rows) {
            events[at].seq = sql_column_int64(stmt, 0);
            got++;
        }
    }
    sql_release(stmt);
    if (rc == SP_OK && got != rows)
        rc = sp_err_set(err, SP_INTERNAL, "", "Not every audit event was written.");
    return rc;
}

/* A unique violation can only be (chain_id, chain_seq): another connection appended to this
 * chain. The head it knew is stale; the caller's transaction is run again (SP_BUSY) and reads
 * the head anew, so the chain never forks and the user never sees a conflict. */
enum sp_code store_audit_insert(struct store *st, struct audit_event *events, size_t count,
                                struct sp_err *err)
{
    struct store_audit_head *h = &st->audit_head;
    size_t done = 0;
    enum sp_code rc = SP_OK;

    pthread_once(&insert_sql_once, make_insert_sql);
    while (rc == SP_OK && done < count) {
        size_t rows = count - done < AUDIT_BATCH_MAX ? count - done : AUDIT_BATCH_MAX;

        rc = insert_batch(st, events + done, rows, err);
        done += rows;
    }
    if (rc == SP_CONFLICT) {
        h->known = false;
        return sp_err_set(err, SP_BUSY, "", "Another writer appended to this audit chain.");
    }
    if (rc == SP_OK && count > 0) {
        h->pending = true;
        h->pending_seq = events[count - 1].chain_seq;
        snprintf(h->pending_hash, sizeof h->pending_hash, "%s", events[count - 1].hash);
    }
    return rc;
}

/* A keyset page's query ($1: after this id, $2: the limit) prepared, bound and stepped to its
 * first row; *items gets room for limit rows of size bytes. */
static enum sp_code page_open(struct store *st, struct sp_arena *arena, const char *sql,
                              int64_t after, int limit, size_t size, void **items,
                              struct sql_stmt **stmt, bool *row, struct sp_err *err)
{
    enum sp_code rc = sql_prepare(st->conn, sql, stmt, err);

    *row = false;
    *items = sp_arena_alloc(arena, size * (size_t)(limit > 0 ? limit : 1));
    if (rc == SP_OK) {
        sql_bind_int64(*stmt, 1, after);
        sql_bind_int64(*stmt, 2, limit);
        rc = sql_step(*stmt, row, NULL, err);
    }
    return rc;
}

enum sp_code store_audit_chain_list(struct store *st, struct sp_arena *arena, int64_t after_id,
                                    int limit, struct audit_chain **items, size_t *count,
                                    struct sp_err *err)
{
    static const char sql[] =
        "SELECT id, started_at, label, hash_version, head_seq, head_hash FROM audit_chain"
        " WHERE id > $1 ORDER BY id LIMIT $2";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = page_open(st, arena, sql, after_id, limit, sizeof **items, (void **)items,
                                &stmt, &row, err);

    *count = 0;
    while (rc == SP_OK && row && *count < (size_t)limit) {
        struct audit_chain *c = &(*items)[(*count)++];

        c->id = sql_column_int64(stmt, 0);
        c->started_at = sql_column_dup(stmt, 1, arena);
        c->label = sql_column_dup(stmt, 2, arena);
        c->hash_version = sql_column_int(stmt, 3);
        c->head_seq = sql_column_int64(stmt, 4);
        c->head_hash = sql_column_dup(stmt, 5, arena);
        rc = sql_step(stmt, &row, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

#define AUDIT_COLUMNS(a)                                                                           \
    a "seq, " a "chain_id, " a "chain_seq, " a "time, " a "user_id, " a "username, " a "role, " a  \
      "citizen_id, " a "action, " a "route, " a "purpose, " a "outcome, " a "prev_hash, " a "hash"

static void read_event(struct sql_stmt *stmt, struct sp_arena *arena, struct audit_event *e)
{
    e->seq = sql_column_int64(stmt, 0);
    e->chain_id = sql_column_int64(stmt, 1);
    e->chain_seq = sql_column_int64(stmt, 2);
    e->time = sql_column_dup(stmt, 3, arena);
    e->user_id = sql_column_int64(stmt, 4); /* NULL reads as 0: none */
    e->username = sql_column_dup(stmt, 5, arena);
    e->role = sql_column_dup(stmt, 6, arena);
    e->citizen_id = sql_column_int64(stmt, 7); /* NULL reads as 0: none */
    e->action = sql_column_dup(stmt, 8, arena);
    e->route = sql_column_dup(stmt, 9, arena);
    e->purpose = sql_column_dup(stmt, 10, arena);
    e->outcome = sql_column_dup(stmt, 11, arena);
    e->prev_hash = sql_column_dup(stmt, 12, arena);
    e->hash = sql_column_dup(stmt, 13, arena);
    e->display_name = NULL;
}

enum sp_code store_audit_scan(struct store *st, struct sp_arena *arena, int64_t after_chain,
                              int64_t after_chain_seq, int limit, struct audit_event **items,
                              size_t *count, struct sp_err *err)
{
    /* clang-format off */
    static const char sql[] =
        "SELECT " AUDIT_COLUMNS("") " FROM audit_event WHERE (chain_id, chain_seq) > ($1, $2)"
        " ORDER BY chain_id, chain_seq LIMIT $3";
    /* clang-format on */
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);
    bool row = false;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)(limit > 0 ? limit : 1));
    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, after_chain);
        sql_bind_int64(stmt, 2, after_chain_seq);
        sql_bind_int64(stmt, 3, limit);
        rc = sql_step(stmt, &row, NULL, err);
    }
    while (rc == SP_OK && row && *count < (size_t)limit) {
        read_event(stmt, arena, &(*items)[(*count)++]);
        rc = sql_step(stmt, &row, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_audit_list_citizen(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                      const char *const *skip_purposes, size_t skip_count,
                                      const struct store_page *page, struct audit_event **items,
                                      size_t *count, bool *more, struct sp_err *err)
{
    /* The purpose filter is in the WHERE, before LIMIT: filtering afterwards would answer short
     * or empty pages with a cursor. */
    /* The user's display name comes from the account, for people reading the log: a name says
     * more to a young person than a username. It is not part of the hashed event. */
    /* clang-format off */
    static const char sql[] =
        "SELECT " AUDIT_COLUMNS("a.") ", u.display_name"
        " FROM audit_event a LEFT JOIN app_user u ON u.id = a.user_id"
        " WHERE a.citizen_id = $1 AND ($2 = 0 OR a.seq < $2)"
        " AND (CAST($4 AS TEXT) IS NULL OR a.purpose <> $4)"
        " AND (CAST($5 AS TEXT) IS NULL OR a.purpose <> $5)"
        " AND (CAST($6 AS TEXT) IS NULL OR a.purpose <> $6)"
        " AND (CAST($7 AS TEXT) IS NULL OR a.purpose <> $7)"
        " ORDER BY a.seq DESC LIMIT $3";
    /* clang-format on */
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = SP_OK;
    bool row = false;

    if (skip_count > STORE_AUDIT_SKIP_MAX)
        return sp_err_set(err, SP_INVALID, "", "Too many purposes to leave out.");
    rc = sql_prepare(st->conn, sql, &stmt, err);

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, citizen_id);
        sql_bind_int64(stmt, 2, page->after);
        sql_bind_int64(stmt, 3, page->limit + 1);
        for (size_t i = 0; i < STORE_AUDIT_SKIP_MAX; i++)
            sql_bind_text(stmt, 4 + (int)i, i < skip_count ? skip_purposes[i] : NULL);
        rc = sql_step(stmt, &row, NULL, err);
    }
    while (rc == SP_OK && row) {
        if (*count == (size_t)page->limit) {
            *more = true;
            break;
        }
        read_event(stmt, arena, &(*items)[*count]);
        (*items)[(*count)++].display_name = sql_column_dup(stmt, 14, arena);
        rc = sql_step(stmt, &row, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

/* The checkpoints' own head, moved on by an UPDATE that holds its row until the transaction
 * ends: checkpoints have many writers (every process seals), so the row holds them in line, on
 * both engines, and two never take the same id. The first checkpoint
 * makes the row (a new database has none, so migrate-data finds its tables empty); ON CONFLICT
 * waits for a concurrent first one and then moves its row on. RETURNING gives the hash as it
 * was: the previous checkpoint's, or the genesis hash. */
enum sp_code store_audit_checkpoint_reserve(struct store *st, struct sp_arena *arena,
                                            const char *genesis, int64_t *id,
                                            const char **prev_hash, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO audit_checkpoint_last (id, checkpoint_id, hash) VALUES (1, 1, $1)"
        " ON CONFLICT (id) DO UPDATE SET checkpoint_id = audit_checkpoint_last.checkpoint_id + 1"
        " RETURNING checkpoint_id, hash";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, genesis);
        rc = sql_step_one(stmt, "checkpoint head", err);
    }
    if (rc == SP_OK) {
        *id = sql_column_int64(stmt, 0);
        *prev_hash = sql_column_dup(stmt, 1, arena);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_audit_checkpoint_last(struct store *st, struct sp_arena *arena, int64_t *id,
                                         const char **hash, struct sp_err *err)
{
    static const char sql[] = "SELECT checkpoint_id, hash FROM audit_checkpoint_last WHERE id = 1";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);
    bool row = false;

    *id = 0;
    *hash = NULL;
    if (rc == SP_OK)
        rc = sql_step(stmt, &row, NULL, err);
    if (rc == SP_OK && row) {
        *id = sql_column_int64(stmt, 0);
        *hash = sql_column_dup(stmt, 1, arena);
    }
    sql_release(stmt);
    return rc;
}

/* Every chain, whatever its number (a checkpoint is made every few minutes, not per request);
 * the index on audit_checkpoint_head (chain_id, chain_seq) answers each NOT EXISTS at once. */
enum sp_code store_audit_unsealed(struct store *st, struct sp_arena *arena,
                                  struct audit_head **items, size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT c.id, c.head_seq, c.head_hash FROM audit_chain c WHERE NOT EXISTS"
        " (SELECT 1 FROM audit_checkpoint_head h WHERE h.chain_id = c.id"
        " AND h.chain_seq >= c.head_seq) ORDER BY c.id";
    struct sql_stmt *stmt = NULL;
    size_t cap = 16;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);
    bool row = false;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * cap);
    if (rc == SP_OK)
        rc = sql_step(stmt, &row, NULL, err);
    while (rc == SP_OK && row) {
        struct audit_head *h;

        if (*count == cap)
            *items = store_grow(arena, *items, sizeof **items, &cap);
        h = &(*items)[(*count)++];
        h->chain_id = sql_column_int64(stmt, 0);
        h->chain_seq = sql_column_int64(stmt, 1);
        h->hash = sql_column_dup(stmt, 2, arena);
        rc = sql_step(stmt, &row, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

static enum sp_code insert_head(struct store *st, int64_t checkpoint_id, const struct audit_head *h,
                                struct sp_err *err)
{
    static const char sql[] = "INSERT INTO audit_checkpoint_head (checkpoint_id, chain_id,"
                              " chain_seq, hash) VALUES ($1, $2, $3, $4)";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, checkpoint_id);
        sql_bind_int64(stmt, 2, h->chain_id);
        sql_bind_int64(stmt, 3, h->chain_seq);
        sql_bind_text(stmt, 4, h->hash);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_audit_checkpoint_insert(struct store *st, const struct audit_checkpoint *c,
                                           struct sp_err *err)
{
    static const char sql[] = "INSERT INTO audit_checkpoint (id, time, chain_id, prev_hash, hash)"
                              " VALUES ($1, $2, $3, $4, $5)";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, c->id);
        sql_bind_text(stmt, 2, c->time);
        sql_bind_int64(stmt, 3, c->chain_id);
        sql_bind_text(stmt, 4, c->prev_hash);
        sql_bind_text(stmt, 5, c->hash);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    for (size_t i = 0; rc == SP_OK && i < c->head_count; i++)
        rc = insert_head(st, c->id, &c->heads[i], err);
    if (rc == SP_OK)
        rc = sql_prepare(st->conn, "UPDATE audit_checkpoint_last SET hash = $1 WHERE id = 1", &stmt,
                         err);
    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, c->hash);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

/* A head with the checkpoint that names it, as read. */
struct named_head {
    int64_t checkpoint_id;
    struct audit_head head;
};

/* The heads of the checkpoints items[0..count-1] (ids ascending), by checkpoint then chain: read
 * whole, then each checkpoint given its slice. */
static enum sp_code read_heads(struct store *st, struct sp_arena *arena,
                               struct audit_checkpoint *items, size_t count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT checkpoint_id, chain_id, chain_seq, hash FROM audit_checkpoint_head"
        " WHERE checkpoint_id >= $1 AND checkpoint_id <= $2 ORDER BY checkpoint_id, chain_id";
    struct sql_stmt *stmt = NULL;
    size_t cap = 16;
    size_t n = 0;
    struct named_head *all = sp_arena_alloc(arena, sizeof *all * cap);
    struct audit_head *heads;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);
    bool row = false;

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, items[0].id);
        sql_bind_int64(stmt, 2, items[count - 1].id);
        rc = sql_step(stmt, &row, NULL, err);
    }
    while (rc == SP_OK && row) {
        if (n == cap)
            all = store_grow(arena, all, sizeof *all, &cap);
        all[n].checkpoint_id = sql_column_int64(stmt, 0);
        all[n].head.chain_id = sql_column_int64(stmt, 1);
        all[n].head.chain_seq = sql_column_int64(stmt, 2);
        all[n].head.hash = sql_column_dup(stmt, 3, arena);
        n++;
        rc = sql_step(stmt, &row, NULL, err);
    }
    sql_release(stmt);
    heads = sp_arena_alloc(arena, sizeof *heads * (n ? n : 1));
    for (size_t i = 0, j = 0; rc == SP_OK && i < count; i++) {
        while (j < n && all[j].checkpoint_id < items[i].id)
            j++; /* heads whose checkpoint row is gone: verification finds the gap in the ids */
        items[i].heads = &heads[j];
        items[i].head_count = 0;
        for (; j < n && all[j].checkpoint_id == items[i].id; j++) {
            heads[j] = all[j].head;
            items[i].head_count++;
        }
    }
    return rc;
}

enum sp_code store_audit_checkpoint_scan(struct store *st, struct sp_arena *arena, int64_t after_id,
                                         int limit, struct audit_checkpoint **items, size_t *count,
                                         struct sp_err *err)
{
    static const char sql[] = "SELECT id, time, chain_id, prev_hash, hash FROM audit_checkpoint"
                              " WHERE id > $1 ORDER BY id LIMIT $2";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = page_open(st, arena, sql, after_id, limit, sizeof **items, (void **)items,
                                &stmt, &row, err);

    *count = 0;
    while (rc == SP_OK && row && *count < (size_t)limit) {
        struct audit_checkpoint *c = &(*items)[(*count)++];

        memset(c, 0, sizeof *c);
        c->id = sql_column_int64(stmt, 0);
        c->time = sql_column_dup(stmt, 1, arena);
        c->chain_id = sql_column_int64(stmt, 2);
        c->prev_hash = sql_column_dup(stmt, 3, arena);
        c->hash = sql_column_dup(stmt, 4, arena);
        rc = sql_step(stmt, &row, NULL, err);
    }
    sql_release(stmt);
    if (rc == SP_OK && *count > 0)
        rc = read_heads(st, arena, *items, *count, err);
    return rc;
}
