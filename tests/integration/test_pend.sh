# pend list and pend decide at the command line: every outcome (pay at the
# fee, pay at an amount, deny with CARC/RARC) and every refusal (unknown
# CARC/RARC, line not pended, 3 decimals, above fee x units, no fee without
# an amount, a suspect duplicate paid without naming its match, ambiguous
# claim number, no reason); decisions are new chained versions attributed
# to the database login, the audit chain verifies, history counts them.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
python3 tests/integration/pend_fixture.py "$TMP/april.837"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837 "$TMP/april.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
pcn() { sql "SELECT pcn FROM claim WHERE claim_id = '$1'"; }
cur() { sql "SELECT version || ' ' || outcome || ' ' || coalesce(grp || '-' || carc, '-') || ' ' || coalesce(nullif(array_to_string(rarc, ','), ''), '-')
             || ' ' || coalesce(allowed_cents::text, '-') || ' ' || coalesce(paid_cents::text, '-') || ' ' || decided_by
             FROM decision_current WHERE claim_id = '$1' AND line_no = 1"; }
decide() { run_adj "$1" --config "$CONF" --db "$ADJ_DB" pend decide "${@:2}"; }

# the queue, oldest first, with the rule that pended each line
run_adj 0 --db "$ADJ_DB" pend list
expect_contains "$TMP/out" "4 pended lines" "four pended lines (not the replaced claim's)"
orig5=$(sql "SELECT pcn FROM claim WHERE claim_id = 'PND-5005' ORDER BY claim_pk LIMIT 1")
repl5=$(sql "SELECT pcn FROM claim WHERE claim_id = 'PND-5005' ORDER BY claim_pk DESC LIMIT 1")
grep -q "$orig5" "$TMP/out" && fail "a replaced claim's pended line is listed"
expect_contains "$TMP/out" "$repl5" "its replacement is listed"
expect_contains "$TMP/out" "edit.duplicate.suspect" "suspect duplicate listed"
expect_contains "$TMP/out" "PND-5001 (pcn $(pcn PND-5001))" "its match by control number"
run_adj 0 --db "$ADJ_DB" pend list --reason no_fee --format json
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['total']==3 and {l['claim_id'] for l in d['lines']}=={'pnd-5003','PND-5004','PND-5005'}, d" "$TMP/out" || fail "--reason no_fee"
run_adj 0 --db "$ADJ_DB" pend list --older-than 1
expect_contains "$TMP/out" "0 pended lines" "nothing pended a day ago"
run_adj 2 --db "$ADJ_DB" pend list --older-than soon
run_adj 2 --db "$ADJ_DB" pend list --format csv

before=$(sql "SELECT count(*) FROM decision")
# refusals write nothing
decide 1 PND-5002 1 --pay --reason "looks fine"
expect_contains "$TMP/err" "suspect duplicate of claim PND-5001: the reason must name that claim" "match must be named"
decide 2 PND-5002 1 --pay --allowed 149.301 --reason "PND-5001 was another visit"
expect_contains "$TMP/err" "amount '149.301' is not a decimal amount with at most two decimals" "three decimals refused"
decide 1 PND-5002 1 --pay --allowed 149.31 --reason "PND-5001 was another visit"
expect_contains "$TMP/err" "allowed 149.31 is above the most line 1 may be paid: 149.30 (fee 149.30 x 1 unit, charge 210.00)" "never above fee x units"
decide 1 PND-5002 1 --pay --allowed 99999999.00 --reason "PND-5001 was another visit"
expect_contains "$TMP/err" "is absurd" "absurd amount refused"
decide 1 PND-5002 1 --pay --allowed -5 --reason "PND-5001 was another visit"
expect_contains "$TMP/err" "must be positive" "negative amount refused"
decide 2 PND-5002 1 --pay --reason "  "
expect_contains "$TMP/err" "a reason is required" "blank reason refused"
decide 2 PND-5002 1 --pay --deny 45 --reason "both"
expect_contains "$TMP/err" "give one of --pay and --deny CARC" "pay and deny together"
decide 2 PND-5002 --pay --reason "no line"
decide 1 PSF-1001 1 --deny 45 --reason "which one"
expect_contains "$TMP/err" "claim PSF-1001 names 2 claims: give the payer claim control number" "ambiguous claim number"
decide 1 NOPE-1 1 --deny 45 --reason "x"
expect_contains "$TMP/err" "no claim NOPE-1 is stored" "unknown claim"
decide 1 "$(pcn MP-3001)" 1 --deny 45 --reason "already denied"
expect_contains "$TMP/err" "line 1 of claim $(pcn MP-3001) is not pended: its decision in force is deny CO-170 N95" "line not pended"
decide 1 PND-5002 2 --deny 45 --reason "x"
expect_contains "$TMP/err" "has no line 2 (it has 1)" "no such line"
decide 1 pnd-5003 1 --deny 999 --reason "x"
expect_contains "$TMP/err" "unknown CARC '999': not in the reason code list" "unknown CARC"
decide 1 pnd-5003 1 --deny XX-45 --reason "x"
expect_contains "$TMP/err" "a group is CO, OA, PI or PR" "unknown group"
decide 1 pnd-5003 1 --deny 45 --rarc N9999 --reason "x"
expect_contains "$TMP/err" "unknown RARC 'N9999'" "unknown RARC"
decide 1 PND-5004 1 --pay --reason "priced"
expect_contains "$TMP/err" "has no fee in the ruleset in force: give --allowed AMOUNT (at most the charge 90.00)" "no fee needs an amount"
decide 1 PND-5004 1 --pay --allowed 90.01 --reason "priced"
expect_contains "$TMP/err" "allowed 90.01 is above the line's charge 90.00" "never above the charge"
decide 1 "$orig5" 1 --pay --allowed 50 --reason "x"
expect_contains "$TMP/err" "was replaced or voided later (pcn $repl5): work that claim instead" "superseded claim refused"
expect_eq "$(sql "SELECT count(*) FROM decision")" "$before" "refusals write nothing"

# pay a suspect duplicate at the fee, its match named
decide 0 PND-5002 1 --pay --reason "second visit, not a duplicate of PND-5001"
expect_contains "$TMP/out" "line 1: pay allowed 149.30 paid 119.44, decided by staff" "paid at fee x units"
expect_eq "$(cur PND-5002)" "2 pay - - 14930 11944 staff" "new version: paid, cost share of the plan (20%)"
expect_eq "$(sql "SELECT rerun_reason FROM decision_current WHERE claim_id = 'PND-5002'")" "second visit, not a duplicate of PND-5001" "the reason is kept"
expect_eq "$(sql "SELECT 'manual.pay' = ANY (rules) FROM decision_current WHERE claim_id = 'PND-5002'")" "t" "trace says by hand"
# pay at a given amount (no fee), the match named by control number works too
decide 0 PND-5004 1 --pay --allowed 80 --reason "contract rate"
expect_eq "$(cur PND-5004)" "2 pay - - 8000 6400 staff" "paid at the amount given"
# deny with a CARC and RARC
decide 0 "$(pcn pnd-5003)" 1 --deny CO-45 --rarc N130 --reason "not covered under contract"
expect_eq "$(cur pnd-5003)" "2 deny CO-45 N130 0 0 staff" "denied with CARC and RARC"
decide 0 "$repl5" 1 --pay --allowed 85.00 --reason "contract rate"
# once worked, a line is no longer pended
decide 1 PND-5002 1 --deny 18 --reason "changed my mind"
expect_contains "$TMP/err" "is not pended: its decision in force is pay allowed 149.30 paid 119.44" "worked line refused"
run_adj 0 --db "$ADJ_DB" pend list
expect_contains "$TMP/out" "0 pended lines" "the queue is empty"

# chained and checkpointed: audit verify passes; history counts the new lines
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
expect_eq "$(sql "SELECT count(*) FROM history_event WHERE kind = 'record' AND pcn = '$(pcn pnd-5003)'")" "2" "a new history record"
expect_eq "$(sql "SELECT lines = ''::bytea FROM history_event WHERE pcn = '$(pcn pnd-5003)' ORDER BY event_id DESC LIMIT 1")" "t" "the denied line no longer counts"
# final decisions in the reports' views
expect_eq "$(sql "SELECT count(*) FROM decision_current WHERE outcome = 'pend' AND superseded_by IS NULL")" "0" "nothing left pended but the replaced claim's line"

# a login that is only a member of adj_staff may work the queue; it is named
psql -X -q -d "$ADJ_DB" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pend_worker') THEN
    CREATE ROLE pend_worker LOGIN IN ROLE adj_staff; END IF; END \$\$; ALTER ROLE pend_worker PASSWORD 'pend-worker-pw'" >/dev/null
python3 tests/integration/pend_fixture.py "$TMP/may.837" 105 05 6
run_adj 0 --db "$ADJ_DB" ingest "$TMP/may.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
run_adj 0 --config "$CONF" --db "${ADJ_DB/user=postgres/user=pend_worker password=pend-worker-pw}" pend decide PND-6004 1 --pay --allowed 50.00 --reason "contract rate"
expect_eq "$(cur PND-6004)" "2 pay - - 5000 4000 pend_worker" "attributed to the login"
