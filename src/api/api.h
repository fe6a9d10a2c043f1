/* The api/ layer: one file per resource. A handler parses and validates its JSON, asks policy/,
 * calls core/ and store/, and builds a JSON reply. http/ has already run the fixed phases (size
 * limit, route, content type, JSON object, If-Match presence) before a handler runs, and turns
 * any code other than SP_OK into problem+json from *err. */
#ifndef SP_API_API_H
#define SP_API_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/mem.h"
#include "core/date.h"
#include "core/date_bounds.h"
#include "store/store.h"

struct policy_subject;
struct api_route;

/* One audit event a handler asks for; api_dispatch writes them with the request's outcome. */
struct api_audit_item {
    struct api_audit_item *next;
    int64_t citizen_id;
    const char *action;  /* "read", "search", "create", "update", "login", … */
    const char *outcome; /* NULL: the request's outcome ("allowed" or the problem code) */
    int64_t user_id;     /* for events without a subject (login): else 0 */
    const char *username;
    const char *purpose; /* NULL: the route's purpose */
};

struct api_ctx {
    /* in */
    const struct api_route *route;
    const struct sp_keys *keys; /* borrowed for the server's life */
    struct store *store;        /* this worker thread's connection */
    /* Reads that may be a moment stale (reference data now; reports and exports): the replica
     * named by --db-read, else store. Everything else reads store, so a caller reads its own
     * writes. */
    struct store *stale_store;
    bool stale_unavailable; /* out: the replica did not answer (api_stale_read_again) */
    struct sp_arena *arena; /* lives until the response has been sent */
    const struct policy_subject *subject; /* the caller; NULL on public routes */
    int64_t session_id;                   /* the cookie session, 0 for tokens */
    const char *session_csrf;             /* its CSRF token (arena), NULL for tokens */
    bool snapshot_open;                   /* a read transaction from authentication is open */
    int64_t touch_session_at;             /* > 0: write the session's last_seen at the end */
    int64_t id;                           /* the {id} of the path, 0 when the route has none */
    char key[33];                         /* the {key} of the path ("phq9"), "" when none */
    bool has_key;
    json_t *body; /* the request object (borrowed), NULL without body */
    bool has_if_match;
    int64_t if_match;                                   /* the version named by If-Match */
    const char *(*query)(void *conn, const char *name); /* query parameter or NULL */
    /* The names of the query's parameters, in order, repeats included: up to max into names;
     * returns how many there are. NULL: the request has none. */
    size_t (*query_names)(void *conn, const char **names, size_t max);
    void *conn;
    struct core_date today; /* Danish calendar date of the request */
    char now[32];           /* UTC timestamp of the request */

    /* out */
    int status;             /* 200 unless set */
    json_t *reply;          /* owned: http/ serialises and frees it */
    const char *reply_raw;  /* a stored answer (idempotent replay), arena-owned; wins over reply */
    const char *location;   /* Location header, arena-owned, or NULL */
    int64_t etag_version;   /* > 0: send ETag: "<version>" */
    bool replayed;          /* Idempotent-Replayed: true */
    const char *set_cookie; /* Set-Cookie header, arena-owned, or NULL */
    int retry_after_s;      /* > 0: Retry-After header (throttled sign-in, busy storage) */
    bool secure_transport;  /* the client reached us over TLS (cookies get Secure) */
    struct api_audit_item *audit; /* events to write, in any order */
};

/* A write lost to SP_BUSY (store.h, Transactions) is run again from its start this many times;
 * then it is answered 503 busy with Retry-After: this many seconds (as is storage busy
 * elsewhere in a request). */
#define API_WRITE_RERUNS 3
#define API_BUSY_RETRY_AFTER_S 1

typedef enum sp_code (*api_handler_fn)(struct api_ctx *ctx, struct sp_err *err);

enum api_route_flags {
    API_BODY = 1 << 0,              /* expects a JSON object body */
    API_IF_MATCH = 1 << 1,          /* needs If-Match (428 without) */
    API_WRITE = 1 << 2,             /* runs in a write transaction, rolled back on any error */
    API_IDEMPOTENT = 1 << 3,        /* honours Idempotency-Key */
    API_RAW = 1 << 4,               /* reply_raw is static JSON (the OpenAPI document) */
    API_PUBLIC = 1 << 5,            /* answers without a session or token */
    API_IF_MATCH_OPTIONAL = 1 << 6, /* If-Match parsed when sent (PUT: create without, change
                                       with it) */
};

