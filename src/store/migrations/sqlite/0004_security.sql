-- The security model (docs/security-model.md): sessions, API tokens, login throttling,
-- consents with their history, the hash-chained audit log, and identifiers encrypted at rest.

CREATE TABLE session (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,   -- BLAKE2b of the cookie's token; the token is never stored
    user_id     INTEGER NOT NULL REFERENCES app_user (id),
    csrf_token  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,       -- Unix seconds
    last_seen   INTEGER NOT NULL,
    ended       INTEGER NOT NULL DEFAULT 0 CHECK (ended IN (0, 1))
);
CREATE INDEX session_user ON session (user_id);

CREATE TABLE api_token (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL REFERENCES app_user (id),
    label       TEXT NOT NULL,
    scope       TEXT NOT NULL CHECK (scope IN ('read', 'read,write')),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,                -- NULL: no expiry
    revoked_at  INTEGER
);

CREATE TABLE login_throttle (
    username     TEXT PRIMARY KEY,      -- as typed (lower-cased), whether or not the user exists
    failures     INTEGER NOT NULL,
    locked_until INTEGER NOT NULL
);

CREATE TABLE consent (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    scope        TEXT NOT NULL CHECK (scope IN ('health_summary_to_municipality',
                                                'employment_to_health', 'research_use')),
    given        INTEGER NOT NULL CHECK (given IN (0, 1)),
    date         TEXT NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES app_user (id),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX consent_enrolment ON consent (enrolment_id, scope, id);

-- Append-only; each row's hash covers the previous row's hash and this row's canonical bytes.
CREATE TABLE audit_event (
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
    hash       TEXT NOT NULL
);
CREATE INDEX audit_event_citizen ON audit_event (citizen_id, seq);
