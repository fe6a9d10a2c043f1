/* Transactions, Idempotency-Key and the audit log around a handler, as its route's flags say.
 * A write route runs inside one write transaction: on any error it is rolled back, so a
 * rejected request writes nothing. Audit events are committed before the answer leaves: with
 * the data they describe on success, on their own after a refusal or a failure. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "audit/audit.h"
#include "base/crypto.h"
#include "base/log.h"
#include "policy/policy.h"

void api_audit(struct api_ctx *ctx, int64_t citizen_id, const char *action)
{
    struct api_audit_item *item = sp_arena_alloc(ctx->arena, sizeof *item);

    item->citizen_id = citizen_id;
    item->action = action;
    item->next = ctx->audit;
    ctx->audit = item;
}

void api_audit_for(struct api_ctx *ctx, int64_t citizen_id, const char *action, const char *purpose)
{
    api_audit(ctx, citizen_id, action);
    ctx->audit->purpose = purpose;
}

/* The requested events as audit records, in arena memory. */
static size_t build_events(struct api_ctx *ctx, enum sp_code outcome, struct audit_event **out)
{
    size_t count = 0;
    size_t n = 0;
    struct audit_event *events;

    for (struct api_audit_item *item = ctx->audit; item != NULL; item = item->next)
        count++;
    events = sp_arena_alloc(ctx->arena, sizeof *events * (count ? count : 1));
    for (struct api_audit_item *item = ctx->audit; item != NULL; item = item->next, n++) {
        struct audit_event *e = &events[n];

        e->time = ctx->now;
        e->user_id = ctx->subject ? ctx->subject->user->id : item->user_id;
        e->username = ctx->subject ? ctx->subject->user->username : item->username;
        e->role = ctx->subject ? policy_audit_role(ctx->subject) : "";
        e->citizen_id = item->citizen_id;
        e->action = item->action;
        e->route = ctx->route->pattern;
        e->purpose = item->purpose ? item->purpose : ctx->route->purpose;
        e->outcome = item->outcome      ? item->outcome
                     : outcome != SP_OK ? sp_code_info(outcome)->name
                     : ctx->replayed    ? "replayed"
                                        : "allowed";
    }
    *out = events;
    return count;
}

/* Append every requested event; the caller holds a write transaction. */
static enum sp_code append_events(struct api_ctx *ctx, enum sp_code outcome, struct sp_err *err)
{
    struct audit_event *events = NULL;
    size_t count = build_events(ctx, outcome, &events);

    return audit_append_all(ctx->store, ctx->keys, ctx->arena, events, count, err);
}

/* End the read snapshot of authentication, before a write transaction or when done. */
static void end_snapshot(struct api_ctx *ctx)
{
    if (ctx->snapshot_open) {
        store_rollback(ctx->store); /* nothing was written in it */
        ctx->snapshot_open = false;
    }
}

/* Write the events in a transaction of their own (reads, and after a rollback). */
static enum sp_code write_events_alone(struct api_ctx *ctx, enum sp_code outcome)
{
    struct sp_err err = {0};
    enum sp_code rc;

    if (ctx->audit == NULL)
        return SP_OK;
    end_snapshot(ctx);
    rc = store_begin_write(ctx->store, &err);
    if (rc == SP_OK)
        rc = append_events(ctx, outcome, &err);
    if (rc == SP_OK)
        rc = store_commit(ctx->store, &err);
    if (rc != SP_OK) {
        store_rollback(ctx->store);
        sp_log(SP_LOG_ERROR, "audit events could not be written (%s)", sp_code_info(rc)->name);
    }
    return rc;
}

/* An Idempotency-Key is kept 24 hours (draft-ietf-httpapi-idempotency-key-header §2.3 leaves the
 * expiry to the resource; a day covers any client's retries and keeps the table small). */
#define IDEMPOTENCY_KEEP_S (24 * 60 * 60)

/* One request's Idempotency-Key: who sent it, and what the request was. */
struct idem {
    char key_hash[65];     /* keyed hash of the user and the key: a key is the user's own */
    char request_hash[65]; /* keyed hash of method, concrete path and body */
    int64_t now;           /* Unix seconds */
};

/* The request's path as the client sent it, rebuilt from the route's pattern and the {id} and
 * {key} it matched (canonical: "/api/v1/enrolments/5/sessions"). */
