#include "audit/audit.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/crypto.h"

/* ---- Canonical bytes and hashes ------------------------------------------------------------ */

/* The bytes a hash is made over, grown as fields are added (no field is ever cut off). */
struct canon {
    char *buf;
    size_t used;
    size_t cap;
};

static void put_field(struct canon *c, const char *value)
{
    const char *v = value ? value : "";
    size_t len = strlen(v);
    char prefix[24];
    int n = snprintf(prefix, sizeof prefix, "%zu:", len);
    size_t need = c->used + (size_t)n + len + 1;

    if (need > c->cap) {
        c->cap = need > 2 * c->cap ? need : 2 * c->cap;
        c->buf = sp_xrealloc(c->buf, c->cap);
    }
    memcpy(c->buf + c->used, prefix, (size_t)n);
    memcpy(c->buf + c->used + (size_t)n, v, len);
    c->buf[need - 1] = '\n';
    c->used = need;
}

static void put_int(struct canon *c, int64_t value)
{
    char text[24];

    snprintf(text, sizeof text, "%" PRId64, value);
    put_field(c, text);
}

static void canon_hash(const struct sp_keys *keys, struct canon *c, char hex[65])
{
    sp_crypto_audit_hash(keys, c->buf, c->used, hex);
    free(c->buf);
}

void audit_hash(const struct sp_keys *keys, const struct audit_event *e, int hash_version,
                char hex[65])
{
    struct canon c = {0};

    put_field(&c, hash_version == 1 ? "samspor-audit-v1" : "samspor-audit-v2");
    put_field(&c, e->prev_hash);
    if (hash_version != 1)
        put_int(&c, e->chain_id);
    put_int(&c, e->chain_seq);
    put_field(&c, e->time);
    put_int(&c, e->user_id);
    put_field(&c, e->username);
    put_field(&c, e->role);
    put_int(&c, e->citizen_id);
    put_field(&c, e->action);
    put_field(&c, e->route);
    put_field(&c, e->purpose);
    put_field(&c, e->outcome);
    canon_hash(keys, &c, hex);
}

void audit_checkpoint_hash(const struct sp_keys *keys, const struct audit_checkpoint *cp,
                           char hex[65])
{
    struct canon c = {0};

    put_field(&c, "samspor-audit-checkpoint-v1");
    put_field(&c, cp->prev_hash);
    put_int(&c, cp->id);
    put_field(&c, cp->time);
    put_int(&c, cp->chain_id);
    put_int(&c, (int64_t)cp->head_count);
    for (size_t i = 0; i < cp->head_count; i++) {
        put_int(&c, cp->heads[i].chain_id);
        put_int(&c, cp->heads[i].chain_seq);
        put_field(&c, cp->heads[i].hash);
    }
    canon_hash(keys, &c, hex);
}

/* ---- Appending ----------------------------------------------------------------------------- */

static _Atomic int64_t appended;

int64_t audit_appended(void)
{
    return atomic_load(&appended);
}

enum sp_code audit_append_all(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                              struct audit_event *events, size_t count, struct sp_err *err)
{
    int64_t first = 0;
    const char *prev = NULL;
    int version = 2;
    enum sp_code rc;

    if (count == 0)
        return SP_OK;
    rc = store_audit_next(st, arena, &first, &prev, &version, err);
    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        struct audit_event *e = &events[i];
        char hash[65];

        e->chain_id = store_audit_chain(st);
        e->chain_seq = first + (int64_t)i;
        e->prev_hash = prev;
        audit_hash(keys, e, version, hash);
        e->hash = sp_arena_strndup(arena, hash, 64);
        prev = e->hash;
    }
    if (rc == SP_OK)
        rc = store_audit_insert(st, events, count, err);
    if (rc == SP_OK)
        atomic_fetch_add(&appended, (int64_t)count);
    return rc;
}

enum sp_code audit_append(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                          struct audit_event *e, struct sp_err *err)
{
    return audit_append_all(st, keys, arena, e, 1, err);
}

/* ---- Chains and checkpoints ---------------------------------------------------------------- */

/* Inside a write transaction: the next checkpoint, over the heads no checkpoint names yet. Its
 * id comes from moving the checkpoints' head on, so writers of checkpoints in several processes
 * queue on that row and the checkpoints never fork. *id is 0 when nothing moved: the caller
 * rolls back, giving the id back. */
