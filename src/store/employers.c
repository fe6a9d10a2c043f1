/* Employers and job development (migration 0013): the municipality's employer register with its
 * contact persons, and the consultants' contacts with employers. Names are searched in a folded
 * copy (core_text_fold) made here, as citizens' are. */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/store_int.h"

#define EMPLOYER_COLUMNS                                                                           \
    "m.id, m.municipality_code, m.name, m.cvr, m.address, m.postcode, m.city, m.version,"          \
    " m.created_at, m.created_by, u.display_name"                                                  \
    " FROM employer m JOIN app_user u ON u.id = m.created_by"

static const char employer_version_sql[] = "SELECT version FROM employer WHERE id = $1";

/* A store_row_reader of struct employer (without its contact persons). */
static enum sp_code read_employer(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                  void *item, struct sp_err *err)
{
    struct employer *e = item;

    (void)st;
    (void)err;
    memset(e, 0, sizeof *e);
    e->id = sql_column_int64(stmt, 0);
    e->municipality_code = sql_column_dup(stmt, 1, arena);
    e->name = sql_column_dup(stmt, 2, arena);
    e->cvr = sql_column_dup(stmt, 3, arena);
    e->address = sql_column_dup(stmt, 4, arena);
    e->postcode = sql_column_dup(stmt, 5, arena);
    e->city = sql_column_dup(stmt, 6, arena);
    e->version = sql_column_int64(stmt, 7);
    e->created_at = sql_column_dup(stmt, 8, arena);
    e->created_by = sql_column_int64(stmt, 9);
    e->created_by_name = sql_column_dup(stmt, 10, arena);
    return SP_OK;
}

static enum sp_code read_person(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                void *item, struct sp_err *err)
{
    struct employer_contact_person *p = item;

    (void)st;
    (void)err;
    p->id = sql_column_int64(stmt, 0);
    p->employer_id = sql_column_int64(stmt, 1);
    p->name = sql_column_dup(stmt, 2, arena);
    p->title = sql_column_dup(stmt, 3, arena);
    p->phone = sql_column_dup(stmt, 4, arena);
    p->email = sql_column_dup(stmt, 5, arena);
    return SP_OK;
}

/* The name, its folded copy, cvr, address, postcode and city of *e as $first … $first+5. */
static void bind_employer_fields(struct sql_stmt *stmt, int first, const struct employer *e)
{
    char *folded = core_text_fold(e->name);

    sql_bind_text(stmt, first, e->name);
    sql_bind_text(stmt, first + 1, folded);
    sql_bind_text(stmt, first + 2, e->cvr);
    sql_bind_text(stmt, first + 3, e->address);
    sql_bind_text(stmt, first + 4, e->postcode);
    sql_bind_text(stmt, first + 5, e->city);
    free(folded);
}

enum sp_code store_employer_person_add(struct store *st, struct employer_contact_person *p,
                                       struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO employer_contact_person (employer_id, name, title, phone, email)"
        " VALUES ($1, $2, $3, $4, $5) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, p->employer_id);
    sql_bind_text(stmt, 2, p->name);
    sql_bind_text(stmt, 3, p->title);
    sql_bind_text(stmt, 4, p->phone);
    sql_bind_text(stmt, 5, p->email);
    return store_insert_id(stmt, "employer contact person", &p->id, err);
}

enum sp_code store_employer_person_update(struct store *st, const struct employer_contact_person *p,
                                          struct sp_err *err)
{
    static const char sql[] =
        "UPDATE employer_contact_person SET name = $3, title = $4, phone = $5,"
        " email = $6 WHERE id = $1 AND employer_id = $2";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, p->id);
    sql_bind_int64(stmt, 2, p->employer_id);
    sql_bind_text(stmt, 3, p->name);
    sql_bind_text(stmt, 4, p->title);
    sql_bind_text(stmt, 5, p->phone);
    sql_bind_text(stmt, 6, p->email);
    rc = sql_step_done(stmt, NULL, err);
    if (rc == SP_OK && sql_changes(stmt) != 1)
        rc = sp_err_set(err, SP_NOT_FOUND, "", "No such contact person of the employer.");
    sql_release(stmt);
    return rc;
}

