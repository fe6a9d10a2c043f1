/* Teams and users. */
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"

#include "store/sqlite_int.h"

enum sp_code store_team_create(struct store *st, struct team *t, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "INSERT INTO team (project_id, municipality_code, name)"
                                     " VALUES ($1, $2, $3) RETURNING id",
                                     &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, t->project_id);
        sqlite_bind_text(stmt, 2, t->municipality_code);
        sqlite_bind_text(stmt, 3, t->name);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            t->id = sqlite3_column_int64(stmt, 0);
        else
            rc = sqlite_error(st, src, "/municipality_code", err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_team_get(struct store *st, struct sp_arena *arena, int64_t id, struct team *out,
                            struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "SELECT id, project_id, municipality_code, name FROM team WHERE id = $1", &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            out->id = sqlite3_column_int64(stmt, 0);
            out->project_id = sqlite3_column_int64(stmt, 1);
            out->municipality_code = sqlite_column_dup(stmt, 2, arena);
            out->name = sqlite_column_dup(stmt, 3, arena);
        } else if (src == SQLITE_DONE) {
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such team.");
        } else {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_user_create(struct store *st, const struct store_user_new *u, const char *now,
                               int64_t *id, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO app_user (username, display_name, organisation_code, password_hash,"
        " disabled, created_at) VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
        &stmt, err);
    int src;

    if (rc != SP_OK)
        goto out;
    sqlite_bind_text(stmt, 1, u->username);
    sqlite_bind_text(stmt, 2, u->display_name);
    sqlite_bind_text(stmt, 3, u->organisation_code);
    sqlite_bind_text(stmt, 4, u->password_hash);
    sqlite_bind_text(stmt, 5, now);
    src = sqlite3_step(stmt);
    if (src != SQLITE_ROW) {
        rc = sqlite_error(st, src, "/username", err);
        goto out;
    }
    *id = sqlite3_column_int64(stmt, 0);
    sqlite_release(st, stmt);
    stmt = NULL;
    rc = sqlite_prepare(st, "INSERT INTO user_role (user_id, role) VALUES ($1, $2)", &stmt, err);
    for (size_t i = 0; rc == SP_OK && i < u->role_count; i++) {
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, *id);
        sqlite_bind_text(stmt, 2, u->roles[i]);
        rc = sqlite_step_done(st, stmt, "/roles", err);
    }
out:
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_team_member_add(struct store *st, int64_t team_id, int64_t user_id,
                                   struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "INSERT INTO team_member (team_id, user_id) VALUES ($1, $2)"
                                     " ON CONFLICT DO NOTHING",
                                     &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, team_id);
        sqlite3_bind_int64(stmt, 2, user_id);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_user_bump_version(struct store *st, int64_t id, int64_t if_version,
                                     int64_t *version, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "UPDATE app_user SET version = version + 1"
                                     " WHERE id = $1 AND version = $2 RETURNING version",
                                     &stmt, err);
    int src;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, if_version);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW)
        *version = sqlite3_column_int64(stmt, 0);
    else if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    if (rc != SP_OK || src == SQLITE_ROW)
        return rc;
    rc = sqlite_prepare(st, "SELECT version FROM app_user WHERE id = $1", &stmt, err);
    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW) {
        err->current_version = sqlite3_column_int64(stmt, 0);
        rc = sp_err_set(err, SP_STALE, "",
                        "The account has changed since it was read. Read it again and retry.");
    } else {
        rc = src == SQLITE_DONE ? sp_err_set(err, SP_NOT_FOUND, "", "No such user.")
                                : sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}
