-- The audit log on many writers (issue 10; docs/security-model.md "Audit"): one hash chain per
-- writing process instead of one for the whole database, and checkpoints that seal every chain's
-- head. A writer appends to its own chain only, so writers of different processes never wait for
-- each other, and the order of events within a chain is proven by its links.

-- A chain: one per server process or writing command, started when it starts. label says which
-- writer it was ("serve host/pid"): never personal data. head_seq and head_hash are the newest
-- event's chain_seq and hash (0 and the genesis hash before the first): appending takes the next
-- link by moving the head, which locks this row only. hash_version is the canonical format of
-- its events' hashes: 1 for the events written before this migration, 2 from now on (src/audit/).
CREATE TABLE audit_chain (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    label        TEXT NOT NULL,
    hash_version INTEGER NOT NULL CHECK (hash_version IN (1, 2)),
    head_seq     INTEGER NOT NULL,
    head_hash    TEXT NOT NULL
);

-- The events written so far were one chain: they become chain 1, each at chain_seq = seq, with
-- the hashes they have (format 1). A database without events gets no such chain.
INSERT INTO audit_chain (started_at, label, hash_version, head_seq, head_hash)
SELECT first_time, 'events before migration 0011', 1, last_seq,
       (SELECT hash FROM audit_event WHERE seq = last_seq)
  FROM (SELECT MIN(time) AS first_time, MAX(seq) AS last_seq, COUNT(*) AS n FROM audit_event) AS a
 WHERE n > 0;

-- seq stays the global order events are read in (the access log's cursor); it is given by the
-- database and is no part of any hash. (chain_id, chain_seq) is the event's place in its chain.
-- SQLite cannot add a NOT NULL column with a reference, so the table is made again.
CREATE TABLE audit_event_chained (
    seq        INTEGER PRIMARY KEY,
    time       TEXT NOT NULL,
    user_id    INTEGER,
    username   TEXT,
    role       TEXT,
    citizen_id INTEGER,
    action     TEXT NOT NULL,
    route      TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    chain_id   INTEGER NOT NULL REFERENCES audit_chain (id),
    chain_seq  INTEGER NOT NULL,
    UNIQUE (chain_id, chain_seq)
);
INSERT INTO audit_event_chained (seq, time, user_id, username, role, citizen_id, action, route,
                                 purpose, outcome, prev_hash, hash, chain_id, chain_seq)
SELECT seq, time, user_id, username, role, citizen_id, action, route, purpose, outcome,
       prev_hash, hash, (SELECT MIN(id) FROM audit_chain), seq
  FROM audit_event;
DROP TABLE audit_event;
ALTER TABLE audit_event_chained RENAME TO audit_event;
CREATE INDEX audit_event_citizen ON audit_event (citizen_id, seq);

-- A checkpoint seals the heads of the chains that moved since a checkpoint last named them
-- (together, the checkpoints name every chain's head as it was), so that cutting a chain's newest
-- events is seen: a checkpoint names an event the chain no longer reaches. Checkpoints are a hash
-- chain of their own: id is 1, 2, … (taken from audit_checkpoint_last), prev_hash the previous
-- checkpoint's hash; chain_id is the chain of the process that wrote it.
CREATE TABLE audit_checkpoint (
    id        INTEGER PRIMARY KEY,
    time      TEXT NOT NULL,
    chain_id  INTEGER NOT NULL REFERENCES audit_chain (id),
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The heads a checkpoint names: chain chain_id reached chain_seq, whose event has this hash
-- (chain_seq 0: the chain had just started, hash the genesis hash).
CREATE TABLE audit_checkpoint_head (
    checkpoint_id INTEGER NOT NULL REFERENCES audit_checkpoint (id),
    chain_id      INTEGER NOT NULL REFERENCES audit_chain (id),
    chain_seq     INTEGER NOT NULL,
    hash          TEXT NOT NULL,
    PRIMARY KEY (checkpoint_id, chain_id)
);
-- The highest head named for each chain: which chains moved since (a checkpoint's query).
CREATE INDEX audit_checkpoint_head_chain ON audit_checkpoint_head (chain_id, chain_seq);

-- The checkpoints' head, as a chain's row is the chain's: the newest checkpoint's id and hash (its
-- one row, id 1, is made by the first checkpoint). A writer takes the next id by moving it on,
-- which holds this one row until it commits, so checkpoint writers (a few a minute, never a
-- user's request) queue here and never fork.
CREATE TABLE audit_checkpoint_last (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    checkpoint_id INTEGER NOT NULL,
    hash          TEXT NOT NULL
);
