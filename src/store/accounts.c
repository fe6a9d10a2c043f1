/* Accounts: users with their roles and teams, teams and their members, sign-in sessions, API
 * tokens and the login throttle (docs/security-model.md; tables in migrations/<engine>/
 * 0001_schema.sql, 0004_security.sql and 0005_user_version.sql). Written once against sql.h: the
 * SQL below runs unchanged on SQLite and PostgreSQL. */
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "store/store_int.h"

/* Step an INSERT … RETURNING id; unique_field names the member a unique violation is about. */
static enum sp_code insert_returning_id(struct sql_stmt *stmt, const char *unique_field,
                                        int64_t *id, struct sp_err *err)
{
    bool row = false;
    enum sp_code rc = sql_step(stmt, &row, unique_field, err);

    if (rc == SP_OK && !row)
        rc = sp_err_set(err, SP_INTERNAL, "", "An insert returned no row.");
    if (rc == SP_OK)
        *id = sql_column_int64(stmt, 0);
    return rc;
}

/* Run an UPDATE … WHERE id = $1 RETURNING id whose $2 is text when it is not NULL, else the
 * integer v: SP_NOT_FOUND ("No such what.") when no row matched. */
static enum sp_code update_one(struct store *st, const char *sql, int64_t id, const char *text,
                               int64_t v, const char *what, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, id);
        if (text != NULL)
            sql_bind_text(stmt, 2, text);
        else
            sql_bind_int64(stmt, 2, v);
        rc = sql_step_one(stmt, what, err);
    }
    sql_release(stmt);
    return rc;
}

/* ---- users ---------------------------------------------------------------------------------- */

#define USER_COLUMNS                                                                               \
    "u.id, u.username, u.display_name, u.organisation_code, o.kind, u.password_hash, u.disabled,"  \
    " u.version FROM app_user u JOIN organisation o ON o.code = u.organisation_code"

/* The account's own columns; roles and teams come from read_roles_and_teams. A store_row_reader
 * of struct user. */
static enum sp_code read_user(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                              void *item, struct sp_err *err)
{
    struct user *u = item;

    (void)st;
    (void)err;
    *u = (struct user){0};
    u->id = sql_column_int64(stmt, 0);
    u->username = sql_column_dup(stmt, 1, arena);
    u->display_name = sql_column_dup(stmt, 2, arena);
    u->organisation_code = sql_column_dup(stmt, 3, arena);
    u->organisation_kind = sql_column_dup(stmt, 4, arena);
    u->password_hash = sql_column_dup(stmt, 5, arena);
    u->disabled = sql_column_bool(stmt, 6);
    u->version = sql_column_int64(stmt, 7);
    return SP_OK;
}

/* Rows of (user_id, …) ordered by user id for the users (ordered by id, whose ids are bound as
 * $1): every row read by read into one arena array, counts[i] of them for users[i], so the rows
 * of each user are a contiguous run in the order of users. */
static enum sp_code read_per_user(struct store *st, struct sp_arena *arena, const char *sql,
                                  const struct user *users, const int64_t *ids, size_t n,
                                  size_t size, store_row_reader read, void **items, size_t *counts,
                                  struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    size_t cap = 16;
    size_t count = 0;
    size_t u = 0;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = sp_arena_alloc(arena, size * cap);
    if (rc == SP_OK) {
        sql_bind_ids(stmt, 1, ids, n);
        while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
            int64_t id = sql_column_int64(stmt, 0);

            while (u < n && users[u].id < id)
                u++;
            if (u == n || users[u].id != id)
                continue;
            if (count == cap)
                *items = store_grow(arena, *items, size, &cap);
            rc = read(st, stmt, arena, (char *)*items + size * count++, err);
            counts[u]++;
        }
    }
    sql_release(stmt);
    return rc;
}

static enum sp_code read_role(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                              void *item, struct sp_err *err)
{
    (void)st;
    (void)err;
    *(const char **)item = sql_column_dup(stmt, 1, arena);
    return SP_OK;
}

