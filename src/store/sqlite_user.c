/* Idempotency-Key records (their answers sealed at rest, as identifiers are). Teams and users are
 * in accounts.c. */
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"

#include "store/sqlite_int.h"

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
