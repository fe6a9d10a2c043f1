/* Storage: the only layer that speaks SQL (docs/architecture.md). Callers see these functions;
 * they are written once, one file per area (store/<area>.c), against the SQL connection interface
 * of store/sql.h, which SQLite (store/sqlite.c) and PostgreSQL (store/pg.c) implement.
 *
 * Every function returns SP_OK or an error code with *err filled: SP_NOT_FOUND, SP_CONFLICT (a
 * unique key), SP_STALE (a version check; err->current_version set), SP_BUSY (retryable: see
 * Transactions), SP_UNAVAILABLE (the database does not answer) or SP_INTERNAL (the cause is
 * logged, never returned). Strings in records are
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

/* A page of a keyset-paginated list: rows after `after` (exclusive), at most `limit`. */
struct store_page {
    int64_t after; /* 0: from the start */
    int limit;     /* 1..200 */
};

/* A set of ids bound as one parameter (`col = ANY($N)`, sql_bind_ids): ids NULL is no filter
 * (any), a count of 0 with ids set matches nothing. */
struct store_ids {
    const int64_t *ids;
    size_t count;
};

struct store_org_filter {
    const char *kind;        /* NULL: any */
    const char *region_code; /* NULL: any */
};

struct store_citizen_filter {
    const char *identifier; /* normalised identifier to match exactly, or NULL */
    const char *name_part;  /* case-insensitive substring of the name, or NULL */
    struct store_ids teams; /* only citizens enrolled on one of these teams (ids NULL: any)… */
    int64_t created_by;     /* …or registered by this user and not yet enrolled anywhere */
};

struct store_enrolment_filter {
    int64_t project_id;     /* 0: any */
    const char *status;     /* NULL: any */
    struct store_ids teams; /* teams the enrolment's team must be in; ids NULL: any */
    int64_t assigned_user;  /* > 0: only enrolments this user is assigned to (in any role) */
};

/* Staff accounts to list (administration). */
struct store_user_filter {
    const char *text; /* case-insensitive substring of username, display name, organisation code
                         or name (folded by core_text_fold); NULL: any */
    const char *role; /* users holding this role; NULL: any */
};

struct store_idempotent {
    const char *request_hash;
    int status;
    const char *location; /* NULL when none */
    int64_t etag_version; /* 0 when the answer had no ETag */
    const char *body;     /* the answer's JSON text; sealed at rest (it may hold an identifier) */
    int64_t citizen_id;   /* the citizen the answer is about, 0 when none */
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
/* True when st is on PostgreSQL (tests and the command line report it; the store never asks). */
bool store_is_postgresql(const struct store *st);

/* The highest migration applied (0 for a database without schema_migration), and the highest
 * this binary knows. Reading the version only reads: it works on a read-only PostgreSQL
 * session (a replica), and leaves a database it finds empty, too old or too new as it was. */
enum sp_code store_schema_version(struct store *st, int *out, struct sp_err *err);
int store_schema_latest(void);

/* Apply every embedded migration newer than the database's, each in its own transaction and
 * recorded in schema_migration (made by the first). A database newer than the binary is refused
 * (SP_CONFLICT). */
enum sp_code store_migrate(struct store *st, int *from, int *to, struct sp_err *err);

/* Transactions. begin_write takes the write lock at once (SQLite: BEGIN IMMEDIATE), so two
 * writers never deadlock on an upgrade; on PostgreSQL it is READ COMMITTED. rollback is NULL-safe
 * and never fails.
 *
 * SP_BUSY from any call inside a write transaction (SQLite: the lock not given up within
 * busy_timeout; PostgreSQL: a serialization failure, a deadlock or a lock timeout) means the
 * transaction is lost but may succeed when run again from its start: the caller rolls back and
 * runs the whole transaction again — what it read included — a bounded number of times, then
 * gives up with SP_BUSY (api/dispatch.c: 3 reruns with a short random pause, then 503 with
 * Retry-After; never 500). Nothing a lost run wrote is kept, so a rerun writes once. */
enum sp_code store_begin_write(struct store *st, struct sp_err *err);
/* A read transaction: every statement until commit sees one snapshot, and SQLite takes its
 * shared lock once instead of once per statement. */
enum sp_code store_begin_read(struct store *st, struct sp_err *err);
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
/* Every target group, ordered by code: a fixed reference table of a few dozen rows, answered
 * whole (the reforms add rows; none is ever cut). */
enum sp_code store_target_group_list(struct store *st, struct sp_arena *arena,
                                     struct target_group **items, size_t *count,
                                     struct sp_err *err);
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
/* Write every member of *p but slug and randomised (and replace its municipalities and target
 * groups) if the stored version is if_version, else SP_STALE with err->current_version, or
 * SP_NOT_FOUND; p->version gets the new one. */
enum sp_code store_project_update(struct store *st, struct project *p, int64_t if_version,
                                  struct sp_err *err);

/* Citizens: records, each of one person as one team registered them; a person (the identifier's
 * blind index) may have many (docs/security-model.md "One person, many records"). create makes a
 * new record and fills c->id and c->version: an identifier already held by other records is no
 * conflict. list with an identifier finds that person's records within the filter's teams. */
enum sp_code store_citizen_create(struct store *st, struct citizen *c, const char *now,
                                  struct sp_err *err);
/* Registrations by one user take turns, on every engine with any number of processes: inside a
 * write transaction, lock the user's row until it ends. A registration that looks for a record
 * the user already sees (list) and creates one only when there is none takes its turn first, so
 * that a concurrent registration of the same person by the same user waits for the first to
 * commit and then finds its record (PostgreSQL's READ COMMITTED reads afresh per statement). */
enum sp_code store_citizen_register_turn(struct store *st, int64_t user_id, struct sp_err *err);
enum sp_code store_citizen_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct citizen *out, struct sp_err *err);
enum sp_code store_citizen_list(struct store *st, struct sp_arena *arena,
                                const struct store_citizen_filter *filter,
                                const struct store_page *page, struct citizen **items,
                                size_t *count, bool *more, struct sp_err *err);

