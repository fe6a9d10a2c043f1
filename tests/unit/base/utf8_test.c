/* base/utf8: the longest well-formed prefix, and formatting that never splits a character. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "base/utf8.h"

/* The byte patterns come from RFC 3629: §3's table (0xxxxxxx; 110xxxxx 10xxxxxx; 1110xxxx
 * 10xxxxxx 10xxxxxx; 11110xxx and three 10xxxxxx) and §4's syntax, which allows C2..DF as a
 * two-byte lead, E0 only before A0..BF, ED only before 80..9F (no surrogates), F0 only before
 * 90..BF, F4 only before 80..8F (nothing above U+10FFFF), and never C0, C1 or F5..FF. The
 * overlong forms of '/' are §10's example. Each expected length is worked out by hand from
 * those rules: the bytes before the first that no well-formed sequence can continue. */
static const struct {
    const char *name;
    const char *bytes;
    size_t len;
    size_t prefix;
} prefix_rows[] = {
    {"empty", "", 0, 0},
    {"ASCII", "abc", 3, 3},
    {"U+0080, first of two bytes", "\xc2\x80", 2, 2},
    {"ae U+00E6", "\xc3\xa6", 2, 2},
    {"U+07FF, last of two bytes", "\xdf\xbf", 2, 2},
    {"U+0800, first of three bytes", "\xe0\xa0\x80", 3, 3},
    {"euro U+20AC", "\xe2\x82\xac", 3, 3},
    {"U+D7FF, below the surrogates", "\xed\x9f\xbf", 3, 3},
    {"U+E000, above the surrogates", "\xee\x80\x80", 3, 3},
    {"U+10000, first of four bytes", "\xf0\x90\x80\x80", 4, 4},
    {"grinning face U+1F600", "\xf0\x9f\x98\x80", 4, 4},
    {"U+10FFFF, the last code point", "\xf4\x8f\xbf\xbf", 4, 4},
    {"C0 80: overlong U+0000", "\xc0\x80", 2, 0},
    {"C1 BF: overlong U+007F", "\xc1\xbf", 2, 0},
    {"E0 9F BF: overlong U+07FF", "\xe0\x9f\xbf", 3, 0},
    {"E0 80 AF: overlong '/'", "\xe0\x80\xaf", 3, 0},
    {"F0 80 80 AF: overlong '/'", "\xf0\x80\x80\xaf", 4, 0},
    {"U+D800, a surrogate", "\xed\xa0\x80", 3, 0},
    {"U+DFFF, a surrogate", "\xed\xbf\xbf", 3, 0},
    {"U+110000, above the last", "\xf4\x90\x80\x80", 4, 0},
    {"F5: never a lead", "\xf5\x80\x80\x80", 4, 0},
    {"FF", "\xff", 1, 0},
    {"a lone continuation byte", "\x80", 1, 0},
    {"a lead without its continuation", "\xc3(", 2, 0},
    {"ae then a stray continuation", "\xc3\xa6\x80", 3, 2},
    {"ae cut after its lead", "ab\xc3", 3, 2},
    {"euro cut after two bytes", "ab\xe2\x82", 4, 2},
    {"grinning face cut after three bytes", "ab\xf0\x9f\x98", 5, 2},
    {"valid text, then a cut ae",
     "a\xc3\xa6"
     "b\xc3",
     5, 4},
};

/* jansson, an independent decoder, takes a string only when it is valid UTF-8. */
static int jansson_takes(const char *s, size_t len)
{
    json_t *str = json_stringn(s, len);
    int ok = str != NULL;

    json_decref(str);
    return ok;
}

static void valid_prefix_follows_rfc3629(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof prefix_rows / sizeof prefix_rows[0]; i++) {
        size_t got = sp_utf8_valid_prefix(prefix_rows[i].bytes, prefix_rows[i].len);

        if (got != prefix_rows[i].prefix)
            fail_msg("row %zu (%s): prefix %zu, expected %zu", i, prefix_rows[i].name, got,
                     prefix_rows[i].prefix);
        if (!jansson_takes(prefix_rows[i].bytes, got))
            fail_msg("row %zu (%s): jansson refuses the prefix", i, prefix_rows[i].name);
        for (size_t len = got + 1; len <= prefix_rows[i].len; len++)
            if (jansson_takes(prefix_rows[i].bytes, len))
                fail_msg("row %zu (%s): jansson takes %zu bytes, a longer prefix", i,
                         prefix_rows[i].name, len);
    }
}

/* Into a 5-byte buffer, room for 4 bytes and the NUL: a text that fits is kept whole; one that
 * does not keeps the whole characters among its first 4 bytes (RFC 3629 §3's lengths). */
static const struct {
    const char *name;
    const char *text;
    const char *kept;
} format_rows[] = {
    {"4 ASCII bytes: fits", "abcd", "abcd"},
    {"5 ASCII bytes: cut at 4", "abcde", "abcd"},
    {"ae ends at byte 4: fits", "ab\xc3\xa6", "ab\xc3\xa6"},
    {"ae across bytes 4 and 5", "abc\xc3\xa6", "abc"},
    {"euro across bytes 3 to 5", "ab\xe2\x82\xac", "ab"},
    {"grinning face across bytes 2 to 5", "a\xf0\x9f\x98\x80", "a"},
    {"grinning face fills bytes 1 to 4",
     "\xf0\x9f\x98\x80"
     "b",
     "\xf0\x9f\x98\x80"},
};

static void format_cuts_between_characters(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof format_rows / sizeof format_rows[0]; i++) {
        char buf[5];
        size_t n;

        memset(buf, 'x', sizeof buf);
        n = sp_utf8_format(buf, sizeof buf, "%s", format_rows[i].text);
        if (strcmp(buf, format_rows[i].kept) != 0 || n != strlen(format_rows[i].kept))
            fail_msg("row %zu (%s): kept %zu bytes \"%s\", expected \"%s\"", i, format_rows[i].name,
                     n, buf, format_rows[i].kept);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_prefix_follows_rfc3629),
        cmocka_unit_test(format_cuts_between_characters),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
