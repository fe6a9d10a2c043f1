/* Enrolments: citizen × project, with an optimistic-concurrency version. */
#include "store/sqlite_int.h"

#define ENROLMENT_COLUMNS                                                                          \
    "id, project_id, citizen_id, team_id, referral_date, referral_source, target_group, status,"   \
    " status_changed, version, arm,"                                                               \
    " (SELECT t.municipality_code FROM team t WHERE t.id = enrolment.team_id)"

static void read_enrolment(sqlite3_stmt *stmt, struct sp_arena *arena, struct enrolment *e)
{
    e->id = sqlite3_column_int64(stmt, 0);
    e->project_id = sqlite3_column_int64(stmt, 1);
    e->citizen_id = sqlite3_column_int64(stmt, 2);
    e->team_id = sqlite3_column_int64(stmt, 3); /* NULL reads as 0: no team */
    e->referral_date = sqlite_column_dup(stmt, 4, arena);
    e->referral_source = sqlite_column_dup(stmt, 5, arena);
    e->target_group = sqlite_column_dup(stmt, 6, arena);
    e->status = sqlite_column_dup(stmt, 7, arena);
    e->status_changed = sqlite_column_dup(stmt, 8, arena);
    e->version = sqlite3_column_int64(stmt, 9);
    e->arm = sqlite_column_dup(stmt, 10, arena);
    e->municipality_code = sqlite_column_dup(stmt, 11, arena);
}

static int bind_team(sqlite3_stmt *stmt, int index, int64_t team_id)
{
    return team_id > 0 ? sqlite3_bind_int64(stmt, index, team_id) : sqlite3_bind_null(stmt, index);
}

enum sp_code store_enrolment_create(struct store *st, struct enrolment *e, const char *now,
                                    struct sp_err *err)
{
    /* One person may have several records (migration 0009), but not two enrolments in one
     * project on one team: no row is inserted when another record of the person (same blind
     * index) is there already. Other teams' enrolments are not looked at. The unary + keeps
     * the planner on the person's few records (citizen_person, enrolment_citizen) rather than
     * every enrolment of the team. */
    static const char sql[] =
        "INSERT INTO enrolment (project_id, citizen_id, team_id, referral_date, referral_source,"
        " target_group, status, status_changed, arm, version, created_at)"
        " SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $8"
        " WHERE NOT EXISTS (SELECT 1 FROM enrolment o WHERE o.citizen_id IN (SELECT oc.id"
        "     FROM citizen oc WHERE oc.identifier_index = (SELECT identifier_index FROM citizen"
        "     WHERE id = $2)) AND +o.project_id = $1 AND +o.team_id = $3)"
        " RETURNING id";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, e->project_id);
        sqlite3_bind_int64(stmt, 2, e->citizen_id);
        bind_team(stmt, 3, e->team_id);
        sqlite_bind_text(stmt, 4, e->referral_date);
        sqlite_bind_text(stmt, 5, e->referral_source);
        sqlite_bind_text(stmt, 6, e->target_group);
        sqlite_bind_text(stmt, 7, e->status);
        sqlite_bind_text(stmt, 8, now);
        sqlite_bind_text(stmt, 9, e->arm);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            e->id = sqlite3_column_int64(stmt, 0);
            e->version = 1;
            e->status_changed = now;
        } else if (src == SQLITE_DONE) {
            rc = sp_err_set(err, SP_CONFLICT, "/citizen_id",
                            "The person is already enrolled in this project on this team.");
        } else {
            rc = sqlite_error(st, src, "/citizen_id", err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_enrolment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                 struct enrolment *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " ENROLMENT_COLUMNS " FROM enrolment WHERE id = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            read_enrolment(stmt, arena, out);
        else if (src == SQLITE_DONE)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such enrolment.");
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_enrolment_list(struct store *st, struct sp_arena *arena,
                                  const struct store_enrolment_filter *filter,
                                  const struct store_page *page, struct enrolment **items,
                                  size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] = "SELECT " ENROLMENT_COLUMNS " FROM enrolment WHERE id > $1"
                              " AND ($2 = 0 OR project_id = $2) AND ($3 IS NULL OR status = $3)"
                              " AND ($5 IS NULL OR team_id IN (SELECT value FROM json_each($5)))"
                              " AND ($6 = 0 OR id IN (SELECT m.enrolment_id FROM enrolment_member m"
                              " WHERE m.user_id = $6 AND m.assigned = 1))"
                              " ORDER BY id LIMIT $4";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, page->after);
        sqlite3_bind_int64(stmt, 2, filter->project_id);
        sqlite_bind_text(stmt, 3, filter->status);
        sqlite3_bind_int(stmt, 4, page->limit + 1);
        sqlite_bind_text(stmt, 5, filter->teams);
        sqlite3_bind_int64(stmt, 6, filter->assigned_user);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (*count == (size_t)page->limit) {
                *more = true;
                break;
            }
            read_enrolment(stmt, arena, &(*items)[(*count)++]);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* The current version of enrolment id, to tell a stale write from a missing row. */
static enum sp_code current_version(struct store *st, int64_t id, int64_t *version,
                                    struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, "SELECT version FROM enrolment WHERE id = $1", &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            *version = sqlite3_column_int64(stmt, 0);
        else if (src == SQLITE_DONE)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such enrolment.");
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_enrolment_update(struct store *st, struct enrolment *e, int64_t if_version,
                                    struct sp_err *err)
{
    /* status_changed moves only when the status does; the version check makes the write
     * conditional, so two clients holding the same version cannot both win. */
    static const char sql[] =
        "UPDATE enrolment SET team_id = $3, referral_source = $4, target_group = $5,"
        " status_changed = CASE WHEN status = $6 THEN status_changed ELSE $7 END, status = $6,"
        " version = version + 1 WHERE id = $1 AND version = $2 RETURNING version, status_changed";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src;

    if (rc != SP_OK)
        goto out;
    sqlite3_bind_int64(stmt, 1, e->id);
    sqlite3_bind_int64(stmt, 2, if_version);
    bind_team(stmt, 3, e->team_id);
    sqlite_bind_text(stmt, 4, e->referral_source);
    sqlite_bind_text(stmt, 5, e->target_group);
    sqlite_bind_text(stmt, 6, e->status);
    sqlite_bind_text(stmt, 7, e->status_changed);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW) {
        e->version = sqlite3_column_int64(stmt, 0);
        sqlite_release(st, stmt);
        return SP_OK;
    }
    if (src != SQLITE_DONE) {
        rc = sqlite_error(st, src, NULL, err);
        goto out;
    }
    rc = current_version(st, e->id, &err->current_version, err);
    if (rc == SP_OK)
        rc = sp_err_set(err, SP_STALE, "",
                        "The enrolment has changed since it was read. Read it again and retry.");
out:
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_enrolment_touch(struct store *st, int64_t id, int64_t if_version,
                                   int64_t *version, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "UPDATE enrolment SET version = version + 1 WHERE id = $1"
                                     " AND version = $2 RETURNING version",
                                     &stmt, err);
    int src;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, if_version);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW)
        *version = sqlite3_column_int64(stmt, 0);
    sqlite_release(st, stmt);
    if (src == SQLITE_ROW)
        return SP_OK;
    if (src != SQLITE_DONE)
        return sqlite_error(st, src, NULL, err);
    rc = current_version(st, id, &err->current_version, err);
    if (rc == SP_OK)
        rc = sp_err_set(err, SP_STALE, "",
                        "The enrolment has changed since it was read. Read it again and retry.");
    return rc;
}

