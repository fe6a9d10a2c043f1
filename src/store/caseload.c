/* A caseload in five statements (issue 5's speed goal: a clinician with 60 active citizens in
 * under 5 ms among 100,000 enrolments): the ids of the scope's enrolments in the statuses asked
 * for; then, for exactly those enrolments (their ids bound as one set), each with its project's
 * settings, plan, latest session and latest case review; the current PHQ-9/GAD-7 and follow-up
 * assessments; their safety follow-ups; and who carries each case (migration 0010). The later
 * ones are matched to rows by enrolment id (rows are in id order). Which statuses are listed,
 * what counts as a contact and what the flags are is decided in src/core/, not here. */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* clang-format off */
#define ROWS_SQL                                                                                   \
    "SELECT e.id, e.citizen_id, e.project_id, e.team_id, c.name, e.status, e.status_changed,"      \
    " tp.start_date, (SELECT max(s.date) FROM treatment_session s WHERE s.enrolment_id = e.id),"   \
    " r.date, r.recommendation, p.followup_months, (SELECT min(t.due) FROM task t"                 \
    " WHERE t.enrolment_id = e.id AND t.owner_id = $2 AND t.done_at IS NULL), "                    \
    STORE_TREATMENT_COLUMNS("p")                                                                   \
    ", (SELECT max(a.date) FROM meeting_attendance a"                                              \
    " WHERE a.enrolment_id = e.id AND a.attended = 1)"                                             \
    " FROM enrolment e JOIN citizen c ON c.id = e.citizen_id"                                      \
    " JOIN project p ON p.id = e.project_id"                                                       \
    " LEFT JOIN treatment_plan tp ON tp.enrolment_id = e.id"                                       \
    " LEFT JOIN case_review r ON r.id = (SELECT r2.id FROM case_review r2"                         \
    " WHERE r2.enrolment_id = e.id ORDER BY r2.date DESC, r2.id DESC LIMIT 1)"                     \
    " WHERE e.id = ANY($1) ORDER BY e.id"
#define IDS_SQL(scope)                                                                             \
    "SELECT e.id FROM enrolment e WHERE " scope " AND " STORE_STATUS_IN("e.status") " ORDER BY e.id"
/* clang-format on */

/* The scope's enrolments are found first, then read whole by their ids: the joined statement's
 * plan then does not depend on who asks, so PostgreSQL keeps one generic plan for it, where with
 * the scope inside it planned it again for every caseload (1.3 ms of 3; the number of cases a
 * user has varies too much for a generic plan). Indexed by enum store_caseload_scope; $1 = the
 * user id (the enrolment id for one). Kept as one text per scope so each is a cached statement of
 * its own. */
static const char *const ids_sql[] = {
    IDS_SQL("e.id IN (SELECT m.enrolment_id FROM enrolment_member m WHERE m.user_id = $1)"),
    IDS_SQL("e.team_id IN (SELECT tm.team_id FROM team_member tm WHERE tm.user_id = $1)"),
    IDS_SQL("e.id = $1"),
};

/* $1 = the ids of the enrolments, $2 = the caller, whose earliest open task on each is read (the
 * joint plan's task_overdue flag; 0 for none). */
static const char rows_sql[] = ROWS_SQL;

/* $1 = the ids of the rows read. In the order of the index assessment_enrolment (enrolment,
 * instrument, date, id), so that neither engine sorts 1,700 rows for a caseload of 60; each
 * row's measures are put in date order afterwards (sort_measures). */
static const char measures_sql[] =
    "SELECT a.enrolment_id, a.instrument, a.occasion, a.date, a.total, a.item9, a.id"
    " FROM assessment a WHERE a.enrolment_id = ANY($1) AND a.replaced_by IS NULL"
    " AND (a.instrument IN ('phq9', 'gad7') OR a.occasion = 'followup')"
    " ORDER BY a.enrolment_id, a.instrument, a.date, a.id";

static const char safety_sql[] =
    "SELECT f.enrolment_id, f.date, f.action FROM safety_followup f"
    " WHERE f.enrolment_id = ANY($1) ORDER BY f.enrolment_id, f.date, f.id";

/* Who carries each case (assignees still enabled on the team), and the caller's own rows;
 * $1 = the caller, $2 = the ids of the rows read. */
