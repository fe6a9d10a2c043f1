/* The employment caseload and the IPS measures' records (migration 0018). A caseload in two
 * statements (the scope's ids, found as the treatment caseload finds them, then one joined
 * statement for exactly those enrolments: project settings, first move to active, the latest
 * session, employer contact for the young person and the earliest open task, each through its
 * (enrolment_id, …) index), and one more for their episodes. What counts as a contact and what
 * the flags are is decided in src/core/employment_caseload.c, not here. */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* The two dates last_meeting and last_follow_along are the latest meeting with the young person
 * and the latest follow-along contact with them (not with their employer or school: the flags ask
 * about contact with the young person; a meeting they attended), each through its table's
 * (enrolment_id, date) index. */
/* clang-format off */
#define EMPLOYMENT_ROWS_SQL                                                                        \
    "SELECT e.id, e.citizen_id, e.project_id, e.team_id, c.name, e.status, e.status_changed,"      \
    " (SELECT MIN(substr(h.changed_at, 1, 10)) FROM enrolment_status_change h"                     \
    " WHERE h.enrolment_id = e.id AND h.to_status = 'active'),"                                    \
    " (SELECT max(s.date) FROM treatment_session s WHERE s.enrolment_id = e.id),"                  \
    " (SELECT max(k.date) FROM employer_contact k WHERE k.enrolment_id = e.id),"                   \
    " (SELECT max(a.date) FROM meeting_attendance a"                                               \
    " WHERE a.enrolment_id = e.id AND a.attended = 1),"                                            \
    " (SELECT max(f.date) FROM follow_along f WHERE f.enrolment_id = e.id"                         \
    " AND f.with_whom = 'young_person'),"                                                          \
    " (SELECT min(t.due) FROM task t WHERE t.enrolment_id = e.id AND t.done_at IS NULL),"          \
    " p.no_employer_contact_days, p.employment_no_contact_days, p.follow_along_days,"              \
    " p.caseload_limit"                                                                            \
    " FROM enrolment e JOIN citizen c ON c.id = e.citizen_id JOIN project p ON p.id = e.project_id"\
    " WHERE e.id = ANY($1) ORDER BY e.id"
/* clang-format on */

static const char employment_rows_sql[] = EMPLOYMENT_ROWS_SQL;

/* $1 = the enrolments' ids; in the order of episode_enrolment_start. */
static const char episodes_sql[] =
    "SELECT x.enrolment_id, x.kind, x.start_date, x.end_date, x.hours_per_week FROM episode x"
    " WHERE x.enrolment_id = ANY($1) ORDER BY x.enrolment_id, x.start_date, x.id";

/* The episodes of ids[0..n) (sorted): one array, with each id's run at (*starts)[i], (*counts)[i].
 */
struct episode_runs {
    struct store_employment_episode *all;
    size_t *starts;
    size_t *counts;
};

static int id_cmp(const void *key, const void *elem)
{
    int64_t a = *(const int64_t *)key;
    int64_t b = *(const int64_t *)elem;

    return (a > b) - (a < b);
}

static enum sp_code read_episodes(struct store *st, struct sp_arena *arena, const int64_t *ids,
                                  size_t n, struct episode_runs *runs, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    size_t cap = 64;
    size_t total = 0;
    bool row = true;
    enum sp_code rc = sql_prepare(st->conn, episodes_sql, &stmt, err);

    runs->all = sp_arena_alloc(arena, sizeof *runs->all * cap);
    runs->starts = sp_arena_alloc(arena, sizeof *runs->starts * (n + 1));
    runs->counts = sp_arena_alloc(arena, sizeof *runs->counts * (n + 1));
    memset(runs->counts, 0, sizeof *runs->counts * (n + 1));
    if (rc == SP_OK)
        sql_bind_ids(stmt, 1, ids, n);
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        int64_t id = sql_column_int64(stmt, 0);
        const int64_t *at = bsearch(&id, ids, n, sizeof *ids, id_cmp);
        struct store_employment_episode *e;
        size_t i;

        if (at == NULL) /* never: the ids are the rows' */
            continue;
        i = (size_t)(at - ids);
        if (total == cap)
            runs->all = store_grow(arena, runs->all, sizeof *runs->all, &cap);
        if (runs->counts[i] == 0)
            runs->starts[i] = total;
        e = &runs->all[total++];
        e->kind = sql_column_dup(stmt, 1, arena);
        e->start_date = sql_column_dup(stmt, 2, arena);
        e->end_date = sql_column_dup(stmt, 3, arena);
        e->hours_per_week = sql_column_null(stmt, 4) ? 0 : sql_column_int(stmt, 4);
        runs->counts[i]++;
    }
    sql_release(stmt);
    return rc;
}

