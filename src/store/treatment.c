/* The treatment track's records (migration 0007): assessments, eligibility decisions, the
 * treatment plan, sessions, safety follow-ups, case reviews with their tasks, and loaded
 * questionnaire translations. Every list is one enrolment's rows, oldest first. Written once
 * against sql.h for both engines. */
#include <string.h>

#include "store/store_int.h"

/* The page condition of a list ordered by (date, id): after the row whose id is $2, of the same
 * enrolment, in that order. An id that is not one of the enrolment's rows gives an empty page. */
#define AFTER_DATE_ID(alias, table)                                                                \
    " AND ($2 = 0 OR (" alias ".date, " alias ".id) > (SELECT k.date, k.id FROM " table " k"       \
    " WHERE k.id = $2 AND k.enrolment_id = $1))"

/* -1 (not given) reads and binds as NULL. */
static void bind_int_or_null(struct sql_stmt *stmt, int index, int value)
{
    if (value >= 0)
        sql_bind_int64(stmt, index, value);
    else
        sql_bind_null(stmt, index);
}

static int column_int_or_unset(struct sql_stmt *stmt, int col)
{
    return sql_column_null(stmt, col) ? -1 : sql_column_int(stmt, col);
}

/* --- assessments ----------------------------------------------------------------------------- */

#define ASSESSMENT_COLUMNS                                                                         \
    "a.id, a.enrolment_id, a.instrument, a.occasion, a.date, a.answers, a.total, a.band, a.flags," \
    " a.result, a.item9, a.administered_by, u.display_name, a.corrects, a.replaced_by, a.reason,"  \
    " a.recorded_at FROM assessment a JOIN app_user u ON u.id = a.administered_by"

static enum sp_code read_assessment(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                    void *row, struct sp_err *err)
{
    struct assessment *a = row;

    (void)st;
    (void)err;
    a->id = sql_column_int64(stmt, 0);
    a->enrolment_id = sql_column_int64(stmt, 1);
    a->instrument = sql_column_dup(stmt, 2, arena);
    a->occasion = sql_column_dup(stmt, 3, arena);
    a->date = sql_column_dup(stmt, 4, arena);
    a->answers = sql_column_dup(stmt, 5, arena);
    a->total = sql_column_int(stmt, 6);
    a->band = sql_column_dup(stmt, 7, arena);
    a->flags = sql_column_dup(stmt, 8, arena);
    a->result = sql_column_dup(stmt, 9, arena);
    a->item9 = column_int_or_unset(stmt, 10);
    a->administered_by = sql_column_int64(stmt, 11);
    a->administered_by_name = sql_column_dup(stmt, 12, arena);
    a->corrects = sql_column_int64(stmt, 13);
    a->replaced_by = sql_column_int64(stmt, 14);
    a->reason = sql_column_dup(stmt, 15, arena);
    a->recorded_at = sql_column_dup(stmt, 16, arena);
    return SP_OK;
}

/* Point the corrected row at its replacement; only a current row of the same enrolment may be
 * corrected, so a second correction of the same row is a conflict, not a silent overwrite. */
static enum sp_code mark_replaced(struct store *st, const struct assessment *a, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn,
                                  "UPDATE assessment SET replaced_by = $1 WHERE id = $2"
                                  " AND enrolment_id = $3 AND replaced_by IS NULL",
                                  &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, a->id);
        sql_bind_int64(stmt, 2, a->corrects);
        sql_bind_int64(stmt, 3, a->enrolment_id);
        rc = sql_step_done(stmt, NULL, err);
    }
    if (rc == SP_OK && sql_changes(stmt) != 1) {
        sp_err_set(err, SP_CONFLICT, "/corrects",
                   "That assessment was corrected already, or is not this enrolment's.");
        rc = sp_err_reason(err, SP_R_ALREADY_CORRECTED);
    }
    sql_release(stmt);
    return rc;
}

