/* The audit log on many writers (store/audit.c, src/audit/audit.c; docs/security-model.md
 * "Audit"): chains, one per writer (a command, a server's connection), appended to at the same
 * time; checkpoints; and `audit verify` naming each kind of tampering — a deleted, an edited or an
 * inserted event, a chain's newest events cut, a forged or edited checkpoint, a chain deleted whole
 * — against a fresh database per test on SQLite and on PostgreSQL (fixture.h). Two connections on
 * one database stand for two processes; tampering is done on a plain connection (sqlite3, libpq)
 * with the foreign keys not enforced, as someone with the database file alone, or the database
 * server's superuser, would. */
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
#include <unistd.h>

#include "audit/audit.h"
#include "base/embedded.h"
#include "base/mem.h"
#include "store/store.h"

#define NOW "2025-06-02T08:00:00Z"

#include "fixture.h"

/* ---- helpers ------------------------------------------------------------------------------- */

/* Run SQL on a plain connection with the foreign keys not enforced (SQLite: off, as sqlite3's
 * default; PostgreSQL: session_replication_role replica for this script, which skips the
 * triggers that check them, postgresql.org/docs/15/runtime-config-client.html): tampering. */
static void tamper(const char *target, const char *sql)
{
    char script[2048];

    snprintf(script, sizeof script, "%s%s",
             target_is_pg(target) ? "SET LOCAL session_replication_role = replica; "
                                  : "PRAGMA foreign_keys = OFF; ",
             sql);
    sql_run(target, script);
}

/* Delete a chain's links from `from` on; with move_row, move its row's head back to match, as
 * someone hiding the cut would. */
static void cut_tail(const char *path, int64_t chain, int64_t from, bool move_row)
{
    char sql[320];

    snprintf(sql, sizeof sql, "DELETE FROM audit_event WHERE chain_id = %lld AND chain_seq >= %lld",
             (long long)chain, (long long)from);
    tamper(path, sql);
    snprintf(sql, sizeof sql,
             "UPDATE audit_chain SET head_seq = %lld, head_hash = (SELECT hash FROM audit_event"
             " WHERE chain_id = %lld AND chain_seq = %lld) WHERE id = %lld",
             (long long)from - 1, (long long)chain, (long long)from - 1, (long long)chain);
    if (move_row)
        tamper(path, sql);
}

/* A connection standing for another process, with a chain of its own. */
static struct store *open_writer(struct fixture *f, const char *what, int64_t *chain)
{
    struct store *st = NULL;
    struct sp_err err = {0};

    if (store_open(f->target, &test_keys, &st, &err) != SP_OK ||
        audit_chain_start(st, &test_keys, what, chain, &err) != SP_OK)
        fail_msg("writer %s: %s", what, err.detail);
    return st;
}

static void fill_event(struct audit_event *e, int64_t citizen_id, const char *purpose)
{
    memset(e, 0, sizeof *e);
    e->time = NOW;
    e->user_id = citizen_id > 0 ? 1 : 0;
    e->username = citizen_id > 0 ? "anna" : "ghost";
    e->role = citizen_id > 0 ? "caseworker" : NULL;
    e->citizen_id = citizen_id;
    e->action = citizen_id > 0 ? "read" : "login";
    e->route = citizen_id > 0 ? "/api/v1/citizens/{id}" : "/api/v1/auth/login";
    e->purpose = purpose;
    e->outcome = "allowed";
}

/* One event in a write transaction of its own; its seq. */
static int64_t append(struct store *st, int64_t citizen_id, const char *purpose)
{
    struct sp_arena *arena = sp_arena_new();
    struct sp_err err = {0};
    struct audit_event e;
    enum sp_code rc = store_begin_write(st, &err);

    fill_event(&e, citizen_id, purpose);
    if (rc == SP_OK)
        rc = audit_append(st, &test_keys, arena, &e, &err);
    if (rc == SP_OK)
        rc = store_commit(st, &err);
    if (rc != SP_OK)
        fail_msg("append: %s", err.detail);
    sp_arena_free(arena);
    return e.seq;
}