/* Enrolments. create fills e->id, e->version; SP_CONFLICT when the record is already in the
 * project, or another record of the same person is in the project on the same team. Inside a
 * write transaction that holds on every engine with any number of processes: create first locks
 * the person's records (an UPDATE that changes nothing), so two creates for one person take turns
 * and the second's check sees the first's enrolment (PostgreSQL's READ COMMITTED reads afresh per
 * statement). update writes every mutable member of *e if the stored version is `if_version`
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
/* The user works on the enrolment in `role` (idempotent): it is on their caseload. When nobody
 * is assigned in that role yet, they become its assignee (migration 0010). */
enum sp_code store_enrolment_member_add(struct store *st, int64_t enrolment_id, int64_t user_id,
                                        const char *role, struct sp_err *err);
/* Move an enrolment's version on when something its answer shows changed outside the row (its
 * assignments), if the version is if_version: else SP_STALE (err->current_version set) or
 * SP_NOT_FOUND. *version gets the new one. */
enum sp_code store_enrolment_touch(struct store *st, int64_t id, int64_t if_version,
                                   int64_t *version, struct sp_err *err);

/* Assignments (migration 0010): who carries the case in each role. list: the assignees who are
 * still enabled members of the enrolment's team (at most one per role, any order). set: make
 * user_id the one assignee in `role`, releasing everyone else who worked on the case in that
 * role; user_id 0 clears the role (nobody carries it in that role any more). */
enum sp_code store_assignment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   struct assignment **items, size_t *count, struct sp_err *err);
enum sp_code store_assignment_set(struct store *st, int64_t enrolment_id, const char *role,
                                  int64_t user_id, int64_t by, const char *now, struct sp_err *err);

/* The status history (migration 0010). add fills c->id; list is oldest first, with the
 * changer's name, every one. */
enum sp_code store_status_change_add(struct store *st, struct status_change *c, struct sp_err *err);
enum sp_code store_status_change_list(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, struct status_change **items,
                                      size_t *count, struct sp_err *err);

/* Add a task (migration 0017): t's enrolment, case review (0: none), owner_kind (NULL: a
 * member's), owner (0 for the young person's), goal (0: none), text, due, created_by/at/role;
 * fills t->id and t->version. The caller checks that the owner is on the team and the goal is the
 * enrolment's. A case review's task, the joint plan's and a network meeting's are written here. */
enum sp_code store_task_add(struct store *st, struct task *t, struct sp_err *err);
/* The open tasks of an enrolment that belong to its plan as the young person is told it: the young
 * person's own and those linked to a goal; by due date (none last), then id; every one. */
enum sp_code store_plan_tasks(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                              struct task **items, size_t *count, struct sp_err *err);

/* Tasks, in the order the API lists them: due date (none last), then id; the page's `after` is
 * the id of the last task of the previous page (its position is looked up: due dates never
 * change). One owner's, or else one enrolment's. */
struct store_task_filter {
    int64_t owner_id;       /* > 0: this owner's */
    int64_t enrolment_id;   /* with owner_id 0: this enrolment's */
    struct store_ids teams; /* teams the enrolment's team must be in; ids NULL: any */
    const char *state;      /* "open", "done", or NULL for both */
};

enum sp_code store_task_list(struct store *st, struct sp_arena *arena,
                             const struct store_task_filter *filter, const struct store_page *page,
                             struct task **items, size_t *count, bool *more, struct sp_err *err);
/* One task with its names and its enrolment's citizen, status and team; SP_NOT_FOUND. */
enum sp_code store_task_get(struct store *st, struct sp_arena *arena, int64_t id, struct task *out,
                            struct sp_err *err);
/* Mark a task done by done_by at now (done_by 0: open again) if its version is if_version, else
 * SP_STALE (err->current_version) or SP_NOT_FOUND; *version gets the new one. */
enum sp_code store_task_set_done(struct store *st, int64_t id, int64_t if_version, int64_t done_by,
                                 const char *now, int64_t *version, struct sp_err *err);

/* Employers (migration 0013; docs/api-contract.md "Employers"). create writes *e and its
 * contact persons, filling e->id, e->version and each person's id; SP_CONFLICT at "/cvr" when
 * the municipality's register has the CVR number already. get reads the employer with its
 * contact persons (by id). update writes name, cvr, address, postcode and city if the stored
 * version is if_version (else SP_STALE with err->current_version, or SP_NOT_FOUND), setting
 * e->version to the new one. */
enum sp_code store_employer_create(struct store *st, struct employer *e, struct sp_err *err);
enum sp_code store_employer_get(struct store *st, struct sp_arena *arena, int64_t id,
                                struct employer *out, struct sp_err *err);
enum sp_code store_employer_update(struct store *st, struct employer *e, int64_t if_version,
                                   struct sp_err *err);
/* Add *p to employer p->employer_id, filling p->id. */
enum sp_code store_employer_person_add(struct store *st, struct employer_contact_person *p,
                                       struct sp_err *err);
/* Write name, title, phone and email of contact person p->id of employer p->employer_id
 * (SP_NOT_FOUND when the employer has no such person). */
enum sp_code store_employer_person_update(struct store *st, const struct employer_contact_person *p,
                                          struct sp_err *err);
/* One page of municipality's register by folded name, then id (the cursor: the last one's id);
 * name_part (NULL: all) a substring of the folded name (core_text_fold). Without contact
 * persons. */
enum sp_code store_employer_search(struct store *st, struct sp_arena *arena,
                                   const char *municipality, const char *name_part,
                                   const struct store_page *page, struct employer **items,
                                   size_t *count, bool *more, struct sp_err *err);

/* A contact with an employer; fills c->id and c->version. */
enum sp_code store_employer_contact_add(struct store *st, struct employer_contact *c,
                                        struct sp_err *err);
struct store_employer_contact_filter {
    int64_t employer_id;    /* > 0: this employer's contacts… */
    int64_t enrolment_id;   /* …else this enrolment's */
    struct store_ids teams; /* a contact for a young person only when their enrolment's team is
                               one of these; ids NULL: any */
};
/* One page of contacts, newest first (date, then id; the cursor: the last one's id). */
enum sp_code store_employer_contact_list(struct store *st, struct sp_arena *arena,
                                         const struct store_employer_contact_filter *filter,
                                         const struct store_page *page,
                                         struct employer_contact **items, size_t *count, bool *more,
                                         struct sp_err *err);

/* Employment/education episodes (store/employment.c); create fills ep->id, ep->version (1) and
 * ep->created_at (now, borrowed). ep->employer_name and created_by_name are not written. */
