/* The driver function table behind store.h (like curl's struct Curl_ssl or Postgres' f_smgr).
 * A driver fills one static struct store_driver; every connection it opens starts with a
 * struct store whose `driver` points at it. Semantics of each member: see store.h. */
#ifndef SP_STORE_DRIVER_H
#define SP_STORE_DRIVER_H

#include "store/store.h"

struct store {
    const struct store_driver *driver;
    const struct sp_keys *keys; /* borrowed: identifiers are sealed and indexed with these */
};

struct store_driver {
    const char *name;
    enum sp_code (*open)(const char *path, const struct sp_keys *keys, struct store **out,
                         struct sp_err *err);
    void (*close)(struct store *st);
    /* Run a script of several statements (a migration) without results. */
    enum sp_code (*exec_script)(struct store *st, const char *sql, struct sp_err *err);
    enum sp_code (*schema_version)(struct store *st, int *out, struct sp_err *err);
    enum sp_code (*schema_record)(struct store *st, int version, const char *name, const char *now,
                                  struct sp_err *err);
    enum sp_code (*begin_write)(struct store *st, struct sp_err *err);
    enum sp_code (*commit)(struct store *st, struct sp_err *err);
    void (*rollback)(struct store *st);
    enum sp_code (*ping)(struct store *st, struct sp_err *err);

    enum sp_code (*organisation_list)(struct store *st, struct sp_arena *arena,
                                      const struct store_org_filter *filter,
                                      const struct store_page *page, struct organisation **items,
                                      size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*organisation_get)(struct store *st, struct sp_arena *arena, const char *code,
                                     struct organisation *out, struct sp_err *err);
    enum sp_code (*target_group_exists)(struct store *st, const char *code, bool *exists,
                                        struct sp_err *err);

    enum sp_code (*project_create)(struct store *st, struct project *p, const char *now,
                                   struct sp_err *err);
    enum sp_code (*project_get)(struct store *st, struct sp_arena *arena, int64_t id,
                                struct project *out, struct sp_err *err);
    enum sp_code (*project_list)(struct store *st, struct sp_arena *arena,
                                 const struct store_page *page, struct project **items,
                                 size_t *count, bool *more, struct sp_err *err);

    enum sp_code (*citizen_create)(struct store *st, struct citizen *c, const char *now,
                                   struct sp_err *err);
    enum sp_code (*citizen_get)(struct store *st, struct sp_arena *arena, int64_t id,
                                struct citizen *out, struct sp_err *err);
    enum sp_code (*citizen_list)(struct store *st, struct sp_arena *arena,
                                 const struct store_citizen_filter *filter,
                                 const struct store_page *page, struct citizen **items,
                                 size_t *count, bool *more, struct sp_err *err);

    enum sp_code (*enrolment_create)(struct store *st, struct enrolment *e, const char *now,
                                     struct sp_err *err);
    enum sp_code (*enrolment_get)(struct store *st, struct sp_arena *arena, int64_t id,
                                  struct enrolment *out, struct sp_err *err);
    enum sp_code (*enrolment_list)(struct store *st, struct sp_arena *arena,
                                   const struct store_enrolment_filter *filter,
                                   const struct store_page *page, struct enrolment **items,
                                   size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*enrolment_update)(struct store *st, struct enrolment *e, int64_t if_version,
                                     struct sp_err *err);
    enum sp_code (*enrolment_member_add)(struct store *st, int64_t enrolment_id, int64_t user_id,
                                         const char *role, struct sp_err *err);

    enum sp_code (*episode_create)(struct store *st, struct episode *ep, const char *now,
                                   struct sp_err *err);
    enum sp_code (*team_create)(struct store *st, struct team *t, struct sp_err *err);
    enum sp_code (*team_get)(struct store *st, struct sp_arena *arena, int64_t id, struct team *out,
                             struct sp_err *err);
    enum sp_code (*user_create)(struct store *st, const struct store_user_new *u, const char *now,
                                int64_t *id, struct sp_err *err);
    enum sp_code (*team_member_add)(struct store *st, int64_t team_id, int64_t user_id,
                                    struct sp_err *err);
    enum sp_code (*count)(struct store *st, const char *table, int64_t *out, struct sp_err *err);

    enum sp_code (*idempotent_get)(struct store *st, struct sp_arena *arena, const char *key,
                                   const char *route, bool *found, struct store_idempotent *out,
                                   struct sp_err *err);
    enum sp_code (*idempotent_put)(struct store *st, const char *key, const char *route,
                                   const struct store_idempotent *rec, const char *now,
                                   struct sp_err *err);
};

extern const struct store_driver store_sqlite_driver;

#endif
