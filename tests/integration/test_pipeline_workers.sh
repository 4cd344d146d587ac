# Concurrency and crashes with the real engine, judged against a sequential
# reference run of the same queue: two and four concurrent workers fed
# several copies of the demo story decide exactly as one worker does (one
# copy of each claim paid, the others OA-18); kill -9 of `serve` at random
# points inside batches, 20 times, then a restart: every claim decided
# exactly once, and the same decisions again.
. tests/integration/pipeline_lib.sh
copies=8
files=()
for k in $(seq $copies); do
    for m in 01 02 03; do
        demo_copy "$D/2026-$m.837" $((k * 10 + ${m#0})) "$TMP/c$k-$m.837"; files+=("$TMP/c$k-$m.837")
    done
done
ref=$(db_fresh t_pw_ref)
setup_db "$ref"
"$ADJ" --db "$ref" ingest "${files[@]}" >/dev/null
"$ADJ" --config "$CONF" --db "$ref" run --once >"$TMP/ref.out" || fail "reference run"
decisions "$ref" >"$TMP/ref.txt"
[ "$(wc -l <"$TMP/ref.txt")" -eq $((copies * 20)) ] || fail "reference: $(wc -l <"$TMP/ref.txt") decision lines"
# in the reference, each first-submission line is paid at most once across the copies
expect_eq "$(psql -X -At -d "$ref" -c "SELECT count(*) FROM (SELECT c.billing_npi, c.claim_id, d.line_no FROM decision_current d
    JOIN claim c USING (claim_pk) WHERE c.freq = '1' AND d.outcome = 'pay' GROUP BY 1, 2, 3 HAVING count(*) > 1) x")" "0" "one copy paid"
expect_eq "$(psql -X -At -d "$ref" -c "SELECT count(*) FROM decision_current WHERE outcome = 'deny' AND carc = '18'")" \
    "$(( 1 + (copies - 1) * 9 ))" "the story's resubmission, then the 9 lines each later copy repeats, are OA-18"

for workers in 2 4; do
    db=$(db_fresh t_pw_$workers)
    setup_db "$db"
    "$ADJ" --db "$db" ingest "${files[@]}" >/dev/null
    pids=()
    for i in $(seq $workers); do
        "$ADJ" --config "$CONF" --db "$db" run --once >"$TMP/w$i.out" 2>"$TMP/w$i.err" & pids+=($!)
    done
    for i in $(seq $workers); do wait "${pids[$((i-1))]}" || { cat "$TMP/w$i.err"; fail "worker $i"; }; done
    decisions "$db" >"$TMP/got.txt"
    diff "$TMP/ref.txt" "$TMP/got.txt" >"$TMP/diff" || { head -20 "$TMP/diff"; fail "$workers workers differ from one"; }
    took=$(cat "$TMP"/w*.out | grep -c "decided [1-9]")
    [ "$took" -ge 2 ] || fail "$workers workers: only $took decided anything"
    "$ADJ" --config "$CONF" --db "$db" audit verify >/dev/null || fail "audit after $workers workers"
done

# kill -9 of serve at random points, 20 times, then a restart: a longer
# queue (40 copies), one claim per batch, so the kills land mid-queue
kfiles=()
for k in $(seq 40); do
    for m in 01 02 03; do
        demo_copy "$D/2026-$m.837" $((k * 10 + ${m#0} + 5000)) "$TMP/k$k-$m.837"; kfiles+=("$TMP/k$k-$m.837")
    done
done
kref=$(db_fresh t_pw_kref)
setup_db "$kref"
"$ADJ" --db "$kref" ingest "${kfiles[@]}" >/dev/null
"$ADJ" --config "$CONF" --db "$kref" run --once >/dev/null || fail "kill reference run"
decisions "$kref" >"$TMP/kref.txt"
db=$(db_fresh t_pw_kill)
setup_db "$db"
"$ADJ" --db "$db" ingest "${kfiles[@]}" >/dev/null
sed 's/batch_size = 5/batch_size = 1/' "$CONF" >"$TMP/kill.conf"
kills=0
done_now() { psql -X -At -d "$db" -c "SELECT count(*) FROM intake_queue WHERE state = 'done'"; }
for round in $(seq 20); do
    before=$(done_now)
    "$ADJ" --config "$TMP/kill.conf" --db "$db" serve >/dev/null 2>&1 &
    pid=$!
    # kill once this serve is working the queue (it committed a batch, or
    # 10 s passed on a loaded machine), at a random point after that: a
    # fixed delay missed the queue entirely under load
    wait_until 10 '[ "$(done_now)" -gt "$before" ]' || true
    sleep "0.0$((RANDOM % 5))"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null || true
done
[ "$kills" -eq 20 ] || fail "only $kills kills landed"
partial=$(psql -X -At -d "$db" -c "SELECT count(*) FROM intake_queue WHERE state = 'done'")
echo "after 20 kills: $partial of $((40 * 14)) claims decided"
[ "$partial" -gt 0 ] && [ "$partial" -lt $((40 * 14)) ] || fail "the kills must land while the queue is being worked ($partial done)"
"$ADJ" --config "$CONF" --db "$db" run --once >/dev/null || fail "restart after kills"
decisions "$db" >"$TMP/got.txt"
diff "$TMP/kref.txt" "$TMP/got.txt" >"$TMP/diff" || { head -20 "$TMP/diff"; fail "decisions after kill -9 differ"; }
expect_eq "$(psql -X -At -d "$db" -c "SELECT coalesce(max(version), 0) FROM decision")" "1" "no claim decided twice"
"$ADJ" --config "$CONF" --db "$db" audit verify >/dev/null || fail "audit after kills"
for d in t_pw_ref t_pw_2 t_pw_4 t_pw_kill t_pw_kref; do db_fresh $d >/dev/null; done
