/* Internals shared by the SQLite driver's files; never included outside src/store/sqlite*.c. */
#ifndef SP_STORE_SQLITE_INT_H
#define SP_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/driver.h"

/* Prepared statements are kept per connection and reused (sqlite.org/c3ref/prepare.html:
 * SQLITE_PREPARE_PERSISTENT), keyed by the address of the SQL text and checked by content. */
#define SQLITE_STMT_CACHE_MAX 160

struct sqlite_cached_stmt {
    const char *key; /* the caller's SQL pointer */
    char *sql;       /* a copy, to tell two texts at one address apart */
    sqlite3_stmt *stmt;
    bool in_use;
};

struct sqlite_store {
    struct store base; /* first: a struct store * is a struct sqlite_store * */
    sqlite3 *db;
    bool writing; /* holds the process's write mutex (sqlite.c) */
    size_t cache_count;
    struct sqlite_cached_stmt cache[SQLITE_STMT_CACHE_MAX];
};

static inline sqlite3 *sqlite_db(struct store *st)
{
    return ((struct sqlite_store *)st)->db;
}

/* Map a SQLite result code to ours: BUSY/LOCKED → SP_BUSY, CONSTRAINT_UNIQUE/PRIMARYKEY →
 * SP_CONFLICT (field `unique_field`), anything else SP_INTERNAL with sqlite3_errmsg() logged
 * (never returned, never a bound value). */
enum sp_code sqlite_error(struct store *st, int src, const char *unique_field, struct sp_err *err);

/* A statement for sql on st, from the connection's cache or newly prepared; SP_OK or the mapped
 * error. Give it back with sqlite_release() (never sqlite3_finalize). */
enum sp_code sqlite_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt,
                            struct sp_err *err);

/* Reset a statement from sqlite_prepare for its next use (cached) or finalise it; NULL-safe. */
void sqlite_release(struct store *st, sqlite3_stmt *stmt);

/* Bind helpers: NULL text binds SQL NULL. Return SQLite codes for chaining. */
int sqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text);

/* Column as an arena copy; NULL for SQL NULL. */
const char *sqlite_column_dup(sqlite3_stmt *stmt, int col, struct sp_arena *arena);

/* text folded (core_text_fold) with LIKE's wildcards and the escape character escaped by a
 * backslash, for a substring search over a folded column (ESCAPE backslash); an arena copy,
 * NULL for NULL. SQL can fold a column itself with sp_fold(), registered on every connection. */
const char *sqlite_like_folded(struct sp_arena *arena, const char *text);

/* A list read whole (never cut at a fixed size): items (of *cap elements of size bytes) copied
 * into an arena array twice as large; *cap doubles. */
void *sqlite_grow(struct sp_arena *arena, const void *items, size_t size, size_t *cap);

/* Run a statement that returns no rows (or ignores them) to completion. */
enum sp_code sqlite_step_done(struct store *st, sqlite3_stmt *stmt, const char *unique_field,
                              struct sp_err *err);

