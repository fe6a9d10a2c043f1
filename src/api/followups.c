/* The follow-up list: the project's follow-up questionnaires (e.g. 3, 6, 12 and 18 months after
 * treatment starts) mostly fall after treatment ends, when the enrolment has left the caseload.
 *   GET /api/v1/follow-ups?state=open|all&limit=&cursor=
 *       health roles, over the teams they are on and see: each enrolment whose schedule applies
 *       (core_followup_applies: in treatment, completed, or withdrawn without withdrawing from
 *       research) with its points — due date, window, state, the questionnaire that met it.
 *       state=open (default): those with a point due or overdue today; all: every one with a
 *       schedule, finished or not. Ordered by the next point's due date (the last point's when
 *       none is left), then enrolment id; the cursor is that pair. Each citizen listed is a read.
 * The rules are in src/core/followup.c, the treatment start in src/core/treatment_start.c. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "base/log.h"
#include "base/parse.h"
#include "core/followup.h"
#include "core/treatment_start.h"
#include "policy/policy.h"

struct followup_item {
    const struct store_followup_row *row;
    struct core_date start;
    struct core_followup_result result;
    struct core_date key; /* the sort date */
};

/* The treatment start the schedule counts from (core_treatment_start_followups). */
static bool start_of(const struct store_followup_row *r, enum enrolment_status status,
                     struct core_date *start)
{
    struct core_date plan;
    struct core_date first_active;
    struct core_date changed;
    bool has_plan = api_stored_day(r->plan_start, &plan);
    bool has_first_active = api_stored_day(r->first_active, &first_active);
    bool has_changed = api_stored_day(r->status_changed, &changed);

    return core_treatment_start_followups(status, has_plan ? &plan : NULL,
                                          has_first_active ? &first_active : NULL,
                                          has_changed ? &changed : NULL, start);
}

/* Evaluate one row; false when the schedule does not apply or cannot be evaluated. */
static bool evaluate(struct api_ctx *ctx, const struct store_followup_row *r,
                     struct followup_item *item)
{
    struct core_followup_window window = core_followup_window_default();
    struct core_date *done = sp_arena_alloc(ctx->arena, sizeof *done * (r->done_count + 1));
    struct core_followup_input in = {.today = ctx->today,
                                     .months = r->followup_months,
                                     .month_count = r->followup_count,
                                     .done = done};
    enum enrolment_status status;
    struct sp_err row_err = {0};

    if (!core_enrolment_status_from(r->status, &status) ||
        !core_followup_applies(status, r->research_withdrawn) || !start_of(r, status, &in.start))
        return false;
    for (size_t i = 0; i < r->done_count; i++)
        if (api_stored_day(r->done_dates[i], &done[in.done_count]))
            in.done_count++;
    if (core_followup_evaluate(&in, &window, &item->result, &row_err) != SP_OK) {
        sp_log(SP_LOG_WARN, "follow-ups: a row was not evaluated (%s)", row_err.field);
        return false;
    }
    if (item->result.count == 0)
        return false;
    item->row = r;
    item->start = in.start;
    item->key = item->result.next >= 0 ? item->result.points[item->result.next].due
                                       : item->result.points[item->result.count - 1].due;
    return true;
}

static int item_cmp(const void *a, const void *b)
{
    const struct followup_item *x = a;
    const struct followup_item *y = b;
    int c = core_date_cmp(x->key, y->key);

    if (c != 0)
        return c;
    return x->row->enrolment_id < y->row->enrolment_id   ? -1
           : x->row->enrolment_id > y->row->enrolment_id ? 1
                                                         : 0;
}

/* The cursor "YYYY-MM-DD.<enrolment id>": the sort key of the last item of the previous page.
 * Anything else is refused as every list refuses a cursor it did not send. */
struct followup_cursor {
    bool set;
    struct core_date key;
    int64_t enrolment_id;
};

static enum sp_code parse_cursor(struct api_ctx *ctx, struct followup_cursor *c, struct sp_err *err)
{
    const char *text = ctx->query(ctx->conn, "cursor");
    struct sp_err ignored;

    memset(c, 0, sizeof *c);
    if (text == NULL)
        return SP_OK;
    if (strlen(text) < 12 || text[10] != '.' ||
        core_date_parse(text, 10, "", &c->key, &ignored) != SP_OK ||
        !sp_parse_i64(text + 11, strlen(text + 11), &c->enrolment_id) || c->enrolment_id < 1)
        return sp_err_invalid(err, "cursor", SP_R_CURSOR,
                              "cursor must be the next_cursor of a previous page.");
    c->set = true;
    return SP_OK;
}

