#include "api/validate.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "base/parse.h"
#include "core/text.h"

enum sp_code api_reject_unknown(const json_t *obj, const char *const *allowed, struct sp_err *err)
{
    const char *key;
    json_t *value;
    size_t position = 0;

    json_object_foreach((json_t *)obj, key, value) {
        bool known = false;

        (void)value;
        position++;
        for (const char *const *a = allowed; *a != NULL && !known; a++)
            known = strcmp(key, *a) == 0;
        /* A member's name is the client's text and can be personal data (a CPR number sent as a
         * name), so it is never echoed: field is the object that holds it ("" for the body; a
         * caller checking a nested object puts its pointer there) and the detail gives its
         * position in the request, counted from 1 (docs/api-contract.md "Conventions"). */
        if (!known)
            return sp_err_invalid(err, "", SP_R_UNKNOWN_MEMBER,
                                  "Member number %zu of this object is not part of the request.",
                                  position);
    }
    return SP_OK;
}

static bool has_control(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return true;
        if (c == 0x7f)
            return true;
    }
    return false;
}

enum sp_code api_get_string(const json_t *obj, const char *key, bool required, size_t min,
                            size_t max, struct sp_arena *arena, const char **out,
                            struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX];
    json_t *v = json_object_get(obj, key);
    size_t chars;

    snprintf(field, sizeof field, "/%s", key);
    *out = NULL;
    if (v == NULL) {
        if (required)
            return sp_err_invalid(err, field, SP_R_REQUIRED, "This member is required.");
        return SP_OK;
    }
    if (!json_is_string(v)) {
        sp_err_invalid(err, field, SP_R_WRONG_TYPE, "This member must be a string.");
        return sp_err_expected(err, "string");
    }
    chars = core_text_length(json_string_value(v));
    if (chars < min || chars > max) {
        sp_err_invalid(err, field, SP_R_LENGTH, "This member must be %zu to %zu characters.", min,
                       max);
        return sp_err_range(err, (int64_t)min, (int64_t)max);
    }
    if (has_control(json_string_value(v), json_string_length(v)))
        return sp_err_invalid(err, field, SP_R_CONTROL_CHARACTERS,
                              "This member contains control characters.");
    *out = sp_arena_strndup(arena, json_string_value(v), json_string_length(v));
    return SP_OK;
}

enum sp_code api_get_line(const json_t *obj, const char *key, bool required, size_t min, size_t max,
                          struct sp_arena *arena, const char **out, struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX];
    enum sp_code rc = api_get_string(obj, key, required, min, max, arena, out, err);

    if (rc != SP_OK || *out == NULL)
        return rc;
    snprintf(field, sizeof field, "/%s", key);
    if (strpbrk(*out, "\n\r\t") != NULL)
        return sp_err_invalid(err, field, SP_R_NOT_ONE_LINE,
                              "This member must be one line of text.");
    if ((*out)[strspn(*out, " ")] == '\0')
        return sp_err_invalid(err, field, SP_R_BLANK, "This member must not be blank.");
    return SP_OK;
}

/* Out of min..max: a range, or only the floor when the ceiling is just the type's (ids). */
static enum sp_code int_range_error(const char *field, int64_t min, int64_t max, struct sp_err *err)
{
    if (max == INT64_MAX) {
        sp_err_invalid(err, field, SP_R_BELOW_MIN, "This member must be at least %" PRId64 ".",
                       min);
        return sp_err_min(err, min);
    }
    sp_err_invalid(err, field, SP_R_RANGE,
                   "This member must be between %" PRId64 " and %" PRId64 ".", min, max);
    return sp_err_range(err, min, max);
}

