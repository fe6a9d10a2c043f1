/* Fault injection (docs/code-style.md, after SQLite's do_faultsim_test and curl's torture mode): a
 * write request runs again and again with the Nth storage call failing (SQLITE_BUSY's code),
 * N = 1, 2, … until it succeeds. Every failure must give a clean error and write nothing — no
 * project, no half of one — and the audit chain must stay intact; the first run that gets
 * through must write exactly one project. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "audit/audit.h"
#include "policy/policy.h"
#include "store/sql.h"
#include "store/store.h"

static const struct sp_keys test_keys = {{11, 12}, {13, 14}, {15, 16}};

static int fail_at;

static int64_t count_rows(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    int64_t n = -1;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

static const char *no_query(void *conn, const char *name)
{
    (void)conn;
    (void)name;
    return NULL;
}

static const struct api_route *route_for(const char *method, const char *pattern)
{
    for (const struct api_route *r = api_routes; r->method != NULL; r++)
        if (strcmp(r->method, method) == 0 && strcmp(r->pattern, pattern) == 0)
            return r;
    fail_msg("no route %s %s", method, pattern);
    return NULL;
}

struct world {
    char dir[64];
    char path[128];
    struct store *st;
    struct sp_arena *arena;
};

static void world_open(struct world *w)
{
    struct sp_err err = {0};
    int from = 0;
    int to = 0;
    int64_t chain = 0;

    snprintf(w->dir, sizeof w->dir, "/tmp/samspor-fault-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    snprintf(w->path, sizeof w->path, "%s/db.sqlite", w->dir);
    assert_int_equal(store_open(w->path, &test_keys, &w->st, &err), SP_OK);
    assert_int_equal(store_migrate(w->st, &from, &to, &err), SP_OK);
    assert_int_equal(audit_chain_start(w->st, &test_keys, "fault test", &chain, &err), SP_OK);
    w->arena = sp_arena_new();
}

static void world_close(struct world *w)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};

    store_close(w->st);
    sp_arena_free(w->arena);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char p[160];

        snprintf(p, sizeof p, "%s%s", w->path, suffixes[i]);
        unlink(p);
    }
    rmdir(w->dir);
}

static const struct policy_subject *make_subject(struct world *w, const char *username,
                                                 const char *organisation, const char *role)
{
    const char **roles = sp_arena_alloc(w->arena, sizeof *roles);
    struct store_user_new nu = {username, "Fault test", organisation, "x", 1, roles};
    struct user *u = sp_arena_alloc(w->arena, sizeof *u);
    struct policy_subject *who = sp_arena_alloc(w->arena, sizeof *who);
    struct sp_err err = {0};
    int64_t id = 0;

    roles[0] = role;
    assert_int_equal(store_user_create(w->st, &nu, "2026-01-01T00:00:00Z", &id, &err), SP_OK);
    assert_int_equal(store_user_get(w->st, w->arena, id, u, &err), SP_OK);
    who->user = u;
    who->roles = policy_roles_of(u);
    who->may_write = true;
    return who;
}

/* Run route with body, failing the 1st, 2nd, … storage call until it succeeds. After every
 * failure `empty_sql` must still count 0; returns the number of failures. */
static int torture(struct world *w, const struct policy_subject *who, const char *method,
                   const char *pattern, const char *body_text, const char *const *empty_sql)
{
    const struct api_route *route = route_for(method, pattern);
    int failures = 0;

    for (fail_at = 1; fail_at < 100; fail_at++) {
        struct api_ctx ctx = {0};
        struct sp_err e = {0};
        json_error_t jerr;
        enum sp_code rc;

        sql_fault_at(fail_at);
        ctx.store = w->st;
        ctx.keys = &test_keys;
        ctx.arena = sp_arena_new();
        ctx.subject = who;
        ctx.body = json_loads(body_text, JSON_REJECT_DUPLICATES, &jerr);
        ctx.query = no_query;
        ctx.status = 200;
        ctx.today = (struct core_date){2026, 11, 23};
        snprintf(ctx.now, sizeof ctx.now, "2026-11-23T08:00:00Z");
        rc = api_dispatch(route, &ctx, NULL, body_text, strlen(body_text), &e);
        json_decref(ctx.body);
        json_decref(ctx.reply);
        sp_arena_free(ctx.arena);
        if (rc == SP_OK)
            break;
        failures++;
        if (rc != SP_BUSY && rc != SP_UNAVAILABLE)
            fail_msg("%s %s, failure at call %d gave %s, not a clean busy/unavailable", method,
                     pattern, fail_at, sp_code_info(rc)->name);
        for (const char *const *q = empty_sql; *q != NULL; q++)
            if (count_rows(w->path, *q) != 0)
                fail_msg("%s %s, failure at call %d left rows behind: %s", method, pattern, fail_at,
                         *q);
    }
    sql_fault_at(0);
    if (fail_at == 100)
        fail_msg("%s %s never succeeded", method, pattern);
    return failures;
}

