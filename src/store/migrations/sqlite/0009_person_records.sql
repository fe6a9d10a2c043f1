-- One person, many records (docs/security-model.md "One person, many records"): each team that
-- registers a person keeps a citizen record of its own, so the identifier's blind index is no
-- longer unique. The person is the blind index; a plain index keeps look-ups by it fast.
--
-- SQLite cannot drop a UNIQUE constraint, so the table is rebuilt (sqlite.org/lang_altertable.html
-- "Making Other Kinds Of Table Schema Changes"). Migrations run inside one transaction with
-- foreign keys on, where PRAGMA foreign_keys cannot be changed; instead the foreign keys are
-- deferred to the commit: dropping the old table counts one violation per enrolment that
-- references it, and inserting each row into the new table under the same name takes its
-- violations back (sqlite.org/foreignkeys.html §4.2, "deferred constraints"). A row not carried
-- over leaves its violations standing, and the commit, and so the migration, fails.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE citizen_0009 AS SELECT * FROM citizen;

DROP TABLE citizen;

CREATE TABLE citizen (
    id                INTEGER PRIMARY KEY,
    identifier_type   TEXT NOT NULL CHECK (identifier_type IN ('cpr', 'erstatning', 'ecpr')),
    identifier_enc    TEXT NOT NULL,      -- secretbox(nonce ‖ ciphertext) of the normalised identifier
    identifier_index  TEXT NOT NULL,      -- keyed BLAKE2b blind index: the person, shared by their records
    birth_date        TEXT NOT NULL,      -- derived from the identifier at write time, for queries
    name              TEXT NOT NULL,      -- as the registering team recorded it
    name_folded       TEXT NOT NULL,      -- case-folded name for search (core_text_fold)
    phone             TEXT,
    email             TEXT,
    municipality_code TEXT REFERENCES organisation (code),
    synthetic         INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
    version           INTEGER NOT NULL DEFAULT 1,
    created_by        INTEGER REFERENCES app_user (id),
    created_at        TEXT NOT NULL
);

INSERT INTO citizen (id, identifier_type, identifier_enc, identifier_index, birth_date, name,
                     name_folded, phone, email, municipality_code, synthetic, version, created_by,
                     created_at)
SELECT id, identifier_type, identifier_enc, identifier_index, birth_date, name, name_folded, phone,
       email, municipality_code, synthetic, version, created_by, created_at
FROM citizen_0009 ORDER BY id;

DROP TABLE citizen_0009;

CREATE INDEX citizen_name ON citizen (name_folded);
CREATE INDEX citizen_person ON citizen (identifier_index, id);
