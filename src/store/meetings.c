/* Meetings of the joint plan and team notes between the sectors (migration 0016;
 * docs/api-contract.md "Meetings", "Team notes"): individual conversations, group sessions with
 * their attendance, network meetings with the goals and tasks they set, and notes between the
 * sectors. Who may see which of them is policy/'s; the statements here are few per write, whatever
 * the number of rows (a network meeting's goals and tasks are plan.c's and casework.c's). */
#include <stdlib.h>
#include <string.h>

#include "core/meeting.h"
#include "store/store_int.h"

/* --- writing a meeting ------------------------------------------------------------------------ */

enum sp_code store_team_members_among(struct store *st, struct sp_arena *arena, int64_t team_id,
                                      const int64_t *ids, size_t count, int64_t **found,
                                      size_t *found_count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT tm.user_id FROM team_member tm JOIN app_user u ON u.id = tm.user_id"
        " WHERE tm.team_id = $1 AND u.disabled = 0 AND tm.user_id = ANY($2)";
    struct sql_stmt *stmt = NULL;
    bool row = true;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *found = sp_arena_alloc(arena, sizeof **found * (count + 1));
    *found_count = 0;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, team_id);
    sql_bind_ids(stmt, 2, ids, count);
    while ((rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row && *found_count < count)
        (*found)[(*found_count)++] = sql_column_int64(stmt, 0);
    sql_release(stmt);
    return rc;
}

/* The young person's row of an individual conversation or network meeting. */
static enum sp_code add_own_attendance(struct store *st, const struct meeting *m,
                                       struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO meeting_attendance (meeting_id, enrolment_id, date, attended, recorded_at,"
        " recorded_by) VALUES ($1, $2, $3, $4, $5, $6)";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, m->id);
    sql_bind_int64(stmt, 2, m->enrolment_id);
    sql_bind_text(stmt, 3, m->date);
    sql_bind_bool(stmt, 4, m->attended == 1);
    sql_bind_text(stmt, 5, m->created_at);
    sql_bind_int64(stmt, 6, m->created_by);
    rc = sql_step_done(stmt, NULL, err);
    sql_release(stmt);
    return rc;
}

/* sql whose $1 is id and $2 the id set ids, run to its end (an INSERT … SELECT of links). */
static enum sp_code run_with_set(struct store *st, const char *sql, int64_t id, const int64_t *ids,
                                 size_t count, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc;

    if (count == 0)
        return SP_OK;
    rc = sql_prepare(st->conn, sql, &stmt, err);
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, id);
    sql_bind_ids(stmt, 2, ids, count);
    rc = sql_step_done(stmt, NULL, err);
    sql_release(stmt);
    return rc;
}

