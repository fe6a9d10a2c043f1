/* A caseload in four statements (issue 5's speed goal: a clinician with 60 active citizens in
 * under 5 ms among 100,000 enrolments): the enrolments with their project's settings, plan,
 * latest session and latest case review; then the current PHQ-9/GAD-7 and follow-up assessments
 * of all of them; then their safety follow-ups; then who carries each case (migration 0010). The
 * later ones are matched to rows by enrolment id (rows are in id order). */
#include <string.h>

#include <stdlib.h>

#include "store/sqlite_int.h"

/* The enrolments of the scope; $1 = user id. Kept as one text per scope so each is a cached
 * statement of its own. */
#define MEMBER_ENROLMENTS                                                                          \
    "SELECT DISTINCT m.enrolment_id FROM enrolment_member m JOIN enrolment e"                      \
    " ON e.id = m.enrolment_id WHERE m.user_id = $1 AND e.status IN ('referred', 'screening', "    \
    "'active', 'aftercare')"
#define TEAM_ENROLMENTS                                                                            \
    "SELECT e.id FROM team_member tm JOIN enrolment e ON e.team_id = tm.team_id"                   \
    " WHERE tm.user_id = $1 AND e.status IN ('referred', 'screening', 'active', 'aftercare')"

/* clang-format off */
#define ROWS_SQL(scope)                                                                            \
    "SELECT e.id, e.citizen_id, e.project_id, e.team_id, c.name, e.status, e.status_changed,"      \
    " tp.start_date, (SELECT max(d) FROM (SELECT s.date AS d FROM treatment_session s"             \
    " WHERE s.enrolment_id = e.id UNION ALL SELECT f.date FROM safety_followup f"                  \
    " WHERE f.enrolment_id = e.id AND f.action IN ('risk_assessed', 'safety_plan'))),"             \
    " r.date, r.recommendation, p.followup_months, " SQLITE_TREATMENT_COLUMNS("p")                 \
    " FROM enrolment e JOIN citizen c ON c.id = e.citizen_id"                                      \
    " JOIN project p ON p.id = e.project_id"                                                       \
    " LEFT JOIN treatment_plan tp ON tp.enrolment_id = e.id"                                       \
    " LEFT JOIN case_review r ON r.id = (SELECT r2.id FROM case_review r2"                         \
    " WHERE r2.enrolment_id = e.id ORDER BY r2.date DESC, r2.id DESC LIMIT 1)"                     \
    " WHERE e.id IN (" scope ") ORDER BY e.id LIMIT $2"
/* clang-format on */

#define MEASURES_SQL(scope)                                                                        \
    "SELECT a.enrolment_id, a.instrument, a.occasion, a.date, a.total, a.item9 FROM assessment a"  \
    " WHERE a.enrolment_id IN (" scope ") AND a.replaced_by IS NULL"                               \
    " AND (a.instrument IN ('phq9', 'gad7') OR a.occasion = 'followup')"                           \
    " ORDER BY a.enrolment_id, a.date, a.id"

#define SAFETY_SQL(scope)                                                                          \
    "SELECT f.enrolment_id, f.date FROM safety_followup f WHERE f.enrolment_id IN (" scope ")"     \
    " ORDER BY f.enrolment_id, f.date, f.id"

#define ONE_ENROLMENT "SELECT $1"

/* Who carries each case (assignees still enabled on the team), and the caller's own rows. */
#define PEOPLE_SQL(scope)                                                                          \
    "SELECT m.enrolment_id, m.role, m.user_id, u.display_name, m.assigned"                         \
    " FROM enrolment_member m JOIN enrolment e ON e.id = m.enrolment_id"                           \
    " JOIN team_member tm ON tm.team_id = e.team_id AND tm.user_id = m.user_id"                    \
    " JOIN app_user u ON u.id = m.user_id WHERE m.enrolment_id IN (" scope ")"                     \
    " AND u.disabled = 0 AND (m.assigned = 1 OR m.user_id = $1)"

/* Indexed by enum store_caseload_scope. */
static const char *const rows_sql[] = {ROWS_SQL(MEMBER_ENROLMENTS), ROWS_SQL(TEAM_ENROLMENTS),
                                       ROWS_SQL(ONE_ENROLMENT)};
static const char *const measures_sql[] = {
    MEASURES_SQL(MEMBER_ENROLMENTS), MEASURES_SQL(TEAM_ENROLMENTS), MEASURES_SQL(ONE_ENROLMENT)};
static const char *const safety_sql[] = {SAFETY_SQL(MEMBER_ENROLMENTS), SAFETY_SQL(TEAM_ENROLMENTS),
                                         SAFETY_SQL(ONE_ENROLMENT)};
/* Not read for one enrolment (its flags are all that is asked). */
static const char *const people_sql[] = {PEOPLE_SQL(MEMBER_ENROLMENTS),
                                         PEOPLE_SQL(TEAM_ENROLMENTS)};

