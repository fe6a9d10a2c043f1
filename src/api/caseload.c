/* The caseload registry ([AIMS-REGISTRY] in docs/sources.md) and the case-review list.
 *   GET /api/v1/caseload?scope=mine|team
 *                            the signed-in clinician's enrolments that are not final (mine, the
 *                            default: assigned or worked on by the caller), or every one of the
 *                            teams the caller is on (team), each with weeks in treatment, PHQ-9
 *                            and GAD-7 baseline/latest/change, last and next contact, flags, the
 *                            latest review and who carries it; most urgent first
 *                            (src/core/caseload.h)
 *   GET /api/v1/case-review  the same rows across the supervising clinician's teams, only those
 *                            with a flag that asks for attention
 * GET /api/v1/caseload?track=employment is the employment caseload (employment_caseload.c);
 * track=treatment, or none, this one.
 * Both are paged (limit, cursor): the order is worked out afresh at each request, so a cursor
 * names the last row shown (its enrolment id) and the next page starts after that row in the
 * current order; when it has left the list meanwhile the cursor is refused (start again).
 * Each citizen listed is a read of their data: one audit event each, for the rows on the page. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "api/views.h"
#include "base/log.h"
#include "core/caseload.h"
#include "core/treatment_start.h"
#include "policy/policy.h"

static bool parse_date(const char *text, struct core_date *out)
{
    struct sp_err ignored;

    return text != NULL && core_date_parse(text, strlen(text), "", out, &ignored) == SP_OK;
}

/* The latest contact with the citizen (core_safety_action_is_contact): the last session, a
 * later meeting of the joint plan they attended, or a later safety follow-up that met them; NULL
 * for none. ISO dates compare as text. */
static const char *last_contact(const struct store_caseload_row *r)
{
    const char *latest = r->last_session;

    if (r->last_meeting != NULL && (latest == NULL || strcmp(r->last_meeting, latest) > 0))
        latest = r->last_meeting;

    for (size_t i = 0; i < r->safety_count; i++)
        if (core_safety_action_is_contact(r->safety[i].action) &&
            (latest == NULL || strcmp(r->safety[i].date, latest) > 0))
            latest = r->safety[i].date;
    return latest;
}

/* The treatment start (core_treatment_start_caseload) from the plan's start date and the day
 * of the last status change. */
static void set_start(const struct store_caseload_row *r, struct core_date today,
                      struct core_caseload_input *in)
{
    struct core_date plan;
    struct core_date changed;
    bool has_plan = parse_date(r->plan_start, &plan);
    bool has_changed = api_stored_day(r->status_changed, &changed);

    in->has_start = core_treatment_start_caseload(has_plan ? &plan : NULL,
                                                  has_changed ? &changed : NULL, today, &in->start);
}

/* Split the row's measures into PHQ-9, GAD-7 and follow-up dates (arena arrays). */
static void set_measures(struct sp_arena *arena, const struct store_caseload_row *r,
                         struct core_caseload_input *in)
{
    struct core_caseload_score *phq9 = sp_arena_alloc(arena, sizeof *phq9 * (r->measure_count + 1));
    struct core_caseload_score *gad7 = sp_arena_alloc(arena, sizeof *gad7 * (r->measure_count + 1));
    struct core_date *done = sp_arena_alloc(arena, sizeof *done * (r->measure_count + 1));

    in->phq9 = phq9;
    in->gad7 = gad7;
    in->followups_done = done;
    for (size_t i = 0; i < r->measure_count; i++) {
        const struct store_caseload_measure *m = &r->measures[i];
        struct core_caseload_score s = {.total = m->total, .item9 = m->item9 < 0 ? 0 : m->item9};

        if (!parse_date(m->date, &s.date))
            continue;
        if (strcmp(m->instrument, "phq9") == 0)
            phq9[in->phq9_count++] = s;
        else if (strcmp(m->instrument, "gad7") == 0)
            gad7[in->gad7_count++] = s;
        if (strcmp(m->occasion, "followup") == 0)
            done[in->followup_done_count++] = s.date;
    }
}

static enum sp_code evaluate(struct api_ctx *ctx, const struct store_caseload_row *r,
                             struct core_caseload_row *out, struct sp_err *err)
{
    struct core_caseload_input in = {.enrolment_id = r->enrolment_id, .today = ctx->today};
    struct core_caseload_settings settings = core_caseload_settings_of(&r->settings);
    struct core_date *safety = sp_arena_alloc(ctx->arena, sizeof *safety * (r->safety_count + 1));

    if (!core_enrolment_status_from(r->status, &in.status))
        return sp_err_set(err, SP_INTERNAL, "", "An enrolment has an unknown status.");
    set_start(r, ctx->today, &in);
    set_measures(ctx->arena, r, &in);
    for (size_t i = 0; i < r->safety_count; i++)
        if (parse_date(r->safety[i].date, &safety[in.safety_followup_count]))
            in.safety_followup_count++;
    in.safety_followups = safety;
    in.has_last_contact = parse_date(last_contact(r), &in.last_contact) &&
                          core_date_cmp(in.last_contact, ctx->today) <= 0;
    in.has_own_task_due = parse_date(r->own_task_due, &in.own_task_due);
    in.followup_months = r->followup_months;
    in.followup_month_count = r->followup_count;
    return core_caseload_evaluate(&in, &settings, out, err);
}

