/* core/employer: the CVR number's check and the vocabularies of an employer contact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/employer.h"

/* Reference values from Erhvervsstyrelsen's "Modulus 11 kontrol" ([CVR-MOD11] in
 * docs/sources.md): its worked example 13748136 (first seven weighted 2,7,6,5,4,3,2 sum to 126,
 * remainder 5, check digit 11 - 5 = 6). The other valid numbers were worked by hand with the
 * same rule: 1234567 sums to 2+14+18+20+20+18+14 = 106, remainder 7, check digit 4 (12345674);
 * 1000000 sums to 2, check digit 9 (10000009); 1000004 sums to 10, check digit 1 (10000041);
 * 1000003 sums to 8, check digit 3 (10000033); 1000005 sums to 2 + 10 = 12, remainder 1, which
 * would need a check digit of 10, so no CVR number starts 1000005. */
static void cvr(void **state)
{
    static const struct {
        const char *text;
        bool valid;
        const char *why;
    } rows[] = {
        {"13748136", true, "Erhvervsstyrelsen's worked example"},
        {"13748137", false, "its check digit changed"},
        {"13748135", false, "its check digit changed the other way"},
        {"31748136", false, "two digits swapped"},
        {"12345674", true, "1234567: sum 106, remainder 7, check 4"},
        {"10000009", true, "1000000: sum 2, remainder 2, check 9"},
        {"10000041", true, "1000004: sum 10, remainder 10, check 1"},
        {"10000033", true, "1000003: sum 8, remainder 8, check 3"},
        {"10000050", false, "remainder 1: no check digit exists"},
        {"1374813", false, "seven digits"},
        {"137481360", false, "nine digits"},
        {"1374813a", false, "a letter"},
        {"13 74 81 36", false, "spaces (written apart, as the example is)"},
        {"", false, "empty"},
        {NULL, false, "none"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (core_cvr_valid(rows[i].text) != rows[i].valid)
            fail_msg("row %zu (%s): expected %s", i, rows[i].why,
                     rows[i].valid ? "valid" : "invalid");
}

/* The vocabularies are exactly the codes of docs/api-contract.md "Employers". */
static void vocabularies(void **state)
{
    static const char *const kinds[] = {"in_person", "phone", "email"};
    static const char *const purposes[] = {"learn_workplace", "present_candidate", "follow_up"};
    size_t n = 0;

    (void)state;
    for (size_t i = 0; i < 3; i++) {
        assert_true(core_employer_code_in(core_employer_contact_kinds, kinds[i]));
        assert_true(core_employer_code_in(core_employer_contact_purposes, purposes[i]));
        assert_false(core_employer_code_in(core_employer_contact_kinds, purposes[i]));
        assert_false(core_employer_code_in(core_employer_contact_purposes, kinds[i]));
    }
    while (core_employer_contact_kinds[n] != NULL)
        n++;
    assert_int_equal(n, CORE_EMPLOYER_CONTACT_KIND_COUNT);
    n = 0;
    while (core_employer_contact_purposes[n] != NULL)
        n++;
    assert_int_equal(n, CORE_EMPLOYER_CONTACT_PURPOSE_COUNT);
    assert_false(core_employer_code_in(core_employer_contact_kinds, "Phone"));
    assert_false(core_employer_code_in(core_employer_contact_kinds, ""));
    assert_false(core_employer_code_in(core_employer_contact_kinds, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cvr),
        cmocka_unit_test(vocabularies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
