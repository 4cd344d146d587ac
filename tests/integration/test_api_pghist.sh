# The library API's PostgreSQL-backed history: a pipeline linking the
# library decides against what serve stored (a resubmitted January claim is
# an exact duplicate; March is paid as serve pays it), while the in-memory
# history, knowing nothing, would pay the resubmission.
. tests/integration/pipeline_lib.sh
ex="$ROOT/$BUILD/tests/example_pghist"
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D/2026-01.837" "$D/2026-02.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
"$ex" "$ROOT/rulesets" "$D/providers.csv" "$D/members.csv" "$D/plans.csv" "$ENGINE_DB" \
    >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err"; fail "example_pghist"; }
expect_contains "$TMP/out" 'pg {"claim_id":"PSF-1001-AGAIN","line":1,"code":"99492","member_id":"MBR1001","route":"medical","outcome":"deny","group":"OA","carc":"18"' "duplicate of the stored January claim"
expect_contains "$TMP/out" 'pg {"claim_id":"PSF-1201","line":1,"code":"99493","member_id":"MBR1001","route":"medical","outcome":"pay","group":null,"carc":null,"rarc":[],"allowed":"138.00","paid":"110.40"' "March paid as serve pays it"
expect_contains "$TMP/out" 'mem {"claim_id":"PSF-1001-AGAIN","line":1,"code":"99492","member_id":"MBR1001","route":"medical","outcome":"pay"' "without the database's history it would pay"
# serve, given the same March claim, decides the same
run_adj 0 --db "$ADJ_DB" ingest "$D/2026-03.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
expect_eq "$(sql "SELECT outcome || ' ' || paid_cents FROM decision_current WHERE claim_id = 'PSF-1201'")" "pay 11040" "serve agrees"
set +e; "$ex" "$ROOT/rulesets" "$D/providers.csv" "$D/members.csv" "$D/plans.csv" "host=$TMP/none dbname=x" >/dev/null 2>"$TMP/err"; rc=$?; set -e
expect_eq "$rc" "3" "no database: exit 3"
expect_contains "$TMP/err" "cannot connect" "the error says so"
