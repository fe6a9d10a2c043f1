/* Strict validation of request members: types, required members, ranges, lengths, unknown
 * members. Each check names the member as a JSON Pointer ("/name") and never quotes its value. */
#ifndef SP_API_VALIDATE_H
#define SP_API_VALIDATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "core/date.h"
#include "store/store.h"

/* SP_INVALID for the first member of obj not in the NULL-terminated `allowed`: field "" (the
 * object; a caller checking a nested object sets its pointer) and a detail with the member's
 * position (1, 2, …), never its name. */
enum sp_code api_reject_unknown(const json_t *obj, const char *const *allowed, struct sp_err *err);

/* A string member of min..max characters (UTF-8 code points; jansson has already refused
 * invalid UTF-8). Absent: SP_INVALID when required, else *out = NULL. The value is copied into
 * the arena. Control characters are refused. */
enum sp_code api_get_string(const json_t *obj, const char *key, bool required, size_t min,
                            size_t max, struct sp_arena *arena, const char **out,
                            struct sp_err *err);

/* As api_get_string, for one-line values (names, sources, phone numbers): line breaks and tabs
 * are refused, and so is a value of only spaces. */
enum sp_code api_get_line(const json_t *obj, const char *key, bool required, size_t min, size_t max,
                          struct sp_arena *arena, const char **out, struct sp_err *err);

/* An integer member in min..max (absent: SP_INVALID when required, else *present = false). */
enum sp_code api_get_int(const json_t *obj, const char *key, bool required, int64_t min,
                         int64_t max, int64_t *out, bool *present, struct sp_err *err);

/* A boolean member; absent leaves *out unchanged (SP_INVALID if required). */
enum sp_code api_get_bool(const json_t *obj, const char *key, bool required, bool *out,
                          struct sp_err *err);

/* A "YYYY-MM-DD" member that is a real date, copied into the arena. */
enum sp_code api_get_date(const json_t *obj, const char *key, bool required, struct sp_arena *arena,
                          const char **text, struct core_date *date, struct sp_err *err);

/* Page parameters from the query: limit 1..200 (default 50), cursor from a previous page. */
enum sp_code api_get_page(void *conn, const char *(*query)(void *conn, const char *name),
                          struct store_page *page, struct sp_err *err);

struct api_ctx;

/* The query of a list route (docs/api-contract.md, Conventions): limit and cursor, checked by
 * api_get_page, and the route's own parameters `params` (NULL-terminated, NULL for none), each
 * at most once. A parameter the route does not take, or one given twice, is SP_INVALID naming
 * it (when api_param_name passes it). Every GET that lists calls this, after its access check. */
enum sp_code api_get_list_query(const struct api_ctx *ctx, const char *const *params,
                                struct store_page *page, struct sp_err *err);
/* The parameter check of api_get_list_query alone, for a list whose cursor is not an id (the
 * follow-up list's "<date>.<id>"): it then reads limit and cursor itself. */
enum sp_code api_check_list_params(const struct api_ctx *ctx, const char *const *params,
                                   struct sp_err *err);

/* A query parameter's name as a problem may name it: letters, "_", "-", "." and 1..32 long; else
 * "" (digits and the rest might be a value sent in the wrong place, and a problem never quotes a
 * value). out_size at least 33. */
void api_param_name(const char *name, size_t len, char *out, size_t out_size);

/* An optional positive integer query parameter; 0 when absent. */
enum sp_code api_get_query_id(void *conn, const char *(*query)(void *conn, const char *name),
                              const char *name, int64_t *out, struct sp_err *err);

/* SP_INVALID reason one_of at `field` (a JSON Pointer, or a query parameter's name), with the
 * values to choose from. */
enum sp_code api_one_of(const char *field, const char *const *values, size_t count,
                        struct sp_err *err);

/* As api_one_of, with the values as a NULL-terminated list (core/enrolment.h's reasons). */
enum sp_code api_one_of_listed(const char *field, const char *const *values, struct sp_err *err);

/* SP_INVALID reason wrong_type at `field`: the member is not of JSON type `expected` ("string",
 * "integer", "boolean", "array", "object", "string_or_null"). */
enum sp_code api_wrong_type(const char *field, const char *expected, struct sp_err *err);

/* An optional text query parameter of min..max characters of UTF-8 without control characters;
 * *out NULL when absent. The problem names the parameter, never quotes the value. */
enum sp_code api_get_query_text(void *conn, const char *(*query)(void *conn, const char *name),
                                const char *name, size_t min, size_t max, const char **out,
                                struct sp_err *err);

/* SP_INVALID reason email_format at field unless email (NULL: none, accepted) has an "@" with
 * something on each side and no space. */
enum sp_code api_check_email(const char *email, const char *field, struct sp_err *err);

/* {"items": items, "next_cursor": "<last key>" or null}: steals items; NULL when items is NULL
 * (a list that failed: api/pack.h). Optional members left out when NULL: api_pack's "s*". */
json_t *api_list_reply(json_t *items, bool more, int64_t last_key);

#endif
