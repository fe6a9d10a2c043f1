#include "http/reply.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/log.h"

/* The answer when a problem's own body cannot be built: the internal error's (sp_code_info's
 * SP_INTERNAL row), fixed text, so that sending it cannot fail in turn. */
static const char internal_problem[] =
    "{\"type\":\"urn:samspor:problem:internal\",\"title\":\"internal error\",\"status\":500,"
    "\"code\":\"internal\",\"detail\":\"internal error\"}";

const char *http_internal_problem_body(void)
{
    return internal_problem;
}

/* "reason" and the parameters the reason's row declares, each as the check set it. */
static void add_reason(json_t *obj, const struct sp_err *err)
{
    const struct sp_reason_info *reason = sp_reason_info(err->reason);
    unsigned params = reason->params & err->params;

    json_object_set_new(obj, "reason", json_string(reason->name));
    if (params & SP_P_MIN)
        json_object_set_new(obj, "min", json_integer((json_int_t)err->min));
    if (params & SP_P_MAX)
        json_object_set_new(obj, "max", json_integer((json_int_t)err->max));
    if (params & SP_P_EARLIEST)
        json_object_set_new(obj, "earliest", json_string(err->earliest));
    if (params & SP_P_LATEST)
        json_object_set_new(obj, "latest", json_string(err->latest));
    if (params & SP_P_EXPECTED)
        json_object_set_new(obj, "expected", json_string(err->expected));
    if (params & SP_P_ALLOWED) {
        json_t *list = json_array();
        const char *p = err->allowed;

        for (size_t i = 0; i < err->allowed_count; i++, p += strlen(p) + 1)
            json_array_append_new(list, json_string(p));
        json_object_set_new(obj, "allowed", list);
    }
}

char *http_problem_body(const struct sp_err *err)
{
    const struct sp_code_info *info = sp_code_info(err->code);
    char type[96];
    json_error_t jerr;
    json_t *obj;
    char *body;

    snprintf(type, sizeof type, "urn:samspor:problem:%s", info->name);
    obj = json_pack_ex(&jerr, 0, "{s:s, s:s, s:i, s:s, s:s}", "type", type, "title", info->title,
                       "status", info->status, "code", info->name, "detail",
                       err->detail[0] ? err->detail : info->title);
    if (obj == NULL) {
        /* jansson's pack errors name the kind of fault ("Invalid UTF-8 string"), not the text. */
        sp_log(SP_LOG_ERROR, "the problem body for code %s cannot be built: %s", info->name,
               jerr.text);
        return NULL;
    }
    if (err->field[0] == '/')
        json_object_set_new(obj, "field", json_string(err->field));
    else if (err->field[0] != '\0')
        json_object_set_new(obj, "parameter", json_string(err->field));
    if (err->code == SP_STALE)
        json_object_set_new(obj, "current_version", json_integer(err->current_version));
    /* Every SP_INVALID carries a reason (SP_R_INVALID when the check gave none); another code
     * only when its check named one. */
    if (err->code == SP_INVALID || err->reason != SP_R_INVALID)
        add_reason(obj, err);
    body = json_dumps(obj, JSON_COMPACT);
    json_decref(obj);
    if (body == NULL)
        sp_log(SP_LOG_ERROR, "the problem body for code %s cannot be written out", info->name);
    return body;
}

char *http_json_body(const json_t *reply, const char *route)
{
    char *text;

    if (reply == NULL) {
        sp_log(SP_LOG_ERROR, "%s: the handler succeeded without an answer", route);
        return NULL;
    }
    text = json_dumps(reply, JSON_COMPACT);
    if (text == NULL)
        sp_log(SP_LOG_ERROR, "%s: the handler's answer cannot be written out as JSON", route);
    return text;
}

void http_add_common_headers(struct MHD_Response *resp, const char *request_id)
{
    MHD_add_response_header(resp, "X-Request-Id", request_id);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

static enum MHD_Result queue_problem(struct MHD_Connection *conn, const struct sp_err *err,
                                     const char *allow, int retry_after_s, bool close,
                                     const char *request_id, int *status_out)
{
    const struct sp_code_info *info = sp_code_info(err->code);
    char *body = http_problem_body(err);
    int status = body != NULL ? info->status : 500;
    struct MHD_Response *resp =
        body != NULL
            ? MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE)
            : MHD_create_response_from_buffer(strlen(internal_problem), (void *)internal_problem,
                                              MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret;

    MHD_add_response_header(resp, "Content-Type", "application/problem+json");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    http_add_common_headers(resp, request_id);
    if (close)
        MHD_add_response_header(resp, "Connection", "close");
    if (allow != NULL && allow[0] != '\0')
        MHD_add_response_header(resp, "Allow", allow);
    if (retry_after_s > 0) {
        char seconds[16];

        snprintf(seconds, sizeof seconds, "%d", retry_after_s);
        MHD_add_response_header(resp, "Retry-After", seconds);
    }
    if (err->code == SP_STALE && body != NULL) {
        char etag[32];

        snprintf(etag, sizeof etag, "\"%" PRId64 "\"", err->current_version);
        MHD_add_response_header(resp, "ETag", etag);
    }
    *status_out = status;
    ret = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

enum MHD_Result http_queue_problem(struct MHD_Connection *conn, const struct sp_err *err,
                                   const char *allow, int retry_after_s, const char *request_id,
                                   int *status_out)
{
    return queue_problem(conn, err, allow, retry_after_s, false, request_id, status_out);
}

enum MHD_Result http_queue_problem_and_close(struct MHD_Connection *conn, const struct sp_err *err,
                                             const char *request_id, int *status_out)
{
    return queue_problem(conn, err, NULL, 0, true, request_id, status_out);
}

static const struct sp_embedded_asset *find_asset(const char *path)
{
    for (size_t i = 0; i < sp_ui_assets_count; i++)
        if (strcmp(sp_ui_assets[i].path, path) == 0)
            return &sp_ui_assets[i];
    return NULL;
}

enum MHD_Result http_queue_asset(struct MHD_Connection *conn, const char *path,
                                 const char *request_id, int *status_out)
{
    const struct sp_embedded_asset *asset =
        find_asset(strcmp(path, "/") == 0 ? "/index.html" : path);
    bool hashed = strncmp(path, "/assets/", 8) == 0;
    struct MHD_Response *resp;
    enum MHD_Result ret;

    if (asset == NULL && !hashed && strncmp(path, "/api/", 5) != 0)
        asset = find_asset("/index.html"); /* a client-side route */
    if (asset == NULL) {
        struct sp_err err;

        sp_err_set(&err, SP_NOT_FOUND, "",
                   sp_ui_assets_count ? "There is nothing at this address."
                                      : "There is nothing at this address, and this build has "
                                        "no web UI (build ui/ first).");
        return http_queue_problem(conn, &err, NULL, 0, request_id, status_out);
    }
    resp = MHD_create_response_from_buffer(asset->len, (void *)asset->data, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(resp, "Content-Type", asset->content_type);
    /* Files under /assets/ carry a content hash in their names: cache them for a year. */
    MHD_add_response_header(resp, "Cache-Control",
                            hashed ? "public, max-age=31536000, immutable" : "no-cache");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                            "script-src 'self'; font-src 'self'; connect-src 'self'; "
                            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    http_add_common_headers(resp, request_id);
    *status_out = 200;
    ret = MHD_queue_response(conn, 200, resp);
    MHD_destroy_response(resp);
    return ret;
}