/* Per-file driver members, gathered into store_sqlite_driver in sqlite.c. */
enum sp_code sqlite_organisation_list(struct store *st, struct sp_arena *arena,
                                      const struct store_org_filter *filter,
                                      const struct store_page *page, struct organisation **items,
                                      size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_organisation_get(struct store *st, struct sp_arena *arena, const char *code,
                                     struct organisation *out, struct sp_err *err);
enum sp_code sqlite_target_group_exists(struct store *st, const char *code, bool *exists,
                                        struct sp_err *err);
enum sp_code sqlite_target_group_list(struct store *st, struct sp_arena *arena,
                                      struct target_group **items, size_t *count,
                                      struct sp_err *err);
enum sp_code sqlite_project_create(struct store *st, struct project *p, const char *now,
                                   struct sp_err *err);
enum sp_code sqlite_project_get(struct store *st, struct sp_arena *arena, int64_t id,
                                struct project *out, struct sp_err *err);
enum sp_code sqlite_project_list(struct store *st, struct sp_arena *arena,
                                 const struct store_page *page, struct project **items,
                                 size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_project_update(struct store *st, struct project *p, int64_t if_version,
                                   struct sp_err *err);
enum sp_code sqlite_citizen_create(struct store *st, struct citizen *c, const char *now,
                                   struct sp_err *err);
enum sp_code sqlite_citizen_get(struct store *st, struct sp_arena *arena, int64_t id,
                                struct citizen *out, struct sp_err *err);
enum sp_code sqlite_citizen_list(struct store *st, struct sp_arena *arena,
                                 const struct store_citizen_filter *filter,
                                 const struct store_page *page, struct citizen **items,
                                 size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_enrolment_create(struct store *st, struct enrolment *e, const char *now,
                                     struct sp_err *err);
enum sp_code sqlite_enrolment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                  struct enrolment *out, struct sp_err *err);
enum sp_code sqlite_enrolment_list(struct store *st, struct sp_arena *arena,
                                   const struct store_enrolment_filter *filter,
                                   const struct store_page *page, struct enrolment **items,
                                   size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_enrolment_update(struct store *st, struct enrolment *e, int64_t if_version,
                                     struct sp_err *err);
enum sp_code sqlite_enrolment_member_add(struct store *st, int64_t enrolment_id, int64_t user_id,
                                         const char *role, struct sp_err *err);
enum sp_code sqlite_episode_create(struct store *st, struct episode *ep, const char *now,
                                   struct sp_err *err);
enum sp_code sqlite_episode_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                 struct episode **items, size_t *count, struct sp_err *err);
enum sp_code sqlite_user_bump_version(struct store *st, int64_t id, int64_t if_version,
                                      int64_t *version, struct sp_err *err);
enum sp_code sqlite_team_create(struct store *st, struct team *t, struct sp_err *err);
enum sp_code sqlite_team_get(struct store *st, struct sp_arena *arena, int64_t id, struct team *out,
                             struct sp_err *err);
enum sp_code sqlite_user_create(struct store *st, const struct store_user_new *u, const char *now,
                                int64_t *id, struct sp_err *err);
enum sp_code sqlite_team_member_add(struct store *st, int64_t team_id, int64_t user_id,
                                    struct sp_err *err);
enum sp_code sqlite_idempotent_get(struct store *st, struct sp_arena *arena, const char *key_hash,
                                   int64_t not_before, bool *found, struct store_idempotent *out,
                                   struct sp_err *err);
enum sp_code sqlite_idempotent_put(struct store *st, const char *key_hash,
                                   const struct store_idempotent *rec, int64_t now,
                                   int64_t expire_before, struct sp_err *err);

/* sqlite_account.c and sqlite_audit.c */
enum sp_code sqlite_user_by_username(struct store *st, struct sp_arena *arena, const char *username,
                                     struct user *out, struct sp_err *err);
enum sp_code sqlite_user_get(struct store *st, struct sp_arena *arena, int64_t id, struct user *out,
                             struct sp_err *err);
enum sp_code sqlite_user_list(struct store *st, struct sp_arena *arena,
                              const struct store_user_filter *filter, const struct store_page *page,
                              struct user **items, size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_user_set_password(struct store *st, int64_t id, const char *password_hash,
                                      struct sp_err *err);
enum sp_code sqlite_user_set_disabled(struct store *st, int64_t id, bool disabled,
                                      struct sp_err *err);
enum sp_code sqlite_user_set_roles(struct store *st, int64_t id, size_t role_count,
                                   const char *const *roles, struct sp_err *err);
enum sp_code sqlite_team_list(struct store *st, struct sp_arena *arena, int64_t project_id,
                              const struct store_page *page, struct team **items, size_t *count,
                              bool *more, struct sp_err *err);
enum sp_code sqlite_team_members(struct store *st, struct sp_arena *arena, int64_t team_id,
                                 struct team_member **items, size_t *count, struct sp_err *err);
enum sp_code sqlite_team_member_remove(struct store *st, int64_t team_id, int64_t user_id,
                                       struct sp_err *err);
enum sp_code sqlite_session_create(struct store *st, const char *token_hash, int64_t user_id,
                                   const char *csrf_token, int64_t now, int64_t *id,
                                   struct sp_err *err);
enum sp_code sqlite_session_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                                struct session *out, struct sp_err *err);
enum sp_code sqlite_session_touch(struct store *st, int64_t id, int64_t now, struct sp_err *err);
enum sp_code sqlite_session_end(struct store *st, int64_t id, struct sp_err *err);
enum sp_code sqlite_session_end_user(struct store *st, int64_t user_id, struct sp_err *err);
enum sp_code sqlite_token_create(struct store *st, const char *token_hash,
                                 const struct api_token *t, int64_t *id, struct sp_err *err);
enum sp_code sqlite_token_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                              struct api_token *out, struct sp_err *err);
enum sp_code sqlite_token_list(struct store *st, struct sp_arena *arena, int64_t user_id,
                               struct api_token **items, size_t *count, struct sp_err *err);
enum sp_code sqlite_token_revoke(struct store *st, int64_t id, int64_t now, struct sp_err *err);
enum sp_code sqlite_throttle_get(struct store *st, const char *username, int *failures,
                                 int64_t *locked_until, struct sp_err *err);
enum sp_code sqlite_throttle_set(struct store *st, const char *username, int failures,
                                 int64_t locked_until, struct sp_err *err);
enum sp_code sqlite_throttle_clear(struct store *st, const char *username, struct sp_err *err);
enum sp_code sqlite_consent_add(struct store *st, struct consent *c, struct sp_err *err);
enum sp_code sqlite_consent_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                 const struct store_page *page, struct consent **items,
                                 size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_consent_in_force(struct store *st, int64_t enrolment_id, const char *scope,
                                     bool *given, struct sp_err *err);
enum sp_code sqlite_audit_last(struct store *st, struct sp_arena *arena, int64_t *seq,
                               const char **hash, struct sp_err *err);
enum sp_code sqlite_audit_insert(struct store *st, const struct audit_event *e, struct sp_err *err);
enum sp_code sqlite_audit_scan(struct store *st, struct sp_arena *arena, int64_t after_seq,
                               int limit, struct audit_event **items, size_t *count,
                               struct sp_err *err);
enum sp_code sqlite_audit_list_citizen(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                       const char *skip_purpose, const struct store_page *page,
                                       struct audit_event **items, size_t *count, bool *more,
                                       struct sp_err *err);
enum sp_code sqlite_citizen_places(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                   struct citizen_place *places, size_t *count, struct sp_err *err);
enum sp_code sqlite_enrolment_place(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    int64_t *citizen_id, struct citizen_place *place,
                                    struct sp_err *err);

/* A project's treatment settings (struct project_treatment) as 9 columns of alias t, and the
 * reader of those columns from index first; NULL reads as -1 (not used). */
#define SQLITE_TREATMENT_COLUMNS(t)                                                                \
    t ".not_improving_weeks, " t ".response_percent, " t ".measurement_overdue_days, " t           \
      ".no_contact_days, " t ".screen_phq9_min, " t ".screen_gad7_min, " t ".screen_who5_max, " t  \
      ".severe_phq9_min, " t ".suicide_item9_min"
void sqlite_read_treatment(sqlite3_stmt *stmt, int first, struct project_treatment *out);

/* "3,6,12" → out (at most max; pieces that are not whole numbers are skipped): the comma lists
 * of project columns (sqlite_project.c). */
size_t sqlite_split_ints(const char *text, int *out, size_t max);

/* sqlite_treatment.c, sqlite_caseload.c */
enum sp_code sqlite_health_summary(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   struct store_health_summary *out, struct sp_err *err);
enum sp_code sqlite_enrolment_team_people(struct store *st, struct sp_arena *arena,
                                          int64_t enrolment_id, const struct store_page *page,
                                          struct team_person **items, size_t *count, bool *more,
                                          struct sp_err *err);
enum sp_code sqlite_assessment_add(struct store *st, struct assessment *a, struct sp_err *err);
enum sp_code sqlite_assessment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                   struct assessment *out, struct sp_err *err);
enum sp_code sqlite_assessment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    const struct store_page *page, struct assessment **items,
                                    size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_assessment_baselines(struct store *st, struct sp_arena *arena,
                                         int64_t enrolment_id, struct store_baseline **items,
                                         size_t *count, struct sp_err *err);