static int64_t checkpoint(struct store *st)
{
    struct sp_err err = {0};
    char hash[65];
    int64_t id = 0;

    if (audit_checkpoint(st, &test_keys, &id, hash, &err) != SP_OK)
        fail_msg("checkpoint: %s", err.detail);
    return id;
}

static struct audit_report verify(struct fixture *f)
{
    struct audit_report r;
    struct sp_err err = {0};

    if (audit_verify(f->st, &test_keys, f->arena, &r, &err) != SP_OK)
        fail_msg("verify: %s", err.detail);
    return r;
}

static void assert_intact(struct fixture *f, int64_t events)
{
    struct audit_report r = verify(f);

    for (size_t i = 0; i < r.problem_count; i++)
        print_error("chain %lld link %lld seq %lld checkpoint %lld: %s\n",
                    (long long)r.problems[i].chain_id, (long long)r.problems[i].chain_seq,
                    (long long)r.problems[i].seq, (long long)r.problems[i].checkpoint_id,
                    r.problems[i].reason);
    assert_int_equal(r.problem_count, 0);
    assert_int_equal(r.events, events);
}

/* The verification finds exactly one problem, and it names this chain, link, event and
 * checkpoint (0: none) with a reason containing `words`. */
static void assert_one_problem(struct fixture *f, int64_t chain_id, int64_t chain_seq, int64_t seq,
                               int64_t checkpoint_id, const char *words)
{
    struct audit_report r = verify(f);
    const struct audit_problem *p = r.problems;

    if (r.problem_count != 1)
        fail_msg("%zu problems, not 1 (the first: %s)", r.problem_count,
                 r.problem_count ? p->reason : "none");
    if (p->chain_id != chain_id || p->chain_seq != chain_seq || p->seq != seq ||
        p->checkpoint_id != checkpoint_id || strstr(p->reason, words) == NULL)
        fail_msg("got chain %lld link %lld seq %lld checkpoint %lld: %s", (long long)p->chain_id,
                 (long long)p->chain_seq, (long long)p->seq, (long long)p->checkpoint_id,
                 p->reason);
}

static const struct audit_chain_report *chain_report(const struct audit_report *r, int64_t id)
{
    for (size_t i = 0; i < r->chain_count; i++)
        if (r->chains[i].chain.id == id)
            return &r->chains[i];
    fail_msg("no chain %lld in the report", (long long)id);
    return NULL;
}

/* Two writers (processes) A and B appending in turn: A1 B1 A2 B2 A3, seq 1..5. */
struct two {
    struct store *b;
    int64_t a_chain;
    int64_t b_chain;
    int64_t seq[6]; /* seq[i]: the i-th event appended, 1-based */
};

static void two_writers(struct fixture *f, struct two *t)
{
    struct sp_err err = {0};

    assert_int_equal(audit_chain_start(f->st, &test_keys, "writer A", &t->a_chain, &err), SP_OK);
    t->b = open_writer(f, "writer B", &t->b_chain);
    for (int i = 1; i <= 5; i++)
        t->seq[i] = append(i % 2 ? f->st : t->b, i, "treatment");
}

/* ---- chains and their rows ------------------------------------------------------------------ */

/* Each writer's events are links 1, 2, … of its own chain; seq orders all of them as written;
 * the chain's row names its head; a link taken twice is refused, the transaction to be run
 * again (SP_BUSY). */
