/* The SQLite driver: connection, settings, transactions, migrations support and helpers. The
 * resource functions live in sqlite_reference.c, sqlite_project.c, sqlite_citizen.c,
 * sqlite_enrolment.c and sqlite_user.c. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "core/text.h"
#include "store/sqlite_int.h"

/* A writer waits this long for the lock before the request gets 503 busy. */
#define SQLITE_BUSY_TIMEOUT_MS 5000

enum sp_code sqlite_error(struct store *st, int src, const char *unique_field, struct sp_err *err)
{
    int primary = src & 0xff;

    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return sp_err_set(err, SP_BUSY, "", "The database is busy. Try again.");
    if (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
        return sp_err_set(err, SP_CONFLICT, unique_field ? unique_field : "",
                          "A record with this value already exists.");
    sp_log(SP_LOG_ERROR, "sqlite: %s (code %d)", sqlite3_errmsg(sqlite_db(st)), src);
    return sp_err_set(err, SP_INTERNAL, "", "The database failed. The cause has been logged.");
}

/* Our SQL uses PostgreSQL's $1 placeholders. SQLite accepts them but treats "$1" as a *name*
 * and numbers parameters in order of first appearance, so "… $3 … $1" would bind wrongly.
 * "?1" is positional in SQLite (sqlite.org/lang_expr.html#varparam): rewrite $N to ?N outside
 * string literals before preparing. */
static char *positional_params(const char *sql)
{
    char *out = sp_xstrdup(sql);
    bool in_string = false;

    for (char *p = out; *p != '\0'; p++) {
        if (*p == '\'')
            in_string = !in_string;
        else if (!in_string && *p == '$' && p[1] >= '0' && p[1] <= '9')
            *p = '?';
    }
    return out;
}

enum sp_code sqlite_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt,
                            struct sp_err *err)
{
    struct sqlite_store *s = (struct sqlite_store *)st;
    char *rewritten;
    int src;

    for (size_t i = 0; i < s->cache_count; i++) {
        struct sqlite_cached_stmt *c = &s->cache[i];

        if (c->key == sql && !c->in_use && strcmp(c->sql, sql) == 0) {
            c->in_use = true;
            *stmt = c->stmt;
            return SP_OK;
        }
    }
    rewritten = positional_params(sql);
    src = sqlite3_prepare_v3(s->db, rewritten, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
    free(rewritten);
    if (src != SQLITE_OK)
        return sqlite_error(st, src, NULL, err);
    if (s->cache_count < SQLITE_STMT_CACHE_MAX) {
        struct sqlite_cached_stmt *c = &s->cache[s->cache_count++];

        c->key = sql;
        c->sql = sp_xstrdup(sql);
        c->stmt = *stmt;
        c->in_use = true;
    }
    return SP_OK;
}

void sqlite_release(struct store *st, sqlite3_stmt *stmt)
{
    struct sqlite_store *s = (struct sqlite_store *)st;

    if (stmt == NULL)
        return;
    for (size_t i = 0; i < s->cache_count; i++) {
        if (s->cache[i].stmt == stmt) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            s->cache[i].in_use = false;
            return;
        }
    }
    sqlite3_finalize(stmt);
}

int sqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
    if (text == NULL)
        return sqlite3_bind_null(stmt, index);
    return sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *sqlite_column_dup(sqlite3_stmt *stmt, int col, struct sp_arena *arena)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);

    if (text == NULL)
        return NULL;
    return sp_arena_strndup(arena, (const char *)text, (size_t)sqlite3_column_bytes(stmt, col));
}

const char *sqlite_like_folded(struct sp_arena *arena, const char *text)
{
    char *folded;
    char *escaped;
    size_t n = 0;

    if (text == NULL)
        return NULL;
    folded = core_text_fold(text);
    escaped = sp_arena_alloc(arena, 2 * strlen(folded) + 1);
    for (const char *p = folded; *p != '\0'; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            escaped[n++] = '\\';
        escaped[n++] = *p;
    }
    free(folded);
    return escaped;
}