enum sp_code store_employer_create(struct store *st, struct employer *e, struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO employer (municipality_code, name, name_folded, cvr, address, postcode,"
        " city, version, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)"
        " RETURNING id";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_text(stmt, 1, e->municipality_code);
    bind_employer_fields(stmt, 2, e);
    sql_bind_text(stmt, 8, e->created_at);
    sql_bind_int64(stmt, 9, e->created_by);
    rc = sql_step(stmt, &row, "/cvr", err);
    if (rc == SP_OK && row)
        e->id = sql_column_int64(stmt, 0);
    sql_release(stmt);
    if (rc == SP_OK && !row)
        rc = sp_err_set(err, SP_INTERNAL, "", "The employer was not stored.");
    e->version = 1;
    for (size_t i = 0; rc == SP_OK && i < e->contact_person_count; i++) {
        e->contact_persons[i].employer_id = e->id;
        rc = store_employer_person_add(st, &e->contact_persons[i], err);
    }
    return rc;
}

enum sp_code store_employer_get(struct store *st, struct sp_arena *arena, int64_t id,
                                struct employer *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " EMPLOYER_COLUMNS " WHERE m.id = $1";
    static const char persons_sql[] =
        "SELECT id, employer_id, name, title, phone, email FROM employer_contact_person"
        " WHERE employer_id = $1 ORDER BY id";
    void *persons = NULL;
    enum sp_code rc = store_read_one(st, arena, sql, id, "employer", read_employer, out, err);

    if (rc == SP_OK)
        rc = store_read_all_of(st, arena, persons_sql, id, sizeof *out->contact_persons,
                               read_person, &persons, &out->contact_person_count, err);
    out->contact_persons = persons;
    return rc;
}

enum sp_code store_employer_update(struct store *st, struct employer *e, int64_t if_version,
                                   struct sp_err *err)
{
    static const char sql[] =
        "UPDATE employer SET name = $3, name_folded = $4, cvr = $5, address = $6, postcode = $7,"
        " city = $8, version = version + 1 WHERE id = $1 AND version = $2 RETURNING version";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, e->id);
    sql_bind_int64(stmt, 2, if_version);
    bind_employer_fields(stmt, 3, e);
    /* A CVR number taken by another employer of the register is a conflict at /cvr, which
     * store_update_versioned's step would not name. */
    rc = sql_step(stmt, &row, "/cvr", err);
    if (rc == SP_OK && row)
        e->version = sql_column_int64(stmt, 0);
    sql_release(stmt);
    if (rc == SP_OK && !row)
        rc = store_stale(st, employer_version_sql, e->id, "employer", err);
    return rc;
}

enum sp_code store_employer_search(struct store *st, struct sp_arena *arena,
                                   const char *municipality, const char *name_part,
                                   const struct store_page *page, struct employer **items,
                                   size_t *count, bool *more, struct sp_err *err)
{
    /* Keyset paging on (folded name, id), one range of employer_name; the cursor's position is
     * read back from its row (an employer renamed between two pages moves in the list). */
    static const char sql[] =
        "SELECT " EMPLOYER_COLUMNS " WHERE m.municipality_code = $1"
        " AND (CAST($2 AS TEXT) IS NULL OR m.name_folded LIKE '%' || CAST($2 AS TEXT) || '%'"
        " ESCAPE '\\')"
        " AND ($3 = 0 OR (m.name_folded, m.id) > (SELECT p.name_folded, p.id FROM employer p"
        " WHERE p.id = $3))"
        " ORDER BY m.name_folded, m.id LIMIT $4";
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_text(stmt, 1, municipality);
    sql_bind_text(stmt, 2, store_like_folded(arena, name_part));
    sql_bind_int64(stmt, 3, page->after);
    sql_bind_int64(stmt, 4, page->limit + 1);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_employer, &rows, count, more,
                         err);
    *items = rows;
    sql_release(stmt);
    return rc;
}

/* --- contacts -------------------------------------------------------------------------------- */

#define CONTACT_COLUMNS                                                                            \
    "c.id, c.employer_id, c.contact_person_id, c.enrolment_id, c.date, c.kind, c.purpose,"         \
    " c.outcome, c.next_step, c.next_step_date, c.consultant_id, c.created_at, c.version,"         \
    " u.display_name, m.name, cp.name, e.citizen_id, z.name"                                       \
    " FROM employer_contact c JOIN employer m ON m.id = c.employer_id"                             \
    " JOIN app_user u ON u.id = c.consultant_id"                                                   \
    " LEFT JOIN employer_contact_person cp ON cp.id = c.contact_person_id"                         \
    " LEFT JOIN enrolment e ON e.id = c.enrolment_id LEFT JOIN citizen z ON z.id = e.citizen_id"

