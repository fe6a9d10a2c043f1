/* The treatment track's records in SQLite (migration 0007): assessments, eligibility decisions,
 * the treatment plan, sessions, safety follow-ups, case reviews with their tasks, and loaded
 * questionnaire translations. Every list is one enrolment's rows, oldest first. */
#include <string.h>

#include "store/sqlite_int.h"

void sqlite_read_treatment(sqlite3_stmt *stmt, int first, struct project_treatment *out)
{
    int *fields[] = {
        &out->not_improving_weeks, &out->response_percent, &out->measurement_overdue_days,
        &out->no_contact_days,     &out->screen_phq9_min,  &out->screen_gad7_min,
        &out->screen_who5_max,     &out->severe_phq9_min,  &out->suicide_item9_min};

    for (int i = 0; i < (int)(sizeof fields / sizeof fields[0]); i++)
        *fields[i] = sqlite3_column_type(stmt, first + i) == SQLITE_NULL
                         ? -1
                         : sqlite3_column_int(stmt, first + i);
}

typedef void read_row_fn(sqlite3_stmt *stmt, struct sp_arena *arena, void *row);

/* Run sql with $1 = enrolment_id, $2 = the key of the last row of the previous page (0: the first
 * page) and $3 = the page's limit + 1, reading at most page->limit rows with read into an arena
 * array of elem_size bytes each; *more when the extra row came. */
static enum sp_code list_page(struct store *st, struct sp_arena *arena, const char *sql,
                              int64_t enrolment_id, const struct store_page *page, size_t elem_size,
                              read_row_fn *read, void **items, size_t *count, bool *more,
                              struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);
    unsigned char *rows = sp_arena_alloc(arena, elem_size * (size_t)page->limit);
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = rows;
    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, enrolment_id);
        sqlite3_bind_int64(stmt, 2, page->after);
        sqlite3_bind_int(stmt, 3, page->limit + 1);
        while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (*count == (size_t)page->limit) {
                *more = true;
                break;
            }
            read(stmt, arena, rows + elem_size * (*count)++);
        }
        if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

/* The page condition of a list ordered by (date, id): after the row whose id is $2, of the same
 * enrolment, in that order. An id that is not one of the enrolment's rows gives an empty page. */
#define AFTER_DATE_ID(alias, table)                                                                \
    " AND ($2 = 0 OR (" alias ".date, " alias ".id) > (SELECT k.date, k.id FROM " table " k"       \
    " WHERE k.id = $2 AND k.enrolment_id = $1))"

/* Run an INSERT … RETURNING id whose parameters bind() has set; *id gets the new row's id. */
static enum sp_code insert_returning(struct store *st, sqlite3_stmt *stmt, int64_t *id,
                                     struct sp_err *err)
{
    int src = sqlite3_step(stmt);

    if (src == SQLITE_ROW) {
        *id = sqlite3_column_int64(stmt, 0);
        return SP_OK;
    }
    return sqlite_error(st, src, NULL, err);
}

static void bind_id_or_null(sqlite3_stmt *stmt, int index, int64_t id)
{
    if (id > 0)
        sqlite3_bind_int64(stmt, index, id);
    else
        sqlite3_bind_null(stmt, index);
}

/* --- assessments ----------------------------------------------------------------------------- */

#define ASSESSMENT_COLUMNS                                                                         \
    "a.id, a.enrolment_id, a.instrument, a.occasion, a.date, a.answers, a.total, a.band, a.flags," \
    " a.result, a.item9, a.administered_by, u.display_name, a.corrects, a.replaced_by, a.reason,"  \
    " a.recorded_at FROM assessment a JOIN app_user u ON u.id = a.administered_by"

