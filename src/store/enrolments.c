/* Enrolments (citizen × project × team, with an optimistic-concurrency version) and who works on
 * them; their employment and education episodes are store/employment.c's. */
#include "store/store_int.h"

#define ENROLMENT_COLUMNS                                                                          \
    "id, project_id, citizen_id, team_id, referral_date, referral_source, target_group, status,"   \
    " status_changed, version, arm,"                                                               \
    " (SELECT t.municipality_code FROM team t WHERE t.id = enrolment.team_id)"

static const char enrolment_version_sql[] = "SELECT version FROM enrolment WHERE id = $1";

/* A store_row_reader of struct enrolment. */
static enum sp_code read_enrolment(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                   void *item, struct sp_err *err)
{
    struct enrolment *e = item;

    (void)st;
    (void)err;
    e->id = sql_column_int64(stmt, 0);
    e->project_id = sql_column_int64(stmt, 1);
    e->citizen_id = sql_column_int64(stmt, 2);
    e->team_id = sql_column_int64(stmt, 3); /* NULL reads as 0: no team */
    e->referral_date = sql_column_dup(stmt, 4, arena);
    e->referral_source = sql_column_dup(stmt, 5, arena);
    e->target_group = sql_column_dup(stmt, 6, arena);
    e->status = sql_column_dup(stmt, 7, arena);
    e->status_changed = sql_column_dup(stmt, 8, arena);
    e->version = sql_column_int64(stmt, 9);
    e->arm = sql_column_dup(stmt, 10, arena);
    e->municipality_code = sql_column_dup(stmt, 11, arena);
    return SP_OK;
}

/* Lock the records of the person citizen_id is a record of (store.h: store_enrolment_create).
 * An UPDATE rather than SELECT … FOR UPDATE, which SQLite does not parse; on SQLite the write
 * transaction already holds the one write lock. */
static enum sp_code lock_person(struct store *st, int64_t citizen_id, struct sp_err *err)
{
    static const char sql[] = "UPDATE citizen SET version = version WHERE identifier_index ="
                              " (SELECT p.identifier_index FROM citizen p WHERE p.id = $1)";

    return store_run_with_id(st, sql, citizen_id, err);
}

enum sp_code store_enrolment_create(struct store *st, struct enrolment *e, const char *now,
                                    struct sp_err *err)
{
    /* One person may have several records (migration 0009), but not two enrolments in one
     * project on one team: no row is inserted when another record of the person (same blind
     * index) is there already. Other teams' enrolments are not looked at. The unary + keeps
     * SQLite's planner on the person's few records (citizen_person, enrolment_citizen) rather
     * than every enrolment of the team; on PostgreSQL it is the identity. The casts give the
     * parameters that may be NULL a type on PostgreSQL, which cannot infer one from a bare
     * select list. */
    static const char sql[] =
        "INSERT INTO enrolment (project_id, citizen_id, team_id, referral_date, referral_source,"
        " target_group, status, status_changed, arm, version, created_at)"
        " SELECT $1, $2, CAST($3 AS BIGINT), CAST($4 AS TEXT), CAST($5 AS TEXT),"
        " CAST($6 AS TEXT), CAST($7 AS TEXT), CAST($8 AS TEXT), CAST($9 AS TEXT), 1, $8"
        " WHERE NOT EXISTS (SELECT 1 FROM enrolment o WHERE o.citizen_id IN (SELECT oc.id"
        "     FROM citizen oc WHERE oc.identifier_index = (SELECT identifier_index FROM citizen"
        "     WHERE id = $2)) AND +o.project_id = $1 AND +o.team_id = $3)"
        " RETURNING id";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = lock_person(st, e->citizen_id, err);

    if (rc == SP_OK)
        rc = sql_prepare(st->conn, sql, &stmt, err);
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, e->project_id);
    sql_bind_int64(stmt, 2, e->citizen_id);
    store_bind_positive_or_null(stmt, 3, e->team_id);
    sql_bind_text(stmt, 4, e->referral_date);
    sql_bind_text(stmt, 5, e->referral_source);
    sql_bind_text(stmt, 6, e->target_group);
    sql_bind_text(stmt, 7, e->status);
    sql_bind_text(stmt, 8, now);
    sql_bind_text(stmt, 9, e->arm);
    rc = sql_step(stmt, &row, "/citizen_id", err);
    if (rc == SP_OK && row) {
        e->id = sql_column_int64(stmt, 0);
        e->version = 1;
        e->status_changed = now;
    } else if (rc == SP_OK) {
        rc = sp_err_set(err, SP_CONFLICT, "/citizen_id",
                        "The person is already enrolled in this project on this team.");
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_enrolment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                 struct enrolment *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " ENROLMENT_COLUMNS " FROM enrolment WHERE id = $1";
    return store_read_one(st, arena, sql, id, "enrolment", read_enrolment, out, err);
}

