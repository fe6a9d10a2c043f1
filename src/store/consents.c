/* Consents with their history: rows are only appended; the newest row of a scope decides. */
#include "store/store_int.h"

enum sp_code store_consent_add(struct store *st, struct consent *c, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO consent (enrolment_id, scope, given, date, recorded_by, recorded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, c->enrolment_id);
    sql_bind_text(stmt, 2, c->scope);
    sql_bind_bool(stmt, 3, c->given);
    sql_bind_text(stmt, 4, c->date);
    sql_bind_int64(stmt, 5, c->recorded_by);
    sql_bind_text(stmt, 6, c->recorded_at);
    return store_insert_id(stmt, "consent", &c->id, err);
}

/* A store_row_reader of struct consent. */
static enum sp_code read_consent(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                 void *item, struct sp_err *err)
{
    struct consent *c = item;

    (void)st;
    (void)err;
    c->id = sql_column_int64(stmt, 0);
    c->enrolment_id = sql_column_int64(stmt, 1);
    c->scope = sql_column_dup(stmt, 2, arena);
    c->given = sql_column_bool(stmt, 3);
    c->date = sql_column_dup(stmt, 4, arena);
    c->recorded_by = sql_column_int64(stmt, 5);
    c->recorded_by_name = sql_column_dup(stmt, 6, arena);
    c->recorded_at = sql_column_dup(stmt, 7, arena);
    return SP_OK;
}

enum sp_code store_consent_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct consent **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] =
        "SELECT c.id, c.enrolment_id, c.scope, c.given, c.date, c.recorded_by, u.display_name,"
        " c.recorded_at FROM consent c JOIN app_user u ON u.id = c.recorded_by"
        " WHERE c.enrolment_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_consent, &rows, count, more, err);

    *items = rows;
    return rc;
}

/* The newest row (highest id) of the scope decides: a withdrawal is a row with given = 0. */
enum sp_code store_consent_in_force(struct store *st, int64_t enrolment_id, const char *scope,
                                    bool *given, struct sp_err *err)
{
    static const char sql[] = "SELECT given FROM consent WHERE enrolment_id = $1 AND scope = $2"
                              " ORDER BY id DESC LIMIT 1";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *given = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, enrolment_id);
    sql_bind_text(stmt, 2, scope);
    rc = sql_step(stmt, &row, NULL, err);
    if (rc == SP_OK && row)
        *given = sql_column_bool(stmt, 0);
    sql_release(stmt);
    return rc;
}
