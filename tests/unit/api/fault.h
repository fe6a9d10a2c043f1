/* The fault-injection harness of the api/ unit tests (fault_test.c, fault_admin_test.c,
 * fault_treatment_test.c, fault_employers_test.c; docs/code-style.md), after SQLite's
 * do_faultsim_test and curl's torture mode. Each test walks a table of write requests in order on
 * one world. Every request runs again and again with its Nth storage call failing, N = 1, 2, …
 * until it succeeds: each N once with every call from the Nth on failing (sql_fault_from: the
 * database stays away, so the audit write after the rollback fails too), then with the Nth call
 * alone failing (sql_fault_at). The failures are injected at the connection (store/sql.c), so every
 * storage call of the request can fail: every prepare, step, begin, commit and exec.
 *
 * After every failure: a clean SP_UNAVAILABLE or SP_BUSY (never SP_INTERNAL, never a success that
 * ignored the failure), every table as it was — read with sqlite3 on a connection of its own; the
 * failed request's own audit event may stand — no write transaction left open and the audit chain
 * intact. The first success answers the row's status and writes exactly what the row says; when
 * that includes an audit event, at least one failed attempt was audited too.
 *
 * The world, its requests and its plain sqlite3 connection are world.h's. Included by one test
 * file each (static functions), like tests/unit/store/fixture.h. */
#ifndef SP_TESTS_API_FAULT_H
#define SP_TESTS_API_FAULT_H

#include "world.h"

#include <time.h>

#include "base/crypto.h"
#include "store/sql.h"

/* A request still failing with this many storage calls made is taken to loop. */
#define FAULT_CALLS_MAX 1000

/* The staff of the world, by user id (the order world_open creates them in). */
#define ADMIN 1
#define CASEWORKER 2
#define CARE_MANAGER 3
#define SUPERVISOR 4
#define THERAPIST 5
/* A number as JSON text inside a body: "{\"owner_id\":" FAULT_ID(CARE_MANAGER) "}". */
#define FAULT_ID(n) FAULT_ID_(n)
#define FAULT_ID_(n) #n

/* One request of a table, and what its success writes. */
struct fault_request {
    int64_t who; /* the caller's user id; 0: nobody signed in (public routes) */
    const char *method;
    const char *pattern;
    int64_t id;           /* the {id} of the path, 0: none */
    const char *key;      /* the {key} of the path, NULL: none */
    int64_t if_match;     /* If-Match version, 0: none */
    const char *idem_key; /* Idempotency-Key, NULL: none */
    bool signed_in;       /* sent with the administrator's sign-in session (world_sign_in) */
    const char *body;     /* JSON text, NULL: no body */
    int status;           /* the successful answer's */
    /* What the success writes, space-separated: "table+N" gains N rows, "table~" has its rows
     * changed in place; every other table stays exactly as it was. "audit_event" means the events
     * of requests that were allowed (a failed request's own event may stand). */
    const char *writes;
    const char *check; /* SQL that gives 1 after the success, NULL: none */
};

/* ---- the database seen from outside (world.h's plain connection) ---------------------------- */

/* No write transaction left open on the store's connection: another one can take the lock. */
static bool fault_write_lock_free(const struct world *w)
{
    sqlite3 *db = world_db(w, SQLITE_OPEN_READWRITE);
    int src = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

    if (src == SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    return src == SQLITE_OK;
}

/* One table's rows as text, and how many. */
struct fault_table {
    char name[64];
    int64_t rows;
    char *text; /* malloc'd */
};

/* Every table of the database but the audit log's, and the events of allowed requests. */
struct fault_snapshot {
    size_t count;
    struct fault_table tables[64];
};

static const char fault_allowed_events[] = "audit_event WHERE outcome = 'allowed'";

static void fault_table_read(sqlite3 *db, const char *name, const char *from, struct fault_table *t)
{
    char sql[160];
    size_t len = 0;
    FILE *out = open_memstream(&t->text, &len);
    sqlite3_stmt *stmt = NULL;

    assert_non_null(out);
    snprintf(t->name, sizeof t->name, "%s", name);
    snprintf(sql, sizeof sql, "SELECT * FROM %s", from);
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("\"%s\": %s", sql, sqlite3_errmsg(db));
    t->rows = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(stmt); c++) {
            const unsigned char *v = sqlite3_column_text(stmt, c);

            fprintf(out, "%s%s", c ? "|" : "", v ? (const char *)v : "NULL");
        }
        fputc('\n', out);
        t->rows++;
    }
    sqlite3_finalize(stmt);
    fclose(out);
}

