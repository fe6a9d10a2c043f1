/* http/router: http_route_match over api_routes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "http/router.h"

#define ALLOW_CAP 128

/* Every route of the table is found by its own method and a concrete path ({id} → 42), and
 * nothing else: the row returned is that row and the id is 42 (0 without {id}). */
static void every_route_matches_itself(void **state)
{
    size_t n = 0;

    (void)state;
    for (const struct api_route *r = api_routes; r->method != NULL; r++, n++) {
        char path[256];
        const char *brace = strstr(r->pattern, "{id}");
        const char *key_brace = strstr(r->pattern, "{key}");
        const struct api_route *got = NULL;
        int64_t id = -1;
        char allow[ALLOW_CAP];
        enum http_match m;

        if (brace != NULL)
            snprintf(path, sizeof path, "%.*s42%s", (int)(brace - r->pattern), r->pattern,
                     brace + 4);
        else if (key_brace != NULL)
            snprintf(path, sizeof path, "%.*sphq9%s", (int)(key_brace - r->pattern), r->pattern,
                     key_brace + 5);
        else
            snprintf(path, sizeof path, "%s", r->pattern);
        m = http_route_match(r->method, path, &got, &id, allow, sizeof allow);
        if (m != HTTP_MATCH_FOUND || got != r)
            fail_msg("route %zu %s %s: match %d, row %s %s", n, r->method, path, m,
                     got ? got->method : "-", got ? got->pattern : "-");
        if (id != (brace != NULL ? 42 : 0))
            fail_msg("route %zu %s %s: id %lld", n, r->method, path, (long long)id);
    }
    print_message("%zu routes matched\n", n);
    assert_true(n > 0);
}

/* Reference: router.h, "{id} matches a positive integer" written without leading zeros, 1..18
 * digits (so 10^18 - 1 = 999999999999999999 is the largest, below INT64_MAX). Rows on both sides
 * of each edge. */
static const struct {
    const char *path;
    enum http_match match;
    int64_t id;
} id_rows[] = {
    {"/api/v1/enrolments/1", HTTP_MATCH_FOUND, 1},
    {"/api/v1/enrolments/9", HTTP_MATCH_FOUND, 9},
    {"/api/v1/enrolments/10", HTTP_MATCH_FOUND, 10},
    {"/api/v1/enrolments/999999999999999999", HTTP_MATCH_FOUND, 999999999999999999},
    {"/api/v1/enrolments/1000000000000000000", HTTP_MATCH_NO_PATH, 0}, /* 19 digits */
    {"/api/v1/enrolments/9223372036854775807", HTTP_MATCH_NO_PATH, 0}, /* INT64_MAX, 19 */
    {"/api/v1/enrolments/0", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/00", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/007", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/-1", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/+1", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/abc", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/4a", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/%34%32", HTTP_MATCH_NO_PATH, 0}, /* "42" percent-encoded */
    {"/api/v1/enrolments/ 42", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/", HTTP_MATCH_NO_PATH, 0}, /* empty {id} */
    {"/api/v1/enrolments//", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/enrolments/42/", HTTP_MATCH_NO_PATH, 0}, /* trailing slash */
    {"/api/v1/enrolments/42/x", HTTP_MATCH_NO_PATH, 0},
    {"/api/v1/projects/17", HTTP_MATCH_FOUND, 17},
    {"/api/v1/citizens/123456789", HTTP_MATCH_FOUND, 123456789},
};

static void id_segment_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof id_rows / sizeof id_rows[0]; i++) {
        const struct api_route *got = NULL;
        int64_t id = -1;
        char allow[ALLOW_CAP];
        enum http_match m =
            http_route_match("GET", id_rows[i].path, &got, &id, allow, sizeof allow);

        if (m != id_rows[i].match)
            fail_msg("row %zu %s: match %d, expected %d", i, id_rows[i].path, m, id_rows[i].match);
        if (m == HTTP_MATCH_FOUND && id != id_rows[i].id)
            fail_msg("row %zu %s: id %lld, expected %lld", i, id_rows[i].path, (long long)id,
                     (long long)id_rows[i].id);
    }
}

/* Exact paths only: a trailing slash, a different case, a missing or extra segment, a query
 * string (http/ strips it before matching) or an empty path are not routes. */
static const char *const unknown_paths[] = {
    "",
    "/",
    "/healthz/",
    "/HEALTHZ",
    "/healthz?x=1",
    "/api/v1/projects/",
    "/api/v1",
    "/api/v1/",
    "/api/v2/projects",
    "/api/v1/project",
    "/api/v1/projectsx",
    "/api/v1/Projects",
    "api/v1/projects",
    "//api/v1/projects",
    "/api/v1/organisations/1081",
    "/api/v1/openapi.json/",
    "/api/v1/unknown",
};

static void unknown_paths_are_no_path(void **state)
{
    static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE", "HEAD"};

    (void)state;
    for (size_t i = 0; i < sizeof unknown_paths / sizeof unknown_paths[0]; i++) {
        for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++) {
            const struct api_route *got = NULL;
            int64_t id = 0;
            char allow[ALLOW_CAP];
            enum http_match m =
                http_route_match(methods[k], unknown_paths[i], &got, &id, allow, sizeof allow);

            if (m != HTTP_MATCH_NO_PATH)
                fail_msg("row %zu %s \"%s\": match %d, expected NO_PATH", i, methods[k],
                         unknown_paths[i], m);
        }
    }
}