static const char people_sql[] =
    "SELECT m.enrolment_id, m.role, m.user_id, u.display_name, m.assigned"
    " FROM enrolment_member m JOIN enrolment e ON e.id = m.enrolment_id"
    " JOIN team_member tm ON tm.team_id = e.team_id AND tm.user_id = m.user_id"
    " JOIN app_user u ON u.id = m.user_id WHERE m.enrolment_id = ANY($2)"
    " AND u.disabled = 0 AND (m.assigned = 1 OR m.user_id = $1)";

static void read_row(struct sql_stmt *stmt, struct sp_arena *arena, struct store_caseload_row *r)
{
    memset(r, 0, sizeof *r);
    r->enrolment_id = sql_column_int64(stmt, 0);
    r->citizen_id = sql_column_int64(stmt, 1);
    r->project_id = sql_column_int64(stmt, 2);
    r->team_id = sql_column_int64(stmt, 3);
    r->citizen_name = sql_column_dup(stmt, 4, arena);
    r->status = sql_column_dup(stmt, 5, arena);
    r->status_changed = sql_column_dup(stmt, 6, arena);
    r->plan_start = sql_column_dup(stmt, 7, arena);
    r->last_session = sql_column_dup(stmt, 8, arena);
    r->review_date = sql_column_dup(stmt, 9, arena);
    r->review_recommendation = sql_column_dup(stmt, 10, arena);
    r->followup_count =
        store_split_ints(sql_column_text(stmt, 11), r->followup_months, PROJECT_FOLLOWUPS_MAX);
    r->own_task_due = sql_column_dup(stmt, 12, arena);
    store_read_treatment(stmt, 13, &r->settings);
    r->last_meeting = sql_column_dup(stmt, 22, arena);
}

/* bsearch's comparison: an enrolment id against a row's. */
static int caseload_row_cmp(const void *key, const void *elem)
{
    int64_t id = *(const int64_t *)key;
    int64_t row = ((const struct store_caseload_row *)elem)->enrolment_id;

    return (id > row) - (id < row);
}

/* The row of enrolment_id (rows sorted by id), or NULL. */
static struct store_caseload_row *find_row(struct store_caseload_row *rows, size_t count,
                                           int64_t enrolment_id)
{
    return bsearch(&enrolment_id, rows, count, sizeof *rows, caseload_row_cmp);
}

enum sp_code store_caseload_ids(struct store *st, struct sp_arena *arena, int64_t user_id,
                                enum store_caseload_scope scope, unsigned statuses, int64_t **ids,
                                size_t *count, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, ids_sql[scope], &stmt, err);
    size_t cap = 64;
    bool row = true;

    *count = 0;
    *ids = sp_arena_alloc(arena, sizeof **ids * cap);
    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, user_id);
        store_bind_statuses(stmt, statuses);
    }
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        if (*count == cap)
            *ids = store_grow(arena, *ids, sizeof **ids, &cap);
        (*ids)[(*count)++] = sql_column_int64(stmt, 0);
    }
    sql_release(stmt);
    return rc;
}

/* Every row (a caseload is never cut: the API pages it after the urgency sort, which needs every
 * row). */
static enum sp_code read_rows(struct store *st, struct sp_arena *arena, int64_t user_id,
                              enum store_caseload_scope scope, unsigned statuses,
                              struct store_caseload_row **rows, size_t *count, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    int64_t *ids = NULL;
    size_t n = 0;
    size_t cap = 64;
    bool row = true;
    enum sp_code rc = store_caseload_ids(st, arena, user_id, scope, statuses, &ids, &n, err);

    *count = 0;
    *rows = sp_arena_alloc(arena, sizeof **rows * cap);
    if (rc != SP_OK || n == 0)
        return rc;
    rc = sql_prepare(st->conn, rows_sql, &stmt, err);
    if (rc == SP_OK) {
        sql_bind_ids(stmt, 1, ids, n);
        sql_bind_int64(stmt, 2, scope == STORE_CASELOAD_ONE ? 0 : user_id);
    }
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        if (*count == cap)
            *rows = store_grow(arena, *rows, sizeof **rows, &cap);
        read_row(stmt, arena, &(*rows)[(*count)++]);
    }
    sql_release(stmt);
    return rc;
}