enum sp_code api_get_int(const json_t *obj, const char *key, bool required, int64_t min,
                         int64_t max, int64_t *out, bool *present, struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX];
    json_t *v = json_object_get(obj, key);

    snprintf(field, sizeof field, "/%s", key);
    if (present != NULL)
        *present = v != NULL;
    if (v == NULL) {
        if (required)
            return sp_err_invalid(err, field, SP_R_REQUIRED, "This member is required.");
        return SP_OK;
    }
    if (!json_is_integer(v)) {
        sp_err_invalid(err, field, SP_R_WRONG_TYPE, "This member must be an integer.");
        return sp_err_expected(err, "integer");
    }
    if (json_integer_value(v) < min || json_integer_value(v) > max)
        return int_range_error(field, min, max, err);
    *out = json_integer_value(v);
    return SP_OK;
}

enum sp_code api_get_bool(const json_t *obj, const char *key, bool required, bool *out,
                          struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX];
    json_t *v = json_object_get(obj, key);

    snprintf(field, sizeof field, "/%s", key);
    if (v == NULL) {
        if (required)
            return sp_err_invalid(err, field, SP_R_REQUIRED, "This member is required.");
        return SP_OK;
    }
    if (!json_is_boolean(v)) {
        sp_err_invalid(err, field, SP_R_WRONG_TYPE, "This member must be true or false.");
        return sp_err_expected(err, "boolean");
    }
    *out = json_is_true(v);
    return SP_OK;
}

enum sp_code api_get_date(const json_t *obj, const char *key, bool required, struct sp_arena *arena,
                          const char **text, struct core_date *date, struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX];
    enum sp_code rc = api_get_string(obj, key, required, 10, 10, arena, text, err);

    snprintf(field, sizeof field, "/%s", key);
    if (rc == SP_INVALID && json_is_string(json_object_get(obj, key)))
        return sp_err_invalid(err, field, SP_R_DATE_FORMAT, "Give a date as YYYY-MM-DD.");
    if (rc != SP_OK || *text == NULL)
        return rc;
    return core_date_parse(*text, 10, field, date, err);
}

enum sp_code api_get_page(void *conn, const char *(*query)(void *conn, const char *name),
                          struct store_page *page, struct sp_err *err)
{
    const char *limit = query(conn, "limit");
    const char *cursor = query(conn, "cursor");
    int64_t v;

    page->limit = 50;
    page->after = 0;
    if (limit != NULL) {
        if (!sp_parse_i64(limit, strlen(limit), &v) || v < 1 || v > 200) {
            sp_err_invalid(err, "limit", SP_R_RANGE, "limit must be an integer from 1 to 200.");
            return sp_err_range(err, 1, 200);
        }
        page->limit = (int)v;
    }
    if (cursor != NULL) {
        if (!sp_parse_i64(cursor, strlen(cursor), &v) || v < 1)
            return sp_err_invalid(err, "cursor", SP_R_CURSOR,
                                  "cursor must be the next_cursor of a previous page.");
        page->after = v;
    }
    return SP_OK;
}

void api_param_name(const char *name, size_t len, char *out, size_t out_size)
{
    bool plain = len > 0 && len <= 32 && len < out_size;

    for (size_t i = 0; plain && i < len; i++) {
        char c = name[i];

        plain =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '.';
    }
    snprintf(out, out_size, "%.*s", plain ? (int)len : 0, plain ? name : "");
}

static bool named_in(const char *name, const char *const *list)
{
    for (const char *const *p = list; p != NULL && *p != NULL; p++)
        if (strcmp(name, *p) == 0)
            return true;
    return false;
}

/* Enough for any query the server lets through (it refuses more than 64 parameters with 414). */
#define LIST_QUERY_NAMES_MAX 64

enum sp_code api_check_list_params(const struct api_ctx *ctx, const char *const *params,
                                   struct sp_err *err)
{
    static const char *const paging[] = {"limit", "cursor", NULL};
    const char *names[LIST_QUERY_NAMES_MAX];
    size_t n = ctx->query_names ? ctx->query_names(ctx->conn, names, LIST_QUERY_NAMES_MAX) : 0;
    char shown[SP_ERR_FIELD_MAX];

