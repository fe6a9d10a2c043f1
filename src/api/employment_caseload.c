/* The employment caseload (issue 11, "Flags and caseloads"):
 *   GET /api/v1/caseload?track=employment[&scope=mine|team][&sort=…][&limit=&cursor=]
 *     the caller's young people that are not final (mine, the default: those the caller is a
 *     member of) or every one of the caller's teams (team), each with the flags of
 *     src/core/employment_caseload.h, days since the last contact and the last employer contact,
 *     the current episode and since when, and the next task due; sorted by `sort` (urgency, the
 *     default; name; days_since_contact; days_since_employer_contact; next_task_due); and the
 *     caller's own caseload size against each project's limit (caseload_over_limit).
 * Paged like the treatment caseload: the order is worked out afresh at each request, the cursor
 * names the last row shown (its enrolment id) and a cursor whose row has left the list is refused.
 * Municipal roles only (policy_employment_caseload). Each citizen on the page is a read, audited
 * with the purpose employment_support. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "base/log.h"
#include "core/employment_caseload.h"
#include "core/text.h"
#include "policy/policy.h"

/* One evaluated row and what it sorts by. */
struct employment_item {
    struct core_employment_sort_row sort;
    const struct store_employment_row *row;
    bool has_start;
    struct core_date start;
    enum employment_sort by; /* the order asked for (the same in every item) */
};

static bool day_of(const char *text, struct core_date *out)
{
    return api_stored_day(text, out);
}

/* The stored episodes as core reads them; false when a stored date does not parse. */
static bool episodes_of(struct sp_arena *arena, const struct store_employment_row *r,
                        struct core_labour_episode **out)
{
    struct core_labour_episode *e = sp_arena_alloc(arena, sizeof *e * (r->episode_count + 1));

    *out = e;
    for (size_t i = 0; i < r->episode_count; i++) {
        e[i].kind = r->episodes[i].kind;
        e[i].open = r->episodes[i].end_date == NULL;
        e[i].hours_per_week = r->episodes[i].hours_per_week;
        if (!day_of(r->episodes[i].start_date, &e[i].start) ||
            (!e[i].open && !day_of(r->episodes[i].end_date, &e[i].end)))
            return false;
    }
    return true;
}

static void set_input(struct api_ctx *ctx, const struct store_employment_row *r,
                      struct employment_item *item, struct core_employment_input *in)
{
    struct core_date first_active;
    struct core_date changed;
    bool has_first = day_of(r->first_active, &first_active);
    bool has_changed = day_of(r->status_changed, &changed);

    memset(in, 0, sizeof *in);
    in->enrolment_id = r->enrolment_id;
    in->today = ctx->today;
    core_enrolment_status_from(r->status, &in->status);
    item->has_start = core_employment_start(in->status, has_first ? &first_active : NULL,
                                            has_changed ? &changed : NULL, &item->start);
    in->has_start = item->has_start;
    in->start = item->start;
    in->has_last_employer_contact = day_of(r->last_employer_contact, &in->last_employer_contact);
    in->has_last_session = day_of(r->last_session, &in->last_session);
    in->has_last_meeting = day_of(r->last_meeting, &in->last_meeting);
    in->has_last_follow_along = day_of(r->last_follow_along, &in->last_follow_along);
    in->has_next_task_due = day_of(r->next_task_due, &in->next_task_due);
}

static void evaluate(struct api_ctx *ctx, const struct store_employment_row *r,
                     struct employment_item *item)
{
    struct core_employment_input in;
    struct core_labour_episode *episodes = NULL;
    struct sp_err row_err = {0};
    char *folded = core_text_fold(r->citizen_name ? r->citizen_name : "");