/* A store_row_reader of struct store_employment_row (without episodes). */
static enum sp_code read_employment_row(struct store *st, struct sql_stmt *stmt,
                                        struct sp_arena *arena, void *item, struct sp_err *err)
{
    struct store_employment_row *r = item;

    (void)st;
    (void)err;
    memset(r, 0, sizeof *r);
    r->enrolment_id = sql_column_int64(stmt, 0);
    r->citizen_id = sql_column_int64(stmt, 1);
    r->project_id = sql_column_int64(stmt, 2);
    r->team_id = sql_column_int64(stmt, 3);
    r->citizen_name = sql_column_dup(stmt, 4, arena);
    r->status = sql_column_dup(stmt, 5, arena);
    r->status_changed = sql_column_dup(stmt, 6, arena);
    r->first_active = sql_column_dup(stmt, 7, arena);
    r->last_session = sql_column_dup(stmt, 8, arena);
    r->last_employer_contact = sql_column_dup(stmt, 9, arena);
    r->last_meeting = sql_column_dup(stmt, 10, arena);
    r->last_follow_along = sql_column_dup(stmt, 11, arena);
    r->next_task_due = sql_column_dup(stmt, 12, arena);
    r->settings.no_employer_contact_days = sql_column_int(stmt, 13);
    r->settings.no_contact_days = sql_column_int(stmt, 14);
    r->settings.follow_along_days = sql_column_int(stmt, 15);
    r->settings.caseload_limit = sql_column_int(stmt, 16);
    r->mine = true;
    return SP_OK;
}

/* In the teams scope: mark the rows that are not the caller's own. */
static enum sp_code mark_mine(struct store *st, struct sp_arena *arena, int64_t user_id,
                              unsigned statuses, struct store_employment_row *rows, size_t count,
                              struct sp_err *err)
{
    int64_t *own = NULL;
    size_t n = 0;
    enum sp_code rc =
        store_caseload_ids(st, arena, user_id, STORE_CASELOAD_MEMBER, statuses, &own, &n, err);

    for (size_t i = 0; rc == SP_OK && i < count; i++)
        rows[i].mine = bsearch(&rows[i].enrolment_id, own, n, sizeof *own, id_cmp) != NULL;
    return rc;
}

enum sp_code store_employment_caseload(struct store *st, struct sp_arena *arena, int64_t user_id,
                                       enum store_caseload_scope scope, unsigned statuses,
                                       struct store_employment_row **rows, size_t *count,
                                       struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    struct episode_runs runs;
    int64_t *ids = NULL;
    size_t n = 0;
    void *found = NULL;
    enum sp_code rc = store_caseload_ids(st, arena, user_id, scope, statuses, &ids, &n, err);

    *rows = NULL;
    *count = 0;
    if (rc != SP_OK || n == 0)
        return rc;
    rc = sql_prepare(st->conn, employment_rows_sql, &stmt, err);
    if (rc == SP_OK) {
        sql_bind_ids(stmt, 1, ids, n);
        rc =
            store_read_all(st, stmt, arena, sizeof **rows, read_employment_row, &found, count, err);
    }
    sql_release(stmt);
    *rows = found;
    if (rc == SP_OK)
        rc = read_episodes(st, arena, ids, n, &runs, err);
    /* The rows are the ids' enrolments in id order: a deleted one would leave a gap. */
    for (size_t i = 0, j = 0; rc == SP_OK && i < *count; i++) {
        while (j < n && ids[j] < (*rows)[i].enrolment_id)
            j++;
        (*rows)[i].episode_count = runs.counts[j];
        (*rows)[i].episodes = runs.counts[j] > 0 ? &runs.all[runs.starts[j]] : NULL;
    }
    if (rc == SP_OK && scope == STORE_CASELOAD_TEAMS)
        rc = mark_mine(st, arena, user_id, statuses, *rows, *count, err);
    return rc;
}

/* --- IPS measures ----------------------------------------------------------------------------- */

