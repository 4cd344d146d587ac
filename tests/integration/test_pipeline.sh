# The pipeline end to end on the demo story: load, ingest, run --once; the
# decisions, their traces and the audit chain; a second run decides nothing
# twice; serve with SIGHUP (invalid rulesets keep the old) and SIGTERM.
. tests/integration/pipeline_lib.sh
# each step as the role meant for it: load as staff, ingest as intake, the
# worker as the engine role
run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB options=-crole=adj_staff" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv"
run_adj 0 --db "$ADJ_DB options=-crole=adj_intake" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837
run_adj 0 --config "$CONF" --db "$ADJ_DB options=-crole=adj_engine" run --once
expect_contains "$TMP/out" "decided 14 claims (20 decision lines)" "all claims decided"
dec() { sql "SELECT outcome || ' ' || coalesce(grp || '-' || carc, '-') || ' ' || coalesce(paid_cents::text, '-')
             FROM decision_current WHERE claim_id = '$1' AND line_no = $2 ORDER BY claim_pk LIMIT 1 OFFSET ${3:-0}"; }
expect_eq "$(dec PSF-1001 1)" "pay - 11944" "initial CoCM month paid: 149.30 less 20% coinsurance"
expect_eq "$(dec PSF-1001 1 1)" "deny OA-18 0" "the resubmitted duplicate is OA-18"
expect_eq "$(dec HC-2001 1)" "forward - -" "psychotherapy in a carve-out is forwarded"
expect_eq "$(dec MP-3001 1)" "deny CO-170 0" "a behavioral clinician billing 99492"
expect_eq "$(dec BIM-4001 1)" "deny CO-B15 0" "an add-on without its base"
expect_eq "$(sql "SELECT count(*) FROM decision")" "20" "one row per line"
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state <> 'done'")" "0" "queue drained"
expect_eq "$(sql "SELECT count(*) FROM ruleset")" "$(ls "$ROOT"/rulesets/*.conf | wc -l)" "every ruleset in force is stored"
expect_eq "$(sql "SELECT count(*) FROM decision WHERE ruleset_sha256 IS NULL AND outcome NOT IN ('reject')")" "0" "decisions name their ruleset"
expect_eq "$(sql "SELECT count(*) FROM ruleset r WHERE encode(sha256(r.body), 'hex') <> r.sha256")" "0" "ruleset text matches its SHA-256"
expect_eq "$(sql "SELECT count(*) FILTER (WHERE kind = 'record') || ' ' || count(*) FILTER (WHERE kind = 'retract') FROM history_event")" "14 1" "a record per decided claim, a retract for the replacement"

first=$(sql "SELECT min(pcn) FROM claim WHERE claim_id = 'PSF-1101'")
last=$(sql "SELECT max(pcn) FROM claim WHERE claim_id = 'PSF-1101'")
expect_eq "$(sql "SELECT DISTINCT superseded_by FROM decision_current WHERE pcn = '$first'")" "$last" "the original is superseded by its replacement"
expect_eq "$(sql "SELECT count(*) FROM decision_current WHERE superseded_by IS NOT NULL")" "2" "only the original's two lines"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
expect_contains "$TMP/out" "decided 0 claims" "nothing decided twice"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
expect_contains "$TMP/out" "ok: 14 claims, 20 decisions" "audit verifies"
run_adj 0 --db "$ADJ_DB" show PSF-1001 --npi 1234567893
expect_eq "$(grep -c '^claim PSF-1001' "$TMP/out")" "2" "show: both submissions"
expect_contains "$TMP/out" "rules: edit.eligibility.covered, route.code.cocm" "show: the trace"
expect_contains "$TMP/out" "ruleset cocm-2026" "show: the ruleset"

# serve: new files are decided as they arrive; SIGHUP with a broken ruleset
# keeps the old ones; SIGTERM ends it with status 0
mkdir -p "$TMP/rules"; cp "$ROOT"/rulesets/*.conf "$TMP/rules/"
[ -d "$ROOT/rulesets/tables" ] && cp -r "$ROOT/rulesets/tables" "$TMP/rules/"
# polling every 10 minutes: only NOTIFY can wake this worker in time
sed -e "s|dir = \"$ROOT/rulesets\"|dir = \"$TMP/rules\"|" -e "s/poll_interval_ms = 200/poll_interval_ms = 600000/" \
    "$CONF" >"$TMP/serve.conf"
grep -q "poll_interval_ms = 600000" "$TMP/serve.conf" || fail "serve.conf"
"$ADJ" --config "$TMP/serve.conf" --db "$ADJ_DB" serve >"$TMP/serve.out" 2>"$TMP/serve.err" &
pid=$!
# poll (no fixed delay): serve has started once it logs its rulesets
wait_until 5 'grep -q "serve: .* rulesets" "$TMP/serve.err"' || true
expect_contains "$TMP/serve.err" "serve: " "serve started"
echo "this is = not libconfig {" >>"$TMP/rules/cocm-2026.conf"
kill -HUP "$pid"
wait_until 5 'grep -q "keeping the rulesets in force" "$TMP/serve.err"' || true
demo_copy "$D/2026-03.837" 777 "$TMP/copy.837"
run_adj 0 --db "$ADJ_DB" ingest "$TMP/copy.837"
wait_until 5 '[ "$(queue_count ready)" = 0 ]' || true
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'ready'")" "0" "serve decided the new file"
expect_contains "$TMP/serve.err" "keeping the rulesets in force" "the broken ruleset is refused"
# a valid ruleset set is taken on the next SIGHUP
cp "$ROOT/rulesets/cocm-2026.conf" "$TMP/rules/cocm-2026.conf"
kill -HUP "$pid"
wait_until 3 'grep -q "reload: .* rulesets from" "$TMP/serve.err"' || true
expect_contains "$TMP/serve.err" "reload: $(ls "$ROOT"/rulesets/*.conf | wc -l) rulesets from $TMP/rules" "the repaired rulesets are loaded"
# a copy's new claims are exact duplicates; its replacement replaces again
expect_eq "$(sql "SELECT count(*) FROM decision d JOIN claim c USING (claim_pk) WHERE c.isa13 = '000000777' AND c.freq = '1' AND d.outcome = 'pay'")" \
    "0" "copies of paid claims are not paid again"
expect_eq "$(sql "SELECT count(*) FROM decision d JOIN claim c USING (claim_pk) WHERE c.isa13 = '000000777' AND c.freq = '1' AND d.carc = '18'")" \
    "2" "they are OA-18"
t0=$(date +%s)
kill -TERM "$pid"
wait "$pid" || { cat "$TMP/serve.err"; fail "serve exit status"; }
[ $(( $(date +%s) - t0 )) -le 3 ] || fail "SIGTERM must end an idle wait at once"
expect_contains "$TMP/serve.out" "serve: decided 3 claims" "serve summary"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