enum sp_code store_episode_create(struct store *st, struct episode *ep, const char *now,
                                  struct sp_err *err);
/* The episodes of an enrolment, newest start first, every one. */
enum sp_code store_episode_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                struct episode **items, size_t *count, struct sp_err *err);
/* One page of them, newest start first (start_date, then id; the cursor: the last one's id). */
enum sp_code store_episode_page(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct episode **items,
                                size_t *count, bool *more, struct sp_err *err);
/* One episode with its employer's name and its creator's; SP_NOT_FOUND when there is none. */
enum sp_code store_episode_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct episode *ep, struct sp_err *err);
/* Write every changeable member of ep (all but its enrolment and creator) only while its version
 * is if_version; *version gets the new one. SP_STALE with err->current_version, or SP_NOT_FOUND. */
enum sp_code store_episode_update(struct store *st, const struct episode *ep, int64_t if_version,
                                  int64_t *version, struct sp_err *err);

/* Follow-along contacts: add one (fills f->id), and one page of an enrolment's, newest first
 * (date, then id; the cursor: the last one's id). */
enum sp_code store_follow_along_add(struct store *st, struct follow_along *f, struct sp_err *err);
enum sp_code store_follow_along_page(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                     const struct store_page *page, struct follow_along **items,
                                     size_t *count, bool *more, struct sp_err *err);
/* The latest follow-along contact of an enrolment, or of one of its episodes: what the
 * employment caseload's flags read ("no follow-along contact in the 4 weeks after a start"). */
struct store_follow_along_mark {
    int64_t enrolment_id;
    int64_t episode_id;     /* 0 in store_follow_along_latest's rows */
    const char *start_date; /* the episode's; NULL in store_follow_along_latest's rows */
    const char *end_date;   /* NULL while it lasts */
    const char *end_reason;
    const char *latest; /* the latest contact's date; NULL when there is none */
};
/* For each enrolment of the set that has a follow-along contact, one row with the latest date
 * (enrolments without one have no row), ordered by enrolment. */
enum sp_code store_follow_along_latest(struct store *st, struct sp_arena *arena,
                                       const struct store_ids *enrolments,
                                       struct store_follow_along_mark **items, size_t *count,
                                       struct sp_err *err);
/* For each episode of the set's enrolments, one row: its start, end and how it ended, and the
 * latest follow-along contact about it (NULL when none); by enrolment, then start. */
enum sp_code store_follow_along_by_episode(struct store *st, struct sp_arena *arena,
                                           const struct store_ids *enrolments,
                                           struct store_follow_along_mark **items, size_t *count,
                                           struct sp_err *err);

/* The vocational profile (store/vocational.c). The current version with its history entries;
 * SP_NOT_FOUND ("No such vocational profile.") before the first save. */
enum sp_code store_vocational_current(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, struct vocational_profile *p,
                                      struct sp_err *err);
/* One page of the saved versions, newest first, each with its entries (the cursor: the last
 * one's id). */
enum sp_code store_vocational_history(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, const struct store_page *page,
                                      struct vocational_profile **items, size_t *count, bool *more,
                                      struct sp_err *err);
/* Save p as the enrolment's next version (p->version, p->id filled) with its entries, only while
 * the version now is if_version (0: none saved yet); else nothing is written and the answer is
 * SP_PRECONDITION (if_version 0 once a version exists: If-Match is needed), SP_NOT_FOUND (an
 * if_version before any is saved) or SP_STALE with err->current_version. */
enum sp_code store_vocational_save(struct store *st, struct vocational_profile *p,
                                   int64_t if_version, struct sp_err *err);

/* Move a user's version on if it is if_version (else SP_STALE with err->current_version, or
 * SP_NOT_FOUND); *version gets the new one. Every change of an account goes through this. */
enum sp_code store_user_bump_version(struct store *st, int64_t id, int64_t if_version,
                                     int64_t *version, struct sp_err *err);

/* Teams and users (accounts.c). */
enum sp_code store_team_create(struct store *st, struct team *t, struct sp_err *err);
enum sp_code store_team_get(struct store *st, struct sp_arena *arena, int64_t id, struct team *out,
                            struct sp_err *err);
enum sp_code store_user_create(struct store *st, const struct store_user_new *u, const char *now,
                               int64_t *id, struct sp_err *err);
enum sp_code store_team_member_add(struct store *st, int64_t team_id, int64_t user_id,
                                   struct sp_err *err);
/* Number of rows in a table known to the store ("citizen", "enrolment", "project", …). */
enum sp_code store_count(struct store *st, const char *table, int64_t *out, struct sp_err *err);

/* Idempotency-Key records under key_hash (a keyed hash of the user and the client's key; the key
 * itself is never stored), each answer sealed with the identifier key (secretbox) and kept for a
 * day. Both run inside the caller's write transaction.
 *
 * claim, before the request's handler runs: takes key_hash for this request (insert-if-absent,
 * taking over a row made before expire_before) and sets *claimed; else *claimed is false and
 * *earlier holds the key's committed answer (its request_hash may be another request's; a body
 * that does not open reads as SP_INTERNAL). At most once a minute per process it also deletes
 * every record made before expire_before.
 * answer, before commit: writes the claimed row's answer (status, location, ETag version, citizen,
 * the body sealed). A claimed row is never seen unanswered by another transaction.
 *
 * Concurrency (both engines; PostgreSQL under READ COMMITTED, any number of processes): a second
 * request with the same key waits in claim on the key's unique index until the transaction that
 * claimed it ends, then finds its committed answer and replays it — or, when that one rolled
 * back, claims the key itself. A concurrent retry never runs the write twice and never gets a
 * unique violation (409). */
enum sp_code store_idempotent_claim(struct store *st, struct sp_arena *arena, const char *key_hash,
                                    const char *request_hash, int64_t now, int64_t expire_before,
                                    bool *claimed, struct store_idempotent *earlier,
                                    struct sp_err *err);
enum sp_code store_idempotent_answer(struct store *st, const char *key_hash,
                                     const struct store_idempotent *rec, struct sp_err *err);

/* Accounts, sign-in sessions, tokens (accounts.c); consents (consents.c), audit (audit.c) and
 * the places the policy needs (citizens.c). */
