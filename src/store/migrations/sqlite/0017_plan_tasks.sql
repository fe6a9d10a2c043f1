-- Tasks of the joint plan (issue 11, "Joint plan"; docs/api-contract.md "Tasks"). A task may be
-- linked to a goal of the same enrolment (goal_id; the API checks the enrolment), and its owner is
-- either a named team member (owner_kind 'member', owner_id set) or the young person
-- (owner_kind 'young_person', owner_id NULL). Rows written without owner_kind (a case review's
-- task, tasks written before this migration) are a member's.
-- SQLite cannot drop NOT NULL from a column, so the table is made anew with the same rows and ids.
CREATE TABLE task_plan (
    id             INTEGER PRIMARY KEY,
    enrolment_id   INTEGER NOT NULL REFERENCES enrolment (id),
    case_review_id INTEGER REFERENCES case_review (id),
    owner_id       INTEGER REFERENCES app_user (id),
    text           TEXT NOT NULL,
    due            TEXT,
    done_at        TEXT,
    created_by     INTEGER NOT NULL REFERENCES app_user (id),
    created_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    done_by        INTEGER REFERENCES app_user (id),
    created_role   TEXT,
    goal_id        INTEGER REFERENCES plan_goal (id),
    owner_kind     TEXT NOT NULL DEFAULT 'member'
        CHECK (owner_kind IN ('member', 'young_person')),
    CHECK ((owner_kind = 'member') = (owner_id IS NOT NULL))
);
INSERT INTO task_plan (id, enrolment_id, case_review_id, owner_id, text, due, done_at, created_by,
                       created_at, version, done_by, created_role)
SELECT id, enrolment_id, case_review_id, owner_id, text, due, done_at, created_by, created_at,
       version, done_by, created_role
  FROM task;
DROP TABLE task;
ALTER TABLE task_plan RENAME TO task;
CREATE INDEX task_owner_due ON task (owner_id, coalesce(due, '9999-12-31'), id);
CREATE INDEX task_enrolment_due ON task (enrolment_id, coalesce(due, '9999-12-31'), id);
-- A goal's tasks (what links to a goal).
CREATE INDEX task_goal ON task (goal_id) WHERE goal_id IS NOT NULL;
