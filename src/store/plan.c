/* The joint plan (migration 0014): goals with their status history, and the coordinator of an
 * enrolment with who held that role when. Tasks, the plan's other half, are in tasks.c. */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* --- goals ----------------------------------------------------------------------------------- */

#define GOAL_COLUMNS                                                                               \
    "g.id, g.enrolment_id, g.area, g.text, g.due_date, g.status, g.agreed_with_young_person,"      \
    " g.agreed_by, g.version, g.created_by, u.display_name, g.created_at"                          \
    " FROM plan_goal g JOIN app_user u ON u.id = g.created_by"

static const char goal_version_sql[] = "SELECT version FROM plan_goal WHERE id = $1";

/* A store_row_reader of struct plan_goal. */
static enum sp_code read_goal(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                              void *item, struct sp_err *err)
{
    struct plan_goal *g = item;

    (void)st;
    (void)err;
    g->id = sql_column_int64(stmt, 0);
    g->enrolment_id = sql_column_int64(stmt, 1);
    g->area = sql_column_dup(stmt, 2, arena);
    g->text = sql_column_dup(stmt, 3, arena);
    g->due_date = sql_column_dup(stmt, 4, arena);
    g->status = sql_column_dup(stmt, 5, arena);
    g->agreed_with_young_person = sql_column_bool(stmt, 6);
    g->agreed_by = sql_column_dup(stmt, 7, arena);
    g->version = sql_column_int64(stmt, 8);
    g->created_by = sql_column_int64(stmt, 9);
    g->created_by_name = sql_column_dup(stmt, 10, arena);
    g->created_at = sql_column_dup(stmt, 11, arena);
    return SP_OK;
}

/* A history row of goal_id: from (NULL at creation) → to, with its note, by, at. */
static enum sp_code add_change(struct store *st, int64_t goal_id, const char *from, const char *to,
                               const char *note, int64_t by, const char *at, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO plan_goal_status (goal_id, from_status, to_status, changed_at, changed_by,"
        " note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    struct sql_stmt *stmt = NULL;
    int64_t id = 0;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, goal_id);
    sql_bind_text(stmt, 2, from);
    sql_bind_text(stmt, 3, to);
    sql_bind_text(stmt, 4, at);
    sql_bind_int64(stmt, 5, by);
    sql_bind_text(stmt, 6, note);
    return store_insert_id(stmt, "goal status change", &id, err);
}

enum sp_code store_goal_add(struct store *st, struct plan_goal *g, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO plan_goal (enrolment_id, area, text, due_date, status,"
        " agreed_with_young_person, agreed_by, version, created_at, created_by)"
        " VALUES ($1, $2, $3, $4, 'open', $5, $6, 1, $7, $8) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, g->enrolment_id);
    sql_bind_text(stmt, 2, g->area);
    sql_bind_text(stmt, 3, g->text);
    sql_bind_text(stmt, 4, g->due_date);
    sql_bind_bool(stmt, 5, g->agreed_with_young_person);
    sql_bind_text(stmt, 6, g->agreed_by);
    sql_bind_text(stmt, 7, g->created_at);
    sql_bind_int64(stmt, 8, g->created_by);
    rc = store_insert_id(stmt, "goal", &g->id, err);
    if (rc == SP_OK) {
        g->status = "open";
        g->version = 1;
        rc = add_change(st, g->id, NULL, "open", NULL, g->created_by, g->created_at, err);
    }
    return rc;
}

enum sp_code store_goal_get(struct store *st, struct sp_arena *arena, int64_t id,
                            struct plan_goal *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " GOAL_COLUMNS " WHERE g.id = $1";

    return store_read_one(st, arena, sql, id, "goal", read_goal, out, err);
}

enum sp_code store_goal_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                             const struct store_page *page, struct plan_goal **items, size_t *count,
                             bool *more, struct sp_err *err)
{
    /* One range of plan_goal_enrolment: the cursor is the last goal's id. */
    static const char sql[] = "SELECT " GOAL_COLUMNS " WHERE g.enrolment_id = $1 AND g.id > $2"
                              " ORDER BY g.id LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_goal, &rows, count, more, err);

    *items = rows;
    return rc;
}

enum sp_code store_goal_list_current(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                     struct plan_goal **items, size_t *count, struct sp_err *err)
{
    static const char sql[] = "SELECT " GOAL_COLUMNS " WHERE g.enrolment_id = $1"
                              " AND g.status = 'open' AND g.agreed_with_young_person = 1"
                              " ORDER BY g.id";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, enrolment_id, sizeof **items, read_goal,
                                        &rows, count, err);

    *items = rows;
    return rc;
}