static enum sp_code read_user_team(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                   void *item, struct sp_err *err)
{
    struct user_team *t = item;

    (void)st;
    (void)err;
    t->team_id = sql_column_int64(stmt, 1);
    t->project_id = sql_column_int64(stmt, 2);
    t->municipality_code = sql_column_dup(stmt, 3, arena);
    return SP_OK;
}

/* Every role (ordered by role) and team (ordered by team id) of n users ordered by id: two
 * statements for a whole page, and no list cut at a fixed size. */
static enum sp_code read_roles_and_teams(struct store *st, struct sp_arena *arena,
                                         struct user *users, size_t n, struct sp_err *err)
{
    static const char roles_sql[] = "SELECT user_id, role FROM user_role"
                                    " WHERE user_id = ANY($1) ORDER BY user_id, role";
    static const char teams_sql[] = "SELECT m.user_id, t.id, t.project_id, t.municipality_code"
                                    " FROM team_member m JOIN team t ON t.id = m.team_id"
                                    " WHERE m.user_id = ANY($1) ORDER BY m.user_id, t.id";
    int64_t *ids;
    size_t *counts;
    void *roles = NULL;
    void *teams = NULL;
    enum sp_code rc;

    if (n == 0)
        return SP_OK;
    ids = sp_arena_alloc(arena, sizeof *ids * n);
    counts = sp_arena_alloc(arena, sizeof *counts * n * 2); /* roles, then teams */
    for (size_t i = 0; i < n; i++)
        ids[i] = users[i].id;
    rc = read_per_user(st, arena, roles_sql, users, ids, n, sizeof(const char *), read_role, &roles,
                       counts, err);
    if (rc == SP_OK)
        rc = read_per_user(st, arena, teams_sql, users, ids, n, sizeof(struct user_team),
                           read_user_team, &teams, counts + n, err);
    for (size_t i = 0, r = 0, t = 0; rc == SP_OK && i < n; i++) {
        users[i].roles = (const char **)roles + r;
        users[i].role_count = counts[i];
        users[i].teams = (struct user_team *)teams + t;
        users[i].team_count = counts[n + i];
        r += counts[i];
        t += counts[n + i];
    }
    return rc;
}

enum sp_code store_user_by_username(struct store *st, struct sp_arena *arena, const char *username,
                                    struct user *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " USER_COLUMNS " WHERE u.username = $1";
    enum sp_code rc = store_read_one_by_text(st, arena, sql, username, "user", read_user, out, err);

    return rc == SP_OK ? read_roles_and_teams(st, arena, out, 1, err) : rc;
}

/* One user's roles and teams arrive with the account as two comma lists (a signed-in request
 * reads its user every time, and on PostgreSQL each statement is a round trip): "role,…" and
 * "team:project:municipality,…". Neither a role code nor a municipality code has a comma or a
 * colon. The lists are sorted here, as read_roles_and_teams sorts them in SQL. */
#define USER_WITH_LISTS                                                                            \
    "u.id, u.username, u.display_name, u.organisation_code, o.kind, u.password_hash,"              \
    " u.disabled, u.version,"                                                                      \
    " (SELECT string_agg(r.role, ',') FROM user_role r WHERE r.user_id = u.id),"                   \
    " (SELECT string_agg(CAST(t.id AS TEXT) || ':' || CAST(t.project_id AS TEXT) || ':'"           \
    " || t.municipality_code, ',') FROM team_member m JOIN team t ON t.id = m.team_id"             \
    " WHERE m.user_id = u.id)"
#define USER_WITH_LISTS_COUNT 10

