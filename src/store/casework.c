/* Case work (migration 0010): assignments, the status history, tasks for their owners and the
 * rows of the follow-up list. */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* --- assignments ----------------------------------------------------------------------------- */

/* A store_row_reader of struct assignment. */
static enum sp_code read_assignment(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                    void *item, struct sp_err *err)
{
    struct assignment *a = item;

    (void)st;
    (void)err;
    a->role = sql_column_dup(stmt, 0, arena);
    a->user_id = sql_column_int64(stmt, 1);
    a->user_name = sql_column_dup(stmt, 2, arena);
    return SP_OK;
}

enum sp_code store_assignment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   struct assignment **items, size_t *count, struct sp_err *err)
{
    /* Only assignees who are still enabled members of the enrolment's team: someone who left
     * the team no longer carries its cases, and the case shows the role as open. */
    static const char sql[] =
        "SELECT m.role, m.user_id, u.display_name FROM enrolment_member m"
        " JOIN enrolment e ON e.id = m.enrolment_id"
        " JOIN team_member tm ON tm.team_id = e.team_id AND tm.user_id = m.user_id"
        " JOIN app_user u ON u.id = m.user_id"
        " WHERE m.enrolment_id = $1 AND m.assigned = 1 AND u.disabled = 0 ORDER BY m.role";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, enrolment_id, sizeof **items,
                                        read_assignment, &rows, count, err);

    *items = rows;
    return rc;
}

/* Run sql with $1 enrolment, $2 role, $3 user and, when it has them, $4 by and $5 now. */
static enum sp_code run_bound(struct store *st, const char *sql, int params, int64_t enrolment_id,
                              const char *role, int64_t user_id, int64_t by, const char *now,
                              struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, enrolment_id);
        sql_bind_text(stmt, 2, role);
        sql_bind_int64(stmt, 3, user_id);
        if (params == 5) {
            sql_bind_int64(stmt, 4, by);
            sql_bind_text(stmt, 5, now);
        }
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_assignment_set(struct store *st, int64_t enrolment_id, const char *role,
                                  int64_t user_id, int64_t by, const char *now, struct sp_err *err)
{
    /* Everyone else who worked on the case in this role is released from it (it leaves their
     * caseload); with user_id 0 that is everyone. */
    static const char release[] = "DELETE FROM enrolment_member WHERE enrolment_id = $1"
                                  " AND role = $2 AND user_id <> $3";
    static const char assign[] =
        "INSERT INTO enrolment_member (enrolment_id, role, user_id, assigned, assigned_by,"
        " assigned_at) VALUES ($1, $2, $3, 1, $4, $5) ON CONFLICT (enrolment_id, user_id, role)"
        " DO UPDATE SET assigned = 1, assigned_by = excluded.assigned_by,"
        " assigned_at = excluded.assigned_at";
    enum sp_code rc = run_bound(st, release, 3, enrolment_id, role, user_id, by, now, err);

    if (rc == SP_OK && user_id > 0)
        rc = run_bound(st, assign, 5, enrolment_id, role, user_id, by, now, err);
    return rc;
}

/* --- status history -------------------------------------------------------------------------- */

