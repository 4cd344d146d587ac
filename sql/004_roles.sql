-- Roles (cluster-wide, so created only when missing) and their grants in
-- this database. All are NOLOGIN: an operator gives a login to a user that
-- is a member, e.g.
--   CREATE ROLE adj_worker LOGIN PASSWORD '...' IN ROLE adj_engine;
-- (or ALTER ROLE adj_engine LOGIN PASSWORD '...'). See README.
--   adj_engine     serve / run: reads reference data and claims, inserts
--                  decisions and checkpoints, marks queue rows done
--   adj_intake     ingest: stores interchanges, claims and queue rows
--   adj_staff      reruns and reference data loads; everything adj_engine may
--   adj_reporting  the report views only (granted with the views)
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['adj_engine', 'adj_intake', 'adj_staff', 'adj_reporting'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database's migration created it meanwhile
            END;
        END IF;
    END LOOP;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO adj_engine, adj_intake, adj_staff, adj_reporting;

GRANT SELECT ON plan, member, provider, interchange, transaction_set, claim, claim_line,
                claim_problem, intake_queue, ruleset, checkpoint, decision, decision_current,
                history_event, refdata_version, schema_version
    TO adj_engine;
GRANT INSERT ON decision, checkpoint, ruleset, history_event TO adj_engine;
GRANT UPDATE (state, decided_at, decided_by, last_error) ON intake_queue TO adj_engine;
GRANT USAGE ON SEQUENCE checkpoint_id_seq TO adj_engine;

GRANT SELECT ON interchange, transaction_set, claim, claim_line, claim_problem, intake_queue,
                schema_version
    TO adj_intake;
GRANT INSERT ON interchange, transaction_set, claim, claim_line, claim_problem, intake_queue
    TO adj_intake;
GRANT UPDATE (isa13, gs06, sets, sets_rejected, claims) ON interchange TO adj_intake;
GRANT USAGE ON SEQUENCE payer_claim_seq TO adj_intake;

GRANT adj_engine TO adj_staff;
GRANT INSERT, UPDATE ON plan, member, provider TO adj_staff;
GRANT UPDATE ON refdata_version TO adj_staff;
