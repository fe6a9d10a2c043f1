/* policy_team_note_visible and policy_team_note_class: who reads a note between the sectors, every
 * reader sector × content class × consent × authorship, against the rule of docs/security-model.md
 * "Team notes" (issue 11: "visible to both only while the consents the content needs are given";
 * sundhedsloven § 43 for health information, docs/sources.md#sundhedsloven). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "policy/policy.h"

/* A view as policy_enrolment_read fills it for a reader on the team: health roles have the health
 * summary, municipal roles the employment summary, each the other only with its consent. */
static struct policy_enrolment_view view_of(bool health_reader, bool hs, bool eh)
{
    struct policy_enrolment_view v = {.enrolment_id = 1, .visible = true};

    v.health_summary = health_reader || hs;
    v.employment_summary = !health_reader || eh;
    return v;
}

static void visibility_table(void **state)
{
    static const struct {
        bool health_reader;
        const char *content_class;
        bool hs, eh; /* health_summary_to_municipality, employment_to_health in force */
        bool is_author;
        bool visible;
    } rows[] = {
        /* Same sector: always. */
        {true, "health", false, false, false, true},
        {false, "employment", false, false, false, true},
        /* A health note to a municipal reader: only with health_summary_to_municipality. */
        {false, "health", false, false, false, false},
        {false, "health", false, true, false, false},
        {false, "health", true, false, false, true},
        {false, "health", true, true, false, true},
        /* An employment note to a health reader: only with employment_to_health. */
        {true, "employment", false, false, false, false},
        {true, "employment", true, false, false, false},
        {true, "employment", false, true, false, true},
        {true, "employment", true, true, false, true},
        /* The author always sees their own (a member of both sectors, say). */
        {false, "health", false, false, true, true},
        {true, "employment", false, false, true, true},
        /* An unknown class is nobody's. */
        {true, "other", true, true, false, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct policy_enrolment_view v = view_of(rows[i].health_reader, rows[i].hs, rows[i].eh);

        if (policy_team_note_visible(&v, rows[i].content_class, rows[i].is_author) !=
            rows[i].visible)
            fail_msg("row %zu: expected %s", i, rows[i].visible ? "visible" : "hidden");
    }
}

/* Off the team nothing is visible, not even one's own note. */
static void not_visible_off_the_team(void **state)
{
    struct policy_enrolment_view v = {
        .enrolment_id = 1, .visible = false, .health_summary = true, .employment_summary = true};

    (void)state;
    assert_false(policy_team_note_visible(&v, "health", true));
    assert_false(policy_team_note_visible(&v, "employment", false));
}

/* The class is the author's sector; health wins for a member of both; none for other roles. */
static void class_of_the_author(void **state)
{
    static const struct {
        unsigned roles;
        const char *content_class;
    } rows[] = {
        {POLICY_CARE_MANAGER, "health"},
        {POLICY_THERAPIST, "health"},
        {POLICY_SUPERVISING_CLINICIAN, "health"},
        {POLICY_CASEWORKER, "employment"},
        {POLICY_JOB_CONSULTANT, "employment"},
        {POLICY_RESOURCE_CONSULTANT, "employment"},
        {POLICY_CASEWORKER | POLICY_CARE_MANAGER, "health"},
        {POLICY_PROJECT_LEAD, NULL},
        {POLICY_ADMINISTRATOR, NULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct policy_subject who = {.roles = rows[i].roles};
        const char *got = policy_team_note_class(&who);

        if (rows[i].content_class == NULL)
            assert_null(got);
        else
            assert_string_equal(got, rows[i].content_class);
    }
    assert_null(policy_team_note_class(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(visibility_table),
        cmocka_unit_test(not_visible_off_the_team),
        cmocka_unit_test(class_of_the_author),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