static int compare_role(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int compare_team(const void *a, const void *b)
{
    int64_t x = ((const struct user_team *)a)->team_id;
    int64_t y = ((const struct user_team *)b)->team_id;

    return (x > y) - (x < y);
}

static size_t count_pieces(const char *list)
{
    size_t n = 1;

    for (const char *p = list; *p != '\0'; p++)
        n += *p == ',';
    return n;
}

static void read_role_list(const char *list, struct sp_arena *arena, struct user *u)
{
    const char *rest = list;
    const char *piece;
    size_t len;

    u->roles = sp_arena_alloc(arena, sizeof *u->roles * count_pieces(list));
    while (store_next_piece(&rest, &piece, &len))
        u->roles[u->role_count++] = sp_arena_strndup(arena, piece, len);
    qsort(u->roles, u->role_count, sizeof *u->roles, compare_role);
}

/* "team:project:municipality" pieces; SP_INTERNAL for one that does not parse. */
static enum sp_code read_team_list(const char *list, struct sp_arena *arena, struct user *u,
                                   struct sp_err *err)
{
    const char *rest = list;
    const char *piece;
    size_t len;

    u->teams = sp_arena_alloc(arena, sizeof *u->teams * count_pieces(list));
    while (store_next_piece(&rest, &piece, &len)) {
        struct user_team *t = &u->teams[u->team_count++];
        const char *colon1 = memchr(piece, ':', len);
        const char *colon2 =
            colon1 ? memchr(colon1 + 1, ':', len - (size_t)(colon1 + 1 - piece)) : NULL;

        if (colon2 == NULL || !sp_parse_i64(piece, (size_t)(colon1 - piece), &t->team_id) ||
            !sp_parse_i64(colon1 + 1, (size_t)(colon2 - colon1 - 1), &t->project_id))
            return sp_err_set(err, SP_INTERNAL, "", "A user's team could not be read.");
        t->municipality_code =
            sp_arena_strndup(arena, colon2 + 1, len - (size_t)(colon2 + 1 - piece));
    }
    qsort(u->teams, u->team_count, sizeof *u->teams, compare_team);
    return SP_OK;
}

/* The current row's USER_WITH_LISTS columns, from column 0: a store_row_reader of struct user. */
static enum sp_code read_user_with_lists(struct store *st, struct sql_stmt *stmt,
                                         struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct user *out = item;

    read_user(st, stmt, arena, out, err);
    if (!sql_column_null(stmt, 8))
        read_role_list(sql_column_text(stmt, 8), arena, out);
    return sql_column_null(stmt, 9) ? SP_OK
                                    : read_team_list(sql_column_text(stmt, 9), arena, out, err);
}

static void read_signin_at(struct sql_stmt *stmt, struct sp_arena *arena, struct session *s,
                           int first);

/* A user with its lists and the session's columns after them (store_signin_get_user). */
struct user_session {
    struct user *user;
    struct session *session;
};

static enum sp_code read_user_session(struct store *st, struct sql_stmt *stmt,
                                      struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct user_session *r = item;

    read_signin_at(stmt, arena, r->session, USER_WITH_LISTS_COUNT);
    return read_user_with_lists(st, stmt, arena, r->user, err);
}

enum sp_code store_user_get(struct store *st, struct sp_arena *arena, int64_t id, struct user *out,
                            struct sp_err *err)
{
    static const char sql[] = "SELECT " USER_WITH_LISTS
                              " FROM app_user u JOIN organisation o ON o.code = u.organisation_code"
                              " WHERE u.id = $1";

    return store_read_one(st, arena, sql, id, "user", read_user_with_lists, out, err);
}

enum sp_code store_user_list(struct store *st, struct sp_arena *arena,
                             const struct store_user_filter *filter, const struct store_page *page,
                             struct user **items, size_t *count, bool *more, struct sp_err *err)
{
    /* The text is a substring of the folded username, display name or organisation name, or of
     * the organisation code (store_like_folded); the role an exact code. $3 and $4 are cast
     * where they are first seen: PostgreSQL cannot tell a NULL's type from IS NULL alone. */
    static const char sql[] = "SELECT " USER_COLUMNS " WHERE u.id > $1"
                              " AND (CAST($3 AS TEXT) IS NULL"
                              "      OR sp_fold(u.username) LIKE '%' || $3 || '%' ESCAPE '\\'"
                              "      OR sp_fold(u.display_name) LIKE '%' || $3 || '%' ESCAPE '\\'"
                              "      OR sp_fold(o.name) LIKE '%' || $3 || '%' ESCAPE '\\'"
                              "      OR u.organisation_code LIKE '%' || $3 || '%' ESCAPE '\\')"
                              " AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM user_role r"
                              "      WHERE r.user_id = u.id AND r.role = $4))"
                              " ORDER BY u.id LIMIT $2";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, page->after);
        sql_bind_int64(stmt, 2, page->limit + 1);
        sql_bind_text(stmt, 3, store_like_folded(arena, filter ? filter->text : NULL));
        sql_bind_text(stmt, 4, filter ? filter->role : NULL);
        rc = store_read_page(st, stmt, arena, page, sizeof **items, read_user, &rows, count, more,
                             err);
        *items = rows;
    }
    sql_release(stmt);
    /* Roles and teams after the list statement is done with, for the whole page at once. */
    return rc == SP_OK ? read_roles_and_teams(st, arena, *items, *count, err) : rc;
}