enum sp_code store_goal_update(struct store *st, const struct plan_goal *g, int64_t if_version,
                               const char *to_status, const char *note, int64_t by, const char *at,
                               int64_t *version, struct sp_err *err)
{
    /* The version check makes the write conditional: the status moved from is the one stored
     * at if_version, which the caller read (g->status). */
    static const char sql[] =
        "UPDATE plan_goal SET text = $3, due_date = $4, agreed_with_young_person = $5,"
        " agreed_by = $6, status = $7, version = version + 1"
        " WHERE id = $1 AND version = $2 RETURNING version";
    bool moves = to_status != NULL && strcmp(to_status, g->status) != 0;
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, g->id);
    sql_bind_int64(stmt, 2, if_version);
    sql_bind_text(stmt, 3, g->text);
    sql_bind_text(stmt, 4, g->due_date);
    sql_bind_bool(stmt, 5, g->agreed_with_young_person);
    sql_bind_text(stmt, 6, g->agreed_by);
    sql_bind_text(stmt, 7, moves ? to_status : g->status);
    rc = store_update_versioned(st, stmt, goal_version_sql, g->id, "goal", version, err);
    if (rc == SP_OK && moves)
        rc = add_change(st, g->id, g->status, to_status, note, by, at, err);
    return rc;
}

/* A store_row_reader of struct plan_goal_change. */
static enum sp_code read_change(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                void *item, struct sp_err *err)
{
    struct plan_goal_change *c = item;

    (void)st;
    (void)err;
    c->id = sql_column_int64(stmt, 0);
    c->goal_id = sql_column_int64(stmt, 1);
    c->from_status = sql_column_dup(stmt, 2, arena);
    c->to_status = sql_column_dup(stmt, 3, arena);
    c->note = sql_column_dup(stmt, 4, arena);
    c->changed_by = sql_column_int64(stmt, 5);
    c->changed_by_name = sql_column_dup(stmt, 6, arena);
    c->changed_at = sql_column_dup(stmt, 7, arena);
    return SP_OK;
}

enum sp_code store_goal_history(struct store *st, struct sp_arena *arena, int64_t goal_id,
                                struct plan_goal_change **items, size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT c.id, c.goal_id, c.from_status, c.to_status, c.note, c.changed_by,"
        " u.display_name, c.changed_at FROM plan_goal_status c"
        " JOIN app_user u ON u.id = c.changed_by WHERE c.goal_id = $1 ORDER BY c.id";
    void *rows = NULL;
    enum sp_code rc =
        store_read_all_of(st, arena, sql, goal_id, sizeof **items, read_change, &rows, count, err);

    *items = rows;
    return rc;
}

/* --- coordinator ----------------------------------------------------------------------------- */

/* A store_row_reader of struct coordinator. */
static enum sp_code read_coordinator(struct store *st, struct sql_stmt *stmt,
                                     struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct coordinator *c = item;

    (void)st;
    (void)err;
    c->id = sql_column_int64(stmt, 0);
    c->enrolment_id = sql_column_int64(stmt, 1);
    c->user_id = sql_column_int64(stmt, 2); /* NULL reads as 0 */
    c->user_name = sql_column_dup(stmt, 3, arena);
    c->set_by = sql_column_int64(stmt, 4);
    c->set_by_name = sql_column_dup(stmt, 5, arena);
    c->set_at = sql_column_dup(stmt, 6, arena);
    return SP_OK;
}

enum sp_code store_coordinator_history(struct store *st, struct sp_arena *arena,
                                       int64_t enrolment_id, struct coordinator **items,
                                       size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT c.id, c.enrolment_id, c.user_id, u.display_name, c.set_by, b.display_name,"
        " c.set_at FROM enrolment_coordinator c LEFT JOIN app_user u ON u.id = c.user_id"
        " JOIN app_user b ON b.id = c.set_by WHERE c.enrolment_id = $1 ORDER BY c.id DESC";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, enrolment_id, sizeof **items,
                                        read_coordinator, &rows, count, err);

    *items = rows;
    return rc;
}

/* The coordinator of enrolment_id now into *user_id: 0 for nobody, or before any was named. */
static enum sp_code current_coordinator(struct store *st, int64_t enrolment_id, int64_t *user_id,
                                        struct sp_err *err)
{
    static const char sql[] =
        "SELECT COALESCE(user_id, 0) FROM enrolment_coordinator WHERE enrolment_id = $1"
        " ORDER BY id DESC LIMIT 1";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *user_id = 0;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, enrolment_id);
    rc = sql_step(stmt, &row, NULL, err);
    if (rc == SP_OK && row)
        *user_id = sql_column_int64(stmt, 0);
    sql_release(stmt);
    return rc;
}

enum sp_code store_coordinator_set(struct store *st, int64_t enrolment_id, int64_t user_id,
                                   int64_t by, const char *at, bool *changed, struct sp_err *err)
{
    /* The no-op UPDATE locks the enrolment's row (SQLite: the write transaction holds the one
     * lock already), so that two changes of one coordinator are ordered and the second sees the
     * first before it compares. */
    static const char lock[] = "UPDATE enrolment SET version = version WHERE id = $1";
    static const char insert[] =
        "INSERT INTO enrolment_coordinator (enrolment_id, user_id, set_by, set_at)"
        " VALUES ($1, $2, $3, $4) RETURNING id";
    struct sql_stmt *stmt = NULL;
    int64_t now_id = 0;
    int64_t id = 0;
    enum sp_code rc = store_run_with_id(st, lock, enrolment_id, err);

    *changed = false;
    if (rc == SP_OK)
        rc = current_coordinator(st, enrolment_id, &now_id, err);
    if (rc != SP_OK || now_id == user_id)
        return rc;
    rc = sql_prepare(st->conn, insert, &stmt, err);
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, enrolment_id);
    store_bind_positive_or_null(stmt, 2, user_id);
    sql_bind_int64(stmt, 3, by);
    sql_bind_text(stmt, 4, at);
    rc = store_insert_id(stmt, "coordinator", &id, err);
    *changed = rc == SP_OK;
    return rc;
}

