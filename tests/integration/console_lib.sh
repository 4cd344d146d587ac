# Shared by the console tests: the demo story plus April's pended claims
# (one with a <script> patient name), two staff accounts, and a console on
# 127.0.0.1:$CONSOLE_PORT stopped when the test ends.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
python3 tests/integration/pend_fixture.py "$TMP/april.837"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837 "$TMP/april.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
echo "correct horse battery" | "$ADJ" --db "$ADJ_DB" staff add alice --role supervisor >/dev/null
echo "analyst password 1" | "$ADJ" --db "$ADJ_DB" staff add anna --role analyst >/dev/null
echo "viewer password 1" | "$ADJ" --db "$ADJ_DB" staff add victor --role viewer >/dev/null

# console_start PORT [ARGS...]: start it, wait (bounded) until it answers
console_start() {
    local port=$1; shift
    "$ADJ" --config "$CONF" --db "$ADJ_DB" console --port "$port" "$@" 2>>"$TMP/console.log" &
    CONSOLE_PIDS="${CONSOLE_PIDS:-} $!"
    trap 'for p in $CONSOLE_PIDS; do kill $p 2>/dev/null; done' EXIT
    for _ in $(seq 1 100); do
        grep -q "listening on .*:$port/" "$TMP/console.log" 2>/dev/null && return 0
        sleep 0.1
    done
    cat "$TMP/console.log" >&2
    fail "the console did not start on port $port"
}