static void fault_snapshot_take(const struct world *w, struct fault_snapshot *s)
{
    sqlite3 *db = world_db(w, SQLITE_OPEN_READONLY);
    sqlite3_stmt *names = NULL;

    s->count = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE"
                           " 'sqlite%' AND name NOT LIKE 'audit%' ORDER BY name",
                           -1, &names, NULL) != SQLITE_OK)
        fail_msg("list tables: %s", sqlite3_errmsg(db));
    while (sqlite3_step(names) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(names, 0);

        assert_true(s->count + 1 < sizeof s->tables / sizeof s->tables[0]);
        fault_table_read(db, name, name, &s->tables[s->count++]);
    }
    sqlite3_finalize(names);
    fault_table_read(db, "audit_event", fault_allowed_events, &s->tables[s->count++]);
    sqlite3_close(db);
}

static void fault_snapshot_free(struct fault_snapshot *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->tables[i].text);
    s->count = 0;
}

/* The first line of table t that differs between before and after, for the failure message. */
static void fault_print_change(const struct fault_table *before, const struct fault_table *after)
{
    size_t at = 0;

    while (before->text[at] != '\0' && before->text[at] == after->text[at])
        at++;
    while (at > 0 && before->text[at - 1] != '\n')
        at--;
    print_error("%s, first change:\n  before: %.*s\n  after:  %.*s\n", before->name,
                (int)strcspn(before->text + at, "\n"), before->text + at,
                (int)strcspn(after->text + at, "\n"), after->text + at);
}

/* ---- requests ------------------------------------------------------------------------------- */

struct fault_outcome {
    enum sp_code rc;
    int status;
    int64_t calls;   /* storage calls the request made */
    char cookie[80]; /* the session token a sign-in set, "" when none */
};

/* Run req through api_dispatch, with storage calls failing from call fail_from on (persistent)
 * or at it alone; fail_from 0: none fail. */
static struct fault_outcome fault_run(struct world *w, const struct fault_request *req,
                                      int64_t fail_from, bool persistent)
{
    struct fault_outcome out = {0};
    struct api_ctx ctx;
    struct sp_err err = {0};
    const char *body = req->body ? req->body : "";
    const char *cookie;

    world_ctx(w, NULL, &ctx);
    ctx.subject = world_subject(w, ctx.arena, req->who);
    ctx.session_id = req->signed_in ? w->session_id : 0;
    ctx.id = req->id;
    ctx.has_key = req->key != NULL;
    snprintf(ctx.key, sizeof ctx.key, "%s", req->key ? req->key : "");
    ctx.body = req->body ? json_loads(req->body, JSON_REJECT_DUPLICATES, NULL) : NULL;
    if (req->body != NULL && ctx.body == NULL)
        fail_msg("%s %s: the body is not JSON", req->method, req->pattern);
    ctx.has_if_match = req->if_match > 0;
    ctx.if_match = req->if_match;

    if (persistent)
        sql_fault_from(fail_from);
    else
        sql_fault_at(fail_from);
    out.rc = api_dispatch(world_route(req->method, req->pattern), &ctx, req->idem_key, body,
                          strlen(body), &err);
    out.calls = sql_fault_calls();
    sql_fault_at(0);

    if (out.rc == SP_OK && ctx.replayed)
        fail_msg("%s %s was answered from the idempotency store", req->method, req->pattern);
    out.status = ctx.status;
    cookie = ctx.set_cookie ? strchr(ctx.set_cookie, '=') : NULL;
    if (cookie != NULL)
        snprintf(out.cookie, sizeof out.cookie, "%.*s", (int)strcspn(cookie + 1, ";"), cookie + 1);
    json_decref(ctx.body);
    json_decref(ctx.reply);
    sp_arena_free(ctx.arena);
    return out;
}

