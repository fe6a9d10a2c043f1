/* Fault injection for the administration writes (after fault_test.c and fault_treatment_test.c;
 * docs/code-style.md): changing a project (one storage call that updates the row, drops and
 * rewrites its municipalities and target groups, then the audit event), a new team, a loaded
 * questionnaire translation. Each runs again and again with the Nth storage call failing,
 * N = 1, 2, … until it succeeds; every failure must be a clean busy/unavailable, leave the
 * watched tables as they were, leave no write transaction open and keep the audit chain
 * intact. The project change is also run with a trigger failing its link rewrite half-way, the
 * part no whole-call failure can reach. */
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
#include "core/caseload.h"
#include "policy/policy.h"
#include "store/driver.h"
#include "store/store.h"

#define NOW "2026-11-23T08:00:00Z"

static const struct sp_keys test_keys = {{41, 42}, {43, 44}, {45, 46}};

static const struct store_driver *real;
static struct store_driver faulty;
static int calls;
static int fail_at;

static bool inject(struct sp_err *err)
{
    if (++calls != fail_at)
        return false;
    sp_err_set(err, SP_BUSY, "", "Injected failure.");
    return true;
}

static enum sp_code f_begin_write(struct store *st, struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->begin_write(st, err);
}

static enum sp_code f_commit(struct store *st, struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->commit(st, err);
}

static enum sp_code f_organisation_get(struct store *st, struct sp_arena *arena, const char *code,
                                       struct organisation *out, struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->organisation_get(st, arena, code, out, err);
}

static enum sp_code f_target_group_exists(struct store *st, const char *code, bool *exists,
                                          struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->target_group_exists(st, code, exists, err);
}

static enum sp_code f_project_get(struct store *st, struct sp_arena *arena, int64_t id,
                                  struct project *out, struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->project_get(st, arena, id, out, err);
}

static enum sp_code f_project_update(struct store *st, struct project *p, int64_t if_version,
                                     struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->project_update(st, p, if_version, err);
}

static enum sp_code f_team_list(struct store *st, struct sp_arena *arena, int64_t project_id,
                                const struct store_page *page, struct team **items, size_t *count,
                                bool *more, struct sp_err *err)
{
    return inject(err) ? SP_BUSY
                       : real->team_list(st, arena, project_id, page, items, count, more, err);
}

static enum sp_code f_team_create(struct store *st, struct team *t, struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->team_create(st, t, err);
}

static enum sp_code f_instrument_text_get(struct store *st, struct sp_arena *arena,
                                          const char *instrument, const char *language,
                                          const char **body, bool *found, struct sp_err *err)
{
    return inject(err)
               ? SP_BUSY
               : real->instrument_text_get(st, arena, instrument, language, body, found, err);
}

static enum sp_code f_instrument_text_put(struct store *st, const char *instrument,
                                          const char *language, const char *source,
                                          const char *body, const char *now, struct sp_err *err)
{
    return inject(err)
               ? SP_BUSY
               : real->instrument_text_put(st, instrument, language, source, body, now, err);
}

static enum sp_code f_audit_last(struct store *st, struct sp_arena *arena, int64_t *seq,
                                 const char **hash, struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->audit_last(st, arena, seq, hash, err);
}

static enum sp_code f_audit_insert(struct store *st, const struct audit_event *e,
                                   struct sp_err *err)
{
    return inject(err) ? SP_BUSY : real->audit_insert(st, e, err);
}

static void wrap_driver(void)
{
    faulty = *real;
    faulty.begin_write = f_begin_write;
    faulty.commit = f_commit;
    faulty.organisation_get = f_organisation_get;
    faulty.target_group_exists = f_target_group_exists;
    faulty.project_get = f_project_get;
    faulty.project_update = f_project_update;
    faulty.team_list = f_team_list;
    faulty.team_create = f_team_create;
    faulty.instrument_text_get = f_instrument_text_get;
    faulty.instrument_text_put = f_instrument_text_put;
    faulty.audit_last = f_audit_last;
    faulty.audit_insert = f_audit_insert;
}

/* "Nothing written" means these read the same; a failed request's own audit event may stand. */
static const char *const watched[] = {
    "SELECT * FROM project ORDER BY id",
    "SELECT * FROM project_municipality ORDER BY project_id, position",
    "SELECT * FROM project_target_group ORDER BY project_id, position",
    "SELECT * FROM team ORDER BY id",
    "SELECT * FROM instrument_text ORDER BY instrument, language",
    "SELECT * FROM audit_event WHERE outcome = 'allowed' ORDER BY seq",
};

