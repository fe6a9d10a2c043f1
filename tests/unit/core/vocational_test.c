/* core/vocational: a history entry of the vocational profile (core_vocational_entry_check), each
 * rule on both sides of its boundary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/vocational.h"

#define OK SP_R__COUNT

static void entries(void **state)
{
    static const struct {
        struct core_vocational_entry e;
        enum sp_reason reason;
        const char *field;
    } rows[] = {
        {{.area = "work"}, OK, ""},
        {{.area = "work", .from_year = 2022, .to_year = 2024}, OK, ""},
        {{.area = "education", .level = "vocational", .outcome = "dropped_out"}, OK, ""},
        {{.area = "education", .level = "upper_secondary", .outcome = "ongoing"}, OK, ""},
        {{.area = "education"}, SP_R_REQUIRED, "/history/3/level"},
        {{.area = "education", .level = "phd"}, SP_R_ONE_OF, "/history/3/level"},
        {{.area = "education", .level = "vocational", .outcome = "passed"},
         SP_R_ONE_OF,
         "/history/3/outcome"},
        {{.area = "work", .level = "vocational"}, SP_R_ONLY_FOR_KIND, "/history/3/level"},
        {{.area = "work", .outcome = "completed"}, SP_R_ONLY_FOR_KIND, "/history/3/outcome"},
        {{.area = "hobby"}, SP_R_ONE_OF, "/history/3/area"},
        {{.area = NULL}, SP_R_ONE_OF, "/history/3/area"},
        /* Years: 1950 to this year (2026 here), the last not before the first. */
        {{.area = "work", .from_year = 1950}, OK, ""},
        {{.area = "work", .from_year = 1949}, SP_R_RANGE, "/history/3/from_year"},
        {{.area = "work", .to_year = 2026}, OK, ""},
        {{.area = "work", .to_year = 2027}, SP_R_RANGE, "/history/3/to_year"},
        {{.area = "work", .from_year = 2024, .to_year = 2024}, OK, ""},
        {{.area = "work", .from_year = 2024, .to_year = 2023},
         SP_R_NOT_INCREASING,
         "/history/3/to_year"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sp_err err = {0};
        enum sp_code rc = core_vocational_entry_check(&rows[i].e, 2026, "/history/3", &err);

        if (rows[i].reason == OK && rc != SP_OK)
            fail_msg("row %zu: refused at %s", i, err.field);
        if (rows[i].reason != OK &&
            (rc != SP_INVALID || err.reason != rows[i].reason || strcmp(err.field, rows[i].field)))
            fail_msg("row %zu: got reason %d at %s", i, err.reason, err.field);
    }
}

static void vocabularies(void **state)
{
    (void)state;
    assert_string_equal(core_vocational_disclosures[0], "none");
    assert_string_equal(core_vocational_disclosures[2], "full");
    assert_null(core_vocational_disclosures[3]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries),
        cmocka_unit_test(vocabularies),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
