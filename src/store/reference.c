/* Reference data: organisations (regions, municipalities) and target groups. */
#include "store/store_int.h"

#define ORGANISATION_COLUMNS "code, kind, name, region_code, valid_from, valid_to"

/* A store_row_reader of struct organisation. */
static enum sp_code read_organisation(struct store *st, struct sql_stmt *stmt,
                                      struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct organisation *o = item;

    (void)st;
    (void)err;
    o->code = sql_column_dup(stmt, 0, arena);
    o->kind = sql_column_dup(stmt, 1, arena);
    o->name = sql_column_dup(stmt, 2, arena);
    o->region_code = sql_column_dup(stmt, 3, arena);
    o->valid_from = sql_column_dup(stmt, 4, arena);
    o->valid_to = sql_column_dup(stmt, 5, arena);
    return SP_OK;
}

enum sp_code store_organisation_list(struct store *st, struct sp_arena *arena,
                                     const struct store_org_filter *filter,
                                     const struct store_page *page, struct organisation **items,
                                     size_t *count, bool *more, struct sp_err *err)
{
    /* Codes are text (regions 1081.., municipalities 101..860); the keyset is their number. The
     * filters are only compared with NULL and a text column, so their type is named. */
    static const char sql[] = "SELECT " ORGANISATION_COLUMNS " FROM organisation"
                              " WHERE CAST(code AS BIGINT) > $1"
                              " AND (CAST($2 AS TEXT) IS NULL OR kind = $2)"
                              " AND (CAST($3 AS TEXT) IS NULL OR region_code = $3)"
                              " ORDER BY CAST(code AS BIGINT) LIMIT $4";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, page->after);
    sql_bind_text(stmt, 2, filter->kind);
    sql_bind_text(stmt, 3, filter->region_code);
    sql_bind_int64(stmt, 4, page->limit + 1);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_organisation, &rows, count,
                         more, err);
    *items = rows;
    sql_release(stmt);
    return rc;
}

enum sp_code store_organisation_get(struct store *st, struct sp_arena *arena, const char *code,
                                    struct organisation *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " ORGANISATION_COLUMNS " FROM organisation WHERE code = $1";

    return store_read_one_by_text(st, arena, sql, code, "organisation", read_organisation, out,
                                  err);
}

enum sp_code store_target_group_exists(struct store *st, const char *code, bool *exists,
                                       struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc =
        sql_prepare(st->conn, "SELECT 1 FROM target_group WHERE code = $1", &stmt, err);

    *exists = false;
    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, code);
        rc = sql_step(stmt, exists, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

/* A store_row_reader of struct target_group. */
static enum sp_code read_target_group(struct store *st, struct sql_stmt *stmt,
                                      struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct target_group *g = item;

    (void)st;
    (void)err;
    g->code = sql_column_dup(stmt, 0, arena);
    g->name_da = sql_column_dup(stmt, 1, arena);
    g->name_en = sql_column_dup(stmt, 2, arena);
    g->legal_ref = sql_column_dup(stmt, 3, arena);
    g->valid_from = sql_column_dup(stmt, 4, arena);
    g->valid_to = sql_column_dup(stmt, 5, arena);
    return SP_OK;
}

enum sp_code store_target_group_list(struct store *st, struct sp_arena *arena,
                                     struct target_group **items, size_t *count, struct sp_err *err)
{
    static const char sql[] = "SELECT code, name_da, name_en, legal_ref, valid_from, valid_to"
                              " FROM target_group ORDER BY code";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    if (rc != SP_OK)
        return rc;
    rc = store_read_all(st, stmt, arena, sizeof **items, read_target_group, &rows, count, err);
    *items = rows;
    sql_release(stmt);
    return rc;
}
