/* Projects with their municipalities and target groups. Instrument ids and follow-up months are
 * short ordered lists kept as comma-separated text in the project row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/store_int.h"

/* items joined by commas (malloc'd), sized to hold them all: a list is never cut. */
static char *join_strings(const char *const *items, size_t count)
{
    size_t len = 1;
    char *out;
    char *p;

    for (size_t i = 0; i < count; i++)
        len += strlen(items[i]) + 1;
    out = sp_xmalloc(len);
    p = out;
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(items[i]);

        if (i > 0)
            *p++ = ',';
        memcpy(p, items[i], n);
        p += n;
    }
    *p = '\0';
    return out;
}

/* items joined by commas (malloc'd), or NULL if one did not fit its room (never: an int and its
 * comma take at most 12 characters). */
static char *join_ints(const int *items, size_t count)
{
    size_t cap = 12 * count + 1;
    char *out = sp_xmalloc(cap);
    size_t used = 0;

    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        int n = snprintf(out + used, cap - used, "%s%d", i ? "," : "", items[i]);

        if (n < 0 || (size_t)n >= cap - used) {
            free(out);
            return NULL;
        }
        used += (size_t)n;
    }
    return out;
}

/* Split "a,b,c" (arena copies) into at most max parts; empty text gives none. */
static size_t split_strings(struct sp_arena *arena, const char *text, const char **out, size_t max)
{
    const char *rest = text != NULL && *text != '\0' ? text : NULL;
    const char *piece;
    size_t len;
    size_t n = 0;

    while (store_next_piece(&rest, &piece, &len))
        if (n < max)
            out[n++] = sp_arena_strndup(arena, piece, len);
    return n;
}

/* One row of a link table: $1 the project, $2 the code, $3 its position in the list. Prepared per
 * row (a cached statement): a statement stepped to its end takes new values only once reset. */
static enum sp_code insert_link(struct store *st, const char *sql, int64_t project_id,
                                const char *code, size_t position, const char *field,
                                struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, project_id);
        sql_bind_text(stmt, 2, code);
        sql_bind_int64(stmt, 3, (int64_t)position);
        rc = sql_step_done(stmt, field, err);
    }
    sql_release(stmt);
    return rc;
}

static enum sp_code insert_links(struct store *st, const struct project *p, struct sp_err *err)
{
    static const char municipality[] =
        "INSERT INTO project_municipality (project_id, municipality_code, position)"
        " VALUES ($1, $2, $3)";
    static const char target_group[] =
        "INSERT INTO project_target_group (project_id, target_group_code, position)"
        " VALUES ($1, $2, $3)";
    enum sp_code rc = SP_OK;

    for (size_t i = 0; rc == SP_OK && i < p->municipality_count; i++)
        rc = insert_link(st, municipality, p->id, p->municipalities[i].code, i, "/municipalities",
                         err);
    for (size_t i = 0; rc == SP_OK && i < p->target_group_count; i++)
        rc = insert_link(st, target_group, p->id, p->target_groups[i], i, "/target_groups", err);
    return rc;
}

/* The 9 treatment numbers from index first; -1 (not used) as NULL. */
static void bind_treatment(struct sql_stmt *stmt, int first, const struct project_treatment *t)
{
    const int values[] = {t->not_improving_weeks, t->response_percent, t->measurement_overdue_days,
                          t->no_contact_days,     t->screen_phq9_min,  t->screen_gad7_min,
                          t->screen_who5_max,     t->severe_phq9_min,  t->suicide_item9_min};

    for (int i = 0; i < (int)(sizeof values / sizeof values[0]); i++) {
        if (values[i] < 0)
            sql_bind_null(stmt, first + i);
        else
            sql_bind_int64(stmt, first + i, values[i]);
    }
}

/* The 4 employment caseload numbers from index first. */
static void bind_employment(struct sql_stmt *stmt, int first, const struct project_employment *e)
{
    sql_bind_int64(stmt, first, e->no_employer_contact_days);
    sql_bind_int64(stmt, first + 1, e->no_contact_days);
    sql_bind_int64(stmt, first + 2, e->follow_along_days);
    sql_bind_int64(stmt, first + 3, e->caseload_limit);
}

/* The members a create and an update both write, as $3..$25 of either statement (the caller
 * binds its own $1, $2 and beyond); run it and read its RETURNING value into *returned, *row
 * false when it matched no row. The comma lists are written out whole or not at all. */
static enum sp_code write_members(struct sql_stmt *stmt, const struct project *p,
                                  const char *unique_field, bool *row, int64_t *returned,
                                  struct sp_err *err)
{
    char *instruments = join_strings(p->instruments, p->instrument_count);
    char *followups = join_ints(p->followup_months, p->followup_count);
    enum sp_code rc = SP_OK;

