/* The audit log with several writing processes at once (docs/security-model.md "Audit"): forked
 * processes, each with its chain and worker threads appending to it, each writing checkpoints
 * while the others append and write theirs; then the whole log verifies, with every event there
 * once and every chain sealed. On SQLite and on PostgreSQL (READ COMMITTED), a fresh database
 * each (fixture.h). */
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
#include <sys/wait.h>
#include <unistd.h>

#include "audit/audit.h"
#include "base/mem.h"
#include "store/store.h"

#include "fixture.h"

#define PROCESSES 4
#define THREADS 4
#define EACH 50                  /* transactions per thread: one or two events each */
#define CHECKPOINTS 10           /* per process, while its threads append */
#define EVENTS (EACH + EACH / 2) /* per thread */

static const char *target; /* the test's database (fixture.h), for the processes and threads */

struct worker {
    int64_t chain;
    int index;
    int failures;
};

/* A worker thread of a server: its own connection with a chain of its own, as each connection
 * of `samspor serve` has (store_pool_on_open), started while the others append. */
static void *work(void *arg)
{
    struct worker *w = arg;
    struct store *st = NULL;
    struct sp_err err = {0};

    if (store_open(target, &test_keys, &st, &err) != SP_OK ||
        audit_chain_start(st, &test_keys, "test worker", &w->chain, &err) != SP_OK) {
        fprintf(stderr, "worker: %s\n", err.detail);
        w->failures = EACH;
        store_close(st);
        return NULL;
    }
    for (int i = 0; i < EACH; i++) {
        struct sp_arena *arena = sp_arena_new();
        struct audit_event e[2];
        enum sp_code rc;

        for (int k = 0; k < 2; k++)
            e[k] = (struct audit_event){.time = "2026-01-05T09:00:00Z",
                                        .citizen_id = w->index * 1000 + i,
                                        .action = "read",
                                        .route = "/api/v1/citizens/{id}",
                                        .purpose = "treatment",
                                        .outcome = "allowed"};
        rc = store_begin_write(st, &err);
        if (rc == SP_OK)
            rc = audit_append_all(st, &test_keys, arena, e, 1 + (size_t)(i % 2), &err);
        if (rc == SP_OK)
            rc = store_commit(st, &err);
        if (rc != SP_OK) {
            store_rollback(st);
            fprintf(stderr, "append: %s\n", err.detail);
            w->failures++;
        }
        sp_arena_free(arena);
    }
    store_close(st);
    return NULL;
}

/* One checkpoint from the process's main connection; 1 when it failed (a process counts what
 * failed rather than failing the test: cmocka's checks belong to the test's own process). */
static int checkpoint(struct store *st)
{
    struct sp_err err = {0};
    char hash[65];
    int64_t id = 0;

    if (audit_checkpoint(st, &test_keys, &id, hash, &err) == SP_OK)
        return 0;
    fprintf(stderr, "checkpoint: %s\n", err.detail);
    return 1;
}

/* One server process: its chain, its workers, and checkpoints from its main connection. The
 * exit status counts what failed. */
static int process(int index)
{
    struct store *st = NULL;
    struct sp_err err = {0};
    struct worker workers[THREADS];
    pthread_t threads[THREADS];
    int64_t chain = 0;
    int failures = 0;

    if (store_open(target, &test_keys, &st, &err) != SP_OK ||
        audit_chain_start(st, &test_keys, "test", &chain, &err) != SP_OK) {
        fprintf(stderr, "process %d: %s\n", index, err.detail);
        return 1;
    }
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){0, index * THREADS + i, 0};
        if (pthread_create(&threads[i], NULL, work, &workers[i]) != 0)
            return 1;
    }
    for (int n = 0; n < CHECKPOINTS; n++) {
        failures += checkpoint(st);
        usleep(10000);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        failures += workers[i].failures;
    }
    /* A clean stop seals what the threads appended after the last checkpoint. */
    failures += checkpoint(st);
    store_close(st);
    return failures > 0;
}

static void processes_append_and_seal_at_once(void **state)
{
    struct fixture *f = *state;
    struct sp_err err = {0};
    struct audit_report r;
    pid_t pids[PROCESSES];

    target = f->target;
    for (int i = 0; i < PROCESSES; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0)
            _exit(process(i));
    }
    for (int i = 0; i < PROCESSES; i++) {
        int status = 0;

        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fail_msg("process %d failed", i);
    }
    assert_int_equal(audit_verify(f->st, &test_keys, f->arena, &r, &err), SP_OK);
    for (size_t i = 0; i < r.problem_count; i++)
        print_error("chain %lld link %lld checkpoint %lld: %s\n", (long long)r.problems[i].chain_id,
                    (long long)r.problems[i].chain_seq, (long long)r.problems[i].checkpoint_id,
                    r.problems[i].reason);
    assert_int_equal(r.problem_count, 0);
    /* Each process: its own chain (which only seals) and one per worker thread. */
    assert_int_equal(r.chain_count, PROCESSES * (1 + THREADS));
    assert_int_equal(r.events, PROCESSES * THREADS * EVENTS);
    for (size_t i = 0; i < r.chain_count; i++) {
        int64_t want = strncmp(r.chains[i].chain.label, "test worker", 11) == 0 ? EVENTS : 0;

        assert_int_equal(r.chains[i].events, want);
        assert_int_equal(r.chains[i].sealed_seq, want);
    }
    print_message("%lld events in %zu chains, %lld checkpoints\n", (long long)r.events,
                  r.chain_count, (long long)r.checkpoints);
}

int main(void)
{
    const struct CMUnitTest tests[] = {FIXTURE_TEST(processes_append_and_seal_at_once)};

    return fixture_main("audit_processes_test", FIXTURE_TESTS(tests), FIXTURE_NONE, FIXTURE_NONE);
}
