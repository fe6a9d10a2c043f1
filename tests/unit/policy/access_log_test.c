/* How the access log shows an event (docs/security-model.md "Access log"): health-purpose events
 * in full to health roles on the team, as a generic row to municipal roles while the summary
 * consent is in force, not at all otherwise; every other purpose in full. And the sector of each
 * role code of the Roles table. Expectations written from the contract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "policy/policy.h"

static void rows_follow_purpose_and_view(void **state)
{
    static const struct policy_access_log_view full = {true, false, NULL};
    static const struct policy_access_log_view generic = {false, true, NULL};
    static const struct policy_access_log_view none = {false, false, "treatment"};
    static const struct {
        const struct policy_access_log_view *view;
        const char *purpose;
        enum policy_log_row want;
    } cases[] = {
        {&full, "treatment", POLICY_LOG_FULL},
        {&generic, "treatment", POLICY_LOG_GENERIC},
        {&none, "treatment", POLICY_LOG_HIDDEN},
        {&full, "case_administration", POLICY_LOG_FULL},
        {&generic, "case_administration", POLICY_LOG_FULL},
        {&none, "case_administration", POLICY_LOG_FULL},
        {&none, "employment_support", POLICY_LOG_FULL},
        {&none, "joint_plan", POLICY_LOG_FULL},
        {&none, "administration", POLICY_LOG_FULL},
        {&none, "Treatment", POLICY_LOG_FULL}, /* codes are exact */
        {&none, NULL, POLICY_LOG_FULL},
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
    static const struct policy_access_log_view full = {true, false, NULL};
    static const struct policy_access_log_view generic = {false, true, NULL};
    static const struct policy_access_log_view none = {false, false, "treatment"};

    (void)state;
    assert_true(policy_access_log_route(&full, "treatment"));
    assert_false(policy_access_log_route(&full, "case_administration"));
    assert_false(policy_access_log_route(&full, NULL));
    assert_false(policy_access_log_route(&generic, "treatment"));
    assert_false(policy_access_log_route(&generic, "case_administration"));
    assert_false(policy_access_log_route(&none, "treatment"));
    assert_false(policy_access_log_route(&none, "case_administration"));
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
        cmocka_unit_test(sectors_of_roles),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