enum sp_code sqlite_eligibility_add(struct store *st, struct eligibility_decision *d,
                                    struct sp_err *err);
enum sp_code sqlite_eligibility_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                     struct eligibility_decision **items, size_t *count,
                                     struct sp_err *err);
enum sp_code sqlite_plan_get(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                             struct treatment_plan *out, struct sp_err *err);
enum sp_code sqlite_plan_put(struct store *st, struct treatment_plan *p, int64_t expected_version,
                             struct sp_err *err);
enum sp_code sqlite_session_add(struct store *st, struct treatment_session *s, struct sp_err *err);
enum sp_code sqlite_session_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                 const struct store_page *page, struct treatment_session **items,
                                 size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_safety_add(struct store *st, struct safety_followup *f, struct sp_err *err);
enum sp_code sqlite_safety_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct safety_followup **items,
                                size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_case_review_add(struct store *st, struct case_review *r, struct sp_err *err);
enum sp_code sqlite_case_review_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                     const struct store_page *page, struct case_review **items,
                                     size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_instrument_text_get(struct store *st, struct sp_arena *arena,
                                        const char *instrument, const char *language,
                                        const char **body, bool *found, struct sp_err *err);
enum sp_code sqlite_instrument_text_put(struct store *st, const char *instrument,
                                        const char *language, const char *source, const char *body,
                                        const char *now, struct sp_err *err);
