-- Tamper evidence that does not trust the database owner (issue 15).
-- Checkpoints are signed with Ed25519 by the deciding service (the private
-- key never leaves it; `audit verify` needs the public key only) and cover
-- the batch's history events as well as its decisions. For an 'ed25519'
-- checkpoint, hmac holds the SHA-256 digest the signature covers (the
-- chain value the next checkpoint's prev_hmac names), key_id the public
-- key's fingerprint and sig the signature; events counts the history
-- events covered. Checkpoints written before (scheme 'hmac-sha256') stay
-- verifiable with the old HMAC key. TRUNCATE is refused on every audited
-- table; re-run records are append-only apart from their progress columns.

ALTER TABLE checkpoint ADD COLUMN scheme text NOT NULL DEFAULT 'hmac-sha256'
    CHECK (scheme IN ('hmac-sha256', 'ed25519'));
ALTER TABLE checkpoint ADD COLUMN events int NOT NULL DEFAULT 0 CHECK (events >= 0);
ALTER TABLE checkpoint ADD COLUMN sig text CHECK (sig ~ '^[0-9a-f]{128}$');
ALTER TABLE checkpoint ADD CONSTRAINT checkpoint_signed CHECK ((scheme = 'ed25519') = (sig IS NOT NULL));

-- audit verify reads each checkpoint's events by one index probe
CREATE INDEX history_event_checkpoint_idx ON history_event (checkpoint_id, event_id);

CREATE TRIGGER history_event_no_truncate BEFORE TRUNCATE ON history_event
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER ruleset_append_only BEFORE UPDATE OR DELETE ON ruleset
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER ruleset_no_truncate BEFORE TRUNCATE ON ruleset
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();

-- a re-run's record: who, why, what, when never change; only its progress
CREATE FUNCTION adj_rerun_run_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'DELETE on rerun_run refused: re-run records are append-only'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.run_id, NEW.run_key, NEW.dry_run, NEW.run_by, NEW.session_user_name, NEW.reason,
        NEW.filter, NEW.ruleset, NEW.started_at)
       IS DISTINCT FROM (OLD.run_id, OLD.run_key, OLD.dry_run, OLD.run_by, OLD.session_user_name,
        OLD.reason, OLD.filter, OLD.ruleset, OLD.started_at) THEN
        RAISE EXCEPTION 'UPDATE on rerun_run refused: who, why and what of run % never change', OLD.run_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE FUNCTION adj_rerun_claim_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'DELETE on rerun_claim refused: re-run records are append-only'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.run_id, NEW.claim_pk, NEW.seq) IS DISTINCT FROM (OLD.run_id, OLD.claim_pk, OLD.seq)
       OR (OLD.done AND NOT NEW.done) THEN
        RAISE EXCEPTION 'UPDATE on rerun_claim refused: run %, claim_pk %', OLD.run_id, OLD.claim_pk
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER rerun_run_guard BEFORE UPDATE OR DELETE ON rerun_run
    FOR EACH ROW EXECUTE FUNCTION adj_rerun_run_guard();
CREATE TRIGGER rerun_run_no_truncate BEFORE TRUNCATE ON rerun_run
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER rerun_claim_guard BEFORE UPDATE OR DELETE ON rerun_claim
    FOR EACH ROW EXECUTE FUNCTION adj_rerun_claim_guard();
CREATE TRIGGER rerun_claim_no_truncate BEFORE TRUNCATE ON rerun_claim
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
