-- Least privilege for intake (issue 15): the intake role writes
-- interchanges, claims and queue rows and reads none of them back (it never
-- sees a decided claim). The queue row's lock key is still computed from
-- the claim, by a function that runs as the schema owner.
ALTER FUNCTION adj_queue_fill() SECURITY DEFINER;
ALTER FUNCTION adj_queue_fill() SET search_path = adjudicator, pg_temp;
REVOKE SELECT ON claim, claim_line, claim_problem, intake_queue, transaction_set FROM adj_intake;
-- the id of the set just stored (INSERT ... RETURNING set_id), nothing else
GRANT SELECT (set_id) ON transaction_set TO adj_intake;
