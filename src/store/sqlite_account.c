/* Accounts: users with their roles and teams, team lists, sessions, API tokens and the login
 * throttle (docs/security-model.md; tables in migrations/0001_schema.sql and 0004_security.sql). */
#include "store/sqlite_int.h"

#define USER_COLUMNS                                                                               \
    "u.id, u.username, u.display_name, u.organisation_code, o.kind, u.password_hash, u.disabled,"  \
    " u.version FROM app_user u JOIN organisation o ON o.code = u.organisation_code"

static void read_user(sqlite3_stmt *stmt, struct sp_arena *arena, struct user *u)
{
    u->id = sqlite3_column_int64(stmt, 0);
    u->username = sqlite_column_dup(stmt, 1, arena);
    u->display_name = sqlite_column_dup(stmt, 2, arena);
    u->organisation_code = sqlite_column_dup(stmt, 3, arena);
    u->organisation_kind = sqlite_column_dup(stmt, 4, arena);
    u->password_hash = sqlite_column_dup(stmt, 5, arena);
    u->disabled = sqlite3_column_int(stmt, 6) != 0;
    u->version = sqlite3_column_int64(stmt, 7);
    u->role_count = 0;
    u->team_count = 0;
}

/* Fill u->roles (ordered by role) and u->teams (ordered by team id), each up to its array's size;
 * further rows are left out. */
static enum sp_code read_roles_and_teams(struct store *st, struct sp_arena *arena, struct user *u,
                                         struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "SELECT role FROM user_role WHERE user_id = $1 ORDER BY role LIMIT $2", &stmt, err);
    int src = SQLITE_DONE;

    if (rc != SP_OK)
        goto out;
    sqlite3_bind_int64(stmt, 1, u->id);
    sqlite3_bind_int(stmt, 2, USER_ROLES_MAX);
    u->role_count = 0;
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW && u->role_count < USER_ROLES_MAX)
        u->roles[u->role_count++] = sqlite_column_dup(stmt, 0, arena);
    if (src != SQLITE_ROW && src != SQLITE_DONE) {
        rc = sqlite_error(st, src, NULL, err);
        goto out;
    }
    sqlite_release(st, stmt);
    stmt = NULL;
    rc = sqlite_prepare(st,
                        "SELECT t.id, t.project_id, t.municipality_code"
                        " FROM team_member m JOIN team t ON t.id = m.team_id"
                        " WHERE m.user_id = $1 ORDER BY t.id LIMIT $2",
                        &stmt, err);
    if (rc != SP_OK)
        goto out;
    sqlite3_bind_int64(stmt, 1, u->id);
    sqlite3_bind_int(stmt, 2, USER_TEAMS_MAX);
    u->team_count = 0;
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW && u->team_count < USER_TEAMS_MAX) {
        struct user_team *t = &u->teams[u->team_count++];

        t->team_id = sqlite3_column_int64(stmt, 0);
        t->project_id = sqlite3_column_int64(stmt, 1);
        t->municipality_code = sqlite_column_dup(stmt, 2, arena);
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
out:
    sqlite_release(st, stmt);
    return rc;
}

/* One user by the statement's bound key, then its roles and teams; SP_NOT_FOUND. */
static enum sp_code read_one_user(struct store *st, sqlite3_stmt *stmt, struct sp_arena *arena,
                                  struct user *out, struct sp_err *err)
{
    enum sp_code rc = SP_OK;
    int src = sqlite3_step(stmt);

    if (src == SQLITE_ROW)
        read_user(stmt, arena, out);
    else if (src == SQLITE_DONE)
        rc = sp_err_set(err, SP_NOT_FOUND, "", "No such user.");
    else
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    if (rc == SP_OK)
        rc = read_roles_and_teams(st, arena, out, err);
    return rc;
}

enum sp_code store_user_by_username(struct store *st, struct sp_arena *arena, const char *username,
                                    struct user *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " USER_COLUMNS " WHERE u.username = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sqlite_bind_text(stmt, 1, username);
    return read_one_user(st, stmt, arena, out, err);
}

enum sp_code store_user_get(struct store *st, struct sp_arena *arena, int64_t id, struct user *out,
                            struct sp_err *err)
{
    static const char sql[] = "SELECT " USER_COLUMNS " WHERE u.id = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    return read_one_user(st, stmt, arena, out, err);
}

