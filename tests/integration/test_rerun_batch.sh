# Batch re-runs of ~10,000 synthetic claims: a re-run of everything with
# unchanged data changes nothing; interrupted with SIGINT it stops between
# batches with nothing half-written; resumed and killed with -9 it loses
# only its open batch; the same command resumes again and decides each
# claim exactly once (but those a replacement or void superseded: never);
# shadow mode (--dry-run --ruleset NEW)
# writes nothing and its table equals that of the real re-run that follows.
. tests/integration/pipeline_lib.sh
sed -i 's/batch_size = 5;/batch_size = 200;/' "$CONF"
"$ADJ" synth --members 1050 --months 6 --seed 5 --out "$TMP/s.837" --ref-dir "$TMP/ref" 2>"$TMP/synth.err" \
    || { cat "$TMP/synth.err"; fail "synth"; }
R="$TMP/ref"
run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB" load --providers "$R/providers.csv" --members "$R/members.csv" --plans "$R/plans.csv"
run_adj 1 --db "$ADJ_DB" ingest "$TMP/s.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
claims=$(sql "SELECT count(DISTINCT claim_pk) FROM decision")
lines=$(sql "SELECT count(*) FROM decision")
[ "$claims" -ge 10000 ] || fail "only $claims claims decided"
# claims a later replacement or void superseded: never re-run
sup_claims=$(sql "SELECT count(DISTINCT claim_pk) FROM decision_current WHERE superseded_by IS NOT NULL")
sup_lines=$(sql "SELECT count(*) FROM decision_current WHERE superseded_by IS NOT NULL")
[ "$sup_claims" -gt 0 ] || fail "synth made no replacement or void"

# interrupted: SIGINT once some batches are committed
"$ADJ" --config "$CONF" --db "$ADJ_DB" rerun --where --reason "annual re-check" --user ops \
    --record-unchanged --batch 50 >"$TMP/r1.out" 2>"$TMP/r1.err" &
pid=$!
wait_until 8 '[ "$(sql "SELECT count(*) FROM rerun_claim WHERE done")" -gt 0 ]' || true
kill -INT "$pid" || { cat "$TMP/r1.err"; fail "the re-run ended early"; }
set +e; wait "$pid"; rc=$?; set -e
expect_eq "$rc" "130" "an interrupted re-run exits 130"
expect_contains "$TMP/r1.out" "rerun: run the same command again to resume" "says how to resume"
expect_eq "$(sql "SELECT state FROM rerun_run")" "interrupted" "the run is recorded as interrupted"
done1=$(sql "SELECT count(*) FROM rerun_claim WHERE done")
[ "$done1" -gt 0 ] && [ "$done1" -lt "$claims" ] || fail "interrupted after $done1 of $claims claims"
expect_eq "$(sql "SELECT count(*) FROM rerun_claim r WHERE r.done <> EXISTS (SELECT 1 FROM decision d
                  WHERE d.claim_pk = r.claim_pk AND d.version = 2)")" "0" "a claim is re-run exactly when it is marked done"
expect_eq "$(sql "SELECT count(*) FROM (SELECT d.claim_pk FROM decision d GROUP BY d.claim_pk
                  HAVING count(*) FILTER (WHERE version = 2) NOT IN (0, count(*) FILTER (WHERE version = 1))) x")" \
    "0" "no claim half-written"
grep -q '^rerun: [0-9]*/[0-9]* claims ([0-9]*%)$' "$TMP/r1.err" || { cat "$TMP/r1.err"; fail "plain progress lines when not a terminal"; }

# resumed, then killed outright (kill -9) mid-batch: its open batch rolls back
"$ADJ" --config "$CONF" --db "$ADJ_DB" rerun --where --reason "annual re-check" --user ops \
    --record-unchanged --batch 50 >"$TMP/r2.out" 2>"$TMP/r2.err" &