struct api_route {
    const char *method;  /* "GET", "POST", "PATCH" */
    const char *pattern; /* "/api/v1/enrolments/{id}"; {id} matches a positive integer */
    api_handler_fn handler;
    unsigned flags;
    const char *purpose; /* audit purpose: treatment, employment_support, joint_plan,
                            case_administration, administration, evaluation, authentication */
};

/* Every route, ending with a row whose method is NULL. Checked against the OpenAPI document by
 * tests/unit/api/openapi_test.c. */
extern const struct api_route api_routes[];

/* Run route's handler with transactions and Idempotency-Key as its flags say. idem_key may be
 * NULL; raw_body/raw_len are the request bytes (hashed to tell a retry from a reused key). */
enum sp_code api_dispatch(const struct api_route *route, struct api_ctx *ctx, const char *idem_key,
                          const char *raw_body, size_t raw_len, struct sp_err *err);

/* What a replayed Idempotency-Key answer passes instead of its handler (replay.c): the policy
 * question the handler would ask, with its refusals, auditing `action`. citizen_id is the citizen
 * the stored answer is about (0: none). One row per API_IDEMPOTENT route, ending with a NULL
 * method; dispatch refuses to replay on a route without a row. */
typedef enum sp_code (*api_replay_gate_fn)(struct api_ctx *ctx, const char *action,
                                           int64_t citizen_id, struct sp_err *err);
struct api_replay_gate {
    const char *method;
    const char *pattern;
    api_replay_gate_fn gate;
    const char *action;
};
extern const struct api_replay_gate api_replay_gates[];
const struct api_replay_gate *api_replay_gate_for(const char *method, const char *pattern);

/* Who is calling: from an "Authorization: Bearer" token, else the session cookie (with the
 * X-CSRF-Token check for state-changing methods). Fills ctx->subject (arena-owned) or answers
 * SP_UNAUTHENTICATED / SP_CSRF / SP_FORBIDDEN (a read-only token on a write route). */
enum sp_code api_authenticate(struct api_ctx *ctx, const char *session_cookie,
                              const char *authorization, const char *csrf_header,
                              bool state_changing, struct sp_err *err);

/* End what authentication left open (its read transaction) and write the session's last_seen
 * when due. http/ calls it once per request, whatever the outcome. */
void api_release(struct api_ctx *ctx);

/* Ask for an audit event about citizen_id (0: none) for this request. */
void api_audit(struct api_ctx *ctx, int64_t citizen_id, const char *action);
/* As api_audit, with a purpose of its own: a route that serves two purposes (the caseload's two
 * tracks) names the one of this request. */
void api_audit_for(struct api_ctx *ctx, int64_t citizen_id, const char *action,
                   const char *purpose);

/* The team a referral goes to (POST /api/v1/enrolments): `team_id` or `municipality_code` from the
 * body, a team of project p the caller works on (else 403 naming the member), or without either
 * the caller's first team in the project. Fills e->team_id. Also asked by a replay (replay.c). */
struct project;
struct enrolment;
enum sp_code api_referral_team(struct api_ctx *ctx, const struct project *p, struct enrolment *e,
                               struct sp_err *err);

/* Shared by the treatment-track resources (treatment_gate.c, instruments.c). */
struct core_instrument;
struct core_score;
/* policy_treatment_access for ctx->id, auditing `action` on its citizen. */
enum sp_code api_treatment_gate(struct api_ctx *ctx, const char *action, struct sp_err *err);
/* Make the signed-in clinician (care manager or therapist) a member of ctx->id's enrolment, so
 * that it is on their caseload; nothing for other roles. Idempotent. */
enum sp_code api_take_on_caseload(struct api_ctx *ctx, struct sp_err *err);
/* What bounds a date recorded on an enrolment (today, the citizen's birth, the referral), read
 * once for a request that checks many dates (a network meeting's). Not to be copied: facts
 * points into it. */
struct api_date_facts {
    struct core_date birth;
    struct core_date referral;
    struct core_date_facts facts;
};
enum sp_code api_enrolment_date_facts(struct api_ctx *ctx, int64_t enrolment_id,
                                      struct api_date_facts *out, struct sp_err *err);
/* `d`, a date recorded on ctx->id's enrolment, within the bounds of `kind` (core_date_check)
 * against today, the citizen's birth date and the enrolment's referral date. */
enum sp_code api_check_enrolment_date(struct api_ctx *ctx, enum core_date_kind kind,
                                      struct core_date d, const char *field, struct sp_err *err);
/* The day a stored date or UTC timestamp names: its first ten characters as YYYY-MM-DD into
 * *out. False for NULL or anything else (a read row is then treated as having no such date). */