    memset(item, 0, sizeof *item);
    item->row = r;
    item->sort.name_folded = sp_arena_strndup(ctx->arena, folded, strlen(folded));
    free(folded);
    set_input(ctx, r, item, &in);
    item->sort.has_next_task_due = in.has_next_task_due;
    item->sort.next_task_due = in.next_task_due;
    if (episodes_of(ctx->arena, r, &episodes)) {
        in.episodes = episodes;
        in.episode_count = r->episode_count;
    }
    if (core_employment_evaluate(&in, &r->settings, &item->sort.row, &row_err) != SP_OK) {
        /* A row the rules refuse (a date after today) is still shown, without flags, rather than
         * hiding the young person from their consultant. */
        sp_log(SP_LOG_WARN, "employment caseload: a row was not evaluated (%s)", row_err.field);
        memset(&item->sort.row, 0, sizeof item->sort.row);
        item->sort.row.enrolment_id = r->enrolment_id;
        item->sort.row.days_since_contact = -1;
        item->sort.row.days_since_employer_contact = -1;
    }
}

static int item_cmp(const void *a, const void *b)
{
    const struct employment_item *x = a;

    return core_employment_row_cmp(x->by, &x->sort, &((const struct employment_item *)b)->sort);
}

static json_t *day_or_null(bool has, struct core_date d)
{
    char buf[11];

    if (!has)
        return json_null();
    core_date_format(d, buf);
    return json_string(buf);
}

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *days_or_null(int days)
{
    return days < 0 ? json_null() : json_integer(days);
}

static json_t *current_episode_json(const struct employment_item *item)
{
    const struct store_employment_episode *e;

    if (!item->sort.row.has_current_episode)
        return json_null();
    e = &item->row->episodes[item->sort.row.current_episode];
    return api_pack("{s:s, s:s, s:o}", "kind", e->kind, "since", e->start_date, "until",
                    text_or_null(e->end_date));
}

static json_t *item_json(const struct employment_item *item)
{
    const struct store_employment_row *r = item->row;
    const struct core_employment_row *c = &item->sort.row;
    json_t *flags = json_array();
    json_t *o;

    for (unsigned bit = 1; bit < (1u << EMPLOYMENT_FLAG_COUNT); bit <<= 1)
        if (c->flags & bit)
            api_push(&flags, json_string(core_employment_flag_name(bit)));
    o = api_pack("{s:I, s:I, s:s, s:I, s:s, s:o, s:o, s:o, s:o}", "enrolment_id",
                 (json_int_t)r->enrolment_id, "citizen_id", (json_int_t)r->citizen_id,
                 "citizen_name", r->citizen_name, "project_id", (json_int_t)r->project_id, "status",
                 r->status, "start", day_or_null(item->has_start, item->start), "flags", flags,
                 "last_contact", day_or_null(c->has_last_contact, c->last_contact),
                 "days_since_contact", days_or_null(c->days_since_contact));
    api_put(&o, "last_employer_contact", text_or_null(r->last_employer_contact));
    api_put(&o, "days_since_employer_contact", days_or_null(c->days_since_employer_contact));
    api_put(&o, "current_episode", current_episode_json(item));
    api_put(&o, "next_task_due", text_or_null(r->next_task_due));
    api_put(&o, "mine", json_boolean(r->mine));
    return o;
}

/* The caller's own caseload size in each project of the rows: active young people they are a
 * member of, against the project's caseload_limit (IPS-25 "caseload size"). */
static json_t *caseload_sizes_json(const struct store_employment_row *rows, size_t count,
                                   bool *over)
{
    json_t *sizes = json_array();

    *over = false;
    for (size_t i = 0; i < count; i++) {
        int active = 0;
        bool seen = false;

        for (size_t j = 0; j < i && !seen; j++)
            seen = rows[j].project_id == rows[i].project_id;
        if (seen)
            continue;
        for (size_t j = i; j < count; j++) {
            enum enrolment_status s;

            if (rows[j].project_id == rows[i].project_id && rows[j].mine &&
                core_enrolment_status_from(rows[j].status, &s) && s == ENROLMENT_ACTIVE)
                active++;
        }
        *over = *over || core_employment_over_limit(active, &rows[i].settings);
        api_push(&sizes,
                 api_pack("{s:I, s:i, s:i, s:b}", "project_id", (json_int_t)rows[i].project_id,
                          "active", active, "limit", rows[i].settings.caseload_limit, "over_limit",
                          core_employment_over_limit(active, &rows[i].settings)));
    }
    return sizes;
}

