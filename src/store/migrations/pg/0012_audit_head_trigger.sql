-- PostgreSQL's form of ../sqlite/0012_audit_head_trigger.sql, whose comment says why: a
-- statement-level trigger, so that a multi-row INSERT of events moves each chain's row once.
CREATE FUNCTION audit_event_moves_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_chain c SET head_seq = n.chain_seq, head_hash = n.hash
      FROM (SELECT DISTINCT ON (chain_id) chain_id, chain_seq, hash
              FROM new_events ORDER BY chain_id, chain_seq DESC) AS n
     WHERE c.id = n.chain_id AND c.head_seq < n.chain_seq;
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_event_moves_head AFTER INSERT ON audit_event
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_moves_head();
