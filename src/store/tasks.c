/* Tasks (migrations 0007, 0010, 0017): a case review's task and the joint plan's, with their
 * owner (a team member or the young person) and the goal they are linked to; their lists, and
 * marking one done. */
#include <string.h>

#include "core/task.h"
#include "store/store_int.h"

/* $1 enrolment, $2 case review (NULL: none), $3 created_by, $4 created_at, $5 created_role; then
 * STORE_TASKS_PER_INSERT rows of 6 parameters each (the task's number, owner (NULL: the young
 * person), text, due date, goal, owner kind), unused rows NULL (left out by the WHERE). The casts
 * give PostgreSQL the types of columns that may be NULL in every row. */
static const char tasks_insert_sql[] =
    "INSERT INTO task (enrolment_id, case_review_id, owner_id, text, due, created_by, created_at,"
    " created_role, goal_id, owner_kind) SELECT $1, $2, CAST(column2 AS BIGINT),"
    " CAST(column3 AS TEXT), CAST(column4 AS TEXT), $3, $4, $5, CAST(column5 AS BIGINT),"
    " CAST(column6 AS TEXT) FROM"
    " (VALUES ($6, $7, $8, $9, $10, $11), ($12, $13, $14, $15, $16, $17),"
    " ($18, $19, $20, $21, $22, $23), ($24, $25, $26, $27, $28, $29),"
    " ($30, $31, $32, $33, $34, $35), ($36, $37, $38, $39, $40, $41),"
    " ($42, $43, $44, $45, $46, $47), ($48, $49, $50, $51, $52, $53)) AS v"
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
        int first = 6 + 6 * (int)i;

        if (i >= count) {
            for (int c = 0; c < 6; c++)
                sql_bind_null(stmt, first + c);
            continue;
        }
        sql_bind_int64(stmt, first, (int64_t)i + 1);
        store_bind_positive_or_null(stmt, first + 1, tasks[i].owner_id);
        sql_bind_text(stmt, first + 2, tasks[i].text);
        sql_bind_text(stmt, first + 3, tasks[i].due);
        store_bind_positive_or_null(stmt, first + 4, tasks[i].goal_id);
        sql_bind_text(stmt, first + 5,
                      tasks[i].owner_kind != NULL ? tasks[i].owner_kind : CORE_TASK_OWNER_MEMBER);
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
        for (size_t i = 0; rc == SP_OK && i < n; i++) {
            tasks[done + i].id = ids[i];
            tasks[done + i].version = 1;
            if (tasks[done + i].owner_kind == NULL)
                tasks[done + i].owner_kind = CORE_TASK_OWNER_MEMBER;
        }
    }
    return rc;
}

enum sp_code store_task_add(struct store *st, struct task *t, struct sp_err *err)
{
    return store_tasks_add(st, t, 1, err);
}

#define TASK_COLUMNS                                                                               \
    "t.id, t.enrolment_id, t.case_review_id, t.owner_id, o.display_name, t.text, t.due,"           \
    " t.done_at, t.created_by, cb.display_name, t.created_role, t.created_at, t.version,"          \
    " t.done_by, db.display_name, e.citizen_id, c.name, e.status, e.team_id, t.owner_kind,"        \
    " t.goal_id, g.area, g.text, g.status"                                                         \
    " FROM task t LEFT JOIN app_user o ON o.id = t.owner_id"                                       \
    " JOIN app_user cb ON cb.id = t.created_by LEFT JOIN app_user db ON db.id = t.done_by"         \
    " JOIN enrolment e ON e.id = t.enrolment_id JOIN citizen c ON c.id = e.citizen_id"             \
    " LEFT JOIN plan_goal g ON g.id = t.goal_id"

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
    t->owner_kind = sql_column_dup(stmt, 19, arena);
    t->goal_id = sql_column_int64(stmt, 20); /* NULL reads as 0 */
    t->goal_area = sql_column_dup(stmt, 21, arena);
    t->goal_text = sql_column_dup(stmt, 22, arena);
    t->goal_status = sql_column_dup(stmt, 23, arena);
    return SP_OK;
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

enum sp_code store_plan_tasks(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                              struct task **items, size_t *count, struct sp_err *err)
{
    /* One range of task_enrolment_due, in the order the lists give. */
    static const char sql[] =
        "SELECT " TASK_COLUMNS " WHERE t.enrolment_id = $1 AND t.done_at IS NULL"
        " AND (t.owner_kind = 'young_person' OR t.goal_id IS NOT NULL)"
        " ORDER BY COALESCE(t.due, '9999-12-31'), t.id";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, enrolment_id, sizeof **items, read_task,
                                        &rows, count, err);

    *items = rows;
    return rc;
}
