-- Idempotency-Key, scoped and sealed (docs/api-contract.md "Conventions", docs/security-model.md
-- "Idempotency-Key"). A key now belongs to one user, whatever the route; the request hash covers
-- the method, the concrete path and the body, so the same key on another enrolment is refused
-- rather than answered for the first one. Neither the client's key nor the answer is stored in
-- plaintext: the answer of POST /api/v1/citizens holds the identifier. Rows older than 24 hours
-- are never replayed and are deleted as new ones are stored.
--
-- The old rows held answers in plaintext and are dropped (a retry within the upgrade window is
-- answered as a new request: 409 for a citizen already registered). secure_delete overwrites the
-- freed pages, so their text does not linger in the file (sqlite.org/pragma.html#pragma_secure_delete).
PRAGMA secure_delete = ON;
DELETE FROM idempotency;
DROP TABLE idempotency;

CREATE TABLE idempotency (
    key_hash     TEXT PRIMARY KEY, -- keyed BLAKE2b of the user id and the client's key
    request_hash TEXT NOT NULL,    -- keyed BLAKE2b of method, concrete path and body
    status       INTEGER NOT NULL,
    location     TEXT,             -- a URL the server made (/api/v1/citizens/12), or NULL
    etag_version INTEGER,
    citizen_id   INTEGER,          -- the citizen the answer is about (the replay's audit event)
    body_enc     TEXT NOT NULL,    -- the answer, sealed with the identifier key (secretbox)
    created_s    INTEGER NOT NULL  -- Unix seconds
);
CREATE INDEX idempotency_created ON idempotency (created_s);
