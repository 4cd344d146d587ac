# Helpers for integration tests. Each test file is run by tests/integration/run
# with: ADJ (the binary), ROOT, ADJ_DB (a fresh database of the private cluster),
# TMP (a scratch directory); sql and psql_db query the test database.
# A test function fails by calling fail; the file's exit status is the verdict.

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
    [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"
}

# expect_contains FILE TEXT WHAT
expect_contains() {
    grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; head -50 "$1" >&2; fail "$3: '$2' not found"; }
}

# run_adj EXPECTED_EXIT ARGS...: runs the binary, stdout in $TMP/out, stderr in $TMP/err
run_adj() {
    local want=$1; shift
    set +e
    "$ADJ" "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    set -e
    if [ "$rc" != "$want" ]; then
        echo "--- stdout:" >&2; head -40 "$TMP/out" >&2
        echo "--- stderr:" >&2; head -40 "$TMP/err" >&2
        fail "adjudicator $*: exit $rc, expected $want"
    fi
}

# sql QUERY: one psql query on the test database, unaligned, tuples only
sql() { psql -X -v ON_ERROR_STOP=1 -d "$ADJ_DB" -Atqc "$1"; }
psql_db() { psql -X -v ON_ERROR_STOP=1 -d "$ADJ_DB" -q "$@"; }

# wait_until SECONDS CONDITION: evaluate the shell CONDITION every 50 ms until
# it holds; status 1 when SECONDS pass first. Tests wait on a state, never
# for a fixed time.
wait_until() {
    local deadline=$(( $(date +%s%N) + $1 * 1000000000 ))
    until eval "$2" >/dev/null 2>&1; do
        [ "$(date +%s%N)" -lt "$deadline" ] || return 1
        sleep 0.05
    done
}
# queue_count STATE: intake_queue rows in STATE (ready, done, failed)
queue_count() { sql "SELECT count(*) FROM intake_queue WHERE state = '$1'"; }
