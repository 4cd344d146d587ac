# Decisions are append-only (UPDATE, DELETE, TRUNCATE refused, also for the
# engine role) and `audit verify` catches a row a superuser altered, even
# when the attacker recomputes the row's chain hash: the checkpoint HMAC,
# keyed outside the database, still fails.
run_adj 0 --db "$ADJ_DB" db init
FIX="$ROOT/$BUILD/tests/example_decisions_fixture"
head -c 32 /dev/urandom | base64 >"$TMP/audit.key"; chmod 600 "$TMP/audit.key"
cat >"$TMP/adj.conf" <<CONF
audit: { key_file = "$TMP/audit.key"; };
CONF

# two claims as a pipeline would insert them directly
sql "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
     VALUES ('1234567893', 'M001', 'M001', 'A1', 20000), ('1234567893', 'M002', 'M002', 'A2', 20000)" >/dev/null
pk1=$(sql "SELECT claim_pk FROM claim WHERE claim_id = 'A1'")
pk2=$(sql "SELECT claim_pk FROM claim WHERE claim_id = 'A2'")
"$FIX" "$ENGINE_DB" "$TMP/audit.key" "engine test:1" "$pk1:M001" "$pk2:M002" >/dev/null
# the second batch as the engine role: it can write decisions and checkpoints
"$FIX" "$ENGINE_DB" "$TMP/audit.key" "engine test:2" "$pk1:M001" >/dev/null
expect_eq "$(sql "SELECT count(*) FROM decision")" "6" "three decision sets of two lines"
expect_eq "$(sql "SELECT string_agg(version::text || ':' || chain_seq, ',' ORDER BY chain_seq) FROM decision WHERE claim_pk = $pk1")" \
    "1:1,1:2,2:3,2:4" "versions and chain positions of A1"
expect_eq "$(sql "SELECT count(*) FROM checkpoint")" "2" "one checkpoint per batch"
expect_eq "$(sql "SELECT count(*) FROM decision d JOIN decision p ON p.claim_pk = d.claim_pk AND p.chain_seq = d.chain_seq - 1 WHERE d.prev_hash <> p.hash")" "0" "rows chain"

run_adj 0 --config "$TMP/adj.conf" --db "$ADJ_DB" audit verify
expect_contains "$TMP/out" "ok: 2 claims, 6 decisions, 2 checkpoints" "clean chain verifies"

# another key: every checkpoint is reported, exit 1
head -c 32 /dev/urandom | base64 >"$TMP/other.key"; chmod 600 "$TMP/other.key"
run_adj 1 --db "$ADJ_DB" audit verify --key-file "$TMP/other.key"
expect_contains "$TMP/err" "signed with another key" "a wrong key is named as such"
# a key file readable by others is refused
chmod 644 "$TMP/other.key"
run_adj 2 --db "$ADJ_DB" audit verify --key-file "$TMP/other.key"
expect_contains "$TMP/err" "chmod 600" "world-readable key refused"

# UPDATE, DELETE and TRUNCATE are refused, for the superuser and for adj_engine
for stmt in "UPDATE decision SET outcome = 'pay'" "DELETE FROM decision" "TRUNCATE decision" \
            "UPDATE checkpoint SET hmac = hmac" "DELETE FROM checkpoint"; do
    if sql "$stmt" >/dev/null 2>"$TMP/e"; then fail "superuser: $stmt succeeded"; fi
    grep -q "refused" "$TMP/e" || grep -q "append-only" "$TMP/e" || { cat "$TMP/e"; fail "$stmt: unexpected error"; }
    if sql "SET ROLE adj_engine; $stmt" >/dev/null 2>"$TMP/e"; then fail "adj_engine: $stmt succeeded"; fi
done
if sql "SET ROLE adj_engine; UPDATE decision SET reason = 'x'" >/dev/null 2>"$TMP/e"; then fail "engine update"; fi
expect_contains "$TMP/e" "permission denied" "the engine role has no UPDATE privilege at all"
# but the engine role may insert decisions and read claims
expect_eq "$(sql "SET ROLE adj_engine; SELECT count(*) FROM claim")" "2" "engine reads claims"
expect_eq "$(sql "SELECT has_table_privilege('adj_engine', 'decision', 'INSERT')")" "t" "engine inserts decisions"
expect_eq "$(sql "SELECT has_table_privilege('adj_reporting', 'decision', 'SELECT')")" "f" "reporting cannot read decisions"
expect_eq "$(sql "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'adj_engine'")" "f" "roles are NOLOGIN"
expect_eq "$(sql "SELECT count(*) FROM decision")" "6" "nothing changed"

# an attacker with superuser rights alters a paid amount and recomputes the
# row's hash and the next row's prev_hash with the published chain format
cat >"$TMP/rehash.sql" <<'SQL'
CREATE FUNCTION pg_temp.f(b bytea) RETURNS bytea LANGUAGE sql AS
  $$ SELECT CASE WHEN b IS NULL THEN '\x2d'::bytea ELSE convert_to(length(b)::text || ':', 'UTF8') || b END $$;
