# Acknowledgements and 835s over `synth` data (duplicates, replacements,
# voids, malformed claims): through `check --remit-dir` and through the
# pipeline (`ingest`, `run --once`, `remit`): every claim balances, every
# file validates, a second `remit` writes nothing.
. tests/integration/pipeline_lib.sh
. tests/integration/x12valid_lib.sh
"$ADJ" synth --members 80 --months 3 --seed 7 --out "$TMP/s.837" --ref-dir "$TMP/ref" 2>/dev/null
ref=(--providers "$TMP/ref/providers.csv" --members "$TMP/ref/members.csv" --plans "$TMP/ref/plans.csv")
run_adj 1 check "${ref[@]}" --remit-dir "$TMP/c" "$TMP/s.837"
python3 tests/integration/check_835.py "$TMP"/c/*.835 >"$TMP/bal" || { cat "$TMP/bal" >&2; fail "check 835s do not balance"; }
grep -q "reversals [1-9]" "$TMP/bal" || fail "synth replacements and voids reverse their originals"
run_adj 1 ack --out "$TMP/a" "$TMP/s.837"
expect_contains "$TMP/a/s.837.277" "STC*A3:" "the malformed claim is rejected in the 277CA"

run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB" load "${ref[@]}"
run_adj 1 --db "$ADJ_DB" ingest "$TMP/s.837"
expect_eq "$(sql "SELECT count(*) FROM ack")" 2 "ingest stored a 999 and a 277CA"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
run_adj 0 --db "$ADJ_DB" remit --out "$TMP/p"
python3 tests/integration/check_835.py "$TMP"/p/*.835 >"$TMP/bal" || { cat "$TMP/bal" >&2; fail "pipeline 835s do not balance"; }
# every claim whose lines are all final and not rejected is paid exactly once
want=$(sql "SELECT count(*) FROM (SELECT d.claim_pk FROM decision_current d
             WHERE d.superseded_by IS NULL GROUP BY d.claim_pk
            HAVING bool_and(d.outcome <> 'pend') AND bool_or(d.outcome IN ('pay', 'deny', 'forward'))) x")
expect_eq "$(sql "SELECT count(DISTINCT claim_pk) FROM remit_claim WHERE kind = 'payment'")" "$want" "claims remitted"
expect_eq "$(sql "SELECT count(*) FROM remit_claim WHERE kind = 'reversal'")" 0 "nothing to reverse yet"
run_adj 0 --db "$ADJ_DB" remit --out "$TMP/p2"
expect_contains "$TMP/out" "remit: 0 835(s)" "nothing remitted twice"

if have_x12valid; then
    x12_validate "$TMP"/c/*.835 "$TMP"/a/*.999 "$TMP"/a/*.277 "$TMP"/p/*.835
else
    echo "SKIPPED: validation: no $X12VALID or python3-defusedxml"
fi
