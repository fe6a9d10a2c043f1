-- Lookups on every signed-in request (docs/benchmarks.md, Notes): a citizen's enrolments for the
-- policy, and a user's teams for the session. Without these both are table scans.
-- The same statements as ../sqlite/0006_lookup_indexes.sql.
CREATE INDEX enrolment_citizen ON enrolment (citizen_id);
CREATE INDEX team_member_user ON team_member (user_id, team_id);
