/* The api/ layer: one file per resource. A handler parses and validates its JSON, asks policy/,
 * calls core/ and store/, and builds a JSON reply. http/ has already run the fixed phases (size
 * limit, route, content type, JSON object, If-Match presence) before a handler runs, and turns
 * any code other than SP_OK into problem+json from *err. */
#ifndef SP_API_API_H
#define SP_API_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/mem.h"
#include "core/date.h"
#include "store/store.h"

struct policy_subject;
struct api_route;

/* One audit event a handler asks for; api_dispatch writes them with the request's outcome. */
struct api_audit_item {
    struct api_audit_item *next;
    int64_t citizen_id;
    const char *action;  /* "read", "search", "create", "update", "login", … */
    const char *outcome; /* NULL: the request's outcome ("allowed" or the problem code) */
    int64_t user_id;     /* for events without a subject (login): else 0 */
    const char *username;
};

struct api_ctx {
    /* in */
    const struct api_route *route;
    const struct sp_keys *keys;           /* borrowed for the server's life */
    struct store *store;                  /* this worker thread's connection */
    struct sp_arena *arena;               /* lives until the response has been sent */
    const struct policy_subject *subject; /* the caller; NULL on public routes */
    int64_t session_id;                   /* the cookie session, 0 for tokens */
    const char *session_csrf;             /* its CSRF token (arena), NULL for tokens */
    bool snapshot_open;                   /* a read transaction from authentication is open */
    int64_t touch_session_at;             /* > 0: write the session's last_seen at the end */
    int64_t id;                           /* the {id} of the path, 0 when the route has none */
    json_t *body;                         /* the request object (borrowed), NULL without body */
    bool has_if_match;
    int64_t if_match;                                   /* the version named by If-Match */
    const char *(*query)(void *conn, const char *name); /* query parameter or NULL */
    void *conn;
    struct core_date today; /* Danish calendar date of the request */
    char now[32];           /* UTC timestamp of the request */

    /* out */
    int status;             /* 200 unless set */
    json_t *reply;          /* owned: http/ serialises and frees it */
    const char *reply_raw;  /* a stored answer (idempotent replay), arena-owned; wins over reply */
    const char *location;   /* Location header, arena-owned, or NULL */
    int64_t etag_version;   /* > 0: send ETag: "<version>" */
    bool replayed;          /* Idempotent-Replayed: true */
    const char *set_cookie; /* Set-Cookie header, arena-owned, or NULL */
    int retry_after_s;      /* > 0: Retry-After header (throttled sign-in) */
    bool secure_transport;  /* the client reached us over TLS (cookies get Secure) */
    struct api_audit_item *audit; /* events to write, in any order */
};

typedef enum sp_code (*api_handler_fn)(struct api_ctx *ctx, struct sp_err *err);

enum api_route_flags {
    API_BODY = 1 << 0,       /* expects a JSON object body */
    API_IF_MATCH = 1 << 1,   /* needs If-Match (428 without) */
    API_WRITE = 1 << 2,      /* runs in a write transaction, rolled back on any error */
    API_IDEMPOTENT = 1 << 3, /* honours Idempotency-Key */
    API_RAW = 1 << 4,        /* reply_raw is static JSON (the OpenAPI document) */
    API_PUBLIC = 1 << 5,     /* answers without a session or token */
};

struct api_route {
    const char *method;  /* "GET", "POST", "PATCH" */
    const char *pattern; /* "/api/v1/enrolments/{id}"; {id} matches a positive integer */
    api_handler_fn handler;
    unsigned flags;
    const char *purpose; /* audit purpose: treatment, employment_support, joint_plan,
                            case_administration, administration, evaluation, authentication */
};

/* Every route, ending with a row whose method is NULL. Checked against the OpenAPI document by
 * tests/unit/api/openapi_test.c. */
extern const struct api_route api_routes[];

/* Run route's handler with transactions and Idempotency-Key as its flags say. idem_key may be
 * NULL; raw_body/raw_len are the request bytes (hashed to tell a retry from a reused key). */
enum sp_code api_dispatch(const struct api_route *route, struct api_ctx *ctx, const char *idem_key,
                          const char *raw_body, size_t raw_len, struct sp_err *err);

/* Who is calling: from an "Authorization: Bearer" token, else the session cookie (with the
 * X-CSRF-Token check for state-changing methods). Fills ctx->subject (arena-owned) or answers
 * SP_UNAUTHENTICATED / SP_CSRF / SP_FORBIDDEN (a read-only token on a write route). */
enum sp_code api_authenticate(struct api_ctx *ctx, const char *session_cookie,
                              const char *authorization, const char *csrf_header,
                              bool state_changing, struct sp_err *err);

/* End what authentication left open (its read transaction) and write the session's last_seen
 * when due. http/ calls it once per request, whatever the outcome. */
void api_release(struct api_ctx *ctx);

/* Ask for an audit event about citizen_id (0: none) for this request. */
void api_audit(struct api_ctx *ctx, int64_t citizen_id, const char *action);

/* Handlers, one file each. */
enum sp_code api_auth_login(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_auth_logout(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_auth_me(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_consents_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_consents_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_access_log_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_users_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_users_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_users_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_teams_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_team_members_set(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_health_live(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_health_ready(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_openapi_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_organisations_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_projects_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_projects_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_projects_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_citizens_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_citizens_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_citizens_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolments_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolments_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolments_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolments_patch(struct api_ctx *ctx, struct sp_err *err);

#endif
