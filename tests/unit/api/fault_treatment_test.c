/* Fault injection for the treatment track's multi-statement writes (after fault_test.c;
 * docs/code-style.md). Each write runs again and again with the Nth storage call failing
 * (SQLITE_BUSY's code), N = 1, 2, … until it succeeds, each N both alone and with every later call
 * failing too (SQLite's transient and persistent faults). Every failure must give a clean error
 * (busy or unavailable, never SP_OK with half a write), leave every watched table as it was, leave
 * no write transaction open and keep the audit chain intact; the first run that gets through writes
 * exactly what one request should.
 *
 * A storage call that runs two statements (a correction: insert, then mark the old row
 * replaced; a case review: the review, then its task) cannot be split by failing whole calls,
 * so each of those is also run once with a trigger that makes its second statement fail. */
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

static const struct sp_keys test_keys = {{31, 32}, {33, 34}, {35, 36}};

#define NOW "2026-11-23T08:00:00Z"
#define TRACE_MAX 64

/* The real driver, and a copy whose calls can fail; trace names the calls of the last run. */
static const struct store_driver *real;
static struct store_driver faulty;
static int calls;
static int fail_at;
static bool persistent; /* every call from fail_at on fails, not only that one */
static int persistent_failures;
static const char *trace[TRACE_MAX];

static bool inject(const char *name, struct sp_err *err)
{
    if (calls < TRACE_MAX)
        trace[calls] = name;
    if (++calls != fail_at && !(persistent && calls > fail_at))
        return false;
    sp_err_set(err, SP_BUSY, "", "Injected failure in %s.", name);
    return true;
}

static enum sp_code f_begin_write(struct store *st, struct sp_err *err)
{
    return inject("begin_write", err) ? SP_BUSY : real->begin_write(st, err);
}

static enum sp_code f_begin_read(struct store *st, struct sp_err *err)
{
    return inject("begin_read", err) ? SP_BUSY : real->begin_read(st, err);
}

static enum sp_code f_commit(struct store *st, struct sp_err *err)
{
    return inject("commit", err) ? SP_BUSY : real->commit(st, err);
}

static enum sp_code f_enrolment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                    struct enrolment *out, struct sp_err *err)
{
    return inject("enrolment_get", err) ? SP_BUSY : real->enrolment_get(st, arena, id, out, err);
}

static enum sp_code f_enrolment_member_add(struct store *st, int64_t enrolment_id, int64_t user_id,
                                           const char *role, struct sp_err *err)
{
    return inject("enrolment_member_add", err)
               ? SP_BUSY
               : real->enrolment_member_add(st, enrolment_id, user_id, role, err);
}

static enum sp_code f_idempotent_get(struct store *st, struct sp_arena *arena, const char *key_hash,
                                     int64_t not_before, bool *found, struct store_idempotent *out,
                                     struct sp_err *err)
{
    return inject("idempotent_get", err)
               ? SP_BUSY
               : real->idempotent_get(st, arena, key_hash, not_before, found, out, err);
}

static enum sp_code f_idempotent_put(struct store *st, const char *key_hash,
                                     const struct store_idempotent *rec, int64_t now,
                                     int64_t expire_before, struct sp_err *err)
{
    return inject("idempotent_put", err)
               ? SP_BUSY
               : real->idempotent_put(st, key_hash, rec, now, expire_before, err);
}

static enum sp_code f_user_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct user *out, struct sp_err *err)
{
    return inject("user_get", err) ? SP_BUSY : real->user_get(st, arena, id, out, err);
}

static enum sp_code f_consent_in_force(struct store *st, int64_t enrolment_id, const char *scope,
                                       bool *given, struct sp_err *err)
{
    return inject("consent_in_force", err)
               ? SP_BUSY
               : real->consent_in_force(st, enrolment_id, scope, given, err);
}

static enum sp_code f_audit_last(struct store *st, struct sp_arena *arena, int64_t *seq,
                                 const char **hash, struct sp_err *err)
{
    return inject("audit_last", err) ? SP_BUSY : real->audit_last(st, arena, seq, hash, err);
}

static enum sp_code f_audit_insert(struct store *st, const struct audit_event *e,
                                   struct sp_err *err)
{
    return inject("audit_insert", err) ? SP_BUSY : real->audit_insert(st, e, err);
}

static enum sp_code f_citizen_places(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                     struct citizen_place *places, size_t *count,
                                     struct sp_err *err)
{
    return inject("citizen_places", err)
               ? SP_BUSY
               : real->citizen_places(st, arena, citizen_id, places, count, err);
}

static enum sp_code f_enrolment_place(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, int64_t *citizen_id,
                                      struct citizen_place *place, struct sp_err *err)
{
    return inject("enrolment_place", err)
               ? SP_BUSY
               : real->enrolment_place(st, arena, enrolment_id, citizen_id, place, err);
}

