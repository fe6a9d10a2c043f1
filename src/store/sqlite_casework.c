/* Case work in SQLite (migration 0010): assignments, the status history, tasks for their owners
 * and the rows of the follow-up list. */
#include <string.h>

#include <stdlib.h>

#include "store/sqlite_int.h"

/* Grow an arena array of elem_size elements to twice its room (the arena cannot grow in place). */
static void *grow(struct sp_arena *arena, void *items, size_t elem_size, size_t *cap)
{
    void *bigger = sp_arena_alloc(arena, elem_size * *cap * 2);

    memcpy(bigger, items, elem_size * *cap);
    *cap *= 2;
    return bigger;
}

/* --- assignments ----------------------------------------------------------------------------- */

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
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    size_t cap = 8;
    int src = SQLITE_DONE;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * cap);
    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, enrolment_id);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct assignment *a;

        if (*count == cap)
            *items = grow(arena, *items, sizeof **items, &cap);
        a = &(*items)[(*count)++];
        a->role = sqlite_column_dup(stmt, 0, arena);
        a->user_id = sqlite3_column_int64(stmt, 1);
        a->user_name = sqlite_column_dup(stmt, 2, arena);
    }
    if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

/* Run sql with $1 enrolment, $2 role, $3 user and, when it has them, $4 by and $5 now. */
static enum sp_code run_bound(struct store *st, const char *sql, int params, int64_t enrolment_id,
                              const char *role, int64_t user_id, int64_t by, const char *now,
                              struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, enrolment_id);
        sqlite_bind_text(stmt, 2, role);
        sqlite3_bind_int64(stmt, 3, user_id);
        if (params == 5) {
            sqlite3_bind_int64(stmt, 4, by);
            sqlite_bind_text(stmt, 5, now);
        }
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
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
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO enrolment_status_change (enrolment_id, from_status, to_status, kind, reason,"
        " note, changed_by, changed_role, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " RETURNING id",
        &stmt, err);
    int src;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, c->enrolment_id);
    sqlite_bind_text(stmt, 2, c->from_status);
    sqlite_bind_text(stmt, 3, c->to_status);
    sqlite_bind_text(stmt, 4, c->kind);
    sqlite_bind_text(stmt, 5, c->reason);
    sqlite_bind_text(stmt, 6, c->note);
    sqlite3_bind_int64(stmt, 7, c->changed_by);
    sqlite_bind_text(stmt, 8, c->changed_role);
    sqlite_bind_text(stmt, 9, c->changed_at);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW)
        c->id = sqlite3_column_int64(stmt, 0);
    else
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_status_change_list(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, struct status_change **items,
                                      size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT c.id, c.enrolment_id, c.from_status, c.to_status, c.kind, c.reason, c.note,"
        " c.changed_by, u.display_name, c.changed_role, c.changed_at"
        " FROM enrolment_status_change c JOIN app_user u ON u.id = c.changed_by"
        " WHERE c.enrolment_id = $1 ORDER BY c.id";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    size_t cap = 16;
    int src = SQLITE_DONE;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * cap);
    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, enrolment_id);
    /* Every change, never cut: a history is a handful of rows, answered whole. */
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct status_change *c;

        if (*count == cap)
            *items = store_grow(arena, *items, sizeof **items, &cap);
        c = &(*items)[(*count)++];

        c->id = sqlite3_column_int64(stmt, 0);
        c->enrolment_id = sqlite3_column_int64(stmt, 1);
        c->from_status = sqlite_column_dup(stmt, 2, arena);
        c->to_status = sqlite_column_dup(stmt, 3, arena);
        c->kind = sqlite_column_dup(stmt, 4, arena);
        c->reason = sqlite_column_dup(stmt, 5, arena);
        c->note = sqlite_column_dup(stmt, 6, arena);
        c->changed_by = sqlite3_column_int64(stmt, 7);
        c->changed_by_name = sqlite_column_dup(stmt, 8, arena);
        c->changed_role = sqlite_column_dup(stmt, 9, arena);
        c->changed_at = sqlite_column_dup(stmt, 10, arena);
    }
    if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
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
    " AND ($2 IS NULL OR e.team_id IN (SELECT value FROM json_each($2)))"                          \
    " AND ($3 IS NULL OR ($3 = 'open' AND t.done_at IS NULL)"                                      \
    " OR ($3 = 'done' AND t.done_at IS NOT NULL))"                                                 \
    " AND ($4 = 0 OR (coalesce(t.due, '9999-12-31'), t.id) > (SELECT coalesce(p.due,"              \
    " '9999-12-31'), p.id FROM task p WHERE p.id = $4))"                                           \
    " ORDER BY coalesce(t.due, '9999-12-31'), t.id LIMIT $5"
#define TASKS_OF_OWNER "SELECT " TASK_COLUMNS " WHERE t.owner_id = $1" TASK_LIST_TAIL
#define TASKS_OF_ENROLMENT "SELECT " TASK_COLUMNS " WHERE t.enrolment_id = $1" TASK_LIST_TAIL

