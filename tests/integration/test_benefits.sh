# Benefits a plan administers (issue 13): one family's plan year decided by
# `check` (in memory) and by the pipeline (PostgreSQL) to the same member
# share split, accumulators included; a void of an early claim changes the
# later claims' shares once they are re-run; the chain still verifies.
. tests/integration/pipeline_lib.sh
B="$ROOT/tests/fixtures/benefits"
REF=(--providers "$B/providers.csv" --members "$B/members.csv" --plans "$B/plans.csv")
FILES=("$B/year-q1.837" "$B/year-q2.837" "$B/year-q3.837" "$B/benefits-q1.837")

set +e
"$ADJ" check "${REF[@]}" --benefits "$B/benefits.csv" "${FILES[@]}" >"$TMP/check.jsonl" 2>"$TMP/check.err"
set -e
line() { # CLAIM LINE: the check decision
    python3 -c "import json,sys
for l in open('$TMP/check.jsonl'):
    d = json.loads(l)
    if d['claim_id'] == '$1' and d['line'] == $2: print(json.dumps(d, separators=(',', ':')))"
}
expect_line() { # CLAIM LINE EXPECTED-FRAGMENT WHAT
    line "$1" "$2" >"$TMP/one"
    expect_contains "$TMP/one" "$3" "$4"
}
# the deductible taken across two claims, then coinsurance
expect_line Y-0120 1 '"allowed":"149.30","paid":"0.00","patient_resp":"149.30"' "January: all deductible"
expect_line Y-0120 1 '"deductible":"149.30","coinsurance":"0.00","copay":"0.00"' "January split"
expect_line Y-0217 1 '"paid":"29.84","patient_resp":"108.16"' "February amounts"
expect_line Y-0217 1 '"deductible":"100.70","coinsurance":"7.46","copay":"0.00"' "February: the rest of the deductible, then 20%"
# the dependent's own deductible, counting toward the family's
expect_line Y-0224 1 '"deductible":"149.30","coinsurance":"0.00"' "Leo's deductible"
# the out-of-pocket maximum reached mid-year, then nothing more to pay
expect_line Y-0512 1 '"paid":"123.06","patient_resp":"14.94"' "May: the rest of the out-of-pocket maximum"
expect_line Y-0512 1 '"cost.oop_max"' "May names the maximum"
expect_line Y-0616 1 '"paid":"138.00","patient_resp":"0.00"' "June: the plan pays all"
# benefits.csv: CoCM at 10% under the deductible; an office visit with a
# 25.00 copay, outside the deductible
expect_line B-0110 1 '"deductible":"100.00","coinsurance":"4.93","copay":"0.00"' "CoCM family row"
expect_line B-0110 2 '"paid":"53.60","patient_resp":"38.40"' "office visit amounts"
expect_line B-0110 2 '"deductible":"0.00","coinsurance":"13.40","copay":"25.00"' "office visit code row"

compare_split() { # DB CHECK_JSONL
    psql -X -At -d "$1" -c "SELECT json_build_object(
        'claim_id', adj_text(c.claim_id), 'line', d.lx, 'outcome', d.outcome, 'carc', d.carc,
        'allowed', (d.allowed_cents / 100.0)::numeric(14,2)::text,
        'paid', (d.paid_cents / 100.0)::numeric(14,2)::text,
        'patient_resp', (d.patient_resp_cents / 100.0)::numeric(14,2)::text,
        'deductible', (x.deductible_cents / 100.0)::numeric(14,2)::text,
        'coinsurance', (x.coinsurance_cents / 100.0)::numeric(14,2)::text,
        'copay', (x.copay_cents / 100.0)::numeric(14,2)::text,
        'cob_reduction', (x.cob_reduction_cents / 100.0)::numeric(14,2)::text,
        'primary_paid', (x.primary_paid_cents / 100.0)::numeric(14,2)::text,
        'rules', d.rules, 'reason', d.reason)
        FROM decision_current d JOIN decision x ON x.claim_pk = d.claim_pk AND x.line_no = d.line_no
             AND x.version = d.version JOIN claim c ON c.claim_pk = d.claim_pk
        ORDER BY d.claim_pk, d.line_no" >"$TMP/db.jsonl" || return 1
    python3 "$ROOT/tests/integration/decisions_equal.py" "$2" "$TMP/db.jsonl" --db-fields
}