enum sp_code sqlite_caseload(struct store *st, struct sp_arena *arena, int64_t user_id,
                             enum store_caseload_scope scope, struct store_caseload_row **rows,
                             size_t *count, struct sp_err *err);

/* sqlite_casework.c (migration 0010) */
enum sp_code sqlite_enrolment_touch(struct store *st, int64_t id, int64_t if_version,
                                    int64_t *version, struct sp_err *err);
enum sp_code sqlite_assignment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    struct assignment **items, size_t *count, struct sp_err *err);
enum sp_code sqlite_assignment_set(struct store *st, int64_t enrolment_id, const char *role,
                                   int64_t user_id, int64_t by, const char *now,
                                   struct sp_err *err);
enum sp_code sqlite_status_change_add(struct store *st, struct status_change *c,
                                      struct sp_err *err);
enum sp_code sqlite_status_change_list(struct store *st, struct sp_arena *arena,
                                       int64_t enrolment_id, struct status_change **items,
                                       size_t *count, struct sp_err *err);
enum sp_code sqlite_task_list(struct store *st, struct sp_arena *arena,
                              const struct store_task_filter *filter, const struct store_page *page,
                              struct task **items, size_t *count, bool *more, struct sp_err *err);
enum sp_code sqlite_task_get(struct store *st, struct sp_arena *arena, int64_t id, struct task *out,
                             struct sp_err *err);
enum sp_code sqlite_task_set_done(struct store *st, int64_t id, int64_t if_version, int64_t done_by,
                                  const char *now, int64_t *version, struct sp_err *err);
enum sp_code sqlite_followup_rows(struct store *st, struct sp_arena *arena, const char *teams_json,
                                  struct store_followup_row **rows, size_t *count,
                                  struct sp_err *err);

#endif