static enum sp_code write_checkpoint(struct store *st, const struct sp_keys *keys,
                                     struct sp_arena *arena, const char *now, int64_t *id,
                                     char hash[65], struct sp_err *err)
{
    struct audit_checkpoint c = {.time = now, .chain_id = store_audit_chain(st)};
    enum sp_code rc =
        store_audit_checkpoint_reserve(st, arena, AUDIT_GENESIS, &c.id, &c.prev_hash, err);

    *id = 0;
    hash[0] = '\0';
    if (rc == SP_OK)
        rc = store_audit_unsealed(st, arena, &c.heads, &c.head_count, err);
    if (rc != SP_OK || c.head_count == 0)
        return rc;
    audit_checkpoint_hash(keys, &c, hash);
    c.hash = hash;
    rc = store_audit_checkpoint_insert(st, &c, err);
    if (rc == SP_OK)
        *id = c.id;
    return rc;
}

/* A chain start (chain_label non-NULL) or a checkpoint, in a transaction of its own. */
static enum sp_code seal(struct store *st, const struct sp_keys *keys, const char *chain_label,
                         int64_t *chain_id, int64_t *id, char hash[65], struct sp_err *err)
{
    struct sp_arena *arena = sp_arena_new();
    char now[32];
    enum sp_code rc = store_begin_write(st, err);

    sp_clock_now_iso(now);
    if (rc == SP_OK && chain_label != NULL)
        rc = store_audit_chain_create(st, chain_label, AUDIT_GENESIS, now, chain_id, err);
    if (rc == SP_OK)
        rc = write_checkpoint(st, keys, arena, now, id, hash, err);
    if (rc == SP_OK && *id != 0)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    sp_arena_free(arena);
    return rc;
}

enum sp_code audit_checkpoint(struct store *st, const struct sp_keys *keys, int64_t *id,
                              char hash[65], struct sp_err *err)
{
    return seal(st, keys, NULL, NULL, id, hash, err);
}

enum sp_code audit_chain_start(struct store *st, const struct sp_keys *keys, const char *what,
                               int64_t *chain_id, struct sp_err *err)
{
    char host[65] = "";
    char label[160];
    char hash[65];
    int64_t id = 0;
    enum sp_code rc;

    if (gethostname(host, sizeof host - 1) != 0)
        snprintf(host, sizeof host, "unknown-host");
    snprintf(label, sizeof label, "%s %s/%ld", what, host, (long)getpid());
    rc = seal(st, keys, label, chain_id, &id, hash, err);
    /* A failed start leaves no chain behind (the transaction rolled back): append to none. */
    store_audit_use_chain(st, rc == SP_OK ? *chain_id : 0);
    return rc;
}

/* ---- Verification -------------------------------------------------------------------------- */

#define VERIFY_PAGE 1000

struct verify {
    struct store *st;
    const struct sp_keys *keys;
    struct sp_arena *arena;
    struct audit_report *out;
    size_t problem_cap;
    char (*last_hash)[65];   /* per chain: its newest event's hash */
    char (*sealed_hash)[65]; /* per chain: the hash the newest link a checkpoint names has */
};

static int compare_chain(const void *key, const void *item)
{
    int64_t id = *(const int64_t *)key;
    int64_t other = ((const struct audit_chain_report *)item)->chain.id;

    return id < other ? -1 : id > other;
}

static struct audit_chain_report *find_chain(struct verify *v, int64_t id)
{
    return bsearch(&id, v->out->chains, v->out->chain_count, sizeof *v->out->chains, compare_chain);
}

static void problem(struct verify *v, int64_t chain_id, int64_t chain_seq, int64_t seq,
                    int64_t checkpoint_id, const char *reason)
{
    struct audit_problem p = {chain_id, chain_seq, seq, checkpoint_id, reason};
    struct audit_chain_report *r = chain_id != 0 ? find_chain(v, chain_id) : NULL;

    if (r != NULL)
        r->problems++;
    v->out->problems = sp_arena_append(v->arena, v->out->problems, &v->out->problem_count,
                                       &v->problem_cap, &p, 1, sizeof p);
}

static size_t chain_index(struct verify *v, const struct audit_chain_report *r)
{
    return (size_t)(r - v->out->chains);
}

/* Every chain's row, by id, with room for what the walk finds. */
static enum sp_code load_chains(struct verify *v, struct sp_err *err)
{
    size_t cap = 0;
    int64_t after = 0;
    enum sp_code rc = SP_OK;

    for (size_t count = VERIFY_PAGE; rc == SP_OK && count == VERIFY_PAGE;) {
        struct audit_chain *rows = NULL;

        rc = store_audit_chain_list(v->st, v->arena, after, VERIFY_PAGE, &rows, &count, err);
        for (size_t i = 0; rc == SP_OK && i < count; i++) {
            struct audit_chain_report r = {.chain = rows[i]};

            v->out->chains = sp_arena_append(v->arena, v->out->chains, &v->out->chain_count, &cap,
                                             &r, 1, sizeof r);
            after = rows[i].id;
        }
    }
    v->last_hash = sp_arena_alloc(v->arena, sizeof *v->last_hash * (v->out->chain_count + 1));
    v->sealed_hash = sp_arena_alloc(v->arena, sizeof *v->sealed_hash * (v->out->chain_count + 1));
    for (size_t i = 0; i < v->out->chain_count; i++)
        snprintf(v->last_hash[i], sizeof v->last_hash[i], "%s", AUDIT_GENESIS);
    return rc;
}