/* Insert the roles of user id, one statement each (a role named twice: SP_CONFLICT "/roles"). */
static enum sp_code insert_roles(struct store *st, int64_t id, size_t role_count,
                                 const char *const *roles, struct sp_err *err)
{
    static const char sql[] = "INSERT INTO user_role (user_id, role) VALUES ($1, $2)";
    enum sp_code rc = SP_OK;

    for (size_t i = 0; rc == SP_OK && i < role_count; i++) {
        struct sql_stmt *stmt = NULL;

        rc = sql_prepare(st->conn, sql, &stmt, err);
        if (rc == SP_OK) {
            sql_bind_int64(stmt, 1, id);
            sql_bind_text(stmt, 2, roles[i]);
            rc = sql_step_done(stmt, "/roles", err);
        }
        sql_release(stmt);
    }
    return rc;
}

enum sp_code store_user_create(struct store *st, const struct store_user_new *u, const char *now,
                               int64_t *id, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO app_user (username, display_name, organisation_code, password_hash,"
        " disabled, created_at) VALUES ($1, $2, $3, $4, 0, $5) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, u->username);
        sql_bind_text(stmt, 2, u->display_name);
        sql_bind_text(stmt, 3, u->organisation_code);
        sql_bind_text(stmt, 4, u->password_hash);
        sql_bind_text(stmt, 5, now);
        rc = insert_returning_id(stmt, "/username", id, err);
    }
    sql_release(stmt);
    return rc == SP_OK ? insert_roles(st, *id, u->role_count, u->roles, err) : rc;
}

enum sp_code store_user_set_password(struct store *st, int64_t id, const char *password_hash,
                                     struct sp_err *err)
{
    static const char sql[] = "UPDATE app_user SET password_hash = $2 WHERE id = $1 RETURNING id";

    return update_one(st, sql, id, password_hash, 0, "user", err);
}

enum sp_code store_user_set_disabled(struct store *st, int64_t id, bool disabled,
                                     struct sp_err *err)
{
    static const char sql[] = "UPDATE app_user SET disabled = $2 WHERE id = $1 RETURNING id";

    return update_one(st, sql, id, NULL, disabled ? 1 : 0, "user", err);
}

/* A user's stored version; SP_NOT_FOUND when there is no such user. */
static enum sp_code user_version(struct store *st, int64_t id, int64_t *version, struct sp_err *err)
{
    return store_read_int64(st, "SELECT version FROM app_user WHERE id = $1", id, "user", version,
                            err);
}

/* Delete and insert without a transaction of its own: a caller that needs the two to be atomic
 * holds store_begin_write(). */
enum sp_code store_user_set_roles(struct store *st, int64_t id, size_t role_count,
                                  const char *const *roles, struct sp_err *err)
{
    int64_t version = 0;
    enum sp_code rc = user_version(st, id, &version, err);

    if (rc == SP_OK)
        rc = store_run_with_id(st, "DELETE FROM user_role WHERE user_id = $1", id, err);
    return rc == SP_OK ? insert_roles(st, id, role_count, roles, err) : rc;
}

