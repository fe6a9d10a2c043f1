/* In-process requests for the api/ unit tests: a fresh migrated SQLite file in a temporary
 * directory with an audit chain started, callers as authentication would load them, and a route
 * run through api_dispatch as http/ runs it after its phases; checks on a plain sqlite3
 * connection of its own, not through the code under test. The fault-injection harness (fault.h)
 * builds on it. Included by one test file each, directly or through fault.h (static functions;
 * inline those a file may not use). */
#ifndef SP_TESTS_API_WORLD_H
#define SP_TESTS_API_WORLD_H

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
#include "store/store.h"

static const struct sp_keys test_keys = {{11, 12}, {13, 14}, {15, 16}};

/* Every request runs at this time, on the Danish date 2026-11-23. */
#define WORLD_NOW "2026-11-23T08:00:00Z"

struct world {
    char dir[64];
    char path[128];
    struct store *st;
    struct sp_arena *arena;
    int64_t session_id; /* the administrator's sign-in (fault.h: world_sign_in), 0: none */
};

/* ---- the database seen from outside, on a plain sqlite3 connection of its own ---------------- */

static sqlite3 *world_db(const struct world *w, int flags)
{
    sqlite3 *db = NULL;

    if (sqlite3_open_v2(w->path, &db, flags, NULL) != SQLITE_OK)
        fail_msg("open %s: %s", w->path, sqlite3_errmsg(db));
    return db;
}

/* The first column of the first row of sql as an integer, or the test fails. */
static int64_t world_sql_int(const struct world *w, const char *sql)
{
    sqlite3 *db = world_db(w, SQLITE_OPEN_READONLY);
    sqlite3_stmt *stmt = NULL;
    int64_t n = -1;

    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    else
        fail_msg("\"%s\": %s", sql, sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

/* ---- the world ------------------------------------------------------------------------------ */

static void world_open(struct world *w)
{
    struct sp_err err = {0};
    int from = 0;
    int to = 0;
    int64_t chain = 0;

    memset(w, 0, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/samspor-api-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    snprintf(w->path, sizeof w->path, "%s/db.sqlite", w->dir);
    assert_int_equal(store_open(w->path, &test_keys, &w->st, &err), SP_OK);
    assert_int_equal(store_migrate(w->st, &from, &to, &err), SP_OK);
    assert_int_equal(audit_chain_start(w->st, &test_keys, "test", &chain, &err), SP_OK);
    w->arena = sp_arena_new();
}

static void world_close(struct world *w)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};

    store_close(w->st);
    sp_arena_free(w->arena);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char p[160];

        snprintf(p, sizeof p, "%s%s", w->path, suffixes[i]);
        unlink(p);
    }
    rmdir(w->dir);
}

/* The audit log verifies; when names the moment in the failure message. */
static void world_assert_chain_intact(struct world *w, const char *when)
{
    struct sp_err err = {0};
    struct sp_arena *arena = sp_arena_new();
    struct audit_report r;

    assert_int_equal(audit_verify(w->st, &test_keys, arena, &r, &err), SP_OK);
    if (r.problem_count != 0)
        fail_msg("%s: audit log broken at %lld: %s", when, (long long)r.problems[0].seq,
                 r.problems[0].reason);
    sp_arena_free(arena);
}

/* ---- requests ------------------------------------------------------------------------------- */

static const char *world_no_query(void *conn, const char *name)
{
    (void)conn;
    (void)name;
    return NULL;
}

static const struct api_route *world_route(const char *method, const char *pattern)
{
    for (const struct api_route *r = api_routes; r->method != NULL; r++)
        if (strcmp(r->method, method) == 0 && strcmp(r->pattern, pattern) == 0)
            return r;
    fail_msg("no route %s %s", method, pattern);
    return NULL;
}

/* User user_id as authentication would load it for a request, in arena (user id 0: nobody). */
static const struct policy_subject *world_subject(struct world *w, struct sp_arena *arena,
                                                  int64_t user_id)
{
    struct user *u = sp_arena_alloc(arena, sizeof *u);
    struct policy_subject *who = sp_arena_alloc(arena, sizeof *who);
    struct sp_err err = {0};

    if (user_id == 0)
        return NULL;
    memset(who, 0, sizeof *who);
    assert_int_equal(store_user_get(w->st, arena, user_id, u, &err), SP_OK);
    who->user = u;
    who->roles = policy_roles_of(u);
    who->may_write = true;
    return who;
}

/* A request's context as http/ hands it to api_dispatch at WORLD_NOW, as who, without query
 * parameters; its arena is new (the caller frees it). */
static void world_ctx(struct world *w, const struct policy_subject *who, struct api_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->store = w->st;
    ctx->keys = &test_keys;
    ctx->arena = sp_arena_new();
    ctx->subject = who;
    ctx->query = world_no_query;
    ctx->status = 200;
    ctx->today = (struct core_date){2026, 11, 23};
    snprintf(ctx->now, sizeof ctx->now, "%s", WORLD_NOW);
}

/* A signed-in caller made through the store: a new user with one role. */
static inline const struct policy_subject *make_subject(struct world *w, const char *username,
                                                        const char *organisation, const char *role)
{
    const char *roles[] = {role};
    struct store_user_new nu = {username, "Test user", organisation, "x", 1, roles};
    struct sp_err err = {0};
    int64_t id = 0;

    assert_int_equal(store_user_create(w->st, &nu, "2026-01-01T00:00:00Z", &id, &err), SP_OK);
    return world_subject(w, w->arena, id);
}

/* What a request was answered: its code, and on success the status, the reply's text (malloc'd)
 * and whether it was a replay; Retry-After either way. */
struct answer {
    enum sp_code rc;
    int status;
    int retry_after_s;
    bool replayed;
    char *body;
};

/* Run method pattern with body_text (and an Idempotency-Key when idem_key is not NULL) as who. */
static inline struct answer world_request(struct world *w, const struct policy_subject *who,
                                          const char *method, const char *pattern,
                                          const char *body_text, const char *idem_key)
{
    struct api_ctx ctx;
    struct sp_err e = {0};
    struct answer a = {0};
    json_error_t jerr;

    world_ctx(w, who, &ctx);
    ctx.body = json_loads(body_text, JSON_REJECT_DUPLICATES, &jerr);
    a.rc = api_dispatch(world_route(method, pattern), &ctx, idem_key, body_text, strlen(body_text),
                        &e);
    a.status = ctx.status;
    a.retry_after_s = ctx.retry_after_s;
    a.replayed = ctx.replayed;
    if (a.rc == SP_OK)
        a.body = ctx.reply_raw ? strdup(ctx.reply_raw) : json_dumps(ctx.reply, JSON_COMPACT);
    json_decref(ctx.body);
    json_decref(ctx.reply);
    sp_arena_free(ctx.arena);
    return a;
}

#endif
