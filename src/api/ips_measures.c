/* IPS Grow's measures, counted live (issue 11; definitions in docs/employment-track.md "IPS
 * Grow's measures"):
 *   GET /api/v1/ips-measures?project=ID[&team=ID][&consultant=ID][&from=YYYY-MM-DD][&to=YYYY-MM-DD]
 *     → the counts of core_ips_count for the project's young people (of one team, of one
 *       consultant: a member of the enrolment), from `from` (default: the project's start) to `to`
 *       (default: today), and every employment consultant's caseload size against the project's
 *       caseload_limit (IPS-25 "caseload size").
 * Counts only, never a person: the project's lead and its municipal staff (policy_ips_measures).
 * Counts under 5 are shown as they are (the small-count rule is issue 12's). One audit event,
 * about no citizen. */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/employment_caseload.h"
#include "core/ips_measures.h"
#include "policy/policy.h"

/* The roles whose caseload IPS-25's "caseload size" is about: the employment specialists. */
static const char *const consultant_roles[] = {"job_consultant", "resource_consultant", NULL};

static enum sp_code date_param(struct api_ctx *ctx, const char *name, struct core_date fallback,
                               struct core_date *out, struct sp_err *err)
{
    const char *text = ctx->query(ctx->conn, name);

    *out = fallback;
    return text == NULL ? SP_OK : core_date_parse(text, strlen(text), name, out, err);
}

/* One young person as core_ips_count reads them; false when they have no start (never active)
 * or a stored date does not parse. */
static bool person_of(struct sp_arena *arena, const struct store_ips_row *r,
                      struct core_ips_person *p)
{
    struct core_labour_episode *e = sp_arena_alloc(arena, sizeof *e * (r->episode_count + 1));
    struct core_date first_active;
    struct core_date changed;
    enum enrolment_status status;
    bool has_first = api_stored_day(r->first_active, &first_active);
    bool has_changed = api_stored_day(r->status_changed, &changed);

    memset(p, 0, sizeof *p);
    if (!core_enrolment_status_from(r->status, &status) ||
        !core_employment_start(status, has_first ? &first_active : NULL,
                               has_changed ? &changed : NULL, &p->enrolled))
        return false;
    p->contacted_employer = api_stored_day(r->first_employer_contact, &p->first_employer);
    /* On the caseload: active or in aftercare now (the status history before now is not read). */
    p->active = core_enrolment_in_treatment(status);
    for (size_t i = 0; i < r->episode_count; i++) {
        e[i].kind = r->episodes[i].kind;
        e[i].open = r->episodes[i].end_date == NULL;
        e[i].hours_per_week = r->episodes[i].hours_per_week;
        if (!api_stored_day(r->episodes[i].start_date, &e[i].start) ||
            (!e[i].open && !api_stored_day(r->episodes[i].end_date, &e[i].end)))
            return false;
        /* In work at referral: a job going on on the day they were enrolled, begun before. */
        if (core_ips_is_job(&e[i]) && core_date_cmp(e[i].start, p->enrolled) < 0 &&
            (e[i].open || core_date_cmp(e[i].end, p->enrolled) >= 0))
            p->in_work_at_referral = true;
    }
    p->episodes = e;
    p->episode_count = r->episode_count;
    return true;
}

static json_t *median_json(double median)
{
    return median < 0 ? json_null() : json_real(median);
}

static json_t *share_json(int part, int whole)
{
    return whole == 0 ? json_null() : json_real((double)part / (double)whole);
}

static json_t *measures_json(const struct core_ips_measures *m)
{
    json_t *o =
        api_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "people", m->people, "job_starts",
                 m->job_starts, "first_job_starts", m->first_job_starts, "out_of_work",
                 m->out_of_work, "out_of_work_started", m->out_of_work_started, "active", m->active,
                 "active_in_work", m->active_in_work, "with_employer_contact",
                 m->with_employer_contact, "with_job_start", m->with_job_start);

    api_put(&o, "employment_rate", share_json(m->out_of_work_started, m->out_of_work));
    api_put(&o, "in_work_share", share_json(m->active_in_work, m->active));
    api_put(&o, "median_days_to_employer_contact", median_json(m->median_days_to_employer_contact));
    api_put(&o, "median_days_to_job_start", median_json(m->median_days_to_job_start));
    return o;
}

