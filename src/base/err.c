#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Titles follow PostgreSQL's message style: short, factual, lower case, no period. */
static const struct sp_code_info code_table[SP__COUNT] = {
    [SP_OK] = {"ok", 200, "ok"},
    [SP_MALFORMED] = {"malformed", 400, "request body is not valid JSON"},
    [SP_INVALID] = {"invalid", 422, "request failed validation"},
    [SP_UNAUTHENTICATED] = {"unauthenticated", 401, "sign-in required"},
    [SP_FORBIDDEN] = {"forbidden", 403, "not allowed"},
    [SP_CSRF] = {"csrf", 403, "X-CSRF-Token missing or wrong"},
    [SP_THROTTLED] = {"throttled", 429, "too many failed sign-ins"},
    [SP_NOT_FOUND] = {"not_found", 404, "not found"},
    [SP_METHOD] = {"method_not_allowed", 405, "method not allowed on this resource"},
    [SP_CONFLICT] = {"conflict", 409, "conflicts with existing data"},
    [SP_PRECONDITION] = {"precondition_required", 428, "If-Match header required"},
    [SP_STALE] = {"stale", 412, "changed since it was read"},
    [SP_TOO_LARGE] = {"too_large", 413, "request body too large"},
    [SP_URI_TOO_LONG] = {"uri_too_long", 414, "request target too long"},
    [SP_HEADERS_LARGE] = {"headers_too_large", 431, "request header fields too large"},
    [SP_BAD_REQUEST] = {"bad_request", 400, "request line or header fields refused"},
    [SP_UNSUPPORTED] = {"unsupported_media_type", 415, "request body must be application/json"},
    [SP_BUSY] = {"busy", 503, "storage busy, try again"},
    [SP_UNAVAILABLE] = {"unavailable", 503, "storage unavailable"},
    [SP_INTERNAL] = {"internal", 500, "internal error"},
};

const struct sp_code_info *sp_code_info(enum sp_code code)
{
    if ((unsigned)code >= SP__COUNT)
        return &code_table[SP_INTERNAL];
    return &code_table[code];
}

enum sp_code sp_err_set(struct sp_err *err, enum sp_code code, const char *field, const char *fmt,
                        ...)
{
    va_list ap;

    err->code = code;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->detail, sizeof err->detail, fmt, ap);
    va_end(ap);
    return code;
}