enum sp_code store_meeting_add(struct store *st, struct meeting *m, const int64_t *staff,
                               size_t staff_count, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO meeting (kind, enrolment_id, project_id, team_id, date, duration_minutes,"
        " place, topic, note, interpreter_language, created_at, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";
    static const char staff_sql[] = "INSERT INTO meeting_staff (meeting_id, user_id)"
                                    " SELECT $1, id FROM app_user WHERE id = ANY($2)";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_text(stmt, 1, m->kind);
    store_bind_positive_or_null(stmt, 2, m->enrolment_id);
    store_bind_positive_or_null(stmt, 3, m->project_id);
    store_bind_positive_or_null(stmt, 4, m->team_id);
    sql_bind_text(stmt, 5, m->date);
    store_bind_positive_or_null(stmt, 6, m->duration_minutes);
    sql_bind_text(stmt, 7, m->place);
    sql_bind_text(stmt, 8, m->topic);
    sql_bind_text(stmt, 9, m->note);
    sql_bind_text(stmt, 10, m->interpreter_language);
    sql_bind_text(stmt, 11, m->created_at);
    sql_bind_int64(stmt, 12, m->created_by);
    rc = store_insert_id(stmt, "meeting", &m->id, err);
    if (rc == SP_OK)
        rc = run_with_set(st, staff_sql, m->id, staff, staff_count, err);
    if (rc == SP_OK && m->enrolment_id > 0)
        rc = add_own_attendance(st, m, err);
    return rc;
}

enum sp_code store_meeting_link(struct store *st, int64_t meeting_id, const struct store_ids *set,
                                const struct store_ids *revised, const struct store_ids *tasks,
                                struct sp_err *err)
{
    /* $2 every goal, $3 the revised ones: one statement for both kinds of link. */
    static const char goals_sql[] =
        "INSERT INTO meeting_goal (meeting_id, goal_id, change, to_status)"
        " SELECT $1, id, CASE WHEN id = ANY($3) THEN 'revised' ELSE 'set' END, status"
        " FROM plan_goal WHERE id = ANY($2)";
    static const char tasks_sql[] = "INSERT INTO meeting_task (meeting_id, task_id)"
                                    " SELECT $1, id FROM task WHERE id = ANY($2)";
    size_t n = set->count + revised->count;
    int64_t *all = sp_xmalloc(sizeof *all * (n + 1));
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = SP_OK;

    if (set->count > 0)
        memcpy(all, set->ids, sizeof *all * set->count);
    if (revised->count > 0)
        memcpy(all + set->count, revised->ids, sizeof *all * revised->count);
    if (n > 0)
        rc = sql_prepare(st->conn, goals_sql, &stmt, err);
    if (rc == SP_OK && stmt != NULL) {
        sql_bind_int64(stmt, 1, meeting_id);
        sql_bind_ids(stmt, 2, all, n);
        sql_bind_ids(stmt, 3, revised->ids != NULL ? revised->ids : all, revised->count);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    free(all);
    if (rc == SP_OK)
        rc = run_with_set(st, tasks_sql, meeting_id, tasks->ids, tasks->count, err);
    return rc;
}

/* --- reading meetings ------------------------------------------------------------------------- */

#define MEETING_COLUMNS                                                                            \
    "m.id, m.kind, m.enrolment_id, m.project_id, m.team_id, m.date, m.duration_minutes, m.place,"  \
    " m.topic, m.note, m.interpreter_language, m.created_by, u.display_name, m.created_at,"        \
    " m.version"

/* A store_row_reader of struct meeting (MEETING_COLUMNS, then the young person's attendance). */
static enum sp_code read_meeting(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                 void *item, struct sp_err *err)
{
    struct meeting *m = item;

    (void)st;
    (void)err;
    memset(m, 0, sizeof *m);
    m->id = sql_column_int64(stmt, 0);
    m->kind = sql_column_dup(stmt, 1, arena);
    m->enrolment_id = sql_column_int64(stmt, 2);
    m->project_id = sql_column_int64(stmt, 3);
    m->team_id = sql_column_int64(stmt, 4);
    m->date = sql_column_dup(stmt, 5, arena);
    m->duration_minutes = sql_column_int(stmt, 6);
    m->place = sql_column_dup(stmt, 7, arena);
    m->topic = sql_column_dup(stmt, 8, arena);
    m->note = sql_column_dup(stmt, 9, arena);
    m->interpreter_language = sql_column_dup(stmt, 10, arena);
    m->created_by = sql_column_int64(stmt, 11);
    m->created_by_name = sql_column_dup(stmt, 12, arena);
    m->created_at = sql_column_dup(stmt, 13, arena);
    m->version = sql_column_int64(stmt, 14);
    m->attended = sql_column_null(stmt, 15) ? -1 : sql_column_int(stmt, 15);
    return SP_OK;
}

/* The staff of each of the meetings, read in one statement and attached to them. */
static enum sp_code attach_staff(struct store *st, struct sp_arena *arena, struct meeting *items,
                                 size_t count, struct sp_err *err)
{
    static const char sql[] = "SELECT s.meeting_id, s.user_id, u.display_name FROM meeting_staff s"
                              " JOIN app_user u ON u.id = s.user_id WHERE s.meeting_id = ANY($1)"
                              " ORDER BY s.meeting_id, s.user_id";
    int64_t *ids = sp_arena_alloc(arena, sizeof *ids * (count + 1));
    struct sql_stmt *stmt = NULL;
    bool row = true;
    enum sp_code rc;

    if (count == 0)
        return SP_OK;
    for (size_t i = 0; i < count; i++) {
        ids[i] = items[i].id;
        items[i].staff = sp_arena_alloc(arena, sizeof *items[i].staff * CORE_MEETING_STAFF_MAX);
        items[i].staff_count = 0;
    }
    rc = sql_prepare(st->conn, sql, &stmt, err);
    if (rc == SP_OK)
        sql_bind_ids(stmt, 1, ids, count);
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        int64_t meeting_id = sql_column_int64(stmt, 0);

        for (size_t i = 0; i < count; i++)
            if (items[i].id == meeting_id && items[i].staff_count < CORE_MEETING_STAFF_MAX) {
                struct meeting_person *p = &items[i].staff[items[i].staff_count++];

                p->user_id = sql_column_int64(stmt, 1);
                p->name = sql_column_dup(stmt, 2, arena);
            }
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_meeting_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct meeting *out, struct sp_err *err)
{
    static const char sql[] =
        "SELECT " MEETING_COLUMNS ", (SELECT a.attended FROM meeting_attendance a"
        " WHERE a.meeting_id = m.id AND a.enrolment_id = m.enrolment_id)"
        " FROM meeting m JOIN app_user u ON u.id = m.created_by WHERE m.id = $1";
    enum sp_code rc = store_read_one(st, arena, sql, id, "meeting", read_meeting, out, err);

    if (rc == SP_OK)
        rc = attach_staff(st, arena, out, 1, err);
    return rc;
}

enum sp_code store_meeting_list_enrolment(struct store *st, struct sp_arena *arena,
                                          int64_t enrolment_id, const struct store_page *page,
                                          struct meeting **items, size_t *count, bool *more,
                                          struct sp_err *err)
{
    /* One range of meeting_attendance_enrolment: every kind has the young person's row there. */
    static const char sql[] =
        "SELECT " MEETING_COLUMNS ", a.attended FROM meeting_attendance a"
        " JOIN meeting m ON m.id = a.meeting_id JOIN app_user u ON u.id = m.created_by"
        " WHERE a.enrolment_id = $1 AND ($2 = 0 OR (a.date, a.meeting_id) <"
        " (SELECT p.date, p.meeting_id FROM meeting_attendance p"
        " WHERE p.enrolment_id = $1 AND p.meeting_id = $2))"
        " ORDER BY a.date DESC, a.meeting_id DESC LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_meeting, &rows, count, more, err);

    *items = rows;
    if (rc == SP_OK)
        rc = attach_staff(st, arena, *items, *count, err);
    return rc;
}

enum sp_code store_meeting_upcoming(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    const char *from, struct meeting **items, size_t *count,
                                    struct sp_err *err)
{
    /* The range of meeting_attendance_enrolment from the date on: a group session lists the
     * young person there once they are a participant, the other kinds always. */
    static const char sql[] =
        "SELECT " MEETING_COLUMNS ", a.attended FROM meeting_attendance a"
        " JOIN meeting m ON m.id = a.meeting_id JOIN app_user u ON u.id = m.created_by"
        " WHERE a.enrolment_id = $1 AND a.date >= $2 ORDER BY a.date, a.meeting_id";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, enrolment_id);
    sql_bind_text(stmt, 2, from);
    rc = store_read_all(st, stmt, arena, sizeof **items, read_meeting, &rows, count, err);
    sql_release(stmt);
    *items = rows;
    return rc;
}

enum sp_code store_group_session_list(struct store *st, struct sp_arena *arena,
                                      const struct store_ids *teams, const struct store_page *page,
                                      struct meeting **items, size_t *count, bool *more,
                                      struct sp_err *err)
{
    static const char sql[] =
        "SELECT " MEETING_COLUMNS ", NULL FROM meeting m JOIN app_user u ON u.id = m.created_by"
        " WHERE m.kind = 'group' AND m.team_id = ANY($1) AND ($2 = 0 OR (m.date, m.id) <"
        " (SELECT p.date, p.id FROM meeting p WHERE p.id = $2))"
        " ORDER BY m.date DESC, m.id DESC LIMIT $3";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_ids(stmt, 1, teams->ids, teams->count);
    sql_bind_int64(stmt, 2, page->after);
    sql_bind_int64(stmt, 3, (int64_t)page->limit + 1);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_meeting, &rows, count, more,
                         err);
    sql_release(stmt);
    *items = rows;
    if (rc == SP_OK)
        rc = attach_staff(st, arena, *items, *count, err);
    return rc;
}

