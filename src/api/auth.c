/* Sign-in, sessions and API tokens (docs/security-model.md).
 *   POST /api/v1/auth/login   {username, password} → 200 {csrf_token, user} + session cookie;
 *                             401 for an unknown user and a wrong password alike; 429 when
 *                             throttled
 *   POST /api/v1/auth/logout  ends the session
 *   GET  /api/v1/auth/me      the signed-in user */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "base/crypto.h"
#include "policy/policy.h"

#define SESSION_IDLE_S (30 * 60)
#define SESSION_ABSOLUTE_S (12 * 60 * 60)
#define SESSION_TOUCH_S 60 /* last_seen is written at most once a minute per session */
#define THROTTLE_AFTER 5
#define THROTTLE_FIRST_S 30
#define THROTTLE_MAX_S (15 * 60)
#define SESSION_COOKIE "samspor_session"

/* An argon2id hash of nothing anyone knows: an unknown username is checked against it, so that
 * it costs the same time as a wrong password (no user enumeration by timing). */
static char dummy_hash[SP_PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
    char secret[65];

    sp_crypto_token(secret);
    if (!sp_crypto_password_hash(secret, dummy_hash))
        dummy_hash[0] = '\0';
}

static int64_t now_s(void)
{
    return (int64_t)time(NULL);
}

static json_t *user_json(const struct user *u)
{
    json_t *roles = json_array();
    json_t *teams = json_array();

    for (size_t i = 0; i < u->role_count; i++)
        api_push(&roles, json_string(u->roles[i]));
    for (size_t i = 0; i < u->team_count; i++)
        api_push(&teams,
                 api_pack("{s:I, s:I, s:s}", "id", (json_int_t)u->teams[i].team_id, "project_id",
                          (json_int_t)u->teams[i].project_id, "municipality_code",
                          u->teams[i].municipality_code ? u->teams[i].municipality_code : ""));
    return api_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)u->id, "username",
                    u->username, "display_name", u->display_name, "organisation_code",
                    u->organisation_code, "roles", roles, "teams", teams);
}

/* The signed-in subject is u, unless its account is disabled. */
static enum sp_code use_subject(struct api_ctx *ctx, struct user *u, bool via_token, bool may_write,
                                struct sp_err *err)
{
    struct policy_subject *who = sp_arena_alloc(ctx->arena, sizeof *who);

    if (u->disabled)
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "This account cannot sign in.");
    who->user = u;
    who->roles = policy_roles_of(u);
    who->via_token = via_token;
    who->may_write = may_write;
    ctx->subject = who;
    return SP_OK;
}

static enum sp_code load_subject(struct api_ctx *ctx, int64_t user_id, bool via_token,
                                 bool may_write, struct sp_err *err)
{
    struct user *u = sp_arena_alloc(ctx->arena, sizeof *u);
    enum sp_code rc = store_user_get(ctx->store, ctx->arena, user_id, u, err);

    if (rc == SP_NOT_FOUND)
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "This account cannot sign in.");
    return rc == SP_OK ? use_subject(ctx, u, via_token, may_write, err) : rc;
}

static enum sp_code authenticate_token(struct api_ctx *ctx, const char *token, bool state_changing,
                                       struct sp_err *err)
{
    struct api_token t;
    char hash[65];
    int64_t now = now_s();
    enum sp_code rc;

    sp_crypto_hash_hex(token, strlen(token), hash);
    rc = store_token_get(ctx->store, ctx->arena, hash, &t, err);
    if (rc == SP_NOT_FOUND ||
        (rc == SP_OK && (t.revoked_at != 0 || (t.expires_at != 0 && t.expires_at <= now))))
        return sp_err_set(err, SP_UNAUTHENTICATED, "",
                          "The API token is unknown, revoked or expired.");
    if (rc == SP_OK)
        rc = load_subject(ctx, t.user_id, true, strcmp(t.scope, "read,write") == 0, err);
    if (rc == SP_OK && state_changing && !ctx->subject->may_write)
        rc = sp_err_set(err, SP_FORBIDDEN, "", "This API token may only read.");
    return rc;
}