/* A statement over the rows read: sql prepared with the rows' ids bound as $ids_param. */
static enum sp_code prepare_for_rows(struct store *st, struct sp_arena *arena, const char *sql,
                                     int ids_param, const struct store_caseload_row *rows,
                                     size_t count, struct sql_stmt **stmt, struct sp_err *err)
{
    int64_t *ids = sp_arena_alloc(arena, sizeof *ids * count);
    enum sp_code rc = sql_prepare(st->conn, sql, stmt, err);

    for (size_t i = 0; i < count; i++)
        ids[i] = rows[i].enrolment_id;
    if (rc == SP_OK)
        sql_bind_ids(*stmt, ids_param, ids, count);
    return rc;
}

/* Every measure goes into one growing array; rows arrive grouped by enrolment, so each row's
 * measures are one run of it, remembered by its start index until the array stops moving. */
/* Oldest first: by date, then by id (a PHQ-9 and a GAD-7 of one day in the order recorded). */
static int measure_cmp(const void *a, const void *b)
{
    const struct store_caseload_measure *x = a;
    const struct store_caseload_measure *y = b;
    int by_date = strcmp(x->date ? x->date : "", y->date ? y->date : "");

    return by_date != 0 ? by_date : (x->id > y->id) - (x->id < y->id);
}

static void sort_measures(struct store_caseload_row *row)
{
    if (row->measure_count > 1)
        qsort(row->measures, row->measure_count, sizeof *row->measures, measure_cmp);
}

static enum sp_code read_measures(struct store *st, struct sp_arena *arena,
                                  struct store_caseload_row *rows, size_t count, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = prepare_for_rows(st, arena, measures_sql, 1, rows, count, &stmt, err);
    size_t *start = sp_arena_alloc(arena, sizeof *start * count);
    size_t total = 0;
    size_t cap = 256;
    struct store_caseload_measure *all = sp_arena_alloc(arena, sizeof *all * cap);
    bool row = true;

    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        struct store_caseload_measure *m;
        struct store_caseload_row *r = find_row(rows, count, sql_column_int64(stmt, 0));

        if (r == NULL) /* never: the ids are the rows' */
            continue;
        if (total == cap)
            all = store_grow(arena, all, sizeof *all, &cap);
        if (r->measure_count == 0)
            start[r - rows] = total;
        m = &all[total++];
        m->instrument = sql_column_dup(stmt, 1, arena);
        m->occasion = sql_column_dup(stmt, 2, arena);
        m->date = sql_column_dup(stmt, 3, arena);
        m->total = sql_column_int(stmt, 4);
        m->item9 = sql_column_null(stmt, 5) ? -1 : sql_column_int(stmt, 5);
        m->id = sql_column_int64(stmt, 6);
        r->measure_count++;
    }
    sql_release(stmt);
    for (size_t i = 0; i < count; i++) {
        rows[i].measures = rows[i].measure_count > 0 ? &all[start[i]] : NULL;
        sort_measures(&rows[i]);
    }
    return rc;
}

static enum sp_code read_safety(struct store *st, struct sp_arena *arena,
                                struct store_caseload_row *rows, size_t count, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = prepare_for_rows(st, arena, safety_sql, 1, rows, count, &stmt, err);
    bool row = true;

    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        struct store_caseload_row *r = find_row(rows, count, sql_column_int64(stmt, 0));
        struct store_caseload_safety *bigger;

        if (r == NULL)
            continue;
        /* Few per enrolment: grow by one. */
        bigger = sp_arena_alloc(arena, sizeof *bigger * (r->safety_count + 1));
        if (r->safety_count > 0)
            memcpy(bigger, r->safety, sizeof *bigger * r->safety_count);
        bigger[r->safety_count].date = sql_column_dup(stmt, 1, arena);
        bigger[r->safety_count].action = sql_column_dup(stmt, 2, arena);
        r->safety_count++;
        r->safety = bigger;
    }
    sql_release(stmt);
    return rc;
}

