/* Transactions and Idempotency-Key around a handler, as its route's flags say. A write route
 * runs inside one write transaction: on any error it is rolled back, so a rejected request
 * writes nothing. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/crypto.h"

/* The stored answer of an earlier request with this key, if any: replay it (same body) or refuse
 * (another body under the same key, draft-ietf-httpapi-idempotency-key-header §2.7). */
static enum sp_code replay_if_known(struct api_ctx *ctx, const char *route, const char *key,
                                    const char *hash, bool *replayed, struct sp_err *err)
{
    struct store_idempotent rec;
    bool found = false;
    enum sp_code rc = store_idempotent_get(ctx->store, ctx->arena, key, route, &found, &rec, err);

    *replayed = false;
    if (rc != SP_OK || !found)
        return rc;
    if (strcmp(rec.request_hash, hash) != 0)
        return sp_err_set(err, SP_INVALID, "Idempotency-Key",
                          "This Idempotency-Key was used for a different request.");
    ctx->status = rec.status;
    ctx->reply_raw = rec.body;
    ctx->location = rec.location;
    ctx->etag_version = rec.etag_version;
    ctx->replayed = true;
    *replayed = true;
    return SP_OK;
}

static enum sp_code remember_answer(struct api_ctx *ctx, const char *route, const char *key,
                                    const char *hash, struct sp_err *err)
{
    struct store_idempotent rec = {
        .request_hash = hash, .status = ctx->status, .location = ctx->location};
    char *body = json_dumps(ctx->reply, JSON_COMPACT);
    enum sp_code rc;

    rec.body = body;
    rc = store_idempotent_put(ctx->store, key, route, &rec, ctx->now, err);
    free(body);
    return rc;
}

enum sp_code api_dispatch(const struct api_route *route, struct api_ctx *ctx, const char *idem_key,
                          const char *raw_body, size_t raw_len, struct sp_err *err)
{
    char hash[65];
    bool replayed = false;
    enum sp_code rc;

    if (!(route->flags & API_WRITE))
        return route->handler(ctx, err);
    if (!(route->flags & API_IDEMPOTENT))
        idem_key = NULL;
    rc = store_begin_write(ctx->store, err);
    if (rc != SP_OK)
        return rc;
    if (idem_key != NULL) {
        sp_crypto_hash_hex(raw_body ? raw_body : "", raw_len, hash);
        rc = replay_if_known(ctx, route->pattern, idem_key, hash, &replayed, err);
    }
    if (rc == SP_OK && !replayed)
        rc = route->handler(ctx, err);
    if (rc == SP_OK && !replayed && idem_key != NULL)
        rc = remember_answer(ctx, route->pattern, idem_key, hash, err);
    if (rc == SP_OK)
        rc = store_commit(ctx->store, err);
    if (rc != SP_OK) {
        store_rollback(ctx->store);
        if (ctx->reply != NULL) {
            json_decref(ctx->reply);
            ctx->reply = NULL;
        }
        ctx->reply_raw = NULL;
        ctx->location = NULL;
        ctx->etag_version = 0;
    }
    return rc;
}