/* The version a failed bump found: SP_STALE with err->current_version, or SP_NOT_FOUND. */
static enum sp_code version_conflict(struct store *st, int64_t id, struct sp_err *err)
{
    int64_t current = 0;
    enum sp_code rc = user_version(st, id, &current, err);

    if (rc != SP_OK)
        return rc;
    rc = sp_err_set(err, SP_STALE, "",
                    "The account has changed since it was read. Read it again and retry.");
    err->current_version = current;
    return rc;
}

enum sp_code store_user_bump_version(struct store *st, int64_t id, int64_t if_version,
                                     int64_t *version, struct sp_err *err)
{
    static const char sql[] = "UPDATE app_user SET version = version + 1"
                              " WHERE id = $1 AND version = $2 RETURNING version";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, id);
        sql_bind_int64(stmt, 2, if_version);
        rc = sql_step(stmt, &row, NULL, err);
    }
    if (rc == SP_OK && row)
        *version = sql_column_int64(stmt, 0);
    sql_release(stmt);
    return rc == SP_OK && !row ? version_conflict(st, id, err) : rc;
}

/* ---- teams ---------------------------------------------------------------------------------- */

static enum sp_code read_team(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                              void *item, struct sp_err *err)
{
    struct team *t = item;

    (void)st;
    (void)err;
    t->id = sql_column_int64(stmt, 0);
    t->project_id = sql_column_int64(stmt, 1);
    t->municipality_code = sql_column_dup(stmt, 2, arena);
    t->name = sql_column_dup(stmt, 3, arena);
    return SP_OK;
}

enum sp_code store_team_create(struct store *st, struct team *t, struct sp_err *err)
{
    static const char sql[] = "INSERT INTO team (project_id, municipality_code, name)"
                              " VALUES ($1, $2, $3) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, t->project_id);
        sql_bind_text(stmt, 2, t->municipality_code);
        sql_bind_text(stmt, 3, t->name);
        rc = insert_returning_id(stmt, "/municipality_code", &t->id, err);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_team_get(struct store *st, struct sp_arena *arena, int64_t id, struct team *out,
                            struct sp_err *err)
{
    static const char sql[] = "SELECT id, project_id, municipality_code, name FROM team"
                              " WHERE id = $1";

    return store_read_one(st, arena, sql, id, "team", read_team, out, err);
}

enum sp_code store_team_list(struct store *st, struct sp_arena *arena, int64_t project_id,
                             const struct store_page *page, struct team **items, size_t *count,
                             bool *more, struct sp_err *err)
{
    /* $1 is seen first beside a BIGINT column: PostgreSQL takes it as one (not as 0's int4). */
    static const char sql[] = "SELECT id, project_id, municipality_code, name FROM team"
                              " WHERE (project_id = $1 OR $1 = 0) AND id > $2"
                              " ORDER BY id LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, project_id, page, sizeof **items,
                                         read_team, &rows, count, more, err);

    *items = rows;
    return rc;
}

static enum sp_code read_team_member(struct store *st, struct sql_stmt *stmt,
                                     struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct team_member *m = item;

    (void)st;
    (void)err;
    m->user_id = sql_column_int64(stmt, 0);
    m->username = sql_column_dup(stmt, 1, arena);
    m->display_name = sql_column_dup(stmt, 2, arena);
    m->disabled = sql_column_bool(stmt, 3);
    return SP_OK;
}

enum sp_code store_team_members(struct store *st, struct sp_arena *arena, int64_t team_id,
                                struct team_member **items, size_t *count, struct sp_err *err)
{
    static const char sql[] = "SELECT u.id, u.username, u.display_name, u.disabled"
                              " FROM team_member m JOIN app_user u ON u.id = m.user_id"
                              " WHERE m.team_id = $1 ORDER BY u.username";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, team_id, sizeof **items, read_team_member,
                                        &rows, count, err);

    *items = rows;
    return rc;
}

enum sp_code store_team_member_add(struct store *st, int64_t team_id, int64_t user_id,
                                   struct sp_err *err)
{
    static const char sql[] = "INSERT INTO team_member (team_id, user_id) VALUES ($1, $2)"
                              " ON CONFLICT DO NOTHING";

