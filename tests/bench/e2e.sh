#!/usr/bin/env bash
# End to end through PostgreSQL for `make bench` (tests/bench/run stage_e2e):
# from the 837 file to committed decisions. Ingest commits the file in
# chunks (intake.chunk_claims) and WORKERS `serve` workers, started with
# it, decide each chunk as it commits (NOTIFY); the clock stops when ingest
# has ended and no claim is left ready. Then a raw COPY of every row the
# pipeline wrote for those claims (interchange, sets, claims, lines,
# problems, queue state, rulesets, checkpoints, decisions, history events)
# into the same tables of a fresh schema (same indexes, constraints and
# triggers, synchronous_commit on): the baseline of docs/architecture.md
# "Performance". Its own private cluster (PGLOCAL_NAME=bench) unless
# E2E_CONN names a server (conninfo with dbname=adjudicator). Environment:
# ADJ, FILE, REF_DIR, WORKERS, E2E_CONN, E2E_CHUNK (claims per chunk,
# default 10000; 0: ingest first in one transaction, then `run --once`
# workers, as before chunked ingest), E2E_STATS (a file for the rows and
# index entries written, table by table).
# Prints: claims=N lines=L seconds=S copy_seconds=C maxrss_kb=K
#         rows_per_line=R index_entries_per_line=I
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${ADJ:?}" "${FILE:?}" "${REF_DIR:?}"
WORKERS=${WORKERS:-2}
CHUNK=${E2E_CHUNK:-10000}
export PGLOCAL_NAME=bench
# E2E_CONN: a server already running (the HA trio of stage_e2e_ha), else pg-local
if [ -n "${E2E_CONN:-}" ]; then conn=$E2E_CONN; else conn=$("$root/deploy/pg-local" start); fi
admin=${conn/dbname=adjudicator/dbname=postgres}
run_db=${conn/dbname=adjudicator/dbname=adj_bench}
copy_db=${conn/dbname=adjudicator/dbname=adj_bench_copy}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
for d in adj_bench adj_bench_copy; do
    psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" -c "CREATE DATABASE $d" >/dev/null 2>&1
done
"$ADJ" audit keygen "$work/key.pem" "$work/key.pub" >/dev/null
cat >"$work/adj.conf" <<CONF
rulesets: { dir = "$root/rulesets"; };
engine: { batch_size = 500; poll_interval_ms = 100; };
audit: { signing_key = "$work/key.pem"; public_key = "$work/key.pub"; };
log: { level = "warn"; };
CONF
# (a build older than chunked ingest has no such key: E2E_CHUNK=0 measures it)
if "$ADJ" --help 2>&1 | grep -q 'intake.chunk_claims'; then
    echo "intake: { chunk_claims = $CHUNK; };" >>"$work/adj.conf"
fi
for db in "$run_db" "$copy_db"; do "$ADJ" --db "$db" db init >/dev/null; done
"$ADJ" --db "$run_db" load --providers "$REF_DIR/providers.csv" --members "$REF_DIR/members.csv" \
    --plans "$REF_DIR/plans.csv" >/dev/null

now() { date +%s.%N; }
ready() { psql -X -At -d "$run_db" -c "SELECT count(*) FROM intake_queue WHERE state = 'ready'"; }
pids=()
t0=$(now)
if [ "$CHUNK" = 0 ]; then
    "$ADJ" --config "$work/adj.conf" --db "$run_db" ingest "$FILE" >"$work/ingest.out" 2>/dev/null || [ $? -eq 1 ]
    for i in $(seq "$WORKERS"); do
        /usr/bin/time -f %M -o "$work/rss$i" "$ADJ" --config "$work/adj.conf" --db "$run_db" run --once \
            >"$work/w$i.out" 2>"$work/w$i.err" & pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || [ $? -eq 1 ]; done
else
    "$ADJ" --config "$work/adj.conf" --db "$run_db" ingest "$FILE" >"$work/ingest.out" 2>/dev/null &
    ingest=$!
    for i in $(seq "$WORKERS"); do
        "$ADJ" --config "$work/adj.conf" --db "$run_db" serve >"$work/w$i.out" 2>"$work/w$i.err" &
        pids+=($!)
    done
    wait "$ingest" || [ $? -eq 1 ] || { echo "e2e: ingest failed" >&2; kill -TERM "${pids[@]}"; exit 1; }
    # the workers drain what the last chunks queued: poll the queue
    while [ "$(ready)" != 0 ]; do
        for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "e2e: a worker died" >&2; exit 1; }; done
        sleep 0.05
    done
    t1=$(now)
    for i in "${!pids[@]}"; do # peak RSS of each worker before it ends
        sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/${pids[$i]}/status" >"$work/rss$i"
    done
    kill -TERM "${pids[@]}"
    for p in "${pids[@]}"; do wait "$p" || true; done
