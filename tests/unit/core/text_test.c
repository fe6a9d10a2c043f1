/* core/text: case folding for name search, and code-point length. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* Reference: the Unicode Character Database, UnicodeData.txt, field 13 "Simple Lowercase
 * Mapping" for U+00C0..U+00DE (read through Perl 5.36's Unicode::UCD::charinfo, UCD 14.0.0):
 * every capital there maps to the code point 0x20 higher (00C6 LATIN CAPITAL LETTER AE -> 00E6,
 * 00D8 O WITH STROKE -> 00F8, 00C5 A WITH RING ABOVE -> 00E5, 00C9 E WITH ACUTE -> 00E9), except
 * 00D7 MULTIPLICATION SIGN, which has none. UTF-8 bytes per RFC 3629 §3, written out as escapes.
 * Characters outside ASCII and Latin-1 are, by text.h, copied unchanged even where Unicode
 * lower-cases them (Ā U+0100, Σ U+03A3, Д U+0414). */
static const struct {
    const char *in;
    const char *out;
} fold_rows[] = {
    {"", ""},
    {"ABCXYZ", "abcxyz"},
    {"abc xyz", "abc xyz"},
    {"@[`{09", "@[`{09"}, /* the neighbours of A-Z and a-z: '@' 0x40, '[' 0x5B, '`' 0x60, '{' */
    {"MORS\xc3\x98 KOMMUNE", "mors\xc3\xb8 kommune"},
    {"\xc3\x86\xc3\x98\xc3\x85", "\xc3\xa6\xc3\xb8\xc3\xa5"}, /* ÆØÅ -> æøå */
    {"\xc3\xa6\xc3\xb8\xc3\xa5", "\xc3\xa6\xc3\xb8\xc3\xa5"}, /* æøå stays */
    {"\xc3\x89", "\xc3\xa9"},                                 /* É -> é */
    {"\xc3\x80", "\xc3\xa0"},                                 /* À U+00C0, first of the range */
    {"\xc3\x96", "\xc3\xb6"},                                 /* Ö U+00D6, just below × */
    {"\xc3\x97", "\xc3\x97"},                                 /* × U+00D7 unchanged */
    {"\xc3\x98", "\xc3\xb8"},                                 /* Ø U+00D8, just above × */
    {"\xc3\x9c", "\xc3\xbc"},                                 /* Ü */
    {"\xc3\x9e", "\xc3\xbe"},                                 /* Þ U+00DE, last of the range */
    {"\xc3\x9f", "\xc3\x9f"},                                 /* ß U+00DF is lower case */
    {"\xc3\xb7", "\xc3\xb7"},                                 /* ÷ U+00F7 unchanged */
    {"\xc2\xbf", "\xc2\xbf"},                                 /* ¿ U+00BF, below the range */
    {"\xc4\x80", "\xc4\x80"},                                 /* Ā U+0100: not Latin-1 */
    {"\xce\xa3", "\xce\xa3"},                                 /* Σ U+03A3 */
    {"\xd0\x94", "\xd0\x94"},                                 /* Д U+0414 */
    {"\xe2\x82\xac", "\xe2\x82\xac"},                         /* € U+20AC */
    {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},                 /* 😀 U+1F600 */
    {"\xc3\x83", "\xc3\xa3"},         /* Ã U+00C3: its lead byte is 0xC3 too */
    {"\xe3\x83\x86", "\xe3\x83\x86"}, /* テ U+30C6 */
    {"\303\206BLE", "\303\246ble"},   /* ÆBLE, octal: hex escapes would swallow "B" and "E" */
    {"\xc3", "\xc3"},                 /* truncated: a lead byte at the very end */
    {"AB\xc3", "ab\xc3"},
};

