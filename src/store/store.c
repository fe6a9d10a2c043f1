/* One-line wrappers over the driver table, migrations (driver-neutral), and the per-thread
 * connection pool. */
#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/embedded.h"
#include "base/log.h"
#include "base/parse.h"
#include "store/driver.h"

enum sp_code store_open(const char *path, const struct sp_keys *keys, struct store **out,
                        struct sp_err *err)
{
    /* A "postgresql://" URL will select the PostgreSQL driver here; nothing else changes. */
    return store_sqlite_driver.open(path, keys, out, err);
}

void store_close(struct store *st)
{
    if (st != NULL)
        st->driver->close(st);
}

enum sp_code store_schema_version(struct store *st, int *out, struct sp_err *err)
{
    return st->driver->schema_version(st, out, err);
}

/* The number before the first '_' of a migration's file name. */
static int migration_number(const char *name)
{
    const char *underscore = strchr(name, '_');
    int64_t n = 0;

    if (underscore == NULL || !sp_parse_i64(name, (size_t)(underscore - name), &n))
        return -1;
    return (int)n;
}

int store_schema_latest(void)
{
    int latest = 0;

    for (size_t i = 0; i < sp_migrations_count; i++) {
        int n = migration_number(sp_migrations[i].name);

        if (n > latest)
            latest = n;
    }
    return latest;
}

enum sp_code store_migrate(struct store *st, int *from, int *to, struct sp_err *err)
{
    int current = 0;
    int latest = store_schema_latest();
    char now[32];
    enum sp_code rc = store_schema_version(st, &current, err);

    if (rc != SP_OK)
        return rc;
    *from = current;
    *to = current;
    if (current > latest)
        return sp_err_set(err, SP_CONFLICT, "",
                          "The database has schema version %d, newer than this program's %d. "
                          "Use a newer samspor.",
                          current, latest);
    sp_clock_now_iso(now);
    for (size_t i = 0; i < sp_migrations_count && rc == SP_OK; i++) {
        const struct sp_embedded_file *m = &sp_migrations[i];
        int n = migration_number(m->name);

        if (n <= current)
            continue;
        rc = st->driver->begin_write(st, err);
        if (rc == SP_OK)
            rc = st->driver->exec_script(st, m->data, err);
        if (rc == SP_OK)
            rc = st->driver->schema_record(st, n, m->name, now, err);
        if (rc == SP_OK)
            rc = st->driver->commit(st, err);
        if (rc != SP_OK) {
            st->driver->rollback(st);
            sp_log(SP_LOG_ERROR, "migration %s failed", m->name);
            break;
        }
        *to = n;
    }
    return rc;
}

enum sp_code store_begin_write(struct store *st, struct sp_err *err)
{
    return st->driver->begin_write(st, err);
}

enum sp_code store_begin_read(struct store *st, struct sp_err *err)
{
    return st->driver->begin_read(st, err);
}

enum sp_code store_commit(struct store *st, struct sp_err *err)
{
    return st->driver->commit(st, err);
}

void store_rollback(struct store *st)
{
    if (st != NULL)
        st->driver->rollback(st);
}

enum sp_code store_ping(struct store *st, struct sp_err *err)
{
    return st->driver->ping(st, err);
}

enum sp_code store_organisation_list(struct store *st, struct sp_arena *arena,
                                     const struct store_org_filter *filter,
                                     const struct store_page *page, struct organisation **items,
                                     size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->organisation_list(st, arena, filter, page, items, count, more, err);
}

enum sp_code store_organisation_get(struct store *st, struct sp_arena *arena, const char *code,
                                    struct organisation *out, struct sp_err *err)
{
    return st->driver->organisation_get(st, arena, code, out, err);
}

enum sp_code store_target_group_list(struct store *st, struct sp_arena *arena,
                                     struct target_group **items, size_t *count, struct sp_err *err)
{
    return st->driver->target_group_list(st, arena, items, count, err);
}

enum sp_code store_target_group_exists(struct store *st, const char *code, bool *exists,
                                       struct sp_err *err)
{
    return st->driver->target_group_exists(st, code, exists, err);
}

enum sp_code store_project_create(struct store *st, struct project *p, const char *now,
                                  struct sp_err *err)
{
    return st->driver->project_create(st, p, now, err);
}

enum sp_code store_project_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct project *out, struct sp_err *err)
{
    return st->driver->project_get(st, arena, id, out, err);
}

enum sp_code store_project_list(struct store *st, struct sp_arena *arena,
                                const struct store_page *page, struct project **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->project_list(st, arena, page, items, count, more, err);
}

