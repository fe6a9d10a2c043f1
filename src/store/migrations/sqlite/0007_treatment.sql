-- The treatment track (issue 5; docs/design.md): questionnaires answered, eligibility decisions,
-- the treatment plan, sessions (contacts), safety follow-ups after PHQ-9 item 9, case reviews and
-- the tasks they hand to a team member. Rules and thresholds live in src/core/; the numbers a
-- project may change are columns of project with the defaults of docs/sources.md [IMPACT-NREPP].

-- Caseload thresholds per project (src/core/caseload.h). Defaults: IMPACT's 10 weeks and 50 %
-- ([IMPACT-NREPP], [PS2020]); 28 and 14 days are Samspor's defaults (UNVERIFIED as AIMS numbers).
ALTER TABLE project ADD COLUMN not_improving_weeks INTEGER NOT NULL DEFAULT 10;
ALTER TABLE project ADD COLUMN response_percent INTEGER NOT NULL DEFAULT 50;
ALTER TABLE project ADD COLUMN measurement_overdue_days INTEGER NOT NULL DEFAULT 28;
ALTER TABLE project ADD COLUMN no_contact_days INTEGER NOT NULL DEFAULT 14;
-- Eligibility (src/core/eligibility.h): enter when PHQ-9 ≥ or GAD-7 ≥ or WHO-5 raw ≤ these (NULL:
-- not a criterion); refer on at PHQ-9 ≥ severe_phq9 or item 9 ≥ suicide_item9.
ALTER TABLE project ADD COLUMN screen_phq9_min INTEGER DEFAULT 5;
ALTER TABLE project ADD COLUMN screen_gad7_min INTEGER DEFAULT 5;
ALTER TABLE project ADD COLUMN screen_who5_max INTEGER DEFAULT 12;
ALTER TABLE project ADD COLUMN severe_phq9_min INTEGER DEFAULT 20;
ALTER TABLE project ADD COLUMN suicide_item9_min INTEGER DEFAULT 2;

-- One questionnaire answered on a date. A correction is a new row naming the row it corrects;
-- the corrected row keeps its answers and gets replaced_by, so nothing is overwritten silently.
CREATE TABLE assessment (
    id              INTEGER PRIMARY KEY,
    enrolment_id    INTEGER NOT NULL REFERENCES enrolment (id),
    instrument      TEXT NOT NULL,
    occasion        TEXT NOT NULL CHECK (occasion IN ('screening', 'treatment', 'followup')),
    date            TEXT NOT NULL,
    answers         TEXT NOT NULL,   -- JSON array of the answers as given
    total           INTEGER NOT NULL,
    band            TEXT,
    flags           TEXT NOT NULL,   -- comma-separated flag codes, '' for none
    result          TEXT NOT NULL,   -- JSON object of the whole score (percentage, icd10, …)
    item9           INTEGER,         -- PHQ-9's item 9, for the safety flag; NULL otherwise
    administered_by INTEGER NOT NULL REFERENCES app_user (id),
    corrects        INTEGER REFERENCES assessment (id),
    replaced_by     INTEGER REFERENCES assessment (id),
    reason          TEXT,            -- why a correction was made
    recorded_at     TEXT NOT NULL
);
CREATE INDEX assessment_enrolment ON assessment (enrolment_id, instrument, date, id);

-- The clinician's decision after screening, with the rules' suggestion at that moment. History
-- is kept; the newest row is in force.
CREATE TABLE eligibility_decision (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    suggestion   TEXT NOT NULL,
    reasons      TEXT NOT NULL,      -- the suggestion's reason codes, comma-separated
    decision     TEXT NOT NULL CHECK (decision IN ('eligible', 'not_eligible', 'referred_elsewhere')),
    referred_to  TEXT,
    why          TEXT NOT NULL,
    decided_by   INTEGER NOT NULL REFERENCES app_user (id),
    date         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX eligibility_decision_enrolment ON eligibility_decision (enrolment_id, id);

CREATE TABLE treatment_plan (
    enrolment_id   INTEGER PRIMARY KEY REFERENCES enrolment (id),
    start_date     TEXT NOT NULL,    -- treatment start: weeks in treatment count from here
    focus          TEXT NOT NULL,
    modality       TEXT NOT NULL CHECK (modality IN ('cbt', 'problem_solving', 'psychoeducation',
                                                     'behavioural_activation', 'other')),
    target         TEXT NOT NULL,
    aftercare_from TEXT,             -- start of the aftercare phase, when planned or begun
    version        INTEGER NOT NULL DEFAULT 1,
    updated_by     INTEGER NOT NULL REFERENCES app_user (id),
    updated_at     TEXT NOT NULL
);

CREATE TABLE treatment_session (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    date         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('individual', 'group', 'phone', 'video',
                                                'walk_and_talk')),
    duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 600),
    note         TEXT NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES app_user (id),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX treatment_session_enrolment ON treatment_session (enrolment_id, date);

-- What was done after a PHQ-9 with item 9 ≥ 1; one dated on or after the assessment clears the
-- caseload's safety flag.
CREATE TABLE safety_followup (
    id            INTEGER PRIMARY KEY,
    enrolment_id  INTEGER NOT NULL REFERENCES enrolment (id),
    assessment_id INTEGER REFERENCES assessment (id),
    date          TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('risk_assessed', 'safety_plan', 'referred_acute',
                                                  'contact_attempted')),
    note          TEXT NOT NULL,
    recorded_by   INTEGER NOT NULL REFERENCES app_user (id),
    recorded_at   TEXT NOT NULL
);
CREATE INDEX safety_followup_enrolment ON safety_followup (enrolment_id, date);

CREATE TABLE case_review (
    id             INTEGER PRIMARY KEY,
    enrolment_id   INTEGER NOT NULL REFERENCES enrolment (id),
    date           TEXT NOT NULL,
    recommendation TEXT NOT NULL,
    flags          TEXT NOT NULL,    -- the caseload flags the review looked at
    reviewer_id    INTEGER NOT NULL REFERENCES app_user (id),
    recorded_at    TEXT NOT NULL
);
CREATE INDEX case_review_enrolment ON case_review (enrolment_id, id);

-- Tasks for a named team member; the joint plan (a later issue) lists them with its own.
CREATE TABLE task (
    id             INTEGER PRIMARY KEY,
    enrolment_id   INTEGER NOT NULL REFERENCES enrolment (id),
    case_review_id INTEGER REFERENCES case_review (id),
    owner_id       INTEGER NOT NULL REFERENCES app_user (id),
    text           TEXT NOT NULL,
    due            TEXT,
    done_at        TEXT,
    created_by     INTEGER NOT NULL REFERENCES app_user (id),
    created_at     TEXT NOT NULL
);
CREATE INDEX task_enrolment ON task (enrolment_id);

-- A clinician's caseload: the enrolments they are a member of.
CREATE INDEX enrolment_member_user ON enrolment_member (user_id, enrolment_id);
-- A case review's list: the active enrolments of the supervisor's teams.
CREATE INDEX enrolment_team ON enrolment (team_id, status);

-- Licensed translations loaded by an administrator (`samspor instruments load FILE`): they take
-- precedence over the texts shipped in data/instruments/. body is the validated file.
CREATE TABLE instrument_text (
    instrument TEXT NOT NULL,
    language   TEXT NOT NULL,
    source     TEXT NOT NULL,
    body       TEXT NOT NULL,
    loaded_at  TEXT NOT NULL,
    PRIMARY KEY (instrument, language)
);
