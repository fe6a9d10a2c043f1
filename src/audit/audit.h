/* The hash-chained audit log (docs/security-model.md "Audit"). Every writing process (a server,
 * a command) appends to a chain of its own, started when it starts; each event's hash is
 * BLAKE2b-256 over the previous link's hash and the event's canonical bytes (its chain and place
 * in it included), keyed with the audit key of the key file, so an edited, deleted or inserted
 * row breaks its chain at that row and someone with only the database cannot forge a link.
 * Checkpoints, a hash chain of their own written every few minutes, name every chain's head, so
 * that cutting a chain's newest events is seen too (after RFC 9162's signed tree heads). */
#ifndef SP_AUDIT_AUDIT_H
#define SP_AUDIT_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/mem.h"
#include "core/model.h"
#include "store/store.h"

/* The prev_hash of a chain's first event and of the first checkpoint. */
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* When a server seals its chain with a checkpoint: after this many events of its own, or this
 * many seconds after the last checkpoint when it has appended since, and when it stops. */
#define AUDIT_CHECKPOINT_EVENTS 10000
#define AUDIT_CHECKPOINT_SECONDS 60

/* Start a chain for the writer st is (a command, or one connection of a server) outside a
 * transaction: a new audit_chain row labelled "<what> <host>/<pid>", and a checkpoint naming it
 * (and every other chain's head not yet named), in one transaction of its own. st appends to the
 * chain from now on, and is its only writer. */
enum sp_code audit_chain_start(struct store *st, const struct sp_keys *keys, const char *what,
                               int64_t *chain_id, struct sp_err *err);

/* Append e (chain_id, chain_seq, prev_hash, hash and seq are set here) to st's chain; st must be
 * inside a write transaction: the event commits with the data it describes, or alone. */
enum sp_code audit_append(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                          struct audit_event *e, struct sp_err *err);

/* Append events[0..count-1] in that order, taking their links at once (a caseload lists dozens
 * of citizens, each an event). Same contract as audit_append. */
enum sp_code audit_append_all(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                              struct audit_event *events, size_t count, struct sp_err *err);

/* Events appended by this process (committed or not), for the checkpoint schedule. */
int64_t audit_appended(void);

/* Write a checkpoint on st, outside a transaction (it takes one of its own): the heads of the
 * chains that moved since a checkpoint last named them, written by st's chain. *id gets its id
 * and hash its hash (0 and "" when no chain had moved: nothing to seal). Writers of checkpoints
 * in several processes take their turns (store_audit_checkpoint_reserve). */
enum sp_code audit_checkpoint(struct store *st, const struct sp_keys *keys, int64_t *id,
                              char hash[65], struct sp_err *err);

/* The hash of an event from its fields and prev_hash, as 64 hex characters, in the canonical
 * format hash_version (each field as "<length>:<bytes>\n", so no field can run into the next):
 *   1  "samspor-audit-v1", prev_hash, chain_seq (the seq of the one chain there was), time,
 *      user_id, username, role, citizen_id, action, route, purpose, outcome
 *   2  "samspor-audit-v2", prev_hash, chain_id, chain_seq, then the same fields as 1 */
void audit_hash(const struct sp_keys *keys, const struct audit_event *e, int hash_version,
                char hex[65]);

/* The hash of a checkpoint: "samspor-audit-checkpoint-v1", prev_hash, id, time, chain_id, the
 * number of heads, then each head's chain_id, chain_seq and hash (by chain id). */
void audit_checkpoint_hash(const struct sp_keys *keys, const struct audit_checkpoint *c,
                           char hex[65]);

/* What verification found about one chain. */
struct audit_chain_report {
    struct audit_chain chain; /* its row */
    int64_t events;           /* its events read */
    int64_t last_seq;         /* chain_seq of its newest event (0: none) */
    int64_t sealed_seq;       /* the newest link a checkpoint names (events after it: the window) */
    int64_t sealed_by;        /* that checkpoint (0: no checkpoint names the chain) */
    int64_t broken_seq;       /* the first link that does not follow (0: none) */
    size_t problems;          /* problems found that name the chain */
};

/* One thing found wrong, naming what it is about. */
struct audit_problem {
    int64_t chain_id;      /* 0: about a checkpoint alone */
    int64_t chain_seq;     /* the link (0: none) */
    int64_t seq;           /* the event's seq (0: no such event, e.g. it was cut) */
    int64_t checkpoint_id; /* the checkpoint that tells (0: none) */
    const char *reason;    /* a plain sentence */
};

struct audit_report {
    int64_t events;
    int64_t checkpoints;
    size_t chain_count;
    struct audit_chain_report *chains; /* by chain id */
    size_t problem_count;
    struct audit_problem *problems;
    int64_t last_checkpoint; /* 0: none */
    const char *last_checkpoint_hash;
};

/* Check the whole log in one read snapshot (st outside a transaction): every chain (links
 * contiguous from 1, each naming the previous hash, each hash matching its content, its row's
 * head its newest event), every checkpoint (its own chain and hashes, the checkpoints' head row
 * naming the newest, and each head a checkpoint names still reached by its chain with that
 * hash). SP_OK with out->problem_count 0 when intact; the report lives in arena. */
enum sp_code audit_verify(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                          struct audit_report *out, struct sp_err *err);

#endif
