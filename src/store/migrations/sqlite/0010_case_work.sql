-- Case work (issue 9, items 10-14): who is assigned to a case in which role, tasks their owners
-- can see and mark done, and the history of status changes with the reason an enrolment ended
-- or was reopened (docs/api-contract.md "Assignments", "Tasks", "Ending and reopening").

-- An assignment is an enrolment_member row with assigned = 1: at most one person per role and
-- enrolment (the partial unique index). Rows with assigned = 0 are the clinicians who worked on
-- the case (they keep it on their caseload). Until now the first member in a role carried the
-- case, so that member becomes its assignee.
ALTER TABLE enrolment_member ADD COLUMN assigned INTEGER NOT NULL DEFAULT 0
    CHECK (assigned IN (0, 1));
ALTER TABLE enrolment_member ADD COLUMN assigned_by INTEGER REFERENCES app_user (id);
ALTER TABLE enrolment_member ADD COLUMN assigned_at TEXT;
UPDATE enrolment_member SET assigned = 1
 WHERE rowid IN (SELECT min(rowid) FROM enrolment_member GROUP BY enrolment_id, role);
CREATE UNIQUE INDEX enrolment_member_assigned ON enrolment_member (enrolment_id, role)
    WHERE assigned = 1;

-- Tasks are updatable rows (marked done and undone by their owner with If-Match). created_role
-- is the role the task was set in (shown to the team with the creator's name); done_by who
-- marked it done.
ALTER TABLE task ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE task ADD COLUMN done_by INTEGER REFERENCES app_user (id);
ALTER TABLE task ADD COLUMN created_role TEXT;
UPDATE task SET created_role = 'supervising_clinician' WHERE case_review_id IS NOT NULL;
-- An owner's tasks in the order they are listed: due date (none last), then id.
CREATE INDEX task_owner_due ON task (owner_id, coalesce(due, '9999-12-31'), id);
CREATE INDEX task_enrolment_due ON task (enrolment_id, coalesce(due, '9999-12-31'), id);
DROP INDEX task_enrolment;

-- Every status change from now on, with the reason code (src/core/enrolment.c) when the change
-- ends an enrolment or reopens it, an optional note, and who made it in which role.
CREATE TABLE enrolment_status_change (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('move', 'end', 'reopen')),
    reason       TEXT,
    note         TEXT,
    changed_by   INTEGER NOT NULL REFERENCES app_user (id),
    changed_role TEXT NOT NULL,
    changed_at   TEXT NOT NULL
);
CREATE INDEX enrolment_status_change_enrolment ON enrolment_status_change (enrolment_id, id);

-- The follow-up list reads the follow-up questionnaires of a team's enrolments: without this the
-- search walks every assessment of those enrolments (docs/benchmarks.md, case work).
CREATE INDEX assessment_followup ON assessment (enrolment_id, date, id)
    WHERE occasion = 'followup' AND replaced_by IS NULL;
