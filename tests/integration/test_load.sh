# load: upsert reference data through the engine's CSV parsers; errors name
# file and line and load nothing; workers see the version change.
D=deploy/demo-data
run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB" load --providers $D/providers.csv --members $D/members.csv --plans $D/plans.csv
expect_contains "$TMP/out" "loaded 2 plans, 4 providers, 4 member rows" "counts"
expect_eq "$(sql "SELECT coinsurance_pct || ' ' || copay_cents || ' ' || coalesce(bh_administrator, '-') FROM plan WHERE plan_id = 'SILVER-PPO'")" \
    "12.500 1000 -" "plan values"
expect_eq "$(sql "SELECT array_to_string(zips, ' ') || ' ' || kind FROM provider WHERE npi = '3333333334'")" \
    "94110 94103 behavioral" "provider values"
expect_eq "$(sql "SELECT coalesce(effective_to::text, 'open') FROM member WHERE member_id = 'MBR1003'")" "2026-12-31" "member dates"
expect_eq "$(sql "SELECT version FROM refdata_version")" "1" "version bumped"

# upsert: a changed plan replaces the stored one; other rows stay
printf 'plan_id,name,bh_administrator,coinsurance_pct,copay\nSILVER-PPO,Silver PPO 2027,,15,5\n' >"$TMP/plans.csv"
run_adj 0 --db "$ADJ_DB" load --plans "$TMP/plans.csv"
expect_eq "$(sql "SELECT coinsurance_pct || ' ' || copay_cents || ' ' || name FROM plan WHERE plan_id = 'SILVER-PPO'")" \
    "15.000 500 Silver PPO 2027" "plan updated"
expect_eq "$(sql "SELECT count(*) FROM plan")" "2" "other plan kept"

# errors name the file and line; nothing of the failed load is kept
run_adj 1 --db "$ADJ_DB" load --plans "$TMP/plans.csv" --providers tests/fixtures/refdata/bad-npi.csv
expect_contains "$TMP/err" "bad-npi.csv:" "file named"
expect_contains "$TMP/err" "nothing loaded" "all or nothing"
printf 'member_id,plan_id,effective_from,effective_to\nM1,GOLD-HMO,2026-01-01,\nM2,NO-SUCH,2026-01-01,\n' >"$TMP/members.csv"
run_adj 1 --db "$ADJ_DB" load --members "$TMP/members.csv"
expect_contains "$TMP/err" "members.csv:3: plan 'NO-SUCH'" "unknown plan names file and line"
expect_eq "$(sql "SELECT count(*) FROM member WHERE member_id = 'M1'")" "0" "earlier rows of the failed load rolled back"
expect_eq "$(sql "SELECT version FROM refdata_version")" "2" "failed loads leave the version"
run_adj 2 --db "$ADJ_DB" load