enum sp_code store_status_change_add(struct store *st, struct status_change *c, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO enrolment_status_change (enrolment_id, from_status, to_status, kind, reason,"
        " note, changed_by, changed_role, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, c->enrolment_id);
    sql_bind_text(stmt, 2, c->from_status);
    sql_bind_text(stmt, 3, c->to_status);
    sql_bind_text(stmt, 4, c->kind);
    sql_bind_text(stmt, 5, c->reason);
    sql_bind_text(stmt, 6, c->note);
    sql_bind_int64(stmt, 7, c->changed_by);
    sql_bind_text(stmt, 8, c->changed_role);
    sql_bind_text(stmt, 9, c->changed_at);
    return store_insert_id(stmt, "status change", &c->id, err);
}

/* A store_row_reader of struct status_change. */
static enum sp_code read_status_change(struct store *st, struct sql_stmt *stmt,
                                       struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct status_change *c = item;

    (void)st;
    (void)err;
    c->id = sql_column_int64(stmt, 0);
    c->enrolment_id = sql_column_int64(stmt, 1);
    c->from_status = sql_column_dup(stmt, 2, arena);
    c->to_status = sql_column_dup(stmt, 3, arena);
    c->kind = sql_column_dup(stmt, 4, arena);
    c->reason = sql_column_dup(stmt, 5, arena);
    c->note = sql_column_dup(stmt, 6, arena);
    c->changed_by = sql_column_int64(stmt, 7);
    c->changed_by_name = sql_column_dup(stmt, 8, arena);
    c->changed_role = sql_column_dup(stmt, 9, arena);
    c->changed_at = sql_column_dup(stmt, 10, arena);
    return SP_OK;
}

enum sp_code store_status_change_list(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, struct status_change **items,
                                      size_t *count, struct sp_err *err)
{
    /* Every change, never cut: a history is a handful of rows, answered whole. */
    static const char sql[] =
        "SELECT c.id, c.enrolment_id, c.from_status, c.to_status, c.kind, c.reason, c.note,"
        " c.changed_by, u.display_name, c.changed_role, c.changed_at"
        " FROM enrolment_status_change c JOIN app_user u ON u.id = c.changed_by"
        " WHERE c.enrolment_id = $1 ORDER BY c.id";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, enrolment_id, sizeof **items,
                                        read_status_change, &rows, count, err);

    *items = rows;
    return rc;
}

/* --- tasks ----------------------------------------------------------------------------------- */

#define TASK_COLUMNS                                                                               \
    "t.id, t.enrolment_id, t.case_review_id, t.owner_id, o.display_name, t.text, t.due,"           \
    " t.done_at, t.created_by, cb.display_name, t.created_role, t.created_at, t.version,"          \
    " t.done_by, db.display_name, e.citizen_id, c.name, e.status, e.team_id"                       \
    " FROM task t JOIN app_user o ON o.id = t.owner_id"                                            \
    " JOIN app_user cb ON cb.id = t.created_by LEFT JOIN app_user db ON db.id = t.done_by"         \
    " JOIN enrolment e ON e.id = t.enrolment_id JOIN citizen c ON c.id = e.citizen_id"

/* The rest of a task list's statement after its first condition: teams, state, cursor, order. */
#define TASK_LIST_TAIL                                                                             \
    " AND ($2 IS NULL OR e.team_id = ANY($2))"                                                     \
    " AND (CAST($3 AS TEXT) IS NULL OR (CAST($3 AS TEXT) = 'open' AND t.done_at IS NULL)"          \
    " OR (CAST($3 AS TEXT) = 'done' AND t.done_at IS NOT NULL))"                                   \
    " AND ($4 = 0 OR (COALESCE(t.due, '9999-12-31'), t.id) > (SELECT COALESCE(p.due,"              \
    " '9999-12-31'), p.id FROM task p WHERE p.id = $4))"                                           \
    " ORDER BY COALESCE(t.due, '9999-12-31'), t.id LIMIT $5"
#define TASKS_OF_OWNER "SELECT " TASK_COLUMNS " WHERE t.owner_id = $1" TASK_LIST_TAIL
#define TASKS_OF_ENROLMENT "SELECT " TASK_COLUMNS " WHERE t.enrolment_id = $1" TASK_LIST_TAIL

static const char task_version_sql[] = "SELECT version FROM task WHERE id = $1";

/* A store_row_reader of struct task. */
static enum sp_code read_task(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                              void *item, struct sp_err *err)
{
    struct task *t = item;

