/* core/episode: which episode kinds are work or education, which episode is going on, which
 * members an episode of each kind has (core_episode_check) and what a follow-along contact needs
 * (core_follow_along_check), each rule on both sides of its boundary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>

#include <string.h>

#include "core/episode.h"

/* The kinds of core/model.h's struct episode (docs/design.md), and the outcome the IPS trials
 * count, competitive employment or education ([CHRISTENSEN2019], docs/sources.md). */
static void work_or_education_kinds(void **state)
{
    static const struct {
        const char *kind;
        bool counts;
    } rows[] = {
        {"ordinary_job", true},
        {"education", true},
        {"subsidised_job", false},
        {"flexjob", false},
        {"internship", false},
        {"course", false},
        {"", false},
        {"Education", false},
        {"ordinary_job ", false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (core_episode_in_work_or_education(rows[i].kind) != rows[i].counts)
            fail_msg("\"%s\": should count %d", rows[i].kind, rows[i].counts);
    assert_false(core_episode_in_work_or_education(NULL));
}

/* Both ends of an episode are days of it; no end is still going on. */
static void episode_on_a_day(void **state)
{
    static const struct {
        const char *start;
        const char *end;
        const char *day;
        bool on;
    } rows[] = {
        {"2026-03-01", NULL, "2026-03-01", true},
        {"2026-03-01", NULL, "2026-02-28", false},
        {"2026-03-01", NULL, "2030-01-01", true},
        {"2026-03-01", "2026-03-31", "2026-03-31", true},
        {"2026-03-01", "2026-03-31", "2026-04-01", false},
        {"2026-03-01", "2026-03-31", "2026-03-15", true},
        {"2026-03-01", "2026-03-01", "2026-03-01", true},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (core_episode_on(rows[i].start, rows[i].end, rows[i].day) != rows[i].on)
            fail_msg("row %zu: should be %d", i, rows[i].on);
}

#define OK SP_R__COUNT /* in the tables: accepted */

/* An episode's members by kind (docs/employment-track.md "Episodes"): an employer for the four
 * job and internship kinds, institution/programme/level for education (its level required), a
 * purpose for an internship (required); an end needs how it ended, and not before the start;
 * hours 0..168. */
static void episode_members(void **state)
{
    static const struct core_date mar1 = {2026, 3, 1};
    static const struct core_date feb28 = {2026, 2, 28};
    static const struct {
        struct core_episode_fields f;
        enum sp_reason reason;
        const char *field;
        const char *first_allowed; /* only_for_kind and one_of: the first code allowed */
    } rows[] = {
        {{.kind = "ordinary_job", .hours_per_week = 37, .has_employer = true}, OK, "", NULL},
        {{.kind = "subsidised_job", .has_employer = true, .hours_per_week = -1}, OK, "", NULL},
        {{.kind = "flexjob", .has_employer = true}, OK, "", NULL},
        {{.kind = "internship", .has_employer = true, .purpose = "try_out"}, OK, "", NULL},
        {{.kind = "internship", .purpose = "slow_return"}, OK, "", NULL},
        {{.kind = "internship"}, SP_R_REQUIRED, "/purpose", NULL},
        {{.kind = "internship", .purpose = "fun"}, SP_R_ONE_OF, "/purpose", "slow_return"},
        {{.kind = "ordinary_job", .purpose = "try_out"},
         SP_R_ONLY_FOR_KIND,
         "/purpose",
         "internship"},
        {{.kind = "education",
          .level = "upper_secondary",
          .has_institution = true,
          .has_programme = true},
         OK,
         "",
         NULL},
        {{.kind = "education"}, SP_R_REQUIRED, "/level", NULL},
        {{.kind = "education", .level = "gymnasium"},
         SP_R_ONE_OF,
         "/level",
         "primary_lower_secondary"},
        {{.kind = "education", .level = "vocational", .has_employer = true},
         SP_R_ONLY_FOR_KIND,
         "/employer_id",
         "ordinary_job"},
        {{.kind = "course", .has_employer = true},
         SP_R_ONLY_FOR_KIND,
         "/employer_id",
         "ordinary_job"},
        {{.kind = "course", .level = "vocational"}, SP_R_ONLY_FOR_KIND, "/level", "education"},
        {{.kind = "ordinary_job", .has_institution = true},
         SP_R_ONLY_FOR_KIND,
         "/institution",
         "education"},
        {{.kind = "internship", .purpose = "try_out", .has_programme = true},
         SP_R_ONLY_FOR_KIND,
         "/programme",
         "education"},
        {{.kind = "course"}, OK, "", NULL},
        {{.kind = "job"}, SP_R_ONE_OF, "/kind", "ordinary_job"},
        {{.kind = NULL}, SP_R_ONE_OF, "/kind", "ordinary_job"},
        /* Hours per week: 0 and 168 are the bounds (a week has 168 hours). */
        {{.kind = "course", .hours_per_week = 0}, OK, "", NULL},
        {{.kind = "course", .hours_per_week = 168}, OK, "", NULL},
        {{.kind = "course", .hours_per_week = 169}, SP_R_RANGE, "/hours_per_week", NULL},
        {{.kind = "course", .hours_per_week = -2}, SP_R_RANGE, "/hours_per_week", NULL},
        /* The end: on the start day is a one-day episode; the day before is refused. */
        {{.kind = "course", .has_end = true, .end_reason = "completed"}, OK, "", NULL},
        {{.kind = "course", .has_end = true}, SP_R_REQUIRED, "/end_reason", NULL},
        {{.kind = "course", .end_reason = "completed"}, SP_R_ONLY_WHEN_ENDING, "/end_reason", NULL},
        {{.kind = "course", .has_end = true, .end_reason = "fired"},
         SP_R_ONE_OF,
         "/end_reason",
         "completed"},
        {{.kind = "ordinary_job", .has_end = true, .end_reason = "dismissed"}, OK, "", NULL},
        {{.kind = "education",
          .level = "long_higher",
          .has_end = true,
          .end_reason = "dropped_out"},
         OK,
         "",
         NULL},
        {{.kind = "internship", .purpose = "try_out", .has_end = true, .end_reason = "moved_on"},
         OK,
         "",
         NULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct core_episode_fields f = rows[i].f;
        struct sp_err err = {0};
        enum sp_code rc;

        f.start = mar1;
        f.end = mar1;
        rc = core_episode_check(&f, &err);
        if (rows[i].reason == OK) {
            if (rc != SP_OK)
                fail_msg("row %zu: refused at %s", i, err.field);
            continue;
        }
        if (rc != SP_INVALID || err.reason != rows[i].reason || strcmp(err.field, rows[i].field))
            fail_msg("row %zu: got %d at %s, want reason %d at %s", i, rc, err.field, err.reason,
                     rows[i].field);
        if (rows[i].first_allowed != NULL && strcmp(err.allowed, rows[i].first_allowed) != 0)
            fail_msg("row %zu: allowed starts %s", i, err.allowed);
    }
    /* An end the day before the start, with the start as the earliest allowed. */
    {
        struct core_episode_fields f = {.kind = "course",
                                        .start = mar1,
                                        .has_end = true,
                                        .end = feb28,
                                        .end_reason = "completed"};
        struct sp_err err = {0};

        assert_int_equal(core_episode_check(&f, &err), SP_INVALID);
        assert_int_equal(err.reason, SP_R_DATE_BEFORE_START);
        assert_string_equal(err.field, "/end_date");
        assert_string_equal(err.earliest, "2026-03-01");
    }
}

/* A follow-along contact: on or after the episode's start; with the employer or school only
 * when the young person agreed to it; its codes from the lists. */
static void follow_along_rules(void **state)
{
    static const struct core_date start = {2026, 3, 2};
    static const struct {
        const char *with_whom;
        const char *kind;
        bool allowed;
        struct core_date date;
        enum sp_reason reason;
        const char *field;
    } rows[] = {
        {"young_person", "in_person", false, {2026, 3, 2}, OK, ""},
        {"young_person", "phone", false, {2026, 3, 1}, SP_R_DATE_BEFORE_START, "/date"},
        {"young_person", "video", false, {2030, 1, 1}, OK, ""}, /* time-unlimited */
        {"employer", "phone", true, {2026, 3, 2}, OK, ""},
        {"employer", "phone", false, {2026, 3, 2}, SP_R_CONTACT_NOT_AGREED, "/with_whom"},
        {"school", "email", true, {2026, 4, 1}, OK, ""},
        {"school", "email", false, {2026, 4, 1}, SP_R_CONTACT_NOT_AGREED, "/with_whom"},
        {"parent", "phone", true, {2026, 4, 1}, SP_R_ONE_OF, "/with_whom"},
        {"young_person", "letter", true, {2026, 4, 1}, SP_R_ONE_OF, "/kind"},
        {"young_person", "text_message", false, {2026, 4, 1}, OK, ""},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sp_err err = {0};
        enum sp_code rc = core_follow_along_check(rows[i].with_whom, rows[i].kind, rows[i].allowed,
                                                  start, rows[i].date, &err);

        if (rows[i].reason == OK && rc != SP_OK)
            fail_msg("row %zu: refused at %s", i, err.field);
        if (rows[i].reason != OK &&
            (rc != SP_INVALID || err.reason != rows[i].reason || strcmp(err.field, rows[i].field)))
            fail_msg("row %zu: got reason %d at %s", i, err.reason, err.field);
    }
}

/* The vocabularies the UI and docs/employment-track.md name, in their order. */
static void vocabularies(void **state)
{
    (void)state;
    assert_true(core_episode_code_in(core_episode_levels, "preparatory"));
    assert_true(core_episode_code_in(core_episode_end_reasons, "moved_on"));
    assert_false(core_episode_code_in(core_episode_end_reasons, NULL));
    assert_false(core_episode_code_in(core_episode_purposes, "Try_out"));
    assert_string_equal(core_follow_along_parties[0], "young_person");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(work_or_education_kinds),
        cmocka_unit_test(episode_on_a_day),
        cmocka_unit_test(episode_members),
        cmocka_unit_test(follow_along_rules),
        cmocka_unit_test(vocabularies),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
