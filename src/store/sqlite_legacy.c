/* Transitional helpers for the store files not yet written against sql.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/sql_int.h"
#include "store/sqlite_int.h"

enum sp_code sqlite_error(struct store *st, int src, const char *unique_field, struct sp_err *err)
{
    int primary = src & 0xff;

    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return sql_err_busy(err);
    if (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
        return sql_err_conflict(err, unique_field);
    sp_log(SP_LOG_ERROR, "sqlite: %s (code %d)", sqlite3_errmsg(sqlite_db(st)), src);
    return sql_err_internal(err);
}

/* "$N" → "?N" outside string literals (SQLite takes "$1" as a name). */
static char *positional_params(const char *sql)
{
    char *out = sp_xstrdup(sql);
    bool in_string = false;

    for (char *p = out; *p != '\0'; p++) {
        if (*p == '\'')
            in_string = !in_string;
        else if (!in_string && *p == '$' && p[1] >= '0' && p[1] <= '9')
            *p = '?';
    }
    return out;
}

enum sp_code sqlite_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt,
                            struct sp_err *err)
{
    char *rewritten;
    int src;

    if (sql_fault_check(err))
        return err->code;
    rewritten = positional_params(sql);
    src = sqlite3_prepare_v2(sqlite_db(st), rewritten, -1, stmt, NULL);
    free(rewritten);
    return src == SQLITE_OK ? SP_OK : sqlite_error(st, src, NULL, err);
}

void sqlite_release(struct store *st, sqlite3_stmt *stmt)
{
    (void)st;
    sqlite3_finalize(stmt);
}

int sqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
    if (text == NULL)
        return sqlite3_bind_null(stmt, index);
    return sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *sqlite_column_dup(sqlite3_stmt *stmt, int col, struct sp_arena *arena)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);

    if (text == NULL)
        return NULL;
    return sp_arena_strndup(arena, (const char *)text, (size_t)sqlite3_column_bytes(stmt, col));
}

enum sp_code sqlite_step_done(struct store *st, sqlite3_stmt *stmt, const char *unique_field,
                              struct sp_err *err)
{
    int src;

    do {
        src = sqlite3_step(stmt);
    } while (src == SQLITE_ROW);
    return src == SQLITE_DONE ? SP_OK : sqlite_error(st, src, unique_field, err);
}

/* The old name of store_split_ints, for the area files still on this shim (it lived in
 * sqlite_project.c, now store/projects.c). */
size_t sqlite_split_ints(const char *text, int *out, size_t max)
{
    return store_split_ints(text, out, max);
}
