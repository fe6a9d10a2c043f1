-- Idempotency-Key, scoped and sealed (docs/api-contract.md "Conventions", docs/security-model.md
-- "Idempotency-Key"). PostgreSQL's DDL for ../sqlite/0008_idempotency_scope.sql, which says why.
-- The old rows held answers in plaintext and are dropped with their table; SQLite's PRAGMA
-- secure_delete has no PostgreSQL counterpart and no need of one: DROP TABLE removes the table's
-- files rather than leaving freed pages inside a shared database file.
DROP TABLE idempotency;

CREATE TABLE idempotency (
    key_hash     TEXT PRIMARY KEY, -- keyed BLAKE2b of the user id and the client's key
    request_hash TEXT NOT NULL,    -- keyed BLAKE2b of method, concrete path and body
    status       BIGINT NOT NULL,
    location     TEXT,             -- a URL the server made (/api/v1/citizens/12), or NULL
    etag_version BIGINT,
    citizen_id   BIGINT,           -- the citizen the answer is about (the replay's audit event)
    body_enc     TEXT NOT NULL,    -- the answer, sealed with the identifier key (secretbox)
    created_s    BIGINT NOT NULL   -- Unix seconds
);
CREATE INDEX idempotency_created ON idempotency (created_s);
