/* core/enrolment: status names and the full move matrix. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/enrolment.h"

/* Reference: docs/design.md, enrolment status "referred → screening → active → aftercare →
 * completed | withdrawn | excluded", and docs/api-contract.md (Enrolment, PATCH): "Status moves
 * only forward along referred → screening → active → aftercare → completed, or to
 * withdrawn/excluded from any non-final status (also active → completed)". Read as: one step
 * forward (the contract names active → completed as an extra move, so skipping is otherwise not
 * allowed); withdrawn/excluded from referred, screening, active, aftercare; completed, withdrawn
 * and excluded are final; staying put is not a move. Written out cell by cell, not computed. */
/* One line per "from" status, columns in enum order (pinned by names_round_trip, which checks
 * each status's name); 1 = allowed. */
/* clang-format off */
static const bool can_move[ENROLMENT__COUNT][ENROLMENT__COUNT] = {
    /*                  to: referred screening active aftercare completed withdrawn excluded */
    [ENROLMENT_REFERRED]  = {0,       1,        0,     0,        0,        1,        1},
    [ENROLMENT_SCREENING] = {0,       0,        1,     0,        0,        1,        1},
    [ENROLMENT_ACTIVE]    = {0,       0,        0,     1,        1,        1,        1},
    [ENROLMENT_AFTERCARE] = {0,       0,        0,     0,        1,        1,        1},
    [ENROLMENT_COMPLETED] = {0,       0,        0,     0,        0,        0,        0},
    [ENROLMENT_WITHDRAWN] = {0,       0,        0,     0,        0,        0,        0},
    [ENROLMENT_EXCLUDED]  = {0,       0,        0,     0,        0,        0,        0},
};
/* clang-format on */

/* Same source: the three statuses after "|" end an enrolment. */
static const bool is_final[ENROLMENT__COUNT] = {
    [ENROLMENT_REFERRED] = false,  [ENROLMENT_SCREENING] = false, [ENROLMENT_ACTIVE] = false,
    [ENROLMENT_AFTERCARE] = false, [ENROLMENT_COMPLETED] = true,  [ENROLMENT_WITHDRAWN] = true,
    [ENROLMENT_EXCLUDED] = true,
};

/* Same source, spelled as docs/design.md spells them (also the API's "status" values). */
static const char *const names[ENROLMENT__COUNT] = {
    [ENROLMENT_REFERRED] = "referred",   [ENROLMENT_SCREENING] = "screening",
    [ENROLMENT_ACTIVE] = "active",       [ENROLMENT_AFTERCARE] = "aftercare",
    [ENROLMENT_COMPLETED] = "completed", [ENROLMENT_WITHDRAWN] = "withdrawn",
    [ENROLMENT_EXCLUDED] = "excluded",
};

static void move_matrix_matches_design(void **state)
{
    int checked = 0;

    (void)state;
    for (int from = 0; from < ENROLMENT__COUNT; from++) {
        for (int to = 0; to < ENROLMENT__COUNT; to++) {
            bool got =
                core_enrolment_can_move((enum enrolment_status)from, (enum enrolment_status)to);

            if (got != can_move[from][to])
                fail_msg("%s -> %s: %s, expected %s", names[from], names[to],
                         got ? "allowed" : "refused", can_move[from][to] ? "allowed" : "refused");
            checked++;
        }
    }
    assert_int_equal(checked, 49);
}

static void final_matches_design(void **state)
{
    (void)state;
    for (int s = 0; s < ENROLMENT__COUNT; s++) {
        if (core_enrolment_status_final((enum enrolment_status)s) != is_final[s])
            fail_msg("%s: final should be %d", names[s], is_final[s]);
    }
}

static void names_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < ENROLMENT__COUNT; s++) {
        const char *name = core_enrolment_status_name((enum enrolment_status)s);
        enum enrolment_status back = ENROLMENT__COUNT;

        if (name == NULL || strcmp(name, names[s]) != 0)
            fail_msg("status %d: name \"%s\", expected \"%s\"", s, name ? name : "(null)",
                     names[s]);
        if (!core_enrolment_status_from(names[s], &back) || back != (enum enrolment_status)s)
            fail_msg("\"%s\": parsed as %d, expected %d", names[s], back, s);
    }
}

/* Anything but the seven exact names is refused: case, spaces, prefixes, other words. */
static const char *const bad_names[] = {
    "",        "Referred", "REFERRED",    " active", "active ",     "activ",
    "actives", "complete", "withdrawn\n", "unknown", "aftercare\t", "ekskluderet",
};

static void unknown_names_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
        enum enrolment_status out = ENROLMENT__COUNT;

        if (core_enrolment_status_from(bad_names[i], &out))
            fail_msg("row %zu: \"%s\" accepted as %d", i, bad_names[i], out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(move_matrix_matches_design),
        cmocka_unit_test(final_matches_design),
        cmocka_unit_test(names_round_trip),
        cmocka_unit_test(unknown_names_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
