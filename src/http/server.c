/* libmicrohttpd front end. A request passes fixed phases before its handler, so that no handler
 * can forget one (as nginx's ngx_http_phases): the head (414 request target, 431 header fields,
 * 400 framing or a NUL in the query) → body limit 413 → route 404/405 → content type 415 → JSON
 * object 400 → If-Match 428 → Idempotency-Key shape 422 → handler. */
#include "http/server.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

#include "api/api.h"
#include "api/validate.h"
#include "audit/audit.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/parse.h"
#include "http/reply.h"
#include "http/router.h"
#include "store/store.h"

#define DEFAULT_BODY_LIMIT (1024 * 1024)

/* Limits of a request's head, checked before anything else. RFC 9110 §4.1 recommends accepting
 * request lines of at least 8000 octets; 8 KiB of header fields is nginx's default for one
 * header line (large_client_header_buffers), and far above what a browser sends. */
#define URI_MAX 8192
#define QUERY_PARAMS_MAX 64
#define HEADER_BYTES_MAX 8192
#define HEADER_FIELDS_MAX 100

/* libmicrohttpd keeps a request's head, the records it parses from it (48 bytes per header field
 * and query parameter) and the answer's header block in one pool per connection. 32 KiB (its
 * own default) holds a head at the limits above, and one of up to about 32 KiB beyond them (16
 * for a cookie, which is copied to be parsed) with room left to answer 414/431; a head that does
 * not fit at all is answered 414/431 by libmicrohttpd itself. 0.9.75 zeroes the whole pool after
 * every request, so it is not made larger than that. */
#define CONNECTION_MEMORY (32 * 1024)

/* Connections: as many as the descriptor limit allows once raised to its hard limit, less those
 * the process needs for itself (standard streams, the listening socket, the key file, and per
 * worker its epoll and wake-up descriptors and the SQLite database, WAL and shared-memory files),
 * and at most CONNECTIONS_MAX: each holds CONNECTION_MEMORY. */
#define CONNECTIONS_MAX 8192
#define DESCRIPTORS_RESERVED 64
#define DESCRIPTORS_PER_WORKER 8
#define DEFAULT_IDLE_TIMEOUT_S 20

struct server {
    const struct http_config *cfg;
    size_t body_limit;
    unsigned connection_limit;
    unsigned per_ip_limit;
    unsigned idle_timeout_s;
    struct store_pool *pool;
    struct store_pool *read_pool; /* --db-read's replica, or NULL */
    /* Stale reads go to the primary until then (sp_monotonic_us) after the replica failed one,
     * so that requests do not each wait for a replica that is away to refuse or time out. */
    _Atomic int64_t replica_rest_until_us;
    atomic_int in_flight;
    char id_prefix[9];           /* random per process, so ids differ between processes */
    atomic_uint_fast32_t id_seq; /* … and a counter within one */
    atomic_uint workers_started; /* worker connections opened, for their chains' labels */
};

/* One per request, made on the first call of the access handler and freed on completion. */
struct request {
    struct sp_arena *arena;
    int64_t start_us;
    char request_id[17];
    char method[8];
    const char *route; /* pattern for the access log: never the concrete path or query */
    int status;
    char *body;
    size_t body_len;
    size_t body_cap;
    bool too_large;
};

static const char *query_get(void *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

struct name_list {
    const char **names;
    size_t max;
    size_t count;
};

static enum MHD_Result add_name(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    struct name_list *list = cls;

    (void)kind;
    (void)value;
    if (list->count < list->max)
        list->names[list->count] = key;
    list->count++;
    return MHD_YES;
}

static size_t query_names(void *conn, const char **names, size_t max)
{
    struct name_list list = {.names = names, .max = max};

    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_name, &list);
    return list.count;
}

