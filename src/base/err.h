/* Errors as values: every fallible function returns enum sp_code and fills the caller's
 * struct sp_err. Reporting never allocates. http/ turns a code into problem+json (RFC 9457). */
#ifndef SP_BASE_ERR_H
#define SP_BASE_ERR_H

#include <stdint.h>

enum sp_code {
    SP_OK,
    SP_MALFORMED,       /* body is not JSON, or not UTF-8 */
    SP_INVALID,         /* a member has the wrong type, range or length */
    SP_UNAUTHENTICATED, /* no session, or it expired */
    SP_FORBIDDEN,       /* policy/ refused */
    SP_CSRF,            /* a state change with a session but without its X-CSRF-Token */
    SP_THROTTLED,       /* too many failed logins for this username: wait */
    SP_NOT_FOUND,       /* absent, or its existence is not the caller's to know */
    SP_METHOD,          /* the route exists, the method does not */
    SP_CONFLICT,        /* unique key or Idempotency-Key already used */
    SP_PRECONDITION,    /* If-Match missing */
    SP_STALE,           /* If-Match names an older version */
    SP_TOO_LARGE,       /* body over the route's limit */
    SP_URI_TOO_LONG,    /* request target over its limit, or too many query parameters */
    SP_HEADERS_LARGE,   /* header fields over their limit (bytes or count) */
    SP_BAD_REQUEST,     /* request line or header fields refused (framing, NUL in the query) */
    SP_UNSUPPORTED,     /* body is not application/json */
    SP_BUSY,            /* database locked beyond busy_timeout */
    SP_UNAVAILABLE,     /* storage not reachable (readyz) */
    SP_INTERNAL,        /* a bug or an I/O error: the cause goes to the log only */
    SP__COUNT
};

struct sp_code_info {
    const char *name; /* problem+json "code": part of the API contract, never renamed */
    int status;       /* HTTP status */
    const char *title;
};

#define SP_ERR_FIELD_MAX 128
#define SP_ERR_DETAIL_MAX 256

struct sp_err {
    enum sp_code code;
    char field[SP_ERR_FIELD_MAX];   /* JSON Pointer of the offending member, "" for none */
    char detail[SP_ERR_DETAIL_MAX]; /* one or two plain sentences; never a personal value */
    int64_t current_version;        /* SP_STALE: the version now stored, else 0 */
};

/* The row for `code`; never NULL (out-of-range codes map to SP_INTERNAL's row). */
const struct sp_code_info *sp_code_info(enum sp_code code);

/* Fill *err with code, field (a JSON Pointer or "") and a printf-style detail; returns code so
 * that `return sp_err_set(...)` reads as one step. Truncates silently at the array sizes. */
enum sp_code sp_err_set(struct sp_err *err, enum sp_code code, const char *field, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));

#endif