static enum sp_code authenticate_session(struct api_ctx *ctx, const char *cookie, const char *csrf,
                                         bool state_changing, struct sp_err *err)
{
    struct session s;
    struct user *u = sp_arena_alloc(ctx->arena, sizeof *u);
    char hash[65];
    int64_t now = now_s();
    enum sp_code rc;

    /* The session and its user in one read (a statement is a round trip on PostgreSQL). */
    sp_crypto_hash_hex(cookie, strlen(cookie), hash);
    rc = store_signin_get_user(ctx->store, ctx->arena, hash, &s, u, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && s.ended))
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "Sign in first.");
    if (rc == SP_OK &&
        (now - s.last_seen > SESSION_IDLE_S || now - s.created_at > SESSION_ABSOLUTE_S))
        return sp_err_set(err, SP_UNAUTHENTICATED, "", "The session has expired. Sign in again.");
    if (rc == SP_OK && state_changing && (csrf == NULL || !sp_crypto_equal(csrf, s.csrf_token)))
        return sp_err_set(err, SP_CSRF, "X-CSRF-Token",
                          "Send the X-CSRF-Token you received when signing in.");
    if (rc == SP_OK)
        rc = use_subject(ctx, u, false, true, err);
    if (rc == SP_OK && now - s.last_seen >= SESSION_TOUCH_S)
        ctx->touch_session_at = now; /* written by api_release, outside the snapshot */
    if (rc == SP_OK) {
        ctx->session_id = s.id;
        ctx->session_csrf = s.csrf_token;
    }
    return rc;
}

static enum sp_code identify(struct api_ctx *ctx, const char *session_cookie,
                             const char *authorization, const char *csrf_header,
                             bool state_changing, struct sp_err *err)
{
    static const char bearer[] = "Bearer ";

    if (authorization != NULL) {
        /* Auth schemes are case-insensitive (RFC 9110 §11.1). */
        if (strncasecmp(authorization, bearer, sizeof bearer - 1) != 0 ||
            strlen(authorization + sizeof bearer - 1) != 64)
            return sp_err_set(err, SP_UNAUTHENTICATED, "Authorization",
                              "Send Authorization: Bearer and the API token.");
        return authenticate_token(ctx, authorization + sizeof bearer - 1, state_changing, err);
    }
    if (session_cookie != NULL && strlen(session_cookie) == 64)
        return authenticate_session(ctx, session_cookie, csrf_header, state_changing, err);
    return sp_err_set(err, SP_UNAUTHENTICATED, "", "Sign in first.");
}

/* The caller is identified inside a read transaction that the request then goes on using (one
 * WAL read lock per request instead of one per statement; docs/benchmarks.md). */
enum sp_code api_authenticate(struct api_ctx *ctx, const char *session_cookie,
                              const char *authorization, const char *csrf_header,
                              bool state_changing, struct sp_err *err)
{
    enum sp_code rc = store_begin_read(ctx->store, err);

    if (rc != SP_OK)
        return rc;
    ctx->snapshot_open = true;
    rc = identify(ctx, session_cookie, authorization, csrf_header, state_changing, err);
    if (rc != SP_OK) {
        store_rollback(ctx->store);
        ctx->snapshot_open = false;
    }
    return rc;
}

void api_release(struct api_ctx *ctx)
{
    struct sp_err ignored;

    if (ctx->store == NULL)
        return;
    if (ctx->snapshot_open) {
        store_rollback(ctx->store);
        ctx->snapshot_open = false;
    }
    /* last_seen only decides idle expiry, to the minute: a failure here costs nothing. */
    if (ctx->touch_session_at > 0 && ctx->session_id > 0)
        store_signin_touch(ctx->store, ctx->session_id, ctx->touch_session_at, &ignored);
    ctx->touch_session_at = 0;
}

/* Lower-case ASCII, so that throttling cannot be dodged by changing the case of a username. */
static void lower_copy(const char *in, char *out, size_t cap)
{
    size_t i = 0;

    for (; in[i] != '\0' && i + 1 < cap; i++)
        out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] + 32) : in[i];
    out[i] = '\0';
}

/* Count this attempt as a failure before the password is checked, in one write transaction, so
 * that parallel attempts cannot all slip through while argon2id runs; a good password clears
 * it. From the THROTTLE_AFTER-th attempt in a row the username is locked for 30 s, then 60, 120, …
 * up to 15 min. *locked_until > now means: refuse without checking. */
static enum sp_code reserve_attempt(struct api_ctx *ctx, const char *username,
                                    int64_t *locked_until, struct sp_err *err)
{
    int failures = 0;
    int64_t now = now_s();
    enum sp_code rc = store_begin_write(ctx->store, err);

    if (rc == SP_OK)
        rc = store_throttle_get(ctx->store, username, &failures, locked_until, err);
    if (rc == SP_OK && *locked_until <= now) {
        int64_t lock = 0;

        failures++;
        if (failures >= THROTTLE_AFTER) {
            int shift = failures - THROTTLE_AFTER;

            lock = now + (shift >= 5 || (THROTTLE_FIRST_S << shift) > THROTTLE_MAX_S
                              ? THROTTLE_MAX_S
                              : (THROTTLE_FIRST_S << shift));
        }
        rc = store_throttle_set(ctx->store, username, failures, lock, err);
        *locked_until = 0; /* this attempt goes ahead */
    }
    if (rc == SP_OK)
        rc = store_commit(ctx->store, err);
    if (rc != SP_OK)
        store_rollback(ctx->store);
    return rc;
}

