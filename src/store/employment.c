/* The employment and education track's episodes and follow-along contacts (migrations 0003 and
 * 0015; docs/employment-track.md). The rules between the members are core/episode.c's: the store
 * keeps what it is given. */
#include <string.h>

#include "store/store_int.h"

#define EPISODE_COLUMNS                                                                            \
    " e.id, e.enrolment_id, e.kind, e.start_date, e.end_date, e.hours_per_week, e.place,"          \
    " e.employer_id, m.name, e.institution, e.programme, e.level, e.purpose, e.end_reason,"        \
    " e.contact_allowed, e.created_by, u.display_name, e.created_at, e.version"                    \
    " FROM episode e LEFT JOIN employer m ON m.id = e.employer_id"                                 \
    " LEFT JOIN app_user u ON u.id = e.created_by"

/* A store_row_reader of struct episode. */
static enum sp_code read_episode(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                 void *item, struct sp_err *err)
{
    struct episode *ep = item;

    (void)st;
    (void)err;
    memset(ep, 0, sizeof *ep);
    ep->id = sql_column_int64(stmt, 0);
    ep->enrolment_id = sql_column_int64(stmt, 1);
    ep->kind = sql_column_dup(stmt, 2, arena);
    ep->start_date = sql_column_dup(stmt, 3, arena);
    ep->end_date = sql_column_dup(stmt, 4, arena);
    ep->hours_per_week = sql_column_int(stmt, 5); /* NULL reads as 0 */
    ep->place = sql_column_dup(stmt, 6, arena);
    ep->employer_id = sql_column_int64(stmt, 7);
    ep->employer_name = sql_column_dup(stmt, 8, arena);
    ep->institution = sql_column_dup(stmt, 9, arena);
    ep->programme = sql_column_dup(stmt, 10, arena);
    ep->level = sql_column_dup(stmt, 11, arena);
    ep->purpose = sql_column_dup(stmt, 12, arena);
    ep->end_reason = sql_column_dup(stmt, 13, arena);
    ep->contact_allowed = sql_column_bool(stmt, 14);
    ep->created_by = sql_column_int64(stmt, 15);
    ep->created_by_name = sql_column_dup(stmt, 16, arena);
    ep->created_at = sql_column_dup(stmt, 17, arena);
    ep->version = sql_column_int64(stmt, 18);
    return SP_OK;
}

/* The members a write sets, as parameters $first … $first+11. */
static void bind_episode(struct sql_stmt *stmt, int first, const struct episode *ep)
{
    sql_bind_text(stmt, first, ep->kind);
    sql_bind_text(stmt, first + 1, ep->start_date);
    sql_bind_text(stmt, first + 2, ep->end_date);
    store_bind_positive_or_null(stmt, first + 3, ep->hours_per_week);
    sql_bind_text(stmt, first + 4, ep->place);
    store_bind_positive_or_null(stmt, first + 5, ep->employer_id);
    sql_bind_text(stmt, first + 6, ep->institution);
    sql_bind_text(stmt, first + 7, ep->programme);
    sql_bind_text(stmt, first + 8, ep->level);
    sql_bind_text(stmt, first + 9, ep->purpose);
    sql_bind_text(stmt, first + 10, ep->end_reason);
    sql_bind_bool(stmt, first + 11, ep->contact_allowed);
}

enum sp_code store_episode_create(struct store *st, struct episode *ep, const char *now,
                                  struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO episode (enrolment_id, kind, start_date, end_date, hours_per_week, place,"
        " employer_id, institution, programme, level, purpose, end_reason, contact_allowed,"
        " created_by, version, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15)"
        " RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, ep->enrolment_id);
    bind_episode(stmt, 2, ep);
    store_bind_positive_or_null(stmt, 14, ep->created_by);
    sql_bind_text(stmt, 15, now);
    ep->version = 1;
    ep->created_at = now;
    return store_insert_id(stmt, "episode", &ep->id, err);
}

enum sp_code store_episode_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                struct episode **items, size_t *count, struct sp_err *err)
{
    /* Every episode, never cut at a fixed number: the employment summary looks for the one
     * going on today, which a cut could leave out. */
    static const char sql[] =
        "SELECT" EPISODE_COLUMNS " WHERE e.enrolment_id = $1 ORDER BY e.start_date DESC, e.id DESC";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, enrolment_id, sizeof **items, read_episode,
                                        &rows, count, err);

    *items = rows;
    return rc;
}

enum sp_code store_episode_page(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct episode **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    /* One range of episode_enrolment, newest start first; the cursor is the last one's id. */
    static const char sql[] =
        "SELECT" EPISODE_COLUMNS " WHERE e.enrolment_id = $1"
        " AND ($2 = 0 OR (e.start_date, e.id) < (SELECT p.start_date, p.id FROM episode p"
        " WHERE p.id = $2)) ORDER BY e.start_date DESC, e.id DESC LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_episode, &rows, count, more, err);

    *items = rows;
    return rc;
}

enum sp_code store_episode_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct episode *ep, struct sp_err *err)
{
    static const char sql[] = "SELECT" EPISODE_COLUMNS " WHERE e.id = $1";

    return store_read_one(st, arena, sql, id, "episode", read_episode, ep, err);
}

