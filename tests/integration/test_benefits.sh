# Benefits a plan administers (issue 13): one family's plan year decided by
# `check` (in memory) and by the pipeline (PostgreSQL) to the same member
# share split, accumulators included; a void of an early claim changes the
# later claims' shares once they are re-run; the chain still verifies.
. tests/integration/pipeline_lib.sh
B="$ROOT/tests/fixtures/benefits"
REF=(--providers "$B/providers.csv" --members "$B/members.csv" --plans "$B/plans.csv")
FILES=("$B/year-q1.837" "$B/year-q2.837" "$B/year-q3.837")

set +e
"$ADJ" check "${REF[@]}" "${FILES[@]}" >"$TMP/check.jsonl" 2>"$TMP/check.err"
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
    python3 - "$2" "$TMP/db.jsonl" <<'PY'
import json, sys
want = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
if len(want) != len(got):
    sys.exit("check printed %d decisions, the database holds %d" % (len(want), len(got)))
for i, (w, g) in enumerate(zip(want, got)):
    for k in g:
        if w.get(k) != g[k]:
            sys.exit("decision %d (claim %s line %s): %s: check %r, database %r" % (i + 1, w["claim_id"], w["line"], k, w.get(k), g[k]))
print("%d decisions equal" % len(want))
PY
}

run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB" load "${REF[@]}"
expect_eq "$(sql "SELECT deductible_cents || ' ' || family_oop_max_cents || ' ' || plan_year_start FROM plan WHERE plan_id = 'BRONZE'")" "25000 80000 01-01" "plan benefit columns loaded"
expect_eq "$(sql "SELECT count(*) FROM member_person WHERE member_id = 'MBR2001'")" "2" "enrolled persons loaded"
set +e; "$ADJ" --db "$ADJ_DB" ingest "${FILES[@]}" >/dev/null 2>&1; set -e
# one claim at a time: accumulators cross batches through the history
sed 's/batch_size = 5/batch_size = 1/' "$CONF" >"$TMP/one.conf"
run_adj 0 --config "$TMP/one.conf" --db "$ADJ_DB" run --once
compare_split "$ADJ_DB" "$TMP/check.jsonl" >"$TMP/cmp" || fail "pipeline and check differ: $(cat "$TMP/cmp")"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
