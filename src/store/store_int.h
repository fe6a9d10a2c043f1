/* What every store/<area>.c shares: the connection behind a struct store, and small helpers (in
 * rows.c) for the statements the areas run alike: reading one row or a list with a row reader,
 * running a statement keyed by ids, inserting and updating. The SQL stays with its area. Never
 * included outside src/store/. */
#ifndef SP_STORE_STORE_INT_H
#define SP_STORE_STORE_INT_H

#include "store/sql.h"
#include "store/store.h"

/* The head of the audit chain a connection appends to, as this connection last committed it
 * (store/audit.c): the connection is the chain's only writer, so it need not read it back. */
struct store_audit_head {
    bool known;          /* false: read it from the chain's row before the next append */
    int64_t seq;         /* chain_seq of the newest event; 0 before the first */
    int version;         /* the chain's hash_version */
    char hash[65];       /* that event's hash (the genesis hash before the first) */
    bool pending;        /* events appended in the open transaction: */
    int64_t pending_seq; /* the head they make, once it commits */
    char pending_hash[65];
};

struct store {
    struct sql_conn *conn;
    const struct sp_keys *keys; /* borrowed: identifiers are sealed and indexed with these */
    int64_t audit_chain;        /* the chain this connection appends to; 0: none (store/audit.c) */
    struct store_audit_head audit_head;
};

/* The transaction ended: with committed true its appended events are the chain's new head;
 * otherwise they are gone (and after a failed COMMIT, whether they are is not known). */
void store_audit_ended(struct store *st, bool committed, enum sp_code commit_rc);

/* A list read whole (never cut at a fixed size): items (of *cap elements of size bytes) copied
 * into an arena array twice as large; *cap doubles. */
void *store_grow(struct sp_arena *arena, const void *items, size_t size, size_t *cap);

/* Reads the current row of a statement into item, one element of the list being read. */
typedef enum sp_code (*store_row_reader)(struct store *st, struct sql_stmt *stmt,
                                         struct sp_arena *arena, void *item, struct sp_err *err);

/* One page of a keyset-paginated list (the statement's LIMIT bound to page->limit + 1): at most
 * page->limit rows of size bytes into *items (an arena array), and *more when one more was
 * there. The same on every engine, so that no store function pages on its own. */
enum sp_code store_read_page(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                             const struct store_page *page, size_t size, store_row_reader read,
                             void **items, size_t *count, bool *more, struct sp_err *err);

/* Every row of the statement into *items (an arena array grown by store_grow, never cut). */
enum sp_code store_read_all(struct store *st, struct sql_stmt *stmt, struct sp_arena *arena,
                            size_t size, store_row_reader read, void **items, size_t *count,
                            struct sp_err *err);

/* The one row of sql, whose one parameter $1 is id, read into item; SP_NOT_FOUND ("No such
 * <what>.") when there is none. */
enum sp_code store_read_one(struct store *st, struct sp_arena *arena, const char *sql, int64_t id,
                            const char *what, store_row_reader read, void *item,
                            struct sp_err *err);

/* As store_read_one, for sql whose one parameter $1 is the text key (a username, a code). */
enum sp_code store_read_one_by_text(struct store *st, struct sp_arena *arena, const char *sql,
                                    const char *key, const char *what, store_row_reader read,
                                    void *item, struct sp_err *err);

/* The first column of the one row of sql, whose one parameter $1 is id, as an integer (a
 * version, say) into *out; SP_NOT_FOUND ("No such <what>.") when there is none. */
enum sp_code store_read_int64(struct store *st, const char *sql, int64_t id, const char *what,
                              int64_t *out, struct sp_err *err);

/* Run sql, whose one parameter $1 is id, to its end (a DELETE, or an UPDATE that takes locks). */
enum sp_code store_run_with_id(struct store *st, const char *sql, int64_t id, struct sp_err *err);

/* Run sql, whose two parameters $1 and $2 are first and second, to its end. */
enum sp_code store_run_with_ints(struct store *st, const char *sql, int64_t first, int64_t second,
                                 struct sp_err *err);

/* Every row of sql, whose one parameter $1 is id (an enrolment's rows, say), as store_read_all. */
enum sp_code store_read_all_of(struct store *st, struct sp_arena *arena, const char *sql,
                               int64_t id, size_t size, store_row_reader read, void **items,
                               size_t *count, struct sp_err *err);

