# PostgreSQL restarted under a running `serve`: it reconnects with backoff,
# finishes the queue with the same decisions as an undisturbed run, and
# ends with status 0 on SIGTERM.
. tests/integration/pipeline_lib.sh
files=()
for k in $(seq 12); do
    for m in 01 02 03; do
        demo_copy "$D/2026-$m.837" $((k * 10 + ${m#0})) "$TMP/c$k-$m.837"; files+=("$TMP/c$k-$m.837")
    done
done
ref=$(db_fresh t_pr_ref)
setup_db "$ref"
"$ADJ" --db "$ref" ingest "${files[@]}" >/dev/null
"$ADJ" --config "$CONF" --db "$ref" run --once >/dev/null || fail "reference run"
decisions "$ref" >"$TMP/ref.txt"

setup_db "$ADJ_DB"
"$ADJ" --db "$ADJ_DB" ingest "${files[@]}" >/dev/null
sed 's/batch_size = 5/batch_size = 1/' "$CONF" >"$TMP/slow.conf"
"$ADJ" --config "$TMP/slow.conf" --db "$ADJ_DB" serve >"$TMP/serve.out" 2>"$TMP/serve.err" &
pid=$!
wait_until 2 '[ "$(queue_count done)" -gt 5 ]' || true
"$ROOT/deploy/pg-local" stop
left=$(cat "$TMP/serve.err" | wc -l)
# poll until serve has noticed the outage and is retrying (no fixed delay)
wait_until 10 'grep -q "database unavailable, retrying" "$TMP/serve.err"' || true
kill -0 "$pid" 2>/dev/null || { cat "$TMP/serve.err"; fail "serve died with the database"; }
"$ROOT/deploy/pg-local" start >/dev/null
wait_until 20 '[ "$(queue_count ready)" = 0 ]' || true
kill -TERM "$pid"
wait "$pid" || { cat "$TMP/serve.err"; fail "serve exit status after SIGTERM"; }
expect_contains "$TMP/serve.err" "database unavailable, retrying" "the outage is logged"
expect_contains "$TMP/serve.out" "1 reconnect" "one reconnect"
decisions "$ADJ_DB" >"$TMP/got.txt"
diff "$TMP/ref.txt" "$TMP/got.txt" >"$TMP/diff" || { head -20 "$TMP/diff"; fail "decisions differ after the restart"; }
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
db_fresh t_pr_ref >/dev/null