run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB" load "${REF[@]}" --benefits "$B/benefits.csv"
expect_contains "$TMP/out" "2 benefit rows" "benefit rows loaded"
expect_eq "$(sql "SELECT deductible_cents || ' ' || family_oop_max_cents || ' ' || plan_year_start FROM plan WHERE plan_id = 'BRONZE'")" "25000 80000 01-01" "plan benefit columns loaded"
expect_eq "$(sql "SELECT count(*) FROM member_person WHERE member_id = 'MBR2001'")" "2" "enrolled persons loaded"
set +e; "$ADJ" --db "$ADJ_DB" ingest "${FILES[@]}" >/dev/null 2>&1; set -e
# one claim at a time: accumulators cross batches through the history
sed 's/batch_size = 5/batch_size = 1/' "$CONF" >"$TMP/one.conf"
run_adj 0 --config "$TMP/one.conf" --db "$ADJ_DB" run --once
compare_split "$ADJ_DB" "$TMP/check.jsonl" >"$TMP/cmp" || fail "pipeline and check differ: $(cat "$TMP/cmp")"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify

# interchanges not meant for us (a fresh database, a config naming us)
db2=$(db_fresh t_benefits_intake)
run_adj 0 --db "$db2" db init
run_adj 0 --db "$db2" load "${REF[@]}"
cat "$CONF" >"$TMP/us.conf"
echo 'intake: { receiver_ids = "GGHP01 GGHP-ALT"; payer_id = "GGHP01"; usage = "P"; };' >>"$TMP/us.conf"
run_adj 1 --config "$TMP/us.conf" --db "$db2" ingest "$B/other-receiver.837"
expect_contains "$TMP/err" "addressed to receiver 'OTHERPLAN'" "another receiver is unreadable for us"
expect_contains "$TMP/err" "nothing stored" "another receiver: nothing stored"
run_adj 1 --config "$TMP/us.conf" --db "$db2" ingest "$B/test-usage.837"
expect_contains "$TMP/out" "test interchange: 1 claim validated, not stored" "test interchange in the summary"
expect_contains "$TMP/err" "ISA15 = T" "test interchange said on stderr"
expect_eq "$(psql -X -At -d "$db2" -c "SELECT count(*) FROM claim")" "0" "nothing of either stored"
run_adj 0 --config "$TMP/us.conf" --db "$db2" ingest "$B/other-payer.837"
# timely filing counts to the ingest date in the pipeline: received 3651 days after
run_adj 0 --config "$TMP/us.conf" --db "$db2" ingest "$B/year-q1.837"
psql -X -q -d "$db2" -c "UPDATE claim SET received_at = '2036-01-21 12:00+00' WHERE claim_id = convert_to('Y-0120', 'UTF8')"
run_adj 0 --config "$TMP/us.conf" --db "$db2" run --once
expect_eq "$(psql -X -At -d "$db2" -c "SELECT d.outcome || ' ' || d.grp || '-' || d.carc || ' ' || array_to_string(d.rarc, ',') FROM decision_current d JOIN claim c USING (claim_pk) WHERE c.claim_id = convert_to('X-1', 'UTF8')")" \
    "reject CO-16 MA130,N418" "another payer ID: a front-end reject"
expect_eq "$(psql -X -At -d "$db2" -c "SELECT d.outcome || ' ' || d.grp || '-' || d.carc FROM decision_current d JOIN claim c USING (claim_pk) WHERE c.claim_id = convert_to('Y-0120', 'UTF8')")" \
    "deny CO-29" "received after the timely-filing limit"
