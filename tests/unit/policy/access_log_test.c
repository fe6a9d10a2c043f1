/* How the access log shows an event (docs/security-model.md "Access log"): health-purpose events
 * in full to health roles on the team, as a generic row to municipal roles while the summary
 * consent is in force, not at all otherwise; employment-purpose events the mirror image
 * (municipal roles in full, health roles generic under employment_to_health); every other
 * purpose in full. And the sector of each
 * role code of the Roles table. Expectations written from the contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "policy/policy.h"

/* The views as policy_access_log_view makes them (skip lists do not matter to the rows). */
static const struct policy_access_log_view health_full = {.health_full = true};
static const struct policy_access_log_view health_generic = {.health_generic = true};
static const struct policy_access_log_view employment_full = {.employment_full = true};
static const struct policy_access_log_view employment_generic = {.employment_generic = true};
static const struct policy_access_log_view neither = {0};
/* A care manager with employment_to_health: health in full, employment as generic rows. */
static const struct policy_access_log_view care_manager_consented = {.health_full = true,
                                                                     .employment_generic = true};
/* A job consultant with health_summary_to_municipality: the mirror image. */
static const struct policy_access_log_view consultant_consented = {.health_generic = true,
                                                                   .employment_full = true};

static void rows_follow_purpose_and_view(void **state)
{
    static const struct {
        const struct policy_access_log_view *view;
        const char *purpose;
        enum policy_log_row want;
    } cases[] = {
        {&health_full, "treatment", POLICY_LOG_FULL},
        {&health_generic, "treatment", POLICY_LOG_GENERIC},
        {&neither, "treatment", POLICY_LOG_HIDDEN},
        {&employment_full, "treatment", POLICY_LOG_HIDDEN},
        {&employment_full, "employment", POLICY_LOG_FULL},
        {&employment_full, "employment_support", POLICY_LOG_FULL},
        {&employment_generic, "employment", POLICY_LOG_GENERIC},
        {&employment_generic, "employment_support", POLICY_LOG_GENERIC},
        {&neither, "employment", POLICY_LOG_HIDDEN},
        {&neither, "employment_support", POLICY_LOG_HIDDEN},
        {&health_full, "employment", POLICY_LOG_HIDDEN},
        {&care_manager_consented, "treatment", POLICY_LOG_FULL},
        {&care_manager_consented, "employment", POLICY_LOG_GENERIC},
        {&consultant_consented, "treatment", POLICY_LOG_GENERIC},
        {&consultant_consented, "employment_support", POLICY_LOG_FULL},
        {&health_full, "case_administration", POLICY_LOG_FULL},
        {&health_generic, "case_administration", POLICY_LOG_FULL},
        {&neither, "case_administration", POLICY_LOG_FULL},
        {&neither, "joint_plan", POLICY_LOG_FULL},
        {&neither, "administration", POLICY_LOG_FULL},
        {&neither, "Treatment", POLICY_LOG_FULL}, /* codes are exact */
        {&neither, "Employment", POLICY_LOG_FULL},
        {&neither, NULL, POLICY_LOG_FULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (policy_access_log_row(cases[i].view, cases[i].purpose) != cases[i].want)
            fail_msg(
                "case %zu (%s): got %d, want %d", i, cases[i].purpose ? cases[i].purpose : "NULL",
                (int)policy_access_log_row(cases[i].view, cases[i].purpose), (int)cases[i].want);
}

/* The route pattern: health events shown to health roles only. */
static void route_only_on_health_events_for_health_roles(void **state)
{
    (void)state;
    assert_true(policy_access_log_route(&health_full, "treatment"));
    assert_false(policy_access_log_route(&health_full, "case_administration"));
    assert_false(policy_access_log_route(&health_full, "employment"));
    assert_false(policy_access_log_route(&health_full, NULL));
    assert_false(policy_access_log_route(&health_generic, "treatment"));
    assert_false(policy_access_log_route(&health_generic, "case_administration"));
    assert_false(policy_access_log_route(&employment_full, "employment"));
    assert_false(policy_access_log_route(&neither, "treatment"));
    assert_false(policy_access_log_route(&neither, "case_administration"));
}

/* A generic row names the sector's activity, never the action. */
static void generic_rows_name_the_sector_activity(void **state)
{
    (void)state;
    assert_string_equal(policy_access_log_generic_action("treatment"), "health_activity");
    assert_string_equal(policy_access_log_generic_action("employment"), "employment_activity");
    assert_string_equal(policy_access_log_generic_action("employment_support"),
                        "employment_activity");
    assert_null(policy_access_log_generic_action("joint_plan"));
    assert_null(policy_access_log_generic_action(NULL));
}

static void sectors_of_roles(void **state)
{
    static const struct {
        const char *role;
        const char *sector;
    } cases[] = {
        {"care_manager", "health"},
        {"therapist", "health"},
        {"supervising_clinician", "health"},
        {"caseworker", "municipal"},
        {"job_consultant", "municipal"},
        {"resource_consultant", "municipal"},
        {"project_lead", "other"},
        {"evaluator", "other"},
        {"administrator", "other"},
        {"", "other"},
        {"doctor", "other"},
        {NULL, "other"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(policy_role_sector(cases[i].role), cases[i].sector);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_follow_purpose_and_view),
        cmocka_unit_test(route_only_on_health_events_for_health_roles),
        cmocka_unit_test(generic_rows_name_the_sector_activity),
        cmocka_unit_test(sectors_of_roles),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
