-- PostgreSQL's DDL for ../sqlite/0018_employment_caseload.sql.
-- The employment caseload (issue 11, "Flags and caseloads"; docs/employment-track.md "The
-- employment caseload"): the thresholds of its flags as project settings, and the indexes that let
-- one consultant's caseload be read among 100,000 enrolments in a few set-based statements.

-- Defaults from the issue (src/core/employment_caseload.c holds them and their ranges): an
-- employer contact within 30 days of enrolment (IPS rapid job search), a contact every 14 days,
-- a follow-along contact within 4 weeks of a start, at most 20 young people per consultant (IPS-25
-- "caseload size").
ALTER TABLE project ADD COLUMN no_employer_contact_days BIGINT NOT NULL DEFAULT 30;
ALTER TABLE project ADD COLUMN employment_no_contact_days BIGINT NOT NULL DEFAULT 14;
ALTER TABLE project ADD COLUMN follow_along_days BIGINT NOT NULL DEFAULT 28;
ALTER TABLE project ADD COLUMN caseload_limit BIGINT NOT NULL DEFAULT 20;

-- An enrolment's episodes in start order (the caseload reads every episode of its rows).
CREATE INDEX episode_enrolment_start ON episode (enrolment_id, start_date, id);
-- The earliest due date of an enrolment's open tasks.
CREATE INDEX task_enrolment_open ON task (enrolment_id, due) WHERE done_at IS NULL;
-- The first move to active of an enrolment (its start on the employment caseload).
CREATE INDEX enrolment_status_change_to ON enrolment_status_change (enrolment_id, to_status,
                                                                     changed_at);