    return store_run_with_ints(st, sql, team_id, user_id, err);
}

enum sp_code store_team_member_remove(struct store *st, int64_t team_id, int64_t user_id,
                                      struct sp_err *err)
{
    static const char sql[] = "DELETE FROM team_member WHERE team_id = $1 AND user_id = $2";

    return store_run_with_ints(st, sql, team_id, user_id, err);
}

/* ---- sign-in sessions ----------------------------------------------------------------------- */

enum sp_code store_signin_create(struct store *st, const char *token_hash, int64_t user_id,
                                 const char *csrf_token, int64_t now, int64_t *id,
                                 struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen, ended)"
        " VALUES ($1, $2, $3, $4, $4, 0) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, token_hash);
        sql_bind_int64(stmt, 2, user_id);
        sql_bind_text(stmt, 3, csrf_token);
        sql_bind_int64(stmt, 4, now);
        rc = insert_returning_id(stmt, NULL, id, err);
    }
    sql_release(stmt);
    return rc;
}

/* A session's columns from column first on. */
static void read_signin_at(struct sql_stmt *stmt, struct sp_arena *arena, struct session *s,
                           int first)
{
    s->id = sql_column_int64(stmt, first);
    s->user_id = sql_column_int64(stmt, first + 1);
    s->csrf_token = sql_column_dup(stmt, first + 2, arena);
    s->created_at = sql_column_int64(stmt, first + 3);
    s->last_seen = sql_column_int64(stmt, first + 4);
    s->ended = sql_column_bool(stmt, first + 5);
}

static enum sp_code read_signin(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                void *item, struct sp_err *err)
{
    (void)st;
    (void)err;
    read_signin_at(stmt, arena, item, 0);
    return SP_OK;
}

/* Ended sessions too: the caller (http/) decides what an ended or idle session means. */
enum sp_code store_signin_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                              struct session *out, struct sp_err *err)
{
    static const char sql[] = "SELECT id, user_id, csrf_token, created_at, last_seen, ended"
                              " FROM session WHERE token_hash = $1";

    return store_read_one_by_text(st, arena, sql, token_hash, "session", read_signin, out, err);
}

enum sp_code store_signin_get_user(struct store *st, struct sp_arena *arena, const char *token_hash,
                                   struct session *session, struct user *user, struct sp_err *err)
{
    static const char sql[] =
        "SELECT " USER_WITH_LISTS ", s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen,"
        " s.ended FROM session s JOIN app_user u ON u.id = s.user_id"
        " JOIN organisation o ON o.code = u.organisation_code WHERE s.token_hash = $1";

    struct user_session row = {user, session};

    return store_read_one_by_text(st, arena, sql, token_hash, "session", read_user_session, &row,
                                  err);
}

enum sp_code store_signin_touch(struct store *st, int64_t id, int64_t now, struct sp_err *err)
{
    return store_run_with_ints(st, "UPDATE session SET last_seen = $2 WHERE id = $1", id, now, err);
}

enum sp_code store_signin_end(struct store *st, int64_t id, struct sp_err *err)
{
    return store_run_with_id(st, "UPDATE session SET ended = 1 WHERE id = $1", id, err);
}

enum sp_code store_signin_end_user(struct store *st, int64_t user_id, struct sp_err *err)
{
    static const char sql[] = "UPDATE session SET ended = 1 WHERE user_id = $1 AND ended = 0";

    return store_run_with_id(st, sql, user_id, err);
}

/* ---- API tokens ----------------------------------------------------------------------------- */

#define TOKEN_COLUMNS "id, user_id, label, scope, created_at, expires_at, revoked_at"

static enum sp_code read_token(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                               void *item, struct sp_err *err)
{
    struct api_token *t = item;

