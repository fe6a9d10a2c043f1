/* Employers and job development (issue 11): the vocabularies of an employer contact and the CVR
 * number's rule, as data. Pure. */
#ifndef SP_CORE_EMPLOYER_H
#define SP_CORE_EMPLOYER_H

#include <stdbool.h>
#include <stddef.h>

/* How a consultant was in contact with an employer, and why: learning about the workplace,
 * presenting a candidate, following up after a start (docs/api-contract.md "Employers").
 * NULL-terminated lists of codes, in the order the UI offers them. */
extern const char *const core_employer_contact_kinds[];
extern const char *const core_employer_contact_purposes[];
#define CORE_EMPLOYER_CONTACT_KIND_COUNT 3
#define CORE_EMPLOYER_CONTACT_PURPOSE_COUNT 3

/* Is code one of the NULL-terminated list? False for NULL. */
bool core_employer_code_in(const char *const *list, const char *code);

/* Is cvr a CVR number: exactly 8 digits whose weighted sum (weights 2,7,6,5,4,3,2,1) is divisible
 * by 11, the modulus 11 check every CVR number passes (Erhvervsstyrelsen, [CVR-MOD11] in
 * docs/sources.md)? */
bool core_cvr_valid(const char *cvr);

#endif
