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

/* Per status, written out: in treatment (active or aftercare: the health summary's in_treatment,
 * docs/security-model.md), and listed on a caseload (not final: docs/api-contract.md, caseload
 * "the enrolments that are not final"). */
static const struct {
    enum enrolment_status status;
    bool in_treatment;
    bool on_caseload;
} status_rows[ENROLMENT__COUNT] = {
    {ENROLMENT_REFERRED, false, true},   {ENROLMENT_SCREENING, false, true},
    {ENROLMENT_ACTIVE, true, true},      {ENROLMENT_AFTERCARE, true, true},
    {ENROLMENT_COMPLETED, false, false}, {ENROLMENT_WITHDRAWN, false, false},
    {ENROLMENT_EXCLUDED, false, false},
};

static void treatment_and_caseload_statuses(void **state)
{
    unsigned open = core_enrolment_open_statuses();

    (void)state;
    for (size_t i = 0; i < sizeof status_rows / sizeof status_rows[0]; i++) {
        enum enrolment_status s = status_rows[i].status;

        if (core_enrolment_in_treatment(s) != status_rows[i].in_treatment)
            fail_msg("%s: in treatment should be %d", names[s], status_rows[i].in_treatment);
        if (((open >> s) & 1u) != status_rows[i].on_caseload)
            fail_msg("%s: on a caseload should be %d", names[s], status_rows[i].on_caseload);
        open &= ~(1u << s);
    }
    assert_int_equal(open, 0); /* no bit beyond the seven statuses */
    assert_int_equal(CORE_ENROLMENT_STATUS_ALL, 0x7f);
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

/* Ending reasons. Reference: docs/api-contract.md "Ending and reopening" (issue 9, item 13), the
 * list per final status written out: completed: goal_reached, planned_end, work_or_education,
 * other; withdrawn: citizen_choice, moved, no_contact, other_offer, other; excluded:
 * not_eligible, referred_elsewhere, registered_in_error, other. One row per (status, code);
 * 1 = valid for that status. Every code is tried against every status, so a code that leaks into
 * another status's list fails. */
static const char *const reason_codes[] = {
    "goal_reached",
    "planned_end",
    "work_or_education",
    "citizen_choice",
    "moved",
    "no_contact",
    "other_offer",
    "not_eligible",
    "referred_elsewhere",
    "registered_in_error",
    "other",
    "ended_by_mistake",
    "",
    "Moved",
    "moved ",
    "withdrawn",
};
#define REASON_COUNT (sizeof reason_codes / sizeof reason_codes[0])
/* clang-format off */
static const bool reason_valid[ENROLMENT__COUNT][REASON_COUNT] = {
    /* goal plan work choice moved nocont offer noelig refer error other mistake "" Moved "moved " withdrawn */
    [ENROLMENT_REFERRED]  = {0},
    [ENROLMENT_SCREENING] = {0},
    [ENROLMENT_ACTIVE]    = {0},
    [ENROLMENT_AFTERCARE] = {0},
    [ENROLMENT_COMPLETED] = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0},
    [ENROLMENT_WITHDRAWN] = {0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0},
    [ENROLMENT_EXCLUDED]  = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0},
};
/* clang-format on */

static void end_reasons_per_status(void **state)
{
    (void)state;
    for (int s = 0; s < ENROLMENT__COUNT; s++) {
        size_t listed = 0;

        for (size_t r = 0; r < REASON_COUNT; r++) {
            bool got = core_enrolment_end_reason_valid((enum enrolment_status)s, reason_codes[r]);

            if (got != reason_valid[s][r])
                fail_msg("%s / \"%s\": %s, expected %s", names[s], reason_codes[r],
                         got ? "valid" : "refused", reason_valid[s][r] ? "valid" : "refused");
            listed += reason_valid[s][r];
        }
        /* The published list is exactly the valid ones (nothing extra). */
        for (const char *const *l = core_enrolment_end_reasons((enum enrolment_status)s); *l; l++)
            listed--;
        if (listed != 0)
            fail_msg("%s: the list differs from the contract by %zu", names[s], listed);
    }
    assert_false(core_enrolment_end_reason_valid(ENROLMENT_COMPLETED, NULL));
}