enum sp_code store_project_update(struct store *st, struct project *p, int64_t if_version,
                                  struct sp_err *err)
{
    return st->driver->project_update(st, p, if_version, err);
}

enum sp_code store_citizen_create(struct store *st, struct citizen *c, const char *now,
                                  struct sp_err *err)
{
    return st->driver->citizen_create(st, c, now, err);
}

enum sp_code store_citizen_get(struct store *st, struct sp_arena *arena, int64_t id,
                               struct citizen *out, struct sp_err *err)
{
    return st->driver->citizen_get(st, arena, id, out, err);
}

enum sp_code store_citizen_list(struct store *st, struct sp_arena *arena,
                                const struct store_citizen_filter *filter,
                                const struct store_page *page, struct citizen **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->citizen_list(st, arena, filter, page, items, count, more, err);
}

enum sp_code store_enrolment_create(struct store *st, struct enrolment *e, const char *now,
                                    struct sp_err *err)
{
    return st->driver->enrolment_create(st, e, now, err);
}

enum sp_code store_enrolment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                 struct enrolment *out, struct sp_err *err)
{
    return st->driver->enrolment_get(st, arena, id, out, err);
}

enum sp_code store_enrolment_list(struct store *st, struct sp_arena *arena,
                                  const struct store_enrolment_filter *filter,
                                  const struct store_page *page, struct enrolment **items,
                                  size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->enrolment_list(st, arena, filter, page, items, count, more, err);
}

enum sp_code store_enrolment_update(struct store *st, struct enrolment *e, int64_t if_version,
                                    struct sp_err *err)
{
    return st->driver->enrolment_update(st, e, if_version, err);
}

enum sp_code store_enrolment_member_add(struct store *st, int64_t enrolment_id, int64_t user_id,
                                        const char *role, struct sp_err *err)
{
    return st->driver->enrolment_member_add(st, enrolment_id, user_id, role, err);
}

enum sp_code store_episode_create(struct store *st, struct episode *ep, const char *now,
                                  struct sp_err *err)
{
    return st->driver->episode_create(st, ep, now, err);
}

enum sp_code store_episode_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                struct episode **items, size_t *count, struct sp_err *err)
{
    return st->driver->episode_list(st, arena, enrolment_id, items, count, err);
}

enum sp_code store_user_bump_version(struct store *st, int64_t id, int64_t if_version,
                                     int64_t *version, struct sp_err *err)
{
    return st->driver->user_bump_version(st, id, if_version, version, err);
}

enum sp_code store_team_create(struct store *st, struct team *t, struct sp_err *err)
{
    return st->driver->team_create(st, t, err);
}

enum sp_code store_team_get(struct store *st, struct sp_arena *arena, int64_t id, struct team *out,
                            struct sp_err *err)
{
    return st->driver->team_get(st, arena, id, out, err);
}

enum sp_code store_user_create(struct store *st, const struct store_user_new *u, const char *now,
                               int64_t *id, struct sp_err *err)
{
    return st->driver->user_create(st, u, now, id, err);
}

enum sp_code store_team_member_add(struct store *st, int64_t team_id, int64_t user_id,
                                   struct sp_err *err)
{
    return st->driver->team_member_add(st, team_id, user_id, err);
}

enum sp_code store_count(struct store *st, const char *table, int64_t *out, struct sp_err *err)
{
    return st->driver->count(st, table, out, err);
}

enum sp_code store_idempotent_get(struct store *st, struct sp_arena *arena, const char *key_hash,
                                  int64_t not_before, bool *found, struct store_idempotent *out,
                                  struct sp_err *err)
{
    return st->driver->idempotent_get(st, arena, key_hash, not_before, found, out, err);
}

enum sp_code store_idempotent_put(struct store *st, const char *key_hash,
                                  const struct store_idempotent *rec, int64_t now,
                                  int64_t expire_before, struct sp_err *err)
{
    return st->driver->idempotent_put(st, key_hash, rec, now, expire_before, err);
}

enum sp_code store_user_by_username(struct store *st, struct sp_arena *arena, const char *username,
                                    struct user *out, struct sp_err *err)
{
    return st->driver->user_by_username(st, arena, username, out, err);
}

enum sp_code store_user_get(struct store *st, struct sp_arena *arena, int64_t id, struct user *out,
                            struct sp_err *err)
{
    return st->driver->user_get(st, arena, id, out, err);
}