static void concrete_path(const struct api_ctx *ctx, char *out, size_t cap)
{
    const char *p = ctx->route->pattern;
    size_t n = 0;

    while (*p != '\0' && n + 1 < cap) {
        int w = 0;

        if (strncmp(p, "{id}", 4) == 0) {
            w = snprintf(out + n, cap - n, "%lld", (long long)ctx->id);
            p += 4;
        } else if (strncmp(p, "{key}", 5) == 0) {
            w = snprintf(out + n, cap - n, "%s", ctx->key);
            p += 5;
        } else {
            out[n++] = *p++;
        }
        n = w > 0 && (size_t)w < cap - n ? n + (size_t)w : n;
    }
    out[n] = '\0';
}

/* Hash the key with the caller, and the request with its method and concrete path, so that the
 * same key on another enrolment is a different request (422), never the first one's answer. Both
 * are keyed: neither the client's key (it may be any text) nor the body can be guessed back. */
static void idem_init(struct api_ctx *ctx, const char *key, const char *body, size_t len,
                      struct idem *k)
{
    char head[512]; /* the key is at most 200 characters, the path well under 256 */
    char path[256];
    size_t head_len;
    char *buf;

    snprintf(head, sizeof head, "idempotency-key\n%lld\n%s",
             ctx->subject ? (long long)ctx->subject->user->id : 0LL, key);
    sp_crypto_blind_index(ctx->keys, head, strlen(head), k->key_hash);
    concrete_path(ctx, path, sizeof path);
    snprintf(head, sizeof head, "%s\n%s\n", ctx->route->method, path);
    head_len = strlen(head);
    buf = sp_xmalloc(head_len + len + 1);
    memcpy(buf, head, head_len);
    if (len > 0)
        memcpy(buf + head_len, body, len);
    sp_crypto_blind_index(ctx->keys, buf, head_len + len, k->request_hash);
    free(buf);
    k->now = (int64_t)time(NULL);
}

/* Claim the key for this request in the write transaction, before the handler runs
 * (store_idempotent_claim: a concurrent request with the same key waits for this one and replays
 * its answer). When the key holds an earlier answer younger than a day instead: refused when the
 * key was used for another request (draft-ietf-httpapi-idempotency-key-header §2.7), else
 * replayed once the caller passes the policy question the handler would ask now — a stored
 * answer is not a way round a removal from the team — with an audit event of its own. */
static enum sp_code claim_or_replay(struct api_ctx *ctx, const struct idem *k, bool *replayed,
                                    struct sp_err *err)
{
    struct store_idempotent rec;
    const struct api_replay_gate *gate;
    bool claimed = false;
    enum sp_code rc =
        store_idempotent_claim(ctx->store, ctx->arena, k->key_hash, k->request_hash, k->now,
                               k->now - IDEMPOTENCY_KEEP_S, &claimed, &rec, err);

    *replayed = false;
    if (rc != SP_OK || claimed)
        return rc;
    gate = api_replay_gate_for(ctx->route->method, ctx->route->pattern);
    if (gate == NULL) /* never: tests/unit/api/replay_test.c; refused rather than replayed blind */
        return sp_err_set(err, SP_INTERNAL, "", "This route has no replay rule.");
    if (strcmp(rec.request_hash, k->request_hash) != 0) {
        /* An enrolment the caller may not see is refused as in the handler (404/403, audited)
         * before the key's reuse is named: the key says nothing about a record. */
        if (ctx->id > 0)
            rc = gate->gate(ctx, gate->action, 0, err);
        return rc != SP_OK
                   ? rc
                   : sp_err_invalid(err, "Idempotency-Key", SP_R_IDEMPOTENCY_KEY_REUSED,
                                    "This Idempotency-Key was used for a different request.");
    }
    rc = gate->gate(ctx, gate->action, rec.citizen_id, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = rec.status;
    ctx->reply_raw = rec.body;
    ctx->location = rec.location;
    ctx->etag_version = rec.etag_version;
    ctx->replayed = true;
    *replayed = true;
    return SP_OK;
}

/* The citizen an answer is about: the first the handler audited (0: none). A replay audits it. */
static int64_t answer_citizen(const struct api_ctx *ctx)
{
    int64_t citizen_id = 0;

    for (const struct api_audit_item *item = ctx->audit; item != NULL; item = item->next)
        if (item->citizen_id > 0)
            citizen_id = item->citizen_id; /* the list is newest first: keep the oldest */
    return citizen_id;
}

/* Write the handler's answer into the key's claimed row, in the same transaction. */
static enum sp_code remember_answer(struct api_ctx *ctx, const struct idem *k, struct sp_err *err)
{
    struct store_idempotent rec = {.request_hash = k->request_hash,
                                   .status = ctx->status,
                                   .location = ctx->location,
                                   .etag_version = ctx->etag_version,
                                   .citizen_id = answer_citizen(ctx)};
    char *body = json_dumps(ctx->reply, JSON_COMPACT);
    enum sp_code rc;