/* A user with every role and team (team municipality included) by username; SP_NOT_FOUND. */
enum sp_code store_user_by_username(struct store *st, struct sp_arena *arena, const char *username,
                                    struct user *out, struct sp_err *err);
/* The same by id; SP_NOT_FOUND. */
enum sp_code store_user_get(struct store *st, struct sp_arena *arena, int64_t id, struct user *out,
                            struct sp_err *err);
/* Users ordered by id (keyset on id), with every role and team of each; filter NULL: every
 * user. */
enum sp_code store_user_list(struct store *st, struct sp_arena *arena,
                             const struct store_user_filter *filter, const struct store_page *page,
                             struct user **items, size_t *count, bool *more, struct sp_err *err);
/* Replace a user's password hash; SP_NOT_FOUND. */
enum sp_code store_user_set_password(struct store *st, int64_t id, const char *password_hash,
                                     struct sp_err *err);
/* Disable or enable a user; SP_NOT_FOUND. */
enum sp_code store_user_set_disabled(struct store *st, int64_t id, bool disabled,
                                     struct sp_err *err);
/* Replace a user's roles; SP_NOT_FOUND. */
enum sp_code store_user_set_roles(struct store *st, int64_t id, size_t role_count,
                                  const char *const *roles, struct sp_err *err);
/* One page of the teams (of one project when project_id > 0), ordered by id. */
enum sp_code store_team_list(struct store *st, struct sp_arena *arena, int64_t project_id,
                             const struct store_page *page, struct team **items, size_t *count,
                             bool *more, struct sp_err *err);
/* Every member of a team, by username. */
enum sp_code store_team_members(struct store *st, struct sp_arena *arena, int64_t team_id,
                                struct team_member **items, size_t *count, struct sp_err *err);
/* Remove a membership; SP_OK also when there was none. */
enum sp_code store_team_member_remove(struct store *st, int64_t team_id, int64_t user_id,
                                      struct sp_err *err);
/* Sign-in sessions (table session): a browser's, after a good password. Not treatment sessions
 * (store_treatment_session_*). A new one; the token itself is never stored. */
enum sp_code store_signin_create(struct store *st, const char *token_hash, int64_t user_id,
                                 const char *csrf_token, int64_t now, int64_t *id,
                                 struct sp_err *err);
/* The sign-in session with this token hash, ended ones too; SP_NOT_FOUND. */
enum sp_code store_signin_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                              struct session *out, struct sp_err *err);
/* The same, and its user as store_user_get reads it, in one statement (every signed-in request
 * reads both; on PostgreSQL each statement is a round trip). */
enum sp_code store_signin_get_user(struct store *st, struct sp_arena *arena, const char *token_hash,
                                   struct session *session, struct user *user, struct sp_err *err);
/* Set last_seen. */
enum sp_code store_signin_touch(struct store *st, int64_t id, int64_t now, struct sp_err *err);
/* End one sign-in session. */
enum sp_code store_signin_end(struct store *st, int64_t id, struct sp_err *err);
/* End every sign-in session of a user (disabled, or a new password). */
enum sp_code store_signin_end_user(struct store *st, int64_t user_id, struct sp_err *err);
/* A new API token (t->user_id, label, scope, created_at, expires_at). */
enum sp_code store_token_create(struct store *st, const char *token_hash, const struct api_token *t,
                                int64_t *id, struct sp_err *err);
/* The token with this hash; SP_NOT_FOUND. */
enum sp_code store_token_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                             struct api_token *out, struct sp_err *err);
/* Tokens of one user (every user when 0), newest first; every one. */
enum sp_code store_token_list(struct store *st, struct sp_arena *arena, int64_t user_id,
                              struct api_token **items, size_t *count, struct sp_err *err);
/* Revoke a token; SP_NOT_FOUND. */
enum sp_code store_token_revoke(struct store *st, int64_t id, int64_t now, struct sp_err *err);
/* Failures in a row and the lock for a username (0 and 0 when none), inside a write transaction:
 * the username's row is locked until it ends, so concurrent attempts on any number of processes
 * count one after another (read, then store_throttle_set, never a lost count). */
enum sp_code store_throttle_get(struct store *st, const char *username, int *failures,
                                int64_t *locked_until, struct sp_err *err);
/* Record failures and lock (insert or update). */
enum sp_code store_throttle_set(struct store *st, const char *username, int failures,
                                int64_t locked_until, struct sp_err *err);
/* Forget the failures of a username (after a good login). */
enum sp_code store_throttle_clear(struct store *st, const char *username, struct sp_err *err);
/* Append a consent row (fills c->id). */
enum sp_code store_consent_add(struct store *st, struct consent *c, struct sp_err *err);
/* One page of an enrolment's consent history, oldest first (by id), with recorded_by_name. */
enum sp_code store_consent_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct consent **items,
                                size_t *count, bool *more, struct sp_err *err);
/* Whether the newest row of this scope gives consent (false when there is none). */
enum sp_code store_consent_in_force(struct store *st, int64_t enrolment_id, const char *scope,
                                    bool *given, struct sp_err *err);
/* The audit log (store/audit.c, migrations 0011 and 0012): events in chains, one per writer (a
 * connection), and checkpoints that seal the chains' heads; the hashes are made and checked in
 * src/audit/. Appending touches no shared row: writers never wait for each other. */
/* Start a chain labelled label (the writer, never a person) at now, at head 0 with the hash
 * genesis; *id gets its id, and st appends to it from now on. */
enum sp_code store_audit_chain_create(struct store *st, const char *label, const char *genesis,
                                      const char *now, int64_t *id, struct sp_err *err);
/* Append to chain_id from now on; 0: none, and appending fails. A chain has one writer at a
 * time: each connection of a server starts a chain of its own (store_pool_on_open). */
void store_audit_use_chain(struct store *st, int64_t chain_id);
int64_t store_audit_chain(const struct store *st);
/* Inside a write transaction: where st's chain goes on. *next gets the next link's chain_seq,
 * *prev_hash the hash it follows, *hash_version the chain's format. No statement when the
 * connection knows its head (after starting the chain or committing its last append); a
 * rollback leaves the head where it was. */
enum sp_code store_audit_next(struct store *st, struct sp_arena *arena, int64_t *next,
                              const char **prev_hash, int *hash_version, struct sp_err *err);