static void fold_matches_unicode(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fold_rows / sizeof fold_rows[0]; i++) {
        char *out = core_text_fold(fold_rows[i].in);

        if (out == NULL || strcmp(out, fold_rows[i].out) != 0)
            fail_msg("row %zu: folded to \"%s\", expected \"%s\"", i, out ? out : "(null)",
                     fold_rows[i].out);
        if (out == fold_rows[i].in)
            fail_msg("row %zu: not a copy", i);
        free(out);
    }
}

/* The whole range U+00C0..U+00DE, one row per code point, copied from UnicodeData.txt as above
 * (code point, simple lowercase mapping; a character without one maps to itself). The bytes
 * are built from the code point by RFC 3629's two-byte form (110xxxxx 10xxxxxx). */
static const struct {
    unsigned upper;
    unsigned lower;
} latin1_rows[] = {
    {0x00C0, 0x00E0}, /* LATIN CAPITAL LETTER A WITH GRAVE */
    {0x00C1, 0x00E1}, /* LATIN CAPITAL LETTER A WITH ACUTE */
    {0x00C2, 0x00E2}, /* LATIN CAPITAL LETTER A WITH CIRCUMFLEX */
    {0x00C3, 0x00E3}, /* LATIN CAPITAL LETTER A WITH TILDE */
    {0x00C4, 0x00E4}, /* LATIN CAPITAL LETTER A WITH DIAERESIS */
    {0x00C5, 0x00E5}, /* LATIN CAPITAL LETTER A WITH RING ABOVE */
    {0x00C6, 0x00E6}, /* LATIN CAPITAL LETTER AE */
    {0x00C7, 0x00E7}, /* LATIN CAPITAL LETTER C WITH CEDILLA */
    {0x00C8, 0x00E8}, /* LATIN CAPITAL LETTER E WITH GRAVE */
    {0x00C9, 0x00E9}, /* LATIN CAPITAL LETTER E WITH ACUTE */
    {0x00CA, 0x00EA}, /* LATIN CAPITAL LETTER E WITH CIRCUMFLEX */
    {0x00CB, 0x00EB}, /* LATIN CAPITAL LETTER E WITH DIAERESIS */
    {0x00CC, 0x00EC}, /* LATIN CAPITAL LETTER I WITH GRAVE */
    {0x00CD, 0x00ED}, /* LATIN CAPITAL LETTER I WITH ACUTE */
    {0x00CE, 0x00EE}, /* LATIN CAPITAL LETTER I WITH CIRCUMFLEX */
    {0x00CF, 0x00EF}, /* LATIN CAPITAL LETTER I WITH DIAERESIS */
    {0x00D0, 0x00F0}, /* LATIN CAPITAL LETTER ETH */
    {0x00D1, 0x00F1}, /* LATIN CAPITAL LETTER N WITH TILDE */
    {0x00D2, 0x00F2}, /* LATIN CAPITAL LETTER O WITH GRAVE */
    {0x00D3, 0x00F3}, /* LATIN CAPITAL LETTER O WITH ACUTE */
    {0x00D4, 0x00F4}, /* LATIN CAPITAL LETTER O WITH CIRCUMFLEX */
    {0x00D5, 0x00F5}, /* LATIN CAPITAL LETTER O WITH TILDE */
    {0x00D6, 0x00F6}, /* LATIN CAPITAL LETTER O WITH DIAERESIS */
    {0x00D7, 0x00D7}, /* MULTIPLICATION SIGN */
    {0x00D8, 0x00F8}, /* LATIN CAPITAL LETTER O WITH STROKE */
    {0x00D9, 0x00F9}, /* LATIN CAPITAL LETTER U WITH GRAVE */
    {0x00DA, 0x00FA}, /* LATIN CAPITAL LETTER U WITH ACUTE */
    {0x00DB, 0x00FB}, /* LATIN CAPITAL LETTER U WITH CIRCUMFLEX */
    {0x00DC, 0x00FC}, /* LATIN CAPITAL LETTER U WITH DIAERESIS */
    {0x00DD, 0x00FD}, /* LATIN CAPITAL LETTER Y WITH ACUTE */
    {0x00DE, 0x00FE}, /* LATIN CAPITAL LETTER THORN */
};

