/* JSON shapes shared by more than one api/ file. */
#ifndef SP_API_VIEWS_H
#define SP_API_VIEWS_H

#include <jansson.h>

#include "api/api.h"
#include "policy/policy.h"

/* An enrolment as the caller may see it (view NULL: no summaries): health_summary and
 * employment_summary are present only where the policy's view allows. *out is a new reference. */
enum sp_code api_enrolment_json(struct api_ctx *ctx, const struct enrolment *e,
                                const struct policy_enrolment_view *view, json_t **out,
                                struct sp_err *err);

#endif
