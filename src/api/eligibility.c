/* Screening and eligibility: the project's rules suggest, a clinician decides (docs/design.md).
 *   GET  /api/v1/enrolments/{id}/eligibility  {suggestion: {result, reasons, age}, decisions,
 *                                             in_force}: the suggestion from the project's
 *                                             rules (src/core/eligibility.h), the referral and
 *                                             the latest current PHQ-9, GAD-7 and WHO-5
 *   POST /api/v1/enrolments/{id}/eligibility  {decision, why, date, referred_to?} → 201; the
 *                                             suggestion at that moment is kept beside it
 * Health staff on the team only. */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "base/parse.h"
#include "core/eligibility.h"
#include "policy/policy.h"

static const char *const decisions[] = {"eligible", "not_eligible", "referred_elsewhere"};

static struct core_eligibility_threshold threshold(int value)
{
    return (struct core_eligibility_threshold){.used = value >= 0, .value = value};
}

/* A municipality code ("657") as the number core/eligibility.h compares; 0 for none. */
static int municipality_number(const char *code)
{
    int64_t n = 0;

    return code != NULL && sp_parse_i64(code, strlen(code), &n) && n > 0 && n < 1000 ? (int)n : 0;
}

/* The project's rules; lists in arena memory. */
static void rules_of(struct sp_arena *arena, const struct project *p,
                     struct core_eligibility_rules *r)
{
    int *codes = sp_arena_alloc(arena, sizeof *codes * (p->municipality_count + 1));

    *r = core_eligibility_rules_default();
    r->age_min = p->age_min;
    r->age_max = p->age_max;
    for (size_t i = 0; i < p->municipality_count; i++)
        codes[i] = municipality_number(p->municipalities[i].code);
    r->municipalities = codes;
    r->municipality_count = p->municipality_count;
    r->target_groups = p->target_groups;
    r->target_group_count = p->target_group_count;
    r->phq9_entry_min = threshold(p->treatment.screen_phq9_min);
    r->gad7_entry_min = threshold(p->treatment.screen_gad7_min);
    r->who5_entry_max = threshold(p->treatment.screen_who5_max);
    r->phq9_severe_min = threshold(p->treatment.severe_phq9_min);
    r->item9_acute_min = threshold(p->treatment.suicide_item9_min);
}

/* The latest current screening score of each instrument (assessments are oldest first). */
static void scores_of(const struct assessment *items, size_t count,
                      struct core_eligibility_input *in)
{
    for (size_t i = 0; i < count; i++) {
        const struct assessment *a = &items[i];

        /* The screening decides eligibility: scores taken later in treatment would make a
         * young person who got better look "below threshold". */
        if (a->replaced_by != 0 || strcmp(a->occasion, "screening") != 0)
            continue;
        if (strcmp(a->instrument, "phq9") == 0) {
            in->has_phq9 = in->has_phq9_item9 = true;
            in->phq9_total = a->total;
            in->phq9_item9 = a->item9 < 0 ? 0 : a->item9;
        } else if (strcmp(a->instrument, "gad7") == 0) {
            in->has_gad7 = true;
            in->gad7_total = a->total;
        } else if (strcmp(a->instrument, "who5") == 0) {
            in->has_who5 = true;
            in->who5_raw = a->total;
        }
    }
}

/* scores_of over every page of the enrolment's assessments, oldest first. */
static enum sp_code screening_scores(struct api_ctx *ctx, struct core_eligibility_input *in,
                                     struct sp_err *err)
{
    struct store_page page = {.after = 0, .limit = 200};
    bool more = true;
    enum sp_code rc = SP_OK;

    while (rc == SP_OK && more) {
        struct assessment *items = NULL;
        size_t count = 0;

        rc = store_assessment_list(ctx->store, ctx->arena, ctx->id, &page, &items, &count, &more,
                                   err);
        if (rc == SP_OK)
            scores_of(items, count, in);
        if (count > 0)
            page.after = items[count - 1].id;
    }
    return rc;
}

