# The queue worker with a stand-in decider (tests/example/worker_fixture.c):
# two and four concurrent workers fed several copies of the same claims pay
# exactly one copy; kill -9 at random points inside batches, 20 times, then
# a restart: every claim decided exactly once; a claim that cannot be
# decided is set aside without blocking the queue.
. tests/integration/worker_lib.sh
run_adj 0 --db "$ADJ_DB" db init
W="$ROOT/$BUILD/tests/example_worker_fixture"
KEY="$TMP/k"; head -c 32 /dev/urandom | base64 >"$KEY"; chmod 600 "$KEY"

for workers in 2 4; do
    sql "SELECT 1" >/dev/null
    mkclaims 40 3
    total=$(sql "SELECT count(*) FROM claim")
    pids=()
    for i in $(seq "$workers"); do
        "$W" "$ENGINE_DB" "$KEY" once 4 5 >"$TMP/w$i.out" 2>"$TMP/w$i.err" & pids+=($!)
    done
    for i in $(seq "$workers"); do
        wait "${pids[$((i-1))]}" || { cat "$TMP/w$i.err"; fail "worker $i of $workers failed"; }
    done
    expect_exactly_once "$total"
    busy=0
    for i in $(seq "$workers"); do
        n=$(sed -n 's/^claims \([0-9]*\) .*/\1/p' "$TMP/w$i.out"); [ "$n" -gt 0 ] && busy=$((busy+1))
    done
    [ "$busy" -ge 2 ] || fail "$workers workers: only $busy took part (the test proves nothing)"
done

# kill -9 at random points (the decider sleeps inside each batch's transaction)
mkclaims 400 2
total=$(sql "SELECT count(*) FROM claim")
kills=0
for round in $(seq 20); do
    "$W" "$ENGINE_DB" "$KEY" serve 5 40 >/dev/null 2>"$TMP/kill.err" &
    pid=$!
    sleep "0.$((RANDOM % 3))$((RANDOM % 10))"
    kill -9 "$pid" 2>/dev/null && kills=$((kills+1))
    wait "$pid" 2>/dev/null || true
done
[ "$kills" -eq 20 ] || fail "only $kills of 20 workers were killed mid-run"
partial=$(sql "SELECT count(*) FROM intake_queue WHERE state = 'done'")
[ "$partial" -lt "$total" ] || fail "the queue drained before the kills ended; lower the pace"
"$W" "$ENGINE_DB" "$KEY" once 50 >"$TMP/final.out" 2>&1 || { cat "$TMP/final.out"; fail "restart"; }
expect_exactly_once "$total"
expect_eq "$(sql "SELECT count(*) FROM checkpoint c WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.checkpoint_id = c.checkpoint_id)")" \
    "0" "no checkpoint without decisions (killed batches left none)"

# a claim that cannot be decided is set aside; the others are decided
mkclaims 125 2
sql "UPDATE claim SET claim_id = 'POISON' WHERE claim_pk = (SELECT max(claim_pk) - 3 FROM claim)" >/dev/null
"$W" "$ENGINE_DB" "$KEY" once 10 >"$TMP/p.out" 2>"$TMP/p.err" || { cat "$TMP/p.err"; fail "poison run"; }
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'failed' AND last_error LIKE '%POISON%'")" "1" "poison set aside"
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'ready'")" "0" "the rest decided"
expect_contains "$TMP/out" "ok:" "audit still verifies"