enum sp_code store_user_list(struct store *st, struct sp_arena *arena,
                             const struct store_user_filter *filter, const struct store_page *page,
                             struct user **items, size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->user_list(st, arena, filter, page, items, count, more, err);
}

enum sp_code store_user_set_password(struct store *st, int64_t id, const char *password_hash,
                                     struct sp_err *err)
{
    return st->driver->user_set_password(st, id, password_hash, err);
}

enum sp_code store_user_set_disabled(struct store *st, int64_t id, bool disabled,
                                     struct sp_err *err)
{
    return st->driver->user_set_disabled(st, id, disabled, err);
}

enum sp_code store_user_set_roles(struct store *st, int64_t id, size_t role_count,
                                  const char *const *roles, struct sp_err *err)
{
    return st->driver->user_set_roles(st, id, role_count, roles, err);
}

enum sp_code store_team_list(struct store *st, struct sp_arena *arena, int64_t project_id,
                             const struct store_page *page, struct team **items, size_t *count,
                             bool *more, struct sp_err *err)
{
    return st->driver->team_list(st, arena, project_id, page, items, count, more, err);
}

enum sp_code store_team_members(struct store *st, struct sp_arena *arena, int64_t team_id,
                                struct team_member **items, size_t *count, struct sp_err *err)
{
    return st->driver->team_members(st, arena, team_id, items, count, err);
}

enum sp_code store_team_member_remove(struct store *st, int64_t team_id, int64_t user_id,
                                      struct sp_err *err)
{
    return st->driver->team_member_remove(st, team_id, user_id, err);
}

enum sp_code store_session_create(struct store *st, const char *token_hash, int64_t user_id,
                                  const char *csrf_token, int64_t now, int64_t *id,
                                  struct sp_err *err)
{
    return st->driver->session_create(st, token_hash, user_id, csrf_token, now, id, err);
}

enum sp_code store_session_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                               struct session *out, struct sp_err *err)
{
    return st->driver->session_get(st, arena, token_hash, out, err);
}

enum sp_code store_session_touch(struct store *st, int64_t id, int64_t now, struct sp_err *err)
{
    return st->driver->session_touch(st, id, now, err);
}

enum sp_code store_session_end(struct store *st, int64_t id, struct sp_err *err)
{
    return st->driver->session_end(st, id, err);
}

enum sp_code store_session_end_user(struct store *st, int64_t user_id, struct sp_err *err)
{
    return st->driver->session_end_user(st, user_id, err);
}

enum sp_code store_token_create(struct store *st, const char *token_hash, const struct api_token *t,
                                int64_t *id, struct sp_err *err)
{
    return st->driver->token_create(st, token_hash, t, id, err);
}

enum sp_code store_token_get(struct store *st, struct sp_arena *arena, const char *token_hash,
                             struct api_token *out, struct sp_err *err)
{
    return st->driver->token_get(st, arena, token_hash, out, err);
}

enum sp_code store_token_list(struct store *st, struct sp_arena *arena, int64_t user_id,
                              struct api_token **items, size_t *count, struct sp_err *err)
{
    return st->driver->token_list(st, arena, user_id, items, count, err);
}

enum sp_code store_token_revoke(struct store *st, int64_t id, int64_t now, struct sp_err *err)
{
    return st->driver->token_revoke(st, id, now, err);
}

enum sp_code store_throttle_get(struct store *st, const char *username, int *failures,
                                int64_t *locked_until, struct sp_err *err)
{
    return st->driver->throttle_get(st, username, failures, locked_until, err);
}

enum sp_code store_throttle_set(struct store *st, const char *username, int failures,
                                int64_t locked_until, struct sp_err *err)
{
    return st->driver->throttle_set(st, username, failures, locked_until, err);
}

enum sp_code store_throttle_clear(struct store *st, const char *username, struct sp_err *err)
{
    return st->driver->throttle_clear(st, username, err);
}

enum sp_code store_consent_add(struct store *st, struct consent *c, struct sp_err *err)
{
    return st->driver->consent_add(st, c, err);
}

enum sp_code store_consent_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct consent **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->consent_list(st, arena, enrolment_id, page, items, count, more, err);
}

enum sp_code store_consent_in_force(struct store *st, int64_t enrolment_id, const char *scope,
                                    bool *given, struct sp_err *err)
{
    return st->driver->consent_in_force(st, enrolment_id, scope, given, err);
}

enum sp_code store_audit_last(struct store *st, struct sp_arena *arena, int64_t *seq,
                              const char **hash, struct sp_err *err)
{
    return st->driver->audit_last(st, arena, seq, hash, err);
}