    *row = false;
    if (followups == NULL) {
        sp_log(SP_LOG_ERROR, "a project's follow-up months could not be written out");
        rc = sp_err_set(err, SP_INTERNAL, "", "The project could not be stored. See the log.");
    } else {
        sql_bind_text(stmt, 3, p->name);
        sql_bind_text(stmt, 4, p->description);
        sql_bind_text(stmt, 5, p->region.code);
        sql_bind_text(stmt, 6, p->period_start);
        sql_bind_text(stmt, 7, p->period_end);
        sql_bind_int64(stmt, 8, p->target_count);
        sql_bind_int64(stmt, 9, p->age_min);
        sql_bind_int64(stmt, 10, p->age_max);
        sql_bind_text(stmt, 11, instruments);
        sql_bind_text(stmt, 12, followups);
        bind_treatment(stmt, 13, &p->treatment);
        bind_employment(stmt, 22, &p->employment);
        rc = sql_step(stmt, row, unique_field, err);
    }
    if (rc == SP_OK && *row)
        *returned = sql_column_int64(stmt, 0);
    free(instruments);
    free(followups);
    return rc;
}

enum sp_code store_project_create(struct store *st, struct project *p, const char *now,
                                  struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO project (slug, randomised, name, description, region_code, period_start,"
        " period_end, target_count, age_min, age_max, instruments, followup_months,"
        " not_improving_weeks, response_percent, measurement_overdue_days, no_contact_days,"
        " screen_phq9_min, screen_gad7_min, screen_who5_max, severe_phq9_min, suicide_item9_min,"
        " no_employer_contact_days, employment_no_contact_days, follow_along_days, caseload_limit,"
        " created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
        " $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, 1) RETURNING id";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, p->slug);
        sql_bind_bool(stmt, 2, p->randomised);
        sql_bind_text(stmt, 26, now);
        rc = write_members(stmt, p, "/slug", &row, &p->id, err);
    }
    sql_release(stmt);
    if (rc == SP_OK && !row)
        rc = sp_err_set(err, SP_INTERNAL, "", "The project was not stored.");
    if (rc != SP_OK)
        return rc;
    p->version = 1;
    return insert_links(st, p, err);
}

#define PROJECT_COLUMNS                                                                            \
    "p.id, p.slug, p.name, p.description, p.region_code, r.name, p.period_start, p.period_end,"    \
    " p.target_count, p.age_min, p.age_max, p.instruments, p.followup_months, p.randomised,"       \
    " p.version, " STORE_TREATMENT_COLUMNS(                                                        \
        "p") ", p.no_employer_contact_days,"                                                       \
             " p.employment_no_contact_days, p.follow_along_days, p.caseload_limit"

/* A store_row_reader of struct project, without its link lists (read_project_links). */
static enum sp_code read_project_row(struct store *st, struct sql_stmt *stmt,
                                     struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct project *p = item;

    (void)st;
    (void)err;
    p->id = sql_column_int64(stmt, 0);
    p->slug = sql_column_dup(stmt, 1, arena);
    p->name = sql_column_dup(stmt, 2, arena);
    p->description = sql_column_dup(stmt, 3, arena);
    p->region.code = sql_column_dup(stmt, 4, arena);
    p->region.name = sql_column_dup(stmt, 5, arena);
    p->period_start = sql_column_dup(stmt, 6, arena);
    p->period_end = sql_column_dup(stmt, 7, arena);
    p->target_count = sql_column_int64(stmt, 8);
    p->age_min = sql_column_int(stmt, 9);
    p->age_max = sql_column_int(stmt, 10);
    p->instrument_count =
        split_strings(arena, sql_column_text(stmt, 11), p->instruments, PROJECT_INSTRUMENTS_MAX);
    p->followup_count =
        store_split_ints(sql_column_text(stmt, 12), p->followup_months, PROJECT_FOLLOWUPS_MAX);
    p->randomised = sql_column_bool(stmt, 13);
    p->version = sql_column_int64(stmt, 14);
    store_read_treatment(stmt, 15, &p->treatment);
    p->employment.no_employer_contact_days = sql_column_int(stmt, 24);
    p->employment.no_contact_days = sql_column_int(stmt, 25);
    p->employment.follow_along_days = sql_column_int(stmt, 26);
    p->employment.caseload_limit = sql_column_int(stmt, 27);
    return SP_OK;
}

/* A link list longer than the record holds is refused, never cut (the API allows no more). */
static enum sp_code too_many_links(struct sp_err *err)
{
    sp_log(SP_LOG_ERROR, "a project has more municipalities or target groups than a record holds");
    return sp_err_set(err, SP_INTERNAL, "", "The project cannot be read. See the log.");
}

