/* Citizens, and where they are enrolled (for the policy's team and municipality checks).
 *
 * The identifier never reaches the database in plaintext: it is sealed here with the identifier
 * key (libsodium secretbox) and found through a keyed BLAKE2b blind index of its normalised form
 * (docs/security-model.md), both made in C above the connection, so that every engine stores
 * and compares only text (docs/toolchain.md, note 7). The blind index is the person and is not
 * unique: every team that registers a person has a record of its own (migration 0009). Names
 * are searched in a folded copy (core_text_fold) made here too. */
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"
#include "core/text.h"
#include "store/store_int.h"

#define CITIZEN_COLUMNS                                                                            \
    "id, identifier_type, identifier_enc, birth_date, name, phone, email, municipality_code,"      \
    " synthetic, version, created_by"

static enum sp_code no_keys(struct sp_err *err)
{
    return sp_err_set(err, SP_INTERNAL, "", "No key file is loaded.");
}

/* Open the sealed identifier; a row that does not open (altered, or another key) reads as
 * SP_INTERNAL, logged without the value. A store_row_reader of struct citizen. */
static enum sp_code read_citizen(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                                 void *item, struct sp_err *err)
{
    struct citizen *c = item;
    const char *sealed = sql_column_text(stmt, 2);
    char identifier[32];

    if (st->keys == NULL || sealed == NULL ||
        !sp_crypto_open(st->keys, sealed, identifier, sizeof identifier)) {
        sp_log(SP_LOG_ERROR, "citizen %lld: the identifier does not open with this key file",
               (long long)sql_column_int64(stmt, 0));
        return sp_err_set(err, SP_INTERNAL, "", "A record cannot be decrypted. See the log.");
    }
    c->id = sql_column_int64(stmt, 0);
    c->identifier_type = sql_column_dup(stmt, 1, arena);
    c->identifier = sp_arena_strndup(arena, identifier, strlen(identifier));
    c->birth_date = sql_column_dup(stmt, 3, arena);
    c->name = sql_column_dup(stmt, 4, arena);
    c->phone = sql_column_dup(stmt, 5, arena);
    c->email = sql_column_dup(stmt, 6, arena);
    c->municipality_code = sql_column_dup(stmt, 7, arena);
    c->synthetic = sql_column_bool(stmt, 8);
    c->version = sql_column_int64(stmt, 9);
    c->created_by = sql_column_int64(stmt, 10); /* NULL reads as 0 */
    return SP_OK;
}

/* The sealed identifier, its blind index and the folded name of *c as $2, $3 and $4. */
static void bind_protected(struct store *st, struct sql_stmt *stmt, const struct citizen *c)
{
    char index[65];
    char *sealed = sp_crypto_seal(st->keys, c->identifier, strlen(c->identifier));
    char *folded = core_text_fold(c->name);

    sp_crypto_blind_index(st->keys, c->identifier, strlen(c->identifier), index);
    sql_bind_text(stmt, 2, sealed);
    sql_bind_text(stmt, 3, index);
    sql_bind_text(stmt, 4, folded);
    free(sealed);
    free(folded);
}