void *sqlite_grow(struct sp_arena *arena, const void *items, size_t size, size_t *cap)
{
    void *bigger = sp_arena_alloc(arena, size * *cap * 2);

    memcpy(bigger, items, size * *cap);
    *cap *= 2;
    return bigger;
}

/* sp_fold(text): core_text_fold in SQL, so that a search folds a column as it folds the query
 * (SQLite's lower() knows only ASCII: sqlite.org/lang_corefunc.html#lower). */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *text = sqlite3_value_text(argv[0]);

    (void)argc;
    if (text == NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, core_text_fold((const char *)text), -1, free);
}

enum sp_code sqlite_step_done(struct store *st, sqlite3_stmt *stmt, const char *unique_field,
                              struct sp_err *err)
{
    int src;

    do {
        src = sqlite3_step(stmt);
    } while (src == SQLITE_ROW);
    return src == SQLITE_DONE ? SP_OK : sqlite_error(st, src, unique_field, err);
}

static enum sp_code sqlite_exec(struct store *st, const char *sql, struct sp_err *err)
{
    int src = sqlite3_exec(sqlite_db(st), sql, NULL, NULL, NULL);

    return src == SQLITE_OK ? SP_OK : sqlite_error(st, src, NULL, err);
}

static void sqlite_close(struct store *st)
{
    struct sqlite_store *s = (struct sqlite_store *)st;

    for (size_t i = 0; i < s->cache_count; i++) {
        sqlite3_finalize(s->cache[i].stmt);
        free(s->cache[i].sql);
    }
    sqlite3_close_v2(s->db);
    free(s);
}

static enum sp_code sqlite_open(const char *path, const struct sp_keys *keys, struct store **out,
                                struct sp_err *err)
{
    struct sqlite_store *s = sp_xcalloc(1, sizeof *s);
    enum sp_code rc = SP_OK;
    int src;

