-- PLACEHOLDER on branch plan only, so that the migrations are numbered without gaps on this
-- branch: the number belongs to another branch of issue 11. Delete this file when merging.
SELECT 1;