enum sp_code store_citizen_create(struct store *st, struct citizen *c, const char *now,
                                  struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO citizen (identifier_type, identifier_enc, identifier_index, name_folded,"
        " birth_date, name, phone, email, municipality_code, synthetic, version, created_at,"
        " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12) RETURNING id";
    struct sql_stmt *stmt = NULL;
    bool row = false;
    enum sp_code rc = st->keys == NULL ? no_keys(err) : sql_prepare(st->conn, sql, &stmt, err);

    if (rc != SP_OK)
        return rc;
    sql_bind_text(stmt, 1, c->identifier_type);
    bind_protected(st, stmt, c);
    sql_bind_text(stmt, 5, c->birth_date);
    sql_bind_text(stmt, 6, c->name);
    sql_bind_text(stmt, 7, c->phone);
    sql_bind_text(stmt, 8, c->email);
    sql_bind_text(stmt, 9, c->municipality_code);
    sql_bind_bool(stmt, 10, c->synthetic);
    sql_bind_text(stmt, 11, now);
    if (c->created_by > 0)
        sql_bind_int64(stmt, 12, c->created_by);
    else
        sql_bind_null(stmt, 12);
    rc = sql_step(stmt, &row, "/identifier", err);
    if (rc == SP_OK && row) {
        c->id = sql_column_int64(stmt, 0);
        c->version = 1;
    }
    sql_release(stmt);
    return rc;
}

/* An UPDATE that changes nothing rather than SELECT … FOR UPDATE, which SQLite does not parse;
 * on SQLite the write transaction already holds the one write lock. */
enum sp_code store_citizen_register_turn(struct store *st, int64_t user_id, struct sp_err *err)
{
    return store_run_with_id(st, "UPDATE app_user SET version = version WHERE id = $1", user_id,
                             err);
}

enum sp_code store_citizen_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct citizen *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " CITIZEN_COLUMNS " FROM citizen WHERE id = $1";
    return store_read_one(st, arena, sql, id, "citizen", read_citizen, out, err);
}

/* Who may be listed: records enrolled on one of the teams ($4, NULL: any), or registered by the
 * caller ($5) and enrolled nowhere yet. */
#define CITIZEN_VISIBLE                                                                            \
    " AND ($4 IS NULL OR id IN (SELECT e.citizen_id FROM enrolment e WHERE e.team_id = ANY($4))"   \
    "      OR (created_by = $5 AND NOT EXISTS (SELECT 1 FROM enrolment e"                          \
    "          WHERE e.citizen_id = citizen.id)))"

enum sp_code store_citizen_list(struct store *st, struct sp_arena *arena,
                                const struct store_citizen_filter *filter,
                                const struct store_page *page, struct citizen **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    /* A search: the identifier's blind index ($2), or a substring ($6) of the folded name
     * (sp_fold and core_text_fold are one function) with LIKE's wildcards escaped by '\'. */
    static const char search_sql[] =
        "SELECT " CITIZEN_COLUMNS " FROM citizen WHERE id > $1"
        " AND ((CAST($2 AS TEXT) IS NULL AND CAST($6 AS TEXT) IS NULL)"
        "      OR identifier_index = $2"
        "      OR name_folded LIKE '%' || CAST($6 AS TEXT) || '%' ESCAPE '\\')" CITIZEN_VISIBLE
        " ORDER BY id LIMIT $3";
    /* One person's records (registering looks for the caller's): through the citizen_person
     * index rather than a walk of every record in id order. */
    static const char person_sql[] =
        "SELECT " CITIZEN_COLUMNS " FROM citizen"
        " WHERE identifier_index = $2 AND id > $1" CITIZEN_VISIBLE " ORDER BY id LIMIT $3";
    bool person = filter->identifier != NULL && filter->name_part == NULL;
    struct sql_stmt *stmt = NULL;
    void *rows = NULL;
    enum sp_code rc;

    *items = NULL;
    *count = 0;
    *more = false;
    if (filter->identifier != NULL && st->keys == NULL)
        return no_keys(err);
    rc = sql_prepare(st->conn, person ? person_sql : search_sql, &stmt, err);
    if (rc != SP_OK)
        return rc;
    sql_bind_int64(stmt, 1, page->after);
    if (filter->identifier != NULL) {
        char index[65];

        sp_crypto_blind_index(st->keys, filter->identifier, strlen(filter->identifier), index);
        sql_bind_text(stmt, 2, index);
    } else {
        sql_bind_null(stmt, 2);
    }
    sql_bind_int64(stmt, 3, page->limit + 1);
    sql_bind_ids(stmt, 4, filter->teams.ids, filter->teams.count);
    sql_bind_int64(stmt, 5, filter->created_by);
    if (!person)
        sql_bind_text(stmt, 6, store_like_folded(arena, filter->name_part));
    rc = store_read_page(st, stmt, arena, page, sizeof **items, read_citizen, &rows, count, more,
                         err);
    *items = rows;
    sql_release(stmt);
    return rc;
}

