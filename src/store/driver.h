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
    enum sp_code (*begin_read)(struct store *st, struct sp_err *err);
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
    enum sp_code (*target_group_list)(struct store *st, struct sp_arena *arena,
                                      struct target_group **items, size_t *count,
                                      struct sp_err *err);

    enum sp_code (*project_create)(struct store *st, struct project *p, const char *now,
                                   struct sp_err *err);
    enum sp_code (*project_get)(struct store *st, struct sp_arena *arena, int64_t id,
                                struct project *out, struct sp_err *err);
    enum sp_code (*project_list)(struct store *st, struct sp_arena *arena,
                                 const struct store_page *page, struct project **items,
                                 size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*project_update)(struct store *st, struct project *p, int64_t if_version,
                                   struct sp_err *err);

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
    enum sp_code (*episode_list)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                 struct episode **items, size_t *count, struct sp_err *err);
    enum sp_code (*user_bump_version)(struct store *st, int64_t id, int64_t if_version,
                                      int64_t *version, struct sp_err *err);
    enum sp_code (*team_create)(struct store *st, struct team *t, struct sp_err *err);
    enum sp_code (*team_get)(struct store *st, struct sp_arena *arena, int64_t id, struct team *out,
                             struct sp_err *err);
    enum sp_code (*user_create)(struct store *st, const struct store_user_new *u, const char *now,
                                int64_t *id, struct sp_err *err);
    enum sp_code (*team_member_add)(struct store *st, int64_t team_id, int64_t user_id,
                                    struct sp_err *err);
    enum sp_code (*count)(struct store *st, const char *table, int64_t *out, struct sp_err *err);

    enum sp_code (*idempotent_get)(struct store *st, struct sp_arena *arena, const char *key_hash,
                                   int64_t not_before, bool *found, struct store_idempotent *out,
                                   struct sp_err *err);
    enum sp_code (*idempotent_put)(struct store *st, const char *key_hash,
                                   const struct store_idempotent *rec, int64_t now,
                                   int64_t expire_before, struct sp_err *err);
    enum sp_code (*user_by_username)(struct store *st, struct sp_arena *arena, const char *username,
                                     struct user *out, struct sp_err *err);
    enum sp_code (*user_get)(struct store *st, struct sp_arena *arena, int64_t id, struct user *out,
                             struct sp_err *err);
    enum sp_code (*user_list)(struct store *st, struct sp_arena *arena,
                              const struct store_user_filter *filter, const struct store_page *page,
                              struct user **items, size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*user_set_password)(struct store *st, int64_t id, const char *password_hash,
                                      struct sp_err *err);
    enum sp_code (*user_set_disabled)(struct store *st, int64_t id, bool disabled,
                                      struct sp_err *err);
    enum sp_code (*user_set_roles)(struct store *st, int64_t id, size_t role_count,
                                   const char *const *roles, struct sp_err *err);
    enum sp_code (*team_list)(struct store *st, struct sp_arena *arena, int64_t project_id,
                              const struct store_page *page, struct team **items, size_t *count,
                              bool *more, struct sp_err *err);
    enum sp_code (*team_members)(struct store *st, struct sp_arena *arena, int64_t team_id,
                                 struct team_member **items, size_t *count, struct sp_err *err);
    enum sp_code (*team_member_remove)(struct store *st, int64_t team_id, int64_t user_id,
                                       struct sp_err *err);
    enum sp_code (*session_create)(struct store *st, const char *token_hash, int64_t user_id,
                                   const char *csrf_token, int64_t now, int64_t *id,
                                   struct sp_err *err);
    enum sp_code (*session_get)(struct store *st, struct sp_arena *arena, const char *token_hash,
                                struct session *out, struct sp_err *err);
    enum sp_code (*session_touch)(struct store *st, int64_t id, int64_t now, struct sp_err *err);
    enum sp_code (*session_end)(struct store *st, int64_t id, struct sp_err *err);
    enum sp_code (*session_end_user)(struct store *st, int64_t user_id, struct sp_err *err);
    enum sp_code (*token_create)(struct store *st, const char *token_hash,
                                 const struct api_token *t, int64_t *id, struct sp_err *err);
    enum sp_code (*token_get)(struct store *st, struct sp_arena *arena, const char *token_hash,
                              struct api_token *out, struct sp_err *err);
    enum sp_code (*token_list)(struct store *st, struct sp_arena *arena, int64_t user_id,
                               struct api_token **items, size_t *count, struct sp_err *err);
    enum sp_code (*token_revoke)(struct store *st, int64_t id, int64_t now, struct sp_err *err);
    enum sp_code (*throttle_get)(struct store *st, const char *username, int *failures,
                                 int64_t *locked_until, struct sp_err *err);
    enum sp_code (*throttle_set)(struct store *st, const char *username, int failures,
                                 int64_t locked_until, struct sp_err *err);
    enum sp_code (*throttle_clear)(struct store *st, const char *username, struct sp_err *err);
    enum sp_code (*consent_add)(struct store *st, struct consent *c, struct sp_err *err);
    enum sp_code (*consent_list)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                 const struct store_page *page, struct consent **items,
                                 size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*consent_in_force)(struct store *st, int64_t enrolment_id, const char *scope,
                                     bool *given, struct sp_err *err);
    enum sp_code (*audit_last)(struct store *st, struct sp_arena *arena, int64_t *seq,
                               const char **hash, struct sp_err *err);
    enum sp_code (*audit_insert)(struct store *st, const struct audit_event *e, struct sp_err *err);
    enum sp_code (*audit_scan)(struct store *st, struct sp_arena *arena, int64_t after_seq,
                               int limit, struct audit_event **items, size_t *count,
                               struct sp_err *err);
    enum sp_code (*audit_list_citizen)(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                       const char *skip_purpose, const struct store_page *page,
                                       struct audit_event **items, size_t *count, bool *more,
                                       struct sp_err *err);
    enum sp_code (*citizen_places)(struct store *st, struct sp_arena *arena, int64_t citizen_id,
                                   struct citizen_place *places, size_t *count, struct sp_err *err);
    enum sp_code (*enrolment_place)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    int64_t *citizen_id, struct citizen_place *place,
                                    struct sp_err *err);
    enum sp_code (*assessment_add)(struct store *st, struct assessment *a, struct sp_err *err);
    enum sp_code (*assessment_get)(struct store *st, struct sp_arena *arena, int64_t id,
                                   struct assessment *out, struct sp_err *err);
    enum sp_code (*assessment_list)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    const struct store_page *page, struct assessment **items,
                                    size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*assessment_baselines)(struct store *st, struct sp_arena *arena,
                                         int64_t enrolment_id, struct store_baseline **items,
                                         size_t *count, struct sp_err *err);
    enum sp_code (*eligibility_add)(struct store *st, struct eligibility_decision *d,
                                    struct sp_err *err);
    enum sp_code (*eligibility_list)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                     struct eligibility_decision **items, size_t *count,
                                     struct sp_err *err);
    enum sp_code (*plan_get)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                             struct treatment_plan *out, struct sp_err *err);
    enum sp_code (*plan_put)(struct store *st, struct treatment_plan *p, int64_t expected_version,
                             struct sp_err *err);
    enum sp_code (*session_add)(struct store *st, struct treatment_session *s, struct sp_err *err);
    enum sp_code (*session_list)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                 const struct store_page *page, struct treatment_session **items,
                                 size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*safety_add)(struct store *st, struct safety_followup *f, struct sp_err *err);
    enum sp_code (*safety_list)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                const struct store_page *page, struct safety_followup **items,
                                size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*case_review_add)(struct store *st, struct case_review *r, struct sp_err *err);
    enum sp_code (*case_review_list)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                     const struct store_page *page, struct case_review **items,
                                     size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*health_summary)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                   struct store_health_summary *out, struct sp_err *err);
    enum sp_code (*enrolment_team_people)(struct store *st, struct sp_arena *arena,
                                          int64_t enrolment_id, const struct store_page *page,
                                          struct team_person **items, size_t *count, bool *more,
                                          struct sp_err *err);
    enum sp_code (*instrument_text_get)(struct store *st, struct sp_arena *arena,
                                        const char *instrument, const char *language,
                                        const char **body, bool *found, struct sp_err *err);
    enum sp_code (*instrument_text_put)(struct store *st, const char *instrument,
                                        const char *language, const char *source, const char *body,
                                        const char *now, struct sp_err *err);
    enum sp_code (*caseload)(struct store *st, struct sp_arena *arena, int64_t user_id,
                             enum store_caseload_scope scope, struct store_caseload_row **rows,
                             size_t *count, struct sp_err *err);
    /* Case work (migration 0010). */
    enum sp_code (*enrolment_touch)(struct store *st, int64_t id, int64_t if_version,
                                    int64_t *version, struct sp_err *err);
    enum sp_code (*assignment_list)(struct store *st, struct sp_arena *arena, int64_t enrolment_id,
                                    struct assignment **items, size_t *count, struct sp_err *err);
    enum sp_code (*assignment_set)(struct store *st, int64_t enrolment_id, const char *role,
                                   int64_t user_id, int64_t by, const char *now,
                                   struct sp_err *err);
    enum sp_code (*status_change_add)(struct store *st, struct status_change *c,
                                      struct sp_err *err);
    enum sp_code (*status_change_list)(struct store *st, struct sp_arena *arena,
                                       int64_t enrolment_id, struct status_change **items,
                                       size_t *count, struct sp_err *err);
    enum sp_code (*task_list)(struct store *st, struct sp_arena *arena,
                              const struct store_task_filter *filter, const struct store_page *page,
                              struct task **items, size_t *count, bool *more, struct sp_err *err);
    enum sp_code (*task_get)(struct store *st, struct sp_arena *arena, int64_t id, struct task *out,
                             struct sp_err *err);
    enum sp_code (*task_set_done)(struct store *st, int64_t id, int64_t if_version, int64_t done_by,
                                  const char *now, int64_t *version, struct sp_err *err);
    enum sp_code (*followup_rows)(struct store *st, struct sp_arena *arena, const char *teams_json,
                                  struct store_followup_row **rows, size_t *count,
                                  struct sp_err *err);
};

extern const struct store_driver store_sqlite_driver;

#endif
