#!/usr/bin/env bash
# End to end through PostgreSQL for `make bench` (tests/bench/run stage_e2e):
# from the 837 file to committed decisions (ingest, then WORKERS concurrent
# `run --once` workers), then a raw COPY of every row the pipeline wrote for
# those claims (interchange, sets, claims, lines, problems, queue state,
# rulesets, checkpoints, decisions, history events) into the same tables of
# a fresh schema (same indexes, constraints and triggers, synchronous_commit
# on): the baseline of docs/architecture.md "Performance". Its own private cluster
# (PGLOCAL_NAME=bench) unless E2E_CONN names a server (conninfo with
# dbname=adjudicator). Environment: ADJ, FILE, REF_DIR, WORKERS, E2E_CONN.
# Prints: claims=N seconds=S copy_seconds=C maxrss_kb=K
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${ADJ:?}" "${FILE:?}" "${REF_DIR:?}"
WORKERS=${WORKERS:-2}
export PGLOCAL_NAME=bench
# E2E_CONN: a server already running (the HA trio of stage_e2e_ha), else pg-local
if [ -n "${E2E_CONN:-}" ]; then conn=$E2E_CONN; else conn=$("$root/deploy/pg-local" start); fi
admin=${conn/dbname=adjudicator/dbname=postgres}
run_db=${conn/dbname=adjudicator/dbname=adj_bench}
copy_db=${conn/dbname=adjudicator/dbname=adj_bench_copy}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for d in adj_bench adj_bench_copy; do
    psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" -c "CREATE DATABASE $d" >/dev/null 2>&1
done
"$ADJ" audit keygen "$work/key.pem" "$work/key.pub" >/dev/null
cat >"$work/adj.conf" <<CONF
rulesets: { dir = "$root/rulesets"; };
engine: { batch_size = 500; };
audit: { signing_key = "$work/key.pem"; public_key = "$work/key.pub"; };
log: { level = "warn"; };
CONF
for db in "$run_db" "$copy_db"; do "$ADJ" --db "$db" db init >/dev/null; done
"$ADJ" --db "$run_db" load --providers "$REF_DIR/providers.csv" --members "$REF_DIR/members.csv" \
    --plans "$REF_DIR/plans.csv" >/dev/null

now() { date +%s.%N; }
t0=$(now)
"$ADJ" --db "$run_db" ingest "$FILE" >"$work/ingest.out" 2>/dev/null || [ $? -eq 1 ]
pids=()
for i in $(seq "$WORKERS"); do
    /usr/bin/time -f %M -o "$work/rss$i" "$ADJ" --config "$work/adj.conf" --db "$run_db" run --once \
        >"$work/w$i.out" 2>"$work/w$i.err" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || [ $? -eq 1 ]; done
t1=$(now)
claims=$(psql -X -At -d "$run_db" -c "SELECT count(*) FROM intake_queue WHERE state = 'done'")
ready=$(psql -X -At -d "$run_db" -c "SELECT count(*) FROM intake_queue WHERE state = 'ready'")
[ "$ready" = 0 ] || { echo "e2e: $ready claims left undecided" >&2; exit 1; }

# the baseline: the same rows, COPY'd into the same tables, one transaction
tables=(interchange transaction_set claim claim_line claim_problem intake_queue ruleset checkpoint decision history_event)
script="$work/copy.sql"
: >"$script"
for t in "${tables[@]}"; do
    psql -X -q -d "$run_db" -c "\\copy $t TO '$work/$t.copy'"
    echo "\\copy $t FROM '$work/$t.copy'" >>"$script"
done
c0=$(now)
psql -X -q -1 -v ON_ERROR_STOP=1 -d "$copy_db" -f "$script" >/dev/null
c1=$(now)
rss=$(cat "$work"/rss* | sort -n | tail -1)
awk -v c="$claims" -v a="$t0" -v b="$t1" -v x="$c0" -v y="$c1" -v r="$rss" \
    'BEGIN { printf "claims=%d seconds=%.3f copy_seconds=%.3f maxrss_kb=%d\n", c, b - a, y - x, r }'
for d in adj_bench adj_bench_copy; do psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done