static enum sp_code read_people(struct store *st, struct sp_arena *arena, int64_t user_id,
                                struct store_caseload_row *rows, size_t count, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = prepare_for_rows(st, arena, people_sql, 2, rows, count, &stmt, err);
    bool row = true;

    if (rc == SP_OK)
        sql_bind_int64(stmt, 1, user_id);

    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        struct store_caseload_row *r = find_row(rows, count, sql_column_int64(stmt, 0));
        struct assignment *bigger;

        if (r == NULL)
            continue;
        if (sql_column_int64(stmt, 2) == user_id)
            r->mine = true;
        if (!sql_column_bool(stmt, 4))
            continue;
        /* At most five per enrolment: grow by one. */
        bigger = sp_arena_alloc(arena, sizeof *bigger * (r->assignment_count + 1));
        if (r->assignment_count > 0)
            memcpy(bigger, r->assignments, sizeof *bigger * r->assignment_count);
        bigger[r->assignment_count].role = sql_column_dup(stmt, 1, arena);
        bigger[r->assignment_count].user_id = sql_column_int64(stmt, 2);
        bigger[r->assignment_count].user_name = sql_column_dup(stmt, 3, arena);
        r->assignment_count++;
        r->assignments = bigger;
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_caseload(struct store *st, struct sp_arena *arena, int64_t user_id,
                            enum store_caseload_scope scope, unsigned statuses,
                            struct store_caseload_row **rows, size_t *count, struct sp_err *err)
{
    enum sp_code rc = read_rows(st, arena, user_id, scope, statuses, rows, count, err);

    if (rc == SP_OK && *count > 0)
        rc = read_measures(st, arena, *rows, *count, err);
    if (rc == SP_OK && *count > 0)
        rc = read_safety(st, arena, *rows, *count, err);
    /* Not read for one enrolment (its flags are all that is asked). */
    if (rc == SP_OK && *count > 0 && scope != STORE_CASELOAD_ONE)
        rc = read_people(st, arena, user_id, *rows, *count, err);
    return rc;
}

/* The first and the latest current PHQ-9 and GAD-7 (by date, then id: the order of every list),
 * one or two rows each, through the (enrolment_id, instrument, date, id) index. */
static enum sp_code read_health_scores(struct store *st, struct sp_arena *arena,
                                       int64_t enrolment_id, struct store_health_summary *out,
                                       struct sp_err *err)
{
    static const char sql[] =
        "SELECT a.instrument, a.total, a.band, a.date FROM assessment a"
        " WHERE a.enrolment_id = $1 AND a.instrument IN ('phq9', 'gad7') AND a.replaced_by IS NULL"
        " AND (a.id = (SELECT b.id FROM assessment b WHERE b.enrolment_id = $1"
        " AND b.instrument = a.instrument AND b.replaced_by IS NULL ORDER BY b.date, b.id LIMIT 1)"
        " OR a.id = (SELECT b.id FROM assessment b WHERE b.enrolment_id = $1"
        " AND b.instrument = a.instrument AND b.replaced_by IS NULL"
        " ORDER BY b.date DESC, b.id DESC LIMIT 1)) ORDER BY a.instrument, a.date, a.id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);
    bool row = true;

    if (rc == SP_OK)
        sql_bind_int64(stmt, 1, enrolment_id);
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        const char *instrument = sql_column_text(stmt, 0);
        struct store_health_score *s = strcmp(instrument, "phq9") == 0 ? &out->phq9 : &out->gad7;

        /* Rows come first, then latest: the first row sets both, a second the latest. */
        if (!s->present)
            s->first_total = sql_column_int(stmt, 1);
        s->same = !s->present;
        s->present = true;
        s->latest_total = sql_column_int(stmt, 1);
        s->latest_band = sql_column_dup(stmt, 2, arena);
        s->latest_date = sql_column_dup(stmt, 3, arena);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_health_summary(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                  struct store_health_summary *out, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc;

    memset(out, 0, sizeof *out);
    rc = read_health_scores(st, arena, enrolment_id, out, err);
    if (rc == SP_OK)
        rc = sql_prepare(st->conn,
                         "SELECT (SELECT max(s.date) FROM treatment_session s"
                         " WHERE s.enrolment_id = e.id), " STORE_TREATMENT_COLUMNS(
                             "p") " FROM enrolment e JOIN project p ON p.id = e.project_id"
                                  " WHERE e.id = $1",
                         &stmt, err);
    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, enrolment_id);
        rc = sql_step_one(stmt, "enrolment", err);
    }
    if (rc == SP_OK) {
        out->last_session = sql_column_dup(stmt, 0, arena);
        store_read_treatment(stmt, 1, &out->settings);
    }
    sql_release(stmt);
    return rc;
}
