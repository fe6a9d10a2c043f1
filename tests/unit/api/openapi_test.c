/* The OpenAPI document (src/api/openapi.json, embedded as sp_openapi_json) against the route
 * table api_routes: neither may drift from the other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/embedded.h"

/* Reference: OpenAPI Specification 3.1.0 (spec.openapis.org/oas/v3.1.0): §4.8.9 Path Item Object
 * has exactly these fixed fields naming operations; §4.8.10 Operation Object: "operationId …
 * MUST be unique among all operations", "responses" holds the possible responses; §4.8.12
 * Parameter Object: a path parameter's "required" MUST be true, and §4.8.2 path templating:
 * each template expression MUST have a matching path parameter. */
static const char *const operation_fields[] = {"get",     "put",  "post",  "delete",
                                               "options", "head", "patch", "trace"};

static json_t *load_document(void)
{
    json_error_t error;
    json_t *doc = json_loadb(sp_openapi_json, sp_openapi_json_len, JSON_REJECT_DUPLICATES, &error);

    if (doc == NULL)
        print_error("openapi.json does not parse: line %d column %d: %s\n", error.line,
                    error.column, error.text);
    return doc;
}

static int setup(void **state)
{
    *state = load_document();
    return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    json_decref(*state);
    return 0;
}

static void lower_case(const char *in, char *out, size_t cap)
{
    size_t i = 0;

    for (; in[i] != '\0' && i + 1 < cap; i++)
        out[i] = (char)(in[i] >= 'A' && in[i] <= 'Z' ? in[i] + 32 : in[i]);
    out[i] = '\0';
}

static bool is_operation_field(const char *key)
{
    for (size_t i = 0; i < sizeof operation_fields / sizeof operation_fields[0]; i++) {
        if (strcmp(key, operation_fields[i]) == 0)
            return true;
    }
    return false;
}

/* Resolve a local reference "#/a/b" (RFC 6901 with ~1 for '/' and ~0 for '~'); NULL if absent. */
static json_t *resolve_ref(json_t *doc, const char *ref)
{
    json_t *node = doc;
    const char *p;

    if (strncmp(ref, "#/", 2) != 0)
        return NULL;
    p = ref + 2;
    while (node != NULL) {
        char token[128];
        size_t n = 0;

        for (; *p != '\0' && *p != '/' && n + 1 < sizeof token; p++) {
            if (p[0] == '~' && p[1] == '1') {
                token[n++] = '/';
                p++;
            } else if (p[0] == '~' && p[1] == '0') {
                token[n++] = '~';
                p++;
            } else {
                token[n++] = *p;
            }
        }
        token[n] = '\0';
        node = json_object_get(node, token);
        if (*p == '\0')
            break;
        p++;
    }
    return node;
}

/* An object that is a {"$ref": …} is replaced by its target (one level, as the document uses). */
static json_t *deref(json_t *doc, json_t *node)
{
    json_t *ref = json_object_get(node, "$ref");

    return json_is_string(ref) ? resolve_ref(doc, json_string_value(ref)) : node;
}

static void document_is_openapi_3_1(void **state)
{
    json_t *doc = *state;
    const char *version = json_string_value(json_object_get(doc, "openapi"));

    assert_non_null(version);
    if (strncmp(version, "3.1.", 4) != 0)
        fail_msg("openapi is \"%s\", expected 3.1.x", version);
    assert_true(json_is_object(json_object_get(doc, "info")));
    assert_true(json_is_object(json_object_get(doc, "paths")));
    /* The embedded copy is the file, NUL-terminated one past len (embedded.h). */
    assert_int_equal(sp_openapi_json[sp_openapi_json_len], '\0');
    assert_int_equal(strlen(sp_openapi_json), sp_openapi_json_len);
}

static void every_route_is_documented(void **state)
{
    json_t *paths = json_object_get(*state, "paths");
    size_t n = 0;

    for (const struct api_route *r = api_routes; r->method != NULL; r++, n++) {
        char method[16];

        lower_case(r->method, method, sizeof method);
        if (!json_is_object(json_object_get(json_object_get(paths, r->pattern), method)))
            fail_msg("route %zu %s %s: no paths[\"%s\"].%s in openapi.json", n, r->method,
                     r->pattern, r->pattern, method);
    }
    print_message("%zu routes found in openapi.json\n", n);
}

static const struct api_route *find_route(const char *method_lower, const char *pattern)
{
    for (const struct api_route *r = api_routes; r->method != NULL; r++) {
        char method[16];

        lower_case(r->method, method, sizeof method);
        if (strcmp(method, method_lower) == 0 && strcmp(r->pattern, pattern) == 0)
            return r;
    }
    return NULL;
}

