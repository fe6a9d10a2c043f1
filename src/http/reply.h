/* Building responses: JSON, problem+json (RFC 9457) and embedded UI files. Internal to http/. */
#ifndef SP_HTTP_REPLY_H
#define SP_HTTP_REPLY_H

#include <jansson.h>
#include <microhttpd.h>

#include "base/err.h"

/* The problem+json body for err: type, title, status, code, detail, and field (a JSON Pointer)
 * or parameter (a query parameter or header name), current_version when stale, reason (always
 * for SP_INVALID) with the parameters its row in the reason table declares. Never quotes a
 * request value: only err's fixed texts. Returns a malloc'd string, or NULL with the cause
 * logged when the body cannot be built (a detail that is not UTF-8, which only a bug can put
 * there: sp_err_set never cuts inside a character; no memory): the answer is then 500 with
 * http_internal_problem_body(). */
char *http_problem_body(const struct sp_err *err);

/* The internal error's problem body, fixed text (never NULL, never to be freed). */
const char *http_internal_problem_body(void);

/* A handler's answer as compact JSON (malloc'd), or NULL with the cause logged under the route
 * pattern when there is none (a handler that succeeded without setting one) or it cannot be
 * written out: the caller answers 500 instead of sending nothing or crashing. */
char *http_json_body(const json_t *reply, const char *route);

/* Queue an error answer: status and headers from the code table, Allow when given, ETag of the
 * current version when stale, Retry-After when retry_after_s > 0. *status_out gets the status
 * sent. */
enum MHD_Result http_queue_problem(struct MHD_Connection *conn, const struct sp_err *err,
                                   const char *allow, int retry_after_s, const char *request_id,
                                   int *status_out);

/* As http_queue_problem, with "Connection: close": after a request whose framing or head was
 * refused, nothing more is read from the connection (RFC 9112 §6.3: the rest of the bytes cannot
 * be trusted to start the next request). */
enum MHD_Result http_queue_problem_and_close(struct MHD_Connection *conn, const struct sp_err *err,
                                             const char *request_id, int *status_out);

/* Queue a file of the embedded UI for `path` ("/" serves index.html; an unknown path that is
 * not under /api/ or /assets/ serves index.html, for client-side routes). */
enum MHD_Result http_queue_asset(struct MHD_Connection *conn, const char *path,
                                 const char *request_id, int *status_out);

/* Security headers every response carries. */
void http_add_common_headers(struct MHD_Response *resp, const char *request_id);

#endif
