/* core/cpr: CPR, erstatningspersonnummer and eCPR parsing ([S1]-[S16] in docs/sources.md).
 * Fixtures are MedCom's published test persons [S8][S16], substitute numbers (day + 60, never a
 * real CPR [S5]) and impossible dates, never anything that could be a real person's number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/cpr.h"

/* When the sources were read (docs/sources.md: November 2026), so "the future" is fixed. */
static const struct core_date today = {2026, 11, 1};

/* The details core_cpr_parse gives, so each rejecting row also proves why it was rejected. */
static const char shape[] = "Give ten digits as DDMMYYSSSS or DDMMYY-SSSS.";
static const char eshape[] =
    "Give an eCPR as six digits, an optional hyphen, a digit, two letters and a digit.";
static const char no_date[] = "The birth date in the identifier does not exist in the calendar.";
static const char future[] = "The birth date in the identifier is in the future.";
static const char erst_day[] = "A substitute number's day must be the birth day plus 60.";
static const char cpr_day[] =
    "The day is above 31; a substitute number (day plus 60) has its own type.";
static const char ecpr_century[] = "The seventh character of an eCPR must be 0, 1, 5, 6 or 7.";

/* References, by row group:
 * - MedCom test persons in hl7dk/dk-core TestPatienter.fsh [S16], birth dates by [S2]'s table,
 *   confirmed by python-stdnum 1.18 (Debian python3-stdnum) stdnum.dk.cpr.
 *   get_birth_date(), run by hand; sex from the last digit [S1][S2][S3].
 * - erstatning: 670301-4002 = a woman born 2001-03-07, built by [S5]'s rule by hand; the
 *   others built the same way (day + 60, century digit from [S2]'s table), their dates checked
 *   with GNU date 9.1 (`date -d 2001-02-29` fails, `date -d 2000-02-29` succeeds).
 * - ecpr: the layout of [S15][S15b] (DDMMYY, century digit, two letters, sex digit) with the
 *   century digits 0/1 = 1900s, 5 = before 1900, 6/7 = 2000s that MedCom lists [S15].
 * - shape rows: [S3], "with or without a hyphen after position 6", nothing else. */
