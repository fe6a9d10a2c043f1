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

/* SP_INVALID naming the first member of obj not in the NULL-terminated `allowed`. */
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

/* An optional positive integer query parameter; 0 when absent. */
enum sp_code api_get_query_id(void *conn, const char *(*query)(void *conn, const char *name),
                              const char *name, int64_t *out, struct sp_err *err);

/* An optional text query parameter of min..max characters of UTF-8 without control characters;
 * *out NULL when absent. The problem names the parameter, never quotes the value. */
enum sp_code api_get_query_text(void *conn, const char *(*query)(void *conn, const char *name),
                                const char *name, size_t min, size_t max, const char **out,
                                struct sp_err *err);

/* {"items": items, "next_cursor": "<last key>" or null}: steals items. */
json_t *api_list_reply(json_t *items, bool more, int64_t last_key);

/* Steal-set helpers that skip NULL strings, so absent members stay absent (never null). */
void api_set_string(json_t *obj, const char *key, const char *value);

#endif
