# PostgreSQL restarted under a running worker (serve mode): it reconnects
# with backoff and finishes the queue; SIGTERM then ends it cleanly; nothing
# is lost or decided twice.
. tests/integration/worker_lib.sh
run_adj 0 --db "$ADJ_DB" db init
W="$ROOT/$BUILD/tests/example_worker_fixture"
KEY="$TMP/k"; head -c 32 /dev/urandom | base64 >"$KEY"; chmod 600 "$KEY"
mkclaims 300 2
total=$(sql "SELECT count(*) FROM claim")

"$W" "$ADJ_DB" "$KEY" serve 5 20 >"$TMP/serve.out" 2>"$TMP/serve.err" &
pid=$!
# poll until the worker is mid-queue (no fixed delay)
wait_until 4 '[ "$(queue_count done)" -gt 0 ]' || true
done_before=$(sql "SELECT count(*) FROM intake_queue WHERE state = 'done'")
[ "$done_before" -gt 0 ] && [ "$done_before" -lt "$total" ] || fail "restart must hit a running worker ($done_before of $total done)"
"$ROOT/deploy/pg-local" stop
wait_until 10 'grep -q "database unavailable, retrying" "$TMP/serve.err"' || true
kill -0 "$pid" 2>/dev/null || { cat "$TMP/serve.err"; fail "the worker died with the database"; }
"$ROOT/deploy/pg-local" start >/dev/null
wait_until 30 '[ "$(queue_count ready)" = 0 ]' || true
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'ready'")" "0" "queue finished after the restart"

# new claims after the restart are picked up through LISTEN/NOTIFY or polling
mkclaims 310 2
total=$(sql "SELECT count(*) FROM claim")
wait_until 30 '[ "$(queue_count ready)" = 0 ]' || true
kill -TERM "$pid"
wait "$pid" || { cat "$TMP/serve.err"; fail "serve did not exit 0 on SIGTERM"; }
expect_contains "$TMP/serve.out" "reconnects 1" "one reconnect"
expect_exactly_once "$total"
