/* Danish person identifiers, pure: CPR (personnummer), erstatningspersonnummer (substitute number,
 * birth day + 60) and the health sector's eCPR. Sources: docs/sources.md#s2 to #s16. */
#ifndef SP_CORE_CPR_H
#define SP_CORE_CPR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/date.h"

enum cpr_type {
    CPR_TYPE_CPR,        /* "cpr" */
    CPR_TYPE_ERSTATNING, /* "erstatning": day 61..91 (CPR-kontoret's construction) */
    CPR_TYPE_ECPR,       /* "ecpr": DDMMYY + century digit + two letters + sex digit */
};

enum cpr_sex {
    CPR_SEX_FEMALE, /* last digit even */
    CPR_SEX_MALE,   /* last digit odd */
};

struct cpr_id {
    enum cpr_type type;
    char normalised[11]; /* ten characters, no hyphen, NUL-terminated */
    struct core_date birth;
    enum cpr_sex legal_sex; /* legal sex at assignment, derived: never stored twice */
};

/* "cpr", "erstatning", "ecpr" → *out; false for anything else. */
bool core_cpr_type_from(const char *name, enum cpr_type *out);
const char *core_cpr_type_name(enum cpr_type type);

/* Validate `s` (len bytes; "DDMMYYSSSS" or "DDMMYY-SSSS") as an identifier of `type`, born on a
 * real calendar day not after `today`, century from the 7th digit ([S2], docs/sources.md#s2).
 * Never checks modulus 11 ([S4]). eCPR: 7 digits, 2 letters A-Z, 1 digit; letters upper-cased.
 * SP_OK and *out filled, or SP_INVALID with field = `field` and a detail that never quotes
 * the input. Pure. */
enum sp_code core_cpr_parse(enum cpr_type type, const char *s, size_t len, struct core_date today,
                            const char *field, struct cpr_id *out, struct sp_err *err);

/* The century-resolved year for two year digits yy (0..99) and the 7th digit d7 (0..9). */
int core_cpr_century_year(int yy, int d7);

#endif
