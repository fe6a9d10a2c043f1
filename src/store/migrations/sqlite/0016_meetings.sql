-- Meetings of the joint plan and the team's contact between the sectors (issue 11, "Joint plan":
-- meetings and team contact; docs/api-contract.md "Meetings" and "Team notes").

-- A meeting: an individual conversation or a network meeting about one young person
-- (enrolment_id), or a group session held by a team (team_id, project_id) with many young people.
-- Who took part for the young people is meeting_attendance; the staff who held it meeting_staff.
-- place: core/meeting.c's vocabulary (individual and group); topic: a group session's;
-- note: an individual conversation's short note, or a network meeting's status notes — plain text
-- written for the whole team. interpreter_language: a network meeting's interpreter (ISO 639
-- code, core/meeting.c), NULL when none was used. A meeting is not changed once recorded, but a
-- group session's version moves with each attendance list recorded (its ETag).
CREATE TABLE meeting (
    id                   INTEGER PRIMARY KEY,
    kind                 TEXT NOT NULL CHECK (kind IN ('individual', 'group', 'network')),
    enrolment_id         INTEGER REFERENCES enrolment (id),
    project_id           INTEGER REFERENCES project (id),
    team_id              INTEGER REFERENCES team (id),
    date                 TEXT NOT NULL,
    duration_minutes     INTEGER,
    place                TEXT,
    topic                TEXT,
    note                 TEXT,
    interpreter_language TEXT,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL,
    created_by           INTEGER NOT NULL REFERENCES app_user (id),
    CHECK ((kind = 'group') = (enrolment_id IS NULL)),
    CHECK ((kind = 'group') = (team_id IS NOT NULL))
);
-- A team's group sessions, newest first (the list pages on date and id).
CREATE INDEX meeting_team ON meeting (team_id, date, id);

-- The staff who held a meeting (team members of either sector).
CREATE TABLE meeting_staff (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    user_id    INTEGER NOT NULL REFERENCES app_user (id),
    PRIMARY KEY (meeting_id, user_id)
);

-- The young people of a meeting: one row for the young person of an individual conversation
-- (attended 1) or a network meeting (attended: present or not), one per participant of a group
-- session (attended NULL until recorded). date is the meeting's (a meeting's date never
-- changes): a young person's meetings, and the latest they attended, are one index range.
CREATE TABLE meeting_attendance (
    meeting_id   INTEGER NOT NULL REFERENCES meeting (id),
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    date         TEXT NOT NULL,
    attended     INTEGER CHECK (attended IN (0, 1)),
    recorded_at  TEXT,
    recorded_by  INTEGER REFERENCES app_user (id),
    PRIMARY KEY (meeting_id, enrolment_id)
);
CREATE INDEX meeting_attendance_enrolment ON meeting_attendance (enrolment_id, date, meeting_id);

-- The goals a network meeting set (change 'set') or revised (change 'revised', to_status the
-- status it moved the goal to), and the tasks it assigned. The goals and tasks themselves are the
-- plan's (plan_goal with its history, task).
CREATE TABLE meeting_goal (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    goal_id    INTEGER NOT NULL REFERENCES plan_goal (id),
    change     TEXT NOT NULL CHECK (change IN ('set', 'revised')),
    to_status  TEXT NOT NULL,
    PRIMARY KEY (meeting_id, goal_id)
);
CREATE TABLE meeting_task (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    task_id    INTEGER NOT NULL REFERENCES task (id),
    PRIMARY KEY (meeting_id, task_id)
);

-- Team contact between the sectors (IPS principle 3): a dated note by a team member about one
-- young person. content_class is what the note is about, set from the author's sector: 'health'
-- (a health member's) or 'employment' (a municipal member's); who may read it is
-- policy_team_note_visible's (docs/security-model.md "Team notes").
CREATE TABLE team_note (
    id            INTEGER PRIMARY KEY,
    enrolment_id  INTEGER NOT NULL REFERENCES enrolment (id),
    date          TEXT NOT NULL,
    content_class TEXT NOT NULL CHECK (content_class IN ('health', 'employment')),
    text          TEXT NOT NULL,
    author_id     INTEGER NOT NULL REFERENCES app_user (id),
    created_at    TEXT NOT NULL
);
CREATE INDEX team_note_enrolment ON team_note (enrolment_id, date, id);