pid=$!
wait_until 8 '[ "$(sql "SELECT count(*) FROM rerun_claim WHERE done")" -gt "$((done1 + 200))" ]' || true
kill -KILL "$pid" || { cat "$TMP/r2.err"; fail "the resumed re-run ended early"; }
set +e; wait "$pid"; set -e
expect_eq "$(sql "SELECT state FROM rerun_run")" "running" "a killed run is left running"
done2=$(sql "SELECT count(*) FROM rerun_claim WHERE done")
[ "$done2" -gt "$done1" ] && [ "$done2" -lt "$claims" ] || fail "killed after $done2 of $claims claims"
expect_eq "$(sql "SELECT count(*) FROM rerun_claim r WHERE r.done <> EXISTS (SELECT 1 FROM decision d
                  WHERE d.claim_pk = r.claim_pk AND d.version = 2)")" "0" "after kill -9: re-run exactly when marked done"

# the same command resumes: every claim decided exactly once
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --where --reason "annual re-check" --user ops --record-unchanged --batch 50
expect_contains "$TMP/out" ", resumed)" "the run is resumed"
expect_contains "$TMP/out" "0 changed in 0 claims" "unchanged data: identical decisions"
expect_contains "$TMP/out" "; $sup_claims superseded claims skipped (replaced or voided later)" "superseded claims skipped and counted"
expect_eq "$(sql "SELECT count(*) FROM (SELECT d.claim_pk, d.line_no FROM decision d
                  JOIN decision_current c ON c.claim_pk = d.claim_pk AND c.line_no = d.line_no GROUP BY 1, 2
                  HAVING count(*) <> CASE WHEN bool_or(c.superseded_by IS NULL) THEN 2 ELSE 1 END) x")" "0" \
    "each line decided exactly once more, a superseded claim's not at all"
expect_eq "$(sql "SELECT count(*) FROM decision")" "$((lines * 2 - sup_lines))" "twice the decisions, but the superseded"
expect_eq "$(sql "SELECT state || ' ' || claims_selected || ' ' || claims_done || ' ' || claims_changed || ' ' || decisions_written
                  FROM rerun_run")" "done $((claims - sup_claims)) $((claims - sup_claims)) 0 $((lines - sup_lines))" "the audit row counts the whole run"
expect_eq "$(sql "SELECT count(*) FROM decision WHERE version = 2 AND (rerun_reason IS DISTINCT FROM 'annual re-check'
                  OR decided_by <> 'postgres' OR db_login <> 'postgres' OR app_user IS DISTINCT FROM 'ops')")" \
    "0" "who (the database login, --user beside it) and why on every new version"
# the identical decision, field for field
expect_eq "$(sql "SELECT count(*) FROM decision a JOIN decision b ON b.claim_pk = a.claim_pk AND b.line_no = a.line_no
                  AND b.version = 2 WHERE a.version = 1 AND (a.outcome, a.grp, a.carc, a.rarc, a.allowed_cents, a.paid_cents,
                  a.patient_resp_cents, a.rules, a.reason, a.ruleset_sha256, a.matched_claim)
                  IS DISTINCT FROM (b.outcome, b.grp, b.carc, b.rarc, b.allowed_cents, b.paid_cents,
                  b.patient_resp_cents, b.rules, b.reason, b.ruleset_sha256, b.matched_claim)")" "0" "identical decisions"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
expect_contains "$TMP/out" "ok: " "chains and checkpoints verify"