static enum sp_code read_goal_link(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                   void *item, struct sp_err *err)
{
    struct meeting_goal_link *g = item;

    (void)st;
    (void)err;
    g->goal_id = sql_column_int64(stmt, 0);
    g->change = sql_column_dup(stmt, 1, arena);
    g->to_status = sql_column_dup(stmt, 2, arena);
    g->area = sql_column_dup(stmt, 3, arena);
    g->text = sql_column_dup(stmt, 4, arena);
    g->due_date = sql_column_dup(stmt, 5, arena);
    return SP_OK;
}

enum sp_code store_meeting_goals(struct store *st, struct sp_arena *arena, int64_t meeting_id,
                                 struct meeting_goal_link **items, size_t *count,
                                 struct sp_err *err)
{
    static const char sql[] =
        "SELECT l.goal_id, l.change, l.to_status, g.area, g.text, g.due_date FROM meeting_goal l"
        " JOIN plan_goal g ON g.id = l.goal_id WHERE l.meeting_id = $1 ORDER BY l.goal_id";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, meeting_id, sizeof **items, read_goal_link,
                                        &rows, count, err);

    *items = rows;
    return rc;
}

static enum sp_code read_task_link(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                   void *item, struct sp_err *err)
{
    struct task *t = item;

    (void)st;
    (void)err;
    memset(t, 0, sizeof *t);
    t->id = sql_column_int64(stmt, 0);
    t->owner_id = sql_column_int64(stmt, 1);
    t->owner_name = sql_column_dup(stmt, 2, arena);
    t->text = sql_column_dup(stmt, 3, arena);
    t->due = sql_column_dup(stmt, 4, arena);
    t->done_at = sql_column_dup(stmt, 5, arena);
    t->owner_kind = sql_column_dup(stmt, 6, arena);
    t->goal_id = sql_column_int64(stmt, 7); /* NULL reads as 0 */
    return SP_OK;
}

