/* Transitional: internals shared by the store files not yet written against sql.h; they reach
 * the SQLite handle under the connection. Removed when the last sqlite_*.c is converted. */
#ifndef SP_STORE_SQLITE_INT_H
#define SP_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/sqlite_handle.h"
#include "store/store_int.h"

static inline sqlite3 *sqlite_db(struct store *st)
{
    return sqlite_handle(st->conn);
}

enum sp_code sqlite_error(struct store *st, int src, const char *unique_field, struct sp_err *err);
enum sp_code sqlite_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt,
                            struct sp_err *err);
void sqlite_release(struct store *st, sqlite3_stmt *stmt);
int sqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text);
const char *sqlite_column_dup(sqlite3_stmt *stmt, int col, struct sp_arena *arena);
enum sp_code sqlite_step_done(struct store *st, sqlite3_stmt *stmt, const char *unique_field,
                              struct sp_err *err);

/* "3,6,12" → out (at most max; pieces that are not whole numbers are skipped): the comma lists
 * of project columns (store_split_ints in rows.c). */
size_t sqlite_split_ints(const char *text, int *out, size_t max);

#endif