static void events_are_links_of_their_writers_chain(void **state)
{
    struct fixture *f = *state;
    struct two t;
    struct audit_event *items = NULL;
    struct audit_chain *chains = NULL;
    struct audit_event dup;
    size_t count = 0;
    struct sp_err err = {0};
    static const int want_chain_seq[] = {1, 2, 3, 1, 2};
    static const int want_order[] = {1, 3, 5, 2, 4}; /* which append each row is */

    two_writers(f, &t);
    assert_true(t.a_chain != t.b_chain);
    for (int i = 1; i < 5; i++)
        assert_true(t.seq[i + 1] > t.seq[i]);
    assert_int_equal(store_audit_scan(f->st, f->arena, 0, 0, 10, &items, &count, &err), SP_OK);
    assert_int_equal(count, 5);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(items[i].chain_id, i < 3 ? t.a_chain : t.b_chain);
        assert_int_equal(items[i].chain_seq, want_chain_seq[i]);
        assert_int_equal(items[i].seq, t.seq[want_order[i]]);
        assert_int_equal(items[i].citizen_id, want_order[i]);
    }
    assert_string_equal(items[1].prev_hash, items[0].hash);
    assert_string_equal(items[0].prev_hash, AUDIT_GENESIS);
    /* Paging in chain order: after A's link 2 come A3, B1, B2. */
    assert_int_equal(store_audit_scan(f->st, f->arena, t.a_chain, 2, 2, &items, &count, &err),
                     SP_OK);
    assert_int_equal(count, 2);
    assert_int_equal(items[0].chain_seq, 3);
    assert_int_equal(items[1].chain_id, t.b_chain);
    assert_int_equal(store_audit_chain_list(f->st, f->arena, 0, 10, &chains, &count, &err), SP_OK);
    assert_int_equal(count, 2);
    assert_int_equal(chains[0].head_seq, 3);
    assert_int_equal(chains[1].head_seq, 2);
    assert_int_equal(chains[1].hash_version, 2);
    assert_non_null(strstr(chains[1].label, "writer B "));
    /* Nobody can take a link that is taken: the writer is sent back to read the head anew. */
    assert_int_equal(store_begin_write(f->st, &err), SP_OK);
    fill_event(&dup, 0, "treatment");
    dup.chain_id = t.a_chain;
    dup.chain_seq = 2;
    dup.prev_hash = dup.hash = "x";
    assert_int_equal(store_audit_insert(f->st, &dup, 1, &err), SP_BUSY);
    store_rollback(f->st);
    store_close(t.b);
}

/* A rolled back transaction gives its links back; a connection without a chain cannot append. */
static void rolled_back_links_are_given_back(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct audit_event e[3];
    int64_t chain = 0;
    struct store *none = NULL;

    assert_int_equal(audit_chain_start(f->st, &test_keys, "writer", &chain, &err), SP_OK);
    append(f->st, 1, "treatment");
    assert_int_equal(store_begin_write(f->st, &err), SP_OK);
    for (int i = 0; i < 3; i++)
        fill_event(&e[i], i + 1, "treatment");
    assert_int_equal(audit_append_all(f->st, &test_keys, f->arena, e, 3, &err), SP_OK);
    assert_int_equal(e[2].chain_seq, 4);
    store_rollback(f->st);
    append(f->st, 2, "treatment");
    assert_int_equal(sql_int(f->target, "SELECT MAX(chain_seq) FROM audit_event"), 2);
    assert_intact(f, 2);

    assert_int_equal(store_open(f->target, &test_keys, &none, &err), SP_OK);
    assert_int_equal(store_begin_write(none, &err), SP_OK);
    assert_int_equal(audit_append(none, &test_keys, f->arena, &e[0], &err), SP_INTERNAL);
    store_rollback(none);
    store_close(none);
}

/* ---- verification -------------------------------------------------------------------------- */

/* Two chains appended in turn verify clean, each with its own count; a checkpoint seals both. */
static void two_chains_interleaved_verify_clean(void **state)
{
    struct fixture *f = *state;
    struct two t;
    struct audit_report r;
    int64_t sealed;

    two_writers(f, &t);
    assert_intact(f, 5);
    r = verify(f);
    assert_int_equal(r.chain_count, 2);
    assert_int_equal(chain_report(&r, t.a_chain)->events, 3);
    assert_int_equal(chain_report(&r, t.b_chain)->events, 2);
    /* Each start wrote a checkpoint naming its chain at link 0; nothing seals the events yet. */
    assert_int_equal(r.checkpoints, 2);
    assert_int_equal(chain_report(&r, t.a_chain)->sealed_seq, 0);
    sealed = checkpoint(t.b);
    assert_int_equal(sealed, 3);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM audit_checkpoint_head"
                                        " WHERE checkpoint_id = 3"),
                     2);
    r = verify(f);
    assert_int_equal(r.problem_count, 0);
    assert_int_equal(r.last_checkpoint, 3);
    assert_int_equal(chain_report(&r, t.a_chain)->sealed_seq, 3);
    assert_int_equal(chain_report(&r, t.b_chain)->sealed_by, 3);
    /* Only chains that moved are named again: A moves, B does not. */
    append(f->st, 9, "treatment");
    assert_int_equal(checkpoint(f->st), 4);
    assert_int_equal(sql_int(f->target, "SELECT chain_id FROM audit_checkpoint_head"
                                        " WHERE checkpoint_id = 4"),
                     t.a_chain);
    assert_int_equal(checkpoint(f->st), 0); /* nothing moved: nothing written */
    assert_intact(f, 6);
    store_close(t.b);
}

