/* Citizens. The identifier never reaches the database in plaintext: it is sealed with the
 * identifier key (libsodium secretbox) and found through a keyed BLAKE2b blind index of its
 * normalised form (docs/security-model.md). Both are text, never numbers (docs/toolchain.md,
 * note 7). The blind index is the person and is not unique: every team that registers a person
 * has a record of its own (migration 0009). */
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"
#include "core/text.h"

#include "store/sqlite_int.h"

#define CITIZEN_COLUMNS                                                                            \
    "id, identifier_type, identifier_enc, birth_date, name, phone, email, municipality_code,"      \
    " synthetic, version, created_by"

/* Open the sealed identifier; a row that does not open (altered, or another key) reads as
 * SP_INTERNAL, logged without the value. */
static enum sp_code read_citizen(struct store *st, sqlite3_stmt *stmt, struct sp_arena *arena,
                                 struct citizen *c, struct sp_err *err)
{
    const char *sealed = (const char *)sqlite3_column_text(stmt, 2);
    char identifier[32];

    if (st->keys == NULL || sealed == NULL ||
        !sp_crypto_open(st->keys, sealed, identifier, sizeof identifier)) {
        sp_log(SP_LOG_ERROR, "citizen %lld: the identifier does not open with this key file",
               (long long)sqlite3_column_int64(stmt, 0));
        return sp_err_set(err, SP_INTERNAL, "", "A record cannot be decrypted. See the log.");
    }
    c->id = sqlite3_column_int64(stmt, 0);
    c->identifier_type = sqlite_column_dup(stmt, 1, arena);
    c->identifier = sp_arena_strndup(arena, identifier, strlen(identifier));
    c->birth_date = sqlite_column_dup(stmt, 3, arena);
    c->name = sqlite_column_dup(stmt, 4, arena);
    c->phone = sqlite_column_dup(stmt, 5, arena);
    c->email = sqlite_column_dup(stmt, 6, arena);
    c->municipality_code = sqlite_column_dup(stmt, 7, arena);
    c->synthetic = sqlite3_column_int(stmt, 8) != 0;
    c->version = sqlite3_column_int64(stmt, 9);
    c->created_by = sqlite3_column_int64(stmt, 10);
    return SP_OK;
}

enum sp_code store_citizen_create(struct store *st, struct citizen *c, const char *now,
                                  struct sp_err *err)
{
    static const char sql[] =
        "INSERT INTO citizen (identifier_type, identifier_enc, birth_date, name, name_folded, "
        "phone,"
        " email, municipality_code, synthetic, version, created_at, identifier_index, created_by)"
        " VALUES ($1, $2, $3, $4, $10, $5, $6, $7, $8, 1, $9, $11, $12) RETURNING id";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK && st->keys == NULL)
        rc = sp_err_set(err, SP_INTERNAL, "", "No key file is loaded.");
    if (rc == SP_OK) {
        char index[65];
        char *sealed = sp_crypto_seal(st->keys, c->identifier, strlen(c->identifier));
        char *folded;
        int src;

        sp_crypto_blind_index(st->keys, c->identifier, strlen(c->identifier), index);
        sqlite_bind_text(stmt, 1, c->identifier_type);
        sqlite_bind_text(stmt, 2, sealed);
        sqlite_bind_text(stmt, 11, index);
        if (c->created_by > 0)
            sqlite3_bind_int64(stmt, 12, c->created_by);
        free(sealed);
        sqlite_bind_text(stmt, 3, c->birth_date);
        sqlite_bind_text(stmt, 4, c->name);
        sqlite_bind_text(stmt, 5, c->phone);
        sqlite_bind_text(stmt, 6, c->email);
        sqlite_bind_text(stmt, 7, c->municipality_code);
        sqlite3_bind_int(stmt, 8, c->synthetic ? 1 : 0);
        sqlite_bind_text(stmt, 9, now);
        folded = core_text_fold(c->name);
        sqlite_bind_text(stmt, 10, folded);
        free(folded);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW) {
            c->id = sqlite3_column_int64(stmt, 0);
            c->version = 1;
        } else {
            rc = sqlite_error(st, src, "/identifier", err);
        }
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_citizen_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct citizen *out, struct sp_err *err)
{
    static const char sql[] = "SELECT " CITIZEN_COLUMNS " FROM citizen WHERE id = $1";
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(st, sql, &stmt, err);

    if (rc == SP_OK) {
        int src;

        sqlite3_bind_int64(stmt, 1, id);
        src = sqlite3_step(stmt);
        if (src == SQLITE_ROW)
            rc = read_citizen(st, stmt, arena, out, err);
        else if (src == SQLITE_DONE)
            rc = sp_err_set(err, SP_NOT_FOUND, "", "No such citizen.");
        else
            rc = sqlite_error(st, src, NULL, err);
    }
    sqlite_release(st, stmt);
    return rc;
}

