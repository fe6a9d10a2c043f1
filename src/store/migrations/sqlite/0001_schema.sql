-- Samspor schema, version 1. Written in the common subset of SQLite and PostgreSQL:
-- integer ids without AUTOINCREMENT, ISO-8601 text for dates and times, booleans as 0/1.

CREATE TABLE organisation (
    code        TEXT PRIMARY KEY,          -- 4-digit region code (1081) or 3-digit municipality code (657)
    kind        TEXT NOT NULL CHECK (kind IN ('region', 'municipality')),
    name        TEXT NOT NULL,
    region_code TEXT REFERENCES organisation (code), -- for municipalities; NULL for regions
    valid_from  TEXT NOT NULL,             -- YYYY-MM-DD
    valid_to    TEXT                       -- YYYY-MM-DD exclusive; NULL while in force
);

CREATE TABLE organisation_alias (
    code  TEXT NOT NULL REFERENCES organisation (code),
    alias TEXT NOT NULL,
    PRIMARY KEY (code, alias)
);

-- Target groups change with the employment reforms (docs/sources.md [S20]-[S27]): dated rows, not enums.
CREATE TABLE target_group (
    code       TEXT PRIMARY KEY,
    name_da    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    legal_ref  TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to   TEXT
);

CREATE TABLE project (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL,
    region_code      TEXT REFERENCES organisation (code),
    period_start     TEXT NOT NULL,
    period_end       TEXT NOT NULL,
    target_count     INTEGER NOT NULL,
    age_min          INTEGER NOT NULL,
    age_max          INTEGER NOT NULL,
    instruments      TEXT NOT NULL,      -- comma-separated instrument ids, e.g. 'phq9,gad7'
    followup_months  TEXT NOT NULL,      -- comma-separated months after enrolment, e.g. '3,6,12'
    randomised       INTEGER NOT NULL DEFAULT 0 CHECK (randomised IN (0, 1)),
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL
);

CREATE TABLE project_municipality (
    project_id        INTEGER NOT NULL REFERENCES project (id),
    municipality_code TEXT NOT NULL REFERENCES organisation (code),
    position          INTEGER NOT NULL,      -- the order the project lists them in
    PRIMARY KEY (project_id, municipality_code)
);

CREATE TABLE project_target_group (
    project_id        INTEGER NOT NULL REFERENCES project (id),
    target_group_code TEXT NOT NULL REFERENCES target_group (code),
    position          INTEGER NOT NULL,
    PRIMARY KEY (project_id, target_group_code)
);

CREATE TABLE team (
    id                INTEGER PRIMARY KEY,
    project_id        INTEGER NOT NULL REFERENCES project (id),
    municipality_code TEXT NOT NULL REFERENCES organisation (code),
    name              TEXT NOT NULL,
    UNIQUE (project_id, municipality_code)
);

CREATE TABLE app_user (
    id                INTEGER PRIMARY KEY,
    username          TEXT NOT NULL UNIQUE,
    display_name      TEXT NOT NULL,
    organisation_code TEXT NOT NULL REFERENCES organisation (code),
    password_hash     TEXT NOT NULL,
    disabled          INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at        TEXT NOT NULL
);

CREATE TABLE user_role (
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE team_member (
    team_id INTEGER NOT NULL REFERENCES team (id),
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE citizen (
    id                INTEGER PRIMARY KEY,
    identifier_type   TEXT NOT NULL CHECK (identifier_type IN ('cpr', 'erstatning', 'ecpr')),
    identifier_enc    TEXT NOT NULL,      -- secretbox(nonce ‖ ciphertext) of the normalised identifier
    identifier_index  TEXT NOT NULL,      -- keyed BLAKE2b blind index, for lookups
    birth_date        TEXT NOT NULL,      -- derived from the identifier at write time, for queries
    name              TEXT NOT NULL,
    name_folded       TEXT NOT NULL,      -- case-folded name for search (core_text_fold)
    phone             TEXT,
    email             TEXT,
    municipality_code TEXT REFERENCES organisation (code),
    synthetic         INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
    version           INTEGER NOT NULL DEFAULT 1,
    created_by        INTEGER REFERENCES app_user (id),
    created_at        TEXT NOT NULL,
    UNIQUE (identifier_type, identifier_index)
);
CREATE INDEX citizen_name ON citizen (name_folded);

CREATE TABLE enrolment (
    id              INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES project (id),
    citizen_id      INTEGER NOT NULL REFERENCES citizen (id),
    team_id         INTEGER REFERENCES team (id),
    referral_date   TEXT NOT NULL,
    referral_source TEXT NOT NULL,
    target_group    TEXT NOT NULL REFERENCES target_group (code),
    status          TEXT NOT NULL CHECK (status IN ('referred', 'screening', 'active', 'aftercare',
                                                    'completed', 'withdrawn', 'excluded')),
    status_changed  TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    UNIQUE (project_id, citizen_id)
);
CREATE INDEX enrolment_project_status ON enrolment (project_id, status, id);

CREATE TABLE enrolment_member (
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    user_id      INTEGER NOT NULL REFERENCES app_user (id),
    role         TEXT NOT NULL,
    PRIMARY KEY (enrolment_id, user_id, role)
);

-- A retried POST with the same Idempotency-Key returns the first answer (RFC draft
-- "The Idempotency-Key HTTP Header Field"). request_hash tells a retry from a reuse.
CREATE TABLE idempotency (
    key          TEXT NOT NULL,
    route        TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    location     TEXT,
    etag_version INTEGER,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (key, route)
);
