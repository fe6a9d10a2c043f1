-- The chain's row follows its newest event by itself (issue 10; docs/security-model.md "Audit").
-- Each connection of a server appends to a chain of its own and knows its head, so appending is
-- one INSERT; this trigger keeps audit_chain.head_seq and head_hash naming the newest event
-- without a second statement (a round trip each on PostgreSQL). The row stays what `audit
-- verify` compares the chain's end with: events cut from the end leave it naming a link that is
-- gone.
CREATE TRIGGER audit_event_moves_head AFTER INSERT ON audit_event
BEGIN
    UPDATE audit_chain SET head_seq = NEW.chain_seq, head_hash = NEW.hash
     WHERE id = NEW.chain_id AND head_seq < NEW.chain_seq;
END;
