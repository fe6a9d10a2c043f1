/* api/pack.c: an answer with a member that could not be built is an internal error, never a
 * NULL that reaches json_dumps and never an answer with the member left out; and
 * api_codes_join, the stored form of code lists, never cuts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"

/* What jansson refuses to pack: a NULL string for "s", a NULL value for "o", text that is not
 * UTF-8. "s?"/"s*" take NULL on purpose (null, and left out). */
static void pack_fails_on_a_missing_member(void **state)
{
    json_t *v;
    char *text;

    (void)state;
    assert_null(api_pack("{s:s}", "name", (const char *)NULL));
    assert_null(api_pack("{s:o}", "user", (json_t *)NULL));
    assert_null(api_pack("{s:s}", "name", "\xff"));
    v = api_pack("{s:i, s:s?, s:s*}", "a", 1, "b", (const char *)NULL, "c", (const char *)NULL);
    assert_non_null(v);
    text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(text, "{\"a\":1,\"b\":null}");
    free(text);
    json_decref(v);
}

/* A part that failed fails the whole: the object or list becomes NULL and stays NULL. */
static void put_and_push_pass_a_failure_up(void **state)
{
    json_t *o = json_object();
    json_t *list = json_array();

    (void)state;
    api_put(&o, "ok", json_integer(1));
    assert_non_null(o);
    api_put(&o, "bad", NULL);
    assert_null(o);
    api_put(&o, "later", json_integer(2)); /* released, not leaked */
    assert_null(o);
    api_push(&list, json_string("x"));
    assert_int_equal(json_array_size(list), 1);
    api_push(&list, json_string("\xff")); /* json_string refuses it: NULL */
    assert_null(list);
    api_push(&list, json_string("y"));
    assert_null(list);
}

static void answer_is_internal_without_a_reply(void **state)
{
    struct api_ctx ctx;
    struct sp_err err = {0};
    json_t *out = (json_t *)&ctx;

    (void)state;
    memset(&ctx, 0, sizeof ctx);
    assert_int_equal(api_answer(&ctx, NULL, &err), SP_INTERNAL);
    assert_null(ctx.reply);
    assert_int_equal(api_answer(&ctx, json_object(), &err), SP_OK);
    assert_non_null(ctx.reply);
    json_decref(ctx.reply);
    assert_int_equal(api_built(NULL, &out, &err), SP_INTERNAL);
    assert_null(out);
}

/* Joined with commas, whatever the length; the inverse of api_codes_json. */
static void codes_join_never_cuts(void **state)
{
    static char long_code[600];
    const struct {
        const char *codes[3];
        size_t count;
        const char *joined;
    } cases[] = {
        {{NULL}, 0, ""},
        {{"safety"}, 1, "safety"},
        {{"safety", "no_contact"}, 2, "safety,no_contact"},
        {{"a", "", "b"}, 3, "a,,b"},
    };
    struct sp_arena *arena = sp_arena_new();
    const char *many[3];
    const char *joined;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(api_codes_join(arena, cases[i].codes, cases[i].count), cases[i].joined);
    memset(long_code, 'x', sizeof long_code - 1);
    many[0] = many[1] = many[2] = long_code;
    joined = api_codes_join(arena, many, 3);
    assert_int_equal(strlen(joined), 3 * (sizeof long_code - 1) + 2);
    sp_arena_free(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pack_fails_on_a_missing_member),
        cmocka_unit_test(put_and_push_pass_a_failure_up),
        cmocka_unit_test(answer_is_internal_without_a_reply),
        cmocka_unit_test(codes_join_never_cuts),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
