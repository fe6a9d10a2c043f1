/* base/err: the code table (problem+json's code, status and title) and sp_err_set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"

/* Reference: docs/api-contract.md, Conventions ("Codes: malformed 400, invalid 422, …, internal
 * 500"), the API contract the names belong to; SP_OK's row is RFC 9110 §15.3.1 (200 OK). One row
 * per code, so a code added to err.h without a row here fails expected_rows_cover_every_code. */
static const struct {
    enum sp_code code;
    const char *name;
    int status;
} expected_rows[] = {
    {SP_OK, "ok", 200},
    {SP_MALFORMED, "malformed", 400},
    {SP_INVALID, "invalid", 422},
    {SP_UNAUTHENTICATED, "unauthenticated", 401},
    {SP_FORBIDDEN, "forbidden", 403},
    {SP_CSRF, "csrf", 403},
    {SP_THROTTLED, "throttled", 429},
    {SP_NOT_FOUND, "not_found", 404},
    {SP_METHOD, "method_not_allowed", 405},
    {SP_CONFLICT, "conflict", 409},
    {SP_PRECONDITION, "precondition_required", 428},
    {SP_STALE, "stale", 412},
    {SP_TOO_LARGE, "too_large", 413},
    /* RFC 9110 §15.5.15 (414 URI Too Long), RFC 6585 §5 (431 Request Header Fields Too Large),
     * RFC 9110 §15.5.1 (400 Bad Request). */
    {SP_URI_TOO_LONG, "uri_too_long", 414},
    {SP_HEADERS_LARGE, "headers_too_large", 431},
    {SP_BAD_REQUEST, "bad_request", 400},
    {SP_UNSUPPORTED, "unsupported_media_type", 415},
    {SP_BUSY, "busy", 503},
    {SP_UNAVAILABLE, "unavailable", 503},
    {SP_INTERNAL, "internal", 500},
};

#define EXPECTED_COUNT (sizeof expected_rows / sizeof expected_rows[0])

static bool is_lower_name(const char *s)
{
    if (s[0] < 'a' || s[0] > 'z')
        return false;
    for (const char *p = s; *p != '\0'; p++) {
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return false;
    }
    return true;
}

/* Every row is filled: a lower-case snake_case name, a status 200..599 (RFC 9110 §15: the 2xx-5xx
 * classes), a title that is not empty and, per PostgreSQL's message style guide (sources.sgml,
 * docs/code-style.md), has no trailing period. */
static void every_row_is_filled(void **state)
{
    (void)state;
    for (int i = 0; i < SP__COUNT; i++) {
        const struct sp_code_info *info = sp_code_info((enum sp_code)i);
        size_t title_len;

        if (info == NULL || info->name == NULL || info->title == NULL)
            fail_msg("code %d: row missing", i);
        if (!is_lower_name(info->name))
            fail_msg("code %d: name \"%s\" is not lower-case snake_case", i, info->name);
        if (info->status < 200 || info->status > 599)
            fail_msg("code %d (%s): status %d outside 200..599", i, info->name, info->status);
        title_len = strlen(info->title);
        if (title_len == 0)
            fail_msg("code %d (%s): empty title", i, info->name);
        if (info->title[title_len - 1] == '.')
            fail_msg("code %d (%s): title \"%s\" ends with a period", i, info->name, info->title);
    }
}

static void names_are_unique(void **state)
{
    (void)state;
    for (int i = 0; i < SP__COUNT; i++) {
        for (int j = i + 1; j < SP__COUNT; j++) {
            const char *a = sp_code_info((enum sp_code)i)->name;
            const char *b = sp_code_info((enum sp_code)j)->name;

            if (strcmp(a, b) == 0)
                fail_msg("codes %d and %d share the name \"%s\"", i, j, a);
        }
    }
}

static void expected_rows_cover_every_code(void **state)
{
    bool seen[SP__COUNT] = {false};

    (void)state;
    assert_int_equal(EXPECTED_COUNT, SP__COUNT);
    for (size_t i = 0; i < EXPECTED_COUNT; i++) {
        if (seen[expected_rows[i].code])
            fail_msg("row %zu: code %d listed twice", i, expected_rows[i].code);
        seen[expected_rows[i].code] = true;
    }
}

