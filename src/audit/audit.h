/* The hash-chained audit log (docs/security-model.md). Each event's hash is BLAKE2b-256 over the
 * previous event's hash and this event's canonical bytes, keyed with the audit key of the key
 * file, so an edited, deleted or inserted row breaks the chain at that row and someone with
 * only the database file cannot forge a new chain. */
#ifndef SP_AUDIT_AUDIT_H
#define SP_AUDIT_AUDIT_H

#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/mem.h"
#include "core/model.h"
#include "store/store.h"

/* The prev_hash of the first event. */
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Append e (seq, prev_hash and hash are set here) on st, which must be inside a write
 * transaction: the event commits with the data it describes, or alone. */
enum sp_code audit_append(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                          struct audit_event *e, struct sp_err *err);

/* Append events[0..count-1] in that order, reading the chain's head once (a caseload lists
 * dozens of citizens, each an event). Same contract as audit_append. */
enum sp_code audit_append_all(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                              struct audit_event *events, size_t count, struct sp_err *err);

/* The hash of an event from its fields and prev_hash, as 64 hex characters (the canonical bytes
 * are each field as "<length>:<bytes>\n", so no field can run into the next). */
void audit_hash(const struct sp_keys *keys, const struct audit_event *e, char hex[65]);

/* Walk the whole chain. SP_OK with *broken_seq = 0 when intact; else *broken_seq names the
 * first event that does not follow (edited, or after a deleted or inserted row) and reason a
 * plain sentence. *checked counts the events read. */
enum sp_code audit_verify(struct store *st, const struct sp_keys *keys, int64_t *checked,
                          int64_t *broken_seq, const char **reason, struct sp_err *err);

#endif