/* A deleted middle event: the next link of its chain is named; the other chain is intact. */
static void deleted_middle_event_is_named(void **state)
{
    struct fixture *f = *state;
    struct two t;
    char sql[128];

    two_writers(f, &t);
    snprintf(sql, sizeof sql, "DELETE FROM audit_event WHERE seq = %lld", (long long)t.seq[3]);
    tamper(f->target, sql);
    assert_one_problem(f, t.a_chain, 3, t.seq[5], 0, "missing");
    store_close(t.b);
}

/* An edited event: that event is named. */
static void edited_event_is_named(void **state)
{
    struct fixture *f = *state;
    struct two t;
    char sql[128];

    two_writers(f, &t);
    snprintf(sql, sizeof sql, "UPDATE audit_event SET outcome = 'forbidden' WHERE seq = %lld",
             (long long)t.seq[2]);
    tamper(f->target, sql);
    assert_one_problem(f, t.b_chain, 1, t.seq[2], 0, "does not match its hash");
    store_close(t.b);
}

/* A forged event added at a chain's end (its hash cannot be made without the key), and one put in
 * place of a deleted event, each named. */
static void inserted_event_is_named(void **state)
{
    struct fixture *f = *state;
    struct two t;
    char sql[512];

    two_writers(f, &t);
    snprintf(sql, sizeof sql,
             "INSERT INTO audit_event (time, action, route, purpose, outcome, prev_hash, hash,"
             " chain_id, chain_seq) SELECT time, 'read', route, purpose, outcome, hash, '%064d',"
             " chain_id, 3 FROM audit_event WHERE seq = %lld;"
             " UPDATE audit_chain SET head_seq = 3, head_hash = '%064d' WHERE id = %lld",
             0, (long long)t.seq[4], 0, (long long)t.b_chain);
    tamper(f->target, sql);
    assert_one_problem(f, t.b_chain, 3, t.seq[5] + 1, 0, "does not match its hash");
    store_close(t.b);
}

/* A chain's newest events cut, its row's head moved back to match: a checkpoint written before
 * the cut names a link the chain no longer reaches. */
static void tail_cut_before_a_checkpoint_is_named(void **state)
{
    struct fixture *f = *state;
    struct two t;
    int64_t sealed;

    two_writers(f, &t);
    sealed = checkpoint(f->st);
    cut_tail(f->target, t.a_chain, 2, true);
    assert_one_problem(f, t.a_chain, 3, 0, sealed, "no longer reaches");
    store_close(t.b);
}

/* After the last checkpoint the chain's row still names its head: cutting events without moving
 * the row back is seen. Moving it back too is the window no checkpoint covers yet (documented in
 * docs/security-model.md): this test shows where it ends. */
static void tail_cut_after_the_last_checkpoint_is_the_window(void **state)
{
    struct fixture *f = *state;
    struct two t;
    struct audit_report r;

    two_writers(f, &t);
    checkpoint(f->st);
    append(f->st, 7, "treatment"); /* A4, A5: after the checkpoint */
    append(f->st, 8, "treatment");
    cut_tail(f->target, t.a_chain, 4, false);
    assert_one_problem(f, t.a_chain, 5, 0, 0, "row names this link as its head");

    cut_tail(f->target, t.a_chain, 4, true);
    r = verify(f);
    assert_int_equal(r.problem_count, 0);
    assert_int_equal(chain_report(&r, t.a_chain)->sealed_seq, 3);
    store_close(t.b);
}