static void names_and_statuses_match_contract(void **state)
{
    (void)state;
    for (size_t i = 0; i < EXPECTED_COUNT; i++) {
        const struct sp_code_info *info = sp_code_info(expected_rows[i].code);

        if (strcmp(info->name, expected_rows[i].name) != 0 ||
            info->status != expected_rows[i].status)
            fail_msg("row %zu: got %s %d, expected %s %d", i, info->name, info->status,
                     expected_rows[i].name, expected_rows[i].status);
    }
}

/* Out-of-range codes map to SP_INTERNAL's row (err.h), the very same row. */
static void out_of_range_maps_to_internal(void **state)
{
    static const unsigned bad[] = {SP__COUNT, SP__COUNT + 1, 1000, 0x7fffffffu, 0xffffffffu};
    const struct sp_code_info *internal = sp_code_info(SP_INTERNAL);

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (sp_code_info((enum sp_code)bad[i]) != internal)
            fail_msg("row %zu: code %u is not mapped to the internal row", i, bad[i]);
    }
}

static void err_set_fills_and_returns_code(void **state)
{
    struct sp_err err;

    (void)state;
    memset(&err, 'x', sizeof err);
    assert_int_equal(sp_err_set(&err, SP_INVALID, "/name", "Give %d to %d characters.", 1, 200),
                     SP_INVALID);
    assert_int_equal(err.code, SP_INVALID);
    assert_string_equal(err.field, "/name");
    assert_string_equal(err.detail, "Give 1 to 200 characters.");

    /* A NULL field is "" (no member). */
    assert_int_equal(sp_err_set(&err, SP_NOT_FOUND, NULL, "No such thing."), SP_NOT_FOUND);
    assert_int_equal(err.code, SP_NOT_FOUND);
    assert_string_equal(err.field, "");
}

/* Field and detail longer than their arrays: truncated to size - 1 bytes, NUL-terminated, and
 * nothing after the arrays is touched (a guard struct around the sp_err; ASan checks the rest). */
static void err_set_truncates_safely(void **state)
{
    struct {
        struct sp_err err;
        unsigned char guard[64];
    } box;
    char long_field[SP_ERR_FIELD_MAX * 2];
    char long_detail[SP_ERR_DETAIL_MAX * 3];

    (void)state;
    memset(&box, 0xA5, sizeof box);
    long_field[0] = '/';
    memset(long_field + 1, 'f', sizeof long_field - 2);
    long_field[sizeof long_field - 1] = '\0';
    memset(long_detail, 'd', sizeof long_detail - 1);
    long_detail[sizeof long_detail - 1] = '\0';

    assert_int_equal(sp_err_set(&box.err, SP_CONFLICT, long_field, "%s", long_detail), SP_CONFLICT);
    assert_int_equal(box.err.code, SP_CONFLICT);
    assert_int_equal(strlen(box.err.field), SP_ERR_FIELD_MAX - 1);
    assert_int_equal(strlen(box.err.detail), SP_ERR_DETAIL_MAX - 1);
    assert_memory_equal(box.err.field, long_field, SP_ERR_FIELD_MAX - 1);
    assert_memory_equal(box.err.detail, long_detail, SP_ERR_DETAIL_MAX - 1);
    for (size_t i = 0; i < sizeof box.guard; i++) {
        if (box.guard[i] != 0xA5)
            fail_msg("guard byte %zu overwritten", i);
    }
}

/* A text longer than its array is cut back to the last whole UTF-8 character, never inside one:
 * a field or detail cut inside "æ" is not UTF-8, and jansson then refuses the problem body (and a
 * log line quoting it is not JSON). Each row is a text of ASCII 'a's with one character starting
 * `back` bytes before the limit (the array's size - 1 bytes) and `tail` after it; `kept_back` is
 * how far before the limit the result ends, worked out by hand from the character's length in
 * UTF-8 (RFC 3629 §3's table and §4's syntax: æ U+00E6 is C3 A6, € U+20AC is E2 82 AC, 😀 U+1F600
 * is F0 9F 98 80). */