static void read_assessment(sqlite3_stmt *stmt, struct sp_arena *arena, void *row)
{
    struct assessment *a = row;

    a->id = sqlite3_column_int64(stmt, 0);
    a->enrolment_id = sqlite3_column_int64(stmt, 1);
    a->instrument = sqlite_column_dup(stmt, 2, arena);
    a->occasion = sqlite_column_dup(stmt, 3, arena);
    a->date = sqlite_column_dup(stmt, 4, arena);
    a->answers = sqlite_column_dup(stmt, 5, arena);
    a->total = sqlite3_column_int(stmt, 6);
    a->band = sqlite_column_dup(stmt, 7, arena);
    a->flags = sqlite_column_dup(stmt, 8, arena);
    a->result = sqlite_column_dup(stmt, 9, arena);
    a->item9 = sqlite3_column_type(stmt, 10) == SQLITE_NULL ? -1 : sqlite3_column_int(stmt, 10);
    a->administered_by = sqlite3_column_int64(stmt, 11);
    a->administered_by_name = sqlite_column_dup(stmt, 12, arena);
    a->corrects = sqlite3_column_int64(stmt, 13);
    a->replaced_by = sqlite3_column_int64(stmt, 14);
    a->reason = sqlite_column_dup(stmt, 15, arena);
    a->recorded_at = sqlite_column_dup(stmt, 16, arena);
}

/* Point the corrected row at its replacement; only a current row of the same enrolment may be
 * corrected, so a second correction of the same row is a conflict, not a silent overwrite. */