/* Append count events with chain_id, chain_seq (consecutive), prev_hash and hash set by the
 * caller (src/audit/), in a few multi-row statements; fills each one's seq. SP_BUSY (run the
 * transaction again) when the chain already has one of the links: another connection appended
 * to st's chain, and st reads the head anew next time. */
enum sp_code store_audit_insert(struct store *st, struct audit_event *events, size_t count,
                                struct sp_err *err);
/* Chains after after_id by id, at most limit. */
enum sp_code store_audit_chain_list(struct store *st, struct sp_arena *arena, int64_t after_id,
                                    int limit, struct audit_chain **items, size_t *count,
                                    struct sp_err *err);
/* Events in chain order, (chain_id, chain_seq) after (after_chain, after_chain_seq), at most
 * limit (for verification). */
enum sp_code store_audit_scan(struct store *st, struct sp_arena *arena, int64_t after_chain,
                              int64_t after_chain_seq, int limit, struct audit_event **items,
                              size_t *count, struct sp_err *err);
/* Inside a write transaction: take the next checkpoint id by moving the checkpoints' head on,
 * which holds that one row until the transaction ends (writers of checkpoints queue there; a
 * rollback gives the id back). *prev_hash gets the newest checkpoint's hash, genesis before the
 * first. */
enum sp_code store_audit_checkpoint_reserve(struct store *st, struct sp_arena *arena,
                                            const char *genesis, int64_t *id,
                                            const char **prev_hash, struct sp_err *err);
/* The newest checkpoint's id and hash as the checkpoints' head records them (0 and NULL before
 * the first). */
enum sp_code store_audit_checkpoint_last(struct store *st, struct sp_arena *arena, int64_t *id,
                                         const char **hash, struct sp_err *err);
/* The heads of every chain no checkpoint names at its head (never named, or moved on since), by
 * chain id: what the next checkpoint seals. */
enum sp_code store_audit_unsealed(struct store *st, struct sp_arena *arena,
                                  struct audit_head **items, size_t *count, struct sp_err *err);
/* Insert a checkpoint and its heads under the id store_audit_checkpoint_reserve gave, and record
 * its hash as the checkpoints' head's. */
enum sp_code store_audit_checkpoint_insert(struct store *st, const struct audit_checkpoint *c,
                                           struct sp_err *err);
/* Checkpoints after after_id by id, at most limit, each with its heads by chain id. */
enum sp_code store_audit_checkpoint_scan(struct store *st, struct sp_arena *arena, int64_t after_id,
                                         int limit, struct audit_checkpoint **items, size_t *count,
                                         struct sp_err *err);
/* A citizen's events, newest first (keyset: seq below page->after when after > 0). Events whose
 * purpose is one of the skip_count (at most STORE_AUDIT_SKIP_MAX) skip_purposes are left out in
 * the query itself, so a page is as full as the events the reader may see allow and the cursor
 * stays the seq. SP_INVALID for more purposes than that. */
#define STORE_AUDIT_SKIP_MAX 4
enum sp_code store_audit_list_citizen(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                      const char *const *skip_purposes, size_t skip_count,
                                      const struct store_page *page, struct audit_event **items,
                                      size_t *count, bool *more, struct sp_err *err);
/* Every place a citizen is enrolled (an arena array, never cut), by enrolment id: enrolment,
 * project, team, the team's municipality and the sharing consents in force; SP_NOT_FOUND when
 * no such citizen. */
enum sp_code store_citizen_places(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                  struct citizen_place **places, size_t *count, struct sp_err *err);
/* The same for one enrolment; SP_NOT_FOUND. */
enum sp_code store_enrolment_place(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   int64_t *citizen_id, struct citizen_place *place,
                                   struct sp_err *err);

/* The treatment track (treatment.c, caseload.c). Lists are one enrolment's rows,
 * oldest first (by date, then id), with the users' display names, a page at a time: page->after
 * is the id of the last row of the previous page (0: the first). Eligibility decisions are read
 * whole (never cut). */
/* Append an assessment (fills a->id). With a->corrects set, that row gets replaced_by = the new
 * id in the same statement group; SP_CONFLICT (field "/corrects") when it was already replaced. */
enum sp_code store_assessment_add(struct store *st, struct assessment *a, struct sp_err *err);
/* One assessment; SP_NOT_FOUND. */
enum sp_code store_assessment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                  struct assessment *out, struct sp_err *err);
/* One page of an enrolment's assessments, corrected ones included, by (date, id); page->after
 * is the id of the last row of the previous page. */
enum sp_code store_assessment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   const struct store_page *page, struct assessment **items,
                                   size_t *count, bool *more, struct sp_err *err);
/* Per instrument, the id of its first current assessment in the enrolment (by date, then id):
 * one row per instrument, every one. */
struct store_baseline {
    const char *instrument;
    int64_t id;
};
enum sp_code store_assessment_baselines(struct store *st, struct sp_arena *arena,
                                        int64_t enrolment_id, struct store_baseline **items,
                                        size_t *count, struct sp_err *err);
enum sp_code store_eligibility_add(struct store *st, struct eligibility_decision *d,
                                   struct sp_err *err);
enum sp_code store_eligibility_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    struct eligibility_decision **items, size_t *count,
                                    struct sp_err *err);
/* The plan of an enrolment; SP_NOT_FOUND when none was written. */
enum sp_code store_plan_get(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                            struct treatment_plan *out, struct sp_err *err);
/* Write the plan: create it when expected_version is 0 (SP_PRECONDITION if one exists), else update
 * it when its version is expected_version (SP_STALE otherwise). Sets p->version. */
enum sp_code store_plan_put(struct store *st, struct treatment_plan *p, int64_t expected_version,
                            struct sp_err *err);
/* Treatment sessions (contacts in care; not sign-in sessions, which are store_signin_*). */
enum sp_code store_treatment_session_add(struct store *st, struct treatment_session *s,
                                         struct sp_err *err);
enum sp_code store_treatment_session_list(struct store *st, struct sp_arena *arena,
                                          int64_t enrolment_id, const struct store_page *page,
                                          struct treatment_session **items, size_t *count,
                                          bool *more, struct sp_err *err);
enum sp_code store_safety_add(struct store *st, struct safety_followup *f, struct sp_err *err);
enum sp_code store_safety_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                               const struct store_page *page, struct safety_followup **items,
                               size_t *count, bool *more, struct sp_err *err);
