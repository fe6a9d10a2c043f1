-- One person, many records (docs/security-model.md "One person, many records"): each team that
-- registers a person keeps a citizen record of its own, so the identifier's blind index is no
-- longer unique. The person is the blind index; a plain index keeps look-ups by it fast.
-- PostgreSQL's DDL for ../sqlite/0009_person_records.sql. SQLite rebuilds the table to drop the
-- UNIQUE constraint; PostgreSQL drops it by the name 0001_schema.sql gave it, which ends in the
-- same schema (citizen_name, dropped with SQLite's old table and made again there, stays here).
ALTER TABLE citizen DROP CONSTRAINT citizen_identifier_unique;

CREATE INDEX citizen_person ON citizen (identifier_index, id);