enum sp_code store_enrolment_list(struct store *st, struct sp_arena *arena,
                                  const struct store_enrolment_filter *filter,
                                  const struct store_page *page, struct enrolment **items,
                                  size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] =
        "SELECT " ENROLMENT_COLUMNS " FROM enrolment WHERE id > $1"
        " AND ($2 = 0 OR project_id = $2) AND (CAST($3 AS TEXT) IS NULL OR status = $3)"
        " AND ($5 IS NULL OR team_id = ANY($5))"
        " AND ($6 = 0 OR id IN (SELECT m.enrolment_id FROM enrolment_member m"
        " WHERE m.user_id = $6 AND m.assigned = 1))"
        " ORDER BY id LIMIT $4";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, page->after);
    sql_bind_int64(stmt, 2, filter->project_id);
    sql_bind_text(stmt, 3, filter->status);
    sql_bind_int64(stmt, 4, page->limit + 1);
    sql_bind_ids(stmt, 5, filter->teams.ids, filter->teams.count);
    sql_bind_int64(stmt, 6, filter->assigned_user);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_enrolment, &rows, count, more,
                         err);
    *items = rows;
    sql_release(stmt);
    return rc;
}

enum sp_code store_enrolment_update(struct store *st, struct enrolment *e, int64_t if_version,
                                    struct sp_err *err)
{
    /* status_changed moves only when the status does; the version check makes the write
     * conditional, so two clients holding the same version cannot both win, on any number of
     * processes (the row is locked by the UPDATE under READ COMMITTED). */
    static const char sql[] =
        "UPDATE enrolment SET team_id = $3, referral_source = $4, target_group = $5,"
        " status_changed = CASE WHEN status = $6 THEN status_changed ELSE $7 END, status = $6,"
        " version = version + 1 WHERE id = $1 AND version = $2 RETURNING version";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, e->id);
    sql_bind_int64(stmt, 2, if_version);
    store_bind_positive_or_null(stmt, 3, e->team_id);
    sql_bind_text(stmt, 4, e->referral_source);
    sql_bind_text(stmt, 5, e->target_group);
    sql_bind_text(stmt, 6, e->status);
    sql_bind_text(stmt, 7, e->status_changed);
    return store_update_versioned(st, stmt, enrolment_version_sql, e->id, "enrolment", &e->version,
                                  err);
}

enum sp_code store_enrolment_touch(struct store *st, int64_t id, int64_t if_version,
                                   int64_t *version, struct sp_err *err)
{
    static const char sql[] = "UPDATE enrolment SET version = version + 1 WHERE id = $1"
                              " AND version = $2 RETURNING version";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, id);
    sql_bind_int64(stmt, 2, if_version);
    return store_update_versioned(st, stmt, enrolment_version_sql, id, "enrolment", version, err);
}

enum sp_code store_enrolment_member_add(struct store *st, int64_t enrolment_id, int64_t user_id,
                                        const char *role, struct sp_err *err)
{
    /* The first to work on a case in a role carries it: its assignee until someone is assigned
     * instead (migration 0010). assigned is an INTEGER 0/1 on both engines, hence the CASE. */
    static const char sql[] =
        "INSERT INTO enrolment_member (enrolment_id, user_id, role, assigned, assigned_by)"
        " SELECT $1, $2, CAST($3 AS TEXT), CASE WHEN EXISTS (SELECT 1 FROM enrolment_member a"
        " WHERE a.enrolment_id = $1 AND a.role = $3 AND a.assigned = 1) THEN 0 ELSE 1 END, $2"
        " WHERE true ON CONFLICT DO NOTHING";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, enrolment_id);
        sql_bind_int64(stmt, 2, user_id);
        sql_bind_text(stmt, 3, role);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}