static enum sp_code f_assessment_add(struct store *st, struct assessment *a, struct sp_err *err)
{
    return inject("assessment_add", err) ? SP_BUSY : real->assessment_add(st, a, err);
}

static enum sp_code f_assessment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                     struct assessment *out, struct sp_err *err)
{
    return inject("assessment_get", err) ? SP_BUSY : real->assessment_get(st, arena, id, out, err);
}

static enum sp_code f_assessment_list(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, const struct store_page *page,
                                      struct assessment **items, size_t *count, bool *more,
                                      struct sp_err *err)
{
    return inject("assessment_list", err)
               ? SP_BUSY
               : real->assessment_list(st, arena, enrolment_id, page, items, count, more, err);
}

static enum sp_code f_plan_get(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                               struct treatment_plan *out, struct sp_err *err)
{
    return inject("plan_get", err) ? SP_BUSY : real->plan_get(st, arena, enrolment_id, out, err);
}

static enum sp_code f_plan_put(struct store *st, struct treatment_plan *p, int64_t expected_version,
                               struct sp_err *err)
{
    return inject("plan_put", err) ? SP_BUSY : real->plan_put(st, p, expected_version, err);
}

static enum sp_code f_case_review_add(struct store *st, struct case_review *r, struct sp_err *err)
{
    return inject("case_review_add", err) ? SP_BUSY : real->case_review_add(st, r, err);
}

static enum sp_code f_case_review_list(struct store *st, struct sp_arena *arena,
                                       int64_t enrolment_id, const struct store_page *page,
                                       struct case_review **items, size_t *count, bool *more,
                                       struct sp_err *err)
{
    return inject("case_review_list", err)
               ? SP_BUSY
               : real->case_review_list(st, arena, enrolment_id, page, items, count, more, err);
}

static enum sp_code f_enrolment_team_people(struct store *st, struct sp_arena *arena,
                                            int64_t enrolment_id, const struct store_page *page,
                                            struct team_person **items, size_t *count, bool *more,
                                            struct sp_err *err)
{
    return inject("enrolment_team_people", err)
               ? SP_BUSY
               : real->enrolment_team_people(st, arena, enrolment_id, page, items, count, more,
                                             err);
}

static enum sp_code f_caseload(struct store *st, struct sp_arena *arena, int64_t user_id,
                               enum store_caseload_scope scope, struct store_caseload_row **rows,
                               size_t *count, struct sp_err *err)
{
    return inject("caseload", err) ? SP_BUSY
                                   : real->caseload(st, arena, user_id, scope, rows, count, err);
}

/* Case work (migration 0010): assignments, endings and reopenings, tasks marked done. */
static enum sp_code f_enrolment_update(struct store *st, struct enrolment *e, int64_t if_version,
                                       struct sp_err *err)
{
    return inject("enrolment_update", err) ? SP_BUSY
                                           : real->enrolment_update(st, e, if_version, err);
}

static enum sp_code f_enrolment_touch(struct store *st, int64_t id, int64_t if_version,
                                      int64_t *version, struct sp_err *err)
{
    return inject("enrolment_touch", err) ? SP_BUSY
                                          : real->enrolment_touch(st, id, if_version, version, err);
}

static enum sp_code f_assignment_list(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, struct assignment **items,
                                      size_t *count, struct sp_err *err)
{
    return inject("assignment_list", err)
               ? SP_BUSY
               : real->assignment_list(st, arena, enrolment_id, items, count, err);
}

static enum sp_code f_assignment_set(struct store *st, int64_t enrolment_id, const char *role,
                                     int64_t user_id, int64_t by, const char *now,
                                     struct sp_err *err)
{
    return inject("assignment_set", err)
               ? SP_BUSY
               : real->assignment_set(st, enrolment_id, role, user_id, by, now, err);
}

static enum sp_code f_status_change_add(struct store *st, struct status_change *c,
                                        struct sp_err *err)
{
    return inject("status_change_add", err) ? SP_BUSY : real->status_change_add(st, c, err);
}

static enum sp_code f_status_change_list(struct store *st, struct sp_arena *arena,
                                         int64_t enrolment_id, struct status_change **items,
                                         size_t *count, struct sp_err *err)
{
    return inject("status_change_list", err)
               ? SP_BUSY
               : real->status_change_list(st, arena, enrolment_id, items, count, err);
}

static enum sp_code f_task_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct task *out, struct sp_err *err)
{
    return inject("task_get", err) ? SP_BUSY : real->task_get(st, arena, id, out, err);
}

static enum sp_code f_task_set_done(struct store *st, int64_t id, int64_t if_version,
                                    int64_t done_by, const char *now, int64_t *version,
                                    struct sp_err *err)
{
    return inject("task_set_done", err)
               ? SP_BUSY
               : real->task_set_done(st, id, if_version, done_by, now, version, err);
}

