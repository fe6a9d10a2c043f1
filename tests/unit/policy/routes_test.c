/* Every route of the router has a row in the policy table, and every row names a route: a route
 * added without deciding who may call it fails here (docs/security-model.md). The table's rows
 * for public routes are exactly the routes http/ lets through without a session. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "policy/policy.h"

static void every_route_has_a_rule(void **state)
{
    size_t n = 0;

    (void)state;
    for (const struct api_route *r = api_routes; r->method != NULL; r++, n++) {
        const struct policy_route_rule *rule = policy_route_rule_for(r->method, r->pattern);

        if (rule == NULL)
            fail_msg("%s %s has no row in policy_routes", r->method, r->pattern);
        if ((rule->roles == POLICY_PUBLIC) != ((r->flags & API_PUBLIC) != 0))
            fail_msg("%s %s: public in one table, not in the other", r->method, r->pattern);
    }
    print_message("%zu routes, each with a policy rule\n", n);
}

static void every_rule_names_a_route(void **state)
{
    (void)state;
    for (const struct policy_route_rule *rule = policy_routes; rule->method != NULL; rule++) {
        bool found = false;

        for (const struct api_route *r = api_routes; r->method != NULL && !found; r++)
            found = strcmp(r->method, rule->method) == 0 && strcmp(r->pattern, rule->pattern) == 0;
        if (!found)
            fail_msg("policy rule %s %s names no route", rule->method, rule->pattern);
    }
}

static void unknown_route_is_refused(void **state)
{
    struct sp_err err = {0};
    struct user u = {.id = 1, .username = "x", .organisation_code = "657"};
    struct policy_subject who = {.user = &u, .roles = ~0u};

    (void)state;
    assert_int_equal(policy_route_allowed(&who, "GET", "/api/v1/nowhere", &err), SP_FORBIDDEN);
    assert_int_equal(policy_route_allowed(NULL, "GET", "/api/v1/citizens", &err),
                     SP_UNAUTHENTICATED);
    assert_int_equal(policy_route_allowed(NULL, "GET", "/healthz", &err), SP_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_route_has_a_rule),
        cmocka_unit_test(every_rule_names_a_route),
        cmocka_unit_test(unknown_route_is_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
