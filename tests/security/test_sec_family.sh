# Attack: one family's claims decided by two workers at once. A mother's
# claim, her child's claim and a void of the child's claim sent at the
# subscriber level (the mother's person key) are in flight together; the
# void is looked up by subscriber ID, so workers must lock and order per
# family. Two workers, one claim per batch, 20 runs: the decisions equal
# `check`'s every time (the void voids, never "original not found").
# Then the queue itself: a lock key supplied by the intake role, and a
# done row set back to ready, are refused.
. tests/security/sec_lib.sh
python3 tests/security/families.py 15 "$TMP/fam"
F="$TMP/fam"
"$ADJ" check --providers "$F/providers.csv" --members "$F/members.csv" --plans "$F/plans.csv" \
    "$F/families.837" >"$TMP/check.jsonl" || fail "check"
expect_eq "$(grep -c '"outcome":"void"' "$TMP/check.jsonl")" "15" "check voids every child's claim"
sed 's/batch_size = 5/batch_size = 1/' "$CONF" >"$TMP/one.conf"
for round in $(seq 20); do
    db=$(db_fresh t_sec_family_run)
    "$ADJ" --db "$db" db init >/dev/null
    "$ADJ" --db "$db" load --providers "$F/providers.csv" --members "$F/members.csv" --plans "$F/plans.csv" >/dev/null
    "$ADJ" --db "$db" ingest "$F/families.837" >/dev/null
    "$ADJ" --config "$TMP/one.conf" --db "$db" run --once >"$TMP/w1.out" 2>&1 & p1=$!
    "$ADJ" --config "$TMP/one.conf" --db "$db" run --once >"$TMP/w2.out" 2>&1 || fail "round $round worker 2: $(cat "$TMP/w2.out")"
    wait $p1 || fail "round $round worker 1: $(cat "$TMP/w1.out")"
    same_as_check "$db" "$TMP/check.jsonl" >"$TMP/cmp" || fail "round $round: $(cat "$TMP/cmp")"
done
echo "20 rounds of two workers: $(cat "$TMP/cmp")"

# the intake role supplies its own lock key: refused (the superuser's
# connection inserts the claim row as a fixture, then SET ROLE plays the
# intake and engine roles; the owner's attempts run as the superuser)
SEC_DB="$db"
pk=$(psql -X -At -d "$db" -c "SELECT max(claim_pk) FROM claim")
newpk=$(psql -X -q -At -d "$db" -c "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
     VALUES ('1234567893', 'FAM0001', 'FAM0001', 'X-1', 100) RETURNING claim_pk")
expect_refused "a supplied lock key" "a supplied lock key is refused" \
    "SET ROLE adj_intake; INSERT INTO intake_queue (claim_pk, person_lock) VALUES ($newpk, 42)"
# a done row set back to ready (the claim would be decided again): refused,
# for the engine role and for the owner alike
expect_refused "done -> ready as the engine" "done -> ready refused" \
    "SET ROLE adj_engine; UPDATE intake_queue SET state = 'ready' WHERE claim_pk = $pk"
expect_refused "done -> ready as the owner" "done -> ready refused" \
    "UPDATE intake_queue SET state = 'ready' WHERE claim_pk = $pk"
expect_refused "changing a lock key" "never change" \
    "UPDATE intake_queue SET person_lock = 42 WHERE claim_pk = $pk"
expect_refused "deleting a done row" "refused" "DELETE FROM intake_queue WHERE claim_pk = $pk"
expect_refused "truncating the queue" "refused" "TRUNCATE intake_queue CASCADE"
# failed -> ready stays possible (retrying a claim the engine could not decide)
psql -X -q -d "$db" -c "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
     VALUES ('1234567893', 'FAM0001', 'FAM0001', 'X-2', 100);
     INSERT INTO intake_queue (claim_pk) SELECT max(claim_pk) FROM claim;
     UPDATE intake_queue SET state = 'failed' WHERE state = 'ready';
     UPDATE intake_queue SET state = 'ready' WHERE state = 'failed'" >/dev/null || fail "failed -> ready refused"
db_fresh t_sec_family_run >/dev/null
