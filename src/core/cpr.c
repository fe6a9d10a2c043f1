/* Danish person identifiers: CPR, erstatningspersonnummer and eCPR (docs/sources.md, [S1]–[S16]).
 * Every detail below is a fixed sentence: an identifier is personal data and is never quoted.
 * No detail holds six digits, so tests/fuzz/cpr_fuzz.c can tell any echo of an input apart. */
#include "core/cpr.h"

#include <string.h>

bool core_cpr_type_from(const char *name, enum cpr_type *out)
{
    static const struct {
        const char *name;
        enum cpr_type type;
    } names[] = {
        {"cpr", CPR_TYPE_CPR},
        {"erstatning", CPR_TYPE_ERSTATNING},
        {"ecpr", CPR_TYPE_ECPR},
    };

    if (name == NULL)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].type;
            return true;
        }
    }
    return false;
}

const char *core_cpr_type_name(enum cpr_type type)
{
    switch (type) {
    case CPR_TYPE_CPR:
        return "cpr";
    case CPR_TYPE_ERSTATNING:
        return "erstatning";
    case CPR_TYPE_ECPR:
        return "ecpr";
    }
    return "unknown"; /* not one of the enum's members: a caller's bug, never a crash */
}

/* CPR-kontoret's century table, "combination of positions 5, 6 and 7" (docs/sources.md#s2,
 * [S2][S3]; the same rule as python-stdnum's stdnum/dk/cpr.py [S11]). Returns -1 outside
 * yy 0..99 and d7 0..9. */
int core_cpr_century_year(int yy, int d7)
{
    if (yy < 0 || yy > 99 || d7 < 0 || d7 > 9)
        return -1;
    if (d7 <= 3)
        return 1900 + yy;
    if (d7 == 4 || d7 == 9)
        return yy <= 36 ? 2000 + yy : 1900 + yy;
    /* d7 5..8 */
    if (yy <= 57)
        return 2000 + yy;
    return 1800 + yy;
}

/* eCPR's century digit. MedCom: old local eCPR used 0 (1900-99), 5 (before 1900) and 6 (after
 * 1999); the national eCPR uses 1 (1900-99) and 7 (2000-99) [S15][S15b]. The rule is stated
 * inconsistently (MedCom calls it the 8th position, the FMK wiki the 7th); we take
 * the 7th, as the FMK wiki does, read "before 1900" as the 1800s (as CPR's own table does) and
 * reject every other digit rather than guess a century. Revisit when the rule is verified. */
