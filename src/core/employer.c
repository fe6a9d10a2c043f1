/* Employers and job development: the tables of core/employer.h. */
#include "core/employer.h"

#include <string.h>

const char *const core_employer_contact_kinds[] = {"in_person", "phone", "email", NULL};
const char *const core_employer_contact_purposes[] = {"learn_workplace", "present_candidate",
                                                      "follow_up", NULL};

bool core_employer_code_in(const char *const *list, const char *code)
{
    for (size_t i = 0; code != NULL && list[i] != NULL; i++)
        if (strcmp(list[i], code) == 0)
            return true;
    return false;
}

bool core_cvr_valid(const char *cvr)
{
    /* Erhvervsstyrelsen: the first seven digits are a serial number; the eighth makes the sum of
     * the first seven times 2,7,6,5,4,3,2 plus itself a multiple of 11 (a remainder of 1 would
     * need a check digit of 10, so such numbers are never issued). */
    static const int weights[8] = {2, 7, 6, 5, 4, 3, 2, 1};
    int sum = 0;

    if (cvr == NULL || strlen(cvr) != 8)
        return false;
    for (size_t i = 0; i < 8; i++) {
        if (cvr[i] < '0' || cvr[i] > '9')
            return false;
        sum += weights[i] * (cvr[i] - '0');
    }
    return sum % 11 == 0;
}