static const char *header_get(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

/* Methods are logged only when they are plain upper-case tokens. */
static void copy_method(char out[8], const char *method)
{
    size_t len = strlen(method);
    bool plain = len > 0 && len < 8;

    for (size_t i = 0; plain && i < len; i++)
        plain = method[i] >= 'A' && method[i] <= 'Z';
    snprintf(out, 8, "%s", plain ? method : "OTHER");
}

static bool append_body(struct server *srv, struct request *req, const char *data, size_t size)
{
    if (req->too_large || req->body_len + size > srv->body_limit) {
        req->too_large = true;
        return false;
    }
    if (req->body_len + size + 1 > req->body_cap) {
        size_t cap = req->body_cap ? req->body_cap : 4096;

        while (cap < req->body_len + size + 1)
            cap *= 2;
        req->body = sp_xrealloc(req->body, cap);
        req->body_cap = cap;
    }
    memcpy(req->body + req->body_len, data, size);
    req->body_len += size;
    req->body[req->body_len] = '\0';
    return true;
}

static bool is_json_content_type(const char *value)
{
    static const char json_type[] = "application/json";
    size_t n = sizeof json_type - 1;

    if (value == NULL || strncasecmp(value, json_type, n) != 0)
        return false;
    return value[n] == '\0' || value[n] == ';' || value[n] == ' ';
}

/* If-Match: "<version>" (a strong ETag as we send it). */
static enum sp_code parse_if_match(const char *value, int64_t *version, struct sp_err *err)
{
    size_t len = value ? strlen(value) : 0;

    if (value == NULL)
        return sp_err_set(err, SP_PRECONDITION, "If-Match",
                          "Send If-Match with the ETag of the version you read.");
    if (len < 3 || value[0] != '"' || value[len - 1] != '"' ||
        !sp_parse_i64(value + 1, len - 2, version) || *version < 1)
        return sp_err_set(err, SP_PRECONDITION, "If-Match",
                          "If-Match must be the ETag you read, such as \"3\".");
    return SP_OK;
}

static enum sp_code check_idempotency_key(const char *key, struct sp_err *err)
{
    size_t len = key ? strlen(key) : 0;

    if (key == NULL)
        return SP_OK;
    for (size_t i = 0; i < len; i++)
        if (key[i] < 0x21 || key[i] > 0x7e)
            len = 0; /* a character that is not visible ASCII: refused as the wrong shape */
    if (len < 1 || len > 200) {
        sp_err_invalid(err, "Idempotency-Key", SP_R_IDEMPOTENCY_KEY_FORMAT,
                       "Idempotency-Key must be 1 to 200 visible characters.");
        return sp_err_range(err, 1, 200);
    }
    return SP_OK;
}

/* Parse the body as one JSON object; duplicate keys and invalid UTF-8 are refused by jansson.
 * jansson's error text quotes the input, so only its position is passed on (docs/code-style.md). */
static enum sp_code parse_body(struct request *req, json_t **out, struct sp_err *err)
{
    json_error_t jerr;
    json_t *json;

    if (req->body_len == 0)
        return sp_err_set(err, SP_MALFORMED, "", "The request needs a JSON object as its body.");
    json = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (json == NULL) {
        if (json_error_code(&jerr) == json_error_duplicate_key)
            return sp_err_set(err, SP_MALFORMED, "",
                              "The body has a member twice (at byte %d). Send each member once.",
                              jerr.position);
        return sp_err_set(err, SP_MALFORMED, "",
                          "The body is not valid JSON in UTF-8 (at byte %d).", jerr.position);
    }
    if (!json_is_object(json)) {
        json_decref(json);
        return sp_err_set(err, SP_MALFORMED, "", "The body must be a JSON object.");
    }
    sp_arena_on_free(req->arena, (void (*)(void *))json_decref, json);
    *out = json;
    return SP_OK;
}

static enum MHD_Result queue_reply(struct MHD_Connection *conn, struct request *req,
                                   struct api_ctx *ctx, const struct api_route *route)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    char *text;

    if (ctx->reply_raw != NULL && (route->flags & API_RAW))
        resp = MHD_create_response_from_buffer(strlen(ctx->reply_raw), (void *)ctx->reply_raw,
                                               MHD_RESPMEM_PERSISTENT);
    else {
        text = ctx->reply_raw != NULL ? sp_xstrdup(ctx->reply_raw)
                                      : http_json_body(ctx->reply, route->pattern);
        if (text == NULL) { /* logged by http_json_body */
            struct sp_err err;

            sp_err_set(&err, SP_INTERNAL, "", "The answer could not be written.");
            return http_queue_problem(conn, &err, NULL, 0, req->request_id, &req->status);
        }
        resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    }
    MHD_add_response_header(resp, "Content-Type", "application/json");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    http_add_common_headers(resp, req->request_id);
    if (ctx->location != NULL)
        MHD_add_response_header(resp, "Location", ctx->location);
    if (ctx->replayed)
        MHD_add_response_header(resp, "Idempotent-Replayed", "true");
    if (ctx->set_cookie != NULL)
        MHD_add_response_header(resp, "Set-Cookie", ctx->set_cookie);
    if (ctx->etag_version > 0) {
        char etag[32];

        snprintf(etag, sizeof etag, "\"%" PRId64 "\"", ctx->etag_version);
        MHD_add_response_header(resp, "ETag", etag);
    }
    req->status = ctx->status;
    ret = MHD_queue_response(conn, (unsigned)ctx->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* All phases, then the handler. Runs on the last call of the access handler. */
/* State changes need the CSRF token of a cookie session (RFC 9110 §9.2.1: the others are safe). */
static bool is_state_changing(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
           strcmp(method, "OPTIONS") != 0;
}

/* The client reached a TLS terminator in front of us: cookies then carry Secure. */
static bool came_over_tls(struct MHD_Connection *conn)
{
    const char *proto = header_get(conn, "X-Forwarded-Proto");

    return proto != NULL && strcasecmp(proto, "https") == 0;
}

static void init_ctx(struct server *srv, struct MHD_Connection *conn, struct request *req,
                     int64_t id, struct api_ctx *ctx)
{
    int y, m, d;

    ctx->keys = srv->cfg->keys;
    ctx->arena = req->arena;
    ctx->id = id;
    ctx->query = query_get;
    ctx->query_names = query_names;
    ctx->conn = conn;
    ctx->status = 200;
    ctx->secure_transport = came_over_tls(conn);
    sp_clock_today(&y, &m, &d);
    ctx->today = (struct core_date){y, m, d};
    sp_clock_now_iso(ctx->now);
}

/* The replica is left alone this long after it failed a stale read or a connect. */
#define REPLICA_REST_US (5 * 1000 * 1000)

static void rest_replica(struct server *srv)
{
    atomic_store(&srv->replica_rest_until_us, sp_monotonic_us() + REPLICA_REST_US);
}

/* The replica's connection for staleness-tolerant reads; the primary's when there is no replica,
 * it cannot be reached, or it failed a read a moment ago (a read that may be stale may also be
 * fresh). */
static struct store *replica_or_primary(struct server *srv, struct store *primary)
{
    struct sp_err ignored = {0};
    struct store *replica;

    if (srv->read_pool == NULL || sp_monotonic_us() < atomic_load(&srv->replica_rest_until_us))
        return primary;
    replica = store_pool_get(srv->read_pool, &ignored);
    if (replica == NULL) {
        rest_replica(srv);
        return primary;
    }
    return replica;
}

/* Phases before the handler, in order: 413, 404/405, 401 (who), 403 (CSRF), 415, 400 (JSON),
 * 428 (If-Match), 422 (Idempotency-Key). SP_OK when the handler may run. */
static enum sp_code run_phases(struct server *srv, struct MHD_Connection *conn, struct request *req,
                               enum http_match match, const struct api_route *route,
                               const char *method, const char *idem_key, struct api_ctx *ctx,
                               struct sp_err *err)
{
    enum sp_code rc = SP_OK;

    if (req->too_large)
        return sp_err_set(err, SP_TOO_LARGE, "", "The body is larger than %zu bytes.",
                          srv->body_limit);
    if (match == HTTP_MATCH_NO_PATH)
        return sp_err_set(err, SP_NOT_FOUND, "", "There is nothing at this address.");
    if (match == HTTP_MATCH_NO_METHOD)
        return SP_METHOD;
    ctx->store = store_pool_get(srv->pool, err);
    if (ctx->store == NULL)
        return err->code;
    ctx->stale_store = replica_or_primary(srv, ctx->store);
    if (!(route->flags & API_PUBLIC))
        rc = api_authenticate(ctx,
                              MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "samspor_session"),
                              header_get(conn, "Authorization"), header_get(conn, "X-CSRF-Token"),
                              is_state_changing(method), err);
    if (rc == SP_OK && (route->flags & API_BODY) &&
        !is_json_content_type(header_get(conn, "Content-Type")))
        rc = sp_err_set(err, SP_UNSUPPORTED, "", "Send the body as application/json.");
    if (rc == SP_OK && (route->flags & API_BODY))
        rc = parse_body(req, &ctx->body, err);
    if (rc == SP_OK && (route->flags & API_IF_MATCH_OPTIONAL) &&
        header_get(conn, "If-Match") != NULL) {
        rc = parse_if_match(header_get(conn, "If-Match"), &ctx->if_match, err);
        ctx->has_if_match = rc == SP_OK;
    }
    if (rc == SP_OK && (route->flags & API_IF_MATCH)) {
        rc = parse_if_match(header_get(conn, "If-Match"), &ctx->if_match, err);
        ctx->has_if_match = rc == SP_OK;
    }
    if (rc == SP_OK && (route->flags & API_IDEMPOTENT))
        rc = check_idempotency_key(idem_key, err);
    return rc;
}

/* Every phase, then the handler. Runs on the last call of the access handler. */
static enum MHD_Result handle(struct server *srv, struct MHD_Connection *conn, struct request *req,
                              const char *url, const char *method)
{
    const struct api_route *route = NULL;
    struct api_ctx ctx = {0};
    struct sp_err err = {0};
    char allow[64];
    int64_t id = 0;
    enum sp_code rc;
    enum http_match match;
    const char *idem_key = header_get(conn, "Idempotency-Key");
    enum MHD_Result ret;

    match = http_route_match(method, url, &route, &id, allow, sizeof allow);
    if (match == HTTP_MATCH_NO_PATH && strncmp(url, "/api/", 5) != 0 &&
        (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)) {
        req->route = "/{asset}";
        return http_queue_asset(conn, url, req->request_id, &req->status);
    }
    req->route = match == HTTP_MATCH_NO_PATH ? "(unmatched)" : route ? route->pattern : "(method)";
    init_ctx(srv, conn, req, id, &ctx);
    if (match == HTTP_MATCH_FOUND && http_route_key(route->pattern, url, ctx.key))
        ctx.has_key = true;
    rc = run_phases(srv, conn, req, match, route, method, idem_key, &ctx, &err);
    if (rc == SP_METHOD) {
        sp_err_set(&err, SP_METHOD, "", "Use one of: %s.", allow);
        return http_queue_problem(conn, &err, allow, 0, req->request_id, &req->status);
    }
    if (rc == SP_OK)
        rc = api_dispatch(route, &ctx, idem_key, req->body, req->body_len, &err);
    if (ctx.stale_unavailable)
        rest_replica(srv);
    api_release(&ctx);
    if (rc == SP_BUSY && ctx.retry_after_s <= 0)
        ctx.retry_after_s = API_BUSY_RETRY_AFTER_S;
    if (rc != SP_OK) {
        if (ctx.reply != NULL)
            json_decref(ctx.reply);
        return http_queue_problem(conn, &err, NULL, ctx.retry_after_s, req->request_id,
                                  &req->status);
    }
    ret = queue_reply(conn, req, &ctx, route);
    json_decref(ctx.reply);
    return ret;
}

/* What the URI callback found wrong with a request target. libmicrohttpd stores the callback's
 * answer as the request's context pointer, so these are addresses of two markers: nothing is
 * allocated before the request is known to be worth reading. */
static char uri_too_long_mark;
static char too_many_params_mark;

static bool is_uri_mark(const void *p)
{
    return p == &uri_too_long_mark || p == &too_many_params_mark;
}

/* Called by libmicrohttpd with the raw request target as soon as the request line is read, before
 * it parses the query. A target over URI_MAX, or with more than QUERY_PARAMS_MAX parameters, is
 * marked for 414, and its query is cut off here so that libmicrohttpd parses none of it: 0.9.75
 * ignores a failure to store a parsed parameter (parse_initial_message_line() does not look at
 * MHD_parse_arguments_()'s result), so a query whose records overflow the connection's memory
 * leaves the connection waiting for the idle timeout with its 431 never sent. strchr() hands back
 * a writable pointer into libmicrohttpd's own read buffer, where the target was copied. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    char *query;
    size_t params = 1;
    size_t len;

    (void)cls;
    (void)conn;
    if (uri == NULL)
        return NULL;
    len = strlen(uri);
    query = strchr(uri, '?');
    if (query != NULL)
        for (const char *p = query + 1; *p != '\0' && params <= QUERY_PARAMS_MAX; p++)
            params += *p == '&';
    if (len <= URI_MAX && (query == NULL || params <= QUERY_PARAMS_MAX))
        return NULL;
    if (query != NULL)
        query[1] = '\0';
    return len > URI_MAX ? &uri_too_long_mark : &too_many_params_mark;
}

/* What the header fields add up to, and the ones that decide where the body ends. */
struct head_stats {
    size_t fields;
    size_t bytes;
    unsigned content_lengths;
    unsigned transfer_encodings;
    bool chunked_only; /* the one Transfer-Encoding is exactly "chunked" */
};

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    size_t key_size, const char *value, size_t value_size)
{
    struct head_stats *st = cls;

    (void)kind;
    st->fields++;
    st->bytes += key_size + value_size + 4; /* ": " and CRLF */
    if (strcasecmp(key, "Content-Length") == 0)
        st->content_lengths++;
    if (strcasecmp(key, "Transfer-Encoding") == 0) {
        st->transfer_encodings++;
        st->chunked_only = value != NULL && strcasecmp(value, "chunked") == 0;
    }
    return MHD_YES;
}