static void read_row(sqlite3_stmt *stmt, struct sp_arena *arena, struct store_caseload_row *r)
{
    memset(r, 0, sizeof *r);
    r->enrolment_id = sqlite3_column_int64(stmt, 0);
    r->citizen_id = sqlite3_column_int64(stmt, 1);
    r->project_id = sqlite3_column_int64(stmt, 2);
    r->team_id = sqlite3_column_int64(stmt, 3);
    r->citizen_name = sqlite_column_dup(stmt, 4, arena);
    r->status = sqlite_column_dup(stmt, 5, arena);
    r->status_changed = sqlite_column_dup(stmt, 6, arena);
    r->plan_start = sqlite_column_dup(stmt, 7, arena);
    r->last_contact = sqlite_column_dup(stmt, 8, arena);
    r->review_date = sqlite_column_dup(stmt, 9, arena);
    r->review_recommendation = sqlite_column_dup(stmt, 10, arena);
    r->followup_count = sqlite_split_ints((const char *)sqlite3_column_text(stmt, 11),
                                          r->followup_months, PROJECT_FOLLOWUPS_MAX);
    sqlite_read_treatment(stmt, 12, &r->settings);
}

/* bsearch's comparison: an enrolment id against a row's. */
static int caseload_row_cmp(const void *key, const void *elem)
{
    int64_t id = *(const int64_t *)key;
    int64_t row = ((const struct store_caseload_row *)elem)->enrolment_id;

    return (id > row) - (id < row);
}

/* The row of enrolment_id (rows sorted by id), or NULL. */
static struct store_caseload_row *find_row(struct store_caseload_row *rows, size_t count,
                                           int64_t enrolment_id)
{
    return bsearch(&enrolment_id, rows, count, sizeof *rows, caseload_row_cmp);
}

static enum sp_code read_rows(struct store *st, struct sp_arena *arena, int64_t user_id,
                              enum store_caseload_scope scope, struct store_caseload_row **rows,
                              size_t *count, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, rows_sql[scope], &stmt, err);
    size_t cap = 64;
    int src = SQLITE_DONE;

    *count = 0;
    *rows = sp_arena_alloc(arena, sizeof **rows * cap);
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, user_id);
        sqlite3_bind_int(stmt, 2, -1); /* SQLite: no limit. A caseload is never cut (the API pages
                                          it after the urgency sort, which needs every row). */
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (*count == cap) { /* the arena cannot grow in place: copy to twice the room */
                struct store_caseload_row *bigger = sp_arena_alloc(arena, sizeof **rows * cap * 2);

                memcpy(bigger, *rows, sizeof **rows * cap);
                *rows = bigger;
                cap *= 2;
            }
            read_row(stmt, arena, &(*rows)[(*count)++]);
        }
        if (src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* Every measure goes into one growing array; rows arrive grouped by enrolment, so each row's
 * measures are one run of it, remembered by its start index until the array stops moving. */
static enum sp_code read_measures(struct store *st, struct sp_arena *arena, int64_t user_id,
                                  enum store_caseload_scope scope, struct store_caseload_row *rows,
                                  size_t count, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, measures_sql[scope], &stmt, err);
    size_t *start = sp_arena_alloc(arena, sizeof *start * count);
    size_t total = 0;
    size_t cap = 256;
    struct store_caseload_measure *all = sp_arena_alloc(arena, sizeof *all * cap);
    int src = SQLITE_DONE;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, user_id);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct store_caseload_measure *m;
        struct store_caseload_row *r = find_row(rows, count, sqlite3_column_int64(stmt, 0));

        if (r == NULL) /* never in one read snapshot (same scope): skipped, not trusted */
            continue;
        if (total == cap) {
            struct store_caseload_measure *bigger = sp_arena_alloc(arena, sizeof *all * cap * 2);

            memcpy(bigger, all, sizeof *all * cap);
            all = bigger;
            cap *= 2;
        }
        if (r->measure_count == 0)
            start[r - rows] = total;
        m = &all[total++];
        m->instrument = sqlite_column_dup(stmt, 1, arena);
        m->occasion = sqlite_column_dup(stmt, 2, arena);
        m->date = sqlite_column_dup(stmt, 3, arena);
        m->total = sqlite3_column_int(stmt, 4);
        m->item9 = sqlite3_column_type(stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int(stmt, 5);
        r->measure_count++;
    }
    if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    for (size_t i = 0; i < count; i++)
        rows[i].measures = rows[i].measure_count > 0 ? &all[start[i]] : NULL;
    return rc;
}