/* Reference for Allow: the route table as docs/api-contract.md lists it (Routes), RFC 9110
 * §10.2.1 ("Allow … lists the set of methods advertised as supported by the target resource";
 * a 405 MUST send it, §15.5.6), formatted "GET, POST" as router.h documents. Method names are
 * case-sensitive (RFC 9110 §9.1), so "get" is not GET. */
static const struct {
    const char *method;
    const char *path;
    const char *allow;
} method_rows[] = {
    {"DELETE", "/api/v1/enrolments/42", "GET, PATCH"},
    {"PUT", "/api/v1/enrolments/42", "GET, PATCH"},
    {"POST", "/api/v1/enrolments/42", "GET, PATCH"},
    {"PATCH", "/api/v1/enrolments", "GET, POST"},
    {"DELETE", "/api/v1/projects", "GET, POST"},
    {"POST", "/api/v1/projects/7", "GET, PATCH"},
    {"POST", "/api/v1/citizens/7", "GET"},
    {"PUT", "/api/v1/citizens", "GET, POST"},
    {"POST", "/api/v1/organisations", "GET"},
    {"POST", "/healthz", "GET"},
    {"OPTIONS", "/readyz", "GET"},
    {"POST", "/api/v1/openapi.json", "GET"},
    {"get", "/healthz", "GET"},
    {"", "/healthz", "GET"},
};

static void wrong_method_lists_allow(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof method_rows / sizeof method_rows[0]; i++) {
        const struct api_route *got = NULL;
        int64_t id = 0;
        char allow[ALLOW_CAP];
        enum http_match m = http_route_match(method_rows[i].method, method_rows[i].path, &got, &id,
                                             allow, sizeof allow);

        if (m != HTTP_MATCH_NO_METHOD)
            fail_msg("row %zu %s %s: match %d, expected NO_METHOD", i, method_rows[i].method,
                     method_rows[i].path, m);
        if (strcmp(allow, method_rows[i].allow) != 0)
            fail_msg("row %zu %s %s: Allow \"%s\", expected \"%s\"", i, method_rows[i].method,
                     method_rows[i].path, allow, method_rows[i].allow);
    }
}

/* HEAD is GET without a body (RFC 9110 §9.3.2): found on every GET path, as the GET row. */
static void head_matches_get(void **state)
{
    size_t n = 0;

    (void)state;
    for (const struct api_route *r = api_routes; r->method != NULL; r++) {
        char path[256];
        const char *brace = strstr(r->pattern, "{id}");
        const char *key_brace = strstr(r->pattern, "{key}");
        const struct api_route *got = NULL;
        int64_t id = -1;
        char allow[ALLOW_CAP];
        enum http_match m;

        if (strcmp(r->method, "GET") != 0)
            continue;
        if (brace != NULL)
            snprintf(path, sizeof path, "%.*s42%s", (int)(brace - r->pattern), r->pattern,
                     brace + 4);
        else if (key_brace != NULL)
            snprintf(path, sizeof path, "%.*sphq9%s", (int)(key_brace - r->pattern), r->pattern,
                     key_brace + 5);
        else
            snprintf(path, sizeof path, "%s", r->pattern);
        m = http_route_match("HEAD", path, &got, &id, allow, sizeof allow);
        if (m != HTTP_MATCH_FOUND || got != r || id != (brace != NULL ? 42 : 0))
            fail_msg("HEAD %s: match %d, row %s %s, id %lld", path, m, got ? got->method : "-",
                     got ? got->pattern : "-", (long long)id);
        n++;
    }
    assert_true(n > 0);
}

/* A small Allow buffer is truncated and stays NUL-terminated; nothing is written past cap (the
 * guard bytes after it keep their value). */
static void allow_respects_cap(void **state)
{
    static const size_t caps[] = {1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12};

    (void)state;
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        char buf[ALLOW_CAP];
        const struct api_route *got = NULL;
        int64_t id = 0;
        enum http_match m;

        memset(buf, '#', sizeof buf);
        m = http_route_match("DELETE", "/api/v1/enrolments/42", &got, &id, buf, caps[i]);
        if (m != HTTP_MATCH_NO_METHOD)
            fail_msg("cap %zu: match %d", caps[i], m);
        if (memchr(buf, '\0', caps[i]) == NULL)
            fail_msg("cap %zu: Allow not terminated within cap", caps[i]);
        if (strncmp(buf, "GET, PATCH", strlen(buf)) != 0)
            fail_msg("cap %zu: Allow \"%s\" is not a prefix of \"GET, PATCH\"", caps[i], buf);
        for (size_t b = caps[i]; b < sizeof buf; b++) {
            if (buf[b] != '#')
                fail_msg("cap %zu: byte %zu written past cap", caps[i], b);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_route_matches_itself), cmocka_unit_test(id_segment_rows),
        cmocka_unit_test(unknown_paths_are_no_path),  cmocka_unit_test(wrong_method_lists_allow),
        cmocka_unit_test(head_matches_get),           cmocka_unit_test(allow_respects_cap),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
