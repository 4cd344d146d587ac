# Shared set-up of the test_report_*.sh files (sourced after lib.sh): the
# schema, the fixture of tests/fixtures/report_fixture.sql, an Ed25519 key
# pair and a config, and RDB: the conninfo of the test database as
# adj_reporting (NOLOGIN, so the superuser takes the role through the
# startup options). raw ARGS: the unsuppressed figures (superuser only).
run_adj 0 --db "$ADJ_DB" db init
psql_db -f "$ROOT/tests/fixtures/report_fixture.sql" >/dev/null || fail "fixture did not load"
run_adj 0 report keygen "$TMP/report.pem" "$TMP/report.pub"
cat >"$TMP/adj.conf" <<CONF
report: { key_file = "$TMP/report.pem"; entity = "Acme Health Plan, licence 933-0001";
          contracts = "CARVE: H0001-001; IN: H0002-001";
          attestation = "I attest that this report is complete and true."; };
CONF
RDB="$ADJ_DB options='-c role=adj_reporting'"
# report ARGS...: approval-rates as the reporting role, expecting exit 0
report() { run_adj 0 --config "$TMP/adj.conf" --db "$RDB" report approval-rates "$@"; }
# raw LEVEL PLAN MONTH FAMILY MEASURE [AS_OF]: one unsuppressed figure (of
# the KIND=medical billing providers' cell)
raw() {
    local at="now()"
    [ -n "${6:-}" ] && at="'$6'::timestamptz"
    sql "SELECT value FROM report_figures_core('2026-01-01', '2026-02-01', NULL, $at, 1, false)
          WHERE level = '$1' AND coalesce(plan_id, '') = '$2'
            AND coalesce(to_char(service_month, 'YYYY-MM'), '') = '$3'
            AND coalesce(code_family, '') = '$4' AND measure = '$5'
            AND coalesce(provider_kind, '${KIND:-medical}') = '${KIND:-medical}'"
}