/* Run req without failures; it must answer its status. */
static struct fault_outcome fault_send(struct world *w, const struct fault_request *req)
{
    struct fault_outcome out = fault_run(w, req, 0, false);

    if (out.rc != SP_OK || out.status != req->status)
        fail_msg("%s %s: %s, status %d (expected %d)", req->method, req->pattern,
                 sp_code_info(out.rc)->name, out.status, req->status);
    return out;
}

/* ---- the world ------------------------------------------------------------------------------ */

/* The staff, created in this order (their ids are ADMIN, CASEWORKER, …). */
static const struct {
    const char *username;
    const char *organisation;
    const char *role;
} fault_staff[] = {
    {"fault.admin", "1082", "administrator"},
    {"fault.caseworker", "657", "caseworker"},
    {"fault.caremanager", "1082", "care_manager"},
    {"fault.supervisor", "1082", "supervising_clinician"},
    {"fault.therapist", "1082", "therapist"},
};

/* Project 1 in Herning (657) and Randers (730) with team 1 in Herning, which every member of staff
 * but the administrator is on. */
static const struct fault_request fault_world_project[] = {
    {ADMIN, "POST", "/api/v1/projects", .status = 201,
     .body = "{\"slug\":\"fault\",\"name\":\"Fault test\",\"description\":\"\",\"period_start\":"
             "\"2026-01-01\",\"period_end\":\"2027-06-30\",\"target_count\":10,\"age_min\":18,"
             "\"age_max\":30,\"municipalities\":[\"657\",\"730\"],\"target_groups\":[\"other\"],"
             "\"instruments\":[\"phq9\",\"gad7\"],\"followup_months\":[3],\"randomised\":false}"},
    {ADMIN, "POST", "/api/v1/teams", .status = 201,
     .body = "{\"project_id\":1,\"municipality_code\":\"657\",\"name\":\"Fault Herning\"}"},
};

/* Citizens 1–3, registered by the caseworker and referred to team 1 (enrolments 1–3). */
static const char *const fault_world_citizens[][2] = {
    {"680302-4994", "Fiktiv Fejl En"},
    {"690402-4993", "Fiktiv Fejl To"},
    {"700502-4992", "Fiktiv Fejl Tre"},
};

