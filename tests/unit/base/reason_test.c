/* base/err: the one table of reasons (problem+json "reason"). Each name is in the OpenAPI
 * Problem schema and has a Danish and an English text in the UI whose placeholders are
 * parameters the reason carries; sp_err_set gives every SP_INVALID the default reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/err.h"

/* The parameter bits and the problem+json members (and UI placeholders) they become. */
static const struct {
    unsigned bit;
    const char *name;
} param_names[] = {
    {SP_P_MIN, "min"},       {SP_P_MAX, "max"},         {SP_P_EARLIEST, "earliest"},
    {SP_P_LATEST, "latest"}, {SP_P_ALLOWED, "allowed"}, {SP_P_EXPECTED, "expected"},
};

static bool is_snake_name(const char *s)
{
    if (s == NULL || s[0] < 'a' || s[0] > 'z')
        return false;
    for (const char *p = s; *p != '\0'; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

static void every_row_is_filled_and_unique(void **state)
{
    unsigned known = 0;

    (void)state;
    for (size_t i = 0; i < sizeof param_names / sizeof param_names[0]; i++)
        known |= param_names[i].bit;
    for (int i = 0; i < SP_R__COUNT; i++) {
        const struct sp_reason_info *r = sp_reason_info((enum sp_reason)i);

        if (!is_snake_name(r->name))
            fail_msg("reason %d: name %s is not lower-case snake_case", i,
                     r->name ? r->name : "(null)");
        if ((r->params & ~known) != 0)
            fail_msg("reason %s: unknown parameter bits %x", r->name, r->params);
        for (int j = i + 1; j < SP_R__COUNT; j++)
            if (strcmp(r->name, sp_reason_info((enum sp_reason)j)->name) == 0)
                fail_msg("reasons %d and %d share the name %s", i, j, r->name);
    }
    /* The default every SP_INVALID gets; out-of-range values map to it. */
    assert_string_equal(sp_reason_info(SP_R_INVALID)->name, "invalid");
    assert_ptr_equal(sp_reason_info(SP_R__COUNT), sp_reason_info(SP_R_INVALID));
    assert_ptr_equal(sp_reason_info((enum sp_reason) - 1), sp_reason_info(SP_R_INVALID));
}

static json_t *problem_reason_enum(void)
{
    json_error_t error;
    json_t *doc = json_loadb(sp_openapi_json, sp_openapi_json_len, 0, &error);
    json_t *list = json_object_get(
        json_object_get(
            json_object_get(
                json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"),
                                "Problem"),
                "properties"),
            "reason"),
        "enum");

    json_incref(list);
    json_decref(doc);
    return list;
}

/* The OpenAPI document lists exactly the reasons of the table (the contract clients read). */
static void openapi_lists_every_reason(void **state)
{
    json_t *list = problem_reason_enum();
    size_t i;
    json_t *v;

    (void)state;
    if (!json_is_array(list))
        fail_msg("openapi.json: components.schemas.Problem.properties.reason.enum is missing");
    assert_int_equal(json_array_size(list), SP_R__COUNT);
    for (int r = 0; r < SP_R__COUNT; r++) {
        bool found = false;

        json_array_foreach(list, i, v)
            found =
                found || strcmp(json_string_value(v), sp_reason_info((enum sp_reason)r)->name) == 0;
        if (!found)
            fail_msg("openapi.json: reason %s is not in the Problem schema",
                     sp_reason_info((enum sp_reason)r)->name);
    }
    json_decref(list);
}

static char *read_source(const char *relative)
{
    const char *dir = getenv("SP_SOURCE_DIR");
    char path[1024];
    FILE *f;
    char *text;
    long size;

    if (dir == NULL)
        fail_msg("SP_SOURCE_DIR is not set (ctest sets it)");
    snprintf(path, sizeof path, "%s/%s", dir, relative);
    f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* The text of catalogue entry 'problem.reason.<name>': the first single-quoted string after the key
 * (on the same line or the next, as the catalogues are formatted), or NULL. */
static bool message_of(const char *catalogue, const char *name, char *out, size_t cap)
{
    char key[96];
    const char *p;
    size_t n = 0;

    snprintf(key, sizeof key, "'problem.reason.%s':", name);
    p = strstr(catalogue, key);
    if (p == NULL)
        return false;
    p = strchr(p + strlen(key), '\'');
    if (p == NULL)
        return false;
    for (p++; *p != '\0' && *p != '\'' && n + 1 < cap; p++) {
        if (*p == '\\' && p[1] != '\0')
            p++;
        out[n++] = *p;
    }
    out[n] = '\0';
    return n > 0;
}

/* Each {placeholder} of the text is a parameter the reason carries, so the reader never sees a
 * gap; and a reason with parameters uses at least one, so the reader learns what is allowed. */
static void check_placeholders(const char *lang, const struct sp_reason_info *r, const char *text)
{
    unsigned used = 0;

    for (const char *p = strchr(text, '{'); p != NULL; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        bool known = false;

        if (end == NULL)
            fail_msg("%s problem.reason.%s: unclosed placeholder", lang, r->name);
        for (size_t i = 0; i < sizeof param_names / sizeof param_names[0]; i++) {
            size_t len = strlen(param_names[i].name);

            if ((size_t)(end - p - 1) == len && strncmp(p + 1, param_names[i].name, len) == 0 &&
                (r->params & param_names[i].bit)) {
                known = true;
                used |= param_names[i].bit;
            }
        }
        if (!known)
            fail_msg("%s problem.reason.%s: placeholder %.*s is not a parameter of this reason",
                     lang, r->name, (int)(end - p + 1), p);
    }
    if (r->params != 0 && used == 0)
        fail_msg("%s problem.reason.%s: the text uses none of its parameters", lang, r->name);
}

static void ui_has_a_text_for_every_reason(void **state)
{
    static const char *const catalogues[][2] = {{"da", "ui/src/i18n/da.ts"},
                                                {"en", "ui/src/i18n/en.ts"}};

    (void)state;
    for (size_t c = 0; c < sizeof catalogues / sizeof catalogues[0]; c++) {
        char *text = read_source(catalogues[c][1]);

        for (int i = 0; i < SP_R__COUNT; i++) {
            const struct sp_reason_info *r = sp_reason_info((enum sp_reason)i);
            char message[1024];

            if (!message_of(text, r->name, message, sizeof message))
                fail_msg("%s: no text for problem.reason.%s", catalogues[c][1], r->name);
            check_placeholders(catalogues[c][0], r, message);
        }
        free(text);
    }
}

/* sp_err_set gives the default reason and no parameters, whatever the struct held before, so a
 * new check that sets only a code still answers with a reason the UI knows. */
static void err_set_resets_reason_and_parameters(void **state)
{
    struct sp_err err;

    (void)state;
    memset(&err, 0x5a, sizeof err);
    sp_err_set(&err, SP_INVALID, "/x", "Wrong.");
    assert_int_equal(err.reason, SP_R_INVALID);
    assert_int_equal(err.params, 0);
    assert_int_equal(err.allowed_count, 0);

    assert_int_equal(sp_err_invalid(&err, "/n", SP_R_RANGE, "From %d to %d.", 1, 600), SP_INVALID);
    assert_int_equal(sp_err_range(&err, 1, 600), SP_INVALID);
    assert_int_equal(err.reason, SP_R_RANGE);
    assert_int_equal(err.params, SP_P_MIN | SP_P_MAX);
    assert_int_equal(err.min, 1);
    assert_int_equal(err.max, 600);
    assert_string_equal(err.detail, "From 1 to 600.");

    sp_err_set(&err, SP_CONFLICT, "/slug", "Taken.");
    assert_int_equal(err.reason, SP_R_INVALID);
    assert_int_equal(err.params, 0);
    assert_int_equal(sp_err_reason(&err, SP_R_TAKEN), SP_CONFLICT);
    assert_int_equal(err.reason, SP_R_TAKEN);
}

/* The allowed values, copied; a list that does not fit is not sent at all (a partial list
 * would tell the reader that the rest is not allowed). */
static void allowed_list_is_whole_or_absent(void **state)
{
    static const char *const three[] = {"a", "bb", "ccc"};
    const char *many[200];
    char word[16] = "abcdefghijklmno";
    struct sp_err err;

    (void)state;
    sp_err_invalid(&err, "/kind", SP_R_ONE_OF, "Give one.");
    assert_int_equal(sp_err_allowed(&err, three, 3), SP_INVALID);
    assert_int_equal(err.allowed_count, 3);
    assert_true(err.params & SP_P_ALLOWED);
    assert_memory_equal(err.allowed, "a\0bb\0ccc\0", 9);

    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = word; /* 200 × 16 bytes: beyond SP_ERR_ALLOWED_MAX */
    sp_err_allowed(&err, many, sizeof many / sizeof many[0]);
    assert_false(err.params & SP_P_ALLOWED);
    assert_int_equal(err.allowed_count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_row_is_filled_and_unique),
        cmocka_unit_test(openapi_lists_every_reason),
        cmocka_unit_test(ui_has_a_text_for_every_reason),
        cmocka_unit_test(err_set_resets_reason_and_parameters),
        cmocka_unit_test(allowed_list_is_whole_or_absent),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