/* The heads a trusted checkpoint names: each chain's newest named link is remembered. */
static void seal_heads(struct verify *v, const struct audit_checkpoint *c)
{
    for (size_t i = 0; i < c->head_count; i++) {
        const struct audit_head *h = &c->heads[i];
        struct audit_chain_report *r = find_chain(v, h->chain_id);
        size_t k;

        if (r == NULL) {
            problem(v, h->chain_id, h->chain_seq, 0, c->id,
                    "the checkpoint names this chain, which has no row any more (it was "
                    "deleted)");
            continue;
        }
        k = chain_index(v, r);
        if (r->sealed_by != 0 && h->chain_seq == r->sealed_seq &&
            strcmp(h->hash, v->sealed_hash[k]) != 0)
            problem(v, h->chain_id, h->chain_seq, 0, c->id,
                    "the checkpoint names this link with another hash than an earlier one did");
        if (r->sealed_by == 0 || h->chain_seq > r->sealed_seq) {
            r->sealed_seq = h->chain_seq;
            r->sealed_by = c->id;
            snprintf(v->sealed_hash[k], sizeof v->sealed_hash[k], "%s", h->hash);
        }
    }
}

/* The checkpoints' own chain; the heads of each checkpoint whose hash holds are remembered. */
static enum sp_code walk_checkpoints(struct verify *v, struct sp_err *err)
{
    char prev[65];
    int64_t after = 0;
    enum sp_code rc = SP_OK;

    snprintf(prev, sizeof prev, "%s", AUDIT_GENESIS);
    for (size_t count = VERIFY_PAGE; rc == SP_OK && count == VERIFY_PAGE;) {
        struct sp_arena *page = sp_arena_new();
        struct audit_checkpoint *items = NULL;

        rc = store_audit_checkpoint_scan(v->st, page, after, VERIFY_PAGE, &items, &count, err);
        for (size_t i = 0; rc == SP_OK && i < count; i++) {
            const struct audit_checkpoint *c = &items[i];
            char hash[65];
            const char *reason = NULL;

            v->out->checkpoints++;
            audit_checkpoint_hash(v->keys, c, hash);
            if (c->id != after + 1)
                reason = "the checkpoint before it is missing (it was deleted)";
            else if (strcmp(c->prev_hash, prev) != 0)
                reason = "it does not name the previous checkpoint's hash (one before it was "
                         "deleted, inserted or changed)";
            else if (strcmp(c->hash, hash) != 0)
                reason = "its content does not match its hash (it was changed or forged)";
            if (reason != NULL)
                problem(v, 0, 0, 0, c->id, reason);
            /* Only a hash made with the key vouches for the heads. */
            if (strcmp(c->hash, hash) == 0)
                seal_heads(v, c);
            after = c->id;
            snprintf(prev, sizeof prev, "%s", c->hash);
        }
        if (count > 0) {
            v->out->last_checkpoint = after;
            v->out->last_checkpoint_hash = sp_arena_strndup(v->arena, prev, strlen(prev));
        }
        sp_arena_free(page);
    }
    return rc;
}

/* One event, against the chain it names: the link it must be, the hash it must follow, the hash
 * its content makes, and the hash a checkpoint named for it. */
static void check_link(struct verify *v, struct audit_chain_report *r, const struct audit_event *e)
{
    size_t k = chain_index(v, r);
    const char *reason = NULL;
    char hash[65];

    r->events++;
    if (r->sealed_by != 0 && e->chain_seq == r->sealed_seq &&
        strcmp(e->hash, v->sealed_hash[k]) != 0)
        problem(v, r->chain.id, e->chain_seq, e->seq, r->sealed_by,
                "a checkpoint named this link with another hash (the event was replaced)");
    if (r->broken_seq == 0) {
        audit_hash(v->keys, e, r->chain.hash_version, hash);
        if (e->chain_seq != r->last_seq + 1)
            reason = "the link before it is missing (an event was deleted)";
        else if (strcmp(e->prev_hash, v->last_hash[k]) != 0)
            reason = "it does not name the previous event's hash (an event before it was deleted, "
                     "inserted or changed)";
        else if (strcmp(e->hash, hash) != 0)
            reason = "its content does not match its hash (it was changed)";
        if (reason != NULL) {
            r->broken_seq = e->chain_seq;
            problem(v, r->chain.id, e->chain_seq, e->seq, 0, reason);
        }
    }
    r->last_seq = e->chain_seq;
    snprintf(v->last_hash[k], sizeof v->last_hash[k], "%s", e->hash);
}

