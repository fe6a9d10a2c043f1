/* Teams, users and Idempotency-Key records (their answers sealed at rest, as identifiers are). */
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

/* The stored answer opened into the arena; one that does not open (altered, or another key file)
 * reads as SP_INTERNAL, logged without its content. */
static enum sp_code open_answer(struct store *st, sqlite3_stmt *stmt, int col,
                                struct sp_arena *arena, const char **body, struct sp_err *err)
{
    const char *sealed = (const char *)sqlite3_column_text(stmt, col);
    size_t len = 0;
    char *plain = st->keys && sealed ? sp_crypto_open_alloc(st->keys, sealed, &len) : NULL;

    if (plain == NULL) {
        sp_log(SP_LOG_ERROR, "an idempotent answer does not open with this key file");
        return sp_err_set(err, SP_INTERNAL, "", "A record cannot be decrypted. See the log.");
    }
    *body = sp_arena_strndup(arena, plain, len);
    free(plain);
    return SP_OK;
}

enum sp_code store_idempotent_get(struct store *st, struct sp_arena *arena, const char *key_hash,
                                  int64_t not_before, bool *found, struct store_idempotent *out,
                                  struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc =
        sqlite_prepare(st,
                       "SELECT request_hash, status, location, body_enc, etag_version,"
                       " citizen_id FROM idempotency"
                       " WHERE key_hash = $1 AND created_s >= $2",
                       &stmt, err);

    *found = false;
    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, key_hash);
        sqlite3_bind_int64(stmt, 2, not_before);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            out->request_hash = sqlite_column_dup(stmt, 0, arena);
            out->status = sqlite3_column_int(stmt, 1);
            out->location = sqlite_column_dup(stmt, 2, arena);
            out->etag_version = sqlite3_column_int64(stmt, 4);
            out->citizen_id = sqlite3_column_int64(stmt, 5);
            rc = open_answer(st, stmt, 3, arena, &out->body, err);
            *found = rc == SP_OK;
        } else if (src != SQLITE_DONE) {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

/* Expired answers go as new ones come: the table holds at most a day of writes. */
static enum sp_code delete_expired_answers(struct store *st, int64_t expire_before,
                                           struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc =
        sqlite_prepare(st, "DELETE FROM idempotency WHERE created_s < $1", &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, expire_before);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_idempotent_put(struct store *st, const char *key_hash,
                                  const struct store_idempotent *rec, int64_t now,
                                  int64_t expire_before, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = st->keys == NULL ? sp_err_set(err, SP_INTERNAL, "", "No key file is loaded.")
                                       : delete_expired_answers(st, expire_before, err);

    if (rc == SP_OK)
        rc = sqlite_prepare(st,
                            "INSERT INTO idempotency (key_hash, request_hash, status, location,"
                            " body_enc, created_s, etag_version, citizen_id)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                            &stmt, err);
    if (rc == SP_OK) {
        char *sealed = sp_crypto_seal(st->keys, rec->body, strlen(rec->body));

        sqlite_bind_text(stmt, 1, key_hash);
        sqlite_bind_text(stmt, 2, rec->request_hash);
        sqlite3_bind_int(stmt, 3, rec->status);
        sqlite_bind_text(stmt, 4, rec->location);
        sqlite_bind_text(stmt, 5, sealed);
        sqlite3_bind_int64(stmt, 6, now);
        if (rec->etag_version > 0)
            sqlite3_bind_int64(stmt, 7, rec->etag_version);
        if (rec->citizen_id > 0)
            sqlite3_bind_int64(stmt, 8, rec->citizen_id);
        free(sealed);
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
