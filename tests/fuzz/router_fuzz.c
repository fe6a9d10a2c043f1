/* Fuzz target for http_route_match: the request line is untrusted. The first byte picks a
 * method, the rest is the path. A match must reproduce the path from its pattern and {id}; a
 * wrong method must name the allowed ones; nothing may read past the input. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const methods[] = {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"};

/* The pattern with {id} replaced by id, into out. */
/* The path a pattern stands for with this id and key: matching must be exact, so a matched
 * path always expands back to itself. */
static void expand(const char *pattern, int64_t id, const char *key, char *out, size_t cap)
{
    const char *brace = strstr(pattern, "{id}");
    const char *key_brace = strstr(pattern, "{key}");

    if (brace != NULL)
        snprintf(out, cap, "%.*s%" PRId64 "%s", (int)(brace - pattern), pattern, id, brace + 4);
    else if (key_brace != NULL)
        snprintf(out, cap, "%.*s%s%s", (int)(key_brace - pattern), pattern, key, key_brace + 5);
    else
        snprintf(out, cap, "%s", pattern);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct api_route *route = NULL;
    const char *method;
    char *path;
    char allow[64];
    char expanded[256];
    int64_t id = -1;
    enum http_match m;

    if (size == 0)
        return 0;
    method = methods[data[0] % (sizeof methods / sizeof methods[0])];
    path = malloc(size); /* size - 1 path bytes and a NUL; embedded NULs end the path early */
    memcpy(path, data + 1, size - 1);
    path[size - 1] = '\0';
    m = http_route_match(method, path, &route, &id, allow, sizeof allow);
    if (m == HTTP_MATCH_FOUND) {
        if (route == NULL || id < 0)
            abort();
        if (strcmp(route->method, method) != 0 &&
            !(strcmp(method, "HEAD") == 0 && strcmp(route->method, "GET") == 0))
            abort();
        char key[HTTP_KEY_MAX + 1] = "";

        if (strstr(route->pattern, "{key}") != NULL && !http_route_key(route->pattern, path, key))
            abort();
        expand(route->pattern, id, key, expanded, sizeof expanded);
        if (strcmp(expanded, path) != 0) {
            fprintf(stderr, "router_fuzz: matched %s but expands to %s\n", route->pattern,
                    expanded);
            abort();
        }
    } else if (m == HTTP_MATCH_NO_METHOD && allow[0] == '\0') {
        abort();
    }
    free(path);
    return 0;
}
