/* Projects with their municipalities and target groups. Instrument ids and follow-up months are
 * short ordered lists kept as comma-separated text in the project row. */
#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "store/sqlite_int.h"

static void join_strings(char *buf, size_t cap, const char *const *items, size_t count)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < count && used < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? "," : "", items[i]);
}

static void join_ints(char *buf, size_t cap, const int *items, size_t count)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < count && used < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%d", i ? "," : "", items[i]);
}

/* Split "a,b,c" (an arena copy) into at most max parts; empty text gives none. */
static size_t split_strings(struct sp_arena *arena, const char *text, const char **out, size_t max)
{
    size_t n = 0;
    const char *start = text;

    if (text == NULL || *text == '\0')
        return 0;
    for (const char *p = text;; p++) {
        if (*p == ',' || *p == '\0') {
            if (n < max)
                out[n++] = sp_arena_strndup(arena, start, (size_t)(p - start));
            if (*p == '\0')
                break;
            start = p + 1;
        }
    }
    return n;
}

size_t sqlite_split_ints(const char *text, int *out, size_t max)
{
    size_t n = 0;
    const char *start = text;

    if (text == NULL || *text == '\0')
        return 0;
    for (const char *p = text;; p++) {
        if (*p == ',' || *p == '\0') {
            int64_t v;

            if (n < max && sp_parse_i64(start, (size_t)(p - start), &v))
                out[n++] = (int)v;
            if (*p == '\0')
                break;
            start = p + 1;
        }
    }
    return n;
}

