/* Route matching over api_routes: exact segments and "{id}" (a positive integer). */
#ifndef SP_HTTP_ROUTER_H
#define SP_HTTP_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#include "api/api.h"

enum http_match {
    HTTP_MATCH_FOUND,
    HTTP_MATCH_NO_PATH,   /* 404 */
    HTTP_MATCH_NO_METHOD, /* 405: *allow lists the methods of the path, e.g. "GET, POST" */
};

/* Match method and path (no query string). On FOUND, *route is the row and *id the {id} (0 if
 * none). On NO_METHOD, allow (cap bytes) gets the Allow header value. */
enum http_match http_route_match(const char *method, const char *path,
                                 const struct api_route **route, int64_t *id, char *allow,
                                 size_t cap);

#endif
