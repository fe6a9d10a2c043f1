/* Citizens. The identifier is stored normalised as TEXT (TOOLCHAIN.md gotcha 10: numeric
 * affinity would drop a leading zero). The security issue moves it behind encryption and a
 * blind index without changing this file's callers. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

#include "store/sqlite_int.h"

#define CITIZEN_COLUMNS                                                                            \
    "id, identifier_type, identifier, birth_date, name, phone, email, municipality_code,"          \
    " synthetic, version"

static void read_citizen(sqlite3_stmt *stmt, struct sp_arena *arena, struct citizen *c)
{
    c->id = sqlite3_column_int64(stmt, 0);
    c->identifier_type = sqlite_column_dup(stmt, 1, arena);
    c->identifier = sqlite_column_dup(stmt, 2, arena);
    c->birth_date = sqlite_column_dup(stmt, 3, arena);
    c->name = sqlite_column_dup(stmt, 4, arena);
    c->phone = sqlite_column_dup(stmt, 5, arena);
    c->email = sqlite_column_dup(stmt, 6, arena);
    c->municipality_code = sqlite_column_dup(stmt, 7, arena);
    c->synthetic = sqlite3_column_int(stmt, 8) != 0;
    c->version = sqlite3_column_int64(stmt, 9);
}

enum sp_code sqlite_citizen_create(struct store *st, struct citizen *c, const char *now,
                                   struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO citizen (identifier_type, identifier, birth_date, name, name_folded, phone,"
        " email, municipality_code, synthetic, version, created_at)"
        " VALUES ($1, $2, $3, $4, $10, $5, $6, $7, $8, 1, $9) RETURNING id";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        char *folded;
        int src;

        sqlite_bind_text(stmt, 1, c->identifier_type);
        sqlite_bind_text(stmt, 2, c->identifier);
        sqlite_bind_text(stmt, 3, c->birth_date);
        sqlite_bind_text(stmt, 4, c->name);
        sqlite_bind_text(stmt, 5, c->phone);
        sqlite_bind_text(stmt, 6, c->email);
        sqlite_bind_text(stmt, 7, c->municipality_code);
        sqlite3_bind_int(stmt, 8, c->synthetic ? 1 : 0);
        sqlite_bind_text(stmt, 9, now);
        folded = core_text_fold(c->name);
        sqlite_bind_text(stmt, 10, folded);
        free(folded);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            c->id = sqlite3_column_int64(stmt, 0);
            c->version = 1;
        } else {
            rc = sqlite_error(st, src, "/identifier", err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code sqlite_citizen_get(struct store *st, struct sp_arena *arena, int64_t id,
                                struct citizen *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " CITIZEN_COLUMNS " FROM citizen WHERE id = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            read_citizen(stmt, arena, out);
        else if (src == SQLITE_DONE)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such citizen.");
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code sqlite_citizen_list(struct store *st, struct sp_arena *arena,
                                 const struct store_citizen_filter *filter,
                                 const struct store_page *page, struct citizen **items,
                                 size_t *count, bool *more, struct sp_err *err)
{
    /* The name filter is a substring of the folded name (core_text_fold, since SQLite's lower()
     * knows only ASCII), with LIKE's wildcards escaped by '\'. */
    static const char sql[] = "SELECT " CITIZEN_COLUMNS " FROM citizen WHERE id > $1"
                              " AND (($2 IS NULL AND $3 IS NULL) OR identifier = $2"
                              "      OR name_folded LIKE '%' || $3 || '%' ESCAPE '\\')"
                              " ORDER BY id LIMIT $4";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    char *escaped = NULL;
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc != SP_OK)
        goto out;
    if (filter->name_part != NULL) {
        char *folded = core_text_fold(filter->name_part);
        size_t n = 0;

        escaped = sp_arena_alloc(arena, 2 * strlen(folded) + 1);
        for (const char *p = folded; *p != '\0'; p++) {
            if (*p == '%' || *p == '_' || *p == '\\')
                escaped[n++] = '\\';
            escaped[n++] = *p;
        }
        free(folded);
    }
    sqlite3_bind_int64(stmt, 1, page->after);
    sqlite_bind_text(stmt, 2, filter->identifier);
    sqlite_bind_text(stmt, 3, escaped);
    sqlite3_bind_int(stmt, 4, page->limit + 1);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*count == (size_t)page->limit) {
            *more = true;
            break;
        }
        read_citizen(stmt, arena, &(*items)[(*count)++]);
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
out:
    sqlite_release(st, stmt);
    return rc;
}