static enum sp_code mark_replaced(struct store *st, const struct assessment *a, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "UPDATE assessment SET replaced_by = $1 WHERE id = $2"
                                     " AND enrolment_id = $3 AND replaced_by IS NULL",
                                     &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, a->id);
        sqlite3_bind_int64(stmt, 2, a->corrects);
        sqlite3_bind_int64(stmt, 3, a->enrolment_id);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    if (rc == SP_OK && sqlite3_changes(sqlite_db(st)) != 1) {
        sp_err_set(err, SP_CONFLICT, "/corrects",
                   "That assessment was corrected already, or is not this enrolment's.");
        rc = sp_err_reason(err, SP_R_ALREADY_CORRECTED);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_assessment_add(struct store *st, struct assessment *a, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO assessment (enrolment_id, instrument, occasion, date, answers, total, band,"
        " flags, result, item9, administered_by, corrects, reason, recorded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, a->enrolment_id);
        sqlite_bind_text(stmt, 2, a->instrument);
        sqlite_bind_text(stmt, 3, a->occasion);
        sqlite_bind_text(stmt, 4, a->date);
        sqlite_bind_text(stmt, 5, a->answers);
        sqlite3_bind_int(stmt, 6, a->total);
        sqlite_bind_text(stmt, 7, a->band);
        sqlite_bind_text(stmt, 8, a->flags);
        sqlite_bind_text(stmt, 9, a->result);
        if (a->item9 >= 0)
            sqlite3_bind_int(stmt, 10, a->item9);
        else
            sqlite3_bind_null(stmt, 10);
        sqlite3_bind_int64(stmt, 11, a->administered_by);
        bind_id_or_null(stmt, 12, a->corrects);
        sqlite_bind_text(stmt, 13, a->reason);
        sqlite_bind_text(stmt, 14, a->recorded_at);
        rc = insert_returning(st, stmt, &a->id, err);
    }
    sqlite_release(st, stmt);
    if (rc == SP_OK && a->corrects > 0)
        rc = mark_replaced(st, a, err);
    return rc;
}

enum sp_code store_assessment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                  struct assessment *out, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc =
        sqlite_prepare(st, "SELECT " ASSESSMENT_COLUMNS " WHERE a.id = $1", &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            read_assessment(stmt, arena, out);
        else if (src == SQLITE_DONE)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such assessment.");
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_assessment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   const struct store_page *page, struct assessment **items,
                                   size_t *count, bool *more, struct sp_err *err)
{
    return list_page(st, arena,
                     "SELECT " ASSESSMENT_COLUMNS " WHERE a.enrolment_id = $1" AFTER_DATE_ID(
                         "a", "assessment") " ORDER BY a.date, a.id LIMIT $3",
                     enrolment_id, page, sizeof **items, read_assessment, (void **)items, count,
                     more, err);
}

static void read_baseline(sqlite3_stmt *stmt, struct sp_arena *arena, void *row)
{
    struct store_baseline *b = row;

    b->instrument = sqlite_column_dup(stmt, 0, arena);
    b->id = sqlite3_column_int64(stmt, 1);
}

/* Per instrument, its first current assessment by (date, id): one row per instrument. */
enum sp_code store_assessment_baselines(struct store *st, struct sp_arena *arena,
                                        int64_t enrolment_id, struct store_baseline **items,
                                        size_t *count, struct sp_err *err)
{
    const struct store_page all = {.after = 0, .limit = STORE_BASELINES_MAX};
    bool more = false;

    return list_page(st, arena,
                     "SELECT a.instrument, a.id FROM assessment a WHERE a.enrolment_id = $1"
                     " AND a.replaced_by IS NULL AND a.id > $2 AND NOT EXISTS (SELECT 1 FROM"
                     " assessment b WHERE b.enrolment_id = a.enrolment_id AND b.instrument ="
                     " a.instrument AND b.replaced_by IS NULL AND (b.date, b.id) < (a.date, a.id))"
                     " ORDER BY a.instrument LIMIT $3",
                     enrolment_id, &all, sizeof **items, read_baseline, (void **)items, count,
                     &more, err);
}

/* --- eligibility decisions ------------------------------------------------------------------- */

static void read_decision(sqlite3_stmt *stmt, struct sp_arena *arena, void *row)
{
    struct eligibility_decision *d = row;

    d->id = sqlite3_column_int64(stmt, 0);
    d->enrolment_id = sqlite3_column_int64(stmt, 1);
    d->suggestion = sqlite_column_dup(stmt, 2, arena);
    d->reasons = sqlite_column_dup(stmt, 3, arena);
    d->decision = sqlite_column_dup(stmt, 4, arena);
    d->referred_to = sqlite_column_dup(stmt, 5, arena);
    d->why = sqlite_column_dup(stmt, 6, arena);
    d->decided_by = sqlite3_column_int64(stmt, 7);
    d->decided_by_name = sqlite_column_dup(stmt, 8, arena);
    d->date = sqlite_column_dup(stmt, 9, arena);
    d->recorded_at = sqlite_column_dup(stmt, 10, arena);
}

enum sp_code store_eligibility_add(struct store *st, struct eligibility_decision *d,
                                   struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO eligibility_decision (enrolment_id, suggestion, reasons, decision,"
        " referred_to, why, decided_by, date, recorded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, d->enrolment_id);
        sqlite_bind_text(stmt, 2, d->suggestion);
        sqlite_bind_text(stmt, 3, d->reasons);
        sqlite_bind_text(stmt, 4, d->decision);
        sqlite_bind_text(stmt, 5, d->referred_to);
        sqlite_bind_text(stmt, 6, d->why);
        sqlite3_bind_int64(stmt, 7, d->decided_by);
        sqlite_bind_text(stmt, 8, d->date);
        sqlite_bind_text(stmt, 9, d->recorded_at);
        rc = insert_returning(st, stmt, &d->id, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_eligibility_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    struct eligibility_decision **items, size_t *count,
                                    struct sp_err *err)
{
    /* Read page by page and gathered: the answer is one object (the decisions with the one in
     * force), so it is whole, never cut at a page's size. */
    struct store_page page = {.after = 0, .limit = TREATMENT_LIST_MAX};
    size_t cap = 0;
    bool more = true;
    enum sp_code rc = SP_OK;

    *items = NULL;
    *count = 0;
    while (rc == SP_OK && more) {
        struct eligibility_decision *part = NULL;
        size_t n = 0;

        rc = list_page(st, arena,
                       "SELECT d.id, d.enrolment_id, d.suggestion, d.reasons, d.decision,"
                       " d.referred_to, d.why, d.decided_by, u.display_name, d.date, d.recorded_at"
                       " FROM eligibility_decision d JOIN app_user u ON u.id = d.decided_by"
                       " WHERE d.enrolment_id = $1 AND d.id > $2 ORDER BY d.id LIMIT $3",
                       enrolment_id, &page, sizeof *part, read_decision, (void **)&part, &n, &more,
                       err);
        if (rc != SP_OK || n == 0)
            break;
        *items = sp_arena_append(arena, *items, count, &cap, part, n, sizeof *part);
        page.after = part[n - 1].id;
    }
    if (rc == SP_OK && *items == NULL)
        *items = sp_arena_alloc(arena, sizeof **items);
    return rc;
}

/* --- treatment plan -------------------------------------------------------------------------- */

enum sp_code store_plan_get(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                            struct treatment_plan *out, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "SELECT p.enrolment_id, p.start_date, p.focus, p.modality, p.target, p.aftercare_from,"
        " p.version, p.updated_by, u.display_name, p.updated_at FROM treatment_plan p"
        " JOIN app_user u ON u.id = p.updated_by WHERE p.enrolment_id = $1",
        &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, enrolment_id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            out->enrolment_id = sqlite3_column_int64(stmt, 0);
            out->start_date = sqlite_column_dup(stmt, 1, arena);
            out->focus = sqlite_column_dup(stmt, 2, arena);
            out->modality = sqlite_column_dup(stmt, 3, arena);
            out->target = sqlite_column_dup(stmt, 4, arena);
            out->aftercare_from = sqlite_column_dup(stmt, 5, arena);
            out->version = sqlite3_column_int64(stmt, 6);
            out->updated_by = sqlite3_column_int64(stmt, 7);
            out->updated_by_name = sqlite_column_dup(stmt, 8, arena);
            out->updated_at = sqlite_column_dup(stmt, 9, arena);
        } else if (src == SQLITE_DONE) {
            rc = sp_err_set(err, SP_NOT_FOUND, "", "This enrolment has no treatment plan yet.");
        } else {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

/* Why an update changed nothing: no plan at all (404), or another version (412 naming it). */
static enum sp_code plan_not_updated(struct store *st, int64_t enrolment_id, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, "SELECT version FROM treatment_plan WHERE enrolment_id = $1", &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, enrolment_id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            err->current_version = sqlite3_column_int64(stmt, 0);
            rc = sp_err_set(err, SP_STALE, "",
                            "The treatment plan has changed since it was read. Read it again "
                            "and retry.");
        } else if (src == SQLITE_DONE) {
            rc = sp_err_set(err, SP_NOT_FOUND, "",
                            "This enrolment has no treatment plan yet: create it without "
                            "If-Match.");
        } else {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_plan_put(struct store *st, struct treatment_plan *p, int64_t expected_version,
                            struct sp_err *err)
{
    static const char insert_sql[] =
        "INSERT INTO treatment_plan (enrolment_id, start_date, focus, modality, target,"
        " aftercare_from, updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
        " 1) ON CONFLICT (enrolment_id) DO NOTHING";
    static const char update_sql[] =
        "UPDATE treatment_plan SET start_date = $2, focus = $3, modality = $4, target = $5,"
        " aftercare_from = $6, updated_by = $7, updated_at = $8, version = version + 1"
        " WHERE enrolment_id = $1 AND version = $9";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc =
        sqlite_prepare(st, expected_version == 0 ? insert_sql : update_sql, &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, p->enrolment_id);
        sqlite_bind_text(stmt, 2, p->start_date);
        sqlite_bind_text(stmt, 3, p->focus);
        sqlite_bind_text(stmt, 4, p->modality);
        sqlite_bind_text(stmt, 5, p->target);
        sqlite_bind_text(stmt, 6, p->aftercare_from);
        sqlite3_bind_int64(stmt, 7, p->updated_by);
        sqlite_bind_text(stmt, 8, p->updated_at);
        if (expected_version != 0)
            sqlite3_bind_int64(stmt, 9, expected_version);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    if (rc == SP_OK && sqlite3_changes(sqlite_db(st)) != 1)
        rc = expected_version == 0
                 ? sp_err_set(err, SP_PRECONDITION, "If-Match",
                              "This enrolment has a treatment plan: send If-Match with the ETag "
                              "you read to change it.")
                 : plan_not_updated(st, p->enrolment_id, err);
    if (rc == SP_OK)
        p->version = expected_version + 1;
    sqlite_release(st, stmt);
    return rc;
}

/* --- sessions and safety follow-ups ---------------------------------------------------------- */

static void read_session(sqlite3_stmt *stmt, struct sp_arena *arena, void *row)
{
    struct treatment_session *s = row;

    s->id = sqlite3_column_int64(stmt, 0);
    s->enrolment_id = sqlite3_column_int64(stmt, 1);
    s->date = sqlite_column_dup(stmt, 2, arena);
    s->kind = sqlite_column_dup(stmt, 3, arena);
    s->duration_min = sqlite3_column_int(stmt, 4);
    s->note = sqlite_column_dup(stmt, 5, arena);
    s->recorded_by = sqlite3_column_int64(stmt, 6);
    s->recorded_by_name = sqlite_column_dup(stmt, 7, arena);
    s->recorded_at = sqlite_column_dup(stmt, 8, arena);
}

enum sp_code store_session_add(struct store *st, struct treatment_session *s, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO treatment_session (enrolment_id, date, kind, duration_min, note,"
        " recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, s->enrolment_id);
        sqlite_bind_text(stmt, 2, s->date);
        sqlite_bind_text(stmt, 3, s->kind);
        sqlite3_bind_int(stmt, 4, s->duration_min);
        sqlite_bind_text(stmt, 5, s->note);
        sqlite3_bind_int64(stmt, 6, s->recorded_by);
        sqlite_bind_text(stmt, 7, s->recorded_at);
        rc = insert_returning(st, stmt, &s->id, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_session_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct treatment_session **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    return list_page(
        st, arena,
        "SELECT s.id, s.enrolment_id, s.date, s.kind, s.duration_min, s.note,"
        " s.recorded_by, u.display_name, s.recorded_at FROM treatment_session s"
        " JOIN app_user u ON u.id = s.recorded_by WHERE s.enrolment_id = $1" AFTER_DATE_ID(
            "s", "treatment_session") " ORDER BY s.date, s.id LIMIT $3",
        enrolment_id, page, sizeof **items, read_session, (void **)items, count, more, err);
}

static void read_safety(sqlite3_stmt *stmt, struct sp_arena *arena, void *row)
{
    struct safety_followup *f = row;

    f->id = sqlite3_column_int64(stmt, 0);
    f->enrolment_id = sqlite3_column_int64(stmt, 1);
    f->assessment_id = sqlite3_column_int64(stmt, 2);
    f->date = sqlite_column_dup(stmt, 3, arena);
    f->action = sqlite_column_dup(stmt, 4, arena);
    f->note = sqlite_column_dup(stmt, 5, arena);
    f->recorded_by = sqlite3_column_int64(stmt, 6);
    f->recorded_by_name = sqlite_column_dup(stmt, 7, arena);
    f->recorded_at = sqlite_column_dup(stmt, 8, arena);
}

enum sp_code store_safety_add(struct store *st, struct safety_followup *f, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO safety_followup (enrolment_id, assessment_id, date, action, note,"
        " recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, f->enrolment_id);
        bind_id_or_null(stmt, 2, f->assessment_id);
        sqlite_bind_text(stmt, 3, f->date);
        sqlite_bind_text(stmt, 4, f->action);
        sqlite_bind_text(stmt, 5, f->note);
        sqlite3_bind_int64(stmt, 6, f->recorded_by);
        sqlite_bind_text(stmt, 7, f->recorded_at);
        rc = insert_returning(st, stmt, &f->id, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_safety_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                               const struct store_page *page, struct safety_followup **items,
                               size_t *count, bool *more, struct sp_err *err)
{
    return list_page(
        st, arena,
        "SELECT f.id, f.enrolment_id, f.assessment_id, f.date, f.action, f.note,"
        " f.recorded_by, u.display_name, f.recorded_at FROM safety_followup f"
        " JOIN app_user u ON u.id = f.recorded_by WHERE f.enrolment_id = $1" AFTER_DATE_ID(
            "f", "safety_followup") " ORDER BY f.date, f.id LIMIT $3",
        enrolment_id, page, sizeof **items, read_safety, (void **)items, count, more, err);
}

/* --- case reviews and tasks ------------------------------------------------------------------ */

static enum sp_code task_add(struct store *st, struct task *t, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO task (enrolment_id, case_review_id, owner_id, text, due, created_by,"
        " created_at, created_role) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, t->enrolment_id);
        bind_id_or_null(stmt, 2, t->case_review_id);
        sqlite3_bind_int64(stmt, 3, t->owner_id);
        sqlite_bind_text(stmt, 4, t->text);
        sqlite_bind_text(stmt, 5, t->due);
        sqlite3_bind_int64(stmt, 6, t->created_by);
        sqlite_bind_text(stmt, 7, t->created_at);
        sqlite_bind_text(stmt, 8, t->created_role);
        rc = insert_returning(st, stmt, &t->id, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_case_review_add(struct store *st, struct case_review *r, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO case_review (enrolment_id, date, recommendation, flags, reviewer_id,"
        " recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite3_bind_int64(stmt, 1, r->enrolment_id);
        sqlite_bind_text(stmt, 2, r->date);
        sqlite_bind_text(stmt, 3, r->recommendation);
        sqlite_bind_text(stmt, 4, r->flags);
        sqlite3_bind_int64(stmt, 5, r->reviewer_id);
        sqlite_bind_text(stmt, 6, r->recorded_at);
        rc = insert_returning(st, stmt, &r->id, err);
    }
    sqlite_release(st, stmt);
    if (rc == SP_OK && r->task != NULL) {
        r->task->case_review_id = r->id;
        rc = task_add(st, r->task, err);
    }
    return rc;
}

/* A review row joined with the task it created (at most one; LEFT JOIN gives NULLs without). */
static void read_review(sqlite3_stmt *stmt, struct sp_arena *arena, void *row)
{
    struct case_review *r = row;

    r->id = sqlite3_column_int64(stmt, 0);
    r->enrolment_id = sqlite3_column_int64(stmt, 1);
    r->date = sqlite_column_dup(stmt, 2, arena);
    r->recommendation = sqlite_column_dup(stmt, 3, arena);
    r->flags = sqlite_column_dup(stmt, 4, arena);
    r->reviewer_id = sqlite3_column_int64(stmt, 5);
    r->reviewer_name = sqlite_column_dup(stmt, 6, arena);
    r->recorded_at = sqlite_column_dup(stmt, 7, arena);
    r->task = NULL;
    if (sqlite3_column_type(stmt, 8) != SQLITE_NULL) {
        struct task *t = sp_arena_alloc(arena, sizeof *t);

        memset(t, 0, sizeof *t);
        t->id = sqlite3_column_int64(stmt, 8);
        t->enrolment_id = r->enrolment_id;
        t->case_review_id = r->id;
        t->owner_id = sqlite3_column_int64(stmt, 9);
        t->owner_name = sqlite_column_dup(stmt, 10, arena);
        t->text = sqlite_column_dup(stmt, 11, arena);
        t->due = sqlite_column_dup(stmt, 12, arena);
        t->done_at = sqlite_column_dup(stmt, 13, arena);
        t->created_by = r->reviewer_id;
        t->created_at = r->recorded_at;
        r->task = t;
    }
}

enum sp_code store_case_review_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    const struct store_page *page, struct case_review **items,
                                    size_t *count, bool *more, struct sp_err *err)
{
    return list_page(st, arena,
                     "SELECT r.id, r.enrolment_id, r.date, r.recommendation, r.flags,"
                     " r.reviewer_id, u.display_name, r.recorded_at, t.id, t.owner_id,"
                     " o.display_name, t.text, t.due, t.done_at FROM case_review r"
                     " JOIN app_user u ON u.id = r.reviewer_id"
                     " LEFT JOIN task t ON t.case_review_id = r.id"
                     " LEFT JOIN app_user o ON o.id = t.owner_id"
                     " WHERE r.enrolment_id = $1" AFTER_DATE_ID(
                         "r", "case_review") " ORDER BY r.date, r.id LIMIT $3",
                     enrolment_id, page, sizeof **items, read_review, (void **)items, count, more,
                     err);
}

static void read_person(sqlite3_stmt *stmt, struct sp_arena *arena, void *row)
{
    struct team_person *p = row;

    p->user_id = sqlite3_column_int64(stmt, 0);
    p->display_name = sqlite_column_dup(stmt, 1, arena);
    p->roles = sqlite_column_dup(stmt, 2, arena);
}

enum sp_code store_enrolment_team_people(struct store *st, struct sp_arena *arena,
                                         int64_t enrolment_id, const struct store_page *page,
                                         struct team_person **items, size_t *count, bool *more,
                                         struct sp_err *err)
{
    /* By name: the page starts after the name and id of the user the cursor names. */
    return list_page(st, arena,
                     "SELECT u.id, u.display_name, (SELECT group_concat(r.role, ',') FROM"
                     " user_role r WHERE r.user_id = u.id) FROM enrolment e JOIN team_member m"
                     " ON m.team_id = e.team_id JOIN app_user u ON u.id = m.user_id"
                     " WHERE e.id = $1 AND u.disabled = 0 AND ($2 = 0 OR (u.display_name, u.id) >"
                     " (SELECT k.display_name, k.id FROM app_user k WHERE k.id = $2))"
                     " ORDER BY u.display_name, u.id LIMIT $3",
                     enrolment_id, page, sizeof **items, read_person, (void **)items, count, more,
                     err);
}

/* --- loaded translations --------------------------------------------------------------------- */

enum sp_code store_instrument_text_get(struct store *st, struct sp_arena *arena,
                                       const char *instrument, const char *language,
                                       const char **body, bool *found, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st,
                                     "SELECT body FROM instrument_text WHERE instrument = $1"
                                     " AND language = $2",
                                     &stmt, err);

    *found = false;
    *body = NULL;
    if (rc == SP_OK) {
        int src;

        sqlite_bind_text(stmt, 1, instrument);
        sqlite_bind_text(stmt, 2, language);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            *body = sqlite_column_dup(stmt, 0, arena);
            *found = true;
        } else if (src != SQLITE_DONE) {
            rc = sqlite_error(st, src, NULL, err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_instrument_text_put(struct store *st, const char *instrument,
                                       const char *language, const char *source, const char *body,
                                       const char *now, struct sp_err *err)
{
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st,
        "INSERT INTO instrument_text (instrument, language, source, body, loaded_at)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (instrument, language) DO UPDATE SET"
        " source = excluded.source, body = excluded.body, loaded_at = excluded.loaded_at",
        &stmt, err);

    if (rc == SP_OK) {
        sqlite_bind_text(stmt, 1, instrument);
        sqlite_bind_text(stmt, 2, language);
        sqlite_bind_text(stmt, 3, source);
        sqlite_bind_text(stmt, 4, body);
        sqlite_bind_text(stmt, 5, now);
        rc = sqlite_step_done(st, stmt, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}
