# Chunked ingest (issue 20): a file is committed in chunks of claims, each
# queued as it commits, so a worker decides a file's first chunks while the
# rest is still being read; ingest killed (SIGKILL) in the middle of a
# chunk leaves only the committed chunks, and ingesting the same file again
# resumes after them: every claim stored and queued once, in file order,
# and the decisions the same as those of the file ingested in one
# transaction. The kill comes at a known point: another session holds a
# lock that the chunk writing the file's first rejected claim (claim 150)
# waits for, so chunks of 20 claims commit seven chunks first. A second
# ingest of the same file, started while the first is stuck, waits for the
# first's chunk (each chunk locks the interchange row and checks its count)
# and takes over when the first is killed.
. tests/integration/pipeline_lib.sh
"$ADJ" synth --members 300 --months 12 --seed 5 --out "$TMP/f.837" --ref-dir "$TMP/ref" 2>"$TMP/synth"
total=$(sed -n 's/.* claims=\([0-9]*\).*/\1/p' "$TMP/synth")
[ "$total" -gt 1000 ] || fail "synth wrote $total claims"
"$ADJ" parse --format jsonl "$TMP/f.837" 2>/dev/null | python3 -c '
import json, sys
for l in sys.stdin:
    print(json.loads(l)["claim_id"])' >"$TMP/parsed_ids"
