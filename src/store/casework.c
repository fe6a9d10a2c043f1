/* Case work (migration 0010): assignments, the status history and the rows of the follow-up
 * list. Tasks are in tasks.c. */
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