/* Does the operation (or its path item) declare a parameter `name` in `in`? Returns it. */
static json_t *find_parameter(json_t *doc, json_t *item, json_t *op, const char *name,
                              const char *in)
{
    json_t *lists[] = {json_object_get(op, "parameters"), json_object_get(item, "parameters")};

    for (size_t l = 0; l < 2; l++) {
        size_t i;
        json_t *param;

        json_array_foreach(lists[l], i, param) {
            json_t *p = deref(doc, param);
            const char *pname = json_string_value(json_object_get(p, "name"));
            const char *pin = json_string_value(json_object_get(p, "in"));

            if (pname != NULL && pin != NULL && strcmp(pname, name) == 0 && strcmp(pin, in) == 0)
                return p;
        }
    }
    return NULL;
}

/* Every operation of the document has a route, an operationId (unique) and responses; its
 * parameters and body agree with the route's flags. */
static void every_operation_has_a_route(void **state)
{
    json_t *doc = *state;
    json_t *paths = json_object_get(doc, "paths");
    json_t *seen_ids = json_object();
    const char *pattern;
    json_t *item;
    size_t operations = 0;

    json_object_foreach(paths, pattern, item) {
        const char *field;
        json_t *op;

        json_object_foreach(item, field, op) {
            const struct api_route *r;
            const char *op_id;
            json_t *responses;
            bool has_body;

            if (!is_operation_field(field))
                continue; /* summary, description, servers, parameters */
            operations++;
            r = find_route(field, pattern);
            if (r == NULL)
                fail_msg("openapi.json %s %s: no row in api_routes", field, pattern);
            op_id = json_string_value(json_object_get(op, "operationId"));
            if (op_id == NULL || op_id[0] == '\0')
                fail_msg("%s %s: no operationId", field, pattern);
            if (json_object_get(seen_ids, op_id) != NULL)
                fail_msg("%s %s: operationId \"%s\" used twice", field, pattern, op_id);
            json_object_set_new(seen_ids, op_id, json_true());
            responses = json_object_get(op, "responses");
            if (!json_is_object(responses) || json_object_size(responses) == 0)
                fail_msg("%s %s: no responses object", field, pattern);

            if (strstr(pattern, "{id}") != NULL) {
                json_t *id = find_parameter(doc, item, op, "id", "path");

                if (id == NULL || !json_is_true(json_object_get(id, "required")))
                    fail_msg("%s %s: no required path parameter \"id\"", field, pattern);
            }
            if ((r->flags & API_IF_MATCH) != 0) {
                json_t *if_match = find_parameter(doc, item, op, "If-Match", "header");

                if (if_match == NULL || !json_is_true(json_object_get(if_match, "required")))
                    fail_msg("%s %s: route needs If-Match, document has no required If-Match",
                             field, pattern);
            }
            if ((r->flags & API_IDEMPOTENT) != 0 &&
                find_parameter(doc, item, op, "Idempotency-Key", "header") == NULL)
                fail_msg("%s %s: route honours Idempotency-Key, document does not say so", field,
                         pattern);
            has_body = json_object_get(op, "requestBody") != NULL;
            if (has_body != ((r->flags & API_BODY) != 0))
                fail_msg("%s %s: requestBody %s but route flag API_BODY %s", field, pattern,
                         has_body ? "present" : "absent",
                         (r->flags & API_BODY) != 0 ? "set" : "unset");
        }
    }
    json_decref(seen_ids);
    print_message("%zu operations checked in openapi.json\n", operations);
    assert_true(operations > 0);
}

/* Every local "$ref" in the document points at something (RFC 6901 pointer into the document). */
static size_t check_refs(json_t *doc, json_t *node, size_t *count)
{
    size_t bad = 0;

    if (json_is_object(node)) {
        const char *key;
        json_t *value;

        json_object_foreach(node, key, value) {
            if (strcmp(key, "$ref") == 0 && json_is_string(value)) {
                (*count)++;
                if (resolve_ref(doc, json_string_value(value)) == NULL) {
                    print_error("unresolved $ref \"%s\"\n", json_string_value(value));
                    bad++;
                }
            } else {
                bad += check_refs(doc, value, count);
            }
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *value;

        json_array_foreach(node, i, value) {
            bad += check_refs(doc, value, count);
        }
    }
    return bad;
}

static void every_ref_resolves(void **state)
{
    size_t count = 0;
    size_t bad = check_refs(*state, *state, &count);

    if (bad != 0)
        fail_msg("%zu of %zu $ref do not resolve", bad, count);
    assert_true(count > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(document_is_openapi_3_1),
        cmocka_unit_test(every_route_is_documented),
        cmocka_unit_test(every_operation_has_a_route),
        cmocka_unit_test(every_ref_resolves),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
