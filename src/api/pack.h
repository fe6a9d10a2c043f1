/* Answers built with jansson, checked. json_pack() answers NULL when a member it needs is missing
 * (a NULL string for "s", a NULL value for "o") or a string is not UTF-8; json_object_set_new()
 * and json_array_append_new() then leave the member out without a word, and json_dumps() of a
 * NULL reply crashes the server. So a handler builds its answer with api_pack(), adds members
 * with api_put()/api_push(), and hands it over with api_answer()/api_built(): a member that could
 * not be built makes the whole answer a 500 (SP_INTERNAL, the cause logged), never a crash and
 * never an answer with a member left out. */
#ifndef SP_API_PACK_H
#define SP_API_PACK_H

#include <jansson.h>

#include "api/api.h"

/* json_pack(), logging why it failed (jansson's reason names the format position, never a
 * value). NULL on failure. */
json_t *api_pack(const char *fmt, ...);

/* (*obj)[key] = value, stealing value. When value is NULL (a part that failed) or *obj is already
 * NULL, *obj is released and set to NULL, so that the answer it goes into fails in turn. */
void api_put(json_t **obj, const char *key, json_t *value);

/* Append item to *list, stealing it; a NULL item fails the list as api_put does. */
void api_push(json_t **list, json_t *item);

/* ctx->reply = reply; SP_INTERNAL when reply is NULL. */
enum sp_code api_answer(struct api_ctx *ctx, json_t *reply, struct sp_err *err);

/* *out = value; SP_INTERNAL when value is NULL. For a part returned to its caller. */
enum sp_code api_built(json_t *value, json_t **out, struct sp_err *err);

#endif
