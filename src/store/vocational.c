/* The vocational profile, kept over time (migration 0015; docs/employment-track.md "Vocational
 * profile"): every save is a new vocational_profile row with the enrolment's next version and its
 * history entries, written together or not at all. */
#include <string.h>

#include "store/store_int.h"

#define PROFILE_COLUMNS                                                                            \
    " p.id, p.enrolment_id, p.version, p.own_goals, p.work_wanted, p.work_not_wanted,"             \
    " p.hours_wanted, p.places, p.travel, p.disclosure, p.disclosure_note, p.saved_by,"            \
    " u.display_name, p.saved_at FROM vocational_profile p JOIN app_user u ON u.id = p.saved_by"

static enum sp_code read_profile(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                 void *item, struct sp_err *err)
{
    struct vocational_profile *p = item;

    (void)st;
    (void)err;
    memset(p, 0, sizeof *p);
    p->id = sql_column_int64(stmt, 0);
    p->enrolment_id = sql_column_int64(stmt, 1);
    p->version = sql_column_int64(stmt, 2);
    p->own_goals = sql_column_dup(stmt, 3, arena);
    p->work_wanted = sql_column_dup(stmt, 4, arena);
    p->work_not_wanted = sql_column_dup(stmt, 5, arena);
    p->hours_wanted = sql_column_null(stmt, 6) ? -1 : sql_column_int(stmt, 6);
    p->places = sql_column_dup(stmt, 7, arena);
    p->travel = sql_column_dup(stmt, 8, arena);
    p->disclosure = sql_column_dup(stmt, 9, arena);
    p->disclosure_note = sql_column_dup(stmt, 10, arena);
    p->saved_by = sql_column_int64(stmt, 11);
    p->saved_by_name = sql_column_dup(stmt, 12, arena);
    p->saved_at = sql_column_dup(stmt, 13, arena);
    return SP_OK;
}

/* An entry with the id of its profile in front (column 0), so a page's entries are read at once. */
struct entry_row {
    int64_t profile_id;
    struct vocational_entry entry;
};

static enum sp_code read_entry(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                               void *item, struct sp_err *err)
{
    struct entry_row *r = item;

    (void)st;
    (void)err;
    r->profile_id = sql_column_int64(stmt, 0);
    r->entry.area = sql_column_dup(stmt, 1, arena);
    r->entry.level = sql_column_dup(stmt, 2, arena);
    r->entry.description = sql_column_dup(stmt, 3, arena);
    r->entry.from_year = sql_column_int(stmt, 4); /* NULL reads as 0 */
    r->entry.to_year = sql_column_int(stmt, 5);
    r->entry.outcome = sql_column_dup(stmt, 6, arena);
    return SP_OK;
}

/* The history entries of profiles[0..count), each into its profile, in their order. */
static enum sp_code attach_entries(struct store *st, struct sp_arena *arena,
                                   struct vocational_profile *profiles, size_t count,
                                   struct sp_err *err)
{
    static const char sql[] =
        "SELECT profile_id, area, level, description, from_year, to_year, outcome"
        " FROM vocational_history_entry WHERE profile_id = ANY($1) ORDER BY profile_id, position";
    int64_t *ids = sp_arena_alloc(arena, sizeof *ids * (count + 1));
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    size_t n = 0;
    enum sp_code rc;

    for (size_t i = 0; i < count; i++)
        ids[i] = profiles[i].id;
    rc = sql_prepare(st->conn, sql, &stmt, err);
    if (rc != SP_OK)
        return rc;
    sql_bind_ids(stmt, 1, ids, count);
    rc = store_read_all(st, stmt, arena, sizeof(struct entry_row), read_entry, &rows, &n, err);
    sql_release(stmt);
    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        struct vocational_profile *p = &profiles[i];
        const struct entry_row *r = rows;

        p->entries = sp_arena_alloc(arena, sizeof *p->entries * (n + 1));
        for (size_t j = 0; j < n; j++)
            if (r[j].profile_id == p->id)
                p->entries[p->entry_count++] = r[j].entry;
    }
    return rc;
}

enum sp_code store_vocational_current(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, struct vocational_profile *p,
                                      struct sp_err *err)
{
    static const char sql[] = "SELECT" PROFILE_COLUMNS " WHERE p.enrolment_id = $1"
                              " ORDER BY p.version DESC LIMIT 1";
    enum sp_code rc =
        store_read_one(st, arena, sql, enrolment_id, "vocational profile", read_profile, p, err);