enum sp_code store_audit_insert(struct store *st, const struct audit_event *e, struct sp_err *err)
{
    return st->driver->audit_insert(st, e, err);
}

enum sp_code store_audit_scan(struct store *st, struct sp_arena *arena, int64_t after_seq,
                              int limit, struct audit_event **items, size_t *count,
                              struct sp_err *err)
{
    return st->driver->audit_scan(st, arena, after_seq, limit, items, count, err);
}

enum sp_code store_audit_list_citizen(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                      const char *skip_purpose, const struct store_page *page,
                                      struct audit_event **items, size_t *count, bool *more,
                                      struct sp_err *err)
{
    return st->driver->audit_list_citizen(st, arena, citizen_id, skip_purpose, page, items, count,
                                          more, err);
}

enum sp_code store_citizen_places(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                  struct citizen_place *places, size_t *count, struct sp_err *err)
{
    return st->driver->citizen_places(st, arena, citizen_id, places, count, err);
}

enum sp_code store_enrolment_place(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   int64_t *citizen_id, struct citizen_place *place,
                                   struct sp_err *err)
{
    return st->driver->enrolment_place(st, arena, enrolment_id, citizen_id, place, err);
}

/* The pool: a thread-local slot per thread, and a list of every connection for shutdown. */
struct pool_entry {
    struct pool_entry *next;
    struct store *st;
};

struct store_pool {
    char *path;
    const struct sp_keys *keys;
    pthread_key_t key;
    pthread_mutex_t lock;
    struct pool_entry *entries;
};

struct store_pool *store_pool_new(const char *path, const struct sp_keys *keys)
{
    struct store_pool *pool = sp_xcalloc(1, sizeof *pool);

    pool->path = sp_xstrdup(path);
    pool->keys = keys;
    if (pthread_key_create(&pool->key, NULL) != 0) {
        fprintf(stderr, "samspor: pthread_key_create failed\n");
        abort();
    }
    pthread_mutex_init(&pool->lock, NULL);
    return pool;
}

struct store *store_pool_get(struct store_pool *pool, struct sp_err *err)
{
    struct store *st = pthread_getspecific(pool->key);
    struct pool_entry *entry;

    if (st != NULL)
        return st;
    if (store_open(pool->path, pool->keys, &st, err) != SP_OK)
        return NULL;
    pthread_setspecific(pool->key, st);
    entry = sp_xmalloc(sizeof *entry);
    entry->st = st;
    pthread_mutex_lock(&pool->lock);
    entry->next = pool->entries;
    pool->entries = entry;
    pthread_mutex_unlock(&pool->lock);
    return st;
}

void store_pool_free(struct store_pool *pool)
{
    if (pool == NULL)
        return;
    for (struct pool_entry *e = pool->entries, *next; e != NULL; e = next) {
        next = e->next;
        store_close(e->st);
        free(e);
    }
    pthread_key_delete(pool->key);
    pthread_mutex_destroy(&pool->lock);
    free(pool->path);
    free(pool);
}

enum sp_code store_assessment_add(struct store *st, struct assessment *a, struct sp_err *err)
{
    return st->driver->assessment_add(st, a, err);
}

enum sp_code store_assessment_get(struct store *st, struct sp_arena *arena, int64_t id,
                                  struct assessment *out, struct sp_err *err)
{
    return st->driver->assessment_get(st, arena, id, out, err);
}

enum sp_code store_assessment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   const struct store_page *page, struct assessment **items,
                                   size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->assessment_list(st, arena, enrolment_id, page, items, count, more, err);
}

enum sp_code store_assessment_baselines(struct store *st, struct sp_arena *arena,
                                        int64_t enrolment_id, struct store_baseline **items,
                                        size_t *count, struct sp_err *err)
{
    return st->driver->assessment_baselines(st, arena, enrolment_id, items, count, err);
}

enum sp_code store_eligibility_add(struct store *st, struct eligibility_decision *d,
                                   struct sp_err *err)
{
    return st->driver->eligibility_add(st, d, err);
}

enum sp_code store_eligibility_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    struct eligibility_decision **items, size_t *count,
                                    struct sp_err *err)
{
    return st->driver->eligibility_list(st, arena, enrolment_id, items, count, err);
}

enum sp_code store_plan_get(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                            struct treatment_plan *out, struct sp_err *err)
{
    return st->driver->plan_get(st, arena, enrolment_id, out, err);
}

enum sp_code store_plan_put(struct store *st, struct treatment_plan *p, int64_t expected_version,
                            struct sp_err *err)
{
    return st->driver->plan_put(st, p, expected_version, err);
}

