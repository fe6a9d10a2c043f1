/* core/episode: which episode kinds are work or education, and which episode is going on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(work_or_education_kinds),
        cmocka_unit_test(episode_on_a_day),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