enum sp_code store_enrolment_member_add(struct store *st, int64_t enrolment_id, int64_t user_id,
                                        const char *role, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        /* The first to work on a case in a role carries it: its assignee until someone is
         * assigned instead (migration 0010). */
        "INSERT INTO enrolment_member (enrolment_id, user_id, role, assigned, assigned_by)"
        " SELECT $1, $2, $3, NOT EXISTS (SELECT 1 FROM enrolment_member a"
        " WHERE a.enrolment_id = $1 AND a.role = $3 AND a.assigned = 1), $2"
        " WHERE 1 ON CONFLICT DO NOTHING",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, enrolment_id);
        sqlite3_bind_int64(stmt, 2, user_id);
        sqlite_bind_text(stmt, 3, role);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_episode_create(struct store *st, struct episode *ep, const char *now,
                                  struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO episode (enrolment_id, kind, start_date, end_date, hours_per_week, place,"
        " version, created_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, ep->enrolment_id);
        sqlite_bind_text(stmt, 2, ep->kind);
        sqlite_bind_text(stmt, 3, ep->start_date);
        sqlite_bind_text(stmt, 4, ep->end_date);
        if (ep->hours_per_week > 0)
            sqlite3_bind_int(stmt, 5, ep->hours_per_week);
        else
            sqlite3_bind_null(stmt, 5);
        sqlite_bind_text(stmt, 6, ep->place);
        sqlite_bind_text(stmt, 7, now);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            ep->id = sqlite3_column_int64(stmt, 0);
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_episode_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                struct episode **items, size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT id, enrolment_id, kind, start_date, end_date, hours_per_week, place FROM episode"
        " WHERE enrolment_id = $1 ORDER BY start_date DESC, id DESC LIMIT 100";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * 100);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, enrolment_id);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            struct episode *ep = &(*items)[(*count)++];

            ep->id = sqlite3_column_int64(stmt, 0);
            ep->enrolment_id = sqlite3_column_int64(stmt, 1);
            ep->kind = sqlite_column_dup(stmt, 2, arena);
            ep->start_date = sqlite_column_dup(stmt, 3, arena);
            ep->end_date = sqlite_column_dup(stmt, 4, arena);
            ep->hours_per_week = sqlite3_column_int(stmt, 5);
            ep->place = sqlite_column_dup(stmt, 6, arena);
        }
        if (src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}