enum sp_code store_user_list(struct store *st, struct sp_arena *arena,
                             const struct store_user_filter *filter, const struct store_page *page,
                             struct user **items, size_t *count, bool *more, struct sp_err *err)
{
    /* The text is a substring of the folded username, display name or organisation name, or of
     * the organisation code (sqlite_like_folded); the role an exact code. */
    static const char sql[] =
        "SELECT " USER_COLUMNS " WHERE u.id > $1"
        " AND ($3 IS NULL OR sp_fold(u.username) LIKE '%' || $3 || '%' ESCAPE '\\'"
        "      OR sp_fold(u.display_name) LIKE '%' || $3 || '%' ESCAPE '\\'"
        "      OR sp_fold(o.name) LIKE '%' || $3 || '%' ESCAPE '\\'"
        "      OR u.organisation_code LIKE '%' || $3 || '%' ESCAPE '\\')"
        " AND ($4 IS NULL OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id"
        "      AND r.role = $4))"
        " ORDER BY u.id LIMIT $2";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, page->after);
        sqlite3_bind_int(stmt, 2, page->limit + 1);
        sqlite_bind_text(stmt, 3, store_like_folded(arena, filter ? filter->text : NULL));
        sqlite_bind_text(stmt, 4, filter ? filter->role : NULL);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (*count == (size_t)page->limit) {
                *more = true;
                break;
            }
            read_user(stmt, arena, &(*items)[(*count)++]);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    /* Roles and teams after the list statement is done with, one page at a time. */
    for (size_t i = 0; rc == SP_OK && i < *count; i++)
        rc = read_roles_and_teams(st, arena, &(*items)[i], err);
    return rc;
}

/* Step an UPDATE … RETURNING id: SP_OK when it matched a row, SP_NOT_FOUND ("No such what.") when
 * it did not. */
static enum sp_code step_matched(struct store *st, sqlite3_stmt *stmt, const char *what,
                                 struct sp_err *err)
{
    int src = sqlite3_step(stmt);

    if (src == SQLITE_ROW)
        return SP_OK;
    if (src == SQLITE_DONE)
        return sp_err_set(err, SP_NOT_FOUND, "", "No such %s.", what);
    return sqlite_error(st, src, NULL, err);
}

enum sp_code store_user_set_password(struct store *st, int64_t id, const char *password_hash,
                                     struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "UPDATE app_user SET password_hash = $2 WHERE id = $1 RETURNING id", &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, id);
        sqlite_bind_text(stmt, 2, password_hash);
        rc = step_matched(st, stmt, "user", err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_user_set_disabled(struct store *st, int64_t id, bool disabled,
                                     struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "UPDATE app_user SET disabled = $2 WHERE id = $1 RETURNING id", &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, id);
        sqlite3_bind_int(stmt, 2, disabled ? 1 : 0);
        rc = step_matched(st, stmt, "user", err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* Delete and insert without a transaction of its own: a caller that needs the two to be atomic
 * holds store_begin_write(). */
enum sp_code store_user_set_roles(struct store *st, int64_t id, size_t role_count,
                                  const char *const *roles, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, "SELECT id FROM app_user WHERE id = $1", &stmt, err);

    if (rc != SP_OK)
        goto out;
    sqlite3_bind_int64(stmt, 1, id);
    rc = step_matched(st, stmt, "user", err);
    sqlite_release(st, stmt);
    stmt = NULL;
    if (rc == SP_OK)
        rc = sqlite_prepare(st, "DELETE FROM user_role WHERE user_id = $1", &stmt, err);
    if (rc != SP_OK)
        goto out;
    sqlite3_bind_int64(stmt, 1, id);
    rc = sqlite_step_done(st, stmt, NULL, err);
    sqlite_release(st, stmt);
    stmt = NULL;
    if (rc == SP_OK)
        rc =
            sqlite_prepare(st, "INSERT INTO user_role (user_id, role) VALUES ($1, $2)", &stmt, err);
    for (size_t i = 0; rc == SP_OK && i < role_count; i++) {
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, id);
        sqlite_bind_text(stmt, 2, roles[i]);
        rc = sqlite_step_done(st, stmt, "/roles", err);
    }
out:
    sqlite_release(st, stmt);
    return rc;
}