/* Every member a treatment write can reach (the rest of the copy is the real driver's). */
static void wrap_driver(void)
{
    faulty = *real;
    faulty.begin_write = f_begin_write;
    faulty.begin_read = f_begin_read;
    faulty.commit = f_commit;
    faulty.enrolment_get = f_enrolment_get;
    faulty.enrolment_member_add = f_enrolment_member_add;
    faulty.idempotent_get = f_idempotent_get;
    faulty.idempotent_put = f_idempotent_put;
    faulty.user_get = f_user_get;
    faulty.consent_in_force = f_consent_in_force;
    faulty.audit_last = f_audit_last;
    faulty.audit_insert = f_audit_insert;
    faulty.citizen_places = f_citizen_places;
    faulty.enrolment_place = f_enrolment_place;
    faulty.assessment_add = f_assessment_add;
    faulty.assessment_get = f_assessment_get;
    faulty.assessment_list = f_assessment_list;
    faulty.plan_get = f_plan_get;
    faulty.plan_put = f_plan_put;
    faulty.case_review_add = f_case_review_add;
    faulty.case_review_list = f_case_review_list;
    faulty.enrolment_team_people = f_enrolment_team_people;
    faulty.caseload = f_caseload;
    faulty.enrolment_update = f_enrolment_update;
    faulty.enrolment_touch = f_enrolment_touch;
    faulty.assignment_list = f_assignment_list;
    faulty.assignment_set = f_assignment_set;
    faulty.status_change_add = f_status_change_add;
    faulty.status_change_list = f_status_change_list;
    faulty.task_get = f_task_get;
    faulty.task_set_done = f_task_set_done;
}

/* ---- the database seen from outside -------------------------------------------------------- */

/* Every table a treatment write may touch, whole: "nothing written" means these read the same.
 * A refused or failed request's own audit event (outcome busy, internal, …) may stand. */
static const char *const watched[] = {
    "SELECT * FROM assessment ORDER BY id",
    "SELECT * FROM case_review ORDER BY id",
    "SELECT * FROM task ORDER BY id",
    "SELECT * FROM treatment_plan ORDER BY enrolment_id",
    "SELECT * FROM enrolment_member ORDER BY enrolment_id, user_id, role",
    "SELECT * FROM enrolment ORDER BY id",
    "SELECT * FROM enrolment_status_change ORDER BY id",
    "SELECT * FROM idempotency ORDER BY key_hash",
    "SELECT * FROM audit_event WHERE outcome = 'allowed' ORDER BY seq",
};

struct text {
    char *s;
    size_t len;
    size_t cap;
};

static void text_add(struct text *t, const char *s)
{
    size_t n = strlen(s);

    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->len, s, n + 1);
    t->len += n;
}