enum sp_code store_assessment_add(struct store *st, struct assessment *a, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(
        st->conn,
        "INSERT INTO assessment (enrolment_id, instrument, occasion, date, answers, total, band,"
        " flags, result, item9, administered_by, corrects, reason, recorded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, a->enrolment_id);
    sql_bind_text(stmt, 2, a->instrument);
    sql_bind_text(stmt, 3, a->occasion);
    sql_bind_text(stmt, 4, a->date);
    sql_bind_text(stmt, 5, a->answers);
    sql_bind_int64(stmt, 6, a->total);
    sql_bind_text(stmt, 7, a->band);
    sql_bind_text(stmt, 8, a->flags);
    sql_bind_text(stmt, 9, a->result);
    bind_int_or_null(stmt, 10, a->item9);
    sql_bind_int64(stmt, 11, a->administered_by);
    store_bind_positive_or_null(stmt, 12, a->corrects);
    sql_bind_text(stmt, 13, a->reason);
    sql_bind_text(stmt, 14, a->recorded_at);
    rc = store_insert_id(stmt, "row", &a->id, err);
    if (rc == SP_OK && a->corrects > 0)
        rc = mark_replaced(st, a, err);
    return rc;
}

enum sp_code store_assessment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                  struct assessment *out, struct sp_err *err)
{
    return store_read_one(st, arena, "SELECT " ASSESSMENT_COLUMNS " WHERE a.id = $1", id,
                          "assessment", read_assessment, out, err);
}

enum sp_code store_assessment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   const struct store_page *page, struct assessment **items,
                                   size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] =
        "SELECT " ASSESSMENT_COLUMNS " WHERE a.enrolment_id = $1" AFTER_DATE_ID(
            "a", "assessment") " ORDER BY a.date, a.id LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_assessment, &rows, count, more, err);

    *items = rows;
    return rc;
}

static enum sp_code read_baseline(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                  void *row, struct sp_err *err)
{
    struct store_baseline *b = row;

    (void)st;
    (void)err;
    b->instrument = sql_column_dup(stmt, 0, arena);
    b->id = sql_column_int64(stmt, 1);
    return SP_OK;
}

/* Per instrument, its first current assessment by (date, id): one row per instrument. */
enum sp_code store_assessment_baselines(struct store *st, struct sp_arena *arena,
                                        int64_t enrolment_id, struct store_baseline **items,
                                        size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT a.instrument, a.id FROM assessment a WHERE a.enrolment_id = $1"
        " AND a.replaced_by IS NULL AND NOT EXISTS (SELECT 1 FROM assessment b"
        " WHERE b.enrolment_id = a.enrolment_id AND b.instrument = a.instrument"
        " AND b.replaced_by IS NULL AND (b.date, b.id) < (a.date, a.id))"
        " ORDER BY a.instrument";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, enrolment_id, sizeof **items, read_baseline,
                                        &rows, count, err);

    *items = rows;
    return rc;
}

/* --- eligibility decisions ------------------------------------------------------------------- */

static enum sp_code read_decision(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                  void *row, struct sp_err *err)
{
    struct eligibility_decision *d = row;

    (void)st;
    (void)err;
    d->id = sql_column_int64(stmt, 0);
    d->enrolment_id = sql_column_int64(stmt, 1);
    d->suggestion = sql_column_dup(stmt, 2, arena);
    d->reasons = sql_column_dup(stmt, 3, arena);
    d->decision = sql_column_dup(stmt, 4, arena);
    d->referred_to = sql_column_dup(stmt, 5, arena);
    d->why = sql_column_dup(stmt, 6, arena);
    d->decided_by = sql_column_int64(stmt, 7);
    d->decided_by_name = sql_column_dup(stmt, 8, arena);
    d->date = sql_column_dup(stmt, 9, arena);
    d->recorded_at = sql_column_dup(stmt, 10, arena);
    return SP_OK;
}