/* Send who's request with the body printed from fmt; it must answer status. */
static void fault_sendf(struct world *w, int64_t who, const char *pattern, int64_t id, int status,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void fault_sendf(struct world *w, int64_t who, const char *pattern, int64_t id, int status,
                        const char *fmt, ...)
{
    char body[512];
    va_list ap;
    struct fault_request req = {who, "POST", pattern, .id = id, .status = status, .body = body};

    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    fault_send(w, &req);
}

/* The world every table starts from, made through the API as its users would (the staff, who
 * cannot sign in, straight into the store). */
static void fault_world_open(struct world *w)
{
    struct sp_err err = {0};

    world_open(w);
    for (size_t i = 0; i < sizeof fault_staff / sizeof fault_staff[0]; i++) {
        const char *roles[] = {fault_staff[i].role};
        struct store_user_new nu = {fault_staff[i].username,
                                    fault_staff[i].username,
                                    fault_staff[i].organisation,
                                    "x",
                                    1,
                                    roles};
        int64_t id = 0;

        assert_int_equal(store_user_create(w->st, &nu, WORLD_NOW, &id, &err), SP_OK);
        assert_int_equal(id, (int64_t)i + 1);
    }
    for (size_t i = 0; i < sizeof fault_world_project / sizeof fault_world_project[0]; i++)
        fault_send(w, &fault_world_project[i]);
    for (int64_t user = CASEWORKER; user <= THERAPIST; user++)
        fault_sendf(w, ADMIN, "/api/v1/teams/{id}/members", 1, 200,
                    "{\"user_id\":%lld,\"member\":true}", (long long)user);
    for (size_t i = 0; i < sizeof fault_world_citizens / sizeof fault_world_citizens[0]; i++) {
        fault_sendf(w, CASEWORKER, "/api/v1/citizens", 0, 201,
                    "{\"identifier\":\"%s\",\"identifier_type\":\"erstatning\",\"name\":\"%s\","
                    "\"municipality_code\":\"657\",\"synthetic\":true}",
                    fault_world_citizens[i][0], fault_world_citizens[i][1]);
        fault_sendf(w, CASEWORKER, "/api/v1/enrolments", 0, 201,
                    "{\"project_id\":1,\"citizen_id\":%zu,\"referral_date\":\"2026-09-01\","
                    "\"referral_source\":\"jobcenter\",\"target_group\":\"other\",\"team_id\":1}",
                    i + 1);
    }
    assert_int_equal(world_sql_int(w, "SELECT COUNT(*) FROM enrolment WHERE team_id = 1"), 3);
}

/* The administrator signs in through POST /api/v1/auth/login; w->session_id is the session, as
 * authentication finds it from the cookie. */
static void world_sign_in(struct world *w)
{
    static const char password[] = "fault test password, never used elsewhere";
    static const struct fault_request login = {
        0, "POST", "/api/v1/auth/login", .status = 200,
        .body = "{\"username\":\"fault.admin\",\"password\":\"fault test password, never used "
                "elsewhere\"}"};
    char hash[SP_PASSWORD_HASH_MAX];
    struct api_ctx ctx = {0};
    struct sp_err err = {0};
    struct fault_outcome out;

    assert_true(sp_crypto_password_hash(password, hash));
    assert_int_equal(store_user_set_password(w->st, ADMIN, hash, &err), SP_OK);
    out = fault_send(w, &login);
    ctx.store = w->st;
    ctx.keys = &test_keys;
    ctx.arena = sp_arena_new();
    assert_int_equal(api_authenticate(&ctx, out.cookie, NULL, NULL, false, &err), SP_OK);
    w->session_id = ctx.session_id;
    api_release(&ctx);
    sp_arena_free(ctx.arena);
    assert_true(w->session_id > 0);
}

/* ---- the checks ----------------------------------------------------------------------------- */

/* After a failed request: every table as before, no lock held, the chain intact. */
static void fault_assert_nothing_written(struct world *w, const struct fault_snapshot *before,
                                         const char *when)
{
    struct fault_snapshot after;
    const struct fault_table *changed = NULL;

    fault_snapshot_take(w, &after);
    for (size_t i = 0; i < before->count && changed == NULL; i++)
        if (strcmp(before->tables[i].text, after.tables[i].text) != 0) {
            fault_print_change(&before->tables[i], &after.tables[i]);
            changed = &before->tables[i];
        }
    fault_snapshot_free(&after);
    if (changed != NULL)
        fail_msg("%s wrote to %s", when, changed->name);
    if (!fault_write_lock_free(w))
        fail_msg("%s left a write transaction open", when);
    world_assert_chain_intact(w, when);
}

/* The words of a space-separated list one by one: the next from p on (NULL after the last),
 * *len its length. */
static const char *fault_word(const char *p, size_t *len)
{
    p += strspn(p, " ");
    *len = strcspn(p, " ");
    return *len > 0 ? p : NULL;
}

/* What writes says of table: *grows rows more, or *in_place changed; false when not named. */
static bool fault_named(const char *writes, const char *table, int64_t *grows, bool *in_place)
{
    size_t name = strlen(table);
    size_t len = 0;

    for (const char *p = fault_word(writes, &len); p != NULL; p = fault_word(p + len, &len))
        if (len > name && strncmp(p, table, name) == 0 && (p[name] == '+' || p[name] == '~')) {
            *in_place = p[name] == '~';
            *grows = *in_place ? 0 : strtoll(p + name + 1, NULL, 10);
            return true;
        }
    return false;
}

/* After the success: the tables writes names changed as it says, all others as before. */
static void fault_assert_written(const struct fault_request *req,
                                 const struct fault_snapshot *before,
                                 const struct fault_snapshot *after)
{
    size_t named = 0;
    size_t words = 0;
    size_t len = 0;

    for (size_t i = 0; i < before->count; i++) {
        const struct fault_table *b = &before->tables[i];
        const struct fault_table *a = &after->tables[i];
        bool same = strcmp(b->text, a->text) == 0;
        int64_t grows = 0;
        bool in_place = false;

        if (!fault_named(req->writes, b->name, &grows, &in_place)) {
            if (!same) {
                fault_print_change(b, a);
                fail_msg("%s %s wrote to %s", req->method, req->pattern, b->name);
            }
            continue;
        }
        named++;
        if (in_place && (a->rows != b->rows || same))
            fail_msg("%s %s: %s was not changed in place (%lld rows more)", req->method,
                     req->pattern, b->name, (long long)(a->rows - b->rows));
        if (!in_place && a->rows - b->rows != grows)
            fail_msg("%s %s: %s has %lld rows more, not %lld", req->method, req->pattern, b->name,
                     (long long)(a->rows - b->rows), (long long)grows);
    }
    for (const char *p = fault_word(req->writes, &len); p != NULL; p = fault_word(p + len, &len))
        words++;
    if (words != named)
        fail_msg("%s %s: \"%s\" names a table that is not there", req->method, req->pattern,
                 req->writes);
}

/* ---- the walk ------------------------------------------------------------------------------- */

/* One run with failures from call n (persistent) or at it alone; true when the request
 * succeeded, having made *calls storage calls. A failure must have written nothing. */
static bool fault_try(struct world *w, const struct fault_request *req, int64_t n, bool persistent,
                      const struct fault_snapshot *before, int64_t *calls)
{
    struct fault_outcome out = fault_run(w, req, n, persistent);
    char when[200];

    snprintf(when, sizeof when, "%s %s, failing %s call %lld", req->method, req->pattern,
             persistent ? "from" : "at", (long long)n);
    *calls = out.calls;
    if (out.rc == SP_OK && out.calls >= n)
        fail_msg("%s: the request ignored the failure and succeeded", when);
    if (out.rc == SP_OK && out.status != req->status)
        fail_msg("%s %s answered %d, not %d", req->method, req->pattern, out.status, req->status);
    if (out.rc == SP_OK)
        return true;
    if (out.rc != SP_UNAVAILABLE && out.rc != SP_BUSY)
        fail_msg("%s gave %s, not a clean unavailable or busy", when, sp_code_info(out.rc)->name);
    fault_assert_nothing_written(w, before, when);
    return false;
}

/* Run req failing at call 1, 2, … until it succeeds; returns how many calls could fail. */
static int64_t fault_torture(struct world *w, const struct fault_request *req)
{
    static const char refused[] = "SELECT COUNT(*) FROM audit_event WHERE outcome <> 'allowed'";
    struct fault_snapshot before;
    struct fault_snapshot after;
    int64_t refused_before = world_sql_int(w, refused);
    int64_t calls = 0;
    bool done = false;

    fault_snapshot_take(w, &before);
    for (int64_t n = 1; !done; n++) {
        if (n > FAULT_CALLS_MAX)
            fail_msg("%s %s never succeeded", req->method, req->pattern);
        done = fault_try(w, req, n, true, &before, &calls) ||
               fault_try(w, req, n, false, &before, &calls);
    }
    fault_snapshot_take(w, &after);
    fault_assert_written(req, &before, &after);
    fault_snapshot_free(&before);
    fault_snapshot_free(&after);
    if (req->check != NULL && world_sql_int(w, req->check) != 1)
        fail_msg("%s %s: \"%s\" is not 1", req->method, req->pattern, req->check);
    if (strstr(req->writes, "audit_event") != NULL && world_sql_int(w, refused) == refused_before)
        fail_msg("%s %s: no failed attempt was audited", req->method, req->pattern);
    world_assert_chain_intact(w, "after the success");
    return calls;
}

/* Which test walks the write routes of which audit purpose (routes.c): between the four of
 * them, every API_WRITE route. */
static const struct {
    const char *purpose;
    const char *test;
} fault_owners[] = {
    {"authentication", "fault_test"},       {"case_administration", "fault_test"},
    {"administration", "fault_admin_test"}, {"treatment", "fault_treatment_test"},
    {"joint_plan", "fault_treatment_test"}, {"employment_support", "fault_employers_test"},
    {"employment", "fault_employers_test"},
};

struct fault_suite {
    const char *test; /* its name in fault_owners */
    const struct fault_request *rows;
    size_t count;
};

/* Every write route of the suite's purposes is in its table, and every write route has a suite. */
static void fault_assert_covered(const struct fault_suite *suite)
{
    for (const struct api_route *r = api_routes; r->method != NULL; r++) {
        const char *owner = NULL;
        bool walked = false;

        for (size_t i = 0; i < sizeof fault_owners / sizeof fault_owners[0]; i++)
            if (strcmp(fault_owners[i].purpose, r->purpose) == 0)
                owner = fault_owners[i].test;
        for (size_t i = 0; i < suite->count; i++)
            walked = walked || (strcmp(suite->rows[i].method, r->method) == 0 &&
                                strcmp(suite->rows[i].pattern, r->pattern) == 0);
        if ((r->flags & API_WRITE) && owner == NULL)
            fail_msg("%s %s: no fault test walks the write routes of purpose %s", r->method,
                     r->pattern, r->purpose);
        if ((r->flags & API_WRITE) && strcmp(owner, suite->test) == 0 && !walked)
            fail_msg("%s %s is not in the table of %s", r->method, r->pattern, suite->test);
    }
}

static double fault_seconds_since(const struct timespec *start)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Torture the suite's requests in order on one world (a row may need what an earlier one wrote). */
static void fault_walk(void **state)
{
    const struct fault_suite *suite = *state;
    struct world w;
    struct timespec start;
    int64_t points = 0;

    fault_assert_covered(suite);
    fault_world_open(&w);
    for (size_t i = 0; i < suite->count; i++)
        if (suite->rows[i].signed_in && w.session_id == 0)
            world_sign_in(&w);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (size_t i = 0; i < suite->count; i++) {
        struct timespec began;
        int64_t calls;

        clock_gettime(CLOCK_MONOTONIC, &began);
        calls = fault_torture(&w, &suite->rows[i]);
        points += calls;
        print_message("%-5s %-44s %3lld calls, each failing: %5.2f s\n", suite->rows[i].method,
                      suite->rows[i].pattern, (long long)calls, fault_seconds_since(&began));
    }
    print_message("%zu requests, %lld storage calls failed alone and from there on: %.2f s\n",
                  suite->count, (long long)points, fault_seconds_since(&start));
    world_close(&w);
}

static int fault_main(const char *test, const struct fault_request *rows, size_t count)
{
    static struct fault_suite suite;
    const struct CMUnitTest tests[] = {cmocka_unit_test_prestate(fault_walk, &suite)};

    suite.test = test;
    suite.rows = rows;
    suite.count = count;
    return cmocka_run_group_tests_name(test, tests, NULL, NULL);
}

#endif
