/* The hash-chained audit log (its hashes are made in src/audit/). */
#include "store/sqlite_int.h"

enum sp_code store_audit_last(struct store *st, struct sp_arena *arena, int64_t *seq,
                              const char **hash, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1", &stmt, err);

    *seq = 0;
    *hash = NULL;
    if (rc == SP_OK) {
        int src = sqlite3_step(stmt);

        if (src == SQLITE_ROW) {
            *seq = sqlite3_column_int64(stmt, 0);
            *hash = sqlite_column_dup(stmt, 1, arena);
        } else if (src != SQLITE_DONE) {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

/* An id of 0 means none and is stored as NULL (audit_event.user_id and citizen_id are nullable). */
static int bind_id(sqlite3_stmt *stmt, int index, int64_t id)
{
    return id > 0 ? sqlite3_bind_int64(stmt, index, id) : sqlite3_bind_null(stmt, index);
}

/* A seq already taken is SP_CONFLICT (two writers raced for the chain's next link). */
enum sp_code store_audit_insert(struct store *st, const struct audit_event *e, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO audit_event (seq, time, user_id, username, role, citizen_id, action, route,"
        " purpose, outcome, prev_hash, hash)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, e->seq);
        sqlite_bind_text(stmt, 2, e->time);
        bind_id(stmt, 3, e->user_id);
        sqlite_bind_text(stmt, 4, e->username);
        sqlite_bind_text(stmt, 5, e->role);
        bind_id(stmt, 6, e->citizen_id);
        sqlite_bind_text(stmt, 7, e->action);
        sqlite_bind_text(stmt, 8, e->route);
        sqlite_bind_text(stmt, 9, e->purpose);
        sqlite_bind_text(stmt, 10, e->outcome);
        sqlite_bind_text(stmt, 11, e->prev_hash);
        sqlite_bind_text(stmt, 12, e->hash);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

#define AUDIT_COLUMNS                                                                              \
    "seq, time, user_id, username, role, citizen_id, action, route, purpose, outcome, prev_hash,"  \
    " hash"

static void read_audit(sqlite3_stmt *stmt, struct sp_arena *arena, struct audit_event *e)
{
    e->seq = sqlite3_column_int64(stmt, 0);
    e->time = sqlite_column_dup(stmt, 1, arena);
    e->user_id = sqlite3_column_int64(stmt, 2); /* NULL reads as 0: none */
    e->username = sqlite_column_dup(stmt, 3, arena);
    e->role = sqlite_column_dup(stmt, 4, arena);
    e->citizen_id = sqlite3_column_int64(stmt, 5); /* NULL reads as 0: none */
    e->action = sqlite_column_dup(stmt, 6, arena);
    e->route = sqlite_column_dup(stmt, 7, arena);
    e->purpose = sqlite_column_dup(stmt, 8, arena);
    e->outcome = sqlite_column_dup(stmt, 9, arena);
    e->prev_hash = sqlite_column_dup(stmt, 10, arena);
    e->hash = sqlite_column_dup(stmt, 11, arena);
    e->display_name = NULL;
}

enum sp_code store_audit_scan(struct store *st, struct sp_arena *arena, int64_t after_seq,
                              int limit, struct audit_event **items, size_t *count,
                              struct sp_err *err)
{
    static const char sql[] =
        "SELECT " AUDIT_COLUMNS " FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2";
    sqlite3_stmt *stmt = NULL;
    size_t cap = limit > 0 ? (size_t)limit : 0;
    enum sp_code rc = SP_OK;
    int src = SQLITE_DONE;

    *count = 0;
    *items = sp_arena_alloc(arena, sizeof **items * (cap > 0 ? cap : 1));
    if (cap == 0)
        return SP_OK;
    rc = sqlite_prepare(st, sql, &stmt, err);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, after_seq);
        sqlite3_bind_int(stmt, 2, limit);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW && *count < cap)
            read_audit(stmt, arena, &(*items)[(*count)++]);
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_audit_list_citizen(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                      const char *skip_purpose, const struct store_page *page,
                                      struct audit_event **items, size_t *count, bool *more,
                                      struct sp_err *err)
{
    /* The purpose filter is in the WHERE, before LIMIT: filtering afterwards would answer short
     * or empty pages with a cursor. */
    /* The user's display name comes from the account, for people reading the log: a name says
     * more to a young person than a username. It is not part of the hashed event. */
    static const char sql[] =
        "SELECT a.seq, a.time, a.user_id, a.username, a.role, a.citizen_id, a.action, a.route,"
        " a.purpose, a.outcome, a.prev_hash, a.hash, u.display_name"
        " FROM audit_event a LEFT JOIN app_user u ON u.id = a.user_id WHERE a.citizen_id = $1"
        " AND ($2 = 0 OR a.seq < $2) AND ($4 IS NULL OR a.purpose <> $4)"
        " ORDER BY a.seq DESC LIMIT $3";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, citizen_id);
        sqlite3_bind_int64(stmt, 2, page->after);
        sqlite3_bind_int(stmt, 3, page->limit + 1);
        sqlite_bind_text(stmt, 4, skip_purpose);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (*count == (size_t)page->limit) {
                *more = true;
                break;
            }
            read_audit(stmt, arena, &(*items)[*count]);
            (*items)[(*count)++].display_name = sqlite_column_dup(stmt, 12, arena);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}
