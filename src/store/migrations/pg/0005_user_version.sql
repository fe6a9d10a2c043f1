-- Accounts are updatable rows (PATCH /api/v1/users/{id}), so they carry a version for If-Match
-- like every other updatable row. PostgreSQL's DDL for ../sqlite/0005_user_version.sql.
ALTER TABLE app_user ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