/* One page of sql whose parameters are $1 id (the enrolment, say), $2 page->after (the cursor) and
 * $3 the LIMIT (page->limit + 1), as store_read_page. */
enum sp_code store_read_page_of(struct store *st, struct sp_arena *arena, const char *sql,
                                int64_t id, const struct store_page *page, size_t size,
                                store_row_reader read, void **items, size_t *count, bool *more,
                                struct sp_err *err);

/* Binds v when it is above 0, else NULL: an optional id or number whose 0 means none. */
void store_bind_positive_or_null(struct sql_stmt *stmt, int index, int64_t v);

/* Run a bound `INSERT … RETURNING id`, put the id in *id and release the statement. */
enum sp_code store_insert_id(struct sql_stmt *stmt, const char *what, int64_t *id,
                             struct sp_err *err);

/* Run a bound multi-row `INSERT … SELECT … FROM (VALUES …) ORDER BY column1 RETURNING id` whose
 * rows are numbered in column1 (the order they were given): their ids, ascending, into ids (count
 * of them expected; fewer is SP_INTERNAL) and release the statement. Both engines give the rows of
 * one statement ascending ids in the order they are inserted, so ids[i] is the i-th row's. */
enum sp_code store_insert_ids(struct sql_stmt *stmt, const char *what, int64_t *ids, size_t count,
                              struct sp_err *err);

/* Run a bound `UPDATE … WHERE id = $1 AND version = $2 RETURNING version` (id is its $1), put
 * the new version in *version and release the statement; when no row matched, store_stale. */
enum sp_code store_update_versioned(struct store *st, struct sql_stmt *stmt,
                                    const char *version_sql, int64_t id, const char *what,
                                    int64_t *version, struct sp_err *err);

/* After a conditional `UPDATE … WHERE id = $1 AND version = $2` changed no row: SP_STALE with
 * err->current_version read by version_sql (`SELECT version FROM … WHERE id = $1`), or
 * SP_NOT_FOUND ("No such <what>.") when the row is gone. */
enum sp_code store_stale(struct store *st, const char *version_sql, int64_t id, const char *what,
                         struct sp_err *err);

/* text folded (core_text_fold) with LIKE's wildcards and the escape character escaped by a
 * backslash, for a substring search over a folded column (ESCAPE backslash); an arena copy,
 * NULL for NULL. SQL folds a column with sp_fold(), the same function on both engines. */
const char *store_like_folded(struct sp_arena *arena, const char *text);

/* A project's treatment settings (struct project_treatment) as 9 columns of alias t, and the
 * reader of those columns from index first; NULL reads as -1 (not used). */
#define STORE_TREATMENT_COLUMNS(t)                                                                 \
    t ".not_improving_weeks, " t ".response_percent, " t ".measurement_overdue_days, " t           \
      ".no_contact_days, " t ".screen_phq9_min, " t ".screen_gad7_min, " t ".screen_who5_max, " t  \
      ".severe_phq9_min, " t ".suicide_item9_min"
void store_read_treatment(struct sql_stmt *stmt, int first, struct project_treatment *out);

/* "3,6,12" → out (at most max; pieces that are not whole numbers are skipped): the comma lists
 * of project columns. */
size_t store_split_ints(const char *text, int *out, size_t max);
/* The next piece of a comma list: *rest is the text still to read (NULL: none left; start a list
 * with NULL for empty text, which has no pieces), *piece and *len the piece; false at the end. */
bool store_next_piece(const char **rest, const char **piece, size_t *len);

/* The ids of a caseload scope's enrolments (user_id: the caller; the enrolment for
 * STORE_CASELOAD_ONE) whose status is in `statuses`, in id order, every one (store/caseload.c;
 * the employment caseload reads the same scopes). */
enum sp_code store_caseload_ids(struct store *st, struct sp_arena *arena, int64_t user_id,
                                enum store_caseload_scope scope, unsigned statuses, int64_t **ids,
                                size_t *count, struct sp_err *err);

/* A set of enrolment statuses (bit 1u << enum enrolment_status for each member) as the
 * parameters $2 … $8 of a statement, one per status, NULL for a status not in the set (it
 * matches nothing): the status list comes from core/, never from SQL. */
#define STORE_STATUS_IN(column) column " IN ($2, $3, $4, $5, $6, $7, $8)"
void store_bind_statuses(struct sql_stmt *stmt, unsigned statuses);

#endif