enum sp_code store_meeting_tasks(struct store *st, struct sp_arena *arena, int64_t meeting_id,
                                 struct task **items, size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT t.id, t.owner_id, o.display_name, t.text, t.due, t.done_at, t.owner_kind,"
        " t.goal_id FROM meeting_task l JOIN task t ON t.id = l.task_id"
        " LEFT JOIN app_user o ON o.id = t.owner_id"
        " WHERE l.meeting_id = $1 ORDER BY t.id";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, meeting_id, sizeof **items, read_task_link,
                                        &rows, count, err);

    *items = rows;
    return rc;
}

/* --- group sessions' attendance --------------------------------------------------------------- */

static enum sp_code read_attendance(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                    void *item, struct sp_err *err)
{
    struct meeting_attendance *a = item;

    (void)st;
    (void)err;
    a->enrolment_id = sql_column_int64(stmt, 0);
    a->team_id = sql_column_int64(stmt, 1);
    a->citizen_id = sql_column_int64(stmt, 2);
    a->citizen_name = sql_column_dup(stmt, 3, arena);
    a->attended = sql_column_null(stmt, 4) ? -1 : sql_column_int(stmt, 4);
    return SP_OK;
}

enum sp_code store_group_attendance(struct store *st, struct sp_arena *arena, int64_t meeting_id,
                                    const struct store_ids *teams,
                                    struct meeting_attendance **items, size_t *count,
                                    struct sp_err *err)
{
    static const char sql[] =
        "SELECT a.enrolment_id, e.team_id, e.citizen_id, c.name, a.attended"
        " FROM meeting_attendance a JOIN enrolment e ON e.id = a.enrolment_id"
        " JOIN citizen c ON c.id = e.citizen_id WHERE a.meeting_id = $1 AND e.team_id = ANY($2)"
        " ORDER BY a.enrolment_id";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, meeting_id);
    sql_bind_ids(stmt, 2, teams->ids, teams->count);
    rc = store_read_all(st, stmt, arena, sizeof **items, read_attendance, &rows, count, err);
    sql_release(stmt);
    *items = rows;
    return rc;
}

enum sp_code store_group_candidates(struct store *st, struct sp_arena *arena, int64_t team_id,
                                    const char *status, const struct store_page *page,
                                    struct meeting_attendance **items, size_t *count, bool *more,
                                    struct sp_err *err)
{
    static const char sql[] =
        "SELECT e.id, e.team_id, e.citizen_id, c.name, NULL FROM enrolment e"
        " JOIN citizen c ON c.id = e.citizen_id WHERE e.team_id = $1 AND e.id > $2"
        " AND (CAST($3 AS TEXT) IS NULL OR e.status = $3) ORDER BY e.id LIMIT $4";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, team_id);
    sql_bind_int64(stmt, 2, page->after);
    sql_bind_text(stmt, 3, status);
    sql_bind_int64(stmt, 4, (int64_t)page->limit + 1);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_attendance, &rows, count, more,
                         err);
    sql_release(stmt);
    *items = rows;
    return rc;
}