static const struct {
    enum cpr_type type;
    const char *text;
    size_t len;
    const char *detail; /* NULL: SP_OK expected */
    struct core_date birth;
    enum cpr_sex sex;
    const char *normalised;
} rows[] = {
    /* MedCom test persons; 2512489996 fails modulus 11 (see mod11_failing_number_accepted). */
    {CPR_TYPE_CPR, "2311143995", 10, NULL, {1914, 11, 23}, CPR_SEX_MALE, "2311143995"},
    {CPR_TYPE_CPR, "0505059996", 10, NULL, {2005, 5, 5}, CPR_SEX_FEMALE, "0505059996"},
    {CPR_TYPE_CPR, "2512489996", 10, NULL, {1948, 12, 25}, CPR_SEX_FEMALE, "2512489996"},
    {CPR_TYPE_CPR, "251248-9996", 11, NULL, {1948, 12, 25}, CPR_SEX_FEMALE, "2512489996"},
    {CPR_TYPE_CPR, "231114-3995", 11, NULL, {1914, 11, 23}, CPR_SEX_MALE, "2311143995"},
    /* Impossible dates, so never a real number. */
    {CPR_TYPE_CPR, "3002489996", 10, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "2513489996", 10, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "0012489996", 10, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "0001489996", 10, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "3201489996", 10, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    /* A substitute number is not a CPR (day 61..91 [S5]). */
    {CPR_TYPE_CPR, "670301-4002", 11, cpr_day, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "610301-4002", 11, cpr_day, {0, 0, 0}, CPR_SEX_FEMALE, NULL},

    /* erstatning: [S5]'s construction, with and without hyphen. */
    {CPR_TYPE_ERSTATNING, "670301-4002", 11, NULL, {2001, 3, 7}, CPR_SEX_FEMALE, "6703014002"},
    {CPR_TYPE_ERSTATNING, "6703014002", 10, NULL, {2001, 3, 7}, CPR_SEX_FEMALE, "6703014002"},
    /* Day boundaries: 60 and 92 are not day + 60 of any real day; 61 and 91 are. */
    {CPR_TYPE_ERSTATNING, "600301-4002", 11, erst_day, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ERSTATNING, "610301-4002", 11, NULL, {2001, 3, 1}, CPR_SEX_FEMALE, "6103014002"},
    {CPR_TYPE_ERSTATNING, "910301-4001", 11, NULL, {2001, 3, 31}, CPR_SEX_MALE, "9103014001"},
    {CPR_TYPE_ERSTATNING, "920301-4002", 11, erst_day, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ERSTATNING, "910401-4002", 11, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    /* A real-looking CPR is not a substitute number. */
    {CPR_TYPE_ERSTATNING, "2512489996", 10, erst_day, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    /* Leap years through the century rule: 2000 (d7 4, YY 00) and 2024 are leap years, 1900 (d7
     * 0) and 2001 are not. */
    {CPR_TYPE_ERSTATNING, "890200-4002", 11, NULL, {2000, 2, 29}, CPR_SEX_FEMALE, "8902004002"},
    {CPR_TYPE_ERSTATNING, "890200-0002", 11, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ERSTATNING, "890224-4002", 11, NULL, {2024, 2, 29}, CPR_SEX_FEMALE, "8902244002"},
    {CPR_TYPE_ERSTATNING, "890201-4002", 11, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    /* Century boundaries ([S2]) through parsing; the whole table is in century_matches_table. */
    {CPR_TYPE_ERSTATNING, "610136-3001", 11, NULL, {1936, 1, 1}, CPR_SEX_MALE, "6101363001"},
    {CPR_TYPE_ERSTATNING, "610137-4001", 11, NULL, {1937, 1, 1}, CPR_SEX_MALE, "6101374001"},
    {CPR_TYPE_ERSTATNING, "610157-9001", 11, NULL, {1957, 1, 1}, CPR_SEX_MALE, "6101579001"},
    {CPR_TYPE_ERSTATNING, "610158-5001", 11, NULL, {1858, 1, 1}, CPR_SEX_MALE, "6101585001"},
    {CPR_TYPE_ERSTATNING, "610108-8001", 11, NULL, {2008, 1, 1}, CPR_SEX_MALE, "6101088001"},
    {CPR_TYPE_ERSTATNING, "610157-5001", 11, future, {0, 0, 0}, CPR_SEX_FEMALE, NULL}, /* 2057 */
    /* Today is allowed, tomorrow is the future. */
    {CPR_TYPE_ERSTATNING, "611126-4002", 11, NULL, {2026, 11, 1}, CPR_SEX_FEMALE, "6111264002"},
    {CPR_TYPE_ERSTATNING, "621126-4002", 11, future, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ERSTATNING, "611226-4002", 11, future, {0, 0, 0}, CPR_SEX_FEMALE, NULL},

    /* ecpr: century digits and letters upper-cased. */
    {CPR_TYPE_ECPR, "2512481AB6", 10, NULL, {1948, 12, 25}, CPR_SEX_FEMALE, "2512481AB6"},
    {CPR_TYPE_ECPR, "0505057xy5", 10, NULL, {2005, 5, 5}, CPR_SEX_MALE, "0505057XY5"},
    {CPR_TYPE_ECPR, "050505-7xY5", 11, NULL, {2005, 5, 5}, CPR_SEX_MALE, "0505057XY5"},
    {CPR_TYPE_ECPR, "0101000AB2", 10, NULL, {1900, 1, 1}, CPR_SEX_FEMALE, "0101000AB2"},
    {CPR_TYPE_ECPR, "3112991ZZ1", 10, NULL, {1999, 12, 31}, CPR_SEX_MALE, "3112991ZZ1"},
    {CPR_TYPE_ECPR, "0101505AB1", 10, NULL, {1850, 1, 1}, CPR_SEX_MALE, "0101505AB1"},
    {CPR_TYPE_ECPR, "0101006AB2", 10, NULL, {2000, 1, 1}, CPR_SEX_FEMALE, "0101006AB2"},
    {CPR_TYPE_ECPR, "0101002AB2", 10, ecpr_century, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR, "0101004AB2", 10, ecpr_century, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR, "0101009AB2", 10, ecpr_century, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR, "0101277AB1", 10, future, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR, "3002007AB1", 10, no_date, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR, "2512489996", 10, eshape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR, "2512481A96", 10, eshape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR, "2512481ABC", 10, eshape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR,
     "2512481\xC3\x86"
     "B6",
     11,
     eshape,
     {0, 0, 0},
     CPR_SEX_FEMALE,
     NULL}, /* Æ */
    {CPR_TYPE_ECPR, "2512481A@6", 10, eshape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ECPR, "2512481AB", 9, eshape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},

    /* Shapes: wrong lengths, letters, spaces, a hyphen anywhere but after position 6. */
    {CPR_TYPE_CPR, "251248999", 9, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "25124899960", 11, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "251248-99960", 12, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "", 0, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "25124-89996", 11, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "2512489-996", 11, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "251248-999", 10, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "251248 9996", 11, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, " 2512489996", 11, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "2512489996 ", 11, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR,
     "251248\0"
     "9996",
     11,
     shape,
     {0, 0, 0},
     CPR_SEX_FEMALE,
     NULL},
    {CPR_TYPE_CPR, "25124899A6", 10, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "2512481AB6", 10, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_CPR, "+512489996", 10, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
    {CPR_TYPE_ERSTATNING, "67030I-4002", 11, shape, {0, 0, 0}, CPR_SEX_FEMALE, NULL},
};

/* True when any 6-byte run of the input appears in the detail: a detail must never carry
 * enough of an identifier to find its owner. */
static bool quotes_input(const char *detail, const char *text, size_t len)
{
    size_t detail_len = strlen(detail);

    for (size_t i = 0; i + 6 <= len; i++) {
        for (size_t j = 0; j + 6 <= detail_len; j++) {
            if (memcmp(detail + j, text + i, 6) == 0)
                return true;
        }
    }
    return false;
}

static void parse_matches_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct cpr_id id;
        struct sp_err err = {0};
        enum sp_code rc;

        memset(&id, 0, sizeof id);
        rc = core_cpr_parse(rows[i].type, rows[i].text, rows[i].len, today, "/identifier", &id,
                            &err);
        if (rows[i].detail == NULL) {
            if (rc != SP_OK)
                fail_msg("row %zu: code %d, detail \"%s\"", i, rc, err.detail);
            if (core_date_cmp(id.birth, rows[i].birth) != 0 || id.legal_sex != rows[i].sex ||
                id.type != rows[i].type || strcmp(id.normalised, rows[i].normalised) != 0)
                fail_msg("row %zu: birth %d-%d-%d, sex %d, normalised \"%s\"", i, id.birth.year,
                         id.birth.month, id.birth.day, id.legal_sex, id.normalised);
            continue;
        }
        if (rc != SP_INVALID || strcmp(err.detail, rows[i].detail) != 0 ||
            strcmp(err.field, "/identifier") != 0)
            fail_msg("row %zu: code %d, field \"%s\", detail \"%s\"", i, rc, err.field, err.detail);
        if (quotes_input(err.detail, rows[i].text, rows[i].len))
            fail_msg("row %zu: detail quotes the input", i);
    }
}

/* [S2][S4] (docs/sources.md): numbers failing modulus 11 are fully valid and must never be
 * rejected. First prove, with the old check's weights 4,3,2,7,6,5,4,3,2,1 [S11], that MedCom's
 * 2512489996 fails it (by hand: weighted sum 190, 3 mod 11), then that it is accepted. */
static void mod11_failing_number_accepted(void **state)
{
    static const int weight[10] = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
    static const char number[] = "2512489996";
    struct cpr_id id;
    struct sp_err err = {0};
    int sum = 0;

    (void)state;
    for (int i = 0; i < 10; i++)
        sum += weight[i] * (number[i] - '0');
    assert_int_equal(sum % 11, 3);
    assert_int_equal(core_cpr_parse(CPR_TYPE_CPR, number, 10, today, "/id", &id, &err), SP_OK);
    assert_int_equal(id.birth.year, 1948);
    assert_int_equal(id.birth.month, 12);
    assert_int_equal(id.birth.day, 25);
    assert_int_equal(id.legal_sex, CPR_SEX_FEMALE);
}

/* Reference: CPR-kontoret's century table [S2][S3], every 7th digit on both sides of each YY
 * boundary (36/37, 57/58) and the ends 00 and 99; the same 60 values printed by python-stdnum 1.18
 * (Debian python3-stdnum) get_birth_date('0101' + YY + d7 + '000').year, run by hand. */
static const struct {
    int yy;
    int year[10]; /* indexed by the 7th digit */
} century_rows[] = {
    {0, {1900, 1900, 1900, 1900, 2000, 2000, 2000, 2000, 2000, 2000}},
    {36, {1936, 1936, 1936, 1936, 2036, 2036, 2036, 2036, 2036, 2036}},
    {37, {1937, 1937, 1937, 1937, 1937, 2037, 2037, 2037, 2037, 1937}},
    {57, {1957, 1957, 1957, 1957, 1957, 2057, 2057, 2057, 2057, 1957}},
    {58, {1958, 1958, 1958, 1958, 1958, 1858, 1858, 1858, 1858, 1958}},
    {99, {1999, 1999, 1999, 1999, 1999, 1899, 1899, 1899, 1899, 1999}},
};

static void century_matches_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof century_rows / sizeof century_rows[0]; i++) {
        for (int d7 = 0; d7 < 10; d7++) {
            int year = core_cpr_century_year(century_rows[i].yy, d7);

            if (year != century_rows[i].year[d7])
                fail_msg("row %zu, d7 %d: %d, expected %d", i, d7, year, century_rows[i].year[d7]);
        }
    }
}

static void century_rejects_out_of_range(void **state)
{
    static const struct {
        int yy, d7;
    } bad[] = {{-1, 0}, {100, 0}, {0, -1}, {0, 10}};

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (core_cpr_century_year(bad[i].yy, bad[i].d7) != -1)
            fail_msg("row %zu: expected -1", i);
    }
}

