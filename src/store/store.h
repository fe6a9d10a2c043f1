/* Storage: the only layer that speaks SQL (DESIGN.md §5). Callers see these functions; each is a
 * one-line wrapper around the driver's function table (struct store_driver), so that a
 * PostgreSQL driver can be added without touching any caller — as SQLite's os.c wraps its VFS.
 *
 * Every function returns SP_OK or an error code with *err filled: SP_NOT_FOUND, SP_CONFLICT (a
 * unique key), SP_STALE (a version check; err->current_version set), SP_BUSY (locked beyond
 * busy_timeout) or SP_INTERNAL (the cause is logged, never returned). Strings in records are
 * allocated in the arena the caller passes and live as long as it does. A connection (struct
 * store) is used by one thread at a time. */
#ifndef SP_STORE_STORE_H
#define SP_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/mem.h"
#include "core/model.h"

struct store;
struct store_driver;

/* A page of a keyset-paginated list: rows after `after` (exclusive), at most `limit`. */
struct store_page {
    int64_t after; /* 0: from the start */
    int limit;     /* 1..200 */
};

struct store_org_filter {
    const char *kind;        /* NULL: any */
    const char *region_code; /* NULL: any */
};

struct store_citizen_filter {
    const char *identifier; /* normalised identifier to match exactly, or NULL */
    const char *name_part;  /* case-insensitive substring of the name, or NULL */
};

struct store_enrolment_filter {
    int64_t project_id; /* 0: any */
    const char *status; /* NULL: any */
};

struct store_idempotent {
    const char *request_hash;
    int status;
    const char *location; /* NULL when none */
    int64_t etag_version; /* 0 when the answer had no ETag */
    const char *body;
};

struct store_user_new {
    const char *username;
    const char *display_name;
    const char *organisation_code;
    const char *password_hash;
    size_t role_count;
    const char *const *roles;
};

/* Open (creating the file if absent) the database at path, apply connection settings (WAL,
 * busy_timeout, foreign keys). keys (borrowed; must outlive the connection) encrypt identifiers
 * and make their blind index; NULL only for commands that never touch a citizen (migrate of an
 * empty database, tests of reference data). *out is freed with store_close(). */
enum sp_code store_open(const char *path, const struct sp_keys *keys, struct store **out,
                        struct sp_err *err);
void store_close(struct store *st); /* NULL-safe */

/* The highest migration applied (0 for an empty database), and the highest this binary knows. */
enum sp_code store_schema_version(struct store *st, int *out, struct sp_err *err);
int store_schema_latest(void);

/* Apply every embedded migration newer than the database's, each in its own transaction and
 * recorded in schema_migration. A database newer than the binary is refused (SP_CONFLICT). */
enum sp_code store_migrate(struct store *st, int *from, int *to, struct sp_err *err);

/* Transactions. begin_write takes the write lock at once (SQLite: BEGIN IMMEDIATE), so two
 * writers never deadlock on an upgrade; rollback is NULL-safe and never fails. */
enum sp_code store_begin_write(struct store *st, struct sp_err *err);
enum sp_code store_commit(struct store *st, struct sp_err *err);
void store_rollback(struct store *st);

/* SP_OK when the database answers a trivial query. */
enum sp_code store_ping(struct store *st, struct sp_err *err);

/* Organisations (reference data), ordered by numeric code; keyset on that number. */
enum sp_code store_organisation_list(struct store *st, struct sp_arena *arena,
                                     const struct store_org_filter *filter,
                                     const struct store_page *page, struct organisation **items,
                                     size_t *count, bool *more, struct sp_err *err);
/* SP_OK with *out filled, or SP_NOT_FOUND. */
enum sp_code store_organisation_get(struct store *st, struct sp_arena *arena, const char *code,
                                    struct organisation *out, struct sp_err *err);