static void read_task(sqlite3_stmt *stmt, struct sp_arena *arena, struct task *t)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(stmt, 0);
    t->enrolment_id = sqlite3_column_int64(stmt, 1);
    t->case_review_id = sqlite3_column_int64(stmt, 2); /* NULL reads as 0 */
    t->owner_id = sqlite3_column_int64(stmt, 3);
    t->owner_name = sqlite_column_dup(stmt, 4, arena);
    t->text = sqlite_column_dup(stmt, 5, arena);
    t->due = sqlite_column_dup(stmt, 6, arena);
    t->done_at = sqlite_column_dup(stmt, 7, arena);
    t->created_by = sqlite3_column_int64(stmt, 8);
    t->created_by_name = sqlite_column_dup(stmt, 9, arena);
    t->created_role = sqlite_column_dup(stmt, 10, arena);
    t->created_at = sqlite_column_dup(stmt, 11, arena);
    t->version = sqlite3_column_int64(stmt, 12);
    t->done_by = sqlite3_column_int64(stmt, 13);
    t->done_by_name = sqlite_column_dup(stmt, 14, arena);
    t->citizen_id = sqlite3_column_int64(stmt, 15);
    t->citizen_name = sqlite_column_dup(stmt, 16, arena);
    t->enrolment_status = sqlite_column_dup(stmt, 17, arena);
    t->team_id = sqlite3_column_int64(stmt, 18);
}

enum sp_code store_task_list(struct store *st, struct sp_arena *arena,
                             const struct store_task_filter *filter, const struct store_page *page,
                             struct task **items, size_t *count, bool *more, struct sp_err *err)
{
    /* Keyset paging on (due with none last, id): the cursor is the last task's id, whose
     * position is read back (a task's due date never changes and no task is deleted). One
     * statement per list, so that each is one range of its index (task_owner_due,
     * task_enrolment_due); $1 is the owner or the enrolment. */
    const char *sql = filter->owner_id > 0 ? TASKS_OF_OWNER : TASKS_OF_ENROLMENT;
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, filter->owner_id > 0 ? filter->owner_id : filter->enrolment_id);
    sqlite_bind_text(stmt, 2, filter->teams);
    sqlite_bind_text(stmt, 3, filter->state);
    sqlite3_bind_int64(stmt, 4, page->after);
    sqlite3_bind_int(stmt, 5, page->limit + 1);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*count == (size_t)page->limit) {
            *more = true;
            break;
        }
        read_task(stmt, arena, &(*items)[(*count)++]);
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_task_get(struct store *st, struct sp_arena *arena, int64_t id, struct task *out,
                            struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, "SELECT " TASK_COLUMNS " WHERE t.id = $1", &stmt, err);
    int src;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW)
        read_task(stmt, arena, out);
    else if (src == SQLITE_DONE)
        rc = sp_err_set(err, SP_NOT_FOUND, "", "No such task.");
    else
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

static enum sp_code task_version(struct store *st, int64_t id, int64_t *version, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, "SELECT version FROM task WHERE id = $1", &stmt, err);
    int src;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW)
        *version = sqlite3_column_int64(stmt, 0);
    else if (src == SQLITE_DONE)
        rc = sp_err_set(err, SP_NOT_FOUND, "", "No such task.");
    else
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_task_set_done(struct store *st, int64_t id, int64_t if_version, int64_t done_by,
                                 const char *now, int64_t *version, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc =
        sqlite_prepare(st,
                       "UPDATE task SET done_at = CASE WHEN $3 = 0 THEN NULL ELSE $4 END,"
                       " done_by = CASE WHEN $3 = 0 THEN NULL ELSE $3 END, version = version + 1"
                       " WHERE id = $1 AND version = $2 RETURNING version",
                       &stmt, err);
    int src;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, if_version);
    sqlite3_bind_int64(stmt, 3, done_by);
    sqlite_bind_text(stmt, 4, now);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW)
        *version = sqlite3_column_int64(stmt, 0);
    sqlite_release(st, stmt);
    if (src == SQLITE_ROW)
        return SP_OK;
    if (src != SQLITE_DONE)
        return sqlite_error(st, src, NULL, err);
    rc = task_version(st, id, &err->current_version, err);
    if (rc == SP_OK)
        rc = sp_err_set(err, SP_STALE, "",
                        "The task has changed since it was read. Read it again and retry.");
    return rc;
}

/* --- follow-up list -------------------------------------------------------------------------- */

/* The enrolments of the teams that can have follow-ups, with what decides their start: the
 * plan's start date, the first recorded move to active, and the day the status last changed;
 * and whether the newest research_use consent is a withdrawal. */
#define FOLLOWUP_ENROLMENTS                                                                        \
    "SELECT e.id FROM enrolment e JOIN project p ON p.id = e.project_id"                           \
    " WHERE e.team_id IN (SELECT value FROM json_each($1)) AND p.followup_months <> ''"            \
    " AND e.status IN ('active', 'aftercare', 'completed', 'withdrawn')"

