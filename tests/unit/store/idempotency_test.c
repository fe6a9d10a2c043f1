/* store/idempotency.c through store.h: a key claimed in the write transaction, its answer written
 * into the claimed row and sealed at rest, replayed to a later claim, taken over once expired, and
 * on two connections the second claim waits for the first transaction's end and acts on its
 * outcome (store.h, Idempotency-Key). On SQLite and PostgreSQL (fixture.h). */
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
#include "store/store.h"

#include "fixture.h"

static const char body[] = "{\"id\":7,\"identifier\":\"6703014902\",\"name\":\"Fiktiv\"}";

static const struct store_idempotent first_answer = {.request_hash = "r1",
                                                     .status = 201,
                                                     .location = "/api/v1/citizens/7",
                                                     .etag_version = 1,
                                                     .body = body,
                                                     .citizen_id = 7};

/* claim in a transaction of its own: committed when claimed and answered, rolled back when not
 * claimed (as api/dispatch.c replays and commits nothing of the store's). */
static enum sp_code claim(struct store *st, struct sp_arena *arena, const char *key,
                          const char *request_hash, int64_t now, int64_t expire_before,
                          bool *claimed, struct store_idempotent *earlier)
{
    struct sp_err err = {0};
    enum sp_code rc = store_begin_write(st, &err);

    if (rc == SP_OK)
        rc = store_idempotent_claim(st, arena, key, request_hash, now, expire_before, claimed,
                                    earlier, &err);
    if (rc == SP_OK && *claimed)
        rc = store_idempotent_answer(st, key, &first_answer, &err);
    if (rc == SP_OK && *claimed)
        return store_commit(st, &err);
    store_rollback(st);
    return rc;
}

static void assert_first_answer(const struct store_idempotent *got)
{
    assert_string_equal(got->body, body);
    assert_string_equal(got->request_hash, "r1");
    assert_string_equal(got->location, "/api/v1/citizens/7");
    assert_int_equal(got->status, 201);
    assert_int_equal(got->etag_version, 1);
    assert_int_equal(got->citizen_id, 7);
}

/* The first claim takes the key; its answer is stored sealed (the identifier is not in the row)
 * and handed whole to the next claim, whatever request that one is. */
static void claimed_answer_is_sealed_and_replayed(void **state)
{
    struct fixture *f = *state;
    struct store_idempotent got;
    bool claimed = false;

    assert_int_equal(claim(f->st, f->arena, "k1", "r1", 1000, 0, &claimed, &got), SP_OK);
    assert_true(claimed);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM idempotency WHERE body_enc LIKE "
                                        "'%6703014902%' OR body_enc LIKE '%Fiktiv%'"),
                     0);
    memset(&got, 0, sizeof got);
    assert_int_equal(claim(f->st, f->arena, "k1", "r1", 1010, 0, &claimed, &got), SP_OK);
    assert_false(claimed);
    assert_first_answer(&got);
    /* Another request under the key: its earlier answer with that request's hash, for the caller
     * to refuse. Nothing changes in the row. */
    assert_int_equal(claim(f->st, f->arena, "k1", "r2", 1020, 0, &claimed, &got), SP_OK);
    assert_false(claimed);
    assert_string_equal(got.request_hash, "r1");
    assert_int_equal(sql_int(f->target, "SELECT created_s FROM idempotency WHERE key_hash = 'k1'"),
                     1000);
}

/* A row made before expire_before is no answer: the claim takes it over for the new request. */
static void expired_answer_is_taken_over(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct store_idempotent got;
    bool claimed = false;

    assert_int_equal(claim(f->st, f->arena, "k1", "r1", 1000, 0, &claimed, &got), SP_OK);
    assert_int_equal(store_begin_write(f->st, &err), SP_OK);
    assert_int_equal(store_idempotent_claim(f->st, f->arena, "k1", "r2", 1000 + 86400 + 1, 1001,
                                            &claimed, &got, &err),
                     SP_OK);
    assert_true(claimed);
    /* Claimed and not yet answered: status 0 in this transaction only. */
    assert_int_equal(
        store_idempotent_answer(
            f->st, "k1",
            &(struct store_idempotent){.request_hash = "r2", .status = 200, .body = "{}"}, &err),
        SP_OK);
    assert_int_equal(store_commit(f->st, &err), SP_OK);
    assert_int_equal(claim(f->st, f->arena, "k1", "r2", 87402, 1001, &claimed, &got), SP_OK);
    assert_false(claimed);
    assert_string_equal(got.request_hash, "r2");
    assert_int_equal(got.status, 200);
    assert_string_equal(got.body, "{}");
    assert_null(got.location);
    assert_int_equal(got.etag_version, 0);
    assert_int_equal(got.citizen_id, 0);
}

/* A claim whose transaction rolls back leaves nothing: the next claim takes the key. */
static void rolled_back_claim_leaves_the_key_free(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct store_idempotent got;
    bool claimed = false;

    assert_int_equal(store_begin_write(f->st, &err), SP_OK);
    assert_int_equal(
        store_idempotent_claim(f->st, f->arena, "k1", "r1", 1000, 0, &claimed, &got, &err), SP_OK);
    assert_true(claimed);
    store_rollback(f->st);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM idempotency"), 0);
    assert_int_equal(claim(f->st, f->arena, "k1", "r1", 1001, 0, &claimed, &got), SP_OK);
    assert_true(claimed);
}

