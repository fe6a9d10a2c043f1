-- Tasks of the joint plan (issue 11, "Joint plan"; docs/api-contract.md "Tasks").
-- PostgreSQL's DDL for ../sqlite/0017_plan_tasks.sql: a task may be linked to a goal of the same
-- enrolment (goal_id), and its owner is a named team member (owner_kind 'member', owner_id set)
-- or the young person (owner_kind 'young_person', owner_id NULL). Rows written without
-- owner_kind are a member's.
ALTER TABLE task ALTER COLUMN owner_id DROP NOT NULL;
ALTER TABLE task ADD COLUMN goal_id BIGINT REFERENCES plan_goal (id);
ALTER TABLE task ADD COLUMN owner_kind TEXT NOT NULL DEFAULT 'member'
    CHECK (owner_kind IN ('member', 'young_person'));
ALTER TABLE task ADD CONSTRAINT task_owner_kind_owner
    CHECK ((owner_kind = 'member') = (owner_id IS NOT NULL));
CREATE INDEX task_goal ON task (goal_id) WHERE goal_id IS NOT NULL;