#define ATTENDANCE_PER_INSERT 20

/* $1 session, $2 its date, $3 recorded_at, $4 recorded_by; then ATTENDANCE_PER_INSERT rows of
 * (enrolment, attended: NULL not recorded), unused rows NULL. An existing row is overwritten. */
static const char attendance_upsert_sql[] =
    "INSERT INTO meeting_attendance (meeting_id, enrolment_id, date, attended, recorded_at,"
    " recorded_by) SELECT $1, column1, $2, CAST(column2 AS BIGINT), $3, $4 FROM"
    " (VALUES ($5, $6), ($7, $8), ($9, $10), ($11, $12), ($13, $14), ($15, $16), "
    "($17, $18), ($19, $20), ($21, $22), ($23, $24), ($25, $26), ($27, $28), ($29, $30), "
    "($31, $32), ($33, $34), ($35, $36), ($37, $38), ($39, $40), ($41, $42), "
    "($43, $44)) AS v"
    " WHERE column1 IS NOT NULL ON CONFLICT (meeting_id, enrolment_id) DO UPDATE"
    " SET attended = excluded.attended, recorded_at = excluded.recorded_at,"
    " recorded_by = excluded.recorded_by";

/* Up to ATTENDANCE_PER_INSERT rows in one statement. */
static enum sp_code upsert_attendance(struct store *st, const struct meeting *session,
                                      const struct meeting_attendance *rows, size_t count,
                                      int64_t by, const char *at, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, attendance_upsert_sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, session->id);
    sql_bind_text(stmt, 2, session->date);
    sql_bind_text(stmt, 3, at);
    sql_bind_int64(stmt, 4, by);
    for (size_t i = 0; i < ATTENDANCE_PER_INSERT; i++) {
        int first = 5 + 2 * (int)i;

        if (i < count)
            sql_bind_int64(stmt, first, rows[i].enrolment_id);
        else
            sql_bind_null(stmt, first);
        if (i < count && rows[i].attended >= 0)
            sql_bind_int64(stmt, first + 1, rows[i].attended);
        else
            sql_bind_null(stmt, first + 1);
    }
    rc = sql_step_done(stmt, NULL, err);
    sql_release(stmt);
    return rc;
}

/* The session's version moves (its ETag), which also orders two lists recorded at once; with
 * if_version, only from that version (else SP_STALE). */
static enum sp_code bump_session(struct store *st, int64_t id, int64_t if_version,
                                 struct sp_err *err)
{
    static const char sql[] = "UPDATE meeting SET version = version + 1 WHERE id = $1"
                              " AND (CAST($2 AS BIGINT) = 0 OR version = $2) RETURNING version";
    static const char version_sql[] = "SELECT version FROM meeting WHERE id = $1";
    struct sql_stmt *stmt = NULL;
    int64_t version = 0;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, id);
    sql_bind_int64(stmt, 2, if_version);
    return store_update_versioned(st, stmt, version_sql, id, "group session", &version, err);
}

enum sp_code store_group_attendance_set(struct store *st, const struct meeting *session,
                                        int64_t if_version, const struct store_ids *teams,
                                        const struct meeting_attendance *rows, size_t count,
                                        int64_t by, const char *at, struct sp_err *err)
{
    /* Only the rows of the caller's teams: a participant the caller cannot see stays. */
    static const char remove_sql[] =
        "DELETE FROM meeting_attendance WHERE meeting_id = $1"
        " AND enrolment_id IN (SELECT e.id FROM enrolment e WHERE e.team_id = ANY($2))"
        " AND NOT (enrolment_id = ANY($3))";
    int64_t *keep = sp_xmalloc(sizeof *keep * (count + 1));
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = bump_session(st, session->id, if_version, err);

    if (rc == SP_OK)
        rc = sql_prepare(st->conn, remove_sql, &stmt, err);
    for (size_t i = 0; i < count; i++)
        keep[i] = rows[i].enrolment_id;
    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, session->id);
        sql_bind_ids(stmt, 2, teams->ids, teams->count);
        sql_bind_ids(stmt, 3, keep, count);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    free(keep);
    for (size_t done = 0; rc == SP_OK && done < count; done += ATTENDANCE_PER_INSERT) {
        size_t n = count - done < ATTENDANCE_PER_INSERT ? count - done : ATTENDANCE_PER_INSERT;

        rc = upsert_attendance(st, session, rows + done, n, by, at, err);
    }
    return rc;
}

