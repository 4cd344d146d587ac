# A shadow run shows the candidate's effect alone: after an unrelated
# reference-data change (a plan's coinsurance), a candidate that raises one
# fee is compared with the installed rulesets on the same claims, reference
# data and history, so only the lines the fee touches count; a plain dry
# run against the stored decisions counts the coinsurance change too.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once

# unrelated: the carved-in plan's coinsurance goes from 12.5% to 30%
sed 's/^SILVER-PPO,\(.*\),12.5,10$/SILVER-PPO,\1,30,10/' "$D/plans.csv" >"$TMP/plans.csv"
grep -q '^SILVER-PPO,.*,30,10$' "$TMP/plans.csv" || fail "plans.csv not edited"
run_adj 0 --db "$ADJ_DB" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$TMP/plans.csv"

# the candidate: 99493 at 140.00 instead of 138.00
mkdir -p "$TMP/cand"; cp -r "$ROOT"/rulesets/* "$TMP/cand/"
sed -i -e 's/^id = "cocm-2026";/id = "cocm-2026-fee";/' \
       -e 's/{ code = "99493"; amount = "138.00";/{ code = "99493"; amount = "140.00";/' "$TMP/cand/cocm-2026.conf"
grep -q '"140.00"' "$TMP/cand/cocm-2026.conf" || fail "candidate not edited"
before=$(sql "SELECT count(*) FROM decision")

run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --dry-run --ruleset "$TMP/cand" --where month=2026-02 --reason "fee proposal" --user analyst
expect_contains "$TMP/out" "shadow run: candidate" "a shadow run"
expect_contains "$TMP/out" "cocm-2026-fee sha256 $(sha256sum "$TMP/cand/cocm-2026.conf" | cut -d' ' -f1)" "candidate by SHA-256"
expect_contains "$TMP/out" ": 2 changed in 2 claims" "only the two 99493 lines changed"
expect_contains "$TMP/out" "shadow run: 4 claims, 6 lines" "February's claims (the replaced one skipped)"
# Ana 80% of +2.00, Lily (now 30% coinsurance) 70% of +2.00
expect_contains "$TMP/out" "pay                pay                       2         200.00         203.00           3.00" "fee effect only"
expect_eq "$(sql "SELECT count(*) FROM decision")" "$before" "nothing written"
expect_eq "$(sql "SELECT shadow || ' ' || ruleset_installed || ' ' || lines_changed FROM rerun_run")" "true false 2" "recorded"

# the same selection with the installed rulesets: a plain dry run against
# the stored decisions also counts the coinsurance change
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where month=2026-02 --reason "coinsurance" --user analyst
expect_contains "$TMP/out" "dry run: 4 claims, 6 lines: 2 changed in 2 claims" "the coinsurance change alone"
expect_eq "$(sql "SELECT count(*) FROM rerun_run WHERE shadow")" "1" "not a shadow run"