enum sp_code store_session_add(struct store *st, struct treatment_session *s, struct sp_err *err)
{
    return st->driver->session_add(st, s, err);
}

enum sp_code store_session_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct treatment_session **items,
                                size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->session_list(st, arena, enrolment_id, page, items, count, more, err);
}

enum sp_code store_safety_add(struct store *st, struct safety_followup *f, struct sp_err *err)
{
    return st->driver->safety_add(st, f, err);
}

enum sp_code store_safety_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                               const struct store_page *page, struct safety_followup **items,
                               size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->safety_list(st, arena, enrolment_id, page, items, count, more, err);
}

enum sp_code store_case_review_add(struct store *st, struct case_review *r, struct sp_err *err)
{
    return st->driver->case_review_add(st, r, err);
}

enum sp_code store_case_review_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    const struct store_page *page, struct case_review **items,
                                    size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->case_review_list(st, arena, enrolment_id, page, items, count, more, err);
}

enum sp_code store_instrument_text_get(struct store *st, struct sp_arena *arena,
                                       const char *instrument, const char *language,
                                       const char **body, bool *found, struct sp_err *err)
{
    return st->driver->instrument_text_get(st, arena, instrument, language, body, found, err);
}

enum sp_code store_instrument_text_put(struct store *st, const char *instrument,
                                       const char *language, const char *source, const char *body,
                                       const char *now, struct sp_err *err)
{
    return st->driver->instrument_text_put(st, instrument, language, source, body, now, err);
}

enum sp_code store_caseload(struct store *st, struct sp_arena *arena, int64_t user_id,
                            enum store_caseload_scope scope, struct store_caseload_row **rows,
                            size_t *count, struct sp_err *err)
{
    return st->driver->caseload(st, arena, user_id, scope, rows, count, err);
}

enum sp_code store_enrolment_team_people(struct store *st, struct sp_arena *arena,
                                         int64_t enrolment_id, const struct store_page *page,
                                         struct team_person **items, size_t *count, bool *more,
                                         struct sp_err *err)
{
    return st->driver->enrolment_team_people(st, arena, enrolment_id, page, items, count, more,
                                             err);
}

enum sp_code store_health_summary(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                  struct store_health_summary *out, struct sp_err *err)
{
    return st->driver->health_summary(st, arena, enrolment_id, out, err);
}

enum sp_code store_enrolment_touch(struct store *st, int64_t id, int64_t if_version,
                                   int64_t *version, struct sp_err *err)
{
    return st->driver->enrolment_touch(st, id, if_version, version, err);
}

enum sp_code store_assignment_list(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   struct assignment **items, size_t *count, struct sp_err *err)
{
    return st->driver->assignment_list(st, arena, enrolment_id, items, count, err);
}

enum sp_code store_assignment_set(struct store *st, int64_t enrolment_id, const char *role,
                                  int64_t user_id, int64_t by, const char *now, struct sp_err *err)
{
    return st->driver->assignment_set(st, enrolment_id, role, user_id, by, now, err);
}

enum sp_code store_status_change_add(struct store *st, struct status_change *c, struct sp_err *err)
{
    return st->driver->status_change_add(st, c, err);
}

enum sp_code store_status_change_list(struct store *st, struct sp_arena *arena,
                                      int64_t enrolment_id, struct status_change **items,
                                      size_t *count, struct sp_err *err)
{
    return st->driver->status_change_list(st, arena, enrolment_id, items, count, err);
}

enum sp_code store_task_list(struct store *st, struct sp_arena *arena,
                             const struct store_task_filter *filter, const struct store_page *page,
                             struct task **items, size_t *count, bool *more, struct sp_err *err)
{
    return st->driver->task_list(st, arena, filter, page, items, count, more, err);
}

enum sp_code store_task_get(struct store *st, struct sp_arena *arena, int64_t id, struct task *out,
                            struct sp_err *err)
{
    return st->driver->task_get(st, arena, id, out, err);
}

enum sp_code store_task_set_done(struct store *st, int64_t id, int64_t if_version, int64_t done_by,
                                 const char *now, int64_t *version, struct sp_err *err)
{
    return st->driver->task_set_done(st, id, if_version, done_by, now, version, err);
}

enum sp_code store_followup_rows(struct store *st, struct sp_arena *arena, const char *teams_json,
                                 struct store_followup_row **rows, size_t *count,
                                 struct sp_err *err)
{
    return st->driver->followup_rows(st, arena, teams_json, rows, count, err);
}