/* The watched tables as one text, read on a connection of its own. */
static char *dump(const char *path)
{
    struct text t = {0};
    sqlite3 *db = NULL;

    text_add(&t, "");
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        fail_msg("open %s: %s", path, sqlite3_errmsg(db));
    for (size_t i = 0; i < sizeof watched / sizeof watched[0]; i++) {
        sqlite3_stmt *stmt = NULL;

        if (sqlite3_prepare_v2(db, watched[i], -1, &stmt, NULL) != SQLITE_OK)
            fail_msg("prepare %s: %s", watched[i], sqlite3_errmsg(db));
        text_add(&t, watched[i]);
        text_add(&t, "\n");
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(stmt); c++) {
                const unsigned char *v = sqlite3_column_text(stmt, c);

                text_add(&t, c ? "|" : "  ");
                text_add(&t, v ? (const char *)v : "NULL");
            }
            text_add(&t, "\n");
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return t.s;
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

/* No write transaction left open on the store's connection: another one can take the lock. */
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

/* ---- the world: one project, one team with its health staff, three citizens enrolled -------- */

struct world {
    char dir[64];
    char path[128];
    struct store *st;
    struct sp_arena *arena;
    int64_t team_id;
    const struct policy_subject *care_manager;
    const struct policy_subject *supervisor;
    int64_t enrolments[3];
};

static const struct policy_subject *add_staff(struct world *w, const char *username,
                                              const char *display, const char *role)
{
    const char **roles = sp_arena_alloc(w->arena, sizeof *roles);
    struct store_user_new nu = {username, display, "1082", "x", 1, roles};
    struct user *u = sp_arena_alloc(w->arena, sizeof *u);
    struct policy_subject *who = sp_arena_alloc(w->arena, sizeof *who);
    struct sp_err err = {0};
    int64_t id = 0;

    roles[0] = role;
    assert_int_equal(store_user_create(w->st, &nu, NOW, &id, &err), SP_OK);
    assert_int_equal(store_team_member_add(w->st, w->team_id, id, &err), SP_OK);
    assert_int_equal(store_user_get(w->st, w->arena, id, u, &err), SP_OK);
    who->user = u;
    who->roles = policy_roles_of(u);
    who->may_write = true;
    return who;
}

static int64_t add_enrolment(struct world *w, int64_t project_id, const char *identifier,
                             const char *birth, const char *name)
{
    struct citizen c = {.identifier_type = "erstatning",
                        .identifier = identifier,
                        .birth_date = birth,
                        .name = name,
                        .municipality_code = "657",
                        .synthetic = true};
    struct enrolment e = {.project_id = project_id,
                          .team_id = w->team_id,
                          .referral_date = "2026-09-01",
                          .referral_source = "jobcenter",
                          .target_group = "other",
                          .status = "active"};
    struct sp_err err = {0};

    assert_int_equal(store_citizen_create(w->st, &c, NOW, &err), SP_OK);
    e.citizen_id = c.id;
    assert_int_equal(store_enrolment_create(w->st, &e, NOW, &err), SP_OK);
    return e.id;
}

static void world_open(struct world *w)
{
    struct project *p;
    struct team t = {.municipality_code = "657", .name = "Fault team Herning"};
    struct sp_err err = {0};
    int from = 0;
    int to = 0;

    memset(w, 0, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/samspor-fault-treatment-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    snprintf(w->path, sizeof w->path, "%s/db.sqlite", w->dir);
    assert_int_equal(store_open(w->path, &test_keys, &w->st, &err), SP_OK);
    assert_int_equal(store_migrate(w->st, &from, &to, &err), SP_OK);
    w->arena = sp_arena_new();
    real = w->st->driver;
    wrap_driver();

    p = sp_arena_alloc(w->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    p->slug = "fault-treatment";
    p->name = "Fault treatment";
    p->description = "";
    p->region.code = "1082";
    p->period_start = "2026-01-01";
    p->period_end = "2027-06-30";
    p->target_count = 10;
    p->age_min = 18;
    p->age_max = 30;
    p->municipalities[p->municipality_count++].code = "657";
    p->target_groups[p->target_group_count++] = "other";
    p->instruments[p->instrument_count++] = "phq9";
    p->instruments[p->instrument_count++] = "gad7";
    p->followup_months[p->followup_count++] = 3;
    core_project_treatment_default(&p->treatment);
    assert_int_equal(store_project_create(w->st, p, NOW, &err), SP_OK);
    t.project_id = p->id;
    assert_int_equal(store_team_create(w->st, &t, &err), SP_OK);
    w->team_id = t.id;
    w->care_manager = add_staff(w, "fault.caremanager", "Care manager (fault)", "care_manager");
    w->supervisor = add_staff(w, "fault.supervisor", "Supervisor (fault)", "supervising_clinician");
    w->enrolments[0] = add_enrolment(w, p->id, "6803024994", "2002-03-08", "Fiktiv Fejl En");
    w->enrolments[1] = add_enrolment(w, p->id, "6904024993", "2002-04-09", "Fiktiv Fejl To");
    w->enrolments[2] = add_enrolment(w, p->id, "7005024992", "2002-05-10", "Fiktiv Fejl Tre");
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

/* ---- requests ------------------------------------------------------------------------------ */

struct request {
    const struct policy_subject *who;
    const char *method;
    const char *pattern;
    int64_t id;           /* the {id} of the path */
    const char *body;     /* JSON text */
    const char *idem_key; /* Idempotency-Key, or NULL */
    int64_t if_match;     /* If-Match version, 0: none */
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

/* One request through api_dispatch on the store's current driver; *status gets the answer's. */
static enum sp_code run(struct world *w, const struct request *req, int *status)
{
    struct api_ctx ctx = {0};
    struct sp_err e = {0};
    json_error_t jerr;
    enum sp_code rc;

    calls = 0;
    ctx.store = w->st;
    ctx.keys = &test_keys;
    ctx.arena = sp_arena_new();
    ctx.subject = req->who;
    ctx.id = req->id;
    ctx.body = json_loads(req->body, JSON_REJECT_DUPLICATES, &jerr);
    assert_non_null(ctx.body);
    ctx.has_if_match = req->if_match > 0;
    ctx.if_match = req->if_match;
    ctx.query = no_query;
    ctx.status = 200;
    ctx.today = (struct core_date){2026, 11, 23};
    snprintf(ctx.now, sizeof ctx.now, NOW);
    rc = api_dispatch(route_for(req->method, req->pattern), &ctx, req->idem_key, req->body,
                      strlen(req->body), &e);
    if (rc == SP_OK && ctx.replayed)
        fail_msg("%s %s was answered from the idempotency store", req->method, req->pattern);
    *status = ctx.status;
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

/* After a failed run: the watched tables as before, no lock held, the chain intact. */
static void assert_nothing_written(struct world *w, const char *before, const char *when)
{
    char *after = dump(w->path);

    if (strcmp(before, after) != 0) {
        size_t at = 0;
        size_t table = 0;

        while (before[at] == after[at])
            at++;
        while (at > 0 && before[at - 1] != '\n')
            at--;
        for (size_t i = 0; i < at; i++)
            if (i == 0 || (after[i - 1] == '\n' && after[i] == 'S'))
                table = i;
        print_error("first change under %.*s\n  before: %.*s\n  after:  %.*s\n",
                    (int)strcspn(after + table, "\n"), after + table,
                    (int)strcspn(before + at, "\n"), before + at, (int)strcspn(after + at, "\n"),
                    after + at);
        free(after);
        fail_msg("%s left rows behind", when);
    }
    free(after);
    if (!write_lock_free(w->path))
        fail_msg("%s left a write transaction open", when);
    assert_chain_intact(w, when);
}

/* Run req failing the 1st, 2nd, … storage call until it succeeds; returns the number of failures
 * and the successful run's status. As in SQLite's do_faultsim_test, each N runs twice: with
 * every call from the Nth on failing (persistent: the audit write after the rollback fails too,
 * counted in persistent_failures), then with the Nth alone failing (transient). */
static int torture(struct world *w, const struct request *req, int *status)
{
    char *before = dump(w->path);
    int failures = 0;
    enum sp_code rc = SP_INTERNAL;

    persistent_failures = 0;
    w->st->driver = &faulty;
    for (fail_at = 1; fail_at < 100 && rc != SP_OK; fail_at++) {
        for (int mode = 0; mode < 2 && rc != SP_OK; mode++) {
            char when[200];

            persistent = mode == 0;
            rc = run(w, req, status);
            if (rc == SP_OK)
                break;
            if (persistent)
                persistent_failures++;
            else
                failures++;
            snprintf(when, sizeof when, "%s %s, %s failure from call %d (%s)", req->method,
                     req->pattern, persistent ? "persistent" : "transient", fail_at,
                     fail_at <= TRACE_MAX ? trace[fail_at - 1] : "?");
            if (rc != SP_BUSY && rc != SP_UNAVAILABLE)
                fail_msg("%s gave %s, not a clean busy/unavailable", when, sp_code_info(rc)->name);
            assert_nothing_written(w, before, when);
        }
    }
    persistent = false;
    w->st->driver = real;
    free(before);
    if (failures > 0 &&
        sql_int(w->path, "SELECT COUNT(*) FROM audit_event WHERE outcome <> 'allowed'") == 0)
        fail_msg("%s %s: no failed attempt was audited", req->method, req->pattern);
    if (rc != SP_OK)
        fail_msg("%s %s never succeeded", req->method, req->pattern);
    assert_chain_intact(w, "after the successful run");
    return failures;
}

/* Was `name` among the storage calls of the last run (the successful one after torture)? */
static void assert_called(const char *name)
{
    for (int i = 0; i < calls && i < TRACE_MAX; i++)
        if (strcmp(trace[i], name) == 0)
            return;
    fail_msg("the request never called %s: the wrappers miss a path", name);
}

static void print_trace(const struct request *req, int failures)
{
    char line[1024];
    size_t used = 0;

    line[0] = '\0';
    for (int i = 0; i < calls && i < TRACE_MAX && used < sizeof line; i++)
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%s", i ? " " : "", trace[i]);
    print_message("%s %s: %d transient and %d persistent injected failures, then success; "
                  "calls: %s\n",
                  req->method, req->pattern, failures, persistent_failures, line);
}

/* Run req once with a trigger making one statement inside a storage call fail (the second of
 * two); it must fail cleanly (SP_INTERNAL: a database error) and write nothing. */
static void fail_inside(struct world *w, const struct request *req, const char *trigger,
                        const char *what)
{
    char *before = dump(w->path);
    char when[160];
    int status = 0;
    enum sp_code rc;

    sql_exec(w->path, trigger);
    w->st->driver = real;
    rc = run(w, req, &status);
    sql_exec(w->path, "DROP TRIGGER fault_inside");
    snprintf(when, sizeof when, "%s %s with %s failing", req->method, req->pattern, what);
    if (rc == SP_OK)
        fail_msg("%s succeeded (status %d)", when, status);
    if (rc != SP_INTERNAL && rc != SP_BUSY && rc != SP_UNAVAILABLE)
        fail_msg("%s gave %s, not a clean database error", when, sp_code_info(rc)->name);
    assert_nothing_written(w, before, when);
    free(before);
}

/* Events of requests that went through; a failed request's event has its problem code. */
#define ALLOWED "SELECT COUNT(*) FROM audit_event WHERE outcome = 'allowed'"

static const char phq9_items[] = "[2,2,1,2,1,1,2,1,0]";

/* A PHQ-9 assessment on enrolment_id as the care manager, without faults; returns its id. */
static int64_t add_assessment(struct world *w, int64_t enrolment_id, const char *date)
{
    char body[256];
    struct request req = {w->care_manager,
                          "POST",
                          "/api/v1/enrolments/{id}/assessments",
                          enrolment_id,
                          body,
                          NULL,
                          0};
    int status = 0;

    snprintf(body, sizeof body, "{\"instrument\":\"phq9\",\"date\":\"%s\",\"items\":%s}", date,
             phq9_items);
    w->st->driver = real;
    assert_int_equal(run(w, &req, &status), SP_OK);
    assert_int_equal(status, 201);
    return sql_int(w->path, "SELECT MAX(id) FROM assessment");
}

/* ---- tests --------------------------------------------------------------------------------- */

/* A correction inserts the new row and then marks the old one replaced: both or neither. */
static void failing_correction_writes_nothing(void **state)
{
    struct world w;
    char body[512];
    char sql[160];
    int64_t old_id;
    int64_t new_id;
    int failures;
    int status = 0;
    struct request req = {
        NULL, "POST", "/api/v1/enrolments/{id}/assessments", 0, body, "fault-correction", 0};

    (void)state;
    world_open(&w);
    old_id = add_assessment(&w, w.enrolments[0], "2026-11-16");
    req.who = w.care_manager;
    req.id = w.enrolments[0];
    snprintf(body, sizeof body,
             "{\"instrument\":\"phq9\",\"date\":\"2026-11-16\",\"items\":[3,2,1,2,1,1,2,1,0],"
             "\"corrects\":%lld,\"reason\":\"Item 1 was read from the wrong line.\"}",
             (long long)old_id);
    fail_inside(&w, &req,
                "CREATE TRIGGER fault_inside BEFORE UPDATE OF replaced_by ON assessment"
                " BEGIN SELECT RAISE(ABORT, 'injected'); END",
                "the update of the corrected row");
    failures = torture(&w, &req, &status);
    assert_called("assessment_get");
    assert_called("enrolment_member_add");
    assert_called("assessment_add");
    assert_called("idempotent_put");
    assert_true(failures >= 8);
    assert_int_equal(status, 201);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM assessment"), 2);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM idempotency"), 1);
    assert_int_equal(sql_int(w.path, ALLOWED), 2);
    new_id = sql_int(w.path, "SELECT MAX(id) FROM assessment");
    assert_true(new_id > old_id);
    snprintf(sql, sizeof sql, "SELECT replaced_by FROM assessment WHERE id = %lld",
             (long long)old_id);
    assert_int_equal(sql_int(w.path, sql), new_id);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM assessment WHERE id = %lld AND corrects = %lld"
             " AND replaced_by IS NULL",
             (long long)new_id, (long long)old_id);
    assert_int_equal(sql_int(w.path, sql), 1);
    print_trace(&req, failures);
    world_close(&w);
}

/* A case review with a task: the caseload-flag read and the owner lookup, then the review and
 * its task. No review without its task, no task without its review. */
static void failing_case_review_writes_nothing(void **state)
{
    struct world w;
    char body[512];
    int failures;
    int status = 0;
    struct request req = {NULL,           "POST", "/api/v1/enrolments/{id}/case-reviews", 0, body,
                          "fault-review", 0};

    (void)state;
    world_open(&w);
    add_assessment(&w, w.enrolments[0], "2026-10-01");
    req.who = w.supervisor;
    req.id = w.enrolments[0];
    snprintf(body, sizeof body,
             "{\"date\":\"2026-11-20\",\"recommendation\":\"Step up: add behavioural activation.\","
             "\"task\":{\"owner_id\":%lld,\"text\":\"Book a joint meeting.\","
             "\"due\":\"2026-12-04\"}}",
             (long long)w.care_manager->user->id);
    fail_inside(&w, &req,
                "CREATE TRIGGER fault_inside BEFORE INSERT ON task"
                " BEGIN SELECT RAISE(ABORT, 'injected'); END",
                "the insert of the task");
    failures = torture(&w, &req, &status);
    assert_called("enrolment_team_people");
    assert_called("caseload");
    assert_called("case_review_add");
    assert_true(failures >= 8);
    assert_int_equal(status, 201);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM case_review"), 1);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM task"), 1);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM idempotency"), 1);
    assert_int_equal(sql_int(w.path, ALLOWED), 2);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM task t JOIN case_review r"
                                     " ON r.id = t.case_review_id AND r.enrolment_id ="
                                     " t.enrolment_id"),
                     1);
    assert_int_equal(sql_int(w.path, "SELECT owner_id FROM task"), w.care_manager->user->id);
    print_trace(&req, failures);
    world_close(&w);
}