static void audit_login(struct api_ctx *ctx, const struct user *u, const char *username,
                        const char *outcome)
{
    api_audit(ctx, 0, "login");
    ctx->audit->user_id = u ? u->id : 0;
    ctx->audit->username = sp_arena_strndup(ctx->arena, username, strlen(username));
    ctx->audit->outcome = outcome;
}

static enum sp_code start_session(struct api_ctx *ctx, struct user *u, const char *username,
                                  struct sp_err *err)
{
    char token[65];
    char hash[65];
    char csrf[65];
    char cookie[160];
    int64_t id = 0;
    enum sp_code rc;

    /* A fresh token at every sign-in: a token planted before it is never promoted. */
    sp_crypto_token(token);
    sp_crypto_token(csrf);
    sp_crypto_hash_hex(token, strlen(token), hash);
    rc = store_begin_write(ctx->store, err);
    if (rc == SP_OK)
        rc = store_signin_create(ctx->store, hash, u->id, csrf, now_s(), &id, err);
    if (rc == SP_OK)
        rc = store_throttle_clear(ctx->store, username, err);
    if (rc == SP_OK)
        rc = store_commit(ctx->store, err);
    if (rc != SP_OK) {
        store_rollback(ctx->store);
        return rc;
    }
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", SESSION_COOKIE,
             token, ctx->secure_transport ? "; Secure" : "");
    ctx->set_cookie = sp_arena_strndup(ctx->arena, cookie, strlen(cookie));
    return api_answer(ctx, api_pack("{s:s, s:o}", "csrf_token", csrf, "user", user_json(u)), err);
}

enum sp_code api_auth_login(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"username", "password", NULL};
    const char *username = NULL;
    const char *password = NULL;
    char key[128];
    struct user *u = sp_arena_alloc(ctx->arena, sizeof *u);
    int64_t locked_until = 0;
    bool known = false;
    bool good;
    enum sp_code rc = api_reject_unknown(ctx->body, allowed, err);

    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "username", true, 1, 100, ctx->arena, &username, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "password", true, 1, 1024, ctx->arena, &password, err);
    if (rc != SP_OK)
        return rc;
    lower_copy(username, key, sizeof key);
    rc = reserve_attempt(ctx, key, &locked_until, err);
    if (rc == SP_OK && locked_until > now_s()) {
        ctx->retry_after_s = (int)(locked_until - now_s());
        audit_login(ctx, NULL, key, "throttled");
        return sp_err_set(err, SP_THROTTLED, "",
                          "Too many failed sign-ins for this username. Wait and try again.");
    }
    if (rc == SP_OK)
        rc = store_user_by_username(ctx->store, ctx->arena, key, u, err);
    known = rc == SP_OK;
    if (rc == SP_NOT_FOUND)
        rc = SP_OK;
    if (rc != SP_OK)
        return rc;
    pthread_once(&dummy_once, make_dummy_hash);
    good = sp_crypto_password_verify(known ? u->password_hash : dummy_hash, password);
    if (!known || !good || u->disabled) {
        audit_login(ctx, known ? u : NULL, key, "failed");
        return sp_err_set(err, SP_UNAUTHENTICATED, "",
                          "The username or the password is wrong, or the account is disabled.");
    }
    rc = start_session(ctx, u, key, err);
    audit_login(ctx, u, key, rc == SP_OK ? "allowed" : sp_code_info(rc)->name);
    return rc;
}

enum sp_code api_auth_logout(struct api_ctx *ctx, struct sp_err *err)
{
    enum sp_code rc = policy_signed_in(ctx->subject, err);
    char cookie[128];

    if (rc == SP_OK && ctx->session_id > 0)
        rc = store_signin_end(ctx->store, ctx->session_id, err);
    if (rc != SP_OK)
        return rc;
    api_audit(ctx, 0, "logout");
    snprintf(cookie, sizeof cookie, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
             SESSION_COOKIE, ctx->secure_transport ? "; Secure" : "");
    ctx->set_cookie = sp_arena_strndup(ctx->arena, cookie, strlen(cookie));
    return api_answer(ctx, api_pack("{s:b}", "signed_out", 1), err);
}

enum sp_code api_auth_me(struct api_ctx *ctx, struct sp_err *err)
{
    enum sp_code rc = policy_signed_in(ctx->subject, err);

    if (rc != SP_OK)
        return rc;
    /* A reloaded tab gets its CSRF token back; only same-origin script can read this answer. */
    return api_answer(ctx,
                      api_pack("{s:o, s:s*}", "user", user_json(ctx->subject->user), "csrf_token",
                               ctx->session_csrf),
                      err);
}