enum sp_code store_meeting_latest(struct store *st, struct sp_arena *arena,
                                  const struct store_ids *enrolments, const char ***dates,
                                  struct sp_err *err)
{
    /* The young person attended: an individual conversation, a network meeting they were at, a
     * group session marked attended (docs/api-contract.md "Meetings": each is a contact). */
    static const char sql[] =
        "SELECT a.enrolment_id, max(a.date) FROM meeting_attendance a"
        " WHERE a.enrolment_id = ANY($1) AND a.attended = 1 GROUP BY a.enrolment_id";
    struct sql_stmt *stmt = NULL;
    bool row = true;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *dates = sp_arena_alloc(arena, sizeof **dates * (enrolments->count + 1));
    for (size_t i = 0; i < enrolments->count; i++)
        (*dates)[i] = NULL;
    if (rc != SP_OK)
        return rc;
    sql_bind_ids(stmt, 1, enrolments->ids, enrolments->count);
    while ((rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        int64_t id = sql_column_int64(stmt, 0);

        for (size_t i = 0; i < enrolments->count; i++)
            if (enrolments->ids[i] == id)
                (*dates)[i] = sql_column_dup(stmt, 1, arena);
    }
    sql_release(stmt);
    return rc;
}

/* --- team notes ------------------------------------------------------------------------------- */

enum sp_code store_team_note_add(struct store *st, struct team_note *n, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO team_note (enrolment_id, date, content_class, text, author_id, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, n->enrolment_id);
    sql_bind_text(stmt, 2, n->date);
    sql_bind_text(stmt, 3, n->content_class);
    sql_bind_text(stmt, 4, n->text);
    sql_bind_int64(stmt, 5, n->author_id);
    sql_bind_text(stmt, 6, n->created_at);
    return store_insert_id(stmt, "team note", &n->id, err);
}

static enum sp_code read_team_note(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                   void *item, struct sp_err *err)
{
    struct team_note *n = item;

    (void)st;
    (void)err;
    n->id = sql_column_int64(stmt, 0);
    n->enrolment_id = sql_column_int64(stmt, 1);
    n->date = sql_column_dup(stmt, 2, arena);
    n->content_class = sql_column_dup(stmt, 3, arena);
    n->text = sql_column_dup(stmt, 4, arena);
    n->author_id = sql_column_int64(stmt, 5);
    n->author_name = sql_column_dup(stmt, 6, arena);
    n->created_at = sql_column_dup(stmt, 7, arena);
    return SP_OK;
}

enum sp_code store_team_note_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                  unsigned content_classes, int64_t author_id,
                                  const struct store_page *page, struct team_note **items,
                                  size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] =
        "SELECT n.id, n.enrolment_id, n.date, n.content_class, n.text, n.author_id,"
        " u.display_name, n.created_at FROM team_note n JOIN app_user u ON u.id = n.author_id"
        " WHERE n.enrolment_id = $1 AND (n.content_class IN ($4, $5) OR n.author_id = $6)"
        " AND ($2 = 0 OR (n.date, n.id) < (SELECT p.date, p.id FROM team_note p WHERE p.id = $2))"
        " ORDER BY n.date DESC, n.id DESC LIMIT $3";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, enrolment_id);
    sql_bind_int64(stmt, 2, page->after);
    sql_bind_int64(stmt, 3, (int64_t)page->limit + 1);
    sql_bind_text(stmt, 4, content_classes & 1u ? core_team_note_classes[0] : NULL);
    sql_bind_text(stmt, 5, content_classes & 2u ? core_team_note_classes[1] : NULL);
    sql_bind_int64(stmt, 6, author_id);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_team_note, &rows, count, more,
                         err);
    sql_release(stmt);
    *items = rows;
    return rc;
}