/* limit as api_get_page reads it, with the cursor left to parse_cursor. */
static const char *limit_only(void *conn, const char *name)
{
    struct api_ctx *ctx = conn;

    return strcmp(name, "cursor") == 0 ? NULL : ctx->query(ctx->conn, name);
}

static bool after_cursor(const struct followup_item *item, const struct followup_cursor *c)
{
    int d;

    if (!c->set)
        return true;
    d = core_date_cmp(item->key, c->key);
    return d > 0 || (d == 0 && item->row->enrolment_id > c->enrolment_id);
}

static json_t *date_json(struct core_date d)
{
    char buf[11];

    core_date_format(d, buf);
    return json_string(buf);
}

static json_t *point_json(const struct core_followup_point *p)
{
    json_t *o = api_pack("{s:i, s:o, s:o, s:o, s:s}", "month", p->month, "due", date_json(p->due),
                         "opens", date_json(p->opens), "closes", date_json(p->closes), "state",
                         core_followup_state_name(p->state));

    if (p->state == FOLLOWUP_DONE)
        api_put(&o, "done_on", date_json(p->done_on));
    return o;
}

static json_t *item_json(const struct followup_item *item)
{
    const struct store_followup_row *r = item->row;
    const struct core_followup_result *res = &item->result;
    json_t *points = json_array();

    for (size_t i = 0; i < res->count; i++)
        api_push(&points, point_json(&res->points[i]));
    return api_pack("{s:I, s:{s:I, s:s}, s:I, s:s, s:o, s:o, s:o}", "enrolment_id",
                    (json_int_t)r->enrolment_id, "citizen", "id", (json_int_t)r->citizen_id, "name",
                    r->citizen_name ? r->citizen_name : "", "project_id", (json_int_t)r->project_id,
                    "status", r->status, "treatment_start", date_json(item->start), "points",
                    points, "next",
                    res->next >= 0 ? point_json(&res->points[res->next]) : json_null());
}

static json_t *cursor_json(const struct followup_item *last)
{
    char day[11];
    char text[40];

    core_date_format(last->key, day);
    snprintf(text, sizeof text, "%s.%" PRId64, day, last->row->enrolment_id);
    return json_string(text);
}

enum sp_code api_followups_list(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"state", NULL};
    static const char *const states[] = {"open", "all"};
    struct store_ids teams = {0};
    const char *state = ctx->query(ctx->conn, "state");
    struct store_followup_row *rows = NULL;
    struct followup_item *items;
    struct followup_cursor cursor;
    struct store_page page;
    size_t count = 0;
    size_t kept = 0;
    size_t shown = 0;
    json_t *list;
    char today[11];
    enum sp_code rc = policy_caseload(ctx->subject, err);

    if (rc == SP_OK)
        rc = api_check_list_params(ctx, params, err);
    if (rc == SP_OK && state != NULL && strcmp(state, "open") != 0 && strcmp(state, "all") != 0)
        rc = api_one_of("state", states, 2, err);
    if (rc == SP_OK)
        rc = api_get_page(ctx, limit_only, &page, err);
    if (rc == SP_OK)
        rc = parse_cursor(ctx, &cursor, err);
    if (rc == SP_OK)
        rc = policy_visible_teams(ctx->subject, ctx->arena, &teams, err);
    if (rc == SP_OK)
        rc = store_followup_rows(ctx->store, ctx->arena, &teams, core_followup_statuses(), &rows,
                                 &count, err);
    if (rc != SP_OK)
        return rc;
    items = sp_arena_alloc(ctx->arena, sizeof *items * (count + 1));
    for (size_t i = 0; i < count; i++)
        if (evaluate(ctx, &rows[i], &items[kept]) &&
            ((state != NULL && strcmp(state, "all") == 0) || items[kept].result.open))
            kept++;
    qsort(items, kept, sizeof *items, item_cmp);
    list = json_array();
    for (size_t i = 0; i < kept; i++) {
        if (!after_cursor(&items[i], &cursor))
            continue;
        if (shown == (size_t)page.limit) {
            core_date_format(ctx->today, today);
            return api_answer(ctx,
                              api_pack("{s:o, s:o, s:s}", "items", list, "next_cursor",
                                       cursor_json(&items[i - 1]), "today", today),
                              err);
        }
        api_audit(ctx, items[i].row->citizen_id, "read");
        api_push(&list, item_json(&items[i]));
        shown++;
    }
    core_date_format(ctx->today, today);
    return api_answer(
        ctx, api_pack("{s:o, s:n, s:s}", "items", list, "next_cursor", "today", today), err);
}
