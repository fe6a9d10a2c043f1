/* Idempotency-Key records: a key claimed in the write transaction before the handler runs, its
 * answer written into the claimed row before commit, sealed at rest as identifiers are.
 *
 * Why a claim and not check-then-insert: on PostgreSQL under READ COMMITTED two requests with one
 * key both see "no answer yet", both run the handler and one insert then fails on the key. An
 * INSERT … ON CONFLICT instead waits on the key's unique index for the transaction that holds it
 * and acts on the outcome (postgresql.org/docs/15/sql-insert.html#SQL-ON-CONFLICT: "ON CONFLICT
 * DO UPDATE guarantees an atomic INSERT or UPDATE outcome"; a row not updated because of the
 * WHERE is still locked). On SQLite the one writer gives the same order. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"
#include "store/store_int.h"

static enum sp_code no_keys(struct sp_err *err)
{
    return sp_err_set(err, SP_INTERNAL, "", "No key file is loaded.");
}

/* Expired answers are deleted as keys are claimed, at most once a minute per process: the table
 * holds a day of writes and a minute more. Not at every claim: on PostgreSQL a writer that deletes
 * a row holds it until commit, and every other writer deleting the same just-expired rows would
 * wait for that whole request. Run first in the transaction, before it holds any other row of the
 * table. An expired row of the key being claimed is taken over by the claim itself. */
#define PURGE_EVERY_S 60

static _Atomic int64_t last_purge_s;

/* True for the one caller per PURGE_EVERY_S that should delete (by the caller's clock). */
static bool purge_due(int64_t now)
{
    int64_t last = atomic_load(&last_purge_s);

    return now - last >= PURGE_EVERY_S && atomic_compare_exchange_strong(&last_purge_s, &last, now);
}

static enum sp_code delete_expired(struct store *st, int64_t expire_before, struct sp_err *err)
{
    return store_run_with_id(st, "DELETE FROM idempotency WHERE created_s < $1", expire_before,
                             err);
}

/* Insert the key's row for this request, or take over an expired one: *claimed true when the
 * row is now this transaction's. Status 0 and an empty body until store_idempotent_answer; no
 * other transaction sees the row before commit. */
static enum sp_code insert_claim(struct store *st, const char *key_hash, const char *request_hash,
                                 int64_t now, int64_t expire_before, bool *claimed,
                                 struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO idempotency (key_hash, request_hash, status, location, body_enc, created_s,"
        " etag_version, citizen_id) VALUES ($1, $2, 0, NULL, '', $3, NULL, NULL)"
        " ON CONFLICT (key_hash) DO UPDATE SET request_hash = excluded.request_hash, status = 0,"
        " location = NULL, body_enc = '', created_s = excluded.created_s, etag_version = NULL,"
        " citizen_id = NULL WHERE idempotency.created_s < $4"
        " RETURNING created_s";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *claimed = false;
    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, key_hash);
        sql_bind_text(stmt, 2, request_hash);
        sql_bind_int64(stmt, 3, now);
        sql_bind_int64(stmt, 4, expire_before);
        rc = sql_step(stmt, claimed, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

/* The stored answer opened into the arena; one that does not open (altered, or another key file)
 * reads as SP_INTERNAL, logged without its content. */
static enum sp_code open_answer(struct store *st, const char *sealed, struct sp_arena *arena,
                                const char **body, struct sp_err *err)
{
    size_t len = 0;
    char *plain = sealed ? sp_crypto_open_alloc(st->keys, sealed, &len) : NULL;

    if (plain == NULL) {
        sp_log(SP_LOG_ERROR, "an idempotent answer does not open with this key file");
        return sp_err_set(err, SP_INTERNAL, "", "A record cannot be decrypted. See the log.");
    }
    *body = sp_arena_strndup(arena, plain, len);
    free(plain);
    return SP_OK;
}

/* The committed answer under key_hash, which another transaction holds or held. */
static enum sp_code read_answer(struct store *st, struct sp_arena *arena, const char *key_hash,
                                struct store_idempotent *out, struct sp_err *err)
{
    static const char sql[] = "SELECT request_hash, status, location, body_enc, etag_version,"
                              " citizen_id FROM idempotency WHERE key_hash = $1";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, key_hash);
        rc = sql_step(stmt, &row, NULL, err);
    }
    if (rc == SP_OK && row) {
        out->request_hash = sql_column_dup(stmt, 0, arena);
        out->status = sql_column_int(stmt, 1);
        out->location = sql_column_dup(stmt, 2, arena);
        out->etag_version = sql_column_int64(stmt, 4);
        out->citizen_id = sql_column_int64(stmt, 5);
        rc = open_answer(st, sql_column_text(stmt, 3), arena, &out->body, err);
    }
    sql_release(stmt);
    /* Never on either engine (the claim locked the row, and a row is answered before it is
     * committed); should it happen, the whole request runs again and claims the key. */
    if (rc == SP_OK && (!row || out->status == 0))
        rc = sp_err_set(err, SP_BUSY, "", "The request was being answered. Try again.");
    return rc;
}

enum sp_code store_idempotent_claim(struct store *st, struct sp_arena *arena, const char *key_hash,
                                    const char *request_hash, int64_t now, int64_t expire_before,
                                    bool *claimed, struct store_idempotent *earlier,
                                    struct sp_err *err)
{
    enum sp_code rc = st->keys == NULL ? no_keys(err) : SP_OK;

    *claimed = false;
    if (rc == SP_OK && purge_due(now))
        rc = delete_expired(st, expire_before, err);
    if (rc == SP_OK)
        rc = insert_claim(st, key_hash, request_hash, now, expire_before, claimed, err);
    if (rc == SP_OK && !*claimed)
        rc = read_answer(st, arena, key_hash, earlier, err);
    return rc;
}

enum sp_code store_idempotent_answer(struct store *st, const char *key_hash,
                                     const struct store_idempotent *rec, struct sp_err *err)
{
    static const char sql[] = "UPDATE idempotency SET status = $2, location = $3, body_enc = $4,"
                              " etag_version = $5, citizen_id = $6 WHERE key_hash = $1";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = st->keys == NULL ? no_keys(err) : sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        char *sealed = sp_crypto_seal(st->keys, rec->body, strlen(rec->body));

        sql_bind_text(stmt, 1, key_hash);
        sql_bind_int64(stmt, 2, rec->status);
        sql_bind_text(stmt, 3, rec->location);
        sql_bind_text(stmt, 4, sealed);
        store_bind_positive_or_null(stmt, 5, rec->etag_version);
        store_bind_positive_or_null(stmt, 6, rec->citizen_id);
        free(sealed);
        rc = sql_step_done(stmt, NULL, err);
    }
    if (rc == SP_OK && sql_changes(stmt) != 1)
        rc = sp_err_set(err, SP_INTERNAL, "", "The Idempotency-Key was not claimed.");
    sql_release(stmt);
    return rc;
}
