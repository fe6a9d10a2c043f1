-- Allocation arm of randomised projects, and employment/education episodes (docs/design.md), the
-- source of the "in work or education" outcome until register data are imported.

ALTER TABLE enrolment ADD COLUMN arm TEXT CHECK (arm IN ('intervention', 'control'));

CREATE TABLE episode (
    id             INTEGER PRIMARY KEY,
    enrolment_id   INTEGER NOT NULL REFERENCES enrolment (id),
    kind           TEXT NOT NULL CHECK (kind IN ('ordinary_job', 'subsidised_job', 'flexjob',
                                                 'internship', 'education', 'course')),
    start_date     TEXT NOT NULL,
    end_date       TEXT,
    hours_per_week INTEGER,
    place          TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL
);
CREATE INDEX episode_enrolment ON episode (enrolment_id);