    (void)st;
    (void)err;
    memset(t, 0, sizeof *t);
    t->id = sql_column_int64(stmt, 0);
    t->enrolment_id = sql_column_int64(stmt, 1);
    t->case_review_id = sql_column_int64(stmt, 2); /* NULL reads as 0 */
    t->owner_id = sql_column_int64(stmt, 3);
    t->owner_name = sql_column_dup(stmt, 4, arena);
    t->text = sql_column_dup(stmt, 5, arena);
    t->due = sql_column_dup(stmt, 6, arena);
    t->done_at = sql_column_dup(stmt, 7, arena);
    t->created_by = sql_column_int64(stmt, 8);
    t->created_by_name = sql_column_dup(stmt, 9, arena);
    t->created_role = sql_column_dup(stmt, 10, arena);
    t->created_at = sql_column_dup(stmt, 11, arena);
    t->version = sql_column_int64(stmt, 12);
    t->done_by = sql_column_int64(stmt, 13);
    t->done_by_name = sql_column_dup(stmt, 14, arena);
    t->citizen_id = sql_column_int64(stmt, 15);
    t->citizen_name = sql_column_dup(stmt, 16, arena);
    t->enrolment_status = sql_column_dup(stmt, 17, arena);
    t->team_id = sql_column_int64(stmt, 18);
    return SP_OK;
}

/* $1 enrolment, $2 case review (NULL: none), $3 created_by, $4 created_at, $5 created_role; then
 * STORE_TASKS_PER_INSERT rows of 4 parameters each (the task's number, owner, text, due date),
 * unused rows NULL (left out by the WHERE). */
static const char tasks_insert_sql[] =
    "INSERT INTO task (enrolment_id, case_review_id, owner_id, text, due, created_by, created_at,"
    " created_role) SELECT $1, $2, column2, column3, column4, $3, $4, $5 FROM"
    " (VALUES ($6, $7, $8, $9), ($10, $11, $12, $13), ($14, $15, $16, $17), "
    "($18, $19, $20, $21), ($22, $23, $24, $25), ($26, $27, $28, $29), "
    "($30, $31, $32, $33), ($34, $35, $36, $37)) AS v"
    " WHERE column1 IS NOT NULL ORDER BY column1 RETURNING id";

/* Up to STORE_TASKS_PER_INSERT tasks in one statement; their ids into ids. */
static enum sp_code insert_tasks(struct store *st, const struct task *tasks, size_t count,
                                 int64_t *ids, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, tasks_insert_sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, tasks[0].enrolment_id);
    store_bind_positive_or_null(stmt, 2, tasks[0].case_review_id);
    sql_bind_int64(stmt, 3, tasks[0].created_by);
    sql_bind_text(stmt, 4, tasks[0].created_at);
    sql_bind_text(stmt, 5, tasks[0].created_role);
    for (size_t i = 0; i < STORE_TASKS_PER_INSERT; i++) {
        int first = 6 + 4 * (int)i;

        if (i >= count) {
            for (int c = 0; c < 4; c++)
                sql_bind_null(stmt, first + c);
            continue;
        }
        sql_bind_int64(stmt, first, (int64_t)i + 1);
        sql_bind_int64(stmt, first + 1, tasks[i].owner_id);
        sql_bind_text(stmt, first + 2, tasks[i].text);
        sql_bind_text(stmt, first + 3, tasks[i].due);
    }
    return store_insert_ids(stmt, "task", ids, count, err);
}

enum sp_code store_tasks_add(struct store *st, struct task *tasks, size_t count, struct sp_err *err)
{
    enum sp_code rc = SP_OK;

    for (size_t done = 0; rc == SP_OK && done < count; done += STORE_TASKS_PER_INSERT) {
        size_t n = count - done < STORE_TASKS_PER_INSERT ? count - done : STORE_TASKS_PER_INSERT;
        int64_t ids[STORE_TASKS_PER_INSERT];

        rc = insert_tasks(st, tasks + done, n, ids, err);
        for (size_t i = 0; rc == SP_OK && i < n; i++)
            tasks[done + i].id = ids[i];
    }
    return rc;
}