static void read_followup_row(sqlite3_stmt *stmt, struct sp_arena *arena,
                              struct store_followup_row *r)
{
    memset(r, 0, sizeof *r);
    r->enrolment_id = sqlite3_column_int64(stmt, 0);
    r->citizen_id = sqlite3_column_int64(stmt, 1);
    r->project_id = sqlite3_column_int64(stmt, 2);
    r->team_id = sqlite3_column_int64(stmt, 3);
    r->citizen_name = sqlite_column_dup(stmt, 4, arena);
    r->status = sqlite_column_dup(stmt, 5, arena);
    r->status_changed = sqlite_column_dup(stmt, 6, arena);
    r->plan_start = sqlite_column_dup(stmt, 7, arena);
    r->first_active = sqlite_column_dup(stmt, 8, arena);
    r->research_withdrawn = sqlite3_column_int(stmt, 9) != 0;
    r->followup_count = sqlite_split_ints((const char *)sqlite3_column_text(stmt, 10),
                                          r->followup_months, PROJECT_FOLLOWUPS_MAX);
}

static enum sp_code read_followup_rows(struct store *st, struct sp_arena *arena,
                                       const char *teams_json, struct store_followup_row **rows,
                                       size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT e.id, e.citizen_id, e.project_id, e.team_id, c.name, e.status, e.status_changed,"
        " tp.start_date, (SELECT min(substr(h.changed_at, 1, 10)) FROM enrolment_status_change h"
        " WHERE h.enrolment_id = e.id AND h.to_status = 'active'),"
        " coalesce((SELECT k.given = 0 FROM consent k WHERE k.enrolment_id = e.id"
        " AND k.scope = 'research_use' ORDER BY k.id DESC LIMIT 1), 0), p.followup_months"
        " FROM enrolment e JOIN citizen c ON c.id = e.citizen_id JOIN project p"
        " ON p.id = e.project_id LEFT JOIN treatment_plan tp ON tp.enrolment_id = e.id"
        " WHERE e.id IN (" FOLLOWUP_ENROLMENTS ") ORDER BY e.id";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    size_t cap = 64;
    int src = SQLITE_DONE;

    *count = 0;
    *rows = sp_arena_alloc(arena, sizeof **rows * cap);
    if (rc != SP_OK)
        return rc;
    sqlite_bind_text(stmt, 1, teams_json);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*count == cap)
            *rows = grow(arena, *rows, sizeof **rows, &cap);
        read_followup_row(stmt, arena, &(*rows)[(*count)++]);
    }
    if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

/* bsearch's comparison: an enrolment id against a row's. */
static int followup_row_cmp(const void *key, const void *elem)
{
    int64_t id = *(const int64_t *)key;
    int64_t row = ((const struct store_followup_row *)elem)->enrolment_id;

    return (id > row) - (id < row);
}

/* The row of enrolment_id (rows sorted by id), or NULL. */
static struct store_followup_row *find_followup_row(struct store_followup_row *rows, size_t count,
                                                    int64_t enrolment_id)
{
    return bsearch(&enrolment_id, rows, count, sizeof *rows, followup_row_cmp);
}

/* Follow-up questionnaires that stand (not replaced by a correction), grouped by enrolment. */
static enum sp_code read_followup_dates(struct store *st, struct sp_arena *arena,
                                        const char *teams_json, struct store_followup_row *rows,
                                        size_t count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT a.enrolment_id, a.date FROM assessment a WHERE a.enrolment_id IN"
        " (" FOLLOWUP_ENROLMENTS ") AND a.occasion = 'followup' AND a.replaced_by IS NULL"
        " ORDER BY a.enrolment_id, a.date, a.id";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    if (rc != SP_OK)
        return rc;
    sqlite_bind_text(stmt, 1, teams_json);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct store_followup_row *r =
            find_followup_row(rows, count, sqlite3_column_int64(stmt, 0));
        const char **bigger;

        if (r == NULL)
            continue;
        /* Few per enrolment (one or two per scheduled point): grow by one. */
        bigger = sp_arena_alloc(arena, sizeof *bigger * (r->done_count + 1));
        if (r->done_count > 0)
            memcpy(bigger, r->done_dates, sizeof *bigger * r->done_count);
        bigger[r->done_count++] = sqlite_column_dup(stmt, 1, arena);
        r->done_dates = bigger;
    }
    if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_followup_rows(struct store *st, struct sp_arena *arena, const char *teams_json,
                                 struct store_followup_row **rows, size_t *count,
                                 struct sp_err *err)
{
    enum sp_code rc = read_followup_rows(st, arena, teams_json, rows, count, err);

    if (rc == SP_OK && *count > 0)
        rc = read_followup_dates(st, arena, teams_json, *rows, *count, err);
    return rc;
}