/* Reopening reasons (same section): ended_by_mistake, wrong_status, other; "other" needs a note
 * (for ending and for reopening). */
static void reopen_reasons(void **state)
{
    static const struct {
        const char *code;
        bool valid;
        bool needs_note;
    } rows[] = {
        {"ended_by_mistake", true, false},
        {"wrong_status", true, false},
        {"other", true, true},
        {"moved", false, false},
        {"planned_end", false, false},
        {"", false, false},
        {"Ended_by_mistake", false, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (core_enrolment_reopen_reason_valid(rows[i].code) != rows[i].valid)
            fail_msg("\"%s\": validity", rows[i].code);
        if (core_enrolment_reason_needs_note(rows[i].code) != rows[i].needs_note)
            fail_msg("\"%s\": needs a note", rows[i].code);
    }
    assert_false(core_enrolment_reopen_reason_valid(NULL));
    assert_false(core_enrolment_reason_needs_note(NULL));
    {
        /* The published list is exactly the valid rows, in the contract's order. */
        const char *const *l = core_enrolment_reopen_reasons();
        size_t n = 0;

        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
            if (rows[i].valid) {
                assert_non_null(l[n]);
                assert_string_equal(l[n], rows[i].code);
                n++;
            }
        assert_null(l[n]);
    }
}

/* Reopening goes from a final status back to one that is not final (the status before the
 * ending), never the other way and never final to final: written out cell by cell. */
/* clang-format off */
static const bool can_reopen[ENROLMENT__COUNT][ENROLMENT__COUNT] = {
    /*               back to: referred screening active aftercare completed withdrawn excluded */
    [ENROLMENT_REFERRED]  = {0,       0,        0,     0,        0,        0,        0},
    [ENROLMENT_SCREENING] = {0,       0,        0,     0,        0,        0,        0},
    [ENROLMENT_ACTIVE]    = {0,       0,        0,     0,        0,        0,        0},
    [ENROLMENT_AFTERCARE] = {0,       0,        0,     0,        0,        0,        0},
    [ENROLMENT_COMPLETED] = {1,       1,        1,     1,        0,        0,        0},
    [ENROLMENT_WITHDRAWN] = {1,       1,        1,     1,        0,        0,        0},
    [ENROLMENT_EXCLUDED]  = {1,       1,        1,     1,        0,        0,        0},
};
/* clang-format on */

static void reopen_matrix(void **state)
{
    (void)state;
    for (int from = 0; from < ENROLMENT__COUNT; from++)
        for (int to = 0; to < ENROLMENT__COUNT; to++)
            if (core_enrolment_can_reopen((enum enrolment_status)from, (enum enrolment_status)to) !=
                can_reopen[from][to])
                fail_msg("reopen %s -> %s", names[from], names[to]);
    assert_false(core_enrolment_can_reopen(ENROLMENT__COUNT, ENROLMENT_ACTIVE));
    assert_false(core_enrolment_can_reopen(ENROLMENT_COMPLETED, ENROLMENT__COUNT));
}

/* The roles a case is assigned in (docs/api-contract.md "Assignments"): the five case roles but
 * the supervising clinician, in this order. */
static void assignment_roles(void **state)
{
    static const char *const expected[] = {"care_manager", "therapist", "caseworker",
                                           "job_consultant", "resource_consultant"};

    (void)state;
    assert_int_equal(CORE_ASSIGNMENT_ROLE_COUNT, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(core_assignment_roles[i], expected[i]);
        assert_true(core_assignment_role_valid(expected[i]));
    }
    assert_false(core_assignment_role_valid("supervising_clinician"));
    assert_false(core_assignment_role_valid("project_lead"));
    assert_false(core_assignment_role_valid("Therapist"));
    assert_false(core_assignment_role_valid(""));
    assert_false(core_assignment_role_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(move_matrix_matches_design),
        cmocka_unit_test(final_matches_design),
        cmocka_unit_test(names_round_trip),
        cmocka_unit_test(treatment_and_caseload_statuses),
        cmocka_unit_test(unknown_names_refused),
        cmocka_unit_test(end_reasons_per_status),
        cmocka_unit_test(reopen_reasons),
        cmocka_unit_test(reopen_matrix),
        cmocka_unit_test(assignment_roles),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