/* The watched tables as one text, read on a connection of its own (malloc'd). */
static char *dump(const char *path)
{
    size_t cap = 4096;
    size_t len = 0;
    char *out = malloc(cap);
    sqlite3 *db = NULL;

    assert_non_null(out);
    out[0] = '\0';
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        fail_msg("open %s: %s", path, sqlite3_errmsg(db));
    for (size_t i = 0; i < sizeof watched / sizeof watched[0]; i++) {
        sqlite3_stmt *stmt = NULL;

        if (sqlite3_prepare_v2(db, watched[i], -1, &stmt, NULL) != SQLITE_OK)
            fail_msg("prepare %s: %s", watched[i], sqlite3_errmsg(db));
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(stmt); c++) {
                const unsigned char *v = sqlite3_column_text(stmt, c);
                size_t n = strlen(v ? (const char *)v : "NULL") + 2;

                if (len + n + 1 > cap) {
                    cap = (len + n + 1) * 2;
                    out = realloc(out, cap);
                    assert_non_null(out);
                }
                len += (size_t)snprintf(out + len, cap - len, "%s%c", v ? (const char *)v : "NULL",
                                        c + 1 == sqlite3_column_count(stmt) ? '\n' : '|');
            }
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return out;
}

static int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    int64_t n = -1;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    else
        fail_msg("\"%s\": %s", sql, sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

static void sql_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("\"%s\": %s", sql, msg ? msg : sqlite3_errmsg(db));
    sqlite3_close(db);
}

