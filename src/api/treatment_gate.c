/* The gate every treatment-track resource passes (assessments, eligibility, plan, sessions,
 * safety follow-ups, case reviews): the policy's health-detail rule for the enrolment of the
 * path, and the audit event for its citizen whatever the outcome. */
#include "api/api.h"
#include "policy/policy.h"

enum sp_code api_treatment_gate(struct api_ctx *ctx, const char *action, struct sp_err *err)
{
    int64_t citizen_id = 0;
    enum sp_code rc =
        policy_treatment_access(ctx->subject, ctx->store, ctx->arena, ctx->id, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, action);
    return rc;
}

json_t *api_user_ref(int64_t id, const char *name)
{
    return json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name ? name : "");
}