bool api_stored_day(const char *text, struct core_date *out);
/* "a,b" → ["a","b"] ("" or NULL → []): codes stored comma-separated. */
json_t *api_codes_json(const char *codes);
/* The other way: codes[0..count) joined with commas, in the arena ("" for none); never cut. */
const char *api_codes_join(struct sp_arena *arena, const char *const *codes, size_t count);
/* {"id": id, "name": name}: who recorded or administered something. */
json_t *api_user_ref(int64_t id, const char *name);
/* The instrument named by the path's {key}, or NULL with SP_NOT_FOUND in *err. */
const struct core_instrument *api_instrument_of(const struct api_ctx *ctx, struct sp_err *err);
/* body's "items" as answers for ins (at most CORE_ANSWERS_MAX + 1; null = missing), and their
 * compact JSON text in the arena. SP_INVALID naming "/items" or "/items/N". */
enum sp_code api_answers_parse(const json_t *body, const struct core_instrument *ins,
                               struct sp_arena *arena, int *answers, size_t *count,
                               const char **answers_json, struct sp_err *err);
/* The caseload flags of enrolment_id as the caller's teams see it now, comma-separated ("" when
 * it is not active or aftercare): what a case review looked at (caseload.c). */
enum sp_code api_caseload_flags_of(struct api_ctx *ctx, int64_t enrolment_id, const char **flags,
                                   struct sp_err *err);
/* Check a questionnaire text file (data/instruments/README.md): known instrument, two-letter
 * language, a named source, every item and every labelled answer present and no other key.
 * SP_INVALID with the JSON Pointer of the first problem; *ins and *language point into doc. */
enum sp_code api_instrument_text_check(const json_t *doc, const struct core_instrument **ins,
                                       const char **language, struct sp_err *err);
/* Check doc (api_instrument_text_check; for `expected` when not NULL, in a language the
 * questionnaires are shown in) and store it as the loaded text of its instrument and language,
 * replacing one loaded before (*replaced). The one way a translation is loaded: the
 * administration API and `samspor instruments load` both call it, inside their transaction. */
enum sp_code api_instrument_text_load(struct store *st, struct sp_arena *arena, const json_t *doc,
                                      const char *expected, const char *now,
                                      const struct core_instrument **ins, const char **language,
                                      bool *replaced, struct sp_err *err);
/* Make team t (project_id, municipality_code, name; fills t->id): the project exists, the
 * municipality is one of the project's, and the project has no team there yet (SP_CONFLICT).
 * Problems name "/project_id" or "/municipality_code". Shared by POST /api/v1/teams and
 * `samspor team add`. */
enum sp_code api_team_add(struct store *st, struct sp_arena *arena, struct team *t,
                          struct sp_err *err);
/* The stored form of a score in *a: total, band, comma-separated flags, the whole result as JSON
 * text and PHQ-9's item 9 for the caseload's safety flag (arena strings); SP_INTERNAL when it
 * could not be built. Also used by the demo. */
enum sp_code api_assessment_set_score(struct sp_arena *arena, const struct core_score *score,
                                      struct assessment *a, struct sp_err *err);
/* {instrument,total,band,flags,scored,percentage?,provisional_diagnosis?,icd10?,difficulty?} */
json_t *api_score_json(const struct core_score *score);

/* A list of ctx->id's enrolment without parameters of its own: policy_enrolment_read (its
 * 403/404), the citizen's read audited, then limit and cursor into *page (enrolment_team.c). */
enum sp_code api_enrolment_list_gate(struct api_ctx *ctx, struct store_page *page,
                                     struct sp_err *err);

/* The employment and education track's gate for ctx->id's enrolment (episodes.c):
 * policy_employment_write when `write`, else policy_employment_access, the citizen audited as
 * `action`; api_employment_list_gate also reads limit and cursor into *page (a read). */
enum sp_code api_employment_gate(struct api_ctx *ctx, const char *action, bool write,
                                 struct sp_err *err);
enum sp_code api_employment_list_gate(struct api_ctx *ctx, struct store_page *page,
                                      struct sp_err *err);
/* The replay gates of POST /api/v1/employers (the register the body names, as the handler
 * chooses it: municipal roles of that municipality) and POST /api/v1/employers/{id}/contacts
 * (the employer's municipality, and for a contact about a young person — citizen_id > 0 — the
 * body's enrolment still readable), auditing `action`. */
enum sp_code api_employer_create_gate(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                      struct sp_err *err);
enum sp_code api_employer_contact_gate(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                       struct sp_err *err);

