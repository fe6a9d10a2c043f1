/* What every store/<area>.c shares: the connection behind a struct store, and small helpers for
 * reading lists. Never included outside src/store/. */
#ifndef SP_STORE_STORE_INT_H
#define SP_STORE_STORE_INT_H

#include "store/sql.h"
#include "store/store.h"

struct store {
    struct sql_conn *conn;
    const struct sp_keys *keys; /* borrowed: identifiers are sealed and indexed with these */
};

/* A list read whole (never cut at a fixed size): items (of *cap elements of size bytes) copied
 * into an arena array twice as large; *cap doubles. */
void *store_grow(struct sp_arena *arena, const void *items, size_t size, size_t *cap);

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

#endif