/* The treatment plan: created (with the care manager taken onto the caseload), then changed
 * with If-Match; a failed change leaves version 1 and its text. */
static void failing_plan_put_writes_nothing(void **state)
{
    static const char create[] =
        "{\"start_date\":\"2026-11-02\",\"focus\":\"Sleep and activity.\",\"modality\":\"cbt\","
        "\"target\":\"PHQ-9 below 10.\"}";
    static const char update[] =
        "{\"start_date\":\"2026-11-02\",\"focus\":\"Sleep, activity and work.\","
        "\"modality\":\"behavioural_activation\",\"target\":\"PHQ-9 below 10.\","
        "\"aftercare_from\":\"2027-02-01\"}";
    struct world w;
    char sql[200];
    int created;
    int updated;
    int status = 0;
    struct request req = {NULL, "PUT", "/api/v1/enrolments/{id}/treatment-plan", 0, create,
                          NULL, 0};

    (void)state;
    world_open(&w);
    req.who = w.care_manager;
    req.id = w.enrolments[1];
    created = torture(&w, &req, &status);
    assert_called("enrolment_member_add");
    assert_called("plan_put");
    assert_int_equal(status, 201);
    assert_int_equal(sql_int(w.path, ALLOWED), 1);
    print_trace(&req, created);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM treatment_plan WHERE enrolment_id = %lld AND version = 1",
             (long long)w.enrolments[1]);
    assert_int_equal(sql_int(w.path, sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM enrolment_member WHERE enrolment_id = %lld AND user_id = %lld"
             " AND role = 'care_manager'",
             (long long)w.enrolments[1], (long long)w.care_manager->user->id);
    assert_int_equal(sql_int(w.path, sql), 1);

    req.body = update;
    req.if_match = 1;
    updated = torture(&w, &req, &status);
    assert_int_equal(status, 200);
    print_trace(&req, updated);
    assert_true(created >= 6 && updated >= 6);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM treatment_plan"), 1);
    assert_int_equal(sql_int(w.path, ALLOWED), 2);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM treatment_plan WHERE enrolment_id = %lld AND version = 2"
             " AND modality = 'behavioural_activation' AND aftercare_from = '2027-02-01'",
             (long long)w.enrolments[1]);
    assert_int_equal(sql_int(w.path, sql), 1);
    world_close(&w);
}