enum sp_code store_citizen_list(struct store *st, struct sp_arena *arena,
                                const struct store_citizen_filter *filter,
                                const struct store_page *page, struct citizen **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    /* The name filter is a substring of the folded name (core_text_fold, since SQLite's lower()
     * knows only ASCII), with LIKE's wildcards escaped by '\'. */
#define CITIZEN_VISIBLE                                                                            \
    " AND ($5 IS NULL OR id IN (SELECT e.citizen_id FROM enrolment e"                              \
    "      WHERE e.team_id IN (SELECT value FROM json_each($5)))"                                  \
    "      OR (created_by = $6 AND NOT EXISTS (SELECT 1 FROM enrolment e"                          \
    "          WHERE e.citizen_id = citizen.id)))"
    static const char sql[] =
        "SELECT " CITIZEN_COLUMNS " FROM citizen WHERE id > $1"
        " AND (($2 IS NULL AND $3 IS NULL) OR identifier_index = $2"
        "      OR name_folded LIKE '%' || $3 || '%' ESCAPE '\\')" CITIZEN_VISIBLE
        " ORDER BY id LIMIT $4";
    /* One person's records (registering looks for the caller's): through the citizen_person
     * index rather than a walk of every record in id order. $3 is not used. */
    static const char person_sql[] =
        "SELECT " CITIZEN_COLUMNS " FROM citizen"
        " WHERE identifier_index = $2 AND id > $1" CITIZEN_VISIBLE " ORDER BY id LIMIT $4";
#undef CITIZEN_VISIBLE
    sqlite3_stmt *stmt = NULL;
    enum sp_code rc = sqlite_prepare(
        st, filter->identifier != NULL && filter->name_part == NULL ? person_sql : sql, &stmt, err);
    const char *escaped = NULL;
    int src = SQLITE_DONE;

    *count = 0;
    *more = false;
    *items = sp_arena_alloc(arena, sizeof **items * (size_t)page->limit);
    if (rc != SP_OK)
        goto out;
    escaped = store_like_folded(arena, filter->name_part);
    sqlite3_bind_int64(stmt, 1, page->after);
    if (filter->identifier != NULL) {
        char index[65];

        if (st->keys == NULL) {
            rc = sp_err_set(err, SP_INTERNAL, "", "No key file is loaded.");
            goto out;
        }
        sp_crypto_blind_index(st->keys, filter->identifier, strlen(filter->identifier), index);
        sqlite_bind_text(stmt, 2, index);
    }
    sqlite_bind_text(stmt, 3, escaped);
    sqlite3_bind_int(stmt, 4, page->limit + 1);
    sqlite_bind_text(stmt, 5, filter->teams);
    sqlite3_bind_int64(stmt, 6, filter->created_by);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*count == (size_t)page->limit) {
            *more = true;
            break;
        }
        rc = read_citizen(st, stmt, arena, &(*items)[(*count)++], err);
        if (rc != SP_OK)
            goto out;
    }
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        rc = sqlite_error(st, src, NULL, err);
out:
    sqlite_release(st, stmt);
    return rc;
}