static json_t *date_or_null(bool has, struct core_date d)
{
    char buf[11];

    if (!has)
        return json_null();
    core_date_format(d, buf);
    return json_string(buf);
}

static json_t *series_json(const struct core_caseload_series *s)
{
    if (s->count == 0)
        return json_null();
    return api_pack("{s:i, s:i, s:i, s:o, s:o, s:I}", "baseline", s->baseline, "latest", s->latest,
                    "change", s->latest - s->baseline, "baseline_date",
                    date_or_null(true, s->baseline_date), "latest_date",
                    date_or_null(true, s->latest_date), "count", (json_int_t)s->count);
}

/* {"not_improving":["phq9"],"reliable_improvement":["gad7"],…}: for each measure flag the row has,
 * the questionnaires it is about (core_caseload_flag_instruments), so that a list can say which
 * one did not improve and which one improved reliably on the same row. */
static json_t *flag_instruments_json(const struct core_caseload_row *c)
{
    static const struct {
        enum caseload_instrument instrument;
        const char *name;
    } instruments[] = {{CASELOAD_INSTRUMENT_PHQ9, "phq9"}, {CASELOAD_INSTRUMENT_GAD7, "gad7"}};
    json_t *o = json_object();

    for (unsigned bit = 1; bit < (1u << CASELOAD_FLAG_COUNT); bit <<= 1) {
        unsigned set = core_caseload_flag_instruments(c, bit);
        json_t *list;

        if (set == 0)
            continue;
        list = json_array();
        for (size_t i = 0; i < sizeof instruments / sizeof instruments[0]; i++)
            if (set & core_caseload_instrument_bit(instruments[i].instrument))
                api_push(&list, json_string(instruments[i].name));
        api_put(&o, core_caseload_flag_name(bit), list);
    }
    return o;
}

static json_t *row_json(const struct store_caseload_row *r, const struct core_caseload_row *c,
                        const struct core_caseload_input *start)
{
    json_t *flags = json_array();
    const char *contact = last_contact(r);
    json_t *o;

    for (unsigned bit = 1; bit < (1u << CASELOAD_FLAG_COUNT); bit <<= 1)
        if (c->flags & bit)
            api_push(&flags, json_string(core_caseload_flag_name(bit)));
    o = api_pack("{s:I, s:I, s:s, s:I, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o}", "enrolment_id",
                 (json_int_t)r->enrolment_id, "citizen_id", (json_int_t)r->citizen_id,
                 "citizen_name", r->citizen_name, "project_id", (json_int_t)r->project_id, "status",
                 r->status, "weeks_in_treatment", c->weeks_in_treatment, "treatment_start",
                 date_or_null(start->has_start, start->start), "phq9", series_json(&c->phq9),
                 "gad7", series_json(&c->gad7), "last_contact",
                 contact ? json_string(contact) : json_null(), "next_contact_due",
                 date_or_null(c->has_next_contact_due, c->next_contact_due), "flags", flags);
    api_put(&o, "review",
            r->review_date ? api_pack("{s:s, s:s}", "date", r->review_date, "recommendation",
                                      r->review_recommendation)
                           : json_null());
    api_put(&o, "assignments", api_assignments_object(r->assignments, r->assignment_count));
    api_put(&o, "mine", json_boolean(r->mine));
    api_put(&o, "flag_instruments", flag_instruments_json(c));
    return o;
}