enum sp_code store_enrolment_team_has(struct store *st, int64_t enrolment_id, int64_t user_id,
                                      bool *on_team, struct sp_err *err)
{
    static const char sql[] =
        "SELECT 1 FROM enrolment e JOIN team_member m ON m.team_id = e.team_id"
        " JOIN app_user u ON u.id = m.user_id WHERE e.id = $1 AND m.user_id = $2"
        " AND u.disabled = 0";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *on_team = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, enrolment_id);
    sql_bind_int64(stmt, 2, user_id);
    rc = sql_step(stmt, on_team, NULL, err);
    sql_release(stmt);
    return rc;
}

/* --- many goals at once (a network meeting's) ------------------------------------------------- */

#define GOALS_PER_INSERT 8
/* $1 enrolment, $2 created_at, $3 created_by; then GOALS_PER_INSERT rows of 6 parameters each (the
 * goal's number, area, text, due date, agreement, agreed_by), unused rows NULL (left out by the
 * WHERE). */
static const char goals_insert_sql[] =
    "INSERT INTO plan_goal (enrolment_id, area, text, due_date, status,"
    " agreed_with_young_person, agreed_by, version, created_at, created_by)"
    " SELECT $1, column2, column3, column4, 'open', column5, column6, 1, $2, $3 FROM"
    " (VALUES ($4, $5, $6, $7, $8, $9), ($10, $11, $12, $13, $14, $15), "
    "($16, $17, $18, $19, $20, $21), ($22, $23, $24, $25, $26, $27), "
    "($28, $29, $30, $31, $32, $33), ($34, $35, $36, $37, $38, $39), "
    "($40, $41, $42, $43, $44, $45), ($46, $47, $48, $49, $50, $51)) AS v"
    " WHERE column1 IS NOT NULL ORDER BY column1 RETURNING id";

/* The history rows of the goals' creation (NULL → open), one statement for all of them. */
static const char goals_created_sql[] =
    "INSERT INTO plan_goal_status (goal_id, from_status, to_status, changed_at, changed_by)"
    " SELECT id, NULL, 'open', created_at, created_by FROM plan_goal WHERE id = ANY($1)";

/* Bind goal g as row `slot` of goals_insert_sql (NULL g: an unused row). */
static void bind_goal_row(struct sql_stmt *stmt, int slot, int64_t number,
                          const struct plan_goal *g)
{
    int first = 4 + 6 * slot;

    if (g == NULL) {
        for (int i = 0; i < 6; i++)
            sql_bind_null(stmt, first + i);
        return;
    }
    sql_bind_int64(stmt, first, number);
    sql_bind_text(stmt, first + 1, g->area);
    sql_bind_text(stmt, first + 2, g->text);
    sql_bind_text(stmt, first + 3, g->due_date);
    sql_bind_bool(stmt, first + 4, g->agreed_with_young_person);
    sql_bind_text(stmt, first + 5, g->agreed_by);
}

/* Up to GOALS_PER_INSERT goals in one statement; their ids into ids. */
static enum sp_code insert_goals(struct store *st, const struct plan_goal *goals, size_t count,
                                 int64_t *ids, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, goals_insert_sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, goals[0].enrolment_id);
    sql_bind_text(stmt, 2, goals[0].created_at);
    sql_bind_int64(stmt, 3, goals[0].created_by);
    for (size_t i = 0; i < GOALS_PER_INSERT; i++)
        bind_goal_row(stmt, (int)i, (int64_t)i + 1, i < count ? &goals[i] : NULL);
    return store_insert_ids(stmt, "goal", ids, count, err);
}

enum sp_code store_goals_add(struct store *st, struct plan_goal *goals, size_t count,
                             struct sp_err *err)
{
    int64_t *ids = sp_xmalloc(sizeof *ids * (count + 1));
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = SP_OK;

    for (size_t done = 0; rc == SP_OK && done < count; done += GOALS_PER_INSERT) {
        size_t n = count - done < GOALS_PER_INSERT ? count - done : GOALS_PER_INSERT;

        rc = insert_goals(st, goals + done, n, ids + done, err);
    }
    if (rc == SP_OK && count > 0)
        rc = sql_prepare(st->conn, goals_created_sql, &stmt, err);
    if (rc == SP_OK && stmt != NULL) {
        sql_bind_ids(stmt, 1, ids, count);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        goals[i].id = ids[i];
        goals[i].status = "open";
        goals[i].version = 1;
    }
    free(ids);
    return rc;
}