/* Where the page starts in the sorted items: after the row of enrolment `after` (0: the first). */
static enum sp_code page_start(const struct employment_item *items, size_t n, int64_t after,
                               size_t *start, struct sp_err *err)
{
    *start = 0;
    for (size_t i = 0; after != 0 && i < n; i++) {
        if (items[i].row->enrolment_id == after) {
            *start = i + 1;
            return SP_OK;
        }
    }
    if (after == 0)
        return SP_OK;
    return sp_err_invalid(err, "cursor", SP_R_CURSOR,
                          "That row is no longer on this list: start again from the first page.");
}

static enum sp_code sort_param(struct api_ctx *ctx, enum employment_sort *out, struct sp_err *err)
{
    const char *sort = ctx->query(ctx->conn, "sort");

    *out = EMPLOYMENT_SORT_URGENCY;
    if (sort == NULL)
        return SP_OK;
    for (size_t i = 0; i < EMPLOYMENT_SORT_COUNT; i++) {
        if (strcmp(sort, core_employment_sorts[i]) == 0) {
            *out = (enum employment_sort)i;
            return SP_OK;
        }
    }
    return api_one_of("sort", core_employment_sorts, EMPLOYMENT_SORT_COUNT, err);
}

static json_t *page_json(struct api_ctx *ctx, const struct employment_item *items, size_t first,
                         size_t end)
{
    json_t *array = json_array();

    for (size_t i = first; i < end; i++) {
        api_audit_for(ctx, items[i].row->citizen_id, "read", "employment_support");
        api_push(&array, item_json(&items[i]));
    }
    return array;
}

enum sp_code api_employment_caseload_get(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const params[] = {"scope", "track", "sort", NULL};
    static const char *const scopes[] = {"mine", "team"};
    const char *scope = ctx->query(ctx->conn, "scope");
    struct store_employment_row *rows = NULL;
    struct employment_item *items;
    struct store_page page;
    size_t count = 0;
    size_t kept = 0;
    size_t first = 0;
    size_t end;
    bool over = false;
    enum employment_sort sort = EMPLOYMENT_SORT_URGENCY;
    json_t *reply;
    char today[11];
    enum sp_code rc = policy_employment_caseload(ctx->subject, err);

    if (rc == SP_OK && scope != NULL && strcmp(scope, "mine") != 0 && strcmp(scope, "team") != 0)
        rc = api_one_of("scope", scopes, 2, err);
    if (rc == SP_OK)
        rc = sort_param(ctx, &sort, err);
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, params, &page, err);
    if (rc == SP_OK)
        rc = store_employment_caseload(ctx->store, ctx->arena, ctx->subject->user->id,
                                       scope != NULL && strcmp(scope, "team") == 0
                                           ? STORE_CASELOAD_TEAMS
                                           : STORE_CASELOAD_MEMBER,
                                       core_enrolment_open_statuses(), &rows, &count, err);
    if (rc != SP_OK)
        return rc;
    items = sp_arena_alloc(ctx->arena, sizeof *items * (count + 1));
    for (size_t i = 0; i < count; i++)
        if (policy_sees_team(ctx->subject, rows[i].team_id)) {
            evaluate(ctx, &rows[i], &items[kept]);
            items[kept++].by = sort;
        }
    qsort(items, kept, sizeof *items, item_cmp);
    rc = page_start(items, kept, page.after, &first, err);
    if (rc != SP_OK)
        return rc;
    end = kept - first > (size_t)page.limit ? first + (size_t)page.limit : kept;
    reply = api_list_reply(page_json(ctx, items, first, end),
                           end<kept, end> first ? items[end - 1].row->enrolment_id : 0);
    core_date_format(ctx->today, today);
    api_put(&reply, "today", json_string(today));
    api_put(&reply, "caseload_sizes", caseload_sizes_json(rows, count, &over));
    api_put(&reply, "caseload_flags",
            over ? api_pack("[s]", CORE_EMPLOYMENT_OVER_LIMIT) : json_array());
    return api_answer(ctx, reply, err);
}
