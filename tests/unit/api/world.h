/* In-process requests for the api/ unit tests: a fresh migrated SQLite file in a temporary
 * directory, signed-in subjects made through the store, and a route run through api_dispatch as
 * http/ runs it after its phases. Included by one test file each (static functions). */
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

struct world {
    char dir[64];
    char path[128];
    struct store *st;
    struct sp_arena *arena;
};

/* One integer from SQL on a plain read-only sqlite3 connection: a check that does not go
 * through the code under test. -1 when it cannot be read. */
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

static void world_open(struct world *w)
{
    struct sp_err err = {0};
    int from = 0;
    int to = 0;
    int64_t chain = 0;

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
    struct store_user_new nu = {username, "Test user", organisation, "x", 1, roles};
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

/* What a request was answered: its code, and on success the status, the reply's text (malloc'd)
 * and whether it was a replay; Retry-After either way. */
struct answer {
    enum sp_code rc;
    int status;
    int retry_after_s;
    bool replayed;
    char *body;
};

/* Run method pattern with body_text (and an Idempotency-Key when idem_key is not NULL) as who,
 * on 2026-11-23. */
static struct answer world_request(struct world *w, const struct policy_subject *who,
                                   const char *method, const char *pattern, const char *body_text,
                                   const char *idem_key)
{
    struct api_ctx ctx = {0};
    struct sp_err e = {0};
    struct answer a = {0};
    json_error_t jerr;

    ctx.store = w->st;
    ctx.keys = &test_keys;
    ctx.arena = sp_arena_new();
    ctx.subject = who;
    ctx.body = json_loads(body_text, JSON_REJECT_DUPLICATES, &jerr);
    ctx.query = no_query;
    ctx.status = 200;
    ctx.today = (struct core_date){2026, 11, 23};
    snprintf(ctx.now, sizeof ctx.now, "2026-11-23T08:00:00Z");
    a.rc =
        api_dispatch(route_for(method, pattern), &ctx, idem_key, body_text, strlen(body_text), &e);
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