    rec.body = body != NULL ? body : "null";
    rc = store_idempotent_answer(ctx->store, k->key_hash, &rec, err);
    free(body);
    return rc;
}

/* The citizen of the task the path names, 0 when there is none. */
static int64_t task_citizen(struct api_ctx *ctx)
{
    struct task t;
    struct sp_err ignored;

    return store_task_get(ctx->store, ctx->arena, ctx->id, &t, &ignored) == SP_OK ? t.citizen_id
                                                                                  : 0;
}

/* The citizen of enrolment_id, 0 when there is none. */
static int64_t enrolment_citizen(struct api_ctx *ctx, int64_t enrolment_id)
{
    struct citizen_place place;
    struct sp_err ignored;
    int64_t citizen_id = 0;

    if (store_enrolment_place(ctx->store, ctx->arena, enrolment_id, &citizen_id, &place,
                              &ignored) != SP_OK)
        return 0;
    return citizen_id;
}

/* The citizen of the joint-plan goal the path names, 0 when there is none. */
static int64_t goal_citizen(struct api_ctx *ctx)
{
    struct plan_goal g;
    struct sp_err ignored;

    if (store_goal_get(ctx->store, ctx->arena, ctx->id, &g, &ignored) != SP_OK)
        return 0;
    return enrolment_citizen(ctx, g.enrolment_id);
}

/* The citizen of the employment episode the path names, 0 when there is none. */
static int64_t episode_citizen(struct api_ctx *ctx)
{
    struct episode ep;
    struct sp_err ignored;

    if (store_episode_get(ctx->store, ctx->arena, ctx->id, &ep, &ignored) != SP_OK)
        return 0;
    return enrolment_citizen(ctx, ep.enrolment_id);
}

/* The citizen of the network meeting the path names, 0 when there is none. */
static int64_t network_meeting_citizen(struct api_ctx *ctx)
{
    struct meeting m;
    struct citizen_place place;
    struct sp_err ignored;
    int64_t citizen_id = 0;

    if (store_meeting_get(ctx->store, ctx->arena, ctx->id, &m, &ignored) != SP_OK ||
        m.enrolment_id == 0 ||
        store_enrolment_place(ctx->store, ctx->arena, m.enrolment_id, &citizen_id, &place,
                              &ignored) != SP_OK)
        return 0;
    return citizen_id;
}

/* A signed-in caller whose role may not use a route: the refusal is audited like any other
 * (docs/security-model.md, Audit), against the citizen the path names when it names one. */
static void audit_refused_route(struct api_ctx *ctx, enum sp_code outcome)
{
    struct citizen_place place;
    struct sp_err ignored;
    int64_t citizen_id = 0;

    if (ctx->subject == NULL)
        return;
    if (ctx->id > 0 && strncmp(ctx->route->pattern, "/api/v1/citizens/{id}", 21) == 0)
        citizen_id = ctx->id;
    else if (ctx->id > 0 && strncmp(ctx->route->pattern, "/api/v1/enrolments/{id}", 23) == 0 &&
             store_enrolment_place(ctx->store, ctx->arena, ctx->id, &citizen_id, &place,
                                   &ignored) != SP_OK)
        citizen_id = 0;
    else if (ctx->id > 0 && strncmp(ctx->route->pattern, "/api/v1/tasks/{id}", 18) == 0)
        citizen_id = task_citizen(ctx);
    else if (ctx->id > 0 && strncmp(ctx->route->pattern, "/api/v1/goals/{id}", 18) == 0)
        citizen_id = goal_citizen(ctx);
    else if (ctx->id > 0 && strncmp(ctx->route->pattern, "/api/v1/episodes/{id}", 21) == 0)
        citizen_id = episode_citizen(ctx);
    else if (ctx->id > 0 && strncmp(ctx->route->pattern, "/api/v1/network-meetings/{id}", 29) == 0)
        citizen_id = network_meeting_citizen(ctx);
    api_audit(ctx, citizen_id,
              strcmp(ctx->route->method, "GET") == 0 ? (ctx->id ? "read" : "search") : "write");
    write_events_alone(ctx, outcome);
}

static void drop_reply(struct api_ctx *ctx)
{
    if (ctx->reply != NULL) {
        json_decref(ctx->reply);
        ctx->reply = NULL;
    }
    ctx->reply_raw = NULL;
    ctx->location = NULL;
    ctx->etag_version = 0;
    ctx->set_cookie = NULL;
    ctx->replayed = false;
}

/* One run of a write: claim or replay the key, the handler, the answer and the audit events in
 * one transaction. On any error it is rolled back and the reply dropped. */
static enum sp_code run_write_once(const struct api_route *route, struct api_ctx *ctx,
                                   const char *idem_key, const char *raw_body, size_t raw_len,
                                   struct sp_err *err)
{
    struct idem k;
    bool replayed = false;
    enum sp_code rc = store_begin_write(ctx->store, err);

