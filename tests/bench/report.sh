#!/usr/bin/env bash
# The regulator report over LINES decided CoCM/BHI lines, for `make bench`
# (tests/bench/run stage_report): claims, lines and decisions (5% re-run to
# a second version) written straight into a fresh database of the bench
# cluster (PGLOCAL_NAME=bench) by SQL, the decisions through the real
# trigger that records their reference data; then one `report
# approval-rates` (CSV, 12 months, all plans, as adj_reporting) is timed.
# Environment: ADJ, LINES (default 1000000), RUNS (reports timed, default
# 1). Prints one line per run: lines=N decisions=D seconds=S
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${ADJ:?}"
LINES=${LINES:-1000000}
export PGLOCAL_NAME=bench
conn=$("$root/deploy/pg-local" start)
admin=${conn/dbname=adjudicator/dbname=postgres}
db=${conn/dbname=adjudicator/dbname=adj_bench_report}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS adj_bench_report WITH (FORCE)" \
    -c "CREATE DATABASE adj_bench_report" >/dev/null 2>&1
"$ADJ" --db "$db" db init >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v lines="$LINES" <<'SQL' >/dev/null
SET synchronous_commit = off;
INSERT INTO plan (plan_id, name, bh_administrator, coinsurance_pct, copay_cents)
SELECT 'PLAN0' || i, 'Plan ' || i, CASE WHEN i % 2 = 0 THEN 'BH Co' END, 20, 0
  FROM generate_series(1, 6) i;
INSERT INTO member (member_id, effective_from, effective_to, plan_id)
SELECT 'M' || i, date '2025-01-01', NULL, 'PLAN0' || (1 + i % 6)
  FROM generate_series(1, 100000) i;
INSERT INTO provider (npi, name, kind)
SELECT lpad((1000000000 + i)::text, 10, '0'), 'P' || i, CASE WHEN i % 5 = 0 THEN 'behavioral' ELSE 'medical' END
  FROM generate_series(1, 60) i;
INSERT INTO checkpoint (checkpoint_id, seq, prev_hmac, decided_by, decisions, key_id, hmac)
VALUES (1, 1, '', 'bench', 0, 'bench', repeat('0', 64));
-- one line per claim
INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents, received_at,
                   interchange_date, dx, dx_qual)
SELECT convert_to(lpad((1000000000 + 1 + i % 60)::text, 10, '0'), 'UTF8'),
       convert_to('M' || (1 + i % 100000), 'UTF8'), convert_to('M' || (1 + i % 100000), 'UTF8'),
       convert_to('C' || i, 'UTF8'), 10000,
       timestamptz '2026-01-05' + (i % 360) * interval '1 day',
       date '2026-01-04' + (i % 360),
       ARRAY[convert_to(CASE WHEN i % 3 = 0 THEN 'E119' ELSE 'F329' END, 'UTF8')],
       ARRAY[convert_to('ABK', 'UTF8')]
  FROM generate_series(1, :lines) i;
INSERT INTO claim_line (claim_pk, line_no, lx, code, charge_cents, units_milli, dos_from, dos_to)
SELECT claim_pk, 1, 1,
       convert_to((ARRAY['99492', '99493', '99493', '99494', 'G2214', '99484', 'G0323', 'G0511'])[1 + claim_pk % 8], 'UTF8'),
       10000, 1000, date '2026-01-01' + (claim_pk % 360)::int, date '2026-01-01' + (claim_pk % 360)::int
  FROM claim;
INSERT INTO decision (claim_pk, chain_seq, line_no, lx, version, checkpoint_id, decided_at, decided_by,
                      person_key, service_month, dos, code, route, outcome, grp, carc, reason,
                      prev_hash, hash)
SELECT c.claim_pk, 1, 1, 1, 1, 1, c.received_at + (c.claim_pk % 5) * interval '1 day', 'bench',
       c.person_key, date_trunc('month', l.dos_from)::date, l.dos_from, l.code,
       CASE WHEN c.claim_pk % 23 = 0 THEN 'behavioral' ELSE 'medical' END,
       o.outcome, CASE WHEN o.carc IS NOT NULL THEN CASE WHEN o.carc = '18' THEN 'OA' ELSE 'CO' END END,
       o.carc, convert_to('bench', 'UTF8'), repeat('0', 64), repeat('1', 64)
  FROM claim c JOIN claim_line l USING (claim_pk)
 CROSS JOIN LATERAL (SELECT (ARRAY['pay', 'pay', 'pay', 'pay', 'pay', 'pay', 'deny', 'deny', 'pend', 'deny', 'forward', 'reject'])[1 + c.claim_pk % 12] AS outcome,
                            (ARRAY[NULL, NULL, NULL, NULL, NULL, NULL, '107', '231', NULL, '18', NULL, '16'])[1 + c.claim_pk % 12] AS carc) o;
-- 5% re-run to pay
INSERT INTO decision (claim_pk, chain_seq, line_no, lx, version, checkpoint_id, decided_at, decided_by,
                      rerun_reason, person_key, service_month, dos, code, route, outcome, reason,
                      prev_hash, hash)
SELECT claim_pk, 2, 1, 1, 2, 1, decided_at + interval '20 days', 'bench', 'fix', person_key,
       service_month, dos, code, route, 'pay', reason, hash, repeat('2', 64)
  FROM decision WHERE claim_pk % 20 = 0;
ANALYZE;
SQL
n=$(psql -X -At -d "$db" -c "SELECT count(*) FROM report_decision_basis")
"$ADJ" report keygen "$work/k.pem" "$work/k.pub" >/dev/null
printf 'report: { key_file = "%s"; };\n' "$work/k.pem" >"$work/adj.conf"
lines=$(psql -X -At -d "$db" -c "SELECT count(*) FROM claim_line")
for ((r = 0; r < ${RUNS:-1}; r++)); do
    t0=$(date +%s.%N)
    "$ADJ" --config "$work/adj.conf" --db "$db options='-c role=adj_reporting'" report approval-rates \
        --from 2026-01 --to 2026-12 --format csv --out "$work/r.csv" >"$work/out"
    t1=$(date +%s.%N)
    cat "$work/out" >&2
    echo "lines=$lines decisions=$n seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')"
done
psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS adj_bench_report WITH (FORCE)" >/dev/null 2>&1