/* Append a case review and, when r->task is set, its task (both ids filled). */
enum sp_code store_case_review_add(struct store *st, struct case_review *r, struct sp_err *err);
/* One page of the reviews of an enrolment with the task each created. */
enum sp_code store_case_review_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    const struct store_page *page, struct case_review **items,
                                    size_t *count, bool *more, struct sp_err *err);
/* One page of the people on the team of enrolment_id (enabled users), by display name, then id,
 * with their roles; page->after is the user id of the last one of the previous page. */
enum sp_code store_enrolment_team_people(struct store *st, struct sp_arena *arena,
                                         int64_t enrolment_id, const struct store_page *page,
                                         struct team_person **items, size_t *count, bool *more,
                                         struct sp_err *err);
/* The joint plan's goals and coordinator (store/plan.c, migration 0014). Writes run inside the
 * caller's write transaction, so a goal and its history row are stored together or not at all.
 * goal_add: a new open goal of g->enrolment_id (g->id, version 1 filled in) and the history row of
 * its creation (NULL → open, changed_by g->created_by at g->created_at). */
enum sp_code store_goal_add(struct store *st, struct plan_goal *g, struct sp_err *err);
/* One goal with its creator's name; SP_NOT_FOUND. */
enum sp_code store_goal_get(struct store *st, struct sp_arena *arena, int64_t id,
                            struct plan_goal *out, struct sp_err *err);
/* One page of an enrolment's goals in the order they were set (keyset on id). */
enum sp_code store_goal_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                             const struct store_page *page, struct plan_goal **items, size_t *count,
                             bool *more, struct sp_err *err);
/* The goals the young person has been told ("Min plan"): open and agreed with them, in the order
 * they were set, every one. */
enum sp_code store_goal_list_current(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                     struct plan_goal **items, size_t *count, struct sp_err *err);
/* Write g's text, due_date and agreement (the members a PATCH changes) and, when to_status is not
 * NULL and not g's stored status, move it there with a history row (note, by, at), if the stored
 * version is if_version: else SP_STALE with err->current_version (SP_NOT_FOUND when gone).
 * *version gets the new version. Whether the move is allowed is core/goal.c's, asked before. */
enum sp_code store_goal_update(struct store *st, const struct plan_goal *g, int64_t if_version,
                               const char *to_status, const char *note, int64_t by, const char *at,
                               int64_t *version, struct sp_err *err);
/* A goal's whole status history, oldest first (a handful of rows, never cut). */
enum sp_code store_goal_history(struct store *st, struct sp_arena *arena, int64_t goal_id,
                                struct plan_goal_change **items, size_t *count, struct sp_err *err);
/* Make user_id (0: nobody) the enrolment's coordinator from at, set by `by`: a new history row,
 * unless user_id already is the coordinator (then *changed false and nothing is written). The
 * enrolment's row is locked first, so two concurrent changes are ordered. */
enum sp_code store_coordinator_set(struct store *st, int64_t enrolment_id, int64_t user_id,
                                   int64_t by, const char *at, bool *changed, struct sp_err *err);
/* The coordinator history of an enrolment, newest first; the first row is the coordinator now
 * (an empty history or a first row with user_id 0: none). */
enum sp_code store_coordinator_history(struct store *st, struct sp_arena *arena,
                                       int64_t enrolment_id, struct coordinator **items,
                                       size_t *count, struct sp_err *err);
/* Whether user_id is an enabled member of enrolment_id's team (a coordinator must be). */
enum sp_code store_enrolment_team_has(struct store *st, int64_t enrolment_id, int64_t user_id,
                                      bool *on_team, struct sp_err *err);
/* Many new open goals of one enrolment at once (a network meeting's), set by one user at one time
 * (goals[0]'s created_by and created_at): a handful of statements whatever the count, each goal's
 * id and version filled in and the history row of its creation written, as store_goal_add. */
enum sp_code store_goals_add(struct store *st, struct plan_goal *goals, size_t count,
                             struct sp_err *err);
/* Many tasks of one enrolment at once, set by one user at one time in one role (tasks[0]'s
 * enrolment_id, case_review_id, created_by, created_at, created_role), each id filled in: a
 * statement per STORE_TASKS_PER_INSERT tasks. */
#define STORE_TASKS_PER_INSERT 8
enum sp_code store_tasks_add(struct store *st, struct task *tasks, size_t count,
                             struct sp_err *err);
/* Which of ids (count of them) are enabled members of team_id: *found (an arena array). */
enum sp_code store_team_members_among(struct store *st, struct sp_arena *arena, int64_t team_id,
                                      const int64_t *ids, size_t count, int64_t **found,
                                      size_t *found_count, struct sp_err *err);

/* Meetings (store/meetings.c, migration 0016). Writes run inside the caller's write transaction.
 * meeting_add: m (filling m->id) with its staff, and for an individual conversation or network
 * meeting the young person's row of attendance (m->attended: 1 or 0). */
enum sp_code store_meeting_add(struct store *st, struct meeting *m, const int64_t *staff,
                               size_t staff_count, struct sp_err *err);
/* A network meeting's goals and tasks: links from meeting_id to the goals it set (set_ids) and
 * revised (revised_ids), and to the tasks it assigned; one statement each. */
enum sp_code store_meeting_link(struct store *st, int64_t meeting_id, const struct store_ids *set,
                                const struct store_ids *revised, const struct store_ids *tasks,
                                struct sp_err *err);
/* One meeting with its staff; SP_NOT_FOUND. */
enum sp_code store_meeting_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct meeting *out, struct sp_err *err);
/* Every meeting of an enrolment's young person, newest first (date, then id; the cursor: the last
 * one's id), of every kind: m->attended is their own attendance, each with its staff. */
enum sp_code store_meeting_list_enrolment(struct store *st, struct sp_arena *arena,
                                          int64_t enrolment_id, const struct store_page *page,
                                          struct meeting **items, size_t *count, bool *more,
                                          struct sp_err *err);
/* Every meeting of an enrolment's young person dated from `from` (YYYY-MM-DD) on, soonest first
 * (date, then id), without their staff; for "Min plan". One statement. */
enum sp_code store_meeting_upcoming(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    const char *from, struct meeting **items, size_t *count,
                                    struct sp_err *err);