/* The first query parameter whose name or decoded value holds a NUL byte ("%00"): libmicrohttpd
 * hands values over as C strings, so "lang=da%00x" would otherwise read as "da". The lengths
 * come from the _n interface, which counts past a NUL. */
struct nul_search {
    bool found;
    char name[SP_ERR_FIELD_MAX];
};

static enum MHD_Result find_nul(void *cls, enum MHD_ValueKind kind, const char *key,
                                size_t key_size, const char *value, size_t value_size)
{
    struct nul_search *ns = cls;

    (void)kind;
    if (memchr(key, '\0', key_size) != NULL) {
        ns->found = true; /* in the name itself: named by nothing */
        return MHD_NO;
    }
    if (value == NULL || memchr(value, '\0', value_size) == NULL)
        return MHD_YES;
    ns->found = true;
    api_param_name(key, key_size, ns->name, sizeof ns->name);
    return MHD_NO;
}

/* The head's own checks, before the route is looked at: SP_OK, or *err set. */
static enum sp_code check_head(struct MHD_Connection *conn, const void *uri_mark,
                               struct sp_err *err)
{
    struct head_stats st = {0};
    struct nul_search ns = {0};

    if (uri_mark == &uri_too_long_mark)
        return sp_err_set(err, SP_URI_TOO_LONG, "", "The request target is longer than %d bytes.",
                          URI_MAX);
    if (uri_mark == &too_many_params_mark)
        return sp_err_set(err, SP_URI_TOO_LONG, "", "The query has more than %d parameters.",
                          QUERY_PARAMS_MAX);
    MHD_get_connection_values_n(conn, MHD_HEADER_KIND, count_header, &st);
    if (st.fields > HEADER_FIELDS_MAX || st.bytes > HEADER_BYTES_MAX)
        return sp_err_set(err, SP_HEADERS_LARGE, "",
                          "Send at most %d header fields of %d bytes in all.", HEADER_FIELDS_MAX,
                          HEADER_BYTES_MAX);
    /* RFC 9112 §6.3: two lengths, a length beside a transfer coding, or a coding other than
     * chunked alone leave the body's end in doubt, which is what request smuggling through a
     * proxy relies on; such a request is refused and its connection closed. */
    if (st.content_lengths > 1)
        return sp_err_set(err, SP_BAD_REQUEST, "Content-Length", "Send Content-Length once.");
    if (st.transfer_encodings > 0 && st.content_lengths > 0)
        return sp_err_set(err, SP_BAD_REQUEST, "Transfer-Encoding",
                          "Send either Content-Length or Transfer-Encoding, not both.");
    if (st.transfer_encodings > 1 || (st.transfer_encodings == 1 && !st.chunked_only))
        return sp_err_set(err, SP_BAD_REQUEST, "Transfer-Encoding",
                          "The only transfer coding taken is chunked, sent once.");
    MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, find_nul, &ns);
    if (ns.found)
        return sp_err_set(err, SP_BAD_REQUEST, ns.name,
                          "A query parameter holds a NUL character (%%00).");
    return SP_OK;
}