enum sp_code store_task_list(struct store *st, struct sp_arena *arena,
                             const struct store_task_filter *filter, const struct store_page *page,
                             struct task **items, size_t *count, bool *more, struct sp_err *err)
{
    /* Keyset paging on (due with none last, id): the cursor is the last task's id, whose
     * position is read back (a task's due date never changes and no task is deleted). One
     * statement per list, so that each is one range of its index (task_owner_due,
     * task_enrolment_due); $1 is the owner or the enrolment. */
    static const char of_owner[] = TASKS_OF_OWNER;
    static const char of_enrolment[] = TASKS_OF_ENROLMENT;
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc =
        sql_prepare(st->conn, filter->owner_id > 0 ? of_owner : of_enrolment, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, filter->owner_id > 0 ? filter->owner_id : filter->enrolment_id);
    sql_bind_ids(stmt, 2, filter->teams.ids, filter->teams.count);
    sql_bind_text(stmt, 3, filter->state);
    sql_bind_int64(stmt, 4, page->after);
    sql_bind_int64(stmt, 5, page->limit + 1);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_task, &rows, count, more, err);
    *items = rows;
    sql_release(stmt);
    return rc;
}

enum sp_code store_task_get(struct store *st, struct sp_arena *arena, int64_t id, struct task *out,
                            struct sp_err *err)
{
    static const char sql[] = "SELECT " TASK_COLUMNS " WHERE t.id = $1";
    return store_read_one(st, arena, sql, id, "task", read_task, out, err);
}

enum sp_code store_task_set_done(struct store *st, int64_t id, int64_t if_version, int64_t done_by,
                                 const char *now, int64_t *version, struct sp_err *err)
{
    static const char sql[] =
        "UPDATE task SET done_at = CASE WHEN $3 = 0 THEN NULL ELSE CAST($4 AS TEXT) END,"
        " done_by = CASE WHEN $3 = 0 THEN NULL ELSE $3 END, version = version + 1"
        " WHERE id = $1 AND version = $2 RETURNING version";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, id);
    sql_bind_int64(stmt, 2, if_version);
    sql_bind_int64(stmt, 3, done_by);
    sql_bind_text(stmt, 4, now);
    return store_update_versioned(st, stmt, task_version_sql, id, "task", version, err);
}

/* --- follow-up list -------------------------------------------------------------------------- */

/* The enrolments of the teams ($1, NULL: any) in the statuses asked for ($2 … $8) whose project
 * has a follow-up schedule. */
#define FOLLOWUP_ENROLMENTS                                                                        \
    "SELECT e.id FROM enrolment e JOIN project p ON p.id = e.project_id"                           \
    " WHERE ($1 IS NULL OR e.team_id = ANY($1)) AND p.followup_months <> ''"                       \
    " AND " STORE_STATUS_IN("e.status")

/* A store_row_reader of struct store_followup_row (without its dates). */
static enum sp_code read_followup_row(struct store *st, struct sql_stmt *stmt,
                                      struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct store_followup_row *r = item;

    (void)st;
    (void)err;
    memset(r, 0, sizeof *r);
    r->enrolment_id = sql_column_int64(stmt, 0);
    r->citizen_id = sql_column_int64(stmt, 1);
    r->project_id = sql_column_int64(stmt, 2);
    r->team_id = sql_column_int64(stmt, 3);
    r->citizen_name = sql_column_dup(stmt, 4, arena);
    r->status = sql_column_dup(stmt, 5, arena);
    r->status_changed = sql_column_dup(stmt, 6, arena);
    r->plan_start = sql_column_dup(stmt, 7, arena);
    r->first_active = sql_column_dup(stmt, 8, arena);
    r->research_withdrawn = sql_column_bool(stmt, 9);
    r->followup_count =
        store_split_ints(sql_column_text(stmt, 10), r->followup_months, PROJECT_FOLLOWUPS_MAX);
    return SP_OK;
}

/* The rows with what decides their start: the plan's start date, the first recorded move to
 * active, and the day the status last changed; and whether the newest research_use consent is
 * a withdrawal (1) or not (0, also when there is none). */
