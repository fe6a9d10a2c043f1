/* Consents with their history, and where citizens are enrolled, for the policy's team and
 * municipality checks. (The audit log's rows are in store/audit.c.) */
#include "store/sqlite_int.h"

enum sp_code store_consent_add(struct store *st, struct consent *c, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO consent (enrolment_id, scope, given, date, recorded_by, recorded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, c->enrolment_id);
        sqlite_bind_text(stmt, 2, c->scope);
        sqlite3_bind_int(stmt, 3, c->given ? 1 : 0);
        sqlite_bind_text(stmt, 4, c->date);
        sqlite3_bind_int64(stmt, 5, c->recorded_by);
        sqlite_bind_text(stmt, 6, c->recorded_at);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            c->id = sqlite3_column_int64(stmt, 0);
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_consent_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct consent **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] =
        "SELECT c.id, c.enrolment_id, c.scope, c.given, c.date, c.recorded_by, u.display_name,"
        " c.recorded_at FROM consent c JOIN app_user u ON u.id = c.recorded_by"
        " WHERE c.enrolment_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, enrolment_id);
        sqlite3_bind_int64(stmt, 2, page->after);
        sqlite3_bind_int(stmt, 3, page->limit + 1);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            struct consent *c;

            if (*count == (size_t)page->limit) {
                *more = true;
                break;
            }
            c = &(*items)[(*count)++];
            c->id = sqlite3_column_int64(stmt, 0);
            c->enrolment_id = sqlite3_column_int64(stmt, 1);
            c->scope = sqlite_column_dup(stmt, 2, arena);
            c->given = sqlite3_column_int(stmt, 3) != 0;
            c->date = sqlite_column_dup(stmt, 4, arena);
            c->recorded_by = sqlite3_column_int64(stmt, 5);
            c->recorded_by_name = sqlite_column_dup(stmt, 6, arena);
            c->recorded_at = sqlite_column_dup(stmt, 7, arena);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* The newest row (highest id) of the scope decides: a withdrawal is a row with given = 0. */
enum sp_code store_consent_in_force(struct store *st, int64_t enrolment_id, const char *scope,
                                    bool *given, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "SELECT given FROM consent WHERE enrolment_id = $1"
                                     " AND scope = $2 ORDER BY id DESC LIMIT 1",
                                     &stmt, err);

    *given = false;
    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, enrolment_id);
        sqlite_bind_text(stmt, 2, scope);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            *given = sqlite3_column_int(stmt, 0) != 0;
        else if (src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* Columns 1..4 of the place queries below into *p. */
static void read_place(sqlite3_stmt *stmt, struct sp_arena *arena, struct citizen_place *p)
{
    p->enrolment_id = sqlite3_column_int64(stmt, 1);
    p->project_id = sqlite3_column_int64(stmt, 2);
    p->team_id = sqlite3_column_int64(stmt, 3); /* NULL reads as 0: no team yet */
    p->municipality_code = sqlite_column_dup(stmt, 4, arena);
}

/* One query: the citizen row, left-joined to its enrolments, tells "no such citizen" (no row)
 * from "enrolled nowhere" (one row with a NULL enrolment id). */
enum sp_code store_citizen_places(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                  struct citizen_place *places, size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT c.id, e.id, e.project_id, e.team_id, t.municipality_code FROM citizen c"
        " LEFT JOIN enrolment e ON e.citizen_id = c.id LEFT JOIN team t ON t.id = e.team_id"
        " WHERE c.id = $1 ORDER BY e.id LIMIT $2";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    bool found = false;
    int src = SQLITE_DONE;

    *count = 0;
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, citizen_id);
        sqlite3_bind_int(stmt, 2, CITIZEN_PLACES_MAX);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW && *count < CITIZEN_PLACES_MAX) {
            found = true;
            if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
                read_place(stmt, arena, &places[(*count)++]);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
        else if (!found)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such citizen.");
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_enrolment_place(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   int64_t *citizen_id, struct citizen_place *place,
                                   struct sp_err *err)
{
    static const char sql[] =
        "SELECT e.citizen_id, e.id, e.project_id, e.team_id, t.municipality_code FROM enrolment e"
        " LEFT JOIN team t ON t.id = e.team_id WHERE e.id = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, enrolment_id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            *citizen_id = sqlite3_column_int64(stmt, 0);
            read_place(stmt, arena, place);
        } else if (src == SQLITE_DONE) {
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such enrolment.");
        } else {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}