/* Expired rows of other keys go with a later claim (at most once a minute per process: the
 * clocks here are far apart, and each run of this test — one per engine, in one process — is
 * ten days after the one before). */
static void later_claim_deletes_expired_rows(void **state)
{
    static int64_t runs;
    struct fixture *f = *state;
    struct store_idempotent got;
    bool claimed = false;
    const int64_t day = 86400;
    const int64_t t0 = 2000000000 + runs++ * 10 * day;

    assert_int_equal(claim(f->st, f->arena, "k1", "r1", t0, t0 - day, &claimed, &got), SP_OK);
    assert_int_equal(claim(f->st, f->arena, "k2", "r1", t0 + 100, t0 + 100 - day, &claimed, &got),
                     SP_OK);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM idempotency"), 2);
    assert_int_equal(claim(f->st, f->arena, "k3", "r1", t0 + day + 50, t0 + 50, &claimed, &got),
                     SP_OK);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM idempotency WHERE key_hash = 'k1'"),
                     0);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM idempotency WHERE key_hash <> 'k1'"),
                     2);
}

/* A sealed answer altered at rest is an internal error, not a replay of garbage. */
static void altered_answer_is_internal(void **state)
{
    struct fixture *f = *state;
    struct store_idempotent got;
    bool claimed = false;

    assert_int_equal(claim(f->st, f->arena, "k2", "r1", 1000, 0, &claimed, &got), SP_OK);
    sql_run(f->target, "UPDATE idempotency SET body_enc = (CASE WHEN substr(body_enc, 1, 2) = 'ab'"
                       " THEN 'cd' ELSE 'ab' END) || substr(body_enc, 3) WHERE key_hash = 'k2'");
    assert_int_equal(claim(f->st, f->arena, "k2", "r1", 1001, 0, &claimed, &got), SP_INTERNAL);
    assert_false(claimed);
}

/* ---- two connections ------------------------------------------------------------------------ */

struct second {
    const char *path;
    struct store_idempotent got;
    bool claimed;
    enum sp_code rc;
    struct sp_arena *arena;
};

/* The second request: its own connection, the same key and request. */
static void *second_request(void *arg)
{
    struct second *s = arg;
    struct store *st = NULL;
    struct sp_err err = {0};

    s->rc = store_open(s->path, &test_keys, &st, &err);
    if (s->rc == SP_OK)
        s->rc = claim(st, s->arena, "k1", "r1", 1001, 0, &s->claimed, &s->got);
    store_close(st);
    return NULL;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = 0, .tv_nsec = ms * 1000000L};

    nanosleep(&ts, NULL);
}

/* The first request claims the key and, while it still runs, a second one on another connection
 * claims it too: the second waits until the first ends, then replays its answer when it committed
 * or claims the key itself when it rolled back. */
static void concurrent_claim_acts_on_the_first_outcome(bool commit, void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct store_idempotent got;
    struct second s = {.path = f->target, .arena = sp_arena_new(), .rc = SP_INTERNAL};
    bool claimed = false;
    pthread_t thread;

    assert_int_equal(store_begin_write(f->st, &err), SP_OK);
    assert_int_equal(
        store_idempotent_claim(f->st, f->arena, "k1", "r1", 1000, 0, &claimed, &got, &err), SP_OK);
    assert_true(claimed);
    assert_int_equal(pthread_create(&thread, NULL, second_request, &s), 0);
    sleep_ms(100); /* the second request is waiting by now */
    assert_int_equal(store_idempotent_answer(f->st, "k1", &first_answer, &err), SP_OK);
    if (commit)
        assert_int_equal(store_commit(f->st, &err), SP_OK);
    else
        store_rollback(f->st);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(s.rc, SP_OK);
    assert_int_equal(s.claimed, !commit);
    if (commit)
        assert_first_answer(&s.got);
    assert_int_equal(sql_int(f->target, "SELECT COUNT(*) FROM idempotency"), 1);
    assert_int_equal(sql_int(f->target, "SELECT created_s FROM idempotency"), commit ? 1000 : 1001);
    sp_arena_free(s.arena);
}

static void concurrent_claim_replays_a_committed_answer(void **state)
{
    concurrent_claim_acts_on_the_first_outcome(true, state);
}

static void concurrent_claim_takes_a_rolled_back_key(void **state)
{
    concurrent_claim_acts_on_the_first_outcome(false, state);
}

int main(void)
{
    /* The purge test first: its late clock keeps the process's once-a-minute purge from running
     * in the others, so that expired_answer_is_taken_over shows the claim's own take-over. */
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(later_claim_deletes_expired_rows),
        FIXTURE_TEST(claimed_answer_is_sealed_and_replayed),
        FIXTURE_TEST(expired_answer_is_taken_over),
        FIXTURE_TEST(rolled_back_claim_leaves_the_key_free),
        FIXTURE_TEST(altered_answer_is_internal),
        FIXTURE_TEST(concurrent_claim_replays_a_committed_answer),
        FIXTURE_TEST(concurrent_claim_takes_a_rolled_back_key),
    };

    return fixture_main("idempotency_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