enum sp_code store_eligibility_add(struct store *st, struct eligibility_decision *d,
                                   struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc =
        sql_prepare(st->conn,
                    "INSERT INTO eligibility_decision (enrolment_id, suggestion, reasons, decision,"
                    " referred_to, why, decided_by, date, recorded_at)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                    &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, d->enrolment_id);
    sql_bind_text(stmt, 2, d->suggestion);
    sql_bind_text(stmt, 3, d->reasons);
    sql_bind_text(stmt, 4, d->decision);
    sql_bind_text(stmt, 5, d->referred_to);
    sql_bind_text(stmt, 6, d->why);
    sql_bind_int64(stmt, 7, d->decided_by);
    sql_bind_text(stmt, 8, d->date);
    sql_bind_text(stmt, 9, d->recorded_at);
    return store_insert_id(stmt, "row", &d->id, err);
}

/* Read whole: the answer is one object (the decisions with the one in force), never cut. */
enum sp_code store_eligibility_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    struct eligibility_decision **items, size_t *count,
                                    struct sp_err *err)
{
    static const char sql[] =
        "SELECT d.id, d.enrolment_id, d.suggestion, d.reasons, d.decision,"
        " d.referred_to, d.why, d.decided_by, u.display_name, d.date, d.recorded_at"
        " FROM eligibility_decision d JOIN app_user u ON u.id = d.decided_by"
        " WHERE d.enrolment_id = $1 ORDER BY d.id";
    void *rows = NULL;
    enum sp_code rc = store_read_all_of(st, arena, sql, enrolment_id, sizeof **items, read_decision,
                                        &rows, count, err);

    *items = rows;
    return rc;
}

/* --- treatment plan -------------------------------------------------------------------------- */

enum sp_code store_plan_get(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                            struct treatment_plan *out, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(
        st->conn,
        "SELECT p.enrolment_id, p.start_date, p.focus, p.modality, p.target, p.aftercare_from,"
        " p.version, p.updated_by, u.display_name, p.updated_at FROM treatment_plan p"
        " JOIN app_user u ON u.id = p.updated_by WHERE p.enrolment_id = $1",
        &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, enrolment_id);
        rc = sql_step(stmt, &row, NULL, err);
    }
    if (rc == SP_OK && !row)
        rc = sp_err_set(err, SP_NOT_FOUND, "", "This enrolment has no treatment plan yet.");
    if (rc == SP_OK) {
        out->enrolment_id = sql_column_int64(stmt, 0);
        out->start_date = sql_column_dup(stmt, 1, arena);
        out->focus = sql_column_dup(stmt, 2, arena);
        out->modality = sql_column_dup(stmt, 3, arena);
        out->target = sql_column_dup(stmt, 4, arena);
        out->aftercare_from = sql_column_dup(stmt, 5, arena);
        out->version = sql_column_int64(stmt, 6);
        out->updated_by = sql_column_int64(stmt, 7);
        out->updated_by_name = sql_column_dup(stmt, 8, arena);
        out->updated_at = sql_column_dup(stmt, 9, arena);
    }
    sql_release(stmt);
    return rc;
}

