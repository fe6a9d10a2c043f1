/* A write lost to a busy database (SP_BUSY: a serialization failure, a deadlock or a lock timeout
 * on PostgreSQL, SQLITE_BUSY on SQLite) is run again from its start, handler included (store.h,
 * Transactions; api/dispatch.c): the request still succeeds and writes exactly once, also when it
 * carries an Idempotency-Key; after API_WRITE_RERUNS lost reruns it is 503 busy with Retry-After,
 * never 500. Busy calls are injected (sql_fault_busy_at) at every storage call of the request in
 * turn, and once come from a real SQLite lock held by another connection. */
#include "world.h"

#include <pthread.h>
#include <time.h>

#include "store/sql.h"

static const char citizen_body[] =
    "{\"identifier\":\"680302-4994\",\"identifier_type\":\"erstatning\","
    "\"name\":\"Fiktiv Gentagelse\",\"synthetic\":true}";

/* A project body with its own slug. */
static const char *project_body(struct world *w, int n)
{
    static const char format[] =
        "{\"slug\":\"retry-%d\",\"name\":\"Retry test\",\"description\":\"\","
        "\"period_start\":\"2026-01-01\",\"period_end\":\"2027-01-01\",\"target_count\":10,"
        "\"age_min\":18,\"age_max\":30,\"municipalities\":[\"657\",\"730\"],"
        "\"target_groups\":[\"other\"],\"instruments\":[\"phq9\"],"
        "\"followup_months\":[3,6],\"randomised\":false}";
    char *text = sp_arena_alloc(w->arena, sizeof format + 16);

    snprintf(text, sizeof format + 16, format, n);
    return text;
}

/* One POST with its nth storage call busy: it succeeds all the same (201). *reached false when
 * the request made fewer than n calls: the busy call never came, and a series is over. */
static struct answer busy_at(struct world *w, const struct policy_subject *who, int64_t n,
                             const char *pattern, const char *body, const char *key, bool *reached)
{
    struct answer a;

    sql_fault_busy_at(n, 1);
    a = world_request(w, who, "POST", pattern, body, key);
    *reached = sql_fault_calls() >= n;
    sql_fault_at(0);
    if (a.rc != SP_OK)
        fail_msg("%s, busy at call %lld: %s", pattern, (long long)n, sp_code_info(a.rc)->name);
    assert_int_equal(a.status, 201);
    return a;
}

/* The nth storage call of a project's creation answers busy, for n = 1, 2, … until the request
 * no longer reaches the nth call: every request succeeds, each adds exactly one project. */
static void busy_run_is_run_again_and_writes_once(void **state)
{
    struct world w;
    const struct policy_subject *who;
    bool reached = true;
    int64_t n;

    (void)state;
    world_open(&w);
    who = make_subject(&w, "retry.admin", "1082", "administrator");
    for (n = 1; reached; n++) {
        struct answer a =
            busy_at(&w, who, n, "/api/v1/projects", project_body(&w, (int)n), NULL, &reached);

        free(a.body);
        assert_int_equal(world_sql_int(&w, "SELECT COUNT(*) FROM project"), n);
        assert_int_equal(world_sql_int(&w, "SELECT COUNT(*) FROM project_municipality"), 2 * n);
    }
    assert_true(n >= 8); /* the creation went through several storage calls */
    print_message("POST /api/v1/projects: busy at each of %lld calls, one project each\n",
                  (long long)n - 2);
    world_close(&w);
}

/* With an Idempotency-Key, busy at any call: the first request that succeeds registers the
 * citizen (201) and the later ones replay it (201, replayed); one citizen, one stored answer, one
 * allowed registration in an intact audit chain. The claim of a lost run went with its rollback. */
static void busy_run_with_idempotency_key_claims_once(void **state)
{
    struct world w;
    const struct policy_subject *who;
    char *first = NULL;
    bool reached = true;
    int64_t n;

    (void)state;
    world_open(&w);
    who = make_subject(&w, "retry.caseworker", "657", "caseworker");
    for (n = 1; reached; n++) {
        struct answer a =
            busy_at(&w, who, n, "/api/v1/citizens", citizen_body, "retry-key-1", &reached);

        assert_int_equal(a.replayed, n > 1);
        if (first == NULL)
            first = a.body;
        else
            assert_string_equal(a.body, first);
        if (a.body != first)
            free(a.body);
        assert_int_equal(world_sql_int(&w, "SELECT COUNT(*) FROM citizen"), 1);
        assert_int_equal(world_sql_int(&w, "SELECT COUNT(*) FROM idempotency"), 1);
    }
    assert_true(n >= 8);
    assert_int_equal(world_sql_int(&w, "SELECT COUNT(*) FROM audit_event WHERE outcome = "
                                       "'allowed' AND action = 'create'"),
                     1);
    world_assert_chain_intact(&w, "after the busy runs");
    free(first);
    world_close(&w);
}

