/* The gate every treatment-track resource passes (assessments, eligibility, plan, sessions,
 * safety follow-ups, case reviews): the policy's health-detail rule for the enrolment of the
 * path, and the audit event for its citizen whatever the outcome. */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
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

enum sp_code api_take_on_caseload(struct api_ctx *ctx, struct sp_err *err)
{
    const char *role = policy_caseload_role(ctx->subject);

    /* A referral often arrives through a caseworker; the clinician who then screens, decides,
     * plans or treats carries it from that moment, so it is on their caseload (issue 5). */
    if (role == NULL)
        return SP_OK;
    return store_enrolment_member_add(ctx->store, ctx->id, ctx->subject->user->id, role, err);
}

/* A date stored by this program that does not parse is not the caller's mistake. */
static enum sp_code stored_date(const char *text, struct core_date *out, struct sp_err *err)
{
    if (text == NULL || core_date_parse(text, strlen(text), "", out, err) != SP_OK)
        return sp_err_set(err, SP_INTERNAL, "", "A stored date is invalid.");
    return SP_OK;
}

bool api_stored_day(const char *text, struct core_date *out)
{
    struct sp_err ignored;

    return text != NULL && strlen(text) >= 10 &&
           core_date_parse(text, 10, "", out, &ignored) == SP_OK;
}

enum sp_code api_enrolment_date_facts(struct api_ctx *ctx, int64_t enrolment_id,
                                      struct api_date_facts *out, struct sp_err *err)
{
    struct enrolment e;
    struct citizen c;
    enum sp_code rc = store_enrolment_get(ctx->store, ctx->arena, enrolment_id, &e, err);

    memset(out, 0, sizeof *out);
    out->facts.today = ctx->today;
    out->facts.birth = &out->birth;
    out->facts.referral = &out->referral;
    if (rc == SP_OK)
        rc = store_citizen_get(ctx->store, ctx->arena, e.citizen_id, &c, err);
    if (rc == SP_OK)
        rc = stored_date(c.birth_date, &out->birth, err);
    if (rc == SP_OK)
        rc = stored_date(e.referral_date, &out->referral, err);
    return rc;
}

enum sp_code api_check_enrolment_date(struct api_ctx *ctx, enum core_date_kind kind,
                                      struct core_date d, const char *field, struct sp_err *err)
{
    struct api_date_facts f;
    enum sp_code rc = api_enrolment_date_facts(ctx, ctx->id, &f, err);

    if (rc == SP_OK)
        rc = core_date_check(kind, d, &f.facts, field, err);
    return rc;
}

json_t *api_codes_json(const char *codes)
{
    json_t *list = json_array();

    while (codes != NULL && *codes != '\0') {
        size_t len = strcspn(codes, ",");

        api_push(&list, json_stringn(codes, len));
        codes += len + (codes[len] == ',');
    }
    return list;
}

const char *api_codes_join(struct sp_arena *arena, const char *const *codes, size_t count)
{
    size_t size = 1;
    char *text;
    char *end;

    for (size_t i = 0; i < count; i++)
        size += strlen(codes[i]) + 1;
    text = sp_arena_alloc(arena, size);
    end = text;
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(codes[i]);

        if (i > 0)
            *end++ = ',';
        memcpy(end, codes[i], len);
        end += len;
    }
    *end = '\0';
    return text;
}

json_t *api_user_ref(int64_t id, const char *name)
{
    return api_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name ? name : "");
}
