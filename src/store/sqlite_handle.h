/* Transitional: the sqlite3 handle under a SQLite connection, for sqlite_int.h only. */
#ifndef SP_STORE_SQLITE_HANDLE_H
#define SP_STORE_SQLITE_HANDLE_H

#include <sqlite3.h>

#include "store/sql.h"

sqlite3 *sqlite_handle(struct sql_conn *c);

#endif