CREATE FUNCTION pg_temp.t(s text) RETURNS bytea LANGUAGE sql AS
  $$ SELECT pg_temp.f(convert_to(s, 'UTF8')) $$;
CREATE FUNCTION pg_temp.rehash(id bigint) RETURNS text LANGUAGE sql AS $$
  SELECT encode(sha256(convert_to('adj-decision-v1' || E'\n' || d.prev_hash, 'UTF8')
    || pg_temp.t(d.claim_pk::text) || pg_temp.t(d.chain_seq::text) || pg_temp.t(d.line_no::text)
    || pg_temp.t(d.lx::text) || pg_temp.t(d.version::text) || pg_temp.t(d.checkpoint_id::text)
    || pg_temp.t(to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00')
    || pg_temp.t(d.decided_by) || pg_temp.t(d.rerun_reason) || pg_temp.f(d.person_key)
    || pg_temp.t(d.service_month::text) || pg_temp.t(d.dos::text) || pg_temp.f(d.code)
    || pg_temp.t(d.route) || pg_temp.t(d.outcome) || pg_temp.t(d.grp) || pg_temp.t(d.carc)
    || pg_temp.t(array_to_string(d.rarc, E'\n')) || pg_temp.t(d.allowed_cents::text)
    || pg_temp.t(d.paid_cents::text) || pg_temp.t(d.patient_resp_cents::text)
    || pg_temp.t(d.ruleset_id) || pg_temp.t(d.ruleset_sha256)
    || pg_temp.t(array_to_string(d.rules, E'\n')) || pg_temp.f(d.matched_claim)
    || pg_temp.f(d.reason)
    -- optional fields (store/chain.h): hashed only when not NULL
    || CASE WHEN d.cost_share IS NULL THEN ''::bytea ELSE pg_temp.t(d.cost_share) END), 'hex')
  FROM decision d WHERE d.decision_id = id $$;
SQL
psql_db -v rehash="$TMP/rehash.sql" <<'SQL'
\i :rehash
-- the formula reproduces the stored hashes (else this test proves nothing)
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM decision WHERE hash <> pg_temp.rehash(decision_id)) THEN
    RAISE EXCEPTION 'rehash formula does not match the writer';
  END IF;
END $$;
SQL

# first a plain alteration: the chain names the claim and version
sql "ALTER TABLE decision DISABLE TRIGGER decision_append_only;
     UPDATE decision SET paid_cents = 99999 WHERE claim_pk = $pk2 AND line_no = 1;
     ALTER TABLE decision ENABLE TRIGGER decision_append_only" >/dev/null
run_adj 1 --config "$TMP/adj.conf" --db "$ADJ_DB" audit verify
expect_contains "$TMP/err" "claim A2 (billing NPI 1234567893" "the altered claim is named"
expect_contains "$TMP/err" "version 1 line 1: the row does not match its hash" "row and version named"

# then the attacker recomputes that row's hash and relinks the next row
psql_db -v pk="$pk2" -v rehash="$TMP/rehash.sql" <<'SQL'
\i :rehash
ALTER TABLE decision DISABLE TRIGGER decision_append_only;
UPDATE decision SET hash = pg_temp.rehash(decision_id) WHERE claim_pk = :pk AND chain_seq = 1;
UPDATE decision n SET prev_hash = p.hash FROM decision p
 WHERE n.claim_pk = :pk AND p.claim_pk = :pk AND n.chain_seq = 2 AND p.chain_seq = 1;
UPDATE decision SET hash = pg_temp.rehash(decision_id) WHERE claim_pk = :pk AND chain_seq = 2;
ALTER TABLE decision ENABLE TRIGGER decision_append_only;
SQL
run_adj 1 --config "$TMP/adj.conf" --db "$ADJ_DB" audit verify
if grep -q "does not match its hash\|chain broken" "$TMP/err"; then
    cat "$TMP/err"; fail "the recomputed chain should itself verify"
fi
expect_contains "$TMP/err" "checkpoint 1: HMAC does not match" "the checkpoint catches a recomputed chain"
expect_contains "$TMP/err" "A2 (version 1)" "the checkpoint names the claims of the batch"
expect_contains "$TMP/err" "FAILED: 1 problem" "exactly one problem"

# a deleted row is caught too
sql "ALTER TABLE decision DISABLE TRIGGER decision_append_only;
     DELETE FROM decision WHERE claim_pk = $pk1 AND chain_seq = 3;
     ALTER TABLE decision ENABLE TRIGGER decision_append_only" >/dev/null
run_adj 1 --config "$TMP/adj.conf" --db "$ADJ_DB" audit verify
expect_contains "$TMP/err" "claim A1 (billing NPI 1234567893" "deletion names the claim"
expect_contains "$TMP/err" "a decision row is missing" "deletion is named"
expect_contains "$TMP/err" "checkpoint 2: HMAC does not match" "the second checkpoint fails too"