static int ecpr_century_year(int yy, int d7)
{
    switch (d7) {
    case 0:
    case 1:
        return 1900 + yy;
    case 5:
        return 1800 + yy;
    case 6:
    case 7:
        return 2000 + yy;
    default:
        return -1;
    }
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static char ascii_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Copy the ten characters of s (len 10, or 11 with the hyphen at index 6) into out[0..9] and
 * NUL-terminate. False for any other shape. */
static bool strip_hyphen(const char *s, size_t len, char out[11])
{
    size_t n = 0;

    if (s == NULL || (len != 10 && len != 11))
        return false;
    /* [S3]: "written with or without a hyphen after position 6"; nothing else is accepted, so
     * spaces and other separators fail here and a value has exactly two spellings. */
    if (len == 11 && s[6] != '-')
        return false;
    for (size_t i = 0; i < len; i++) {
        if (len == 11 && i == 6)
            continue;
        out[n++] = s[i];
    }
    out[n] = '\0';
    return true;
}

/* Every character class check for `type` on the ten stripped characters. */
static bool shape_ok(enum cpr_type type, const char c[11])
{
    for (int i = 0; i < 10; i++) {
        /* eCPR: DDMMYY, century digit, two letters (usually initials), sex digit [S15][S15b].
         * Letters are ASCII A-Z here: [A-ZÆØÅ] is possible, but the letter set is UNVERIFIED
         * [S15b], and Æ, Ø, Å would be two bytes each in UTF-8, so never ten characters. */
        bool letter = type == CPR_TYPE_ECPR && (i == 7 || i == 8);

        if (letter ? !is_ascii_letter(c[i]) : !is_digit(c[i]))
            return false;
    }
    return true;
}

static const char *shape_detail(enum cpr_type type)
{
    switch (type) {
    case CPR_TYPE_CPR:
    case CPR_TYPE_ERSTATNING:
        return "Give ten digits as DDMMYYSSSS or DDMMYY-SSSS.";
    case CPR_TYPE_ECPR:
        return "Give an eCPR as six digits, an optional hyphen, a digit, two letters and a digit.";
    }
    return "Give ten digits as DDMMYYSSSS or DDMMYY-SSSS.";
}

enum sp_code core_cpr_parse(enum cpr_type type, const char *s, size_t len, struct core_date today,
                            const char *field, struct cpr_id *out, struct sp_err *err)
{
    char c[11];
    struct core_date birth;
    int d7;

    if (type != CPR_TYPE_CPR && type != CPR_TYPE_ERSTATNING && type != CPR_TYPE_ECPR)
        return sp_err_invalid(err, field, SP_R_INVALID, "Give one of the identifier types.");
    if (!strip_hyphen(s, len, c) || !shape_ok(type, c))
        return sp_err_invalid(err, field,
                              type == CPR_TYPE_ECPR ? SP_R_ECPR_FORMAT : SP_R_CPR_FORMAT, "%s",
                              shape_detail(type));
    if (type == CPR_TYPE_ECPR) {
        c[7] = ascii_upper(c[7]); /* one spelling per eCPR, so equal identifiers compare equal */
        c[8] = ascii_upper(c[8]);
    }

    birth.day = two_digits(c);
    birth.month = two_digits(c + 2);
    d7 = c[6] - '0';
    if (type == CPR_TYPE_ECPR) {
        birth.year = ecpr_century_year(two_digits(c + 4), d7);
        if (birth.year < 0)
            return sp_err_invalid(err, field, SP_R_ECPR_SEVENTH,
                                  "The seventh character of an eCPR must be 0, 1, 5, 6 or 7.");
    } else {
        birth.year = core_cpr_century_year(two_digits(c + 4), d7);
    }

    /* A substitute number adds 6 to the first digit of the birth day, so days 61..91, which no
     * real personnummer has; the rest is built as a CPR [S5][S6]. Subtract 60 to get the date. */
    if (type == CPR_TYPE_ERSTATNING) {
        if (birth.day < 61 || birth.day > 91)
            return sp_err_invalid(err, field, SP_R_SUBSTITUTE_DAY,
                                  "A substitute number's day must be the birth day plus 60.");
        birth.day -= 60;
    } else if (type == CPR_TYPE_CPR && birth.day > 60 && birth.day <= 91) {
        return sp_err_invalid(
            err, field, SP_R_CPR_DAY_IS_SUBSTITUTE,
            "The day is above 31; a substitute number (day plus 60) has its own type.");
    }
    if (!core_date_valid(birth))
        return sp_err_invalid(err, field, SP_R_BIRTH_DATE_NOT_IN_CALENDAR,
                              "The birth date in the identifier does not exist in the calendar.");
    /* A real date, not in the future (a birth date); modulus 11 is deliberately never
     * checked, since CPR-kontoret has issued valid numbers that fail it since 1 October 2007
     * [S2][S4]. */
    if (core_date_cmp(birth, today) > 0)
        return sp_err_invalid(err, field, SP_R_BIRTH_DATE_IN_FUTURE,
                              "The birth date in the identifier is in the future.");

    out->type = type;
    memcpy(out->normalised, c, sizeof out->normalised);
    out->birth = birth;
    /* Last digit odd = male, even = female [S1][S2][S3]; eCPR keeps the rule [S15]. */
    out->legal_sex = (c[9] - '0') % 2 == 1 ? CPR_SEX_MALE : CPR_SEX_FEMALE;
    return SP_OK;
}