/* A checkpoint edited to hide a cut (its head moved back), and a checkpoint forged at the end:
 * neither hash can be made without the key, so each is named and its heads are not believed. */
static void forged_checkpoint_is_named(void **state)
{
    struct fixture *f = *state;
    struct two t;
    int64_t sealed;
    char sql[512];

    two_writers(f, &t);
    sealed = checkpoint(f->st);
    cut_tail(f->target, t.a_chain, 3, true);
    snprintf(sql, sizeof sql,
             "UPDATE audit_checkpoint_head SET chain_seq = 2, hash = (SELECT hash FROM"
             " audit_event WHERE chain_id = %lld AND chain_seq = 2) WHERE chain_id = %lld"
             " AND checkpoint_id = %lld",
             (long long)t.a_chain, (long long)t.a_chain, (long long)sealed);
    tamper(f->target, sql);
    assert_one_problem(f, 0, 0, 0, sealed, "does not match its hash");
    store_close(t.b);
}

static void forged_checkpoint_at_the_end_is_named(void **state)
{
    struct fixture *f = *state;
    struct two t;
    char sql[512];

    two_writers(f, &t);
    snprintf(sql, sizeof sql,
             "INSERT INTO audit_checkpoint (id, time, chain_id, prev_hash, hash)"
             " SELECT id + 1, time, chain_id, hash, '%064d' FROM audit_checkpoint"
             " ORDER BY id DESC LIMIT 1;"
             " INSERT INTO audit_checkpoint_head SELECT MAX(id), %lld, 9, 'x' FROM"
             " audit_checkpoint;"
             " UPDATE audit_checkpoint_last SET checkpoint_id = 3, hash = '%064d'",
             0, (long long)t.b_chain, 0);
    tamper(f->target, sql);
    assert_one_problem(f, 0, 0, 0, 3, "does not match its hash");
    store_close(t.b);
}

/* The newest checkpoint deleted: the checkpoints' head still names it. Moving the head back too
 * leaves the log as it was before that checkpoint: the database cannot vouch for its own end,
 * which is why the server logs each checkpoint's hash (docs/security-model.md "Audit"). */
static void cut_newest_checkpoint_is_named_by_the_head(void **state)
{
    struct fixture *f = *state;
    struct two t;
    int64_t sealed;
    char sql[256];

    two_writers(f, &t);
    sealed = checkpoint(f->st);
    snprintf(sql, sizeof sql,
             "DELETE FROM audit_checkpoint_head WHERE checkpoint_id = %lld;"
             " DELETE FROM audit_checkpoint WHERE id = %lld",
             (long long)sealed, (long long)sealed);
    tamper(f->target, sql);
    assert_one_problem(f, 0, 0, 0, sealed, "the newest checkpoints were cut");
    tamper(f->target, "UPDATE audit_checkpoint_last SET checkpoint_id = checkpoint_id - 1,"
                      " hash = (SELECT hash FROM audit_checkpoint ORDER BY id DESC LIMIT 1)");
    assert_intact(f, 5);
    store_close(t.b);
}

/* A whole chain deleted with its row: the checkpoint its start wrote still names it. */
static void deleted_chain_is_named_by_its_start(void **state)
{
    struct fixture *f = *state;
    struct two t;
    char sql[256];

    two_writers(f, &t);
    snprintf(sql, sizeof sql,
             "DELETE FROM audit_event WHERE chain_id = %lld; DELETE FROM audit_chain WHERE id ="
             " %lld",
             (long long)t.b_chain, (long long)t.b_chain);
    tamper(f->target, sql);
    assert_one_problem(f, t.b_chain, 0, 0, 2, "has no row any more");
    store_close(t.b);
}

/* ---- many threads of one process ------------------------------------------------------------ */

#define THREADS 8
#define EACH 40

struct worker {
    const char *path;
    int index;
    int64_t chain;
    enum sp_code rc;
};

