#include "api/validate.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "core/text.h"

enum sp_code api_reject_unknown(const json_t *obj, const char *const *allowed, struct sp_err *err)
{
    const char *key;
    json_t *value;

    json_object_foreach((json_t *)obj, key, value) {
        bool known = false;

        (void)value;
        for (const char *const *a = allowed; *a != NULL && !known; a++)
            known = strcmp(key, *a) == 0;
        if (!known) {
            char field[SP_ERR_FIELD_MAX];

            /* The member name is the client's, but it is a name, not a personal value; it is
             * cut to fit and escaped as RFC 6901 requires ("~" → "~0", "/" → "~1"). */
            size_t n = 0;
            field[n++] = '/';
            for (const char *p = key; *p != '\0' && n + 3 < sizeof field; p++) {
                if (*p == '~' || *p == '/') {
                    field[n++] = '~';
                    field[n++] = *p == '~' ? '0' : '1';
                } else {
                    field[n++] = *p;
                }
            }
            field[n] = '\0';
            return sp_err_set(err, SP_INVALID, field, "This member is not part of the request.");
        }
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
            return sp_err_set(err, SP_INVALID, field, "This member is required.");
        return SP_OK;
    }
    if (!json_is_string(v))
        return sp_err_set(err, SP_INVALID, field, "This member must be a string.");
    chars = core_text_length(json_string_value(v));
    if (chars < min || chars > max)
        return sp_err_set(err, SP_INVALID, field, "This member must be %zu to %zu characters.", min,
                          max);
    if (has_control(json_string_value(v), json_string_length(v)))
        return sp_err_set(err, SP_INVALID, field, "This member contains control characters.");
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
        return sp_err_set(err, SP_INVALID, field, "This member must be one line of text.");
    if ((*out)[strspn(*out, " ")] == '\0')
        return sp_err_set(err, SP_INVALID, field, "This member must not be blank.");
    return SP_OK;
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
            return sp_err_set(err, SP_INVALID, field, "This member is required.");
        return SP_OK;
    }
    if (!json_is_integer(v))
        return sp_err_set(err, SP_INVALID, field, "This member must be an integer.");
    if (json_integer_value(v) < min || json_integer_value(v) > max)
        return sp_err_set(err, SP_INVALID, field,
                          "This member must be between %" PRId64 " and %" PRId64 ".", min, max);
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
            return sp_err_set(err, SP_INVALID, field, "This member is required.");
        return SP_OK;
    }
    if (!json_is_boolean(v))
        return sp_err_set(err, SP_INVALID, field, "This member must be true or false.");
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
        return sp_err_set(err, SP_INVALID, field, "Give a date as YYYY-MM-DD.");
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
        if (!sp_parse_i64(limit, strlen(limit), &v) || v < 1 || v > 200)
            return sp_err_set(err, SP_INVALID, "limit", "limit must be an integer from 1 to 200.");
        page->limit = (int)v;
    }
    if (cursor != NULL) {
        if (!sp_parse_i64(cursor, strlen(cursor), &v) || v < 1)
            return sp_err_set(err, SP_INVALID, "cursor",
                              "cursor must be the next_cursor of a previous page.");
        page->after = v;
    }
    return SP_OK;
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
        return sp_err_set(err, SP_INVALID, name, "%s must be a positive integer id.", name);
    *out = v;
    return SP_OK;
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
        return sp_err_set(err, SP_INVALID, name, "%s must be text in UTF-8.", name);
    if (core_text_length(text) < min || core_text_length(text) > max)
        return sp_err_set(err, SP_INVALID, name, "%s must be %zu to %zu characters.", name, min,
                          max);
    *out = text;
    return SP_OK;
}

json_t *api_list_reply(json_t *items, bool more, int64_t last_key)
{
    char cursor[32];

    snprintf(cursor, sizeof cursor, "%" PRId64, last_key);
    return json_pack("{s:o, s:o}", "items", items, "next_cursor",
                     more ? json_string(cursor) : json_null());
}

void api_set_string(json_t *obj, const char *key, const char *value)
{
    if (value != NULL)
        json_object_set_new(obj, key, json_string(value));
}