    if (n > LIST_QUERY_NAMES_MAX)
        n = LIST_QUERY_NAMES_MAX;
    for (size_t i = 0; i < n; i++) {
        api_param_name(names[i], strlen(names[i]), shown, sizeof shown);
        if (!named_in(names[i], paging) && !named_in(names[i], params))
            return sp_err_invalid(err, shown, SP_R_UNKNOWN_MEMBER,
                                  "This list takes no such query parameter.");
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0)
                return sp_err_invalid(err, shown, SP_R_REPEATED, "Give this query parameter once.");
    }
    return SP_OK;
}

enum sp_code api_get_list_query(const struct api_ctx *ctx, const char *const *params,
                                struct store_page *page, struct sp_err *err)
{
    enum sp_code rc = api_check_list_params(ctx, params, err);

    return rc == SP_OK ? api_get_page(ctx->conn, ctx->query, page, err) : rc;
}

enum sp_code api_get_query_id(void *conn, const char *(*query)(void *conn, const char *name),
                              const char *name, int64_t *out, struct sp_err *err)
{
    const char *text = query(conn, name);
    int64_t v;

    *out = 0;
    if (text == NULL)
        return SP_OK;
    if (!sp_parse_i64(text, strlen(text), &v) || v < 1)
        return sp_err_invalid(err, name, SP_R_NOT_AN_ID, "%s must be a positive integer id.", name);
    *out = v;
    return SP_OK;
}

enum sp_code api_one_of(const char *field, const char *const *values, size_t count,
                        struct sp_err *err)
{
    size_t used;

    sp_err_invalid(err, field, SP_R_ONE_OF, "Give one of: ");
    used = strlen(err->detail);
    for (size_t i = 0; i < count && used < sizeof err->detail; i++) {
        int n = snprintf(err->detail + used, sizeof err->detail - used, "%s%s", values[i],
                         i + 1 < count ? ", " : ".");

        used += n > 0 ? (size_t)n : 0;
    }
    return sp_err_allowed(err, values, count);
}

enum sp_code api_one_of_listed(const char *field, const char *const *values, struct sp_err *err)
{
    size_t count = 0;

    while (values[count] != NULL)
        count++;
    return api_one_of(field, values, count, err);
}

enum sp_code api_wrong_type(const char *field, const char *expected, struct sp_err *err)
{
    sp_err_invalid(err, field, SP_R_WRONG_TYPE, "This member must be of type %s.", expected);
    return sp_err_expected(err, expected);
}

enum sp_code api_get_query_text(void *conn, const char *(*query)(void *conn, const char *name),
                                const char *name, size_t min, size_t max, const char **out,
                                struct sp_err *err)
{
    const char *text = query(conn, name);

    *out = NULL;
    if (text == NULL)
        return SP_OK;
    if (!core_text_valid_utf8(text, strlen(text)) || has_control(text, strlen(text)))
        return sp_err_invalid(err, name, SP_R_NOT_UTF8, "%s must be text in UTF-8.", name);
    if (core_text_length(text) < min || core_text_length(text) > max) {
        sp_err_invalid(err, name, SP_R_LENGTH, "%s must be %zu to %zu characters.", name, min, max);
        return sp_err_range(err, (int64_t)min, (int64_t)max);
    }
    *out = text;
    return SP_OK;
}

json_t *api_list_reply(json_t *items, bool more, int64_t last_key)
{
    char cursor[32];

    snprintf(cursor, sizeof cursor, "%" PRId64, last_key);
    return api_pack("{s:o, s:o}", "items", items, "next_cursor",
                    more ? json_string(cursor) : json_null());
}

enum sp_code api_check_email(const char *email, const char *field, struct sp_err *err)
{
    const char *at = email ? strchr(email, '@') : NULL;

    if (email != NULL && (at == NULL || at == email || at[1] == '\0' || strchr(email, ' ')))
        return sp_err_invalid(err, field, SP_R_EMAIL_FORMAT,
                              "Give an e-mail address like name@example.dk.");
    return SP_OK;
}