/* A worker thread of a server: its own connection, with its own chain (as each connection of
 * `samspor serve` starts one: store_pool_on_open). */
static void *work(void *arg)
{
    struct worker *w = arg;
    struct store *st = NULL;
    struct sp_err err = {0};
    char what[32];

    snprintf(what, sizeof what, "serve worker %d", w->index + 1);
    w->rc = store_open(w->path, &test_keys, &st, &err);
    if (w->rc == SP_OK)
        w->rc = audit_chain_start(st, &test_keys, what, &w->chain, &err);
    for (int i = 0; i < EACH && w->rc == SP_OK; i++) {
        struct sp_arena *arena = sp_arena_new();
        struct audit_event e[2];

        fill_event(&e[0], w->index * 1000 + i, "treatment");
        fill_event(&e[1], w->index * 1000 + i, "joint_plan");
        w->rc = store_begin_write(st, &err);
        if (w->rc == SP_OK)
            w->rc = audit_append_all(st, &test_keys, arena, e, 1 + (size_t)(i % 2), &err);
        if (w->rc == SP_OK)
            w->rc = store_commit(st, &err);
        if (w->rc != SP_OK)
            store_rollback(st);
        sp_arena_free(arena);
    }
    store_close(st);
    return NULL;
}

/* Each thread's chain has links 1 … EACH + EACH / 2 without a gap, and its row's head (moved by
 * the trigger audit_event_moves_head, not by the writer) names the last of them. */
static void threads_of_one_process_append_without_gap_or_duplicate(void **state)
{
    struct fixture *f = *state;
    struct worker workers[THREADS];
    pthread_t threads[THREADS];
    const int64_t each = EACH + EACH / 2;
    char sql[256];

    for (int i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){f->target, i, 0, SP_OK};
        assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(workers[i].rc, SP_OK);
    }
    for (int i = 0; i < THREADS; i++) {
        long long chain = (long long)workers[i].chain;

        snprintf(sql, sizeof sql,
                 "SELECT COUNT(DISTINCT chain_seq) * 1000000 + MIN(chain_seq) * 1000 +"
                 " MAX(chain_seq) FROM audit_event WHERE chain_id = %lld",
                 chain);
        assert_int_equal(sql_int(f->target, sql), each * 1000000 + 1 * 1000 + each);
        snprintf(sql, sizeof sql,
                 "SELECT COUNT(*) FROM audit_chain c JOIN audit_event e ON e.chain_id = c.id"
                 " AND e.chain_seq = c.head_seq AND e.hash = c.head_hash WHERE c.id = %lld",
                 chain);
        assert_int_equal(sql_int(f->target, sql), 1);
    }
    assert_intact(f, THREADS * each);
}

/* Two connections appending to one chain, which a server never does: the one whose head is
 * stale takes a link the other has, the unique (chain_id, chain_seq) refuses it, and it is told
 * to run its transaction again (SP_BUSY, never a conflict shown to a user); run again, it reads
 * the head anew and follows. The chain does not fork. */
static void a_second_writer_of_a_chain_is_sent_back_never_forks(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct store *b = NULL;
    struct audit_event e;
    int64_t chain = 0;
    int64_t last;

    assert_int_equal(audit_chain_start(f->st, &test_keys, "writer", &chain, &err), SP_OK);
    append(f->st, 1, "treatment"); /* link 1 */
    assert_int_equal(store_open(f->target, &test_keys, &b, &err), SP_OK);
    store_audit_use_chain(b, chain);
    append(b, 2, "treatment"); /* b reads the head (1) and takes link 2 */

    assert_int_equal(store_begin_write(f->st, &err), SP_OK);
    fill_event(&e, 3, "treatment");
    assert_int_equal(audit_append(f->st, &test_keys, f->arena, &e, &err), SP_BUSY);
    assert_int_equal(e.chain_seq, 2);
    store_rollback(f->st);
    last = append(f->st, 3, "treatment"); /* run again: reads the head (2), takes link 3 */
    assert_int_equal(last, sql_int(f->target, "SELECT MAX(seq) FROM audit_event"));
    assert_int_equal(sql_int(f->target, "SELECT MAX(chain_seq) FROM audit_event"), 3);
    assert_int_equal(sql_int(f->target, "SELECT head_seq FROM audit_chain WHERE label LIKE"
                                        " 'writer %'"),
                     3);
    assert_intact(f, 3);
    store_close(b);
}