/* A first assessment without corrects: the care manager is taken onto the caseload (an
 * enrolment_member row) and the row inserted; a failure leaves neither. */
static void failing_assessment_writes_nothing(void **state)
{
    static const char body[] = "{\"instrument\":\"gad7\",\"date\":\"2026-11-20\","
                               "\"items\":[1,2,1,0,2,1,1],\"occasion\":\"screening\"}";
    struct world w;
    char sql[200];
    int failures;
    int status = 0;
    struct request req = {
        NULL, "POST", "/api/v1/enrolments/{id}/assessments", 0, body, "fault-assessment", 0};

    (void)state;
    world_open(&w);
    req.who = w.care_manager;
    req.id = w.enrolments[2];
    fail_inside(&w, &req,
                "CREATE TRIGGER fault_inside BEFORE INSERT ON assessment"
                " BEGIN SELECT RAISE(ABORT, 'injected'); END",
                "the insert of the assessment (after the member row)");
    failures = torture(&w, &req, &status);
    assert_called("enrolment_member_add");
    assert_called("assessment_add");
    assert_true(failures >= 8);
    assert_int_equal(status, 201);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM assessment"), 1);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM idempotency"), 1);
    assert_int_equal(sql_int(w.path, ALLOWED), 1);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM enrolment_member WHERE enrolment_id = %lld AND user_id = %lld"
             " AND role = 'care_manager'",
             (long long)w.enrolments[2], (long long)w.care_manager->user->id);
    assert_int_equal(sql_int(w.path, sql), 1);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM enrolment_member"), 1);
    print_trace(&req, failures);
    world_close(&w);
}