/* Group sessions of the teams, newest first (as above), each with its staff. */
enum sp_code store_group_session_list(struct store *st, struct sp_arena *arena,
                                      const struct store_ids *teams, const struct store_page *page,
                                      struct meeting **items, size_t *count, bool *more,
                                      struct sp_err *err);
/* The goals a network meeting set or revised, and the tasks it assigned (their owner names). */
enum sp_code store_meeting_goals(struct store *st, struct sp_arena *arena, int64_t meeting_id,
                                 struct meeting_goal_link **items, size_t *count,
                                 struct sp_err *err);
enum sp_code store_meeting_tasks(struct store *st, struct sp_arena *arena, int64_t meeting_id,
                                 struct task **items, size_t *count, struct sp_err *err);
/* The young people of a group session whose enrolment's team is in teams, by citizen name. */
enum sp_code store_group_attendance(struct store *st, struct sp_arena *arena, int64_t meeting_id,
                                    const struct store_ids *teams,
                                    struct meeting_attendance **items, size_t *count,
                                    struct sp_err *err);
/* One page of the enrolments of a team (in `status`, NULL: any) with their citizens' names, by
 * enrolment id (the cursor: the last one's): whom a group session may take in. */
enum sp_code store_group_candidates(struct store *st, struct sp_arena *arena, int64_t team_id,
                                    const char *status, const struct store_page *page,
                                    struct meeting_attendance **items, size_t *count, bool *more,
                                    struct sp_err *err);
/* Record a group session's attendance as a whole list for the teams: rows of enrolments of those
 * teams not in rows are removed, the others written (attended, by, at). The session's version
 * moves; if_version > 0: only from that version, else SP_STALE (err->current_version set) and
 * nothing written. Three statements. */
enum sp_code store_group_attendance_set(struct store *st, const struct meeting *session,
                                        int64_t if_version, const struct store_ids *teams,
                                        const struct meeting_attendance *rows, size_t count,
                                        int64_t by, const char *at, struct sp_err *err);
/* The latest date each of the enrolments' young people attended a meeting of any kind: dates[i]
 * for ids[i] (an arena array; NULL where none). One statement. */
enum sp_code store_meeting_latest(struct store *st, struct sp_arena *arena,
                                  const struct store_ids *enrolments, const char ***dates,
                                  struct sp_err *err);
/* Team notes (migration 0016): add fills n->id; list is one page of an enrolment's notes newest
 * first (date, then id; the cursor: the last one's id) in the classes named (content_classes:
 * 1 health, 2 employment) or by author_id. */
enum sp_code store_team_note_add(struct store *st, struct team_note *n, struct sp_err *err);
enum sp_code store_team_note_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                  unsigned content_classes, int64_t author_id,
                                  const struct store_page *page, struct team_note **items,
                                  size_t *count, bool *more, struct sp_err *err);
/* A licensed translation loaded by an administrator; *found false when none. */
enum sp_code store_instrument_text_get(struct store *st, struct sp_arena *arena,
                                       const char *instrument, const char *language,
                                       const char **body, bool *found, struct sp_err *err);
enum sp_code store_instrument_text_put(struct store *st, const char *instrument,
                                       const char *language, const char *source, const char *body,
                                       const char *now, struct sp_err *err);

/* What the health summary of an enrolment shows (docs/security-model.md): for PHQ-9 and GAD-7 the
 * first and the latest current score (total, band, date), and the latest session's date; with
 * the project's treatment settings, which the trend is judged by. Read without item answers or
 * notes (data minimisation: the summary goes to municipal staff). */
struct store_health_score {
    bool present;
    int first_total;
    int latest_total;
    bool same;               /* only one score: first and latest are the same row */
    const char *latest_band; /* NULL when the instrument has no bands */
    const char *latest_date;
};

struct store_health_summary {
    struct store_health_score phq9;
    struct store_health_score gad7;
    const char *last_session; /* NULL before the first */
    struct project_treatment settings;
};

/* SP_NOT_FOUND when there is no such enrolment. */
enum sp_code store_health_summary(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                  struct store_health_summary *out, struct sp_err *err);

/* One enrolment of a caseload with what src/core/caseload.h needs to flag it. */
struct store_caseload_measure {
    const char *instrument; /* "phq9", "gad7", or any instrument on a follow-up occasion */
    const char *occasion;
    const char *date;
    int total;
    int item9;  /* PHQ-9 only; -1 otherwise */
    int64_t id; /* the assessment's: orders the measures of one date */
};

struct store_caseload_safety {
    const char *date;
    const char *action; /* core_safety_actions */
};

struct store_caseload_row {
    int64_t enrolment_id;
    int64_t citizen_id;
    int64_t project_id;
    int64_t team_id;
    const char *citizen_name;
    const char *status;
    const char *status_changed;
    const char *plan_start;   /* NULL without a plan */
    const char *last_session; /* the latest treatment session; NULL for none */
    const char *last_meeting; /* the latest meeting of the plan they attended; NULL for none */
    const char *review_date;  /* the latest case review; NULL for none */
    const char *review_recommendation;
    const char
        *own_task_due; /* the earliest due date of the caller's open tasks on it (migration
                          0017: the joint plan's task_overdue); NULL for none (or scope one) */
    struct project_treatment settings;
    size_t followup_count;
    int followup_months[PROJECT_FOLLOWUPS_MAX];
    size_t measure_count; /* current (not replaced) assessments, oldest first */
    struct store_caseload_measure *measures;
    size_t safety_count; /* safety follow-ups, oldest first */
    struct store_caseload_safety *safety;
    /* Member and team scopes only (migration 0010): the case's assignees, and whether the
     * caller works on it (assigned, or a member by their own work). */
    size_t assignment_count;
    struct assignment *assignments;
    bool mine;
};

enum store_caseload_scope {
    STORE_CASELOAD_MEMBER, /* enrolments the user is a member of: a clinician's own caseload */
    STORE_CASELOAD_TEAMS,  /* every enrolment of the user's teams: a supervisor's case review */
    STORE_CASELOAD_ONE,    /* the one enrolment whose id is passed as user_id */
};

/* The enrolments of the scope whose status is in `statuses` (a set of 1u << enum
 * enrolment_status: the caseload asks for core_enrolment_open_statuses()), by enrolment id, every
 * one (the API sorts them by urgency, then pages). */
