-- Incremental remittance (issue 14): the claims whose remittance may have
-- changed since the last `adjudicator remit` run. A run takes (deletes) the
-- whole set in its transaction and looks at those claims only, instead of
-- re-reading every decision ever made; it puts back the claims it leaves
-- for later (--through, a payee whose 835 did not balance). Filled in the
-- same statement as the change, by triggers, whoever writes it:
--   * a decision written for a claim (pipeline, pend resolution, rerun):
--     that claim;
--   * a retract event (a replacement or void of an earlier claim): the
--     claims it supersedes, so that their payment is reversed.
-- A claim may appear more than once; a claim whose decisions say what its
-- last 835 said is simply found to have nothing to remit. Not audit data:
-- rows are deleted by remit runs.
CREATE TABLE remit_pending (
    claim_pk bigint NOT NULL
);

CREATE FUNCTION adj_remit_pending_decided() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = adjudicator, pg_temp AS $$
BEGIN
    INSERT INTO remit_pending (claim_pk) SELECT DISTINCT n.claim_pk FROM new_decisions n;
    RETURN NULL;
END $$;
CREATE TRIGGER decision_remit_pending AFTER INSERT ON decision
    REFERENCING NEW TABLE AS new_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION adj_remit_pending_decided();

-- the claims a retract event supersedes: the same test as remit's
-- (same billing NPI, claim ID and member, an earlier claim)
CREATE FUNCTION adj_remit_pending_retracted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = adjudicator, pg_temp AS $$
BEGIN
    INSERT INTO remit_pending (claim_pk)
    SELECT DISTINCT c.claim_pk
      FROM new_events e
      JOIN claim c ON c.billing_npi = e.billing_npi AND c.claim_id = e.claim_id
                  AND c.member_id = e.member_id AND c.claim_pk < e.claim_pk
     WHERE e.kind = 'retract';
    RETURN NULL;
END $$;
CREATE TRIGGER history_event_remit_pending AFTER INSERT ON history_event
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION adj_remit_pending_retracted();

-- every claim decided so far: the first run after this migration looks at
-- all of them once, as runs did before
INSERT INTO remit_pending (claim_pk) SELECT DISTINCT claim_pk FROM decision;

GRANT SELECT, INSERT, DELETE ON remit_pending TO adj_engine;

-- the remit run's query now lives in store/remit.c (it reads only the
-- pending claims and is planned with the run's own statistics)
DROP FUNCTION adj_remit_work(date);