# shadow mode: a candidate ruleset (99493 fee up, one 99494 unit a month)
mkdir -p "$TMP/new"; cp -r "$ROOT"/rulesets/* "$TMP/new/"
sed -i -e 's/^id = "cocm-2025";/id = "cocm-2025-candidate";/' \
       -e 's/{ code = "99493"; amount = "133.59";/{ code = "99493"; amount = "140.00";/' \
       -e 's/{ code = "99494"; per_dos = 4; per_month = 4; }/{ code = "99494"; per_dos = 4; per_month = 1; }/' "$TMP/new/cocm-2025.conf"
grep -q 'per_month = 1; }' "$TMP/new/cocm-2025.conf" && grep -q '"140.00"' "$TMP/new/cocm-2025.conf" || fail "candidate not edited"
counts() { sql "SELECT (SELECT count(*) FROM decision) || ' ' || (SELECT count(*) FROM checkpoint)"; }
before=$(counts)
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --dry-run --ruleset "$TMP/new" --where month=2025-01..2025-06 --reason "2025 fee schedule" --user plan
cp "$TMP/out" "$TMP/shadow.out"
expect_eq "$(counts)" "$before" "shadow mode writes no decision or checkpoint"
cand_sha=$(sha256sum "$TMP/new/cocm-2025.conf" | cut -d' ' -f1)
expect_eq "$(sql "SELECT ruleset_id FROM ruleset WHERE sha256 = '$cand_sha' AND encode(sha256(body), 'hex') = sha256")" "cocm-2025-candidate" "the candidate's text is stored under its SHA-256"
expect_eq "$(sql "SELECT shadow || ' ' || ruleset_installed || ' ' || ('$cand_sha' = ANY (ruleset_sha256)) FROM rerun_run WHERE dry_run")" "true false true" "the shadow run records its candidate"
expect_contains "$TMP/shadow.out" "shadow run: candidate cocm-2025-candidate sha256 $cand_sha against" "says it is a shadow run, naming the candidate"
expect_contains "$TMP/shadow.out" "pay                pay" "fee changes counted"
expect_contains "$TMP/shadow.out" "pay                deny CO-119" "capped add-ons counted"
# a real run with rulesets that are not installed: refused unless asked for
run_adj 2 --config "$CONF" --db "$ADJ_DB" rerun --ruleset "$TMP/new" --where month=2025-01..2025-06 --reason "2025 fee schedule" --user plan
expect_contains "$TMP/err" "is not installed" "uninstalled ruleset refused"
expect_eq "$(counts)" "$before" "the refused run wrote nothing"
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --ruleset "$TMP/new" --allow-uninstalled-ruleset --where month=2025-01..2025-06 --reason "2025 fee schedule" --user plan
cp "$TMP/out" "$TMP/real.out"
expect_contains "$TMP/real.out" "which is not installed (--allow-uninstalled-ruleset; recorded as such)" "said"
expect_eq "$(sql "SELECT ruleset_installed FROM rerun_run WHERE NOT dry_run ORDER BY run_id DESC LIMIT 1")" "f" "recorded as not installed"
table() { sed -n '/^old /,/^total /p' "$1"; }
[ -n "$(table "$TMP/shadow.out")" ] || fail "no change table"
# the real run also rewrites lines whose ruleset alone changed; the shadow
# run counts only the candidate's material effect, the same where it counts
# (rows whose outcome or CARC changed match exactly; where only amounts
# changed, the paid difference does)
moved() { table "$1" | awk '{ o = substr($0, 1, 18); n = substr($0, 20, 18); if (o != n && o !~ /^(old|total) /) print }'; }
diff <(moved "$TMP/shadow.out") <(moved "$TMP/real.out") || fail "shadow counts differ from the real re-run's material changes"
paydiff() { table "$1" | awk 'substr($0, 1, 18) ~ /^pay +$/ && substr($0, 20, 18) ~ /^pay +$/ { print $NF }'; }
expect_eq "$(paydiff "$TMP/shadow.out")" "$(paydiff "$TMP/real.out")" "the same paid difference"
expect_eq "$(table "$TMP/shadow.out" | grep -c 'forward            forward' || true)" "0" "no unchanged line counted by the shadow run"
changed=$(sed -n 's/.*: \([0-9]*\) changed in.*/\1/p' "$TMP/real.out")
expect_eq "$(sql "SELECT count(*) FROM decision WHERE version = 3")" "$changed" "one new version per changed line's claim"
expect_eq "$(sql "SELECT count(*) FROM decision WHERE version = 3 AND ruleset_id = 'cocm-2025-candidate'")" "$changed" "under the candidate"
expect_eq "$(sql "SELECT count(*) FROM rerun_run WHERE dry_run")" "1" "the dry run is recorded, flagged"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