/* Two roles assigned in one request, then the enrolment's version moved on: all or nothing —
 * also when the second role's insert fails inside its storage call. */
static void failing_assignments_write_nothing(void **state)
{
    struct world w;
    char body[128];
    char sql[200];
    const struct policy_subject *therapist;
    int failures;
    int status = 0;
    struct request req = {NULL, "PATCH", "/api/v1/enrolments/{id}/assignments", 0, body, NULL, 1};

    (void)state;
    world_open(&w);
    therapist = add_staff(&w, "fault.therapist", "Therapist (fault)", "therapist");
    snprintf(body, sizeof body, "{\"care_manager\":%lld,\"therapist\":%lld}",
             (long long)w.care_manager->user->id, (long long)therapist->user->id);
    req.who = w.care_manager;
    req.id = w.enrolments[0];
    fail_inside(&w, &req,
                "CREATE TRIGGER fault_inside BEFORE INSERT ON enrolment_member"
                " WHEN NEW.role = 'therapist' BEGIN SELECT RAISE(ABORT, 'injected'); END",
                "the second role's assignment");
    failures = torture(&w, &req, &status);
    assert_called("assignment_set");
    assert_called("enrolment_touch");
    assert_int_equal(status, 200);
    assert_true(failures >= 8);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM enrolment_member WHERE enrolment_id = %lld AND assigned = 1",
             (long long)w.enrolments[0]);
    assert_int_equal(sql_int(w.path, sql), 2);
    snprintf(sql, sizeof sql, "SELECT version FROM enrolment WHERE id = %lld",
             (long long)w.enrolments[0]);
    assert_int_equal(sql_int(w.path, sql), 2);
    assert_int_equal(sql_int(w.path, ALLOWED), 1);
    print_trace(&req, failures);
    world_close(&w);
}

