-- The joint plan's goals and its coordinator (issue 11, "Joint plan"; docs/api-contract.md
-- "Joint plan: goals and coordinator"). Tasks (migration 0010) are the plan's other half; a goal
-- may be linked from tasks later, so nothing here refers to them.

-- A goal of the young person's plan, in their words. status moves as core/goal.c allows; every
-- move, the first one (NULL → open) included, is a row of plan_goal_status written in the same
-- transaction. agreed_with_young_person: the young person agreed it (their voice is part of the
-- record); agreed_by: who else agreed it, as written (e.g. "caseworker and care manager").
CREATE TABLE plan_goal (
    id                       INTEGER PRIMARY KEY,
    enrolment_id             INTEGER NOT NULL REFERENCES enrolment (id),
    area                     TEXT NOT NULL
        CHECK (area IN ('treatment', 'employment_education', 'everyday_life')),
    text                     TEXT NOT NULL,
    due_date                 TEXT,
    status                   TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'achieved', 'changed', 'dropped')),
    agreed_with_young_person INTEGER NOT NULL DEFAULT 0
        CHECK (agreed_with_young_person IN (0, 1)),
    agreed_by                TEXT,
    version                  INTEGER NOT NULL DEFAULT 1,
    created_at               TEXT NOT NULL,
    created_by               INTEGER NOT NULL REFERENCES app_user (id)
);
-- An enrolment's goals in the order they are listed (id: the order they were set).
CREATE INDEX plan_goal_enrolment ON plan_goal (enrolment_id, id);

-- A goal's status history: from_status is NULL on the row that records its creation.
CREATE TABLE plan_goal_status (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES plan_goal (id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    changed_by  INTEGER NOT NULL REFERENCES app_user (id),
    note        TEXT
);
CREATE INDEX plan_goal_status_goal ON plan_goal_status (goal_id, id);

-- The coordinator (tovholder) of an enrolment, as a history: each row names who holds the plan
-- together from set_at until the enrolment's next row (user_id NULL: nobody from then on). The
-- newest row (highest id) is the coordinator now.
CREATE TABLE enrolment_coordinator (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    user_id      INTEGER REFERENCES app_user (id),
    set_by       INTEGER NOT NULL REFERENCES app_user (id),
    set_at       TEXT NOT NULL
);
CREATE INDEX enrolment_coordinator_enrolment ON enrolment_coordinator (enrolment_id, id);
