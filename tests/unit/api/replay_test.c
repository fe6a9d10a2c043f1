/* Every route that honours Idempotency-Key has a replay gate (src/api/replay.c), and every gate
 * names such a route: a stored answer is never replayed past the policy and the audit log
 * because a route was added without one (dispatch refuses to replay there, but the route's
 * retries would then fail instead of replaying). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "api/api.h"

static void every_idempotent_route_has_a_gate(void **state)
{
    size_t n = 0;

    (void)state;
    for (const struct api_route *r = api_routes; r->method != NULL; r++) {
        const struct api_replay_gate *g;

        if ((r->flags & API_IDEMPOTENT) == 0)
            continue;
        n++;
        g = api_replay_gate_for(r->method, r->pattern);
        if (g == NULL)
            fail_msg("%s %s honours Idempotency-Key but has no replay gate in src/api/replay.c",
                     r->method, r->pattern);
        if (g->gate == NULL || g->action == NULL || g->action[0] == '\0')
            fail_msg("%s %s: the replay gate has no check or no audit action", r->method,
                     r->pattern);
    }
    assert_true(n >= 11); /* the idempotent routes when this test was written */
    print_message("%zu idempotent routes, each with a replay gate\n", n);
}

static void every_gate_names_an_idempotent_route(void **state)
{
    (void)state;
    for (const struct api_replay_gate *g = api_replay_gates; g->method != NULL; g++) {
        bool found = false;

        for (const struct api_route *r = api_routes; r->method != NULL && !found; r++)
            found = strcmp(r->method, g->method) == 0 && strcmp(r->pattern, g->pattern) == 0 &&
                    (r->flags & API_IDEMPOTENT) != 0;
        if (!found)
            fail_msg("replay gate %s %s names no idempotent route", g->method, g->pattern);
    }
}

static void unknown_route_has_no_gate(void **state)
{
    (void)state;
    assert_null(api_replay_gate_for("POST", "/api/v1/nowhere"));
    assert_null(api_replay_gate_for("GET", "/api/v1/citizens"));
    assert_non_null(api_replay_gate_for("POST", "/api/v1/enrolments/{id}/sessions"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_idempotent_route_has_a_gate),
        cmocka_unit_test(every_gate_names_an_idempotent_route),
        cmocka_unit_test(unknown_route_has_no_gate),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