static const struct {
    const char *name;
    size_t back;
    const char *character;
    const char *tail;
    size_t kept_back;
} cut_rows[] = {
    {"ASCII exactly the limit long", 1, "a", "", 0},
    {"ASCII past the limit: cut at it", 1, "a", "tail", 0},
    {"ae ends at the limit", 2, "\xc3\xa6", "tail", 0},
    {"ae straddles the limit", 1, "\xc3\xa6", "tail", 1},
    {"euro ends at the limit", 3, "\xe2\x82\xac", "tail", 0},
    {"euro straddles the limit after 2 bytes", 2, "\xe2\x82\xac", "tail", 2},
    {"euro straddles the limit after 1 byte", 1, "\xe2\x82\xac", "tail", 1},
    {"grinning face ends at the limit", 4, "\xf0\x9f\x98\x80", "tail", 0},
    {"grinning face straddles the limit after 3 bytes", 3, "\xf0\x9f\x98\x80", "tail", 3},
    {"grinning face straddles the limit after 1 byte", 1, "\xf0\x9f\x98\x80", "tail", 1},
    {"shorter than the limit: unchanged", 40, "V\xc3\xa6rdien er \xc3\xa9n af de tilladte.", "", 9},
};

/* The row's text for an array of `size` bytes. */
static void cut_text(size_t row, size_t size, char *out, size_t cap)
{
    size_t ascii = size - 1 - cut_rows[row].back;
    int n;

    memset(out, 'a', ascii);
    n = snprintf(out + ascii, cap - ascii, "%s%s", cut_rows[row].character, cut_rows[row].tail);
    assert_true(n >= 0 && (size_t)n < cap - ascii);
}

/* jansson, an independent decoder, takes a string only when it is valid UTF-8. */
static bool jansson_takes(const char *s, size_t len)
{
    json_t *str = json_stringn(s, len);
    bool ok = str != NULL;

    json_decref(str);
    return ok;
}

/* got (an array of `size` bytes) holds the longest prefix of text that fits and is UTF-8. */
static void check_cut(const char *what, size_t row, const char *text, const char *got, size_t size)
{
    size_t limit = size - 1;
    size_t len = strlen(got);
    size_t text_len = strlen(text);

    if (len != limit - cut_rows[row].kept_back || memcmp(got, text, len) != 0)
        fail_msg("%s, row %zu (%s): kept %zu bytes, expected the first %zu", what, row,
                 cut_rows[row].name, len, limit - cut_rows[row].kept_back);
    if (!jansson_takes(got, len))
        fail_msg("%s, row %zu (%s): not valid UTF-8", what, row, cut_rows[row].name);
    for (size_t longer = len + 1; longer <= limit && longer <= text_len; longer++)
        if (jansson_takes(text, longer))
            fail_msg("%s, row %zu (%s): the first %zu bytes fit and are UTF-8 too", what, row,
                     cut_rows[row].name, longer);
}

static void err_cuts_between_characters(void **state)
{
    char text[SP_ERR_DETAIL_MAX + 64];
    struct sp_err err;

    (void)state;
    for (size_t i = 0; i < sizeof cut_rows / sizeof cut_rows[0]; i++) {
        cut_text(i, SP_ERR_DETAIL_MAX, text, sizeof text);
        sp_err_set(&err, SP_CONFLICT, "", "%s", text);
        check_cut("sp_err_set detail", i, text, err.detail, SP_ERR_DETAIL_MAX);
        sp_err_invalid(&err, "", SP_R_INVALID, "%s", text);
        check_cut("sp_err_invalid detail", i, text, err.detail, SP_ERR_DETAIL_MAX);

        cut_text(i, SP_ERR_FIELD_MAX, text, sizeof text);
        sp_err_set(&err, SP_CONFLICT, text, "No detail.");
        check_cut("sp_err_set field", i, text, err.field, SP_ERR_FIELD_MAX);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_row_is_filled),
        cmocka_unit_test(names_are_unique),
        cmocka_unit_test(expected_rows_cover_every_code),
        cmocka_unit_test(names_and_statuses_match_contract),
        cmocka_unit_test(out_of_range_maps_to_internal),
        cmocka_unit_test(err_set_fills_and_returns_code),
        cmocka_unit_test(err_set_truncates_safely),
        cmocka_unit_test(err_cuts_between_characters),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
