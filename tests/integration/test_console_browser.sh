# The console in headless Chromium (tests/browser/console.mjs, puppeteer-core
# driving the system chromium): sign in, search, open a claim whose patient
# name holds <script> (rendered as text), work a pended line to paid, re-run
# a claim with a reason and see the new version, re-run every claim of a
# search (dry-run diff, commit, new versions), a POST without its CSRF token
# refused, sign out, a viewer refused both re-runs. Screenshots of the
# claim view and the pend queue go to $BUILD/.
. tests/integration/console_lib.sh
chromium=$(command -v chromium || true)
if [ -z "$chromium" ] || ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "SKIPPED: chromium, node or npm missing (deploy/install-deps installs them)"; return 0
fi
if [ ! -d tests/browser/node_modules/puppeteer-core ]; then
    (cd tests/browser && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
        { echo "SKIPPED: npm could not install puppeteer-core"; return 0; }
fi
# the provider is in fact a medical practice: MP-3001's re-run changes it
sed 's/^3333333334,\(.*\),behavioral,/3333333334,\1,medical,/' "$D/providers.csv" >"$TMP/providers.csv"
# and SILVER-PPO's coinsurance is 15%: the search re-run of MBR1002's paid claims changes them
sed 's/^SILVER-PPO,\(.*\),12.5,10$/SILVER-PPO,\1,15,10/' "$D/plans.csv" >"$TMP/plans.csv"
grep -q '^SILVER-PPO,.*,15,10$' "$TMP/plans.csv" || fail "plans fixture"
run_adj 0 --db "$ADJ_DB" load --providers "$TMP/providers.csv" --members "$D/members.csv" --plans "$TMP/plans.csv"
console_start 8484
mkdir -p "$ROOT/$BUILD"
CHROMIUM="$chromium" node tests/browser/console.mjs "http://127.0.0.1:8484" "$ROOT/$BUILD" >"$TMP/browser.out" 2>&1 ||
    { cat "$TMP/browser.out"; fail "browser test"; }
cat "$TMP/browser.out"
expect_contains "$TMP/browser.out" "0 failed" "every browser check passed"
[ -s "$ROOT/$BUILD/console-claim.png" ] && [ -s "$ROOT/$BUILD/console-pend.png" ] || fail "no screenshots"
expect_eq "$(sql "SELECT version || ' ' || outcome || ' ' || decided_by FROM decision_current WHERE claim_id = 'MP-3001'")" "2 pay postgres" "the re-run is stored"
# the search re-run: new versions of MBR1002's paid claims at 15%, by alice, with the reason
n=$(sql "SELECT count(DISTINCT d.claim_pk) FROM decision d JOIN claim c USING (claim_pk) WHERE adj_text(c.member_id) = 'MBR1002' AND d.rerun_reason = 'SILVER-PPO coinsurance corrected' AND d.app_user = 'alice'")
[ "$n" -ge 2 ] || fail "the search re-run wrote $n new decisions"
expect_eq "$(sql "SELECT count(*) FROM rerun_run WHERE reason = 'SILVER-PPO coinsurance corrected' AND NOT dry_run AND filter LIKE 'console search:%'")" "$(sql "SELECT count(DISTINCT d.billing_npi) FROM decision_current d JOIN claim c USING (claim_pk) WHERE adj_text(c.member_id) = 'MBR1002' AND d.outcome = 'pay'")" "one committed run per billing NPI"
