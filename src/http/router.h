/* Route matching over api_routes: exact segments, "{id}" (a positive integer) and "{key}" (a
 * name such as an instrument id: 1..32 of a-z, 0-9 and _). */
#ifndef SP_HTTP_ROUTER_H
#define SP_HTTP_ROUTER_H

#include <stdbool.h>
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

#define HTTP_KEY_MAX 32

/* The "{key}" segment of path matched by pattern into key; false when pattern has none. */
bool http_route_key(const char *pattern, const char *path, char key[HTTP_KEY_MAX + 1]);

#endif
