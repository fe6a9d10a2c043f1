/* Checked answers (pack.h). */
#include "api/pack.h"

#include <stdarg.h>

#include "base/log.h"

json_t *api_pack(const char *fmt, ...)
{
    json_error_t error;
    va_list ap;
    json_t *value;

    va_start(ap, fmt);
    value = json_vpack_ex(&error, 0, fmt, ap);
    va_end(ap);
    if (value == NULL)
        sp_log(SP_LOG_ERROR, "api: an answer could not be built (%s at %d)", error.text,
               error.position);
    return value;
}

void api_put(json_t **obj, const char *key, json_t *value)
{
    if (*obj != NULL && value != NULL && json_object_set_new(*obj, key, value) == 0)
        return;
    if (*obj != NULL) /* json_object_set_new has released value; a NULL value needs nothing */
        sp_log(SP_LOG_ERROR, "api: the answer's member %s could not be built", key);
    else
        json_decref(value);
    json_decref(*obj);
    *obj = NULL;
}

void api_push(json_t **list, json_t *item)
{
    if (*list != NULL && item != NULL && json_array_append_new(*list, item) == 0)
        return;
    if (*list != NULL)
        sp_log(SP_LOG_ERROR, "api: an item of the answer could not be built");
    else
        json_decref(item);
    json_decref(*list);
    *list = NULL;
}

enum sp_code api_built(json_t *value, json_t **out, struct sp_err *err)
{
    *out = value;
    if (value == NULL)
        return sp_err_set(err, SP_INTERNAL, "", "The answer could not be built.");
    return SP_OK;
}

enum sp_code api_answer(struct api_ctx *ctx, json_t *reply, struct sp_err *err)
{
    return api_built(reply, &ctx->reply, err);
}