/* After the first condition: the teams a linked contact's enrolment must be on ($2), the cursor
 * ($3: newest first, so rows before the last one's (date, id)) and the page's size ($4). */
#define CONTACT_LIST_TAIL                                                                          \
    " AND (c.enrolment_id IS NULL OR $2 IS NULL OR e.team_id = ANY($2))"                           \
    " AND ($3 = 0 OR (c.date, c.id) < (SELECT p.date, p.id FROM employer_contact p"                \
    " WHERE p.id = $3))"                                                                           \
    " ORDER BY c.date DESC, c.id DESC LIMIT $4"

static enum sp_code read_contact(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                 void *item, struct sp_err *err)
{
    struct employer_contact *c = item;

    (void)st;
    (void)err;
    memset(c, 0, sizeof *c);
    c->id = sql_column_int64(stmt, 0);
    c->employer_id = sql_column_int64(stmt, 1);
    c->contact_person_id = sql_column_int64(stmt, 2); /* NULL reads as 0 */
    c->enrolment_id = sql_column_int64(stmt, 3);
    c->date = sql_column_dup(stmt, 4, arena);
    c->kind = sql_column_dup(stmt, 5, arena);
    c->purpose = sql_column_dup(stmt, 6, arena);
    c->outcome = sql_column_dup(stmt, 7, arena);
    c->next_step = sql_column_dup(stmt, 8, arena);
    c->next_step_date = sql_column_dup(stmt, 9, arena);
    c->consultant_id = sql_column_int64(stmt, 10);
    c->created_at = sql_column_dup(stmt, 11, arena);
    c->version = sql_column_int64(stmt, 12);
    c->consultant_name = sql_column_dup(stmt, 13, arena);
    c->employer_name = sql_column_dup(stmt, 14, arena);
    c->contact_person_name = sql_column_dup(stmt, 15, arena);
    c->citizen_id = sql_column_int64(stmt, 16);
    c->citizen_name = sql_column_dup(stmt, 17, arena);
    return SP_OK;
}

enum sp_code store_employer_contact_add(struct store *st, struct employer_contact *c,
                                        struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO employer_contact (employer_id, contact_person_id, enrolment_id, date, kind,"
        " purpose, outcome, next_step, next_step_date, consultant_id, created_at, version)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) RETURNING id";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, c->employer_id);
    store_bind_positive_or_null(stmt, 2, c->contact_person_id);
    store_bind_positive_or_null(stmt, 3, c->enrolment_id);
    sql_bind_text(stmt, 4, c->date);
    sql_bind_text(stmt, 5, c->kind);
    sql_bind_text(stmt, 6, c->purpose);
    sql_bind_text(stmt, 7, c->outcome);
    sql_bind_text(stmt, 8, c->next_step);
    sql_bind_text(stmt, 9, c->next_step_date);
    sql_bind_int64(stmt, 10, c->consultant_id);
    sql_bind_text(stmt, 11, c->created_at);
    c->version = 1;
    return store_insert_id(stmt, "employer contact", &c->id, err);
}

enum sp_code store_employer_contact_list(struct store *st, struct sp_arena *arena,
                                         const struct store_employer_contact_filter *filter,
                                         const struct store_page *page,
                                         struct employer_contact **items, size_t *count, bool *more,
                                         struct sp_err *err)
{
    /* One statement per list, each one range of its index (employer_contact_employer,
     * employer_contact_enrolment); $1 is the employer or the enrolment. */
    static const char of_employer[] =
        "SELECT " CONTACT_COLUMNS " WHERE c.employer_id = $1" CONTACT_LIST_TAIL;
    static const char of_enrolment[] =
        "SELECT " CONTACT_COLUMNS " WHERE c.enrolment_id = $1" CONTACT_LIST_TAIL;
    bool by_employer = filter->employer_id > 0;
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc = sql_prepare(st->conn, by_employer ? of_employer : of_enrolment, &stmt, err);

    *items = NULL;
    *count = 0;
    *more = false;
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, by_employer ? filter->employer_id : filter->enrolment_id);
    sql_bind_ids(stmt, 2, filter->teams.ids, filter->teams.count);
    sql_bind_int64(stmt, 3, page->after);
    sql_bind_int64(stmt, 4, page->limit + 1);
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_contact, &rows, count, more,
                         err);
    *items = rows;
    sql_release(stmt);
    return rc;
}
