#!/usr/bin/env bash
# The console under load for `make bench` (tests/bench/run stage_console):
# CLAIMS stored claims (default 10^6: the demo story's decided claims, then
# copies of one decided claim with their own claim numbers, members, billing
# providers and dates, each with its line and decision, written by SQL so the
# tables and indexes are those of production), then REQUESTS requests (half
# claim searches by claim number, half claim views) from CLIENTS concurrent
# signed-in clients on 127.0.0.1:PORT. Its own private cluster
# (PGLOCAL_NAME=bench). Environment: ADJ, CLAIMS, REQUESTS, CLIENTS, PORT.
# Prints: claims=N search_p50_ms= search_p95_ms= view_p50_ms= view_p95_ms=
# errors= maxrss_kb=
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${ADJ:?}"
CLAIMS=${CLAIMS:-1000000}
REQUESTS=${REQUESTS:-1000}
CLIENTS=${CLIENTS:-8}
PORT=${PORT:-8086}
export PGLOCAL_NAME=bench
conn=$("$root/deploy/pg-local" start)
admin=${conn/dbname=adjudicator/dbname=postgres}
db=${conn/dbname=adjudicator/dbname=adj_console_bench}
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
D="$root/deploy/demo-data"
"$ADJ" audit keygen "$work/audit.pem" "$work/audit.pub" >/dev/null
printf 'rulesets: { dir = "%s/rulesets"; };\naudit: { signing_key = "%s/audit.pem"; public_key = "%s/audit.pub"; };\n' \
    "$root" "$work" "$work" >"$work/adj.conf"
adj=("$ADJ" --config "$work/adj.conf" --db "$db")
have=$(psql -X -At -d "$db" -c "SELECT count(*) FROM claim" 2>/dev/null || echo 0)
if [ "$have" != "$CLAIMS" ]; then
    psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS adj_console_bench WITH (FORCE)" \
        -c "CREATE DATABASE adj_console_bench" >/dev/null 2>&1
    "${adj[@]}" db init >/dev/null
    "${adj[@]}" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv" >/dev/null
    "${adj[@]}" ingest "$D"/2026-0*.837 >/dev/null || true
    "${adj[@]}" run --once >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -v n="$CLAIMS" -d "$db" <<'SQL'
SET synchronous_commit = off;
CREATE TEMP TABLE t AS SELECT * FROM claim WHERE claim_id = 'PSF-1001' ORDER BY claim_pk LIMIT 1;
SELECT (:n - count(*)) AS more FROM claim \gset
INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents, patient_first,
                   subscriber_birth, freq, pos, raw, dx, dx_qual)
SELECT (ARRAY['1234567893','1111111112','2222222228','3333333334'])[1 + g % 4]::bytea,
       convert_to('BM' || (g % 200000), 'UTF8'), convert_to('BM' || (g % 200000), 'UTF8'),
       convert_to('BCH-' || g, 'UTF8'), t.total_charge_cents, t.patient_first, t.subscriber_birth,
       t.freq, t.pos, t.raw, t.dx, t.dx_qual
  FROM t, generate_series(1, :more) g;
INSERT INTO claim_line (claim_pk, line_no, lx, code, charge_cents, unit_basis, units_milli, dos_from, dos_to)
SELECT c.claim_pk, 1, 1, '99492'::bytea, 20000, 'UN'::bytea, 1000,
       DATE '2026-01-01' + (c.claim_pk % 365)::int, DATE '2026-01-01' + (c.claim_pk % 365)::int
  FROM claim c WHERE c.claim_id LIKE 'BCH-%';
INSERT INTO decision (claim_pk, chain_seq, line_no, lx, version, checkpoint_id, decided_at, decided_by,
                      person_key, service_month, dos, code, route, outcome, grp, carc, rarc,
                      allowed_cents, paid_cents, patient_resp_cents, ruleset_id, ruleset_sha256,
                      rules, reason, prev_hash, hash)