    if (rc == SP_OK)
        rc = attach_entries(st, arena, p, 1, err);
    return rc;
}

enum sp_code store_vocational_history(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, const struct store_page *page,
                                      struct vocational_profile **items, size_t *count, bool *more,
                                      struct sp_err *err)
{
    /* Newest first; the cursor is the last version's id (ids grow with the versions). */
    static const char sql[] = "SELECT" PROFILE_COLUMNS " WHERE p.enrolment_id = $1"
                              " AND ($2 = 0 OR p.id < $2) ORDER BY p.id DESC LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_profile, &rows, count, more, err);

    *items = rows;
    if (rc == SP_OK && *count > 0)
        rc = attach_entries(st, arena, *items, *count, err);
    return rc;
}

/* The enrolment's profile version now into *version (0: none saved yet). */
static enum sp_code current_version(struct store *st, int64_t enrolment_id, int64_t *version,
                                    struct sp_err *err)
{
    static const char sql[] =
        "SELECT COALESCE(MAX(version), 0) FROM vocational_profile WHERE enrolment_id = $1";

    return store_read_int64(st, sql, enrolment_id, "vocational profile", version, err);
}

static enum sp_code insert_entry(struct store *st, int64_t profile_id, size_t position,
                                 const struct vocational_entry *e, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO vocational_history_entry (profile_id, position, area, level, description,"
        " from_year, to_year, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, profile_id);
        sql_bind_int64(stmt, 2, (int64_t)position);
        sql_bind_text(stmt, 3, e->area);
        sql_bind_text(stmt, 4, e->level);
        sql_bind_text(stmt, 5, e->description);
        store_bind_positive_or_null(stmt, 6, e->from_year);
        store_bind_positive_or_null(stmt, 7, e->to_year);
        sql_bind_text(stmt, 8, e->outcome);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}

static enum sp_code insert_profile(struct store *st, struct vocational_profile *p,
                                   struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO vocational_profile (enrolment_id, version, own_goals, work_wanted,"
        " work_not_wanted, hours_wanted, places, travel, disclosure, disclosure_note, saved_by,"
        " saved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, p->enrolment_id);
    sql_bind_int64(stmt, 2, p->version);
    sql_bind_text(stmt, 3, p->own_goals);
    sql_bind_text(stmt, 4, p->work_wanted);
    sql_bind_text(stmt, 5, p->work_not_wanted);
    if (p->hours_wanted >= 0)
        sql_bind_int64(stmt, 6, p->hours_wanted);
    else
        sql_bind_null(stmt, 6);
    sql_bind_text(stmt, 7, p->places);
    sql_bind_text(stmt, 8, p->travel);
    sql_bind_text(stmt, 9, p->disclosure);
    sql_bind_text(stmt, 10, p->disclosure_note);
    sql_bind_int64(stmt, 11, p->saved_by);
    sql_bind_text(stmt, 12, p->saved_at);
    return store_insert_id(stmt, "vocational profile", &p->id, err);
}

enum sp_code store_vocational_save(struct store *st, struct vocational_profile *p,
                                   int64_t if_version, struct sp_err *err)
{
    /* The no-op UPDATE locks the enrolment's row, so that two saves of one profile are ordered
     * and the second compares against the first (as store_coordinator_set). */
    static const char lock[] = "UPDATE enrolment SET version = version WHERE id = $1";
    int64_t current = 0;
    enum sp_code rc = store_run_with_id(st, lock, p->enrolment_id, err);

    if (rc == SP_OK)
        rc = current_version(st, p->enrolment_id, &current, err);
    if (rc == SP_OK && current != if_version && if_version == 0)
        return sp_err_set(err, SP_PRECONDITION, "If-Match",
                          "This enrolment has a vocational profile: send If-Match with the ETag "
                          "you read to save a new version.");
    if (rc == SP_OK && current != if_version && current == 0)
        return sp_err_set(err, SP_NOT_FOUND, "",
                          "No vocational profile has been saved yet: save the first without "
                          "If-Match.");
    if (rc == SP_OK && current != if_version) {
        err->current_version = current;
        return sp_err_set(err, SP_STALE, "",
                          "The vocational profile has changed since it was read. Read it again "
                          "and retry.");
    }
    p->version = current + 1;
    if (rc == SP_OK)
        rc = insert_profile(st, p, err);
    for (size_t i = 0; rc == SP_OK && i < p->entry_count; i++)
        rc = insert_entry(st, p->id, i, &p->entries[i], err);
    return rc;
}