/* ---- access log reads ---------------------------------------------------------------------- */

/* Seven events, five about citizen A (the 1st, 2nd, 4th, 6th and 7th) from two writers, walked
 * two at a time newest first by seq: 7 6 | 4 2 | 1. */
static void list_citizen_pages_newest_first(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    int64_t chain = 0;
    int64_t seq[8];
    struct store *other = open_writer(f, "other", &chain);
    struct store_page page = {0, 2};
    static const int want[] = {7, 6, 4, 2, 1};
    size_t seen = 0;
    bool more = true;

    assert_int_equal(audit_chain_start(f->st, &test_keys, "writer", &chain, &err), SP_OK);
    for (int i = 1; i <= 7; i++)
        seq[i] = append(i % 2 ? f->st : other, i == 3 || i == 5 ? 200 : 100, "treatment");
    for (int pages = 0; more; pages++) {
        struct audit_event *items = NULL;
        size_t count = 0;

        if (pages > 3)
            fail_msg("more than 3 pages");
        assert_int_equal(store_audit_list_citizen(f->st, f->arena, 100, NULL, 0, &page, &items,
                                                  &count, &more, &err),
                         SP_OK);
        for (size_t i = 0; i < count; i++, seen++)
            if (seen >= 5 || items[i].seq != seq[want[seen]] || items[i].citizen_id != 100)
                fail_msg("page %d row %zu: seq %lld", pages, i, (long long)items[i].seq);
        if (count > 0)
            page.after = items[count - 1].seq;
        assert_int_equal(more, seen < 5);
    }
    assert_int_equal(seen, 5);
    store_close(other);
}

/* Twelve events of one citizen: every third of purpose "treatment", the 4th and 8th
 * "employment", the rest "case_administration". Walked three at a time without the first two
 * purposes: 11 10 7 | 5 2 1 — full pages, no empty last page. */
static void list_citizen_skips_purposes_in_full_pages(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    int64_t chain = 0;
    int64_t seq[13];
    struct store_page page = {0, 3};
    static const int want[] = {11, 10, 7, 5, 2, 1};
    static const char *const skip[] = {"treatment", "employment"};
    size_t seen = 0;
    bool more = true;
    int pages = 0;

    assert_int_equal(audit_chain_start(f->st, &test_keys, "writer", &chain, &err), SP_OK);
    for (int i = 1; i <= 12; i++)
        seq[i] = append(f->st, 100,
                        i % 3 == 0   ? "treatment"
                        : i % 4 == 0 ? "employment"
                                     : "case_administration");
    for (; more; pages++) {
        struct audit_event *items = NULL;
        size_t count = 0;

        assert_int_equal(store_audit_list_citizen(f->st, f->arena, 100, skip, 2, &page, &items,
                                                  &count, &more, &err),
                         SP_OK);
        if (more)
            assert_int_equal(count, 3);
        for (size_t i = 0; i < count; i++, seen++) {
            if (seen >= 6 || items[i].seq != seq[want[seen]])
                fail_msg("page %d row %zu: seq %lld", pages, i, (long long)items[i].seq);
            assert_string_equal(items[i].purpose, "case_administration");
        }
        if (count > 0)
            page.after = items[count - 1].seq;
    }
    assert_int_equal(seen, 6);
    assert_int_equal(pages, 2);
}

/* ---- migration 0011 ------------------------------------------------------------------------ */

/* Events written by schema 0010's one chain (format 1: seq in the hash, no chain) come through
 * 0011 as chain 1 and verify; new writers then add chains of format 2 beside it, and a
 * checkpoint seals all of them. */