/* Busy in every run: after the first run and API_WRITE_RERUNS reruns, 503 busy with Retry-After,
 * and nothing written. Busy in all but the last allowed run: it succeeds. */
static void busy_every_run_is_busy_with_retry_after(void **state)
{
    struct world w;
    const struct policy_subject *who;
    struct answer a;

    (void)state;
    world_open(&w);
    who = make_subject(&w, "retry.admin", "1082", "administrator");
    sql_fault_busy_at(1, 1000000);
    a = world_request(&w, who, "POST", "/api/v1/projects", project_body(&w, 1), NULL);
    /* Each run lost at its first call, BEGIN: a run and its reruns, and nothing more. */
    assert_int_equal(sql_fault_calls(), 1 + API_WRITE_RERUNS);
    sql_fault_at(0);
    assert_int_equal(a.rc, SP_BUSY);
    assert_int_equal(sp_code_info(a.rc)->status, 503);
    assert_int_equal(a.retry_after_s, API_BUSY_RETRY_AFTER_S);
    assert_true(a.retry_after_s > 0);
    assert_int_equal(world_sql_int(&w, "SELECT COUNT(*) FROM project"), 0);

    sql_fault_busy_at(1, API_WRITE_RERUNS);
    a = world_request(&w, who, "POST", "/api/v1/projects", project_body(&w, 2), NULL);
    sql_fault_at(0);
    assert_int_equal(a.rc, SP_OK);
    assert_int_equal(a.retry_after_s, 0);
    free(a.body);
    assert_int_equal(world_sql_int(&w, "SELECT COUNT(*) FROM project"), 1);
    world_close(&w);
}

/* ---- a real lock ---------------------------------------------------------------------------- */

/* The SQLite driver's busy timeout (sqlite.c): BEGIN IMMEDIATE gives up after this long. */
#define BUSY_TIMEOUT_MS 5000

struct locker {
    const char *path;
    pthread_mutex_t lock;
    pthread_cond_t held;
    bool holding;
};

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};

    nanosleep(&ts, NULL);
}

/* Another connection (as another process would) holds the write lock longer than the busy
 * timeout. */
static void *hold_write_lock(void *arg)
{
    struct locker *l = arg;
    sqlite3 *db = NULL;

    assert_int_equal(sqlite3_open(l->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    pthread_mutex_lock(&l->lock);
    l->holding = true;
    pthread_cond_signal(&l->held);
    pthread_mutex_unlock(&l->lock);
    sleep_ms(BUSY_TIMEOUT_MS + 500);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    return NULL;
}

/* The first run's BEGIN IMMEDIATE waits out the busy timeout and gets SQLITE_BUSY; the rerun
 * gets the lock once the other connection lets go, and the request succeeds. */
static void write_lock_held_past_busy_timeout_is_waited_out(void **state)
{
    struct world w;
    struct locker l = {.lock = PTHREAD_MUTEX_INITIALIZER, .held = PTHREAD_COND_INITIALIZER};
    const struct policy_subject *who;
    struct answer a;
    pthread_t thread;

    (void)state;
    world_open(&w);
    who = make_subject(&w, "retry.admin", "1082", "administrator");
    l.path = w.path;
    assert_int_equal(pthread_create(&thread, NULL, hold_write_lock, &l), 0);
    pthread_mutex_lock(&l.lock);
    while (!l.holding)
        pthread_cond_wait(&l.held, &l.lock);
    pthread_mutex_unlock(&l.lock);
    a = world_request(&w, who, "POST", "/api/v1/projects", project_body(&w, 1), NULL);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(a.rc, SP_OK);
    assert_int_equal(a.status, 201);
    free(a.body);
    assert_int_equal(world_sql_int(&w, "SELECT COUNT(*) FROM project"), 1);
    world_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(busy_run_is_run_again_and_writes_once),
        cmocka_unit_test(busy_run_with_idempotency_key_claims_once),
        cmocka_unit_test(busy_every_run_is_busy_with_retry_after),
        cmocka_unit_test(write_lock_held_past_busy_timeout_is_waited_out),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