/* Why an update changed nothing: no plan at all (404), or another version (412 naming it). */
static enum sp_code plan_not_updated(struct store *st, int64_t enrolment_id, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(
        st->conn, "SELECT version FROM treatment_plan WHERE enrolment_id = $1", &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, enrolment_id);
        rc = sql_step(stmt, &row, NULL, err);
    }
    if (rc == SP_OK && row) {
        err->current_version = sql_column_int64(stmt, 0);
        rc = sp_err_set(err, SP_STALE, "",
                        "The treatment plan has changed since it was read. Read it again "
                        "and retry.");
    } else if (rc == SP_OK) {
        rc = sp_err_set(err, SP_NOT_FOUND, "",
                        "This enrolment has no treatment plan yet: create it without "
                        "If-Match.");
    }
    sql_release(stmt);
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
    struct sql_stmt *stmt = NULL;
    enum sp_code rc =
        sql_prepare(st->conn, expected_version == 0 ? insert_sql : update_sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, p->enrolment_id);
        sql_bind_text(stmt, 2, p->start_date);
        sql_bind_text(stmt, 3, p->focus);
        sql_bind_text(stmt, 4, p->modality);
        sql_bind_text(stmt, 5, p->target);
        sql_bind_text(stmt, 6, p->aftercare_from);
        sql_bind_int64(stmt, 7, p->updated_by);
        sql_bind_text(stmt, 8, p->updated_at);
        if (expected_version != 0)
            sql_bind_int64(stmt, 9, expected_version);
        rc = sql_step_done(stmt, NULL, err);
    }
    if (rc == SP_OK && sql_changes(stmt) != 1)
        rc = expected_version == 0
                 ? sp_err_set(err, SP_PRECONDITION, "If-Match",
                              "This enrolment has a treatment plan: send If-Match with the ETag "
                              "you read to change it.")
                 : plan_not_updated(st, p->enrolment_id, err);
    if (rc == SP_OK)
        p->version = expected_version + 1;
    sql_release(stmt);
    return rc;
}

/* --- sessions and safety follow-ups ---------------------------------------------------------- */

static enum sp_code read_session(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                 void *row, struct sp_err *err)
{
    struct treatment_session *s = row;

    (void)st;
    (void)err;
    s->id = sql_column_int64(stmt, 0);
    s->enrolment_id = sql_column_int64(stmt, 1);
    s->date = sql_column_dup(stmt, 2, arena);
    s->kind = sql_column_dup(stmt, 3, arena);
    s->duration_min = sql_column_int(stmt, 4);
    s->note = sql_column_dup(stmt, 5, arena);
    s->recorded_by = sql_column_int64(stmt, 6);
    s->recorded_by_name = sql_column_dup(stmt, 7, arena);
    s->recorded_at = sql_column_dup(stmt, 8, arena);
    return SP_OK;
}

enum sp_code store_treatment_session_add(struct store *st, struct treatment_session *s,
                                         struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc =
        sql_prepare(st->conn,
                    "INSERT INTO treatment_session (enrolment_id, date, kind, duration_min, note,"
                    " recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, s->enrolment_id);
    sql_bind_text(stmt, 2, s->date);
    sql_bind_text(stmt, 3, s->kind);
    sql_bind_int64(stmt, 4, s->duration_min);
    sql_bind_text(stmt, 5, s->note);
    sql_bind_int64(stmt, 6, s->recorded_by);
    sql_bind_text(stmt, 7, s->recorded_at);
    return store_insert_id(stmt, "row", &s->id, err);
}

enum sp_code store_treatment_session_list(struct store *st, struct sp_arena *arena,
                                          int64_t enrolment_id, const struct store_page *page,
                                          struct treatment_session **items, size_t *count,
                                          bool *more, struct sp_err *err)
{
    static const char sql[] =
        "SELECT s.id, s.enrolment_id, s.date, s.kind, s.duration_min, s.note,"
        " s.recorded_by, u.display_name, s.recorded_at FROM treatment_session s"
        " JOIN app_user u ON u.id = s.recorded_by WHERE s.enrolment_id = $1" AFTER_DATE_ID(
            "s", "treatment_session") " ORDER BY s.date, s.id LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_session, &rows, count, more, err);

    *items = rows;
    return rc;
}

static enum sp_code read_safety(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                void *row, struct sp_err *err)
{
    struct safety_followup *f = row;

    (void)st;
    (void)err;
    f->id = sql_column_int64(stmt, 0);
    f->enrolment_id = sql_column_int64(stmt, 1);
    f->assessment_id = sql_column_int64(stmt, 2);
    f->date = sql_column_dup(stmt, 3, arena);
    f->action = sql_column_dup(stmt, 4, arena);
    f->note = sql_column_dup(stmt, 5, arena);
    f->recorded_by = sql_column_int64(stmt, 6);
    f->recorded_by_name = sql_column_dup(stmt, 7, arena);
    f->recorded_at = sql_column_dup(stmt, 8, arena);
    return SP_OK;
}

enum sp_code store_safety_add(struct store *st, struct safety_followup *f, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc =
        sql_prepare(st->conn,
                    "INSERT INTO safety_followup (enrolment_id, assessment_id, date, action, note,"
                    " recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, f->enrolment_id);
    store_bind_positive_or_null(stmt, 2, f->assessment_id);
    sql_bind_text(stmt, 3, f->date);
    sql_bind_text(stmt, 4, f->action);
    sql_bind_text(stmt, 5, f->note);
    sql_bind_int64(stmt, 6, f->recorded_by);
    sql_bind_text(stmt, 7, f->recorded_at);
    return store_insert_id(stmt, "row", &f->id, err);
}

enum sp_code store_safety_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                               const struct store_page *page, struct safety_followup **items,
                               size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] =
        "SELECT f.id, f.enrolment_id, f.assessment_id, f.date, f.action, f.note,"
        " f.recorded_by, u.display_name, f.recorded_at FROM safety_followup f"
        " JOIN app_user u ON u.id = f.recorded_by WHERE f.enrolment_id = $1" AFTER_DATE_ID(
            "f", "safety_followup") " ORDER BY f.date, f.id LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_safety, &rows, count, more, err);

    *items = rows;
    return rc;
}

