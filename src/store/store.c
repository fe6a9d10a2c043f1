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

enum sp_code store_idempotent_get(struct store *st, struct sp_arena *arena, const char *key,
                                  const char *route, bool *found, struct store_idempotent *out,
                                  struct sp_err *err)
{
    return st->driver->idempotent_get(st, arena, key, route, found, out, err);
}

enum sp_code store_idempotent_put(struct store *st, const char *key, const char *route,
                                  const struct store_idempotent *rec, const char *now,
                                  struct sp_err *err)
{
    return st->driver->idempotent_put(st, key, route, rec, now, err);
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
