-- One family, one worker, in arrival order (issue 15). Voids, replacements,
-- history and accumulators are read per subscriber ID (the family: a
-- subscriber and their dependents), so workers lock and order claims on it,
-- not on the person key: a mother's and a child's claims in flight at once
-- are decided in arrival order by one worker at a time, as `check` decides
-- them. The lock key is computed here, never taken from the client (the
-- intake role supplying one is refused). A queue row that has decisions
-- never goes back to 'ready' (done -> ready would decide the claim again
-- against its own history): the only way back to 'ready' is from 'failed'.

-- person_lock now holds the family's lock key: adj_person_lock() of the
-- subscriber ID (claim.member_id), the key store/rerun.c already takes
CREATE OR REPLACE FUNCTION adj_queue_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.person_lock IS NOT NULL THEN
        RAISE EXCEPTION 'intake_queue: a supplied lock key is refused (claim_pk %): the database computes it from the subscriber ID', NEW.claim_pk
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT adj_person_lock(c.member_id) INTO NEW.person_lock
      FROM claim c WHERE c.claim_pk = NEW.claim_pk;
    RETURN NEW;
END $$;

UPDATE intake_queue q SET person_lock = adj_person_lock(c.member_id)
  FROM claim c WHERE c.claim_pk = q.claim_pk;

-- ready -> done | failed, failed -> ready; the lock key and the claim never
-- change; a row whose claim has decisions is never deleted
CREATE FUNCTION adj_queue_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.state <> 'ready' OR EXISTS (SELECT 1 FROM decision d WHERE d.claim_pk = OLD.claim_pk) THEN
            RAISE EXCEPTION 'intake_queue: deleting the % row of claim_pk % refused', OLD.state, OLD.claim_pk
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.claim_pk <> OLD.claim_pk OR NEW.person_lock <> OLD.person_lock THEN
        RAISE EXCEPTION 'intake_queue: the claim and lock key of a queue row never change (claim_pk %)', OLD.claim_pk
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.state <> OLD.state AND NOT ((OLD.state = 'ready' AND NEW.state IN ('done', 'failed'))
                                       OR (OLD.state = 'failed' AND NEW.state = 'ready')) THEN
        RAISE EXCEPTION 'intake_queue: % -> % refused for claim_pk % (only ready -> done or failed, and failed -> ready)',
            OLD.state, NEW.state, OLD.claim_pk
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER intake_queue_guard BEFORE UPDATE OR DELETE ON intake_queue
    FOR EACH ROW EXECUTE FUNCTION adj_queue_guard();
CREATE TRIGGER intake_queue_no_truncate BEFORE TRUNCATE ON intake_queue
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
