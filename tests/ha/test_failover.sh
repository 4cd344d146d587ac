# kill -9 of the primary node (its keeper and its postmaster, as when the host
# dies) ten times while three `serve` workers decide several thousand
# synthetic claims through the multi-host conninfo: pg_auto_failover promotes
# the synchronous standby each time, the workers reconnect and resume, and at
# the end every claim is decided exactly once, equal to `check`, and
# `audit verify` passes. Prints the failover timings (ha-note lines).
. tests/integration/pipeline_lib.sh
kills=${HA_KILLS:-10}
"$ADJ" synth --members 1500 --months 6 --seed 19 --out "$TMP/s.837" --ref-dir "$TMP/ref" 2>"$TMP/synth.err" \
    || { cat "$TMP/synth.err"; fail "synth"; }
R="$TMP/ref"
set +e
"$ADJ" check --providers "$R/providers.csv" --members "$R/members.csv" --plans "$R/plans.csv" "$TMP/s.837" >"$TMP/check.jsonl" 2>/dev/null
set -e
run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB" load --providers "$R/providers.csv" --members "$R/members.csv" --plans "$R/plans.csv"
run_adj 1 --db "$ADJ_DB" ingest "$TMP/s.837"
total=$(sql "SELECT count(*) FROM intake_queue")
[ "$total" -gt 3000 ] || fail "only $total claims queued"

# three workers, one claim per batch so every kill lands inside a batch
sed 's/batch_size = 5/batch_size = 1/' "$CONF" >"$TMP/ha.conf"
pids=()
for w in 1 2 3; do
    "$ADJ" --config "$TMP/ha.conf" --db "$ADJ_DB" serve >"$TMP/w$w.out" 2>"$TMP/w$w.err" & pids+=($!)
done
stop_workers() { for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null; kill -TERM "$p" 2>/dev/null || true; done; }
trap stop_workers EXIT

now() { date +%s.%N; }
since() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
done_count() { sql "SELECT count(*) FROM intake_queue WHERE state <> 'ready'" 2>/dev/null || echo -1; }
# poll until the command succeeds, at most $1 seconds
poll() { local t=$1 i=0; shift; until "$@" >/dev/null 2>&1; do i=$((i+1)); [ $i -lt $((t*10)) ] || return 1; sleep 0.1; done; }
progressed() { [ "$(done_count)" -ge "$1" ]; }
writable() { psql -X -At -d "$ADJ_DB" -c "SELECT 1 WHERE NOT pg_is_in_recovery()" | grep -q 1; }

fo=(); resume=(); rejoin=()
for k in $(seq "$kills"); do
    "$PGHA" wait 180 >/dev/null || fail "kill $k: the pair is not healthy"
    before=$(done_count)
    poll 60 progressed $((before + 10)) || fail "kill $k: the workers make no progress ($before done)"
    d0=$(done_count)
    [ "$d0" -lt "$total" ] || fail "kill $k: the queue ran dry before the kill ($d0 of $total); more claims needed"
    t0=$(now)
    node=$("$PGHA" kill-primary) || fail "kill $k: no primary to kill"
    poll 120 writable || fail "kill $k: no new primary within 120s"
    t1=$(now)
    d1=$(done_count)
    poll 120 progressed $((d1 + 1)) || fail "kill $k: the workers did not resume within 120s"
    t2=$(now)
    # the workers pause while the old primary rejoins (tens of seconds at
    # times), so the queue cannot run dry before the ten kills however fast
    # they decide; they go on once the pair is healthy again
    for p in "${pids[@]}"; do kill -STOP "$p"; done
    "$PGHA" restart-node "$node"
    "$PGHA" wait 300 >/dev/null || fail "kill $k: node $node did not rejoin as standby"
    t3=$(now)
    for p in "${pids[@]}"; do kill -CONT "$p"; done
    fo+=("$(since "$t0" "$t1")"); resume+=("$(since "$t0" "$t2")"); rejoin+=("$(since "$t2" "$t3")")
    echo "ha-note: kill $k: node $node at $d0 of $total; writable after ${fo[-1]}s, workers deciding after ${resume[-1]}s, old primary back as standby ${rejoin[-1]}s later"
done

# the kills are over: larger batches (engine.batch_size is reloadable) drain the rest
sed 's/batch_size = 5/batch_size = 20/' "$CONF" >"$TMP/ha.conf"
for p in "${pids[@]}"; do kill -HUP "$p"; done
poll 600 progressed "$total" || fail "the queue was not drained: $(done_count) of $total"
stop_workers
for p in "${pids[@]}"; do wait "$p" || true; done
trap - EXIT
reconnects=$(cat "$TMP"/w*.out "$TMP"/w*.err | grep -c "reconnected to the database" || true)
[ "$reconnects" -ge "$kills" ] || fail "only $reconnects worker reconnects for $kills kills"

# exactly once, equal to check, and the audit chain intact
expect_eq "$(sql "SELECT coalesce(max(version), 0) FROM decision")" "1" "no claim line decided twice"
expect_eq "$(sql "SELECT count(*) FROM (SELECT claim_pk FROM intake_queue WHERE state = 'done' EXCEPT SELECT claim_pk FROM decision) x")" "0" "every done claim has decisions"
. tests/integration/compare_lib.sh
compare "$ADJ_DB" "$TMP/check.jsonl" >"$TMP/cmp" || fail "after $kills failovers: $(cat "$TMP/cmp")"
cat "$TMP/cmp"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
stats() { python3 -c "import sys,statistics as s; v=[float(x) for x in sys.argv[1:]]; print('median %.1fs, max %.1fs' % (s.median(v), max(v)))" "$@"; }
echo "ha-note: $kills failovers over $total claims, $reconnects worker reconnects"
echo "ha-note: kill -> new primary writable: $(stats "${fo[@]}")"
echo "ha-note: kill -> workers deciding again: $(stats "${resume[@]}")"
echo "ha-note: old primary back as synchronous standby: $(stats "${rejoin[@]}")"