static void events_from_0010_verify_as_chain_1(void **state)
{
    struct fixture *f = *state;
    char path[512];
    char prev[65];
    struct store *st = NULL;
    struct store *saved = f->st;
    struct sp_err err = {0};
    struct audit_report r;
    int64_t chain = 0;
    int from = 0;
    int to = 0;

    fixture_fresh(f, path, sizeof path);
    assert_int_equal(schema_before(f, path, "0011_"), 10);
    snprintf(prev, sizeof prev, "%s", AUDIT_GENESIS);
    for (int64_t seq = 1; seq <= 4; seq++) {
        struct audit_event e;
        char hash[65];
        char sql[700];

        fill_event(&e, seq, "treatment");
        e.chain_seq = seq; /* format 1 hashes the seq of the one chain there was */
        e.prev_hash = prev;
        audit_hash(&test_keys, &e, 1, hash);
        snprintf(sql, sizeof sql,
                 "INSERT INTO audit_event (seq, time, user_id, username, role, citizen_id, action,"
                 " route, purpose, outcome, prev_hash, hash) VALUES (%lld, '%s', 1, '%s', '%s',"
                 " %lld, '%s', '%s', '%s', '%s', '%s', '%s')",
                 (long long)seq, e.time, e.username, e.role, (long long)seq, e.action, e.route,
                 e.purpose, e.outcome, prev, hash);
        tamper(path, sql);
        snprintf(prev, sizeof prev, "%s", hash);
    }
    assert_int_equal(store_open(path, &test_keys, &st, &err), SP_OK);
    assert_int_equal(store_migrate(st, &from, &to, &err), SP_OK);
    assert_int_equal(from, 10);
    f->st = st;
    r = verify(f);
    assert_int_equal(r.problem_count, 0);
    assert_int_equal(r.chain_count, 1);
    assert_int_equal(r.chains[0].chain.id, 1);
    assert_int_equal(r.chains[0].chain.hash_version, 1);
    assert_int_equal(r.chains[0].events, 4);
    assert_int_equal(r.chains[0].sealed_by, 0);
    /* A new writer: chain 2 in format 2; its start's checkpoint seals chain 1 at link 4. */
    assert_int_equal(audit_chain_start(st, &test_keys, "serve", &chain, &err), SP_OK);
    assert_int_equal(chain, 2);
    append(st, 5, "treatment");
    assert_int_equal(sql_int(path, "SELECT seq FROM audit_event WHERE chain_id = 2"), 5);
    r = verify(f);
    assert_int_equal(r.problem_count, 0);
    assert_int_equal(r.events, 5);
    assert_int_equal(chain_report(&r, 1)->sealed_seq, 4);
    /* The old chain is still checked: an edit in it is named. */
    tamper(path, "UPDATE audit_event SET outcome = 'x' WHERE seq = 2");
    assert_one_problem(f, 1, 2, 2, 0, "does not match its hash");
    f->st = saved;
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(events_are_links_of_their_writers_chain),
        FIXTURE_TEST(rolled_back_links_are_given_back),
        FIXTURE_TEST(two_chains_interleaved_verify_clean),
        FIXTURE_TEST(deleted_middle_event_is_named),
        FIXTURE_TEST(edited_event_is_named),
        FIXTURE_TEST(inserted_event_is_named),
        FIXTURE_TEST(tail_cut_before_a_checkpoint_is_named),
        FIXTURE_TEST(tail_cut_after_the_last_checkpoint_is_the_window),
        FIXTURE_TEST(forged_checkpoint_is_named),
        FIXTURE_TEST(forged_checkpoint_at_the_end_is_named),
        FIXTURE_TEST(cut_newest_checkpoint_is_named_by_the_head),
        FIXTURE_TEST(deleted_chain_is_named_by_its_start),
        FIXTURE_TEST(threads_of_one_process_append_without_gap_or_duplicate),
        FIXTURE_TEST(a_second_writer_of_a_chain_is_sent_back_never_forks),
        FIXTURE_TEST(list_citizen_pages_newest_first),
        FIXTURE_TEST(list_citizen_skips_purposes_in_full_pages),
        FIXTURE_TEST(events_from_0010_verify_as_chain_1),
    };

    return fixture_main("audit_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