/* --- case reviews and tasks ------------------------------------------------------------------ */

enum sp_code store_case_review_add(struct store *st, struct case_review *r, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(
        st->conn,
        "INSERT INTO case_review (enrolment_id, date, recommendation, flags, reviewer_id,"
        " recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, r->enrolment_id);
    sql_bind_text(stmt, 2, r->date);
    sql_bind_text(stmt, 3, r->recommendation);
    sql_bind_text(stmt, 4, r->flags);
    sql_bind_int64(stmt, 5, r->reviewer_id);
    sql_bind_text(stmt, 6, r->recorded_at);
    rc = store_insert_id(stmt, "row", &r->id, err);
    if (rc == SP_OK && r->task != NULL) {
        r->task->case_review_id = r->id;
        rc = store_tasks_add(st, r->task, 1, err);
    }
    return rc;
}

/* A review row joined with the task it created (at most one; LEFT JOIN gives NULLs without). */
static enum sp_code read_review(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                void *row, struct sp_err *err)
{
    struct case_review *r = row;

    (void)st;
    (void)err;
    r->id = sql_column_int64(stmt, 0);
    r->enrolment_id = sql_column_int64(stmt, 1);
    r->date = sql_column_dup(stmt, 2, arena);
    r->recommendation = sql_column_dup(stmt, 3, arena);
    r->flags = sql_column_dup(stmt, 4, arena);
    r->reviewer_id = sql_column_int64(stmt, 5);
    r->reviewer_name = sql_column_dup(stmt, 6, arena);
    r->recorded_at = sql_column_dup(stmt, 7, arena);
    r->task = NULL;
    if (!sql_column_null(stmt, 8)) {
        struct task *t = sp_arena_alloc(arena, sizeof *t);

        memset(t, 0, sizeof *t);
        t->id = sql_column_int64(stmt, 8);
        t->enrolment_id = r->enrolment_id;
        t->case_review_id = r->id;
        t->owner_id = sql_column_int64(stmt, 9);
        t->owner_name = sql_column_dup(stmt, 10, arena);
        t->text = sql_column_dup(stmt, 11, arena);
        t->due = sql_column_dup(stmt, 12, arena);
        t->done_at = sql_column_dup(stmt, 13, arena);
        t->created_by = r->reviewer_id;
        t->created_at = r->recorded_at;
        r->task = t;
    }
    return SP_OK;
}

enum sp_code store_case_review_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    const struct store_page *page, struct case_review **items,
                                    size_t *count, bool *more, struct sp_err *err)
{
    static const char sql[] = "SELECT r.id, r.enrolment_id, r.date, r.recommendation, r.flags,"
                              " r.reviewer_id, u.display_name, r.recorded_at, t.id, t.owner_id,"
                              " o.display_name, t.text, t.due, t.done_at FROM case_review r"
                              " JOIN app_user u ON u.id = r.reviewer_id"
                              " LEFT JOIN task t ON t.case_review_id = r.id"
                              " LEFT JOIN app_user o ON o.id = t.owner_id"
                              " WHERE r.enrolment_id = $1" AFTER_DATE_ID(
                                  "r", "case_review") " ORDER BY r.date, r.id LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_review, &rows, count, more, err);

    *items = rows;
    return rc;
}