/* The place columns 1..6 of the queries below, for enrolment alias e; the consents in force as
 * store_consent_in_force reads them (the newest row of the scope), without a round trip each. */
#define PLACE_COLUMNS                                                                              \
    "e.id, e.project_id, e.team_id, t.municipality_code,"                                          \
    " (SELECT k.given FROM consent k WHERE k.enrolment_id = e.id"                                  \
    "  AND k.scope = 'health_summary_to_municipality' ORDER BY k.id DESC LIMIT 1),"                \
    " (SELECT k.given FROM consent k WHERE k.enrolment_id = e.id"                                  \
    "  AND k.scope = 'employment_to_health' ORDER BY k.id DESC LIMIT 1)"

/* Columns 1..6 of the place queries below into *p. */
static void read_place(struct sql_stmt *stmt, struct sp_arena *arena, struct citizen_place *p)
{
    p->enrolment_id = sql_column_int64(stmt, 1);
    p->project_id = sql_column_int64(stmt, 2);
    p->team_id = sql_column_int64(stmt, 3); /* NULL reads as 0: no team yet */
    p->municipality_code = sql_column_dup(stmt, 4, arena);
    p->health_summary_to_municipality = sql_column_bool(stmt, 5); /* NULL: never given */
    p->employment_to_health = sql_column_bool(stmt, 6);
}

/* One query: the citizen row, left-joined to its enrolments, tells "no such citizen" (no row)
 * from "enrolled nowhere" (one row with a NULL enrolment id). Every place, never cut: the
 * policy decides over all of them. */
enum sp_code store_citizen_places(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                  struct citizen_place **places, size_t *count, struct sp_err *err)
{
    static const char sql[] =
        "SELECT c.id, " PLACE_COLUMNS " FROM citizen c"
        " LEFT JOIN enrolment e ON e.citizen_id = c.id LEFT JOIN team t ON t.id = e.team_id"
        " WHERE c.id = $1 ORDER BY e.id";
    struct sql_stmt *stmt = NULL;
    size_t cap = 4;
    bool found = false;
    bool row = true;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    *count = 0;
    *places = sp_arena_alloc(arena, sizeof **places * cap);
    if (rc == SP_OK)
        sql_bind_int64(stmt, 1, citizen_id);
    while (rc == SP_OK && (rc = sql_step(stmt, &row, NULL, err)) == SP_OK && row) {
        found = true;
        if (sql_column_null(stmt, 1))
            continue;
        if (*count == cap)
            *places = store_grow(arena, *places, sizeof **places, &cap);
        read_place(stmt, arena, &(*places)[(*count)++]);
    }
    if (rc == SP_OK && !found)
        rc = sp_err_set(err, SP_NOT_FOUND, "", "No such citizen.");
    sql_release(stmt);
    return rc;
}

enum sp_code store_enrolment_place(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   int64_t *citizen_id, struct citizen_place *place,
                                   struct sp_err *err)
{
    static const char sql[] = "SELECT e.citizen_id, " PLACE_COLUMNS " FROM enrolment e"
                              " LEFT JOIN team t ON t.id = e.team_id WHERE e.id = $1";
    struct sql_stmt *stmt = NULL;
    enum sp_code rc = sql_prepare(st->conn, sql, &stmt, err);

    if (rc == SP_OK) {
        sql_bind_int64(stmt, 1, enrolment_id);
        rc = sql_step_one(stmt, "enrolment", err);
    }
    if (rc == SP_OK) {
        *citizen_id = sql_column_int64(stmt, 0);
        read_place(stmt, arena, place);
    }
    sql_release(stmt);
    return rc;
}
