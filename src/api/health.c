/* GET /healthz — the process is up (no storage touched: a load balancer's liveness probe).
 * GET /readyz  — storage answers: 200, or 503 unavailable. */
#include "api/api.h"
#include "api/pack.h"
#include "base/embedded.h"

enum sp_code api_health_live(struct api_ctx *ctx, struct sp_err *err)
{
    (void)err;
    /* A constant answer, sent from static memory: a load balancer asks this very often. */
    ctx->reply_raw = "{\"status\":\"ok\"}";
    return SP_OK;
}

enum sp_code api_health_ready(struct api_ctx *ctx, struct sp_err *err)
{
    enum sp_code rc = store_ping(ctx->store, err);

    if (rc == SP_OK)
        rc = api_answer(ctx, api_pack("{s:s}", "status", "ready"), err);
    return rc;
}

/* GET /api/v1/openapi.json — the contract, compiled into the binary from src/api/openapi.json. */
enum sp_code api_openapi_get(struct api_ctx *ctx, struct sp_err *err)
{
    (void)err;
    ctx->reply_raw = sp_openapi_json;
    return SP_OK;
}