static enum sp_code suggest(struct api_ctx *ctx, struct core_eligibility_result *out,
                            struct sp_err *err)
{
    struct enrolment e;
    struct project *p = sp_arena_alloc(ctx->arena, sizeof *p);
    struct citizen c;
    struct core_eligibility_rules rules;
    struct core_eligibility_input in = {0};
    enum sp_code rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);

    if (rc == SP_OK)
        rc = store_project_get(ctx->store, ctx->arena, e.project_id, p, err);
    if (rc == SP_OK)
        rc = store_citizen_get(ctx->store, ctx->arena, e.citizen_id, &c, err);
    if (rc == SP_OK)
        rc = screening_scores(ctx, &in, err);
    if (rc == SP_OK)
        rc = core_date_parse(c.birth_date, strlen(c.birth_date), "", &in.birth, err);
    if (rc == SP_OK)
        rc = core_date_parse(e.referral_date, strlen(e.referral_date), "", &in.referral, err);
    if (rc != SP_OK)
        return rc == SP_INVALID ? sp_err_set(err, SP_INTERNAL, "", "A stored date is invalid.")
                                : rc;
    rules_of(ctx->arena, p, &rules);
    in.has_municipality = c.municipality_code != NULL;
    in.municipality_code = municipality_number(c.municipality_code);
    in.target_group = e.target_group;
    rc = core_eligibility_suggest(&rules, &in, out, err);
    /* Every input comes from the database: a refusal means a stored project rule is out of
     * range, which is not the caller's mistake. */
    return rc == SP_INVALID ? sp_err_set(err, SP_INTERNAL, "", "The project's rules are invalid.")
                            : rc;
}

static json_t *reasons_json(const char *const *codes, size_t count)
{
    json_t *list = json_array();

    for (size_t i = 0; i < count; i++)
        api_push(&list, json_string(codes[i]));
    return list;
}

static json_t *decision_json(const struct eligibility_decision *d)
{
    json_t *o = api_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)d->id, "enrolment_id",
        (json_int_t)d->enrolment_id, "decision", d->decision, "why", d->why, "date", d->date,
        "suggestion", d->suggestion, "reasons", api_codes_json(d->reasons), "decided_by",
        api_user_ref(d->decided_by, d->decided_by_name), "recorded_at", d->recorded_at);

    if (d->referred_to != NULL)
        api_put(&o, "referred_to", json_string(d->referred_to));
    return o;
}

enum sp_code api_eligibility_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct core_eligibility_result s;
    struct eligibility_decision *items = NULL;
    size_t count = 0;
    json_t *list;
    enum sp_code rc = api_treatment_gate(ctx, "read", err);

    if (rc == SP_OK)
        rc = suggest(ctx, &s, err);
    if (rc == SP_OK)
        rc = store_eligibility_list(ctx->store, ctx->arena, ctx->id, &items, &count, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, decision_json(&items[i]));
    /* json_deep_copy of a NULL (a list that failed) is NULL, which fails the answer too. */
    return api_answer(
        ctx,
        api_pack("{s:{s:s, s:o, s:i}, s:o, s:o}", "suggestion", "result",
                 core_eligibility_suggestion_name(s.suggestion), "reasons",
                 reasons_json(s.reason_codes, s.reason_count), "age", s.age, "decisions", list,
                 "in_force",
                 count > 0 ? json_deep_copy(json_array_get(list, count - 1)) : json_null()),
        err);
}

enum sp_code api_eligibility_decide(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"decision", "why", "date", "referred_to", NULL};
    struct eligibility_decision d = {0};
    struct core_eligibility_result s;
    struct core_date date;
    bool known = false;
    enum sp_code rc = api_treatment_gate(ctx, "eligibility", err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "decision", true, 1, 32, ctx->arena, &d.decision, err);
    for (size_t i = 0; rc == SP_OK && i < sizeof decisions / sizeof decisions[0]; i++)
        known = known || strcmp(d.decision, decisions[i]) == 0;
    if (rc == SP_OK && !known)
        rc = api_one_of("/decision", decisions, sizeof decisions / sizeof decisions[0], err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "why", true, 1, 2000, ctx->arena, &d.why, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &d.date, &date, err);
    if (rc == SP_OK)
        rc = api_check_enrolment_date(ctx, DATE_KIND_ELIGIBILITY, date, "/date", err);
    if (rc == SP_OK)
        rc = api_get_line(ctx->body, "referred_to", strcmp(d.decision, "referred_elsewhere") == 0,
                          1, 200, ctx->arena, &d.referred_to, err);
    if (rc == SP_OK && d.referred_to != NULL && strcmp(d.decision, "referred_elsewhere") != 0)
        rc = sp_err_invalid(err, "/referred_to", SP_R_ONLY_WHEN_REFERRED_ELSEWHERE,
                            "Say where only when the decision is referred_elsewhere.");
    if (rc == SP_OK)
        rc = suggest(ctx, &s, err);
    if (rc != SP_OK)
        return rc;
    d.enrolment_id = ctx->id;
    d.suggestion = core_eligibility_suggestion_name(s.suggestion);
    d.reasons = api_codes_join(ctx->arena, s.reason_codes, s.reason_count);
    d.decided_by = ctx->subject->user->id;
    d.decided_by_name = ctx->subject->user->display_name;
    d.recorded_at = ctx->now;
    rc = api_take_on_caseload(ctx, err);
    if (rc == SP_OK)
        rc = store_eligibility_add(ctx->store, &d, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, decision_json(&d), err);
}