static void read_team(sqlite3_stmt *stmt, struct sp_arena *arena, struct team *t)
{
    t->id = sqlite3_column_int64(stmt, 0);
    t->project_id = sqlite3_column_int64(stmt, 1);
    t->municipality_code = sqlite_column_dup(stmt, 2, arena);
    t->name = sqlite_column_dup(stmt, 3, arena);
}

enum sp_code store_team_list(struct store *st, struct sp_arena *arena, int64_t project_id,
                             const struct store_page *page, struct team **items, size_t *count,
                             bool *more, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "SELECT id, project_id, municipality_code, name FROM team"
                                     " WHERE ($1 = 0 OR project_id = $1) AND id > $2"
                                     " ORDER BY id LIMIT $3",
                                     &stmt, err);
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, project_id);
        sqlite3_bind_int64(stmt, 2, page->after);
        sqlite3_bind_int(stmt, 3, page->limit + 1);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (*count == (size_t)page->limit) {
                *more = true;
                break;
            }
            read_team(stmt, arena, &(*items)[(*count)++]);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_team_members(struct store *st, struct sp_arena *arena, int64_t team_id,
                                struct team_member **items, size_t *count, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "SELECT u.id, u.username, u.display_name, u.disabled"
                                     " FROM team_member m JOIN app_user u ON u.id = m.user_id"
                                     " WHERE m.team_id = $1 ORDER BY u.username",
                                     &stmt, err);
    size_t cap = 16;
    int src = SQLITE_DONE;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * cap);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, team_id);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            struct team_member *m;

            if (*count == cap)
                *items = store_grow(arena, *items, sizeof **items, &cap);
            m = &(*items)[(*count)++];
            m->user_id = sqlite3_column_int64(stmt, 0);
            m->username = sqlite_column_dup(stmt, 1, arena);
            m->display_name = sqlite_column_dup(stmt, 2, arena);
            m->disabled = sqlite3_column_int(stmt, 3) != 0;
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_team_member_remove(struct store *st, int64_t team_id, int64_t user_id,
                                      struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "DELETE FROM team_member WHERE team_id = $1 AND user_id = $2", &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, team_id);
        sqlite3_bind_int64(stmt, 2, user_id);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_session_create(struct store *st, const char *token_hash, int64_t user_id,
                                  const char *csrf_token, int64_t now, int64_t *id,
                                  struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen, ended)"
        " VALUES ($1, $2, $3, $4, $4, 0) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, token_hash);
        sqlite3_bind_int64(stmt, 2, user_id);
        sqlite_bind_text(stmt, 3, csrf_token);
        sqlite3_bind_int64(stmt, 4, now);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            *id = sqlite3_column_int64(stmt, 0);
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* Ended sessions too: the caller (http/) decides what an ended or idle session means. */
enum sp_code store_session_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                               struct session *out, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "SELECT id, user_id, csrf_token, created_at, last_seen, ended"
                                     " FROM session WHERE token_hash = $1",
                                     &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, token_hash);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            out->id = sqlite3_column_int64(stmt, 0);
            out->user_id = sqlite3_column_int64(stmt, 1);
            out->csrf_token = sqlite_column_dup(stmt, 2, arena);
            out->created_at = sqlite3_column_int64(stmt, 3);
            out->last_seen = sqlite3_column_int64(stmt, 4);
            out->ended = sqlite3_column_int(stmt, 5) != 0;
        } else if (src == SQLITE_DONE) {
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such session.");
        } else {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

/* An UPDATE or DELETE by one integer key (and an optional second), run to completion. */
static enum sp_code exec_by_id(struct store *st, const char *sql, int64_t a, int64_t b,
                               struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, a);
        if (sqlite3_bind_parameter_count(stmt) >= 2)
            sqlite3_bind_int64(stmt, 2, b);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_session_touch(struct store *st, int64_t id, int64_t now, struct sp_err *err)
{
    static const char sql[] = "UPDATE session SET last_seen = $2 WHERE id = $1";

    return exec_by_id(st, sql, id, now, err);
}

enum sp_code store_session_end(struct store *st, int64_t id, struct sp_err *err)
{
    static const char sql[] = "UPDATE session SET ended = 1 WHERE id = $1";

    return exec_by_id(st, sql, id, 0, err);
}

enum sp_code store_session_end_user(struct store *st, int64_t user_id, struct sp_err *err)
{
    static const char sql[] = "UPDATE session SET ended = 1 WHERE user_id = $1 AND ended = 0";

    return exec_by_id(st, sql, user_id, 0, err);
}

#define TOKEN_COLUMNS "id, user_id, label, scope, created_at, expires_at, revoked_at"

static void read_token(sqlite3_stmt *stmt, struct sp_arena *arena, struct api_token *t)
{
    t->id = sqlite3_column_int64(stmt, 0);
    t->user_id = sqlite3_column_int64(stmt, 1);
    t->label = sqlite_column_dup(stmt, 2, arena);
    t->scope = sqlite_column_dup(stmt, 3, arena);
    t->created_at = sqlite3_column_int64(stmt, 4);
    t->expires_at = sqlite3_column_int64(stmt, 5); /* NULL reads as 0: never */
    t->revoked_at = sqlite3_column_int64(stmt, 6); /* NULL reads as 0: in force */
}

enum sp_code store_token_create(struct store *st, const char *token_hash, const struct api_token *t,
                                int64_t *id, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO api_token (token_hash, user_id, label, scope, created_at, expires_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, token_hash);
        sqlite3_bind_int64(stmt, 2, t->user_id);
        sqlite_bind_text(stmt, 3, t->label);
        sqlite_bind_text(stmt, 4, t->scope);
        sqlite3_bind_int64(stmt, 5, t->created_at);
        if (t->expires_at > 0)
            sqlite3_bind_int64(stmt, 6, t->expires_at);
        else
            sqlite3_bind_null(stmt, 6);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            *id = sqlite3_column_int64(stmt, 0);
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* Revoked and expired tokens too: the caller decides. */
enum sp_code store_token_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                             struct api_token *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " TOKEN_COLUMNS " FROM api_token WHERE token_hash = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, token_hash);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            read_token(stmt, arena, out);
        else if (src == SQLITE_DONE)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such token.");
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_token_list(struct store *st, struct sp_arena *arena, int64_t user_id,
                              struct api_token **items, size_t *count, struct sp_err *err)
{
    /* Every token, never cut: the command line lists them for an operator to revoke. */
    static const char sql[] = "SELECT " TOKEN_COLUMNS " FROM api_token"
                              " WHERE ($1 = 0 OR user_id = $1) ORDER BY id DESC";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    size_t cap = 16;
    int src = SQLITE_DONE;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * cap);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, user_id);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (*count == cap)
                *items = store_grow(arena, *items, sizeof **items, &cap);
            read_token(stmt, arena, &(*items)[(*count)++]);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* A second revoke keeps the first time: revoked_at records when the token stopped working. */