/* $1 project, $2 team (0: any), $3 consultant (0: any). */
#define IPS_FILTER                                                                                 \
    " WHERE e.project_id = $1 AND (CAST($2 AS BIGINT) = 0 OR e.team_id = $2)"                      \
    " AND (CAST($3 AS BIGINT) = 0 OR e.id IN (SELECT m.enrolment_id FROM enrolment_member m"       \
    " WHERE m.user_id = $3))"

static enum sp_code read_ips_row(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                 void *item, struct sp_err *err)
{
    struct store_ips_row *r = item;

    (void)st;
    (void)err;
    memset(r, 0, sizeof *r);
    r->enrolment_id = sql_column_int64(stmt, 0);
    r->status = sql_column_dup(stmt, 1, arena);
    r->status_changed = sql_column_dup(stmt, 2, arena);
    r->first_active = sql_column_dup(stmt, 3, arena);
    r->first_employer_contact = sql_column_dup(stmt, 4, arena);
    return SP_OK;
}

enum sp_code store_ips_rows(struct store *st, struct sp_arena *arena,
                            const struct store_ips_filter *filter, struct store_ips_row **rows,
                            size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT e.id, e.status, e.status_changed,"
        " (SELECT MIN(substr(h.changed_at, 1, 10)) FROM enrolment_status_change h"
        " WHERE h.enrolment_id = e.id AND h.to_status = 'active'),"
        " (SELECT min(k.date) FROM employer_contact k WHERE k.enrolment_id = e.id)"
        " FROM enrolment e" IPS_FILTER " ORDER BY e.id";
    struct sql_stmt *stmt = NULL;
    struct episode_runs runs;
    int64_t *ids;
    void *found = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *rows = NULL;
    *count = 0;
    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, filter->project_id);
        sql_bind_int64(stmt, 2, filter->team_id);
        sql_bind_int64(stmt, 3, filter->consultant_id);
        rc = store_read_all(st, stmt, arena, sizeof **rows, read_ips_row, &found, count, err);
    }
    sql_release(stmt);
    *rows = found;
    if (rc != SP_OK || *count == 0)
        return rc;
    ids = sp_arena_alloc(arena, sizeof *ids * *count);
    for (size_t i = 0; i < *count; i++)
        ids[i] = (*rows)[i].enrolment_id;
    rc = read_episodes(st, arena, ids, *count, &runs, err);
    for (size_t i = 0; rc == SP_OK && i < *count; i++) {
        (*rows)[i].episode_count = runs.counts[i];
        (*rows)[i].episodes = runs.counts[i] > 0 ? &runs.all[runs.starts[i]] : NULL;
    }
    return rc;
}

static enum sp_code read_load(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                              void *item, struct sp_err *err)
{
    struct store_consultant_load *l = item;

    (void)st;
    (void)err;
    l->user_id = sql_column_int64(stmt, 0);
    l->name = sql_column_dup(stmt, 1, arena);
    l->active = sql_column_int64(stmt, 2);
    return SP_OK;
}

enum sp_code store_consultant_loads(struct store *st, struct sp_arena *arena,
                                    const struct store_ips_filter *filter, const char *const *roles,
                                    unsigned statuses, struct store_consultant_load **loads,
                                    size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT m.user_id, u.display_name, count(DISTINCT e.id) FROM enrolment_member m"
        " JOIN enrolment e ON e.id = m.enrolment_id JOIN app_user u ON u.id = m.user_id"
        " WHERE e.project_id = $1 AND " STORE_STATUS_IN(
            "e.status") " AND m.assigned = 1"
                        " AND (CAST($9 AS BIGINT) = 0 OR e.team_id = $9) AND m.role IN ($10, $11, "
                        "$12, $13)"
                        " GROUP BY m.user_id, u.display_name ORDER BY m.user_id";
    struct sql_stmt *stmt = NULL;
    void *found = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);
    size_t r = 0;

    *loads = NULL;
    *count = 0;
    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, filter->project_id);
        store_bind_statuses(stmt, statuses);
        sql_bind_int64(stmt, 9, filter->team_id);
        for (int i = 10; i <= 13; i++) {
            if (roles[r] != NULL)
                sql_bind_text(stmt, i, roles[r++]);
            else
                sql_bind_null(stmt, i);
        }
        rc = store_read_all(st, stmt, arena, sizeof **loads, read_load, &found, count, err);
    }
    sql_release(stmt);
    *loads = found;
    return rc;
}