enum sp_code store_episode_update(struct store *st, const struct episode *ep, int64_t if_version,
                                  int64_t *version, struct sp_err *err)
{
    static const char sql[] =
        "UPDATE episode SET kind = $3, start_date = $4, end_date = $5, hours_per_week = $6,"
        " place = $7, employer_id = $8, institution = $9, programme = $10, level = $11,"
        " purpose = $12, end_reason = $13, contact_allowed = $14, version = version + 1"
        " WHERE id = $1 AND version = $2 RETURNING version";
    static const char version_sql[] = "SELECT version FROM episode WHERE id = $1";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, ep->id);
    sql_bind_int64(stmt, 2, if_version);
    bind_episode(stmt, 3, ep);
    return store_update_versioned(st, stmt, version_sql, ep->id, "episode", version, err);
}

/* A store_row_reader of struct follow_along. */
static enum sp_code read_follow_along(struct store *st, struct sql_stmt *stmt,
                                      struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct follow_along *f = item;

    (void)st;
    (void)err;
    f->id = sql_column_int64(stmt, 0);
    f->enrolment_id = sql_column_int64(stmt, 1);
    f->episode_id = sql_column_int64(stmt, 2);
    f->date = sql_column_dup(stmt, 3, arena);
    f->with_whom = sql_column_dup(stmt, 4, arena);
    f->kind = sql_column_dup(stmt, 5, arena);
    f->note = sql_column_dup(stmt, 6, arena);
    f->created_by = sql_column_int64(stmt, 7);
    f->created_by_name = sql_column_dup(stmt, 8, arena);
    f->created_at = sql_column_dup(stmt, 9, arena);
    return SP_OK;
}

enum sp_code store_follow_along_add(struct store *st, struct follow_along *f, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO follow_along (enrolment_id, episode_id, date, with_whom, kind, note,"
        " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, f->enrolment_id);
    sql_bind_int64(stmt, 2, f->episode_id);
    sql_bind_text(stmt, 3, f->date);
    sql_bind_text(stmt, 4, f->with_whom);
    sql_bind_text(stmt, 5, f->kind);
    sql_bind_text(stmt, 6, f->note);
    sql_bind_int64(stmt, 7, f->created_by);
    sql_bind_text(stmt, 8, f->created_at);
    return store_insert_id(stmt, "follow-along contact", &f->id, err);
}

enum sp_code store_follow_along_page(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                     const struct store_page *page, struct follow_along **items,
                                     size_t *count, bool *more, struct sp_err *err)
{
    /* One range of follow_along_enrolment, newest first; the cursor is the last one's id. */
    static const char sql[] =
        "SELECT f.id, f.enrolment_id, f.episode_id, f.date, f.with_whom, f.kind, f.note,"
        " f.created_by, u.display_name, f.created_at FROM follow_along f"
        " JOIN app_user u ON u.id = f.created_by WHERE f.enrolment_id = $1"
        " AND ($2 = 0 OR (f.date, f.id) < (SELECT p.date, p.id FROM follow_along p"
        " WHERE p.id = $2)) ORDER BY f.date DESC, f.id DESC LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_follow_along, &rows, count, more, err);

    *items = rows;
    return rc;
}

static enum sp_code read_mark(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                              void *item, struct sp_err *err)
{
    struct store_follow_along_mark *m = item;

    (void)st;
    (void)err;
    m->enrolment_id = sql_column_int64(stmt, 0);
    m->episode_id = sql_column_int64(stmt, 1);
    m->start_date = sql_column_dup(stmt, 2, arena);
    m->end_date = sql_column_dup(stmt, 3, arena);
    m->end_reason = sql_column_dup(stmt, 4, arena);
    m->latest = sql_column_dup(stmt, 5, arena);
    return SP_OK;
}

/* Every row of sql, whose one parameter $1 is the set of enrolments. */
static enum sp_code read_for_enrolments(struct store *st, struct sp_arena *arena, const char *sql,
                                        const struct store_ids *enrolments, void **items,
                                        size_t *count, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    if (rc != SP_OK)
        return rc;
    sql_bind_ids(stmt, 1, enrolments->ids, enrolments->count);
    rc = store_read_all(st, stmt, arena, sizeof(struct store_follow_along_mark), read_mark, items,
                        count, err);
    sql_release(stmt);
    return rc;
}

enum sp_code store_follow_along_latest(struct store *st, struct sp_arena *arena,
                                       const struct store_ids *enrolments,
                                       struct store_follow_along_mark **items, size_t *count,
                                       struct sp_err *err)
{
    /* One row per enrolment with a contact: the columns of an episode are NULL. */
    static const char sql[] =
        "SELECT f.enrolment_id, 0, NULL, NULL, NULL, MAX(f.date) FROM follow_along f"
        " WHERE f.enrolment_id = ANY($1) GROUP BY f.enrolment_id ORDER BY f.enrolment_id";
    void *rows = NULL;
    enum sp_code rc = read_for_enrolments(st, arena, sql, enrolments, &rows, count, err);

    *items = rows;
    return rc;
}

enum sp_code store_follow_along_by_episode(struct store *st, struct sp_arena *arena,
                                           const struct store_ids *enrolments,
                                           struct store_follow_along_mark **items, size_t *count,
                                           struct sp_err *err)
{
    static const char sql[] =
        "SELECT e.enrolment_id, e.id, e.start_date, e.end_date, e.end_reason, MAX(f.date)"
        " FROM episode e LEFT JOIN follow_along f ON f.episode_id = e.id"
        " WHERE e.enrolment_id = ANY($1)"
        " GROUP BY e.enrolment_id, e.id, e.start_date, e.end_date, e.end_reason"
        " ORDER BY e.enrolment_id, e.start_date, e.id";
    void *rows = NULL;
    enum sp_code rc = read_for_enrolments(st, arena, sql, enrolments, &rows, count, err);

    *items = rows;
    return rc;
}