/* The route logged for a request refused by its head. */
static const char *head_route(enum sp_code code)
{
    switch (code) {
    case SP_URI_TOO_LONG:
        return "(uri too long)";
    case SP_HEADERS_LARGE:
        return "(headers too large)";
    default:
        return "(bad request)";
    }
}

/* A body announced larger than the limit is refused before it is read; answering on the first
 * call closes the connection afterwards, which is what a client sending 1 GiB should get. */
static enum MHD_Result refuse_if_declared_too_large(struct server *srv, struct MHD_Connection *conn,
                                                    struct request *req)
{
    const char *length = header_get(conn, "Content-Length");
    int64_t declared = 0;
    struct sp_err err = {0};

    if (length == NULL || !sp_parse_i64(length, strlen(length), &declared) ||
        declared <= (int64_t)srv->body_limit)
        return MHD_YES;
    req->too_large = true;
    req->route = "(too large)";
    sp_err_set(&err, SP_TOO_LARGE, "", "The body is larger than %zu bytes.", srv->body_limit);
    return http_queue_problem(conn, &err, NULL, 0, req->request_id, &req->status);
}

/* libmicrohttpd calls this at least twice per request: first with headers only (we set up the
 * request and return), then with body chunks, then once more with no data, when we answer.
 * Answering on the first call would make every response "Connection: close" (docs/toolchain.md,
 * note 1). */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct server *srv = cls;
    struct request *req = *con_cls;

    (void)version;
    if (req == NULL || is_uri_mark(req)) {
        const void *uri_mark = req;
        struct sp_err err = {0};

        req = sp_xcalloc(1, sizeof *req);
        req->arena = sp_arena_new();
        req->start_us = sp_monotonic_us();
        req->route = "(none)";
        /* Not a random draw per request: that is a getrandom() system call each time. */
        snprintf(req->request_id, sizeof req->request_id, "%s%08" PRIxFAST32, srv->id_prefix,
                 (uint_fast32_t)(atomic_fetch_add(&srv->id_seq, 1) & 0xffffffffu));
        copy_method(req->method, method);
        atomic_fetch_add(&srv->in_flight, 1);
        *con_cls = req;
        if (check_head(conn, uri_mark, &err) != SP_OK) {
            req->route = head_route(err.code);
            return http_queue_problem_and_close(conn, &err, req->request_id, &req->status);
        }
        return refuse_if_declared_too_large(srv, conn, req);
    }
    if (req->status != 0) { /* answered on the first call (413): drop what still arrives */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        append_body(srv, req, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return handle(srv, conn, req, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct server *srv = cls;
    struct request *req = *con_cls;
    char ts[32];
    char line[512];
    int len;

    (void)conn;
    (void)toe;
    if (req == NULL || is_uri_mark(req))
        return; /* the head never reached on_request(): libmicrohttpd answered or the client left */
    sp_log_timestamp(ts);
    len = snprintf(line, sizeof line,
                   "{\"time\":\"%s\",\"request_id\":\"%s\",\"method\":\"%s\",\"route\":\"%s\","
                   "\"status\":%d,\"duration_us\":%" PRId64 "}",
                   ts, req->request_id, req->method, req->route, req->status,
                   sp_monotonic_us() - req->start_us);
    if (len > 0)
        sp_log_access(line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
    sp_arena_free(req->arena);
    free(req->body);
    free(req);
    *con_cls = NULL;
    atomic_fetch_sub(&srv->in_flight, 1);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];

    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    sp_log(SP_LOG_WARN, "libmicrohttpd: %s", msg);
}

static enum sp_code resolve(const struct http_config *cfg, struct sockaddr_storage *addr,
                            bool *ipv6, struct sp_err *err)
{
    struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
                             .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    char port[8];

    snprintf(port, sizeof port, "%u", cfg->port);
    if (getaddrinfo(cfg->host, port, &hints, &res) != 0 || res == NULL)
        return sp_err_set(err, SP_INVALID, "--listen",
                          "Give the address as HOST:PORT with a "
                          "numeric host, e.g. 127.0.0.1:8080.");
    memcpy(addr, res->ai_addr, res->ai_addrlen);
    *ipv6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    return SP_OK;
}

/* The process's audit chain and what seals it: a connection of the main thread of its own, and
 * when the last checkpoint was written. */
struct sealer {
    struct store *st;
    const struct sp_keys *keys;
    int64_t chain;
    int64_t sealed_events; /* audit_appended() at the last checkpoint */
    int64_t sealed_us;     /* sp_monotonic_us() then */
};

/* Start this process's audit chain (docs/security-model.md "Audit"): without it nothing could
 * be audited, so the server does not start. */
static enum sp_code sealer_start(struct sealer *s, const struct http_config *cfg,
                                 struct sp_err *err)
{
    enum sp_code rc = store_open(cfg->db_path, cfg->keys, &s->st, err);

    s->keys = cfg->keys;
    if (rc == SP_OK)
        rc = audit_chain_start(s->st, cfg->keys, "serve", &s->chain, err);
    if (rc != SP_OK) {
        store_close(s->st);
        s->st = NULL;
        return rc;
    }
    s->sealed_events = audit_appended();
    s->sealed_us = sp_monotonic_us();
    sp_log(SP_LOG_INFO, "audit chain %" PRId64 " started", s->chain);
    return SP_OK;
}

/* Each worker connection appends to a chain of its own (docs/security-model.md "Audit"): it is
 * the chain's only writer, so it knows the head and an audited request is one INSERT, and the
 * workers never wait for each other's chain. */
static enum sp_code start_worker_chain(struct store *st, void *ctx, struct sp_err *err)
{
    struct server *srv = ctx;
    char what[32];
    int64_t chain = 0;
    enum sp_code rc;

    snprintf(what, sizeof what, "serve worker %u", atomic_fetch_add(&srv->workers_started, 1) + 1);
    rc = audit_chain_start(st, srv->cfg->keys, what, &chain, err);
    if (rc == SP_OK)
        sp_log(SP_LOG_INFO, "audit chain %" PRId64 " started (%s)", chain, what);
    return rc;
}

/* A checkpoint now. Its id and hash go to the log, outside the database: a copy kept there is
 * what shows a cut of the newest checkpoints themselves. A failure waits for the next turn. */
static void seal_now(struct sealer *s)
{
    struct sp_err err = {0};
    char hash[65];
    int64_t id = 0;
    int64_t events = audit_appended();

    if (audit_checkpoint(s->st, s->keys, &id, hash, &err) != SP_OK)
        sp_log(SP_LOG_WARN, "audit checkpoint not written (%s); trying again later",
               sp_code_info(err.code)->name);
    else if (id != 0)
        sp_log(SP_LOG_INFO, "audit checkpoint %" PRId64 " written, hash %s", id, hash);
    s->sealed_events = events;
    s->sealed_us = sp_monotonic_us();
}

/* After AUDIT_CHECKPOINT_EVENTS events of this process, or AUDIT_CHECKPOINT_SECONDS after the
 * last checkpoint if it appended since. */
static void seal_if_due(struct sealer *s)
{
    int64_t events = audit_appended() - s->sealed_events;
    int64_t elapsed_us = sp_monotonic_us() - s->sealed_us;

    if (events >= AUDIT_CHECKPOINT_EVENTS ||
        (events > 0 && elapsed_us >= (int64_t)AUDIT_CHECKPOINT_SECONDS * 1000000))
        seal_now(s);
}

/* Wait for SIGINT or SIGTERM; meanwhile this thread flushes the buffered access log every
 * SP_LOG_FLUSH_MS, so a line never waits longer than that on a quiet server, and writes the audit
 * checkpoints when they are due. */
static int wait_for_stop(const sigset_t *signals, struct sealer *sealer)
{
    const struct timespec tick = {.tv_sec = 0, .tv_nsec = SP_LOG_FLUSH_MS * 1000000L};

    for (;;) {
        int sig = sigtimedwait(signals, NULL, &tick);

        if (sig > 0)
            return sig;
        sp_log_flush_all();
        seal_if_due(sealer);
    }
}

static void drain(struct server *srv)
{
    int64_t deadline = sp_monotonic_us() + (int64_t)srv->cfg->drain_timeout_s * 1000000;

    while (atomic_load(&srv->in_flight) > 0 && sp_monotonic_us() < deadline)
        usleep(10000);
}

/* Raise the soft descriptor limit to the hard one (a service manager's default soft limit is
 * often 1024, which would stop accepting at about a thousand sockets) and derive how many
 * connections to take from it. */
static unsigned connection_limit(unsigned threads)
{
    struct rlimit rl;
    rlim_t reserve = DESCRIPTORS_RESERVED + (rlim_t)DESCRIPTORS_PER_WORKER * threads;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return threads;
    if (rl.rlim_cur < rl.rlim_max) {
        /* An unlimited hard limit still stops at the kernel's nr_open; 2^20 is its default. */
        struct rlimit raised = {.rlim_cur =
                                    rl.rlim_max == RLIM_INFINITY ? (rlim_t)1 << 20 : rl.rlim_max,
                                .rlim_max = rl.rlim_max};

        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            rl.rlim_cur = raised.rlim_cur;
    }
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= reserve + CONNECTIONS_MAX)
        return CONNECTIONS_MAX;
    if (rl.rlim_cur <= reserve + threads)
        return threads;
    return (unsigned)(rl.rlim_cur - reserve);
}

enum sp_code http_serve(const struct http_config *cfg, struct sp_err *err)
{
    struct server srv = {.cfg = cfg};
    struct sealer sealer = {0};
    struct sockaddr_storage addr;
    bool ipv6 = false;
    unsigned threads = cfg->threads;
    struct MHD_Daemon *daemon;
    sigset_t signals;
    int sig = 0;
    enum sp_code rc = resolve(cfg, &addr, &ipv6, err);

    if (rc != SP_OK)
        return rc;
    if (threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);

        threads = cores > 0 ? (unsigned)cores : 2;
    }
    srv.body_limit = cfg->body_limit ? cfg->body_limit : DEFAULT_BODY_LIMIT;
    srv.connection_limit = connection_limit(threads);
    srv.per_ip_limit = cfg->connections_per_ip;
    srv.idle_timeout_s = cfg->idle_timeout_s ? cfg->idle_timeout_s : DEFAULT_IDLE_TIMEOUT_S;
    atomic_init(&srv.in_flight, 0);
    atomic_init(&srv.id_seq, 0);
    atomic_init(&srv.workers_started, 0);
    sp_crypto_random_hex(srv.id_prefix, 4);
    rc = sealer_start(&sealer, cfg, err);
    if (rc != SP_OK)
        return rc;
    srv.pool = store_pool_new(cfg->db_path, cfg->keys);
    srv.read_pool = cfg->db_read_path ? store_pool_new(cfg->db_read_path, cfg->keys) : NULL;
    store_pool_on_open(srv.pool, start_worker_chain, &srv);

    /* Workers inherit this mask: only this thread takes SIGINT/SIGTERM, in sigwait below. */
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* The logger goes first: options before it would log through MHD's own stderr logger. The
     * idle timeout drops a client that stops sending mid-request (slowloris) or holds an idle
     * keep-alive connection; the per-address limit keeps one client from taking them all. */
    daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
            (ipv6 ? MHD_USE_IPv6 : 0),
        cfg->port, NULL, NULL, on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv, MHD_OPTION_URI_LOG_CALLBACK, on_uri, &srv,
        MHD_OPTION_CONNECTION_TIMEOUT, srv.idle_timeout_s, MHD_OPTION_CONNECTION_LIMIT,
        srv.connection_limit, MHD_OPTION_PER_IP_CONNECTION_LIMIT, srv.per_ip_limit,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY, MHD_OPTION_END);
    if (daemon == NULL) {
        store_pool_free(srv.pool);
        store_pool_free(srv.read_pool);
        store_close(sealer.st);
        return sp_err_set(err, SP_UNAVAILABLE, "--listen",
                          "The server cannot listen on this address (in use, or not allowed).");
    }
    sp_log(SP_LOG_INFO,
           "listening on %s:%u with %u worker threads; at most %u connections, %u per address "
           "(0: no limit), idle timeout %u s",
           cfg->host, cfg->port, threads, srv.connection_limit, srv.per_ip_limit,
           srv.idle_timeout_s);
    if (srv.connection_limit < 1024)
        sp_log(SP_LOG_WARN,
               "the descriptor limit (RLIMIT_NOFILE) allows only %u connections: raise its hard "
               "limit (LimitNOFILE= for a systemd service)",
               srv.connection_limit);
    sig = wait_for_stop(&signals, &sealer);
    sp_log_flush_all();
    sp_log(SP_LOG_INFO, "signal %d: stopping; waiting for %d request(s) in flight", sig,
           atomic_load(&srv.in_flight));
    /* Stop accepting first, let requests in flight finish, then stop the workers. */
    MHD_quiesce_daemon(daemon);
    drain(&srv);
    MHD_stop_daemon(daemon);
    store_pool_free(srv.pool);
    store_pool_free(srv.read_pool);
    seal_now(&sealer); /* a clean stop leaves nothing of the chain unsealed */
    store_close(sealer.st);
    sp_log_flush_all();
    sp_log(SP_LOG_INFO, "stopped");
    return SP_OK;
}
