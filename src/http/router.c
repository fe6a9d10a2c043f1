#include "http/router.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/parse.h"

/* Length of a "{key}" segment at path: 1..HTTP_KEY_MAX of [a-z0-9_], else 0. */
static size_t key_length(const char *path)
{
    size_t len = strspn(path, "abcdefghijklmnopqrstuvwxyz0123456789_");

    return len > 0 && len <= HTTP_KEY_MAX && (path[len] == '/' || path[len] == '\0') ? len : 0;
}

/* Does path match pattern? "{id}" takes one segment of 1..18 digits, not starting with 0;
 * "{key}" one of key_length(). */
static bool path_matches(const char *pattern, const char *path, int64_t *id)
{
    *id = 0;
    while (*pattern != '\0' && *path != '\0') {
        if (strncmp(pattern, "{key}", 5) == 0) {
            size_t len = key_length(path);

            if (len == 0)
                return false;
            pattern += 5;
            path += len;
            continue;
        }
        if (strncmp(pattern, "{id}", 4) == 0) {
            size_t len = strcspn(path, "/");

            if (len == 0 || len > 18 || path[0] == '0' || !sp_parse_i64(path, len, id) || *id < 1)
                return false;
            pattern += 4;
            path += len;
            continue;
        }
        if (*pattern != *path)
            return false;
        pattern++;
        path++;
    }
    return *pattern == '\0' && *path == '\0';
}

enum http_match http_route_match(const char *method, const char *path,
                                 const struct api_route **route, int64_t *id, char *allow,
                                 size_t cap)
{
    size_t used = 0;
    bool path_known = false;

    if (cap > 0)
        allow[0] = '\0';
    for (const struct api_route *r = api_routes; r->method != NULL; r++) {
        int64_t candidate = 0;

        if (!path_matches(r->pattern, path, &candidate))
            continue;
        if (strcmp(r->method, method) == 0) {
            *route = r;
            *id = candidate;
            return HTTP_MATCH_FOUND;
        }
        path_known = true;
        if (used < cap)
            used += (size_t)snprintf(allow + used, cap - used, "%s%s", used ? ", " : "", r->method);
    }
    /* HEAD is answered by libmicrohttpd from GET (RFC 9110 §9.3.2). */
    if (path_known && strcmp(method, "HEAD") == 0) {
        for (const struct api_route *r = api_routes; r->method != NULL; r++) {
            if (strcmp(r->method, "GET") == 0 && path_matches(r->pattern, path, id)) {
                *route = r;
                return HTTP_MATCH_FOUND;
            }
        }
    }
    return path_known ? HTTP_MATCH_NO_METHOD : HTTP_MATCH_NO_PATH;
}

bool http_route_key(const char *pattern, const char *path, char key[HTTP_KEY_MAX + 1])
{
    const char *brace = strstr(pattern, "{key}");
    size_t prefix = brace ? (size_t)(brace - pattern) : 0;
    size_t len;

    key[0] = '\0';
    if (brace == NULL || strncmp(pattern, path, prefix) != 0)
        return false;
    len = key_length(path + prefix);
    if (len == 0)
        return false;
    memcpy(key, path + prefix, len);
    key[len] = '\0';
    return true;
}
