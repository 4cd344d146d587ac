# Decisions in the database equal what `adjudicator check` prints for the
# same files: a synthetic file (episodes, add-ons, duplicates, suspect
# duplicates, replacements, voids, dependents, malformed claims) and the
# demo story, ingested and decided by two concurrent workers.
. tests/integration/pipeline_lib.sh
"$ADJ" synth --members 150 --months 6 --seed 3 --out "$TMP/s.837" --ref-dir "$TMP/ref" 2>"$TMP/synth.err" \
    || { cat "$TMP/synth.err"; fail "synth"; }
R="$TMP/ref"

compare() { # DB CHECK_JSONL
    psql -X -At -d "$1" -c "SELECT json_build_object(
        'claim_id', adj_text(c.claim_id), 'line', d.lx, 'code', d.code,
        'member_id', adj_text(c.member_id), 'route', d.route, 'outcome', d.outcome,
        'group', d.grp, 'carc', d.carc, 'rarc', d.rarc,
        'allowed', (d.allowed_cents / 100.0)::numeric(14,2)::text,
        'paid', (d.paid_cents / 100.0)::numeric(14,2)::text,
        'patient_resp', (d.patient_resp_cents / 100.0)::numeric(14,2)::text,
        'ruleset', d.ruleset_id, 'rules', d.rules, 'reason', d.reason,
        'billing_npi', adj_text(c.billing_npi), 'dos', to_char(d.dos, 'YYYY-MM-DD'),
        'charge', (l.charge_cents / 100.0)::numeric(14,2)::text, 'units', l.units_milli / 1000.0,
        'matched_claim', nullif(d.matched_claim, ''), 'contract', 2,
        'deductible', (x.deductible_cents / 100.0)::numeric(14,2)::text,
        'coinsurance', (x.coinsurance_cents / 100.0)::numeric(14,2)::text,
        'copay', (x.copay_cents / 100.0)::numeric(14,2)::text,
        'primary_paid', (x.primary_paid_cents / 100.0)::numeric(14,2)::text,
        'cob_reduction', (x.cob_reduction_cents / 100.0)::numeric(14,2)::text)
        FROM decision_current d JOIN decision x USING (claim_pk, line_no, version)
        JOIN claim c ON c.claim_pk = d.claim_pk
        JOIN claim_line l ON l.claim_pk = d.claim_pk AND l.line_no = d.line_no
        ORDER BY d.claim_pk, d.line_no" >"$TMP/db.jsonl" || return 1
    python3 - "$2" "$TMP/db.jsonl" <<'PY'
import json, sys
want = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
if len(want) != len(got):
    sys.exit("check printed %d decisions, the database holds %d" % (len(want), len(got)))
for i, (w, g) in enumerate(zip(want, got)):
    for k in w:
        if w[k] != g.get(k):
            sys.exit("decision %d (claim %s line %s): %s: check %r, database %r" % (i + 1, w["claim_id"], w["line"], k, w[k], g.get(k)))
print("%d decisions equal" % len(want))
PY
}

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