SELECT c.claim_pk, 1, 1, 1, 1, d.checkpoint_id, now(), 'bench', c.person_key,
       date_trunc('month', l.dos_from)::date, l.dos_from, d.code, d.route,
       CASE WHEN c.claim_pk % 10 = 0 THEN 'deny' ELSE d.outcome END,
       CASE WHEN c.claim_pk % 10 = 0 THEN 'CO' END, CASE WHEN c.claim_pk % 10 = 0 THEN '170' END,
       CASE WHEN c.claim_pk % 10 = 0 THEN '{N95}'::text[] ELSE '{}' END,
       d.allowed_cents, d.paid_cents, d.patient_resp_cents, d.ruleset_id, d.ruleset_sha256,
       d.rules, d.reason, d.prev_hash, md5(c.claim_pk::text) || md5(c.pcn)
  FROM claim c JOIN claim_line l ON l.claim_pk = c.claim_pk AND l.line_no = 1,
       (SELECT * FROM decision WHERE outcome = 'pay' ORDER BY decision_id LIMIT 1) d
 WHERE c.claim_id LIKE 'BCH-%';
ANALYZE;
SQL
fi
echo "correct horse battery" | "${adj[@]}" staff add bench --role viewer >/dev/null 2>&1 || true
"${adj[@]}" console --port "$PORT" --threads 4 </dev/null >/dev/null 2>"$work/console.log" &
pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/console.log" && break; sleep 0.1; done
n=$(psql -X -At -d "$db" -c "SELECT count(*) FROM claim")
python3 - "$PORT" "$REQUESTS" "$CLIENTS" "$n" <<'PY'
import http.client, random, re, sys, threading, time, urllib.parse
port, total, clients, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
lat = {"search": [], "view": []}
errors = [0]
lock = threading.Lock()
def client(k, count):
    rnd = random.Random(k)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/login"); r = c.getresponse(); body = r.read().decode()
    pre = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    cookie = re.search(r"pre=([0-9a-f]+)", r.getheader("Set-Cookie")).group(1)
    form = urllib.parse.urlencode({"csrf": pre, "login": "bench", "password": "correct horse battery"})
    c.request("POST", "/login", form, {"Cookie": "pre=" + cookie,
              "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse(); r.read()
    sid = re.search(r"sid=([0-9a-f]+)", r.getheader("Set-Cookie") or "").group(1)
    h = {"Cookie": "sid=" + sid}
    c.request("GET", "/", headers=h); body = c.getresponse().read().decode()
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    for i in range(count):
        g = rnd.randint(1, max(1, n - 20))
        t0 = time.perf_counter()
        if i % 2 == 0:
            form = urllib.parse.urlencode({"csrf": csrf, "claim": "bch-%d" % g})
            c.request("POST", "/search", form, dict(h, **{"Content-Type": "application/x-www-form-urlencoded"}))
            kind = "search"
        else:
            c.request("GET", "/claim/2026%011d" % (g + 18), headers=h)
            kind = "view"
        r = c.getresponse(); r.read()
        ms = (time.perf_counter() - t0) * 1000
        with lock:
            lat[kind].append(ms)
            if r.status != 200: errors[0] += 1
threads = [threading.Thread(target=client, args=(k, total // clients)) for k in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
def pct(v, p):
    v = sorted(v); return v[min(len(v) - 1, int(len(v) * p / 100))] if v else -1
print("claims=%d search_p50_ms=%.1f search_p95_ms=%.1f view_p50_ms=%.1f view_p95_ms=%.1f errors=%d requests=%d"
      % (n, pct(lat["search"], 50), pct(lat["search"], 95), pct(lat["view"], 50), pct(lat["view"], 95),
         errors[0], len(lat["search"]) + len(lat["view"])), end=" ")
PY
echo "maxrss_kb=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' /proc/$pid/status)"
