#!/usr/bin/env bash
# `adjudicator remit` over LINES decided lines for `make bench` (tests/bench/
# run stage_remit): a fresh database in the bench's private cluster
# (PGLOCAL_NAME=bench) filled by SQL with LINES/2 two-line claims of 50
# payees, decided as the engine would (80% of claims paid on both lines,
# the rest with the second line denied CO-119), then one timed `remit`.
# Environment: ADJ, LINES. Prints: lines=N seconds=S maxrss_kb=K files=F
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${ADJ:?}" "${LINES:?}"
export PGLOCAL_NAME=bench
conn=$("$root/deploy/pg-local" start)
admin=${conn/dbname=adjudicator/dbname=postgres}
db=${conn/dbname=adjudicator/dbname=adj_bench_remit}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS adj_bench_remit WITH (FORCE)" \
    -c "CREATE DATABASE adj_bench_remit" >/dev/null 2>&1
"$ADJ" --db "$db" db init >/dev/null
claims=$((LINES / 2))
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<SQL >/dev/null
INSERT INTO checkpoint (checkpoint_id, seq, prev_hmac, decided_by, decisions, key_id, hmac)
VALUES (1, 1, '', 'bench', $LINES, 'bench', repeat('0', 64));
INSERT INTO claim (claim_pk, billing_npi, member_id, person_key, claim_id, total_charge_cents,
                   freq, billing_name, patient_last, subscriber_first, interchange_date)
OVERRIDING SYSTEM VALUE
SELECT g, convert_to((1000000000 + g % 50)::text, 'UTF8'), convert_to('M' || g % 100000, 'UTF8'),
       convert_to('M' || g % 100000, 'UTF8'), convert_to('C' || g, 'UTF8'), 30000,
       '\x31', convert_to('PRACTICE ' || g % 50, 'UTF8'), '\x444f45', '\x4a414e45', date '2026-02-01'
  FROM generate_series(1, $claims) g;
INSERT INTO claim_line (claim_pk, line_no, lx, qualifier, code, charge_cents, units_milli,
                        dos_from, dos_to)
SELECT g, l, l, '\x4843', '\x3939343932', 15000, 1000, date '2026-01-15', date '2026-01-15'
  FROM generate_series(1, $claims) g, generate_series(1, 2) l;
INSERT INTO decision (claim_pk, chain_seq, line_no, lx, version, checkpoint_id, decided_at,
                      decided_by, person_key, dos, code, route, outcome, grp, carc, rarc,
                      allowed_cents, paid_cents, patient_resp_cents, reason, prev_hash, hash)
SELECT g, l, l, l, 1, 1, now(), 'bench', convert_to('M' || g % 100000, 'UTF8'),
       date '2026-01-15', '\x3939343932', 'medical', d.outcome,
       CASE WHEN d.outcome = 'deny' THEN 'CO' END, CASE WHEN d.outcome = 'deny' THEN '119' END,
       CASE WHEN d.outcome = 'deny' THEN '{N362}'::text[] ELSE '{}' END,
       CASE WHEN d.outcome = 'pay' THEN 14930 ELSE 0 END,
       CASE WHEN d.outcome = 'pay' THEN 11944 ELSE 0 END,
       CASE WHEN d.outcome = 'pay' THEN 2986 ELSE 0 END,
       '\x62656e6368', repeat('0', 64), repeat('0', 64)
  FROM generate_series(1, $claims) g, generate_series(1, 2) l,
       LATERAL (SELECT CASE WHEN l = 2 AND g % 5 = 0 THEN 'deny' ELSE 'pay' END AS outcome) d;
ANALYZE;
SQL
t0=$(date +%s.%N)
[ -z "${NO_REMIT:-}" ] || exit 0 # data only (for EXPLAIN)
/usr/bin/time -f "%M" -o "$work/rss" "$ADJ" --db "$db" remit --out "$work/out" >"$work/remit.out"
t1=$(date +%s.%N)
files=$(ls "$work"/out/*.835 | wc -l)
got=$(grep -h -c '^SVC\*' "$work"/out/*.835 | awk '{s += $1} END {print s}')
[ "$got" = "$LINES" ] || { echo "remit wrote $got service lines, expected $LINES" >&2; exit 1; }
echo "lines=$LINES seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}') maxrss_kb=$(tail -1 "$work/rss") files=$files"
[ -n "${KEEP_DB:-}" ] || psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS adj_bench_remit WITH (FORCE)" >/dev/null 2>&1 || true
