-- The employment and education track's episodes, vocational profile and follow-along support
-- (issue 11; docs/employment-track.md "Episodes", "Vocational profile", "Follow-along support").
-- The vocabularies (kinds, levels, purposes, how an episode ended, disclosure choices, with whom
-- and how a follow-along contact was made) and every rule between the members live in
-- src/core/episode.c and src/core/vocational.c, not here.

-- An episode gets what the track records of it. Rows from before this migration keep what they
-- have: no employer, no creator (created_by NULL), and an end without end_reason when one was
-- recorded (docs/employment-track.md says how such a row reads); every write from now on passes
-- core_episode_check. contact_allowed: the young person agreed that the team contacts the
-- employer or school of this episode (follow-along support).
ALTER TABLE episode ADD COLUMN employer_id INTEGER REFERENCES employer (id);
ALTER TABLE episode ADD COLUMN institution TEXT;
ALTER TABLE episode ADD COLUMN programme TEXT;
ALTER TABLE episode ADD COLUMN level TEXT;
ALTER TABLE episode ADD COLUMN purpose TEXT;
ALTER TABLE episode ADD COLUMN end_reason TEXT;
ALTER TABLE episode ADD COLUMN contact_allowed INTEGER NOT NULL DEFAULT 0
    CHECK (contact_allowed IN (0, 1));
ALTER TABLE episode ADD COLUMN created_by INTEGER REFERENCES app_user (id);
-- An enrolment's episodes newest start first (the list's keyset: start_date, id).
DROP INDEX episode_enrolment;
CREATE INDEX episode_enrolment ON episode (enrolment_id, start_date, id);

-- The vocational profile, kept over time: every save is a new row with the next version of the
-- enrolment's profile (1, 2, …); the highest version is the profile now.
CREATE TABLE vocational_profile (
    id              INTEGER PRIMARY KEY,
    enrolment_id    INTEGER NOT NULL REFERENCES enrolment (id),
    version         INTEGER NOT NULL,
    own_goals       TEXT,
    work_wanted     TEXT,
    work_not_wanted TEXT,
    hours_wanted    INTEGER,
    places          TEXT,
    travel          TEXT,
    disclosure      TEXT NOT NULL,
    disclosure_note TEXT,
    saved_by        INTEGER NOT NULL REFERENCES app_user (id),
    saved_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX vocational_profile_version ON vocational_profile (enrolment_id, version);

-- A version's work and education history, in the order given (position 0, 1, …): area "work" or
-- "education"; level and outcome for education.
CREATE TABLE vocational_history_entry (
    id          INTEGER PRIMARY KEY,
    profile_id  INTEGER NOT NULL REFERENCES vocational_profile (id),
    position    INTEGER NOT NULL,
    area        TEXT NOT NULL,
    level       TEXT,
    description TEXT,
    from_year   INTEGER,
    to_year     INTEGER,
    outcome     TEXT
);
CREATE INDEX vocational_history_entry_profile ON vocational_history_entry (profile_id, position);

-- Follow-along support after a start: a contact with the young person, or (when the episode's
-- contact_allowed is set) with the employer or school, about one episode that had started.
CREATE TABLE follow_along (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    episode_id   INTEGER NOT NULL REFERENCES episode (id),
    date         TEXT NOT NULL,
    with_whom    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    note         TEXT,
    created_by   INTEGER NOT NULL REFERENCES app_user (id),
    created_at   TEXT NOT NULL
);
-- An enrolment's contacts newest first; an episode's latest contact (the caseload's flags).
CREATE INDEX follow_along_enrolment ON follow_along (enrolment_id, date, id);
CREATE INDEX follow_along_episode ON follow_along (episode_id, date);