    s->base.driver = &store_sqlite_driver;
    s->base.keys = keys;
    src = sqlite3_open_v2(path, &s->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        sp_log(SP_LOG_ERROR, "sqlite: cannot open database: %s",
               s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
        sqlite_close(&s->base);
        return sp_err_set(err, SP_UNAVAILABLE, "", "The database cannot be opened.");
    }
    sqlite3_extended_result_codes(s->db, 1); /* tell a UNIQUE violation from other failures */
    sqlite3_busy_timeout(s->db, SQLITE_BUSY_TIMEOUT_MS);
    src = sqlite3_create_function_v2(s->db, "sp_fold", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     sql_fold, NULL, NULL, NULL);
    if (src != SQLITE_OK) {
        sqlite_close(&s->base);
        return sp_err_set(err, SP_UNAVAILABLE, "", "The database cannot be opened.");
    }
    /* WAL lets readers run beside the one writer; NORMAL is durable across application crashes
     * and loses at most the last commits on power loss (sqlite.org/pragma.html#pragma_synchronous).
     */
    rc = sqlite_exec(&s->base,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                     err);
    if (rc != SP_OK) {
        sqlite_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return SP_OK;
}

static enum sp_code sqlite_exec_script(struct store *st, const char *sql, struct sp_err *err)
{
    return sqlite_exec(st, sql, err);
}

static enum sp_code sqlite_schema_version(struct store *st, int *out, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_exec(st,
                                  "CREATE TABLE IF NOT EXISTS schema_migration ("
                                  " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                                  " applied_at TEXT NOT NULL)",
                                  err);
    int src;

    if (rc == SP_OK)
        rc = sqlite_prepare(st, "SELECT COALESCE(MAX(version), 0) FROM schema_migration", &stmt,
                            err);
    if (rc == SP_OK) {
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            *out = sqlite3_column_int(stmt, 0);
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

static enum sp_code sqlite_schema_record(struct store *st, int version, const char *name,
                                         const char *now, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)", &stmt,
        err);

    if (rc == SP_OK) {
        sqlite3_bind_int(stmt, 1, version);
        sqlite_bind_text(stmt, 2, name);
        sqlite_bind_text(stmt, 3, now);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* Writers of one process queue on this mutex rather than in SQLite's busy handler, which sleeps
 * 1, 2, 5, … ms between tries while a writer holds the lock for tens of microseconds. Other
 * processes on the same file still meet SQLite's lock and busy_timeout. */
static pthread_mutex_t write_mutex = PTHREAD_MUTEX_INITIALIZER;

static enum sp_code sqlite_begin_write(struct store *st, struct sp_err *err)
{
    struct sqlite_store *s = (struct sqlite_store *)st;
    enum sp_code rc;

    pthread_mutex_lock(&write_mutex);
    rc = sqlite_exec(st, "BEGIN IMMEDIATE", err);
    if (rc == SP_OK)
        s->writing = true;
    else
        pthread_mutex_unlock(&write_mutex);
    return rc;
}

/* The write transaction is over (committed or rolled back): let the next writer in. */
static void end_write(struct store *st)
{
    struct sqlite_store *s = (struct sqlite_store *)st;

    if (s->writing && sqlite3_get_autocommit(s->db)) {
        s->writing = false;
        pthread_mutex_unlock(&write_mutex);
    }
}

static enum sp_code sqlite_begin_read(struct store *st, struct sp_err *err)
{
    return sqlite_exec(st, "BEGIN DEFERRED", err);
}

static enum sp_code sqlite_commit(struct store *st, struct sp_err *err)
{
    enum sp_code rc = sqlite_exec(st, "COMMIT", err);

    end_write(st);
    return rc;
}

static void sqlite_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(sqlite_db(st)))
        sqlite3_exec(sqlite_db(st), "ROLLBACK", NULL, NULL, NULL);
    end_write(st);
}

static enum sp_code sqlite_ping(struct store *st, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, "SELECT 1 FROM schema_migration LIMIT 1", &stmt, err);

    if (rc == SP_OK && sqlite3_step(stmt) != SQLITE_ROW)
        rc = sp_err_set(err, SP_UNAVAILABLE, "", "The database has no schema.");
    sqlite_release(st, stmt);
    if (rc != SP_OK && err->code != SP_UNAVAILABLE)
        rc = sp_err_set(err, SP_UNAVAILABLE, "", "The database does not answer.");
    return rc;
}

/* Row counts for tests, benchmarks and the demo; the table name is checked against a fixed list
 * since it cannot be a bound parameter. */