static enum sp_code read_person(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                void *row, struct sp_err *err)
{
    struct team_person *p = row;

    (void)st;
    (void)err;
    p->user_id = sql_column_int64(stmt, 0);
    p->display_name = sql_column_dup(stmt, 1, arena);
    p->roles = sql_column_dup(stmt, 2, arena);
    return SP_OK;
}

enum sp_code store_enrolment_team_people(struct store *st, struct sp_arena *arena,
                                         int64_t enrolment_id, const struct store_page *page,
                                         struct team_person **items, size_t *count, bool *more,
                                         struct sp_err *err)
{
    /* By name: the page starts after the name and id of the user the cursor names. */
    static const char sql[] =
        "SELECT u.id, u.display_name, (SELECT string_agg(r.role, ',') FROM"
        " user_role r WHERE r.user_id = u.id) FROM enrolment e JOIN team_member m"
        " ON m.team_id = e.team_id JOIN app_user u ON u.id = m.user_id"
        " WHERE e.id = $1 AND u.disabled = 0 AND ($2 = 0 OR (u.display_name, u.id) >"
        " (SELECT k.display_name, k.id FROM app_user k WHERE k.id = $2))"
        " ORDER BY u.display_name, u.id LIMIT $3";
    void *rows = NULL;
    enum sp_code rc = store_read_page_of(st, arena, sql, enrolment_id, page, sizeof **items,
                                         read_person, &rows, count, more, err);

    *items = rows;
    return rc;
}

/* --- loaded translations --------------------------------------------------------------------- */

enum sp_code store_instrument_text_get(struct store *st, struct sp_arena *arena,
                                       const char *instrument, const char *language,
                                       const char **body, bool *found, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn,
                                  "SELECT body FROM instrument_text WHERE instrument = $1"
                                  " AND language = $2",
                                  &stmt, err);

    *found = false;
    *body = NULL;
    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, instrument);
        sql_bind_text(stmt, 2, language);
        rc = sql_step(stmt, found, NULL, err);
    }
    if (rc == SP_OK && *found)
        *body = sql_column_dup(stmt, 0, arena);
    sql_release(stmt);
    return rc;
}

enum sp_code store_instrument_text_put(struct store *st, const char *instrument,
                                       const char *language, const char *source, const char *body,
                                       const char *now, struct sp_err *err)
{
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(
        st->conn,
        "INSERT INTO instrument_text (instrument, language, source, body, loaded_at)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (instrument, language) DO UPDATE SET"
        " source = excluded.source, body = excluded.body, loaded_at = excluded.loaded_at",
        &stmt, err);

    if (rc == SP_OK) {
        sql_bind_text(stmt, 1, instrument);
        sql_bind_text(stmt, 2, language);
        sql_bind_text(stmt, 3, source);
        sql_bind_text(stmt, 4, body);
        sql_bind_text(stmt, 5, now);
        rc = sql_step_done(stmt, NULL, err);
    }
    sql_release(stmt);
    return rc;
}