static void assert_chain_intact(struct world *w, int64_t *checked)
{
    struct sp_err err = {0};
    struct audit_report r;

    assert_int_equal(audit_verify(w->st, &test_keys, w->arena, &r, &err), SP_OK);
    if (r.problem_count != 0)
        fail_msg("audit log broken at %lld: %s", (long long)r.problems[0].seq,
                 r.problems[0].reason);
    *checked = r.events;
}

static void failing_project_create_writes_nothing(void **state)
{
    static const char body[] =
        "{\"slug\":\"fault-test\",\"name\":\"Fault test\",\"description\":\"\","
        "\"period_start\":\"2026-01-01\",\"period_end\":\"2027-01-01\",\"target_count\":10,"
        "\"age_min\":18,\"age_max\":30,\"municipalities\":[\"657\",\"730\"],"
        "\"target_groups\":[\"other\",\"sygedagpenge\"],\"instruments\":[\"phq9\"],"
        "\"followup_months\":[3,6],\"randomised\":false}";
    static const char *const empty[] = {"SELECT COUNT(*) FROM project",
                                        "SELECT COUNT(*) FROM project_municipality",
                                        "SELECT COUNT(*) FROM project_target_group", NULL};
    struct world w;
    int failures;

    (void)state;
    world_open(&w);
    failures = torture(&w, make_subject(&w, "fault.admin", "1082", "administrator"), "POST",
                       "/api/v1/projects", body, empty);
    assert_true(failures >= 5); /* the request went through several storage calls */
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM project"), 1);
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM project_municipality"), 2);
    print_message("POST /api/v1/projects: %d injected failures, then one project\n", failures);
    world_close(&w);
}

/* A citizen is registered with its audit event in the same transaction: a failure anywhere —
 * the insert, the chain head, the event, the commit — leaves neither behind. (A refusal's own
 * audit event, written after the rollback, may stand: it records the failed attempt.) */
static void failing_citizen_create_writes_nothing(void **state)
{
    static const char body[] = "{\"identifier\":\"680302-4994\",\"identifier_type\":\"erstatning\","
                               "\"name\":\"Fiktiv Fejltest\",\"synthetic\":true}";
    static const char *const empty[] = {
        "SELECT COUNT(*) FROM citizen",
        "SELECT COUNT(*) FROM audit_event WHERE outcome = 'allowed'", NULL};
    struct world w;
    int64_t checked = 0;
    int failures;

    (void)state;
    world_open(&w);
    failures = torture(&w, make_subject(&w, "fault.caseworker", "657", "caseworker"), "POST",
                       "/api/v1/citizens", body, empty);
    assert_true(failures >= 3);
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM citizen"), 1);
    assert_int_equal(
        count_rows(w.path, "SELECT COUNT(*) FROM audit_event WHERE outcome = 'allowed'"), 1);
    assert_chain_intact(&w, &checked);
    print_message("POST /api/v1/citizens: %d injected failures, then one citizen; %lld audit "
                  "events, chain intact\n",
                  failures, (long long)checked);
    world_close(&w);
}

/* Registering a person the caller already has answers that record (docs/security-model.md "One
 * person, many records"): a failure anywhere leaves no second record and no allowed event; the
 * run that gets through adds only the read of the existing record. */
static void failing_registration_of_a_known_person_writes_nothing(void **state)
{
    static const char body[] = "{\"identifier\":\"680302-4994\",\"identifier_type\":\"erstatning\","
                               "\"name\":\"Fiktiv Igen\",\"synthetic\":true}";
    static const char *const empty[] = {
        "SELECT COUNT(*) FROM citizen WHERE name <> 'Fiktiv Fejltest'",
        "SELECT COUNT(*) FROM audit_event WHERE outcome = 'allowed'", NULL};
    struct world w;
    struct citizen c = {0};
    struct sp_err err = {0};
    const struct policy_subject *who;
    int64_t checked = 0;
    int failures;

    (void)state;
    world_open(&w);
    who = make_subject(&w, "fault.caseworker", "657", "caseworker");
    c.identifier_type = "erstatning";
    c.identifier = "6803024994";
    c.birth_date = "2002-03-08";
    c.name = "Fiktiv Fejltest";
    c.synthetic = true;
    c.created_by = who->user->id;
    assert_int_equal(store_citizen_create(w.st, &c, "2026-11-23T08:00:00Z", &err), SP_OK);
    failures = torture(&w, who, "POST", "/api/v1/citizens", body, empty);
    assert_true(failures >= 3);
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM citizen"), 1);
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM audit_event WHERE outcome = "
                                        "'allowed' AND action = 'read' AND citizen_id = 1"),
                     1);
    assert_chain_intact(&w, &checked);
    print_message("POST /api/v1/citizens (known): %d injected failures, then the record\n",
                  failures);
    world_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(failing_project_create_writes_nothing),
        cmocka_unit_test(failing_citizen_create_writes_nothing),
        cmocka_unit_test(failing_registration_of_a_known_person_writes_nothing),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
