# Shared set-up of the test_report_*.sh files (sourced after lib.sh): the
# schema, the fixture of tests/fixtures/report_fixture.sql, a report key and
# a config, and RDB: the conninfo of the test database as adj_reporting
# (NOLOGIN, so the superuser takes the role through the startup options).
run_adj 0 --db "$ADJ_DB" db init
psql_db -f "$ROOT/tests/fixtures/report_fixture.sql" >/dev/null || fail "fixture did not load"
head -c 32 /dev/urandom | base64 >"$TMP/report.key"; chmod 600 "$TMP/report.key"
cat >"$TMP/adj.conf" <<CONF
report: { key_file = "$TMP/report.key"; };
CONF
RDB="$ADJ_DB options='-c role=adj_reporting'"
# report ARGS...: approval-rates as the reporting role, expecting exit 0
report() { run_adj 0 --config "$TMP/adj.conf" --db "$RDB" report approval-rates "$@"; }