static enum sp_code sqlite_count(struct store *st, const char *table, int64_t *out,
                                 struct sp_err *err)
{
    static const char *const tables[] = {"citizen",     "enrolment",    "project",     "team",
                                         "app_user",    "organisation", "idempotency", "episode",
                                         "audit_event", "session",      "consent",     "api_token"};
    char sql[96];
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = SP_OK;
    bool known = false;

    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        known = known || strcmp(table, tables[i]) == 0;
    if (!known)
        return sp_err_set(err, SP_INTERNAL, "", "Unknown table.");
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    rc = sqlite_prepare(st, sql, &stmt, err);
    if (rc == SP_OK) {
        int src = sqlite3_step(stmt);

        if (src == SQLITE_ROW)
            *out = sqlite3_column_int64(stmt, 0);
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

const struct store_driver store_sqlite_driver = {
    .name = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .exec_script = sqlite_exec_script,
    .schema_version = sqlite_schema_version,
    .schema_record = sqlite_schema_record,
    .begin_write = sqlite_begin_write,
    .begin_read = sqlite_begin_read,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .ping = sqlite_ping,
    .organisation_list = sqlite_organisation_list,
    .organisation_get = sqlite_organisation_get,
    .target_group_exists = sqlite_target_group_exists,
    .target_group_list = sqlite_target_group_list,
    .project_create = sqlite_project_create,
    .project_get = sqlite_project_get,
    .project_list = sqlite_project_list,
    .project_update = sqlite_project_update,
    .citizen_create = sqlite_citizen_create,
    .citizen_get = sqlite_citizen_get,
    .citizen_list = sqlite_citizen_list,
    .enrolment_create = sqlite_enrolment_create,
    .enrolment_get = sqlite_enrolment_get,
    .enrolment_list = sqlite_enrolment_list,
    .enrolment_update = sqlite_enrolment_update,
    .enrolment_member_add = sqlite_enrolment_member_add,
    .episode_create = sqlite_episode_create,
    .episode_list = sqlite_episode_list,
    .user_bump_version = sqlite_user_bump_version,
    .team_create = sqlite_team_create,
    .team_get = sqlite_team_get,
    .user_create = sqlite_user_create,
    .team_member_add = sqlite_team_member_add,
    .count = sqlite_count,
    .idempotent_get = sqlite_idempotent_get,
    .idempotent_put = sqlite_idempotent_put,
    .user_by_username = sqlite_user_by_username,
    .user_get = sqlite_user_get,
    .user_list = sqlite_user_list,
    .user_set_password = sqlite_user_set_password,
    .user_set_disabled = sqlite_user_set_disabled,
    .user_set_roles = sqlite_user_set_roles,
    .team_list = sqlite_team_list,
    .team_members = sqlite_team_members,
    .team_member_remove = sqlite_team_member_remove,
    .session_create = sqlite_session_create,
    .session_get = sqlite_session_get,
    .session_touch = sqlite_session_touch,
    .session_end = sqlite_session_end,
    .session_end_user = sqlite_session_end_user,
    .token_create = sqlite_token_create,
    .token_get = sqlite_token_get,
    .token_list = sqlite_token_list,
    .token_revoke = sqlite_token_revoke,
    .throttle_get = sqlite_throttle_get,
    .throttle_set = sqlite_throttle_set,
    .throttle_clear = sqlite_throttle_clear,
    .consent_add = sqlite_consent_add,
    .consent_list = sqlite_consent_list,
    .consent_in_force = sqlite_consent_in_force,
    .audit_last = sqlite_audit_last,
    .audit_insert = sqlite_audit_insert,
    .audit_scan = sqlite_audit_scan,
    .audit_list_citizen = sqlite_audit_list_citizen,
    .citizen_places = sqlite_citizen_places,
    .enrolment_place = sqlite_enrolment_place,
    .assessment_add = sqlite_assessment_add,
    .assessment_get = sqlite_assessment_get,
    .assessment_list = sqlite_assessment_list,
    .assessment_baselines = sqlite_assessment_baselines,
    .eligibility_add = sqlite_eligibility_add,
    .eligibility_list = sqlite_eligibility_list,
    .plan_get = sqlite_plan_get,
    .plan_put = sqlite_plan_put,
    .session_add = sqlite_session_add,
    .session_list = sqlite_session_list,
    .safety_add = sqlite_safety_add,
    .safety_list = sqlite_safety_list,
    .case_review_add = sqlite_case_review_add,
    .case_review_list = sqlite_case_review_list,
    .health_summary = sqlite_health_summary,
    .enrolment_team_people = sqlite_enrolment_team_people,
    .instrument_text_get = sqlite_instrument_text_get,
    .instrument_text_put = sqlite_instrument_text_put,
    .caseload = sqlite_caseload,
    .enrolment_touch = sqlite_enrolment_touch,
    .assignment_list = sqlite_assignment_list,
    .assignment_set = sqlite_assignment_set,
    .status_change_add = sqlite_status_change_add,
    .status_change_list = sqlite_status_change_list,
    .task_list = sqlite_task_list,
    .task_get = sqlite_task_get,
    .task_set_done = sqlite_task_set_done,
    .followup_rows = sqlite_followup_rows,
};
