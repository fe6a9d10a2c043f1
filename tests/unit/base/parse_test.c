/* base/parse: sp_parse_i64, the one checked integer parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "base/parse.h"

/* Reference: ISO C11 §7.20.2.1, INT64_MAX = 2^63 - 1 = 9223372036854775807 and INT64_MIN =
 * -2^63 = -9223372036854775808 (two's complement, exact-width); the text is written out, not
 * formatted by the code under test, and compared against the macros. Grammar from parse.h:
 * exactly len bytes of an optional '-' and decimal digits; no '+', no spaces, no hex. */
static const struct {
    const char *text;
    bool ok;
    int64_t value;
} rows[] = {
    {"0", true, 0},
    {"-0", true, 0},
    {"7", true, 7},
    {"-7", true, -7},
    {"007", true, 7}, /* leading zeros are digits; the router refuses them itself */
    {"9223372036854775807", true, INT64_MAX},
    {"-9223372036854775808", true, INT64_MIN},
    {"9223372036854775806", true, INT64_MAX - 1},
    {"-9223372036854775807", true, INT64_MIN + 1},
    {"9223372036854775808", false, 0},    /* INT64_MAX + 1 */
    {"-9223372036854775809", false, 0},   /* INT64_MIN - 1 */
    {"9223372036854775810", false, 0},    /* last digit overflows, not the multiplication */
    {"18446744073709551616", false, 0},   /* 2^64: wraps a uint64_t to 0 */
    {"99999999999999999999", false, 0},   /* 20 digits */
    {"00000000000000000000001", true, 1}, /* 23 bytes, value small */
    {"", false, 0},
    {"-", false, 0},
    {"--1", false, 0},
    {"+1", false, 0},
    {" 1", false, 0},
    {"1 ", false, 0},
    {"1a", false, 0},
    {"a1", false, 0},
    {"0x10", false, 0},
    {"1-", false, 0},
    {"1.0", false, 0},
    {"1e3", false, 0},
    {"\xd9\xa1", false, 0}, /* U+0661 ARABIC-INDIC DIGIT ONE: not a decimal digit here */
};

static void parse_matches_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int64_t out = 12345;
        bool ok = sp_parse_i64(rows[i].text, strlen(rows[i].text), &out);

        if (ok != rows[i].ok)
            fail_msg("row %zu \"%s\": %s, expected %s", i, rows[i].text,
                     ok ? "accepted" : "refused", rows[i].ok ? "accepted" : "refused");
        if (ok && out != rows[i].value)
            fail_msg("row %zu \"%s\": %lld, expected %lld", i, rows[i].text, (long long)out,
                     (long long)rows[i].value);
    }
}

/* len is the whole input: bytes after it are not read (an embedded NUL or a digit past len). */
static const struct {
    const char *bytes;
    size_t len;
    bool ok;
    int64_t value;
} len_rows[] = {
    {"123456", 3, true, 123},
    {"12\0"
     "3",
     4, false, 0},
    {"-5x", 2, true, -5},
    {"42", 0, false, 0},
    {"92233720368547758070", 19, true, INT64_MAX}, /* the 20th digit is outside len */
};

static void parse_reads_exactly_len(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof len_rows / sizeof len_rows[0]; i++) {
        int64_t out = 0;
        bool ok = sp_parse_i64(len_rows[i].bytes, len_rows[i].len, &out);

        if (ok != len_rows[i].ok || (ok && out != len_rows[i].value))
            fail_msg("row %zu: ok %d value %lld", i, ok, (long long)out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_matches_rows),
        cmocka_unit_test(parse_reads_exactly_len),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