static enum sp_code insert_links(struct store *st, const struct project *p, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc =
        sqlite_prepare(st,
                       "INSERT INTO project_municipality (project_id, municipality_code, position)"
                       " VALUES ($1, $2, $3)",
                       &stmt, err);

    for (size_t i = 0; rc == SP_OK && i < p->municipality_count; i++) {
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, p->id);
        sqlite_bind_text(stmt, 2, p->municipalities[i].code);
        sqlite3_bind_int64(stmt, 3, (sqlite3_int64)i);
        rc = sqlite_step_done(st, stmt, "/municipalities", err);
    }
    sqlite_release(st, stmt);
    stmt = NULL;
    if (rc == SP_OK)
        rc = sqlite_prepare(st,
                            "INSERT INTO project_target_group (project_id, target_group_code,"
                            " position) VALUES ($1, $2, $3)",
                            &stmt, err);
    for (size_t i = 0; rc == SP_OK && i < p->target_group_count; i++) {
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, p->id);
        sqlite_bind_text(stmt, 2, p->target_groups[i]);
        sqlite3_bind_int64(stmt, 3, (sqlite3_int64)i);
        rc = sqlite_step_done(st, stmt, "/target_groups", err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* The 9 treatment numbers from index first; -1 (not used) as NULL. */
static void bind_treatment(sqlite3_stmt *stmt, int first, const struct project_treatment *t)
{
    const int values[] = {t->not_improving_weeks, t->response_percent, t->measurement_overdue_days,
                          t->no_contact_days,     t->screen_phq9_min,  t->screen_gad7_min,
                          t->screen_who5_max,     t->severe_phq9_min,  t->suicide_item9_min};

    for (int i = 0; i < (int)(sizeof values / sizeof values[0]); i++) {
        if (values[i] < 0)
            sqlite3_bind_null(stmt, first + i);
        else
            sqlite3_bind_int(stmt, first + i, values[i]);
    }
}

enum sp_code store_project_create(struct store *st, struct project *p, const char *now,
                                  struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO project (slug, name, description, region_code, period_start, period_end,"
        " target_count, age_min, age_max, instruments, followup_months, randomised, version,"
        " created_at, not_improving_weeks, response_percent, measurement_overdue_days,"
        " no_contact_days, screen_phq9_min, screen_gad7_min, screen_who5_max, severe_phq9_min,"
        " suicide_item9_min) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
        " $9, $10, $11, $12, 1, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id";
    char instruments[128];
    char followups[128];
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src;

    if (rc != SP_OK)
        goto out;
    join_strings(instruments, sizeof instruments, p->instruments, p->instrument_count);
    join_ints(followups, sizeof followups, p->followup_months, p->followup_count);
    sqlite_bind_text(stmt, 1, p->slug);
    sqlite_bind_text(stmt, 2, p->name);
    sqlite_bind_text(stmt, 3, p->description);
    sqlite_bind_text(stmt, 4, p->region.code);
    sqlite_bind_text(stmt, 5, p->period_start);
    sqlite_bind_text(stmt, 6, p->period_end);
    sqlite3_bind_int64(stmt, 7, p->target_count);
    sqlite3_bind_int(stmt, 8, p->age_min);
    sqlite3_bind_int(stmt, 9, p->age_max);
    sqlite_bind_text(stmt, 10, instruments);
    sqlite_bind_text(stmt, 11, followups);
    sqlite3_bind_int(stmt, 12, p->randomised ? 1 : 0);
    sqlite_bind_text(stmt, 13, now);
    bind_treatment(stmt, 14, &p->treatment);
    src = sqlite3_step(stmt);
    if (src != SQLITE_ROW) {
        rc = sqlite_error(st, src, "/slug", err);
        goto out;
    }
    p->id = sqlite3_column_int64(stmt, 0);
    p->version = 1;
    sqlite_release(st, stmt);
    stmt = NULL;
    rc = insert_links(st, p, err);
out:
    sqlite_release(st, stmt);
    return rc;
}

#define PROJECT_COLUMNS                                                                            \
    "p.id, p.slug, p.name, p.description, p.region_code, r.name, p.period_start, p.period_end,"    \
    " p.target_count, p.age_min, p.age_max, p.instruments, p.followup_months, p.randomised,"       \
    " p.version, " SQLITE_TREATMENT_COLUMNS("p")

static void read_project_row(sqlite3_stmt *stmt, struct sp_arena *arena, struct project *p)
{
    p->id = sqlite3_column_int64(stmt, 0);
    p->slug = sqlite_column_dup(stmt, 1, arena);
    p->name = sqlite_column_dup(stmt, 2, arena);
    p->description = sqlite_column_dup(stmt, 3, arena);
    p->region.code = sqlite_column_dup(stmt, 4, arena);
    p->region.name = sqlite_column_dup(stmt, 5, arena);
    p->period_start = sqlite_column_dup(stmt, 6, arena);
    p->period_end = sqlite_column_dup(stmt, 7, arena);
    p->target_count = sqlite3_column_int64(stmt, 8);
    p->age_min = sqlite3_column_int(stmt, 9);
    p->age_max = sqlite3_column_int(stmt, 10);
    p->instrument_count = split_strings(arena, (const char *)sqlite3_column_text(stmt, 11),
                                        p->instruments, PROJECT_INSTRUMENTS_MAX);
    p->followup_count = sqlite_split_ints((const char *)sqlite3_column_text(stmt, 12),
                                          p->followup_months, PROJECT_FOLLOWUPS_MAX);
    p->randomised = sqlite3_column_int(stmt, 13) != 0;
    p->version = sqlite3_column_int64(stmt, 14);
    sqlite_read_treatment(stmt, 15, &p->treatment);
}

/* Fill municipalities and target groups of p from the link tables. */
static enum sp_code read_project_links(struct store *st, struct sp_arena *arena, struct project *p,
                                       struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "SELECT o.code, o.name FROM project_municipality pm"
                                     " JOIN organisation o ON o.code = pm.municipality_code"
                                     " WHERE pm.project_id = $1 ORDER BY pm.position",
                                     &stmt, err);
    int src = SQLITE_DONE;

    p->municipality_count = 0;
    p->target_group_count = 0;
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, p->id);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW &&
               p->municipality_count < PROJECT_MUNICIPALITIES_MAX) {
            struct org_ref *m = &p->municipalities[p->municipality_count++];

            m->code = sqlite_column_dup(stmt, 0, arena);
            m->name = sqlite_column_dup(stmt, 1, arena);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    stmt = NULL;
    if (rc == SP_OK)
        rc = sqlite_prepare(st,
                            "SELECT target_group_code FROM project_target_group"
                            " WHERE project_id = $1 ORDER BY position",
                            &stmt, err);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, p->id);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW &&
               p->target_group_count < PROJECT_TARGET_GROUPS_MAX)
            p->target_groups[p->target_group_count++] = sqlite_column_dup(stmt, 0, arena);
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_project_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct project *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " PROJECT_COLUMNS " FROM project p"
                              " LEFT JOIN organisation r ON r.code = p.region_code"
                              " WHERE p.id = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            read_project_row(stmt, arena, out);
        else if (src == SQLITE_DONE)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such project.");
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    if (rc == SP_OK)
        rc = read_project_links(st, arena, out, err);
    return rc;
}