# with January denied, February takes the deductible
expect_eq "$(psql -X -At -d "$db2" -c "SELECT x.deductible_cents || ' ' || x.coinsurance_cents FROM decision_current d JOIN decision x USING (claim_pk, line_no, version) JOIN claim c ON c.claim_pk = d.claim_pk WHERE c.claim_id = convert_to('Y-0217', 'UTF8')")" \
    "13800 0" "February's share without January's"
run_adj 0 --config "$TMP/us.conf" --db "$db2" audit verify
db_fresh t_benefits_intake >/dev/null

# a void of an early claim: the later claims of the family and plan year
# that counted its share are its dependents, and a re-run re-decides them
set +e; "$ADJ" --db "$ADJ_DB" ingest "$B/year-void.837" >/dev/null 2>&1; set -e
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
run_adj 0 --config "$CONF" --db "$ADJ_DB" show Y-0120
expect_contains "$TMP/out" "member share counted the plan year's accumulators" "show lists the accumulators' dependents"
expect_contains "$TMP/out" "Y-0217" "February is a dependent"
expect_contains "$TMP/out" "Y-0224" "Leo's claim (same family) is a dependent"
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --where depends-on=Y-0120 --reason "January voided" --user test
expect_eq "$(sql "SELECT x.version || ' ' || x.deductible_cents || ' ' || x.coinsurance_cents || ' ' || x.paid_cents FROM decision_current d JOIN decision x USING (claim_pk, line_no, version) JOIN claim c ON c.claim_pk = d.claim_pk WHERE c.claim_id = convert_to('Y-0217', 'UTF8')")" \
    "2 13800 0 0" "February re-decided: the whole deductible is its own"
expect_eq "$(sql "SELECT x.deductible_cents || ' ' || x.coinsurance_cents FROM decision_current d JOIN decision x USING (claim_pk, line_no, version) JOIN claim c ON c.claim_pk = d.claim_pk WHERE c.claim_id = convert_to('Y-0317', 'UTF8') AND d.line_no = 1")" \
    "11200 520" "March takes the rest of the deductible"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify

# bad benefit configuration: one error line naming the file and line
printf 'plan_id,name,bh_administrator,coinsurance_pct,copay,plan_year_start\nP,x,,20,0,02-29\n' >"$TMP/bad-plans.csv"
run_adj 2 check --providers "$B/providers.csv" --members "$B/members.csv" --plans "$TMP/bad-plans.csv" "$B/year-q1.837"
expect_contains "$TMP/err" "bad-plans.csv:2: plan_year_start must be MM-DD" "plan year start checked"
printf 'plan_id,name,bh_administrator,coinsurance_pct,copay,deductible\nP,x,,20,0,-5\n' >"$TMP/bad-plans.csv"
run_adj 2 check --providers "$B/providers.csv" --members "$B/members.csv" --plans "$TMP/bad-plans.csv" "$B/year-q1.837"
expect_contains "$TMP/err" "bad-plans.csv:2: deductible must be dollars" "deductible checked"
printf 'member_id,plan_id,effective_from,effective_to,first_name\nM,BRONZE,2025-01-01,,ANN\n' >"$TMP/bad-members.csv"
run_adj 2 check --providers "$B/providers.csv" --members "$TMP/bad-members.csv" --plans "$B/plans.csv" "$B/year-q1.837"
expect_contains "$TMP/err" "bad-members.csv:2: first_name and birth_date name a person together" "persons need both"
printf 'plan_id,code_family,copay,coinsurance_pct,deductible_applies\nSILVER,dental,0,10,true\n' >"$TMP/bad-benefits.csv"
run_adj 1 --db "$ADJ_DB" load --benefits "$TMP/bad-benefits.csv"
expect_contains "$TMP/err" "code_family 'dental' is not a known family" "benefit family checked"
