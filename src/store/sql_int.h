/* The engine side of sql.h: each driver (sqlite.c, pg.c) fills one struct sql_driver, and its
 * connection and statement structs start with struct sql_conn and struct sql_stmt. Included by
 * sql.c and the drivers only. */
#ifndef SP_STORE_SQL_INT_H
#define SP_STORE_SQL_INT_H

#include "store/sql.h"

struct sql_driver {
    const char *name;
    enum sql_engine engine;
    enum sp_code (*open)(const char *target, struct sql_conn **out, struct sp_err *err);
    void (*close)(struct sql_conn *c);
    enum sp_code (*exec)(struct sql_conn *c, const char *script, struct sp_err *err);
    enum sp_code (*begin)(struct sql_conn *c, enum sql_txn kind, struct sp_err *err);
    enum sp_code (*commit)(struct sql_conn *c, struct sp_err *err);
    void (*rollback)(struct sql_conn *c);
    enum sp_code (*ping)(struct sql_conn *c, struct sp_err *err);
    enum sp_code (*prepare)(struct sql_conn *c, const char *sql, struct sql_stmt **out,
                            struct sp_err *err);
    void (*release)(struct sql_stmt *s);
    void (*bind_int64)(struct sql_stmt *s, int index, int64_t v);
    /* text NULL and ids NULL bind a NULL of that type: PostgreSQL cannot infer the type of a
     * parameter whose first use is `$N IS NULL`. bind_null's NULL has no type. */
    void (*bind_text)(struct sql_stmt *s, int index, const char *text);
    void (*bind_null)(struct sql_stmt *s, int index);
    void (*bind_ids)(struct sql_stmt *s, int index, const int64_t *ids, size_t count);
    enum sp_code (*step)(struct sql_stmt *s, bool *row, const char *unique_field,
                         struct sp_err *err);
    int64_t (*changes)(struct sql_stmt *s);
    bool (*column_null)(struct sql_stmt *s, int col);
    int64_t (*column_int64)(struct sql_stmt *s, int col);
    const char *(*column_text)(struct sql_stmt *s, int col);
    int (*column_count)(struct sql_stmt *s);
    const char *(*column_name)(struct sql_stmt *s, int col);
    bool (*column_is_integer)(struct sql_stmt *s, int col);
    enum sp_code (*identity_resync)(struct sql_conn *c, const char *table, struct sp_err *err);
};

struct sql_conn {
    const struct sql_driver *driver;
};

struct sql_stmt {
    struct sql_conn *conn;
};

/* Fault injection's check: true (err set to SP_UNAVAILABLE, or SP_BUSY after sql_fault_busy_at)
 * when this storage call is one to fail. */
bool sql_fault_check(struct sp_err *err);

extern const struct sql_driver sql_sqlite_driver;
extern const struct sql_driver sql_pg_driver;

/* The errors every driver maps its own codes to (sql.h's contract). */
enum sp_code sql_err_conflict(struct sp_err *err, const char *unique_field);
enum sp_code sql_err_busy(struct sp_err *err);
enum sp_code sql_err_internal(struct sp_err *err);
enum sp_code sql_err_unavailable(struct sp_err *err);

#endif