static enum sp_code read_municipalities(struct store *st, struct sp_arena *arena, struct project *p,
                                        struct sp_err *err)
{
    static const char sql[] = "SELECT o.code, o.name FROM project_municipality pm"
                              " JOIN organisation o ON o.code = pm.municipality_code"
                              " WHERE pm.project_id = $1 ORDER BY pm.position";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);
    bool row = false;

    p->municipality_count = 0;
    if (rc == SP_OK)
        sql_bind_int64(stmt, 1, p->id);
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        struct org_ref *m;

        if (p->municipality_count == PROJECT_MUNICIPALITIES_MAX) {
            rc = too_many_links(err);
            break;
        }
        m = &p->municipalities[p->municipality_count++];
        m->code = sql_column_dup(stmt, 0, arena);
        m->name = sql_column_dup(stmt, 1, arena);
    }
    sql_release(stmt);
    return rc;
}

static enum sp_code read_target_groups(struct store *st, struct sp_arena *arena, struct project *p,
                                       struct sp_err *err)
{
    static const char sql[] = "SELECT target_group_code FROM project_target_group"
                              " WHERE project_id = $1 ORDER BY position";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);
    bool row = false;

    p->target_group_count = 0;
    if (rc == SP_OK)
        sql_bind_int64(stmt, 1, p->id);
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        if (p->target_group_count == PROJECT_TARGET_GROUPS_MAX) {
            rc = too_many_links(err);
            break;
        }
        p->target_groups[p->target_group_count++] = sql_column_dup(stmt, 0, arena);
    }
    sql_release(stmt);
    return rc;
}

/* Fill municipalities and target groups of p from the link tables. */
static enum sp_code read_project_links(struct store *st, struct sp_arena *arena, struct project *p,
                                       struct sp_err *err)
{
    enum sp_code rc = read_municipalities(st, arena, p, err);

    return rc == SP_OK ? read_target_groups(st, arena, p, err) : rc;
}

enum sp_code store_project_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct project *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " PROJECT_COLUMNS " FROM project p"
                              " LEFT JOIN organisation r ON r.code = p.region_code"
                              " WHERE p.id = $1";
    enum sp_code rc = store_read_one(st, arena, sql, id, "project", read_project_row, out, err);

    return rc == SP_OK ? read_project_links(st, arena, out, err) : rc;
}

enum sp_code store_project_list(struct store *st, struct sp_arena *arena,
                                const struct store_page *page, struct project **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] = "SELECT " PROJECT_COLUMNS " FROM project p"
                              " LEFT JOIN organisation r ON r.code = p.region_code"
                              " WHERE p.id > $1 ORDER BY p.id LIMIT $2";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, page->after);
    sql_bind_int64(stmt, 2, page->limit + 1);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_project_row, &rows, count,
                         more, err);
    *items = rows;
    sql_release(stmt);
    for (size_t i = 0; rc == SP_OK && i < *count; i++)
        rc = read_project_links(st, arena, &(*items)[i], err);
    return rc;
}

/* Drop the project's municipality and target-group rows before insert_links writes the new
 * lists (the position column keeps their order). */
static enum sp_code delete_links(struct store *st, int64_t id, struct sp_err *err)
{
    static const char *const sql[] = {
        "DELETE FROM project_municipality WHERE project_id = $1",
        "DELETE FROM project_target_group WHERE project_id = $1",
    };
    enum sp_code rc = SP_OK;

    for (size_t i = 0; rc == SP_OK && i < sizeof sql / sizeof sql[0]; i++)
        rc = store_run_with_id(st, sql[i], id, err);
    return rc;
}

enum sp_code store_project_update(struct store *st, struct project *p, int64_t if_version,
                                  struct sp_err *err)
{
    /* Conditional on the version read (store.h, optimistic versions): two administrators holding
     * the same version cannot both win, in one process or several. */
    static const char sql[] =
        "UPDATE project SET name = $3, description = $4, region_code = $5, period_start = $6,"
        " period_end = $7, target_count = $8, age_min = $9, age_max = $10, instruments = $11,"
        " followup_months = $12, not_improving_weeks = $13, response_percent = $14,"
        " measurement_overdue_days = $15, no_contact_days = $16, screen_phq9_min = $17,"
        " screen_gad7_min = $18, screen_who5_max = $19, severe_phq9_min = $20,"
        " suicide_item9_min = $21, no_employer_contact_days = $22,"
        " employment_no_contact_days = $23, follow_along_days = $24, caseload_limit = $25,"
        " version = version + 1"
        " WHERE id = $1 AND version = $2 RETURNING version";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, p->id);
        sql_bind_int64(stmt, 2, if_version);
        rc = write_members(stmt, p, NULL, &row, &p->version, err);
    }
    sql_release(stmt);
    if (rc == SP_OK && !row)
        rc = store_stale(st, "SELECT version FROM project WHERE id = $1", p->id, "project", err);
    if (rc == SP_OK)
        rc = delete_links(st, p->id, err);
    if (rc == SP_OK)
        rc = insert_links(st, p, err);
    return rc;
}
