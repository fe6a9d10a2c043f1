/* http/reply: the problem+json body (RFC 9457) with the reason and its parameters; a body that
 * cannot be built (a detail that is not UTF-8, a handler without an answer) is
 * NULL, answered with the internal error's fixed body instead of a crash in json_dumps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http/reply.h"

static json_t *body_of(const struct sp_err *err)
{
    char *text = http_problem_body(err);
    json_t *obj = json_loads(text, 0, NULL);

    free(text);
    assert_non_null(obj);
    return obj;
}

/* A check that sets only the code still sends a reason: the default, "invalid". */
static void invalid_without_reason_says_invalid(void **state)
{
    struct sp_err err;
    json_t *obj;

    (void)state;
    sp_err_set(&err, SP_INVALID, "/x", "Something is wrong with x.");
    obj = body_of(&err);
    assert_string_equal(json_string_value(json_object_get(obj, "code")), "invalid");
    assert_string_equal(json_string_value(json_object_get(obj, "reason")), "invalid");
    assert_string_equal(json_string_value(json_object_get(obj, "field")), "/x");
    assert_null(json_object_get(obj, "min"));
    json_decref(obj);
}

/* {"reason":"out_of_range","min":1,"max":600}, as docs/api-contract.md shows it. */
static void range_carries_min_and_max(void **state)
{
    struct sp_err err;
    json_t *obj;

    (void)state;
    sp_err_invalid(&err, "/duration_min", SP_R_RANGE, "Give 1 to 600.");
    sp_err_range(&err, 1, 600);
    obj = body_of(&err);
    assert_string_equal(json_string_value(json_object_get(obj, "reason")), "out_of_range");
    assert_int_equal(json_integer_value(json_object_get(obj, "min")), 1);
    assert_int_equal(json_integer_value(json_object_get(obj, "max")), 600);
    assert_null(json_object_get(obj, "allowed"));
    json_decref(obj);
}

/* Only the parameters the reason's row declares are sent: never a stray value, so a birth date
 * set by mistake on date_before_birth would still not leave the server. */
static void undeclared_parameters_are_not_sent(void **state)
{
    struct sp_err err;
    json_t *obj;

    (void)state;
    sp_err_invalid(&err, "/date", SP_R_DATE_BEFORE_BIRTH, "Before birth.");
    sp_err_dates(&err, "2005-06-10", NULL);
    obj = body_of(&err);
    assert_string_equal(json_string_value(json_object_get(obj, "reason")), "date_before_birth");
    assert_null(json_object_get(obj, "earliest"));
    json_decref(obj);

    sp_err_invalid(&err, "/date", SP_R_DATE_IN_FUTURE, "In the future.");
    sp_err_dates(&err, NULL, "2026-03-15");
    obj = body_of(&err);
    assert_string_equal(json_string_value(json_object_get(obj, "latest")), "2026-03-15");
    json_decref(obj);
}

static void one_of_lists_the_values(void **state)
{
    static const char *const kinds[] = {"individual", "group", "phone"};
    struct sp_err err;
    json_t *obj;
    json_t *allowed;

    (void)state;
    sp_err_invalid(&err, "/kind", SP_R_ONE_OF, "Give one.");
    sp_err_allowed(&err, kinds, 3);
    obj = body_of(&err);
    allowed = json_object_get(obj, "allowed");
    assert_int_equal(json_array_size(allowed), 3);
    assert_string_equal(json_string_value(json_array_get(allowed, 0)), "individual");
    assert_string_equal(json_string_value(json_array_get(allowed, 2)), "phone");
    json_decref(obj);
}

/* Other codes carry a reason only when their check named one. */
static void other_codes_carry_a_reason_only_when_named(void **state)
{
    struct sp_err err;
    json_t *obj;

    (void)state;
    sp_err_set(&err, SP_NOT_FOUND, "", "Nothing here.");
    obj = body_of(&err);
    assert_null(json_object_get(obj, "reason"));
    json_decref(obj);

    sp_err_set(&err, SP_CONFLICT, "/username", "Taken.");
    sp_err_reason(&err, SP_R_TAKEN);
    obj = body_of(&err);
    assert_string_equal(json_string_value(json_object_get(obj, "code")), "conflict");
    assert_string_equal(json_string_value(json_object_get(obj, "reason")), "taken");
    json_decref(obj);
}

/* sp_err_set cuts a detail longer than its buffer between characters: 256 æ (two bytes each)
 * into 255 bytes keep 127 whole ones (254 bytes), and the body is built with them. */
static void a_detail_cut_to_fit_is_still_a_body(void **state)
{
    char long_text[SP_ERR_DETAIL_MAX * 2 + 1];
    struct sp_err err;
    json_t *obj;

    (void)state;
    for (size_t i = 0; i < SP_ERR_DETAIL_MAX; i++)
        memcpy(long_text + 2 * i, "\xc3\xa6", 2); /* æ */
    long_text[SP_ERR_DETAIL_MAX * 2] = '\0';
    sp_err_set(&err, SP_INVALID, "/note", "%s", long_text);
    assert_int_equal(strlen(err.detail), 254);
    obj = body_of(&err);
    assert_string_equal(json_string_value(json_object_get(obj, "detail")), err.detail);
    assert_memory_equal(err.detail, long_text, 254);
    json_decref(obj);
}

/* A detail that is not UTF-8 (only a bug can put one there: written here past sp_err_set) is
 * no body: the caller answers with the fixed internal one. */
static void a_detail_not_utf8_is_no_body(void **state)
{
    struct sp_err err;

    (void)state;
    sp_err_set(&err, SP_INVALID, "/note", "x");
    memcpy(err.detail, "ab\xc3", 4); /* a lead byte of a two-byte character, then the NUL */
    assert_null(http_problem_body(&err));
}

/* The fixed body sent instead is the internal error's, as the code table builds it. */
static void the_fixed_internal_body_is_the_internal_problem(void **state)
{
    struct sp_err err;
    char *built;

    (void)state;
    sp_err_set(&err, SP_INTERNAL, "", "%s", "");
    built = http_problem_body(&err);
    assert_non_null(built);
    assert_string_equal(http_internal_problem_body(), built);
    free(built);
}

static void a_missing_answer_is_no_body(void **state)
{
    json_t *reply = json_pack("{s:i}", "id", 7);
    char *text;

    (void)state;
    assert_null(http_json_body(NULL, "/api/v1/x"));
    text = http_json_body(reply, "/api/v1/x");
    assert_string_equal(text, "{\"id\":7}");
    free(text);
    json_decref(reply);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invalid_without_reason_says_invalid),
        cmocka_unit_test(range_carries_min_and_max),
        cmocka_unit_test(undeclared_parameters_are_not_sent),
        cmocka_unit_test(one_of_lists_the_values),
        cmocka_unit_test(other_codes_carry_a_reason_only_when_named),
        cmocka_unit_test(a_detail_cut_to_fit_is_still_a_body),
        cmocka_unit_test(a_detail_not_utf8_is_no_body),
        cmocka_unit_test(the_fixed_internal_body_is_the_internal_problem),
        cmocka_unit_test(a_missing_answer_is_no_body),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