fi
[ "$CHUNK" = 0 ] && t1=$(now)
claims=$(psql -X -At -d "$run_db" -c "SELECT count(*) FROM intake_queue WHERE state = 'done'")
left=$(ready)
[ "$left" = 0 ] || { echo "e2e: $left claims left undecided" >&2; exit 1; }
lines=$(psql -X -At -d "$run_db" -c "SELECT count(*) FROM decision")
# write amplification: rows and index entries written per decided line,
# from the statistics the backends flushed as they ended (index entries:
# each row inserted and each update that was not HOT, times the indexes of
# its table or partition; partial indexes counted as if whole, so an upper
# bound)
amp_sql="WITH t AS (SELECT coalesce(h.inhparent, s.relid)::regclass::text AS tab, s.relid,
                        s.n_tup_ins AS ins, s.n_tup_upd - s.n_tup_hot_upd AS cold, s.n_tup_hot_upd AS hot
                   FROM pg_stat_user_tables s LEFT JOIN pg_inherits h ON h.inhrelid = s.relid),
              x AS (SELECT indrelid, count(*) AS n, count(*) FILTER (WHERE indpred IS NOT NULL) AS partial
                   FROM pg_index GROUP BY indrelid)
         SELECT tab, sum(ins), sum(cold), sum(hot), max(coalesce(x.n, 0)), max(coalesce(x.partial, 0)),
                sum((ins + cold) * coalesce(x.n, 0))
           FROM t LEFT JOIN x ON x.indrelid = t.relid
          WHERE ins + cold + hot > 0 GROUP BY tab ORDER BY tab"
for _ in $(seq 50); do # the statistics of ended backends may take a moment to land
    n=$(psql -X -At -d "$run_db" -c "SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables
                                      WHERE relname LIKE 'decision%'")
    [ "$n" -ge "$lines" ] && break
    sleep 0.1
done
psql -X -At -F ' ' -d "$run_db" -c "$amp_sql" >"$work/amp"
# (written out below, with the raw COPY's time per table)
amp=$(awk -v l="$lines" '{ r += $2 + $3 + $4; e += $7 } END { printf "rows_per_line=%.2f index_entries_per_line=%.2f", r / l, e / l }' "$work/amp")

# the baseline: the same rows, COPY'd into the same tables, one transaction
tables=(interchange transaction_set claim claim_line claim_problem intake_queue ruleset checkpoint decision history_event)
script="$work/copy.sql"
echo '\timing on' >"$script"
for t in "${tables[@]}"; do
    # the stored columns (not the generated ones), by a query: decision and
    # history_event are partitioned, and COPY TO takes no partitioned table;
    # the queue's lock key is the database's to compute (080_family_lock.sql)
    cols=$(psql -X -At -d "$run_db" -c "SELECT string_agg(quote_ident(attname), ',' ORDER BY attnum)
        FROM pg_attribute WHERE attrelid = '$t'::regclass AND attnum > 0 AND NOT attisdropped
        AND attgenerated = '' AND NOT ('$t' = 'intake_queue' AND attname = 'person_lock')")
    psql -X -q -d "$run_db" -c "\\copy (SELECT $cols FROM $t) TO '$work/$t.copy'"
    echo "\\copy $t ($cols) FROM '$work/$t.copy'" >>"$script"
done
c0=$(now)
psql -X -q -1 -v ON_ERROR_STOP=1 -d "$copy_db" -f "$script" >"$work/copy.log"
c1=$(now)
rss=$(cat "$work"/rss* | sort -n | tail -1)
if [ -n "${E2E_STATS:-}" ]; then
    { echo "table rows_inserted updates_not_hot updates_hot indexes partial_indexes index_entries"
      cat "$work/amp"
      echo; echo "index scans during the run (pg_stat_user_indexes; partitions summed):"
      psql -X -At -F ' ' -d "$run_db" -c "SELECT coalesce(pi.relname, s.indexrelname), sum(s.idx_scan)
          FROM pg_stat_user_indexes s LEFT JOIN pg_inherits h ON h.inhrelid = s.indexrelid
          LEFT JOIN pg_class pi ON pi.oid = h.inhparent
          WHERE s.relname ~ '^(claim|claim_line|claim_problem|intake_queue|decision|history_event|checkpoint|transaction_set|interchange)'
          GROUP BY 1 ORDER BY 1"
      echo; echo "raw COPY, ms per table:"
      paste -d' ' <(printf '%s\n' "${tables[@]}") <(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$work/copy.log")
    } >"$E2E_STATS"
fi
awk -v c="$claims" -v l="$lines" -v a="$t0" -v b="$t1" -v x="$c0" -v y="$c1" -v r="$rss" -v amp="$amp" \
    'BEGIN { printf "claims=%d lines=%d seconds=%.3f copy_seconds=%.3f maxrss_kb=%d %s\n", c, l, b - a, y - x, r, amp }'
for d in adj_bench adj_bench_copy; do psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done
