/* The helpers the store areas share (store_int.h): readers of rows, lists and column groups,
 * and runners of statements keyed by ids. */
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "core/enrolment.h"
#include "store/store_int.h"

_Static_assert(ENROLMENT__COUNT == 7, "STORE_STATUS_IN has one parameter per enrolment status");

void store_bind_statuses(struct sql_stmt *stmt, unsigned statuses)
{
    for (int s = 0; s < ENROLMENT__COUNT; s++)
        sql_bind_text(stmt, 2 + s,
                      statuses & (1u << s) ? core_enrolment_status_name((enum enrolment_status)s)
                                           : NULL);
}

void store_read_treatment(struct sql_stmt *stmt, int first, struct project_treatment *out)
{
    int *fields[] = {
        &out->not_improving_weeks, &out->response_percent, &out->measurement_overdue_days,
        &out->no_contact_days,     &out->screen_phq9_min,  &out->screen_gad7_min,
        &out->screen_who5_max,     &out->severe_phq9_min,  &out->suicide_item9_min};

    for (int i = 0; i < (int)(sizeof fields / sizeof fields[0]); i++)
        *fields[i] = sql_column_null(stmt, first + i) ? -1 : sql_column_int(stmt, first + i);
}

bool store_next_piece(const char **rest, const char **piece, size_t *len)
{
    const char *p = *rest;

    if (p == NULL)
        return false;
    *piece = p;
    *len = strcspn(p, ",");
    *rest = p[*len] == ',' ? p + *len + 1 : NULL;
    return true;
}

size_t store_split_ints(const char *text, int *out, size_t max)
{
    const char *rest = text != NULL && *text != '\0' ? text : NULL;
    const char *piece;
    size_t len;
    size_t n = 0;

    while (store_next_piece(&rest, &piece, &len)) {
        int64_t v;

        if (n < max && sp_parse_i64(piece, len, &v))
            out[n++] = (int)v;
    }
    return n;
}

enum sp_code store_read_page(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                             const struct store_page *page, size_t size, store_row_reader read,
                             void **items, size_t *count, bool *more, struct sp_err *err)
{
    char *out = sp_arena_alloc(arena, size * (size_t)(page->limit > 0 ? page->limit : 1));
    bool row = true;
    enum sp_code rc = SP_OK;

    *items = out;
    *count = 0;
    *more = false;
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        if (*count == (size_t)page->limit) {
            *more = true;
            break;
        }
        rc = read(st, stmt, arena, out + size * (*count)++, err);
    }
    return rc;
}

enum sp_code store_read_all(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                            size_t size, store_row_reader read, void **items, size_t *count,
                            struct sp_err *err)
{
    size_t cap = 16;
    char *out = sp_arena_alloc(arena, size * cap);
    bool row = true;
    enum sp_code rc = SP_OK;

    *count = 0;
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        if (*count == cap)
            out = store_grow(arena, out, size, &cap);
        rc = read(st, stmt, arena, out + size * (*count)++, err);
    }
    *items = out;
    return rc;
}

enum sp_code store_read_int64(struct store *st, const char *sql, int64_t id, const char *what,
                              int64_t *out, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, id);
        rc = sql_step_one(stmt, what, err);
    }
    if (rc == SP_OK)
        *out = sql_column_int64(stmt, 0);
    sql_release(stmt);
    return rc;
}

enum sp_code store_stale(struct store *st, const char *version_sql, int64_t id, const char *what,
                         struct sp_err *err)
{
    int64_t current = 0;
    enum sp_code rc = store_read_int64(st, version_sql, id, what, &current, err);

    if (rc != SP_OK)
        return rc;
    err->current_version = current;
    return sp_err_set(err, SP_STALE, "",
                      "The %s has changed since it was read. Read it again and retry.", what);
}

enum sp_code store_read_all_of(struct store *st, struct sp_arena *arena, const char *sql,
                               int64_t id, size_t size, store_row_reader read, void **items,
                               size_t *count, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, id);
    rc = store_read_all(st, stmt, arena, size, read, items, count, err);
    sql_release(stmt);
    return rc;
}

