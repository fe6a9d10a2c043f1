-- Employers and job development (issue 11): an employer register shared by the municipal staff of
-- one municipality, its contact persons, and the consultants' contacts with employers — each
-- possibly for one young person (enrolment_id), which makes it part of that person's record
-- (docs/security-model.md "Employers"). The vocabularies (kind, purpose) and the CVR number's
-- rule live in src/core/employer.c, not here.

-- name_folded is core_text_fold(name), searched as a substring (as citizen.name_folded).
CREATE TABLE employer (
    id                INTEGER PRIMARY KEY,
    municipality_code TEXT NOT NULL REFERENCES organisation (code),
    name              TEXT NOT NULL,
    name_folded       TEXT NOT NULL,
    cvr               TEXT,
    address           TEXT,
    postcode          TEXT,
    city              TEXT,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    created_by        INTEGER NOT NULL REFERENCES app_user (id)
);
-- One record per company in a municipality's register when its CVR number is known.
CREATE UNIQUE INDEX employer_cvr ON employer (municipality_code, cvr) WHERE cvr IS NOT NULL;
-- The register in the order it is listed and searched: by folded name, then id.
CREATE INDEX employer_name ON employer (municipality_code, name_folded, id);

CREATE TABLE employer_contact_person (
    id          INTEGER PRIMARY KEY,
    employer_id INTEGER NOT NULL REFERENCES employer (id),
    name        TEXT NOT NULL,
    title       TEXT,
    phone       TEXT,
    email       TEXT
);
CREATE INDEX employer_contact_person_employer ON employer_contact_person (employer_id, id);

CREATE TABLE employer_contact (
    id                INTEGER PRIMARY KEY,
    employer_id       INTEGER NOT NULL REFERENCES employer (id),
    contact_person_id INTEGER REFERENCES employer_contact_person (id),
    enrolment_id      INTEGER REFERENCES enrolment (id),
    date              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    purpose           TEXT NOT NULL,
    outcome           TEXT,
    next_step         TEXT,
    next_step_date    TEXT,
    consultant_id     INTEGER NOT NULL REFERENCES app_user (id),
    created_at        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
);
-- An employer's contacts and an enrolment's, newest first.
CREATE INDEX employer_contact_employer ON employer_contact (employer_id, date, id);
CREATE INDEX employer_contact_enrolment ON employer_contact (enrolment_id, date, id)
    WHERE enrolment_id IS NOT NULL;