/* Handlers, one file each. */
/* What the meetings share (meetings.c; network_meetings.c, group_sessions.c use it). */
struct meeting;
json_t *api_meeting_json(const struct meeting *m);
/* A field of a nested item reported under prefix ("/goals/2" + "/text"), unless it is already. */
void api_err_prefix(struct sp_err *err, const char *prefix);
/* The list member key of min..max distinct positive ids (absent: none when min is 0). */
enum sp_code api_meeting_ids(const json_t *body, const char *key, size_t min, size_t max,
                             struct sp_arena *arena, int64_t **ids, size_t *count,
                             struct sp_err *err);
/* Each of ids an enabled member of team_id, else 422 `reason` at "/key/i" (one statement). */
enum sp_code api_meeting_staff_check(struct api_ctx *ctx, int64_t team_id, const char *key,
                                     const int64_t *ids, size_t count, enum sp_reason reason,
                                     struct sp_err *err);
/* duration_minutes (CORE_MEETING_MINUTES_MIN..MAX) and place (core_meeting_places). */
enum sp_code api_meeting_length_place(struct api_ctx *ctx, bool required, struct meeting *m,
                                      struct sp_err *err);
/* The body's date of a meeting with the young person, within DATE_KIND_MEETING's bounds. */
enum sp_code api_meeting_date(struct api_ctx *ctx, const struct api_date_facts *facts,
                              struct meeting *m, struct sp_err *err);
/* The replay gate of POST /api/v1/group-sessions (group_sessions.c). */
enum sp_code api_group_session_create_gate(struct api_ctx *ctx, const char *action,
                                           int64_t citizen_id, struct sp_err *err);

enum sp_code api_auth_login(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_auth_logout(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_auth_me(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_consents_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_consents_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_access_log_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_users_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_users_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_users_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_teams_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_teams_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_team_members_set(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_health_live(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_health_ready(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_openapi_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_organisations_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_target_groups_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_projects_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_projects_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_projects_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_projects_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_citizens_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_citizens_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_citizens_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolments_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolments_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolments_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolments_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_instruments_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_instruments_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_instruments_score(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_instrument_texts_load(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_assessments_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_assessments_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_eligibility_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_eligibility_decide(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_treatment_plan_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_treatment_plan_put(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_sessions_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_sessions_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_safety_followups_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_safety_followups_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_caseload_get(struct api_ctx *ctx, struct sp_err *err);
/* GET /api/v1/caseload?track=employment (employment_caseload.c; api_caseload_get passes it on). */
enum sp_code api_employment_caseload_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_ips_measures_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_case_review_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_case_reviews_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_case_reviews_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolment_team_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_assignments_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_status_history_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_episodes_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_episodes_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_episodes_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_episodes_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_vocational_profile_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_vocational_profile_put(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_vocational_profile_history(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_follow_along_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_follow_along_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolment_reopen(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_employers_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_employers_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_employers_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_employers_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_employer_contacts_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_employer_contacts_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolment_employer_contacts_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_tasks_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolment_tasks_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_enrolment_tasks_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_my_plan_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_tasks_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_goals_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_goals_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_goals_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_goals_patch(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_goal_history_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_coordinator_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_coordinator_put(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_followups_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_meetings_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_meetings_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_network_meetings_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_network_meetings_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_group_sessions_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_group_candidates_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_group_sessions_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_group_sessions_get(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_group_attendance_put(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_team_notes_list(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_team_notes_create(struct api_ctx *ctx, struct sp_err *err);
enum sp_code api_labour_weeks_get(struct api_ctx *ctx, struct sp_err *err);

/* The connection for a staleness-tolerant read (api_ctx.stale_store, else the primary's). */
static inline struct store *api_stale_store(const struct api_ctx *ctx)
{
    return ctx->stale_store != NULL ? ctx->stale_store : ctx->store;
}

/* After a read on api_stale_store() that answered rc: true when the replica is away
 * (SP_UNAVAILABLE) and the read is to be made again, on the primary, as the rest of the request
 * will be; err is cleared, and stale_unavailable tells the server to leave the replica alone for
 * a while. A read that may be stale may also be fresh:
 *     do rc = store_x(api_stale_store(ctx), …, err); while (api_stale_read_again(ctx, rc, err)); */
static inline bool api_stale_read_again(struct api_ctx *ctx, enum sp_code rc, struct sp_err *err)
{
    if (rc != SP_UNAVAILABLE || api_stale_store(ctx) == ctx->store)
        return false;
    ctx->stale_store = ctx->store;
    ctx->stale_unavailable = true;
    *err = (struct sp_err){0};
    return true;
}

#endif