first_bad=$("$ADJ" parse --format jsonl "$TMP/f.837" 2>/dev/null | python3 -c '
import json, sys
for i, l in enumerate(sys.stdin):
    if json.loads(l)["problems"]:
        print(i + 1); break')
expect_eq "$first_bad" "150" "the fixture's first rejected claim"

setup() { # CONNINFO
    "$ADJ" --db "$1" db init >/dev/null
    "$ADJ" --db "$1" load --providers "$TMP/ref/providers.csv" --members "$TMP/ref/members.csv" \
        --plans "$TMP/ref/plans.csv" >/dev/null
}
setup "$ADJ_DB"
cat "$CONF" >"$TMP/chunks.conf"
echo 'intake: { chunk_claims = 20; };' >>"$TMP/chunks.conf"
engine_backend_waits() { # how many sessions wait for a lock while inserting problems
    sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
         AND query LIKE 'INSERT INTO claim_problem%'"
}

# another session locks claim_problem against inserts, and keeps it
mkfifo "$TMP/lock.in"
psql -X -q -v ON_ERROR_STOP=1 -d "$ADJ_DB" <"$TMP/lock.in" >/dev/null 2>&1 &
locker=$!
exec 3>"$TMP/lock.in"
echo "BEGIN; LOCK TABLE claim_problem IN SHARE MODE; SELECT 1;" >&3
for _ in $(seq 600); do
    [ "$(sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
              WHERE c.relname = 'claim_problem' AND l.mode = 'ShareLock' AND l.granted")" = 1 ] && break
    sleep 0.1
done

"$ADJ" --config "$TMP/chunks.conf" --db "$ADJ_DB" ingest "$TMP/f.837" >"$TMP/ingest1.out" 2>"$TMP/ingest1.err" &
ingest=$!
for _ in $(seq 600); do
    [ "$(engine_backend_waits)" = 1 ] && break
    kill -0 "$ingest" 2>/dev/null || { cat "$TMP/ingest1.err"; fail "ingest ended before the lock"; }
    sleep 0.1
done
expect_eq "$(engine_backend_waits)" "1" "ingest waits in the chunk of claim 150"
expect_eq "$(sql "SELECT complete || ' ' || claims FROM interchange")" "false 140" "seven chunks committed"
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'ready'")" "140" "their claims are queued"

# a worker decides the committed chunks while the file is still being ingested
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'done'")" "140" "decided before the file ends"

# the same file again, beside the stuck ingest: it waits for the chunk in
# progress (the interchange row, locked by that chunk: at its INSERT ... ON
# CONFLICT or at its own chunk's lock)
"$ADJ" --config "$TMP/chunks.conf" --db "$ADJ_DB" ingest "$TMP/f.837" >"$TMP/ingest2.out" 2>"$TMP/ingest2.err" &
ingest2=$!
waits_on_row() {
    sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
         AND query ~ '^(INSERT INTO interchange |UPDATE interchange SET claims = claims)'"
}
for _ in $(seq 600); do
    [ "$(waits_on_row)" = 1 ] && break
    kill -0 "$ingest2" 2>/dev/null || { cat "$TMP/ingest2.err"; fail "the second ingest ended"; }
    sleep 0.1
done
expect_eq "$(waits_on_row)" "1" "the second ingest waits for the first's chunk"

# kill the first in the middle of its chunk: the second takes over after
# the committed chunks, and waits in turn in the chunk of claim 150
kill -KILL "$ingest"
wait "$ingest" 2>/dev/null || true
# a backend waiting for a lock notices its client gone only when it next
# talks to it: end it as the server would then (its transaction aborts)
sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
     AND query LIKE 'INSERT INTO claim_problem%'" >/dev/null
for _ in $(seq 600); do
    [ "$(waits_on_row)" = 0 ] && [ "$(engine_backend_waits)" = 1 ] && break
    sleep 0.1
done
expect_eq "$(waits_on_row)" "0" "the second ingest has the row"
expect_eq "$(engine_backend_waits)" "1" "the second ingest reaches the chunk of claim 150"
expect_eq "$(sql "SELECT complete || ' ' || claims || ' ' || sets FROM interchange")" "false 140 1" "the killed ingest's row"
expect_eq "$(sql "SELECT count(*) FROM claim")" "140" "nothing of the killed chunk stays"
expect_eq "$(sql "SELECT count(*) FROM claim_line l JOIN claim c USING (claim_pk)")" \
    "$(sql "SELECT count(*) FROM claim_line")" "no orphan lines"
echo "COMMIT;" >&3
exec 3>&-
wait "$locker" || true
set +e; wait "$ingest2"; rc=$?; set -e
cp "$TMP/ingest2.out" "$TMP/out"
expect_eq "$rc" "1" "the resumed ingest's exit (rejected claims)"
expect_contains "$TMP/out" "resumed an interrupted ingest after 140 claims" "resume said"
expect_contains "$TMP/out" "stored $((total - 140)) claims" "the rest stored"
expect_eq "$(sql "SELECT complete || ' ' || claims || ' ' || sets FROM interchange")" "true $total 2" "the row is complete"
expect_eq "$(sql "SELECT count(*) || ' ' || count(DISTINCT seq) || ' ' || min(seq) || ' ' || max(seq) FROM claim")" \
    "$total $total 1 $total" "every claim stored once, seq 1..$total"
expect_eq "$(sql "SELECT count(*) FROM intake_queue")" "$total" "every claim queued once"
expect_eq "$(sql "SELECT count(*) || ' ' || count(DISTINCT seq) FROM transaction_set")" "2 2" "each set stored once"
sql "SELECT adj_text(claim_id) FROM claim ORDER BY seq" >"$TMP/stored_ids"
cmp -s "$TMP/parsed_ids" "$TMP/stored_ids" || fail "stored claims differ from the file's, in file order"
run_adj 0 --config "$TMP/chunks.conf" --db "$ADJ_DB" ingest "$TMP/f.837"
expect_contains "$TMP/out" "already stored" "a third ingest stores nothing"

# decisions: the same as the file ingested whole, in one transaction
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
ref=$(db_fresh t_ingest_chunks_ref)
setup "$ref"
echo 'intake: { chunk_claims = 0; };' >>"$CONF"
run_adj 1 --config "$CONF" --db "$ref" ingest "$TMP/f.837"
expect_eq "$(psql -X -At -d "$ref" -c "SELECT count(*) FROM claim")" "$total" "one-transaction ingest"
run_adj 0 --config "$CONF" --db "$ref" run --once
decisions "$ADJ_DB" >"$TMP/d_chunks"
decisions "$ref" >"$TMP/d_whole"
[ -s "$TMP/d_whole" ] || fail "no decisions"
diff "$TMP/d_whole" "$TMP/d_chunks" >"$TMP/d_diff" || { head -20 "$TMP/d_diff"; fail "decisions differ"; }
psql -X -q -d "${ADJ_DB% dbname=*} dbname=postgres" -c "DROP DATABASE IF EXISTS t_ingest_chunks_ref WITH (FORCE)" >/dev/null 2>&1