/* The store row of an enrolment (rows are in enrolment id order). */
static const struct store_caseload_row *row_of(const struct store_caseload_row *rows, size_t n,
                                               int64_t enrolment_id)
{
    size_t lo = 0;
    size_t hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (rows[mid].enrolment_id == enrolment_id)
            return &rows[mid];
        if (rows[mid].enrolment_id < enrolment_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Where the page starts in the sorted rows: after the row of enrolment `after` (0: the first). */
static enum sp_code page_start(const struct core_caseload_row *sorted, size_t n, int64_t after,
                               size_t *start, struct sp_err *err)
{
    *start = 0;
    if (after == 0)
        return SP_OK;
    for (size_t i = 0; i < n; i++) {
        if (sorted[i].enrolment_id == after) {
            *start = i + 1;
            return SP_OK;
        }
    }
    return sp_err_invalid(err, "cursor", SP_R_CURSOR,
                          "That row is no longer on this list: start again from the first page.");
}

/* The rows of the scope, most urgent first; with attention_only, those that ask for attention
 * (core_caseload_needs_attention). */
static enum sp_code reply_rows(struct api_ctx *ctx, const char *const *params,
                               enum store_caseload_scope scope, bool attention_only,
                               struct sp_err *err)
{
    struct store_caseload_row *rows = NULL;
    struct store_page page;
    size_t count = 0;
    size_t kept = 0;
    size_t first = 0;
    size_t end;
    bool more;
    struct core_caseload_row *flagged;
    json_t *items;
    json_t *reply;
    char today[11];
    enum sp_code rc = api_get_list_query(ctx, params, &page, err);

    if (rc == SP_OK)
        rc = store_caseload(ctx->store, ctx->arena, ctx->subject->user->id, scope,
                            core_enrolment_open_statuses(), &rows, &count, err);
    if (rc != SP_OK)
        return rc;
    flagged = sp_arena_alloc(ctx->arena, sizeof *flagged * (count + 1));
    for (size_t i = 0; i < count; i++) {
        struct sp_err row_err = {0};

        if (!policy_sees_team(ctx->subject, rows[i].team_id))
            continue;
        if (evaluate(ctx, &rows[i], &flagged[kept], &row_err) != SP_OK) {
            /* A row the rules refuse (a date after today, from a clock that was ahead) is still
             * shown, without flags, rather than hiding the citizen from their clinician. */
            sp_log(SP_LOG_WARN, "caseload: a row was not evaluated (%s)", row_err.field);
            memset(&flagged[kept], 0, sizeof flagged[kept]);
            flagged[kept].enrolment_id = rows[i].enrolment_id;
        }
        if (!attention_only || core_caseload_needs_attention(flagged[kept].flags))
            kept++;
    }
    qsort(flagged, kept, sizeof *flagged, core_caseload_row_cmp);
    rc = page_start(flagged, kept, page.after, &first, err);
    if (rc != SP_OK)
        return rc;
    end = kept - first > (size_t)page.limit ? first + (size_t)page.limit : kept;
    items = json_array();
    for (size_t i = first; i < end; i++) {
        const struct store_caseload_row *r = row_of(rows, count, flagged[i].enrolment_id);
        struct core_caseload_input start = {0};

        set_start(r, ctx->today, &start);
        api_audit(ctx, r->citizen_id, "read");
        api_push(&items, row_json(r, &flagged[i], &start));
    }
    core_date_format(ctx->today, today);
    more = end < kept;
    reply = api_list_reply(items, more, end > first ? flagged[end - 1].enrolment_id : 0);
    api_put(&reply, "today", json_string(today));
    return api_answer(ctx, reply, err);
}

enum sp_code api_caseload_get(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"scope", "track", NULL};
    static const char *const scopes[] = {"mine", "team"};
    static const char *const tracks[] = {"treatment", "employment"};
    const char *scope = ctx->query(ctx->conn, "scope");
    const char *track = ctx->query(ctx->conn, "track");
    enum sp_code rc;

    if (track != NULL && strcmp(track, "employment") == 0)
        return api_employment_caseload_get(ctx, err);
    rc = policy_caseload(ctx->subject, err);
    if (rc == SP_OK && track != NULL && strcmp(track, "treatment") != 0)
        rc = api_one_of("track", tracks, 2, err);

    /* mine: what the caller carries; team: every case of the teams they are on and see (a
     * therapist's view of the team before anything is assigned to them). */
    if (rc == SP_OK && scope != NULL && strcmp(scope, "mine") != 0 && strcmp(scope, "team") != 0)
        rc = api_one_of("scope", scopes, 2, err);
    if (rc != SP_OK)
        return rc;
    return reply_rows(ctx, params,
                      scope != NULL && strcmp(scope, "team") == 0 ? STORE_CASELOAD_TEAMS
                                                                  : STORE_CASELOAD_MEMBER,
                      false, err);
}

enum sp_code api_case_review_list(struct api_ctx *ctx, struct sp_err *err)
{
    enum sp_code rc = policy_case_review(ctx->subject, err);

    return rc == SP_OK ? reply_rows(ctx, NULL, STORE_CASELOAD_TEAMS, true, err) : rc;
}

enum sp_code api_caseload_flags_of(struct api_ctx *ctx, int64_t enrolment_id, const char **flags,
                                   struct sp_err *err)
{
    struct store_caseload_row *rows = NULL;
    size_t count = 0;
    const struct store_caseload_row *r;
    struct core_caseload_row c;
    struct sp_err row_err = {0};
    const char *names[CASELOAD_FLAG_COUNT];
    size_t named = 0;
    enum sp_code rc = store_caseload(ctx->store, ctx->arena, enrolment_id, STORE_CASELOAD_ONE,
                                     CORE_ENROLMENT_STATUS_ALL, &rows, &count, err);

    *flags = "";
    if (rc != SP_OK)
        return rc;
    r = row_of(rows, count, enrolment_id);
    if (r == NULL || evaluate(ctx, r, &c, &row_err) != SP_OK)
        return SP_OK; /* not evaluable: the review names no flags */
    for (unsigned bit = 1; bit < (1u << CASELOAD_FLAG_COUNT); bit <<= 1)
        if (c.flags & bit)
            names[named++] = core_caseload_flag_name(bit);
    *flags = api_codes_join(ctx->arena, names, named);
    return SP_OK;
}