/* Every event in chain order. */
static enum sp_code walk_events(struct verify *v, struct sp_err *err)
{
    int64_t after_chain = 0;
    int64_t after_seq = 0;
    int64_t orphan = 0; /* the last chain id seen without a row */
    struct audit_chain_report *r = NULL;
    enum sp_code rc = SP_OK;

    for (size_t count = VERIFY_PAGE; rc == SP_OK && count == VERIFY_PAGE;) {
        struct sp_arena *page = sp_arena_new();
        struct audit_event *items = NULL;

        rc =
            store_audit_scan(v->st, page, after_chain, after_seq, VERIFY_PAGE, &items, &count, err);
        for (size_t i = 0; rc == SP_OK && i < count; i++) {
            const struct audit_event *e = &items[i];

            v->out->events++;
            after_chain = e->chain_id;
            after_seq = e->chain_seq;
            if (r == NULL || r->chain.id != e->chain_id)
                r = find_chain(v, e->chain_id);
            if (r != NULL)
                check_link(v, r, e);
            else if (orphan != e->chain_id)
                problem(v, e->chain_id, e->chain_seq, e->seq, 0,
                        "its chain has no row (the chain's row was deleted)");
            orphan = r == NULL ? e->chain_id : orphan;
        }
        sp_arena_free(page);
    }
    return rc;
}

/* The checkpoints' head row names the newest checkpoint, as a chain's row names its head. */
static enum sp_code check_last_checkpoint(struct verify *v, struct sp_err *err)
{
    int64_t id = 0;
    const char *hash = NULL;
    const char *seen = v->out->last_checkpoint_hash ? v->out->last_checkpoint_hash : AUDIT_GENESIS;
    enum sp_code rc = store_audit_checkpoint_last(v->st, v->arena, &id, &hash, err);

    if (rc != SP_OK)
        return rc;
    hash = hash ? hash : AUDIT_GENESIS;
    if (id > v->out->last_checkpoint)
        problem(v, 0, 0, 0, id,
                "the checkpoints' head names this checkpoint, which is gone (the newest "
                "checkpoints were cut)");
    else if (id < v->out->last_checkpoint)
        problem(v, 0, 0, 0, v->out->last_checkpoint,
                "the checkpoints go on past the one their head names (checkpoints were added by "
                "hand)");
    else if (strcmp(hash, seen) != 0)
        problem(v, 0, 0, 0, id,
                "the checkpoints' head names another hash for this checkpoint (the head or the "
                "checkpoint was changed)");
    return SP_OK;
}

/* The end of each chain: it must reach the newest link a checkpoint names, and be where its
 * row's head says it is. */
static void check_ends(struct verify *v)
{
    for (size_t k = 0; k < v->out->chain_count; k++) {
        struct audit_chain_report *r = &v->out->chains[k];

        if (r->sealed_by != 0 && r->last_seq < r->sealed_seq)
            problem(v, r->chain.id, r->sealed_seq, 0, r->sealed_by,
                    "a checkpoint names this link, which the chain no longer reaches (its "
                    "newest events were cut)");
        else if (r->chain.head_seq > r->last_seq)
            problem(v, r->chain.id, r->chain.head_seq, 0, 0,
                    "the chain's row names this link as its head, which the chain no longer "
                    "reaches (its newest events were cut)");
        else if (r->chain.head_seq < r->last_seq)
            problem(v, r->chain.id, r->last_seq, 0, 0,
                    "the chain goes on past the head its row names (events were added by "
                    "hand)");
        else if (strcmp(r->chain.head_hash, v->last_hash[k]) != 0)
            problem(v, r->chain.id, r->last_seq, 0, 0,
                    "the chain's row names another hash for its head (the row or the event was "
                    "changed)");
    }
}

enum sp_code audit_verify(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                          struct audit_report *out, struct sp_err *err)
{
    struct verify v = {.st = st, .keys = keys, .arena = arena, .out = out};
    enum sp_code rc;

    memset(out, 0, sizeof *out);
    rc = store_begin_read(st, err);
    if (rc == SP_OK)
        rc = load_chains(&v, err);
    if (rc == SP_OK)
        rc = walk_checkpoints(&v, err);
    if (rc == SP_OK)
        rc = check_last_checkpoint(&v, err);
    if (rc == SP_OK)
        rc = walk_events(&v, err);
    if (rc == SP_OK)
        check_ends(&v);
    if (rc == SP_OK)
        rc = store_commit(st, err);
    if (rc != SP_OK)
        store_rollback(st);
    return rc;
}