    if (rc != SP_OK)
        return rc;
    if (idem_key != NULL) {
        idem_init(ctx, idem_key, raw_body ? raw_body : "", raw_len, &k);
        rc = claim_or_replay(ctx, &k, &replayed, err);
    }
    if (rc == SP_OK && !replayed)
        rc = route->handler(ctx, err);
    if (rc == SP_OK && !replayed && idem_key != NULL)
        rc = remember_answer(ctx, &k, err);
    /* A replay's events (its policy question's) are written as a first answer's are. */
    if (rc == SP_OK)
        rc = append_events(ctx, SP_OK, err);
    if (rc == SP_OK)
        rc = store_commit(ctx->store, err);
    if (rc != SP_OK) {
        store_rollback(ctx->store);
        drop_reply(ctx);
    }
    return rc;
}

/* Before rerun n, a pause of up to n × this (uniformly random, so that writers that collided do
 * not collide again in step). */
#define WRITE_RERUN_PAUSE_US 20000

static void pause_before_rerun(int rerun)
{
    uint32_t us = sp_crypto_random_below((uint32_t)rerun * WRITE_RERUN_PAUSE_US);
    struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)us * 1000L};

    nanosleep(&ts, NULL);
}

/* The write in its transaction, run again from the start while storage answers SP_BUSY (a
 * serialization failure, a deadlock, a lock not given up): each rerun starts from the context the
 * request came with — no reply, audit event, Location or ETag of a lost run is kept, and a lost
 * run wrote nothing. After the last, SP_BUSY is answered 503 with Retry-After. */
static enum sp_code run_write(const struct api_route *route, struct api_ctx *ctx,
                              const char *idem_key, const char *raw_body, size_t raw_len,
                              struct sp_err *err)
{
    const struct api_ctx start = *ctx;
    enum sp_code rc = run_write_once(route, ctx, idem_key, raw_body, raw_len, err);

    for (int rerun = 1; rc == SP_BUSY && rerun <= API_WRITE_RERUNS; rerun++) {
        sp_log(SP_LOG_WARN, "write on %s lost to a busy database, run again (%d of %d)",
               route->pattern, rerun, API_WRITE_RERUNS);
        *ctx = start;
        pause_before_rerun(rerun);
        rc = run_write_once(route, ctx, idem_key, raw_body, raw_len, err);
    }
    if (rc == SP_BUSY)
        ctx->retry_after_s = API_BUSY_RETRY_AFTER_S;
    if (rc != SP_OK && write_events_alone(ctx, rc) != SP_OK)
        return sp_err_set(err, SP_UNAVAILABLE, "", "The audit log cannot be written.");
    return rc;
}

enum sp_code api_dispatch(const struct api_route *route, struct api_ctx *ctx, const char *idem_key,
                          const char *raw_body, size_t raw_len, struct sp_err *err)
{
    enum sp_code rc;

    ctx->route = route;
    rc = policy_route_allowed(ctx->subject, route->method, route->pattern, err);
    if (rc != SP_OK) {
        audit_refused_route(ctx, rc);
        return rc;
    }
    if (route->flags & API_WRITE) {
        end_snapshot(ctx);
        return run_write(route, ctx, (route->flags & API_IDEMPOTENT) ? idem_key : NULL, raw_body,
                         raw_len, err);
    }
    /* One snapshot for the whole read, opened by authentication: the session, the policy's facts
     * and the answer agree. Public routes run without one. */
    rc = route->handler(ctx, err);
    end_snapshot(ctx);
    /* A read of a citizen leaves no answer behind without its audit event. */
    if (write_events_alone(ctx, rc) != SP_OK) {
        drop_reply(ctx);
        return sp_err_set(err, SP_UNAVAILABLE, "", "The audit log cannot be written.");
    }
    if (rc != SP_OK)
        drop_reply(ctx);
    return rc;
}