static bool write_lock_free(const char *path)
{
    sqlite3 *db = NULL;
    int src = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

    if (src == SQLITE_OK)
        src = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (src == SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    return src == SQLITE_OK;
}

/* ---- the world: one project in Herning and Randers with a team in Herning, an administrator */

struct world {
    char dir[64];
    char path[128];
    struct store *st;
    struct sp_arena *arena;
    int64_t project_id;
    const struct policy_subject *admin;
};

static void world_open(struct world *w)
{
    static const char *const roles[] = {"administrator"};
    struct project *p;
    struct team t = {.municipality_code = "657", .name = "Fault admin Herning"};
    struct store_user_new nu = {"fault.admin", "Fault admin", "1082", "x", 1, roles};
    struct user *u;
    struct policy_subject *who;
    struct sp_err err = {0};
    int64_t id = 0;
    int from = 0;
    int to = 0;

    memset(w, 0, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/samspor-fault-admin-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    snprintf(w->path, sizeof w->path, "%s/db.sqlite", w->dir);
    assert_int_equal(store_open(w->path, &test_keys, &w->st, &err), SP_OK);
    assert_int_equal(store_migrate(w->st, &from, &to, &err), SP_OK);
    w->arena = sp_arena_new();
    real = w->st->driver;
    wrap_driver();

    p = sp_arena_alloc(w->arena, sizeof *p);
    p->slug = "fault-admin";
    p->name = "Fault admin";
    p->description = "";
    p->region.code = "1082";
    p->period_start = "2026-01-01";
    p->period_end = "2027-06-30";
    p->target_count = 10;
    p->age_min = 18;
    p->age_max = 30;
    p->municipalities[p->municipality_count++].code = "657";
    p->municipalities[p->municipality_count++].code = "730";
    p->target_groups[p->target_group_count++] = "other";
    p->instruments[p->instrument_count++] = "phq9";
    p->followup_months[p->followup_count++] = 3;
    core_project_treatment_default(&p->treatment);
    assert_int_equal(store_project_create(w->st, p, NOW, &err), SP_OK);
    w->project_id = p->id;
    t.project_id = p->id;
    assert_int_equal(store_team_create(w->st, &t, &err), SP_OK);

    u = sp_arena_alloc(w->arena, sizeof *u);
    who = sp_arena_alloc(w->arena, sizeof *who);
    assert_int_equal(store_user_create(w->st, &nu, NOW, &id, &err), SP_OK);
    assert_int_equal(store_user_get(w->st, w->arena, id, u, &err), SP_OK);
    who->user = u;
    who->roles = policy_roles_of(u);
    who->may_write = true;
    w->admin = who;
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

struct request {
    const char *method;
    const char *pattern;
    int64_t id;       /* the {id} of the path */
    const char *key;  /* the {key} of the path, or NULL */
    const char *body; /* JSON text */
    int64_t if_match; /* 0: none */
};

static const struct api_route *route_for(const char *method, const char *pattern)
{
    for (const struct api_route *r = api_routes; r->method != NULL; r++)
        if (strcmp(r->method, method) == 0 && strcmp(r->pattern, pattern) == 0)
            return r;
    fail_msg("no route %s %s", method, pattern);
    return NULL;
}

static const char *no_query(void *conn, const char *name)
{
    (void)conn;
    (void)name;
    return NULL;
}

static enum sp_code run(struct world *w, const struct request *req)
{
    struct api_ctx ctx = {0};
    struct sp_err e = {0};
    json_error_t jerr;
    enum sp_code rc;

    calls = 0;
    ctx.store = w->st;
    ctx.keys = &test_keys;
    ctx.arena = sp_arena_new();
    ctx.subject = w->admin;
    ctx.id = req->id;
    if (req->key != NULL) {
        snprintf(ctx.key, sizeof ctx.key, "%s", req->key);
        ctx.has_key = true;
    }
    ctx.body = json_loads(req->body, JSON_REJECT_DUPLICATES, &jerr);
    assert_non_null(ctx.body);
    ctx.has_if_match = req->if_match > 0;
    ctx.if_match = req->if_match;
    ctx.query = no_query;
    ctx.status = 200;
    ctx.today = (struct core_date){2026, 11, 23};
    snprintf(ctx.now, sizeof ctx.now, NOW);
    rc = api_dispatch(route_for(req->method, req->pattern), &ctx, NULL, req->body,
                      strlen(req->body), &e);
    json_decref(ctx.body);
    json_decref(ctx.reply);
    sp_arena_free(ctx.arena);
    return rc;
}

static void assert_chain_intact(struct world *w, const char *when)
{
    const struct store_driver *was = w->st->driver;
    struct sp_err err = {0};
    int64_t checked = 0;
    int64_t broken = 0;
    const char *reason = NULL;

    w->st->driver = real;
    assert_int_equal(audit_verify(w->st, &test_keys, &checked, &broken, &reason, &err), SP_OK);
    w->st->driver = was;
    if (broken != 0)
        fail_msg("%s: audit chain broken at %lld: %s", when, (long long)broken, reason);
}

static void assert_nothing_written(struct world *w, const char *before, const char *when)
{
    char *after = dump(w->path);

    if (strcmp(before, after) != 0) {
        print_error("before:\n%s\nafter:\n%s\n", before, after);
        free(after);
        fail_msg("%s left rows behind", when);
    }
    free(after);
    if (!write_lock_free(w->path))
        fail_msg("%s left a write transaction open", when);
    assert_chain_intact(w, when);
}

/* Run req failing the 1st, 2nd, … storage call until it succeeds; the number of failures. */
static int torture(struct world *w, const struct request *req)
{
    char *before = dump(w->path);
    int failures = 0;
    enum sp_code rc = SP_INTERNAL;

    w->st->driver = &faulty;
    for (fail_at = 1; fail_at < 100 && rc != SP_OK; fail_at++) {
        char when[160];

        rc = run(w, req);
        if (rc == SP_OK)
            break;
        failures++;
        snprintf(when, sizeof when, "%s %s, failure at call %d", req->method, req->pattern,
                 fail_at);
        if (rc != SP_BUSY && rc != SP_UNAVAILABLE)
            fail_msg("%s gave %s, not a clean busy/unavailable", when, sp_code_info(rc)->name);
        assert_nothing_written(w, before, when);
    }
    w->st->driver = real;
    free(before);
    if (rc != SP_OK)
        fail_msg("%s %s never succeeded", req->method, req->pattern);
    assert_chain_intact(w, "after the successful run");
    return failures;
}

/* ---- tests --------------------------------------------------------------------------------- */

static const char project_change[] =
    "{\"name\":\"Fault admin, renamed\",\"municipalities\":[\"730\",\"657\",\"706\"],"
    "\"target_groups\":[\"sygedagpenge\",\"other\"],\"treatment_settings\":{\"no_contact_days\":"
    "21}}";

/* The change's row, its municipalities and its target groups go in together or not at all. */
static void failing_project_change_writes_nothing(void **state)
{
    struct world w;
    struct request req = {"PATCH", "/api/v1/projects/{id}", 0, NULL, project_change, 1};
    int failures;

    (void)state;
    world_open(&w);
    req.id = w.project_id;
    failures = torture(&w, &req);
    assert_true(failures >= 6);
    assert_int_equal(sql_int(w.path, "SELECT version FROM project"), 2);
    assert_int_equal(sql_int(w.path, "SELECT no_contact_days FROM project"), 21);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM project_municipality"), 3);
    assert_int_equal(sql_int(w.path,
                             "SELECT position FROM project_municipality WHERE municipality_code = "
                             "'706'"),
                     2);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM project_target_group"), 2);
    assert_int_equal(sql_int(w.path,
                             "SELECT COUNT(*) FROM audit_event WHERE action = 'project_change' AND "
                             "outcome = 'allowed'"),
                     1);
    print_message("PATCH /api/v1/projects/{id}: %d injected failures, then one change\n", failures);
    world_close(&w);
}

/* A failure after the project row was updated and the old links dropped, while the new ones
 * are written: the row and the old links must be back as they were. */
static void project_change_failing_half_way_writes_nothing(void **state)
{
    static const char *const triggers[] = {
        "CREATE TRIGGER fault_inside BEFORE INSERT ON project_municipality"
        " WHEN NEW.municipality_code = '706' BEGIN SELECT RAISE(ABORT, 'injected'); END",
        "CREATE TRIGGER fault_inside BEFORE INSERT ON project_target_group"
        " BEGIN SELECT RAISE(ABORT, 'injected'); END",
    };
    struct world w;
    struct request req = {"PATCH", "/api/v1/projects/{id}", 0, NULL, project_change, 1};

    (void)state;
    world_open(&w);
    req.id = w.project_id;
    for (size_t i = 0; i < sizeof triggers / sizeof triggers[0]; i++) {
        char *before = dump(w.path);
        enum sp_code rc;

        sql_exec(w.path, triggers[i]);
        rc = run(&w, &req);
        sql_exec(w.path, "DROP TRIGGER fault_inside");
        if (rc != SP_INTERNAL)
            fail_msg("trigger %zu: %s, not a clean database error", i, sp_code_info(rc)->name);
        assert_nothing_written(&w, before, "a link insert failing");
        free(before);
    }
    assert_int_equal(sql_int(w.path, "SELECT version FROM project"), 1);
    assert_int_equal(run(&w, &req), SP_OK);
    assert_int_equal(sql_int(w.path, "SELECT version FROM project"), 2);
    world_close(&w);
}

static void failing_team_create_writes_nothing(void **state)
{
    struct world w;
    char body[128];
    struct request req = {"POST", "/api/v1/teams", 0, NULL, body, 0};
    int failures;

    (void)state;
    world_open(&w);
    snprintf(body, sizeof body,
             "{\"project_id\":%lld,\"municipality_code\":\"730\",\"name\":\"Fault Randers\"}",
             (long long)w.project_id);
    failures = torture(&w, &req);
    assert_true(failures >= 4);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM team"), 2);
    print_message("POST /api/v1/teams: %d injected failures, then one team\n", failures);
    world_close(&w);
}

static void failing_text_load_writes_nothing(void **state)
{
    /* A file in the shape of data/instruments/README.md for GAD-7 (fixture text, not a
     * translation). */
    static const char body[] =
        "{\"instrument\":\"gad7\",\"language\":\"da\",\"source\":\"Fault test fixture, not a "
        "translation\",\"status\":\"TEST\",\"licence\":\"Test only\",\"stem\":null,"
        "\"items\":{\"1\":\"a\",\"2\":\"b\",\"3\":\"c\",\"4\":\"d\",\"5\":\"e\",\"6\":\"f\","
        "\"7\":\"g\"},\"answers\":{\"0\":\"w\",\"1\":\"x\",\"2\":\"y\",\"3\":\"z\"}}";
    struct world w;
    struct request req = {"POST", "/api/v1/instruments/{key}/texts", 0, "gad7", body, 0};
    int failures;

    (void)state;
    world_open(&w);
    failures = torture(&w, &req);
    assert_true(failures >= 4);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM instrument_text"), 1);
    assert_int_equal(
        sql_int(w.path, "SELECT COUNT(*) FROM audit_event WHERE action = 'instruments_load' AND "
                        "outcome = 'allowed'"),
        1);
    print_message("POST /api/v1/instruments/{key}/texts: %d injected failures, then one text\n",
                  failures);
    world_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(failing_project_change_writes_nothing),
        cmocka_unit_test(project_change_failing_half_way_writes_nothing),
        cmocka_unit_test(failing_team_create_writes_nothing),
        cmocka_unit_test(failing_text_load_writes_nothing),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