static void utf8_2byte(unsigned cp, char out[3])
{
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    out[2] = '\0';
}

static void fold_whole_latin1_capital_range(void **state)
{
    (void)state;
    assert_int_equal(sizeof latin1_rows / sizeof latin1_rows[0], 0xDE - 0xC0 + 1);
    for (size_t i = 0; i < sizeof latin1_rows / sizeof latin1_rows[0]; i++) {
        char in[3];
        char want[3];
        char *out;

        utf8_2byte(latin1_rows[i].upper, in);
        utf8_2byte(latin1_rows[i].lower, want);
        out = core_text_fold(in);
        if (strcmp(out, want) != 0)
            fail_msg("U+%04X: folded to %02x %02x, expected U+%04X", latin1_rows[i].upper,
                     (unsigned char)out[0], (unsigned char)out[1], latin1_rows[i].lower);
        free(out);
    }
}

/* Invalid UTF-8 (a lead byte 0xC3 not followed by a continuation byte): text.h says A-Z and
 * U+00C0..U+00DE are lowered and "every other byte is copied", so the byte after a stray 0xC3 is
 * folded on its own. */
static const struct {
    const char *in;
    const char *out;
} invalid_rows[] = {
    {"\303A", "\303a"},               /* octal, as "\xc3A" would be one escape */
    {"\xc3\xc3\x86", "\xc3\xc3\xa6"}, /* a stray lead byte, then Æ */
};

static void fold_after_stray_lead_byte(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof invalid_rows / sizeof invalid_rows[0]; i++) {
        char *out = core_text_fold(invalid_rows[i].in);

        if (strcmp(out, invalid_rows[i].out) != 0)
            fail_msg("row %zu: folded to \"%s\", expected \"%s\"", i, out, invalid_rows[i].out);
        free(out);
    }
}

/* A lead byte as the last byte of a heap buffer: the fold must not read past the NUL (ASan
 * reports it if it does; the buffer is exactly strlen + 1 bytes). */
static void fold_truncated_at_end_stays_in_bounds(void **state)
{
    static const char *const tails[] = {"\xc3", "x\xc3", "\xc3\x86\xc3", "\xe2\x82", "\xf0"};

    (void)state;
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t len = strlen(tails[i]);
        char *in = malloc(len + 1);
        char *out;

        assert_non_null(in);
        memcpy(in, tails[i], len + 1);
        out = core_text_fold(in);
        if (strlen(out) != len)
            fail_msg("row %zu: length %zu, expected %zu", i, strlen(out), len);
        free(out);
        free(in);
    }
}

/* Reference: RFC 3629 §3 (a code point is one lead byte and its 10xxxxxx continuation bytes). */
static const struct {
    const char *s;
    size_t code_points;
} length_rows[] = {
    {"", 0},
    {"abc", 3},
    {"\xc3\xb8\xc3\xb8\xc3\xb8", 3},              /* øøø: 6 bytes */
    {"M\xc3\xb8rs\xc3\xb8", 5},                   /* Morsø */
    {"\xe2\x82\xac", 1},                          /* € */
    {"\xf0\x9f\x98\x80", 1},                      /* U+1F600 */
    {"a\xc3\xa6\xe2\x82\xac\xf0\x9f\x98\x80", 4}, /* 1 + 2 + 3 + 4 bytes */
};

static void length_counts_code_points(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof length_rows / sizeof length_rows[0]; i++) {
        size_t n = core_text_length(length_rows[i].s);

        if (n != length_rows[i].code_points)
            fail_msg("row %zu: %zu, expected %zu", i, n, length_rows[i].code_points);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_matches_unicode),
        cmocka_unit_test(fold_whole_latin1_capital_range),
        cmocka_unit_test(fold_after_stray_lead_byte),
        cmocka_unit_test(fold_truncated_at_end_stays_in_bounds),
        cmocka_unit_test(length_counts_code_points),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