enum sp_code store_project_list(struct store *st, struct sp_arena *arena,
                                const struct store_page *page, struct project **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] = "SELECT " PROJECT_COLUMNS " FROM project p"
                              " LEFT JOIN organisation r ON r.code = p.region_code"
                              " WHERE p.id > $1 ORDER BY p.id LIMIT $2";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, page->after);
        sqlite3_bind_int(stmt, 2, page->limit + 1);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (*count == (size_t)page->limit) {
                *more = true;
                break;
            }
            read_project_row(stmt, arena, &(*items)[(*count)++]);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    for (size_t i = 0; rc == SP_OK && i < *count; i++)
        rc = read_project_links(st, arena, &(*items)[i], err);
    return rc;
}

/* The stored version of project id for a 412 (SP_STALE), or SP_NOT_FOUND. */
static enum sp_code stale_or_missing(struct store *st, int64_t id, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, "SELECT version FROM project WHERE id = $1", &stmt, err);
    int src;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW) {
        err->current_version = sqlite3_column_int64(stmt, 0);
        rc = sp_err_set(err, SP_STALE, "",
                        "The project has changed since it was read. Read it again and retry.");
    } else {
        rc = src == SQLITE_DONE ? sp_err_set(err, SP_NOT_FOUND, "", "No such project.")
                                : sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
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

    for (size_t i = 0; rc == SP_OK && i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *stmt = NULL;

        rc = sqlite_prepare(st, sql[i], &stmt, err);
        if (rc == SP_OK) {
            sqlite3_bind_int64(stmt, 1, id);
            rc = sqlite_step_done(st, stmt, NULL, err);
        }
        sqlite_release(st, stmt);
    }
    return rc;
}

enum sp_code store_project_update(struct store *st, struct project *p, int64_t if_version,
                                  struct sp_err *err)
{
    /* Conditional on the version read, as sqlite_enrolment_update: two administrators holding
     * the same version cannot both win. */
    static const char sql[] =
        "UPDATE project SET name = $3, description = $4, region_code = $5, period_start = $6,"
        " period_end = $7, target_count = $8, age_min = $9, age_max = $10, instruments = $11,"
        " followup_months = $12, not_improving_weeks = $13, response_percent = $14,"
        " measurement_overdue_days = $15, no_contact_days = $16, screen_phq9_min = $17,"
        " screen_gad7_min = $18, screen_who5_max = $19, severe_phq9_min = $20,"
        " suicide_item9_min = $21, version = version + 1"
        " WHERE id = $1 AND version = $2 RETURNING version";
    char instruments[128];
    char followups[128];
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src;

    if (rc != SP_OK)
        return rc;
    join_strings(instruments, sizeof instruments, p->instruments, p->instrument_count);
    join_ints(followups, sizeof followups, p->followup_months, p->followup_count);
    sqlite3_bind_int64(stmt, 1, p->id);
    sqlite3_bind_int64(stmt, 2, if_version);
    sqlite_bind_text(stmt, 3, p->name);
    sqlite_bind_text(stmt, 4, p->description);
    sqlite_bind_text(stmt, 5, p->region.code);
    sqlite_bind_text(stmt, 6, p->period_start);
    sqlite_bind_text(stmt, 7, p->period_end);
    sqlite3_bind_int64(stmt, 8, p->target_count);
    sqlite3_bind_int(stmt, 9, p->age_min);
    sqlite3_bind_int(stmt, 10, p->age_max);
    sqlite_bind_text(stmt, 11, instruments);
    sqlite_bind_text(stmt, 12, followups);
    bind_treatment(stmt, 13, &p->treatment);
    src = sqlite3_step(stmt);
    if (src == SQLITE_ROW)
        p->version = sqlite3_column_int64(stmt, 0);
    else if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    if (rc == SP_OK && src == SQLITE_DONE)
        rc = stale_or_missing(st, p->id, err);
    if (rc == SP_OK)
        rc = delete_links(st, p->id, err);
    if (rc == SP_OK)
        rc = insert_links(st, p, err);
    return rc;
}