/* True in *exists when a target group with this code is in the reference table. */
enum sp_code store_target_group_exists(struct store *st, const char *code, bool *exists,
                                       struct sp_err *err);

/* Projects. create fills p->id and p->version; SP_CONFLICT field "/slug" on a taken slug. */
enum sp_code store_project_create(struct store *st, struct project *p, const char *now,
                                  struct sp_err *err);
enum sp_code store_project_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct project *out, struct sp_err *err);
enum sp_code store_project_list(struct store *st, struct sp_arena *arena,
                                const struct store_page *page, struct project **items,
                                size_t *count, bool *more, struct sp_err *err);

/* Citizens. create fills c->id and c->version; SP_CONFLICT field "/identifier" when taken. */
enum sp_code store_citizen_create(struct store *st, struct citizen *c, const char *now,
                                  struct sp_err *err);
enum sp_code store_citizen_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct citizen *out, struct sp_err *err);
enum sp_code store_citizen_list(struct store *st, struct sp_arena *arena,
                                const struct store_citizen_filter *filter,
                                const struct store_page *page, struct citizen **items,
                                size_t *count, bool *more, struct sp_err *err);

/* Enrolments. create fills e->id, e->version; SP_CONFLICT when the citizen is already in the
 * project. update writes every mutable member of *e if the stored version is `if_version`
 * (else SP_STALE with err->current_version) and sets e->version to the new one. */
enum sp_code store_enrolment_create(struct store *st, struct enrolment *e, const char *now,
                                    struct sp_err *err);
enum sp_code store_enrolment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                 struct enrolment *out, struct sp_err *err);
enum sp_code store_enrolment_list(struct store *st, struct sp_arena *arena,
                                  const struct store_enrolment_filter *filter,
                                  const struct store_page *page, struct enrolment **items,
                                  size_t *count, bool *more, struct sp_err *err);
enum sp_code store_enrolment_update(struct store *st, struct enrolment *e, int64_t if_version,
                                    struct sp_err *err);
enum sp_code store_enrolment_member_add(struct store *st, int64_t enrolment_id, int64_t user_id,
                                        const char *role, struct sp_err *err);

/* Employment/education episodes; create fills ep->id. */
enum sp_code store_episode_create(struct store *st, struct episode *ep, const char *now,
                                  struct sp_err *err);

/* Teams and users (the security issue adds the rest). */
enum sp_code store_team_create(struct store *st, struct team *t, struct sp_err *err);
enum sp_code store_team_get(struct store *st, struct sp_arena *arena, int64_t id, struct team *out,
                            struct sp_err *err);
enum sp_code store_user_create(struct store *st, const struct store_user_new *u, const char *now,
                               int64_t *id, struct sp_err *err);
enum sp_code store_team_member_add(struct store *st, int64_t team_id, int64_t user_id,
                                   struct sp_err *err);
/* Number of rows in a table known to the store ("citizen", "enrolment", "project", …). */
enum sp_code store_count(struct store *st, const char *table, int64_t *out, struct sp_err *err);

/* Idempotency-Key records. get: *found false when the key is new for this route. */
enum sp_code store_idempotent_get(struct store *st, struct sp_arena *arena, const char *key,
                                  const char *route, bool *found, struct store_idempotent *out,
                                  struct sp_err *err);
enum sp_code store_idempotent_put(struct store *st, const char *key, const char *route,
                                  const struct store_idempotent *rec, const char *now,
                                  struct sp_err *err);

/* Connections for a thread pool: one lazily opened connection per thread, all closed together
 * by store_pool_free() after the server has stopped (TOOLCHAIN.md gotcha 2). */
struct store_pool;

struct store_pool *store_pool_new(const char *path, const struct sp_keys *keys);
/* This thread's connection, opened on first use; NULL with *err filled if it cannot open. */
struct store *store_pool_get(struct store_pool *pool, struct sp_err *err);
void store_pool_free(struct store_pool *pool); /* NULL-safe */

#endif
