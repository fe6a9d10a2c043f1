/* Reference data: organisations (regions, municipalities) and target groups. */
#include <string.h>

#include "store/sqlite_int.h"

static void read_organisation(sqlite3_stmt *stmt, struct sp_arena *arena, struct organisation *o)
{
    o->code = sqlite_column_dup(stmt, 0, arena);
    o->kind = sqlite_column_dup(stmt, 1, arena);
    o->name = sqlite_column_dup(stmt, 2, arena);
    o->region_code = sqlite_column_dup(stmt, 3, arena);
    o->valid_from = sqlite_column_dup(stmt, 4, arena);
    o->valid_to = sqlite_column_dup(stmt, 5, arena);
}

enum sp_code store_organisation_list(struct store *st, struct sp_arena *arena,
                                     const struct store_org_filter *filter,
                                     const struct store_page *page, struct organisation **items,
                                     size_t *count, bool *more, struct sp_err *err)
{
    /* Codes are text (regions 1081.., municipalities 101..860); the keyset is their number. */
    static const char sql[] =
        "SELECT code, kind, name, region_code, valid_from, valid_to FROM organisation"
        " WHERE CAST(code AS INTEGER) > $1 AND ($2 IS NULL OR kind = $2)"
        " AND ($3 IS NULL OR region_code = $3)"
        " ORDER BY CAST(code AS INTEGER) LIMIT $4";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_OK;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc != SP_OK)
        goto out;
    sqlite3_bind_int64(stmt, 1, page->after);
    sqlite_bind_text(stmt, 2, filter->kind);
    sqlite_bind_text(stmt, 3, filter->region_code);
    sqlite3_bind_int(stmt, 4, page->limit + 1);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*count == (size_t)page->limit) {
            *more = true;
            break;
        }
        read_organisation(stmt, arena, &(*items)[(*count)++]);
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
out:
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_organisation_get(struct store *st, struct sp_arena *arena, const char *code,
                                    struct organisation *out, struct sp_err *err)
{
    static const char sql[] = "SELECT code, kind, name, region_code, valid_from, valid_to"
                              " FROM organisation WHERE code = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, code);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            read_organisation(stmt, arena, out);
        else if (src == SQLITE_DONE)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such organisation.");
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_target_group_exists(struct store *st, const char *code, bool *exists,
                                       struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, "SELECT 1 FROM target_group WHERE code = $1", &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, code);
        src = sqlite3_step(stmt);
        *exists = src == SQLITE_ROW;
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_target_group_list(struct store *st, struct sp_arena *arena,
                                     struct target_group **items, size_t *count, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc =
        sqlite_prepare(st,
                       "SELECT code, name_da, name_en, legal_ref, valid_from, valid_to"
                       " FROM target_group ORDER BY code",
                       &stmt, err);
    size_t cap = 16;
    int src = SQLITE_DONE;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * cap);
    if (rc == SP_OK) {
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            struct target_group *g;

            if (*count == cap)
                *items = store_grow(arena, *items, sizeof **items, &cap);
            g = &(*items)[(*count)++];
            g->code = sqlite_column_dup(stmt, 0, arena);
            g->name_da = sqlite_column_dup(stmt, 1, arena);
            g->name_en = sqlite_column_dup(stmt, 2, arena);
            g->legal_ref = sqlite_column_dup(stmt, 3, arena);
            g->valid_from = sqlite_column_dup(stmt, 4, arena);
            g->valid_to = sqlite_column_dup(stmt, 5, arena);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}