/* Ending (the status and its history row) and reopening (likewise): both or neither. */
static void failing_ending_and_reopening_write_nothing(void **state)
{
    static const char history_fails[] =
        "CREATE TRIGGER fault_inside BEFORE INSERT ON enrolment_status_change"
        " BEGIN SELECT RAISE(ABORT, 'injected'); END";
    struct world w;
    char sql[200];
    int ended;
    int reopened;
    int status = 0;
    struct request end = {NULL,
                          "PATCH",
                          "/api/v1/enrolments/{id}",
                          0,
                          "{\"status\":\"withdrawn\",\"status_reason\":\"moved\"}",
                          NULL,
                          1};
    struct request reopen = {
        NULL, "POST", "/api/v1/enrolments/{id}/reopen", 0, "{\"reason\":\"ended_by_mistake\"}",
        NULL, 2};

    (void)state;
    world_open(&w);
    end.who = w.care_manager;
    end.id = w.enrolments[1];
    fail_inside(&w, &end, history_fails, "the status history row of the ending");
    ended = torture(&w, &end, &status);
    assert_called("enrolment_update");
    assert_called("status_change_add");
    assert_int_equal(status, 200);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM enrolment e JOIN enrolment_status_change c ON c.enrolment_id"
             " = e.id WHERE e.id = %lld AND e.status = 'withdrawn' AND c.kind = 'end'",
             (long long)w.enrolments[1]);
    assert_int_equal(sql_int(w.path, sql), 1);
    print_trace(&end, ended);

    reopen.who = w.supervisor;
    reopen.id = w.enrolments[1];
    fail_inside(&w, &reopen, history_fails, "the status history row of the reopening");
    reopened = torture(&w, &reopen, &status);
    assert_called("status_change_list");
    assert_called("status_change_add");
    assert_int_equal(status, 200);
    assert_true(ended >= 6 && reopened >= 6);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM enrolment WHERE id = %lld AND status = 'active' AND version = 3",
             (long long)w.enrolments[1]);
    assert_int_equal(sql_int(w.path, sql), 1);
    assert_int_equal(sql_int(w.path, "SELECT COUNT(*) FROM enrolment_status_change"), 2);
    assert_int_equal(sql_int(w.path, ALLOWED), 2);
    print_trace(&reopen, reopened);
    world_close(&w);
}

/* A task marked done by its owner: the row's done_at, done_by and version together. */
static void failing_task_mark_writes_nothing(void **state)
{
    struct world w;
    char body[256];
    char sql[200];
    int failures;
    int status = 0;
    struct request review = {NULL, "POST", "/api/v1/enrolments/{id}/case-reviews", 0, body,
                             NULL, 0};
    struct request mark = {NULL, "PATCH", "/api/v1/tasks/{id}", 0, "{\"done\":true}", NULL, 1};

    (void)state;
    world_open(&w);
    snprintf(body, sizeof body,
             "{\"date\":\"2026-11-20\",\"recommendation\":\"Review.\",\"task\":{\"owner_id\":%lld,"
             "\"text\":\"Book a meeting.\"}}",
             (long long)w.care_manager->user->id);
    review.who = w.supervisor;
    review.id = w.enrolments[2];
    w.st->driver = real;
    assert_int_equal(run(&w, &review, &status), SP_OK);
    mark.who = w.care_manager;
    mark.id = sql_int(w.path, "SELECT MAX(id) FROM task");
    failures = torture(&w, &mark, &status);
    assert_called("task_get");
    assert_called("task_set_done");
    assert_int_equal(status, 200);
    assert_true(failures >= 6);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM task WHERE id = %lld AND version = 2 AND done_by = %lld"
             " AND done_at IS NOT NULL",
             (long long)mark.id, (long long)w.care_manager->user->id);
    assert_int_equal(sql_int(w.path, sql), 1);
    print_trace(&mark, failures);
    world_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(failing_correction_writes_nothing),
        cmocka_unit_test(failing_case_review_writes_nothing),
        cmocka_unit_test(failing_plan_put_writes_nothing),
        cmocka_unit_test(failing_assessment_writes_nothing),
        cmocka_unit_test(failing_assignments_write_nothing),
        cmocka_unit_test(failing_ending_and_reopening_write_nothing),
        cmocka_unit_test(failing_task_mark_writes_nothing),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
