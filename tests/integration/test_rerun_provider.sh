# rerun on the demo story: correcting a provider's kind (behavioral ->
# medical) and re-running turns its CO-170 denial into a payment, keeps both
# versions, and the chain verifies; a dry run and a re-run of an unchanged
# claim write nothing; every run is audited; re-runs work as adj_staff.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
counts() { sql "SELECT (SELECT count(*) FROM decision) || ' ' || (SELECT count(*) FROM checkpoint) || ' '
                || (SELECT count(*) FROM history_event) || ' ' || (SELECT count(*) FROM ruleset)"; }
cur() { sql "SELECT version || ' ' || outcome || ' ' || coalesce(grp || '-' || carc, '-') || ' ' || coalesce(paid_cents::text, '-')
             FROM decision_current WHERE claim_id = '$1' AND line_no = ${2:-1}"; }
expect_eq "$(cur MP-3001)" "1 deny CO-170 0" "a behavioral practice billing 99492 is denied"
before=$(counts)

# unchanged claim: the identical decision, nothing written
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "provider dispute" --user alice
expect_contains "$TMP/out" "line 1 99492: deny CO-170 N95 allowed 0.00 paid 0.00 (unchanged)" "old = new"
expect_contains "$TMP/out" "rerun: 1 claim, 1 line: 0 changed in 0 claims, 1 unchanged; nothing changed, nothing written" "summary"
expect_eq "$(counts)" "$before" "an unchanged re-run writes no decision"

# the provider is in fact a medical practice
sed 's/^3333333334,\(.*\),behavioral,/3333333334,\1,medical,/' "$D/providers.csv" >"$TMP/providers.csv"
grep -q '^3333333334,.*,medical,' "$TMP/providers.csv" || fail "providers.csv not corrected"
run_adj 0 --db "$ADJ_DB" load --providers "$TMP/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv"

# dry run: says what would change, writes no decision
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --dry-run --reason "provider kind corrected" --user alice
expect_contains "$TMP/out" "line 1 99492: deny CO-170 N95 allowed 0.00 paid 0.00 -> pay allowed 149.30 paid 121.89" "dry run old -> new"
expect_contains "$TMP/out" "dry run: 1 claim, 1 line: 1 changed in 1 claim, 0 unchanged; nothing written" "dry-run summary"
expect_contains "$TMP/out" "deny CO-170" "change table"
expect_eq "$(counts)" "$before" "a dry run writes no decision, checkpoint or event"
expect_eq "$(cur MP-3001)" "1 deny CO-170 0" "still denied after the dry run"

# the real re-run, as a login that is only a member of adj_staff
psql -X -q -d "$ADJ_DB" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pr_analyst') THEN
    CREATE ROLE pr_analyst LOGIN PASSWORD 'pr-analyst-pw' IN ROLE adj_staff; END IF; END \$\$; ALTER ROLE pr_analyst PASSWORD 'pr-analyst-pw'" >/dev/null
staff_db="${ADJ_DB/user=postgres/user=pr_analyst password=pr-analyst-pw}"
[ "$staff_db" != "$ADJ_DB" ] || fail "could not build the staff conninfo"
run_adj 0 --config "$CONF" --db "$staff_db" rerun MP-3001 --reason "provider kind corrected" --user alice
expect_contains "$TMP/out" "deny CO-170 N95 allowed 0.00 paid 0.00 -> pay allowed 149.30 paid 121.89" "old -> new"
expect_contains "$TMP/out" "rerun: 1 claim, 1 line: 1 changed in 1 claim, 0 unchanged; 1 decision written" "summary"
expect_eq "$(cur MP-3001)" "2 pay - 12189" "paid now"
expect_eq "$(sql "SELECT string_agg(version || ':' || outcome || ':' || coalesce(rerun_reason, '-') || ':' || decided_by, ' ' ORDER BY version)
                  FROM decision d JOIN claim c USING (claim_pk) WHERE c.claim_id = 'MP-3001'")" \
    "1:deny:-:$(sql "SELECT decided_by FROM decision d JOIN claim c USING (claim_pk) WHERE c.claim_id = 'MP-3001' AND version = 1") 2:pay:provider kind corrected:pr_analyst" \
    "both versions kept, the new one with who (the database login) and why"
expect_eq "$(sql "SELECT db_login || ' ' || app_user FROM decision d JOIN claim c USING (claim_pk) WHERE c.claim_id = 'MP-3001' AND version = 2")" \
    "pr_analyst alice" "--user recorded beside the database login, never instead of it"
expect_eq "$(sql "SELECT count(*) FROM history_event")" "$(( $(echo "$before" | cut -d' ' -f3) + 1 ))" "the changed claim is recorded again"
expect_eq "$(sql "SELECT e.kind || ' ' || adj_text(e.claim_id) || ' ' || length(e.lines) FROM history_event e ORDER BY event_id DESC LIMIT 1")" \
    "record MP-3001 $(sql "SELECT length(lines) FROM history_event WHERE claim_id = 'PSF-1002'")" "with its paid line, for the claims after it"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
expect_contains "$TMP/out" "ok: 14 claims, 21 decisions" "the chain and checkpoints verify"

# show: newest version first, with who and why, text and JSON
run_adj 0 --db "$ADJ_DB" show MP-3001
first=$(grep -n 'version 2' "$TMP/out" | head -1 | cut -d: -f1); second=$(grep -n 'version 1' "$TMP/out" | head -1 | cut -d: -f1)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] || fail "show: newest version first"
expect_contains "$TMP/out" "by pr_analyst for user alice (rerun: provider kind corrected)" "show: who and why"
expect_contains "$TMP/out" "with reference data version 1, loaded" "show: the reference data used"
run_adj 0 --db "$ADJ_DB" show MP-3001 --format json
python3 - "$TMP/out" <<'PY' || fail "show --format json"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["claims"][0]
assert c["claim_id"] == "MP-3001", c
v = c["versions"]
assert [x["version"] for x in v] == [2, 1], v
assert v[0]["decided_by"] == "pr_analyst" and v[0]["user"] == "alice" and v[0]["rerun_reason"] == "provider kind corrected", v[0]
assert v[0]["refdata"]["version"] == 2 and v[0]["refdata"]["os_user"] and "providers" in v[0]["refdata"]["files"], v[0]
l = v[0]["lines"][0]
assert l["outcome"] == "pay" and l["paid"] == "121.89" and l["carc"] is None, l
o = v[1]["lines"][0]
assert o["outcome"] == "deny" and o["group"] == "CO" and o["carc"] == "170" and o["rarc"] == ["N95"], o
assert "edit.provider.may_not_bill" in o["rules"], o
assert len(l["ruleset_sha256"]) == 64 and l["ruleset_id"], l
PY

# again: nothing changes now. A worker holds the member (its advisory lock):
# the re-run waits for it, never deciding the member concurrently, and
# goes on once the worker's transaction ends
before=$(counts)
mkfifo "$TMP/hold"
psql -X -q -d "$ADJ_DB" <"$TMP/hold" >/dev/null &
lockpid=$!
exec 7>"$TMP/hold"
echo "BEGIN; SELECT pg_advisory_xact_lock(adj_person_lock(person_key)) FROM claim
    WHERE claim_id = 'MP-3001';" >&7
held() { [ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" -gt 0 ]; }
waiting() { [ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")" -gt 0 ]; }
wait_until 10 held || fail "the worker's lock was not taken"
"$ADJ" --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "check" --user bob >"$TMP/out" 2>"$TMP/err" &
rerunpid=$!
wait_until 20 waiting || fail "the re-run did not wait for the member lock"
kill -0 "$rerunpid" 2>/dev/null || fail "the re-run finished while the member was held"
expect_eq "$(counts)" "$before" "nothing written while the member is held"
echo "COMMIT;" >&7
exec 7>&-
wait "$lockpid"
wait "$rerunpid" || { cat "$TMP/err"; fail "the re-run after the lock"; }
expect_contains "$TMP/out" "(unchanged)" "second re-run unchanged"
expect_eq "$(counts)" "$before" "nothing written"
# unless asked to record it
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "recorded check" --user bob --record-unchanged
expect_eq "$(cur MP-3001)" "3 pay - 12189" "--record-unchanged writes an identical version"
expect_eq "$(sql "SELECT count(DISTINCT (outcome, paid_cents, rules, reason)) FROM decision d JOIN claim c USING (claim_pk)
                  WHERE c.claim_id = 'MP-3001' AND version >= 2")" "1" "the same decision"

# the audit table: who, why, the filter, counts, dry runs flagged
expect_eq "$(sql "SELECT string_agg(run_by || '|' || reason || '|' || filter || '|' || dry_run || '|' || state || '|'
                  || claims_done || '|' || lines_changed || '|' || decisions_written, E'\n' ORDER BY run_id) FROM rerun_run")" \
"alice|provider dispute|claims=MP-3001|false|done|1|0|0
alice|provider kind corrected|claims=MP-3001|true|done|1|1|0
alice|provider kind corrected|claims=MP-3001|false|done|1|1|1
bob|check|claims=MP-3001|false|done|1|0|0
bob|recorded check|claims=MP-3001|false|done|1|0|1" "every run recorded"
expect_eq "$(sql "SELECT session_user_name FROM rerun_run WHERE run_id = 3")" "pr_analyst" "the login is recorded"

# usage errors
run_adj 2 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --user alice
expect_contains "$TMP/err" "--reason and --user are required" "reason required"
run_adj 2 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "$(printf 'two\nlines')" --user alice
expect_contains "$TMP/err" "must be UTF-8 text on one line" "reason on one line"
run_adj 2 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "$(printf 'caf\351')" --user alice
expect_contains "$TMP/err" "must be UTF-8 text on one line" "reason in UTF-8"
run_adj 2 --config "$CONF" --db "$ADJ_DB" rerun --where month=2026-13 --reason r --user u
expect_contains "$TMP/err" "month= takes YYYY-MM" "bad month"
run_adj 2 --config "$CONF" --db "$ADJ_DB" rerun --where colour=red --reason r --user u
expect_contains "$TMP/err" "unknown filter 'colour=red'" "unknown filter"
run_adj 1 --config "$CONF" --db "$ADJ_DB" rerun NOPE-1 --reason r --user u
expect_contains "$TMP/err" "no decided claim NOPE-1 to re-run" "unknown claim"
run_adj 1 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 NOPE-2 --dry-run --reason r --user u
expect_contains "$TMP/err" "no decided claim NOPE-2 to re-run" "a claim ID not stored is named"
expect_contains "$TMP/out" "dry run: 1 claim, 1 line" "the others are still re-run"

# the staff role: options='-c role=adj_staff' works; a login outside adj_staff is refused
run_adj 0 --config "$CONF" --db "$ADJ_DB options='-c role=adj_staff'" rerun MP-3001 --reason "as staff" --user carol --record-unchanged
expect_eq "$(cur MP-3001)" "4 pay - 12189" "written under adj_staff"
psql -X -q -d "$ADJ_DB" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pr_outsider') THEN
    CREATE ROLE pr_outsider LOGIN PASSWORD 'pr-outsider-pw'; END IF; END \$\$; ALTER ROLE pr_outsider PASSWORD 'pr-outsider-pw'" >/dev/null
run_adj 2 --config "$CONF" --db "${ADJ_DB/user=postgres/user=pr_outsider password=pr-outsider-pw}" rerun MP-3001 --reason r --user u --dry-run
expect_contains "$TMP/err" "re-runs need the adj_staff role" "refused outside adj_staff"
# a decided claim is never queued again (done -> ready is refused, issue 15)
if sql "UPDATE intake_queue SET state = 'ready' WHERE claim_pk = (SELECT claim_pk FROM claim WHERE claim_id = 'MP-3001')" 2>"$TMP/requeue.err"; then
    fail "a done queue row was set back to ready"
fi
expect_contains "$TMP/requeue.err" "done -> ready refused" "done -> ready refused"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify

# show --format json stays valid JSON whatever bytes a claim ID holds
hostile=$(printf "Q'\\\\x\";\xe9\xc3\xa9")
hex=$(printf '%s' "$hostile" | od -An -tx1 | tr -d ' \n')
sql "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
     VALUES ('1234567893', 'M003', 'M003', '\\x$hex'::bytea, 1)" >/dev/null
set +e; "$ADJ" --db "$ADJ_DB" show "$hostile" --format json >"$TMP/h.json" 2>"$TMP/err"; rc=$?; set -e
expect_eq "$rc" "0" "show finds the hostile claim"
python3 - "$TMP/h.json" <<'PY' || fail "hostile claim ID as JSON"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
c = d["claims"][0]
assert c["claim_id"] == "Q'\\x\";\u00e9\u00e9", repr(c["claim_id"])
assert c["versions"] == [] and d["dependents"] == [], d
PY
