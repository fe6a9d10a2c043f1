/* The weekly labour-market status of an enrolment, derived from its episodes (core/labour_status.h;
 * docs/employment-track.md):
 *   GET /api/v1/enrolments/{id}/labour-weeks?from=2026-W01&to=2026-W26
 *     → {from, to, weeks: [{week: "2026-W01", status, in_work_or_education, hours: {code: n}}]}
 * from defaults to the week of the referral, to to this week (Denmark's calendar); at most
 * CORE_LABOUR_WEEKS_MAX weeks in one answer, more is refused (to: count_out_of_range), never cut.
 * Work and education detail: the team's municipal staff, and its health staff while the young
 * person's employment_to_health consent is in force (policy_employment_access). Every answer,
 * refusals included, is a read of the citizen in the audit log. */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "core/iso_week.h"
#include "core/labour_status.h"
#include "policy/policy.h"

/* The week named by query parameter `name`, or fallback when it is absent. */
static enum sp_code week_param(struct api_ctx *ctx, const char *name, struct core_iso_week fallback,
                               struct core_iso_week *out, struct sp_err *err)
{
    const char *text = ctx->query(ctx->conn, name);

    if (text == NULL) {
        *out = fallback;
        return SP_OK;
    }
    return core_iso_week_parse(text, strlen(text), name, out, err);
}

/* The stored episodes as the derivation reads them. A stored date that does not parse is not the
 * caller's mistake. */
static enum sp_code episodes_of(const struct episode *items, size_t count,
                                struct core_labour_episode *out, struct sp_err *err)
{
    for (size_t i = 0; i < count; i++) {
        struct core_labour_episode *e = &out[i];

        memset(e, 0, sizeof *e);
        e->kind = items[i].kind;
        e->open = items[i].end_date == NULL;
        e->hours_per_week = items[i].hours_per_week;
        if (!api_stored_day(items[i].start_date, &e->start) ||
            (!e->open && !api_stored_day(items[i].end_date, &e->end)))
            return sp_err_set(err, SP_INTERNAL, "", "A stored episode date is invalid.");
    }
    return SP_OK;
}

static json_t *week_json(const struct core_labour_week *w)
{
    char text[9];
    json_t *hours = json_object();
    const unsigned counted = core_labour_counted_default();

    core_iso_week_format(w->week, text);
    for (int s = 0; s < LABOUR__COUNT; s++)
        if (s != LABOUR_NONE && w->hours[s] > 0)
            api_put(&hours, core_labour_status_info((enum core_labour_status)s)->code,
                    json_integer(w->hours[s]));
    return api_pack("{s:s, s:s, s:b, s:o}", "week", text, "status",
                    core_labour_status_info(w->status)->code, "in_work_or_education",
                    core_labour_in_work_or_education(w->status, counted), "hours", hours);
}

/* A refusal of the range is the caller's, named as the query parameter ("/to" → "to"); one of a
 * stored episode is not. */
static enum sp_code caller_or_stored(enum sp_code rc, struct sp_err *err)
{
    if (rc != SP_INVALID)
        return rc;
    if (strncmp(err->field, "/episodes", 9) == 0)
        return sp_err_set(err, SP_INTERNAL, "", "A stored episode is invalid.");
    if (err->field[0] == '/')
        memmove(err->field, err->field + 1, strlen(err->field));
    return rc;
}

/* The range asked for: from defaults to the referral's week, to to this week. */
static enum sp_code range_of(struct api_ctx *ctx, const struct enrolment *e,
                             struct core_iso_week *from, struct core_iso_week *to,
                             struct sp_err *err)
{
    struct core_date referral;
    struct core_iso_week start = core_iso_week_of(ctx->today);
    enum sp_code rc;

    if (api_stored_day(e->referral_date, &referral))
        start = core_iso_week_of(referral);
    rc = week_param(ctx, "from", start, from, err);
    if (rc == SP_OK)
        rc = week_param(ctx, "to", core_iso_week_of(ctx->today), to, err);
    return rc;
}

enum sp_code api_labour_weeks_get(struct api_ctx *ctx, struct sp_err *err)
{
    int64_t citizen_id = 0;
    struct enrolment e;
    struct episode *items = NULL;
    size_t count = 0;
    size_t weeks = 0;
    struct core_iso_week from;
    struct core_iso_week to;
    struct core_labour_episode *eps;
    struct core_labour_week *out;
    char from_text[9];
    char to_text[9];
    json_t *list;
    enum sp_code rc =
        policy_employment_access(ctx->subject, ctx->store, ctx->arena, ctx->id, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc == SP_OK)
        rc = range_of(ctx, &e, &from, &to, err);
    if (rc == SP_OK)
        rc = store_episode_list(ctx->store, ctx->arena, ctx->id, &items, &count, err);
    if (rc != SP_OK)
        return rc;
    eps = sp_arena_alloc(ctx->arena, sizeof *eps * (count + 1));
    out = sp_arena_alloc(ctx->arena, sizeof *out * CORE_LABOUR_WEEKS_MAX);
    rc = episodes_of(items, count, eps, err);
    if (rc == SP_OK)
        rc = core_labour_weeks(eps, count, from, to, out, CORE_LABOUR_WEEKS_MAX, &weeks, err);
    if (rc != SP_OK)
        return caller_or_stored(rc, err);
    list = json_array();
    for (size_t i = 0; i < weeks; i++)
        api_push(&list, week_json(&out[i]));
    core_iso_week_format(from, from_text);
    core_iso_week_format(to, to_text);
    return api_answer(
        ctx, api_pack("{s:s, s:s, s:o}", "from", from_text, "to", to_text, "weeks", list), err);
}