enum sp_code store_caseload(struct store *st, struct sp_arena *arena, int64_t user_id,
                            enum store_caseload_scope scope, unsigned statuses,
                            struct store_caseload_row **rows, size_t *count, struct sp_err *err);

/* One episode of an employment caseload row or of the IPS measures (migration 0003). */
struct store_employment_episode {
    const char *kind;
    const char *start_date;
    const char *end_date; /* NULL while it goes on */
    int hours_per_week;   /* 0 when not recorded */
};

/* One enrolment of the employment caseload (migration 0018): what src/core/employment_caseload.h
 * needs. The dates are ISO days (the last session and contacts as recorded), NULL when none. */
struct store_employment_row {
    int64_t enrolment_id;
    int64_t citizen_id;
    int64_t project_id;
    int64_t team_id;
    const char *citizen_name;
    const char *status;
    const char *status_changed;
    const char *first_active; /* the first recorded move to active */
    const char *last_session;
    const char *last_employer_contact; /* the latest employer contact made for the young person */
    const char *last_meeting;          /* the latest meeting with them */
    const char *last_follow_along;     /* the latest follow-along contact with them */
    const char *next_task_due;         /* the earliest due date of the open tasks */
    struct project_employment settings;
    size_t episode_count; /* in start order */
    struct store_employment_episode *episodes;
    bool mine; /* the caller is a member of the enrolment (always, in the member scope) */
};

/* The employment caseload of user_id: the enrolments of the scope (STORE_CASELOAD_MEMBER or
 * STORE_CASELOAD_TEAMS) whose status is in `statuses`, by enrolment id, every one (the API sorts,
 * then pages). Two statements (three for the teams, which also marks the caller's own): the rows,
 * then their episodes. */
enum sp_code store_employment_caseload(struct store *st, struct sp_arena *arena, int64_t user_id,
                                       enum store_caseload_scope scope, unsigned statuses,
                                       struct store_employment_row **rows, size_t *count,
                                       struct sp_err *err);

/* Whom the IPS measures count: a project's enrolments, of one team (team_id > 0) and of one
 * consultant (consultant_id > 0: a member of the enrolment) when given. */
struct store_ips_filter {
    int64_t project_id;
    int64_t team_id;
    int64_t consultant_id;
};

/* One young person as the IPS measures read them. */
struct store_ips_row {
    int64_t enrolment_id;
    const char *status;
    const char *status_changed;
    const char *first_active;
    const char *first_employer_contact; /* the first employer contact made for them */
    size_t episode_count;
    struct store_employment_episode *episodes;
};

/* Every enrolment of the filter, by id, with its episodes (two statements). */
enum sp_code store_ips_rows(struct store *st, struct sp_arena *arena,
                            const struct store_ips_filter *filter, struct store_ips_row **rows,
                            size_t *count, struct sp_err *err);

/* One consultant's caseload size: their enrolments (assigned in one of `roles`) in `statuses`. */
struct store_consultant_load {
    int64_t user_id;
    const char *name;
    int64_t active;
};

/* The caseload size of every consultant of the filter's project (and team), by user id; roles is
 * a NULL-ended list of assignment roles (at most 4). */
enum sp_code store_consultant_loads(struct store *st, struct sp_arena *arena,
                                    const struct store_ips_filter *filter, const char *const *roles,
                                    unsigned statuses, struct store_consultant_load **loads,
                                    size_t *count, struct sp_err *err);

/* One enrolment of the follow-up list: what src/core/followup.h needs (migration 0010). */
struct store_followup_row {
    int64_t enrolment_id;
    int64_t citizen_id;
    int64_t project_id;
    int64_t team_id;
    const char *citizen_name;
    const char *status;
    const char *status_changed;
    const char *plan_start;   /* NULL without a plan */
    const char *first_active; /* the first recorded move to active (date); NULL when none */
    bool research_withdrawn;  /* the newest research_use consent is a withdrawal */
    size_t followup_count;
    int followup_months[PROJECT_FOLLOWUPS_MAX];
    size_t done_count; /* dates of current follow-up questionnaires, oldest first */
    const char **done_dates;
};

/* The enrolments of the teams (ids NULL: any team) whose status is in `statuses` (a set of
 * 1u << enum enrolment_status: the follow-up list asks for core_followup_statuses()) and whose
 * project has a follow-up schedule, by enrolment id, every one (two statements: the rows, then
 * their follow-up questionnaires). */
enum sp_code store_followup_rows(struct store *st, struct sp_arena *arena,
                                 const struct store_ids *teams, unsigned statuses,
                                 struct store_followup_row **rows, size_t *count,
                                 struct sp_err *err);

/* Connections for a thread pool: one lazily opened connection per thread, all closed together
 * by store_pool_free() after the server has stopped (docs/toolchain.md, note 2). */
struct store_pool;

struct store_pool *store_pool_new(const char *path, const struct sp_keys *keys);
/* This thread's connection, opened on first use; NULL with *err filled if it cannot open. */
struct store *store_pool_get(struct store_pool *pool, struct sp_err *err);
/* Run on each connection the pool opens, before its first use (a server starts the connection's
 * audit chain there: audit_chain_start); a failure closes it and store_pool_get returns NULL.
 * Set once, before the first store_pool_get. */
typedef enum sp_code (*store_opened)(struct store *st, void *ctx, struct sp_err *err);
void store_pool_on_open(struct store_pool *pool, store_opened fn, void *ctx);
void store_pool_free(struct store_pool *pool); /* NULL-safe */

/* Copying a whole installation (samspor migrate-data). The tables filled by the migrations
 * (reference data: compared, never copied) and every other table, parents before children; each
 * list ends with NULL. */
extern const char *const store_reference_tables[];
extern const char *const store_data_tables[];

/* A table's row count and an order-independent checksum of its rows (columns by name, values
 * with their type), equal on both engines for equal contents. */
struct store_table_sum {
    int64_t rows;
    char digest[65];
};
enum sp_code store_table_sum(struct store *st, const char *table, struct store_table_sum *out,
                             struct sp_err *err);

/* Copy every row of table from `from` to `to` (inside the caller's write transaction on `to`),
 * with its ids; *rows counts them. */
enum sp_code store_table_copy(struct store *from, struct store *to, const char *table,
                              int64_t *rows, struct sp_err *err);

#endif