    (void)st;
    (void)err;
    t->id = sql_column_int64(stmt, 0);
    t->user_id = sql_column_int64(stmt, 1);
    t->label = sql_column_dup(stmt, 2, arena);
    t->scope = sql_column_dup(stmt, 3, arena);
    t->created_at = sql_column_int64(stmt, 4);
    t->expires_at = sql_column_null(stmt, 5) ? 0 : sql_column_int64(stmt, 5); /* 0: never */
    t->revoked_at = sql_column_null(stmt, 6) ? 0 : sql_column_int64(stmt, 6); /* 0: in force */
    return SP_OK;
}

enum sp_code store_token_create(struct store *st, const char *token_hash, const struct api_token *t,
                                int64_t *id, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO api_token (token_hash, user_id, label, scope, created_at, expires_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, token_hash);
        sql_bind_int64(stmt, 2, t->user_id);
        sql_bind_text(stmt, 3, t->label);
        sql_bind_text(stmt, 4, t->scope);
        sql_bind_int64(stmt, 5, t->created_at);
        store_bind_positive_or_null(stmt, 6, t->expires_at);
        rc = insert_returning_id(stmt, NULL, id, err);
    }
    sql_release(stmt);
    return rc;
}

/* Revoked and expired tokens too: the caller decides. */
enum sp_code store_token_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                             struct api_token *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " TOKEN_COLUMNS " FROM api_token WHERE token_hash = $1";

    return store_read_one_by_text(st, arena, sql, token_hash, "token", read_token, out, err);
}

enum sp_code store_token_list(struct store *st, struct sp_arena *arena, int64_t user_id,
                              struct api_token **items, size_t *count, struct sp_err *err)
{
    /* Every token, never cut: the command line lists them for an operator to revoke. $1 as in
     * store_team_list. */
    static const char sql[] = "SELECT " TOKEN_COLUMNS " FROM api_token"
                              " WHERE (user_id = $1 OR $1 = 0) ORDER BY id DESC";
    void *rows = NULL;
    enum sp_code rc =
        store_read_all_of(st, arena, sql, user_id, sizeof **items, read_token, &rows, count, err);

    *items = rows;
    return rc;
}

/* A second revoke keeps the first time: revoked_at records when the token stopped working. */
enum sp_code store_token_revoke(struct store *st, int64_t id, int64_t now, struct sp_err *err)
{
    static const char sql[] =
        "UPDATE api_token SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id";

    return update_one(st, sql, id, NULL, now, "token", err);
}

/* ---- the login throttle --------------------------------------------------------------------- */

enum sp_code store_throttle_get(struct store *st, const char *username, int *failures,
                                int64_t *locked_until, struct sp_err *err)
{
    /* An upsert that changes nothing takes the row's lock (PostgreSQL: ON CONFLICT DO UPDATE
     * locks the conflicting row and reads its newest committed version; SQLite: the write lock
     * is already held), so two processes counting an attempt for one username at once queue
     * here and neither count is lost. */
    static const char sql[] =
        "INSERT INTO login_throttle (username, failures, locked_until) VALUES ($1, 0, 0)"
        " ON CONFLICT (username) DO UPDATE SET failures = login_throttle.failures"
        " RETURNING failures, locked_until";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *failures = 0;
    *locked_until = 0;
    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, username);
        rc = sql_step(stmt, &row, NULL, err);
    }
    if (rc == SP_OK && row) {
        *failures = sql_column_int(stmt, 0);
        *locked_until = sql_column_int64(stmt, 1);
    }
    sql_release(stmt);
    return rc;
}

/* One statement, insert or update: two processes recording a failure at once never collide on
 * the primary key (ON CONFLICT on both engines). */
enum sp_code store_throttle_set(struct store *st, const char *username, int failures,
                                int64_t locked_until, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO login_throttle (username, failures, locked_until) VALUES ($1, $2, $3)"
        " ON CONFLICT (username) DO UPDATE SET failures = excluded.failures,"
        " locked_until = excluded.locked_until";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, username);
        sql_bind_int64(stmt, 2, failures);
        sql_bind_int64(stmt, 3, locked_until);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_throttle_clear(struct store *st, const char *username, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc =
        sql_prepare(st->conn, "DELETE FROM login_throttle WHERE username = $1", &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, username);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}