enum sp_code store_read_page_of(struct store *st, struct sp_arena *arena, const char *sql,
                                int64_t id, const struct store_page *page, size_t size,
                                store_row_reader read, void **items, size_t *count, bool *more,
                                struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, id);
    sql_bind_int64(stmt, 2, page->after);
    sql_bind_int64(stmt, 3, (int64_t)page->limit + 1);
    rc = store_read_page(st, stmt, arena, page, size, read, items, count, more, err);
    sql_release(stmt);
    return rc;
}

enum sp_code store_insert_id(struct sql_stmt *stmt, const char *what, int64_t *id,
                             struct sp_err *err)
{
    enum sp_code rc = sql_step_one(stmt, what, err);

    if (rc == SP_OK)
        *id = sql_column_int64(stmt, 0);
    sql_release(stmt);
    return rc;
}

static int id_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

enum sp_code store_insert_ids(struct sql_stmt *stmt, const char *what, int64_t *ids, size_t count,
                              struct sp_err *err)
{
    size_t n = 0;
    bool row = true;
    enum sp_code rc = SP_OK;

    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row)
        if (n < count)
            ids[n++] = sql_column_int64(stmt, 0);
    sql_release(stmt);
    if (rc == SP_OK && n != count)
        rc = sp_err_set(err, SP_INTERNAL, "", "Not every %s was stored.", what);
    if (rc == SP_OK)
        qsort(ids, n, sizeof *ids, id_cmp);
    return rc;
}

enum sp_code store_update_versioned(struct store *st, struct sql_stmt *stmt,
                                    const char *version_sql, int64_t id, const char *what,
                                    int64_t *version, struct sp_err *err)
{
    bool row = false;
    enum sp_code rc = sql_step(stmt, &row, NULL, err);

    if (rc == SP_OK && row)
        *version = sql_column_int64(stmt, 0);
    sql_release(stmt);
    if (rc == SP_OK && !row)
        rc = store_stale(st, version_sql, id, what, err);
    return rc;
}

/* sql run to its end with $1 bound to first and, when params is 2, $2 to second. */
static enum sp_code run_with(struct store *st, const char *sql, int params, int64_t first,
                             int64_t second, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, first);
        if (params == 2)
            sql_bind_int64(stmt, 2, second);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_run_with_id(struct store *st, const char *sql, int64_t id, struct sp_err *err)
{
    return run_with(st, sql, 1, id, 0, err);
}

enum sp_code store_run_with_ints(struct store *st, const char *sql, int64_t first, int64_t second,
                                 struct sp_err *err)
{
    return run_with(st, sql, 2, first, second, err);
}

/* The one row of sql with $1 bound to key_text, or to key_id when key_text is NULL. */
static enum sp_code read_one_by(struct store *st, struct sp_arena *arena, const char *sql,
                                const char *key_text, int64_t key_id, const char *what,
                                store_row_reader read, void *item, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        if (key_text != NULL)
            sql_bind_text(stmt, 1, key_text);
        else
            sql_bind_int64(stmt, 1, key_id);
        rc = sql_step_one(stmt, what, err);
    }
    if (rc == SP_OK)
        rc = read(st, stmt, arena, item, err);
    sql_release(stmt);
    return rc;
}

enum sp_code store_read_one(struct store *st, struct sp_arena *arena, const char *sql, int64_t id,
                            const char *what, store_row_reader read, void *item, struct sp_err *err)
{
    return read_one_by(st, arena, sql, NULL, id, what, read, item, err);
}

enum sp_code store_read_one_by_text(struct store *st, struct sp_arena *arena, const char *sql,
                                    const char *key, const char *what, store_row_reader read,
                                    void *item, struct sp_err *err)
{
    return read_one_by(st, arena, sql, key, 0, what, read, item, err);
}

void store_bind_positive_or_null(struct sql_stmt *stmt, int index, int64_t v)
{
    if (v > 0)
        sql_bind_int64(stmt, index, v);
    else
        sql_bind_null(stmt, index);
}