static enum sp_code count_measures(struct api_ctx *ctx, const struct store_ips_filter *filter,
                                   struct core_date from, struct core_date to,
                                   struct core_ips_measures *out, struct sp_err *err)
{
    struct store_ips_row *rows = NULL;
    size_t count = 0;
    size_t n = 0;
    struct core_ips_person *people;
    int64_t *days;
    enum sp_code rc = store_ips_rows(ctx->store, ctx->arena, filter, &rows, &count, err);

    if (rc != SP_OK)
        return rc;
    people = sp_arena_alloc(ctx->arena, sizeof *people * (count + 1));
    days = sp_arena_alloc(ctx->arena, sizeof *days * (count + 1));
    for (size_t i = 0; i < count; i++)
        if (person_of(ctx->arena, &rows[i], &people[n]))
            n++;
    return core_ips_count(people, n, from, to, days, count + 1, out, err);
}

static enum sp_code loads_json(struct api_ctx *ctx, const struct store_ips_filter *filter,
                               const struct project *p, json_t **out, struct sp_err *err)
{
    struct store_consultant_load *loads = NULL;
    size_t count = 0;
    enum sp_code rc = store_consultant_loads(ctx->store, ctx->arena, filter, consultant_roles,
                                             1u << ENROLMENT_ACTIVE, &loads, &count, err);

    *out = json_array();
    for (size_t i = 0; rc == SP_OK && i < count; i++)
        api_push(out, api_pack("{s:I, s:s, s:I, s:i, s:b}", "user_id", (json_int_t)loads[i].user_id,
                               "name", loads[i].name, "active", (json_int_t)loads[i].active,
                               "limit", p->employment.caseload_limit, "over_limit",
                               core_employment_over_limit((int)loads[i].active, &p->employment)));
    return rc;
}

static json_t *id_or_null(int64_t id)
{
    return id > 0 ? json_integer(id) : json_null();
}

enum sp_code api_ips_measures_get(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"project", "team", "consultant", "from", "to", NULL};
    struct store_ips_filter filter = {0};
    struct project *p = sp_arena_alloc(ctx->arena, sizeof *p);
    struct core_ips_measures m;
    struct core_date start = ctx->today;
    struct core_date from;
    struct core_date to;
    json_t *loads = NULL;
    json_t *reply;
    char text[2][11];
    enum sp_code rc = api_check_list_params(ctx, params, err);

    if (rc == SP_OK)
        rc = api_get_query_id(ctx->conn, ctx->query, "project", &filter.project_id, err);
    if (rc == SP_OK && filter.project_id == 0)
        rc = sp_err_invalid(err, "project", SP_R_REQUIRED, "Name the project.");
    if (rc == SP_OK)
        rc = api_get_query_id(ctx->conn, ctx->query, "team", &filter.team_id, err);
    if (rc == SP_OK)
        rc = api_get_query_id(ctx->conn, ctx->query, "consultant", &filter.consultant_id, err);
    if (rc == SP_OK)
        rc = policy_ips_measures(ctx->subject, filter.project_id, err);
    if (rc == SP_OK)
        rc = store_project_get(ctx->store, ctx->arena, filter.project_id, p, err);
    if (rc == SP_OK)
        api_stored_day(p->period_start, &start);
    if (rc == SP_OK)
        rc = date_param(ctx, "from", start, &from, err);
    if (rc == SP_OK)
        rc = date_param(ctx, "to", ctx->today, &to, err);
    if (rc == SP_OK)
        rc = count_measures(ctx, &filter, from, to, &m, err);
    if (rc == SP_OK)
        rc = loads_json(ctx, &filter, p, &loads, err);
    if (rc != SP_OK) {
        json_decref(loads);
        return rc;
    }
    api_audit(ctx, 0, "read");
    core_date_format(from, text[0]);
    core_date_format(to, text[1]);
    reply = api_pack("{s:I, s:o, s:o, s:s, s:s, s:o, s:o}", "project_id",
                     (json_int_t)filter.project_id, "team_id", id_or_null(filter.team_id),
                     "consultant_id", id_or_null(filter.consultant_id), "from", text[0], "to",
                     text[1], "measures", measures_json(&m), "caseloads", loads);
    return api_answer(ctx, reply, err);
}