static enum sp_code read_safety(struct store *st, struct sp_arena *arena, int64_t user_id,
                                enum store_caseload_scope scope, struct store_caseload_row *rows,
                                size_t count, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, safety_sql[scope], &stmt, err);
    int src = SQLITE_DONE;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, user_id);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct store_caseload_row *r = find_row(rows, count, sqlite3_column_int64(stmt, 0));
        const char **bigger;

        if (r == NULL)
            continue;
        /* Few per enrolment: grow by one. */
        bigger = sp_arena_alloc(arena, sizeof *bigger * (r->safety_count + 1));
        if (r->safety_count > 0)
            memcpy(bigger, r->safety_dates, sizeof *bigger * r->safety_count);
        bigger[r->safety_count++] = sqlite_column_dup(stmt, 1, arena);
        r->safety_dates = bigger;
    }
    if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

static enum sp_code read_people(struct store *st, struct sp_arena *arena, int64_t user_id,
                                enum store_caseload_scope scope, struct store_caseload_row *rows,
                                size_t count, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, people_sql[scope], &stmt, err);
    int src = SQLITE_DONE;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, user_id);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct store_caseload_row *r = find_row(rows, count, sqlite3_column_int64(stmt, 0));
        struct assignment *bigger;

        if (r == NULL)
            continue;
        if (sqlite3_column_int64(stmt, 2) == user_id)
            r->mine = true;
        if (sqlite3_column_int(stmt, 4) == 0)
            continue;
        /* At most five per enrolment: grow by one. */
        bigger = sp_arena_alloc(arena, sizeof *bigger * (r->assignment_count + 1));
        if (r->assignment_count > 0)
            memcpy(bigger, r->assignments, sizeof *bigger * r->assignment_count);
        bigger[r->assignment_count].role = sqlite_column_dup(stmt, 1, arena);
        bigger[r->assignment_count].user_id = sqlite3_column_int64(stmt, 2);
        bigger[r->assignment_count].user_name = sqlite_column_dup(stmt, 3, arena);
        r->assignment_count++;
        r->assignments = bigger;
    }
    if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_caseload(struct store *st, struct sp_arena *arena, int64_t user_id,
                            enum store_caseload_scope scope, struct store_caseload_row **rows,
                            size_t *count, struct sp_err *err)
{
    enum sp_code rc = read_rows(st, arena, user_id, scope, rows, count, err);

    if (rc == SP_OK && *count > 0)
        rc = read_measures(st, arena, user_id, scope, *rows, *count, err);
    if (rc == SP_OK && *count > 0)
        rc = read_safety(st, arena, user_id, scope, *rows, *count, err);
    if (rc == SP_OK && *count > 0 && scope != STORE_CASELOAD_ONE)
        rc = read_people(st, arena, user_id, scope, *rows, *count, err);
    return rc;
}

/* The first and the latest current PHQ-9 and GAD-7 (by date, then id: the order of every list),
 * one or two rows each, through the (enrolment_id, instrument, date, id) index. */
static enum sp_code read_health_scores(struct store *st, struct sp_arena *arena,
                                       int64_t enrolment_id, struct store_health_summary *out,
                                       struct sp_err *err)
{
    static const char sql[] =
        "SELECT a.instrument, a.total, a.band, a.date FROM assessment a"
        " WHERE a.enrolment_id = $1 AND a.instrument IN ('phq9', 'gad7') AND a.replaced_by IS NULL"
        " AND (a.id = (SELECT b.id FROM assessment b WHERE b.enrolment_id = $1"
        " AND b.instrument = a.instrument AND b.replaced_by IS NULL ORDER BY b.date, b.id LIMIT 1)"
        " OR a.id = (SELECT b.id FROM assessment b WHERE b.enrolment_id = $1"
        " AND b.instrument = a.instrument AND b.replaced_by IS NULL"
        " ORDER BY b.date DESC, b.id DESC LIMIT 1)) ORDER BY a.instrument, a.date, a.id";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    int src = SQLITE_DONE;

    if (rc != SP_OK)
        return rc;
    sqlite3_bind_int64(stmt, 1, enrolment_id);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *instrument = (const char *)sqlite3_column_text(stmt, 0);
        struct store_health_score *s = strcmp(instrument, "phq9") == 0 ? &out->phq9 : &out->gad7;

        /* Rows come first, then latest: the first row sets both, a second the latest. */
        if (!s->present)
            s->first_total = sqlite3_column_int(stmt, 1);
        s->same = !s->present;
        s->present = true;
        s->latest_total = sqlite3_column_int(stmt, 1);
        s->latest_band = sqlite_column_dup(stmt, 2, arena);
        s->latest_date = sqlite_column_dup(stmt, 3, arena);
    }
    if (src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_health_summary(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                  struct store_health_summary *out, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc;

    memset(out, 0, sizeof *out);
    rc = read_health_scores(st, arena, enrolment_id, out, err);
    if (rc == SP_OK)
        rc = sqlite_prepare(st, "SELECT max(date) FROM treatment_session WHERE enrolment_id = $1",
                            &stmt, err);
    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, enrolment_id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            out->last_session = sqlite_column_dup(stmt, 0, arena);
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}