enum sp_code store_token_revoke(struct store *st, int64_t id, int64_t now, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "UPDATE api_token SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, id);
        sqlite3_bind_int64(stmt, 2, now);
        rc = step_matched(st, stmt, "token", err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_throttle_get(struct store *st, const char *username, int *failures,
                                int64_t *locked_until, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "SELECT failures, locked_until FROM login_throttle WHERE username = $1", &stmt, err);

    *failures = 0;
    *locked_until = 0;
    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, username);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            *failures = sqlite3_column_int(stmt, 0);
            *locked_until = sqlite3_column_int64(stmt, 1);
        } else if (src != SQLITE_DONE) {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_throttle_set(struct store *st, const char *username, int failures,
                                int64_t locked_until, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO login_throttle (username, failures, locked_until) VALUES ($1, $2, $3)"
        " ON CONFLICT (username) DO UPDATE SET failures = excluded.failures,"
        " locked_until = excluded.locked_until",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite_bind_text(stmt, 1, username);
        sqlite3_bind_int(stmt, 2, failures);
        sqlite3_bind_int64(stmt, 3, locked_until);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_throttle_clear(struct store *st, const char *username, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc =
        sqlite_prepare(st, "DELETE FROM login_throttle WHERE username = $1", &stmt, err);

    if (rc == SP_OK) {
        sqlite_bind_text(stmt, 1, username);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}
