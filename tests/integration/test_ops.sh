# Operations of serve: /metrics and /healthz answer on the configured local
# port while it runs (queue depth, decisions by outcome, batch latency);
# systemd's READY, WATCHDOG and STOPPING arrive on $NOTIFY_SOCKET; logs are
# JSON lines without member IDs; `status` shows the queue, failed claims,
# workers and the newest checkpoint.
. tests/integration/pipeline_lib.sh
PORT=9101
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D/2026-01.837" "$D/2026-02.837"
cat >>"$CONF" <<C
ops: { port = $PORT; };
log: { level = "debug"; format = "json"; };
C
# a notify socket as systemd's: every datagram on its own line
python3 - "$TMP/notify.sock" "$TMP/notify.log" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as f:
    while True:
        m = s.recv(4096).decode()
        f.write(m.replace("\n", " ") + "\n")
        if "STOPPING=1" in m:
            break
PY
npid=$!
wait_until 5 '[ -S "$TMP/notify.sock" ]' || true
NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=200000 \
    "$ADJ" --config "$CONF" --db "$ADJ_DB" serve >"$TMP/serve.out" 2>"$TMP/serve.err" &
pid=$!
trap 'kill $pid $npid 2>/dev/null || true' EXIT
get() { curl -s -o "$TMP/body" -w '%{http_code}' "http://127.0.0.1:$PORT$1" || true; }
# poll with a timeout: healthy, then the queue drained
wait_until 10 '[ "$(get /healthz)" = "200" ]' || true
expect_eq "$(get /healthz)" "200" "healthz answers while serve runs"
expect_contains "$TMP/body" '{"status":"ok","worker":"alive","db":"connected"}' "health body"
wait_until 10 '[ "$(queue_count ready)" = 0 ]' || true
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'ready'")" "0" "serve drained the queue"
pay=$(sql "SELECT count(*) FROM decision WHERE outcome = 'pay'")
deny=$(sql "SELECT count(*) FROM decision WHERE outcome = 'deny'")
claims=$(sql "SELECT count(*) FROM intake_queue WHERE state = 'done'")
# the counters follow the commit: poll until the last batch shows
wait_until 5 'get /metrics >/dev/null; grep -q "^adjudicator_claims_total $claims\$" "$TMP/body"' || true
expect_eq "$(get /metrics)" "200" "metrics answer"
m="$TMP/body"
expect_contains "$m" 'adjudicator_queue_claims{state="ready"} 0' "queue depth: ready"
expect_contains "$m" "adjudicator_queue_claims{state=\"done\"} $claims" "queue depth: done"
expect_contains "$m" "adjudicator_decisions_total{outcome=\"pay\"} $pay" "paid lines"
expect_contains "$m" "adjudicator_decisions_total{outcome=\"deny\"} $deny" "denied lines"
expect_contains "$m" "adjudicator_claims_total $claims" "claims decided"
expect_contains "$m" "adjudicator_reconnects_total 0" "no reconnect"
expect_contains "$m" "adjudicator_errors_total 0" "no error"
expect_contains "$m" '# TYPE adjudicator_batch_seconds histogram' "latency histogram"
batches=$(sed -n 's/^adjudicator_batch_seconds_count //p' "$m")
expect_eq "$batches" "$(sed -n 's/^adjudicator_batch_seconds_bucket{le="+Inf"} //p' "$m")" "+Inf bucket counts every batch"
[ "$batches" -ge 2 ] || fail "batches of 5 claims: at least 2, got $batches"
expect_eq "$(get /nothing)" "404" "unknown path"
# READY once, WATCHDOG while alive
wait_until 5 'grep -q "WATCHDOG=1" "$TMP/notify.log" 2>/dev/null' || true
expect_contains "$TMP/notify.log" "READY=1" "READY sent"
expect_contains "$TMP/notify.log" "WATCHDOG=1" "watchdog pinged"
# status while running
run_adj 0 --db "$ADJ_DB" status
expect_contains "$TMP/out" "queue: 0 ready, $claims done, 0 failed" "status: the queue"
expect_contains "$TMP/out" "workers (last hour): 1" "status: one worker"
expect_contains "$TMP/out" "checkpoint: #$(sql "SELECT max(seq) FROM checkpoint") at " "status: newest checkpoint"
kill -TERM $pid
set +e; wait $pid; rc=$?; set -e
expect_eq "$rc" "0" "serve exits 0 on SIGTERM"
wait_until 5 'grep -q "STOPPING=1" "$TMP/notify.log"' || true
expect_contains "$TMP/notify.log" "STOPPING=1" "STOPPING sent"
# the log: every line one JSON object with ts, level, pid, msg; no member ID
python3 - "$TMP/serve.err" <<'PY' || fail "serve's log is not JSON lines"
import json, sys
n = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    assert set(o) == {"ts", "level", "pid", "msg"}, o
    assert o["ts"].endswith("Z") and o["level"] in ("debug", "info", "warn", "error"), o
    n += 1
assert n >= 2, n
PY
grep -q "MBR10" "$TMP/serve.err" && fail "a member ID in the log"
# a failed claim as status shows it (exit 1), in JSON too: a new file's
# claim set aside as a worker would (ready -> failed)
demo_copy "$D/2026-03.837" 779 "$TMP/copy.837"
run_adj 0 --db "$ADJ_DB" ingest "$TMP/copy.837"
sql "UPDATE intake_queue SET state = 'failed', last_error = 'test: cannot decide'
     WHERE claim_pk = (SELECT min(claim_pk) FROM intake_queue WHERE state = 'ready')" >/dev/null
run_adj 1 --db "$ADJ_DB" status --format=json
python3 - "$TMP/out" <<'PY' || fail "status --format json"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["queue"]["failed"] == 1 and s["queue"]["ready"] >= 1 and s["failed"][0]["error"] == "test: cannot decide", s
assert len(s["workers"]) == 1 and s["checkpoint"]["seq"] >= 1, s
PY
run_adj 2 --db "$ADJ_DB" status --format=csv
expect_contains "$TMP/err" "status" "format refused by name"
# a port already taken is a configuration error
python3 - $PORT "$TMP/busy" <<'PY' &
import signal, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen()
open(sys.argv[2], "w").close()
signal.pause()  # held until the test kills it
PY
bpid=$!
wait_until 5 '[ -e "$TMP/busy" ]' || true
[ -e "$TMP/busy" ] || fail "could not hold port $PORT"
set +e; timeout 20 "$ADJ" --config "$CONF" --db "$ADJ_DB" serve >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
kill $bpid 2>/dev/null || true
expect_eq "$rc" "2" "a busy port is a configuration error"
expect_contains "$TMP/err" "ops.port $PORT: cannot listen" "busy port named"
