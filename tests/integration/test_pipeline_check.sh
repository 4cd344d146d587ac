# Decisions in the database equal what `adjudicator check` prints for the
# same files: a synthetic file (episodes, add-ons, duplicates, suspect
# duplicates, replacements, voids, dependents, malformed claims) and the
# demo story, ingested and decided by two concurrent workers.
. tests/integration/pipeline_lib.sh
"$ADJ" synth --members 150 --months 6 --seed 3 --out "$TMP/s.837" --ref-dir "$TMP/ref" 2>"$TMP/synth.err" \
    || { cat "$TMP/synth.err"; fail "synth"; }
R="$TMP/ref"

. tests/integration/compare_lib.sh

set +e
"$ADJ" check --providers "$R/providers.csv" --members "$R/members.csv" --plans "$R/plans.csv" "$TMP/s.837" >"$TMP/check.jsonl" 2>/dev/null
set -e
[ "$(wc -l <"$TMP/check.jsonl")" -gt 1000 ] || fail "check printed too little"
# three workers with small batches, three times: a member's claims must be
# decided in arrival order whatever the interleaving (an earlier version
# let a worker overtake a claim another worker held, caught here)
sed 's/batch_size = 5/batch_size = 2/' "$CONF" >"$TMP/small.conf"
for round in 1 2 3; do
    db=$(db_fresh t_pc_round)
    "$ADJ" --db "$db" db init >/dev/null
    "$ADJ" --db "$db" load --providers "$R/providers.csv" --members "$R/members.csv" --plans "$R/plans.csv" >/dev/null
    set +e; "$ADJ" --db "$db" ingest "$TMP/s.837" >/dev/null; set -e
    pids=()
    for w in 1 2 3; do
        "$ADJ" --config "$TMP/small.conf" --db "$db" run --once >"$TMP/w$w.out" 2>&1 & pids+=($!)
    done
    for w in 1 2 3; do wait "${pids[$((w-1))]}" || fail "round $round worker $w: $(cat "$TMP/w$w.out")"; done
    compare "$db" "$TMP/check.jsonl" >"$TMP/cmp" || fail "synthetic file, round $round: $(cat "$TMP/cmp")"
done
db_fresh t_pc_round >/dev/null

# two workers with the configured batches, then the audit
run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB" load --providers "$R/providers.csv" --members "$R/members.csv" --plans "$R/plans.csv"
run_adj 1 --db "$ADJ_DB" ingest "$TMP/s.837"
"$ADJ" --config "$CONF" --db "$ADJ_DB" run --once >"$TMP/w1.out" 2>&1 &
p1=$!
"$ADJ" --config "$CONF" --db "$ADJ_DB" run --once >"$TMP/w2.out" 2>&1 || fail "worker 2: $(cat "$TMP/w2.out")"
wait $p1 || fail "worker 1: $(cat "$TMP/w1.out")"
compare "$ADJ_DB" "$TMP/check.jsonl" >"$TMP/cmp" || fail "synthetic file: $(cat "$TMP/cmp")"
expect_contains "$TMP/cmp" "decisions equal" "synthetic decisions equal"
expect_eq "$(sql "SELECT count(DISTINCT outcome) FROM decision")" "$(python3 -c "import json,sys; print(len({json.loads(l)['outcome'] for l in open('$TMP/check.jsonl')}))")" "every outcome kind compared"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify

# migration 005 fills the lines of history events written before it with
# SQL: that SQL must reproduce what the C writer stores, byte for byte
backfill=$(sed -n '/^UPDATE history_event e/,/^ WHERE c.claim_pk = e.claim_pk;/p' sql/005_history_lines.sql \
    | sed -e '1,2d' -e 's/^       lines = //' -e '/^  FROM claim c$/,$d')
[ -n "$backfill" ] || fail "backfill expression not found in sql/005_history_lines.sql"
# (events of claims with forwarded lines or add-on codes are left out: since
# DESIGN 10 the writer also records forwarded lines, for NCCI pairs across
# claims, and decides add-ons after their primaries; events written before
# migration 005 had neither)
old_kind="NOT EXISTS (SELECT 1 FROM decision d WHERE d.claim_pk = e.claim_pk AND (d.outcome = 'forward'
    OR d.code IN ('\\x3930373835', '\\x3930383333', '\\x3930383336', '\\x3930383338', '\\x3930383430', '\\x3939343934')))"
expect_eq "$(sql "SELECT count(*) FILTER (WHERE e.lines = ($backfill)) || ' of ' || count(*) FROM history_event e WHERE $old_kind")" \
    "$(sql "SELECT count(*) || ' of ' || count(*) FROM history_event e WHERE $old_kind")" "the backfill SQL equals the writer"
[ "$(sql "SELECT count(*) FROM history_event e WHERE $old_kind")" -gt 100 ] || fail "too few events compared"

# the demo story
demo=$(db_fresh t_pc_demo)
setup_db "$demo"
"$ADJ" check --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv" \
    "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837" >"$TMP/demo.jsonl"
"$ADJ" --db "$demo" ingest "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837" >/dev/null
"$ADJ" --config "$CONF" --db "$demo" run --once >/dev/null
compare "$demo" "$TMP/demo.jsonl" >"$TMP/cmp" || fail "demo: $(cat "$TMP/cmp")"
db_fresh t_pc_demo >/dev/null