/* The names are the API's identifier_type values (`cpr | erstatning | ecpr`, docs/design.md). */
static void type_names_round_trip(void **state)
{
    static const struct {
        const char *name;
        bool known;
        enum cpr_type type;
    } names[] = {
        {"cpr", true, CPR_TYPE_CPR},   {"erstatning", true, CPR_TYPE_ERSTATNING},
        {"ecpr", true, CPR_TYPE_ECPR}, {"CPR", false, CPR_TYPE_CPR},
        {"eCPR", false, CPR_TYPE_CPR}, {"", false, CPR_TYPE_CPR},
        {"cpr ", false, CPR_TYPE_CPR},
    };

    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        enum cpr_type t = CPR_TYPE_CPR;
        bool known = core_cpr_type_from(names[i].name, &t);

        if (known != names[i].known || (known && t != names[i].type))
            fail_msg("row %zu: known %d, type %d", i, known, t);
        if (known && strcmp(core_cpr_type_name(t), names[i].name) != 0)
            fail_msg("row %zu: name \"%s\"", i, core_cpr_type_name(t));
    }
    assert_false(core_cpr_type_from(NULL, NULL));
}

static void unknown_type_and_null_rejected(void **state)
{
    struct cpr_id id;
    struct sp_err err = {0};

    (void)state;
    assert_int_equal(core_cpr_parse((enum cpr_type)7, "6703014002", 10, today, "/type", &id, &err),
                     SP_INVALID);
    assert_string_equal(err.field, "/type");
    assert_int_equal(core_cpr_parse(CPR_TYPE_CPR, NULL, 0, today, "/id", &id, &err), SP_INVALID);
    assert_string_equal(err.detail, shape);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_matches_rows),    cmocka_unit_test(mod11_failing_number_accepted),
        cmocka_unit_test(century_matches_table), cmocka_unit_test(century_rejects_out_of_range),
        cmocka_unit_test(type_names_round_trip), cmocka_unit_test(unknown_type_and_null_rejected),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
