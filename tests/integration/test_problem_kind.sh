# Front-end problems are stored by kind (claim_problem.kind, migration 131)
# and decided with the codes the ruleset gives the kind. A database written
# before 131 (problems stored by RARC) is converted by the migration: each
# row becomes the kind its RARC, element or loop stood for, and a worker
# then decides those claims with the same codes as before.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
F=tests/fixtures
run_adj 1 --config "$CONF" --db "$ADJ_DB options=-crole=adj_intake" ingest \
    "$F/check/bad-npi.837" "$F/x12/bad_claims.837"
kinds() { sql "SELECT c.claim_id_text || ':' || p.kind FROM claim_problem p
               JOIN (SELECT claim_pk, convert_from(claim_id, 'UTF8') AS claim_id_text FROM claim) c
               USING (claim_pk) ORDER BY p.claim_pk, p.n" | tr '\n' ' '; }
before=$(kinds)
expect_contains <(echo "$before") "BIM-4101:billing_npi" "a bad billing NPI is stored as its kind"
expect_contains <(echo "$before") ":service_date" "a bad date too"
expect_contains <(echo "$before") ":diagnosis" "and a bad diagnosis"

# the same rows as a database before migration 131 held them: a rarc column
# with the RARC the reader chose then (N257, MA63, ...; '' for the rest)
psql_db <<'SQL'
ALTER TABLE claim_problem RENAME COLUMN kind TO rarc;
UPDATE claim_problem SET rarc = CASE rarc WHEN 'billing_npi' THEN 'N257' WHEN 'rendering_npi' THEN 'N290'
    WHEN 'procedure' THEN 'M51' WHEN 'diagnosis' THEN 'MA63' ELSE '' END;
DELETE FROM schema_version WHERE version = 131;
SQL
expect_eq "$(sql "SELECT count(*) FROM claim_problem WHERE rarc = 'N257'")" \
    "$(grep -o billing_npi <<<"$before" | wc -l)" "old shape"
run_adj 0 --db "$ADJ_DB" db migrate
expect_contains "$TMP/out" "applied 1 migration" "migration 131 applied"
expect_eq "$(sql "SELECT count(*) FROM schema_version WHERE version = 131")" 1 "recorded"
expect_eq "$(kinds)" "$before" "every stored problem converted to the kind the reader names today"

# the worker decides them with the ruleset's codes: the same as check
run_adj 0 --config "$CONF" --db "$ADJ_DB options=-crole=adj_engine" run --once
expect_eq "$(sql "SELECT array_to_string(d.rarc, ' ') FROM decision d JOIN claim c USING (claim_pk)
                  WHERE c.claim_id = convert_to('BIM-4101', 'UTF8') AND d.line_no = 1")" "MA130 N257" \
    "a billing NPI reject carries MA130 and N257 (frontend_problems.billing_npi)"
expect_eq "$(sql "SELECT d.outcome FROM decision d JOIN claim c USING (claim_pk)
                  WHERE c.claim_id = convert_to('BADDX', 'UTF8') AND d.line_no = 1")" "reject" "BADDX rejected"
expect_eq "$(sql "SELECT array_to_string(d.rarc, ' ') FROM decision d JOIN claim c USING (claim_pk)
                  WHERE c.claim_id = convert_to('BADDX', 'UTF8') AND d.line_no = 1")" "MA130 MA63" \
    "a diagnosis reject carries MA63"
