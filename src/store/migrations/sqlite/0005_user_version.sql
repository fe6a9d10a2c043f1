-- Accounts are updatable rows (PATCH /api/v1/users/{id}), so they carry a version for If-Match
-- like every other updatable row.
ALTER TABLE app_user ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