static enum sp_code read_followup_rows(struct store *st, struct sp_arena *arena,
                                       const struct store_ids *teams, unsigned statuses,
                                       struct store_followup_row **rows, size_t *count,
                                       struct sp_err *err)
{
    static const char sql[] =
        "SELECT e.id, e.citizen_id, e.project_id, e.team_id, c.name, e.status, e.status_changed,"
        " tp.start_date, (SELECT MIN(substr(h.changed_at, 1, 10)) FROM enrolment_status_change h"
        " WHERE h.enrolment_id = e.id AND h.to_status = 'active'),"
        " COALESCE((SELECT CASE WHEN k.given = 0 THEN 1 ELSE 0 END FROM consent k"
        " WHERE k.enrolment_id = e.id AND k.scope = 'research_use' ORDER BY k.id DESC LIMIT 1),"
        " 0), p.followup_months"
        " FROM enrolment e JOIN citizen c ON c.id = e.citizen_id JOIN project p"
        " ON p.id = e.project_id LEFT JOIN treatment_plan tp ON tp.enrolment_id = e.id"
        " WHERE e.id IN (" FOLLOWUP_ENROLMENTS ") ORDER BY e.id";
    struct sql_stmt *stmt = NULL;
    void *found = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *rows = NULL;
    *count = 0;
    if (rc != SP_OK)
        return rc;
    sql_bind_ids(stmt, 1, teams->ids, teams->count);
    store_bind_statuses(stmt, statuses);
    rc = store_read_all(st, stmt, arena, sizeof **rows, read_followup_row, &found, count, err);
    *rows = found;
    sql_release(stmt);
    return rc;
}

/* bsearch's comparison: an enrolment id against a row's. */
static int followup_row_cmp(const void *key, const void *elem)
{
    int64_t id = *(const int64_t *)key;
    int64_t row = ((const struct store_followup_row *)elem)->enrolment_id;

    return (id > row) - (id < row);
}

/* Append date to r's follow-up dates; few per enrolment (one or two per scheduled point), so
 * the array grows by one. */
static void add_done_date(struct sp_arena *arena, struct store_followup_row *r, const char *date)
{
    const char **bigger = sp_arena_alloc(arena, sizeof *bigger * (r->done_count + 1));

    if (r->done_count > 0)
        memcpy(bigger, r->done_dates, sizeof *bigger * r->done_count);
    bigger[r->done_count++] = date;
    r->done_dates = bigger;
}

/* Follow-up questionnaires that stand (not replaced by a correction), grouped by enrolment
 * (rows sorted by id). */
static enum sp_code read_followup_dates(struct store *st, struct sp_arena *arena,
                                        const struct store_ids *teams, unsigned statuses,
                                        struct store_followup_row *rows, size_t count,
                                        struct sp_err *err)
{
    static const char sql[] =
        "SELECT a.enrolment_id, a.date FROM assessment a WHERE a.enrolment_id IN"
        " (" FOLLOWUP_ENROLMENTS ") AND a.occasion = 'followup' AND a.replaced_by IS NULL"
        " ORDER BY a.enrolment_id, a.date, a.id";
    struct sql_stmt *stmt = NULL;
    bool row = true;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_ids(stmt, 1, teams->ids, teams->count);
        store_bind_statuses(stmt, statuses);
    }
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        int64_t id = sql_column_int64(stmt, 0);
        struct store_followup_row *r = bsearch(&id, rows, count, sizeof *rows, followup_row_cmp);

        if (r != NULL)
            add_done_date(arena, r, sql_column_dup(stmt, 1, arena));
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_followup_rows(struct store *st, struct sp_arena *arena,
                                 const struct store_ids *teams, unsigned statuses,
                                 struct store_followup_row **rows, size_t *count,
                                 struct sp_err *err)
{
    enum sp_code rc = read_followup_rows(st, arena, teams, statuses, rows, count, err);

    if (rc == SP_OK && *count > 0)
        rc = read_followup_dates(st, arena, teams, statuses, *rows, *count, err);
    return rc;
}
