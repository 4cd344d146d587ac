# The console in headless Chromium (tests/browser/console.mjs, puppeteer-core
# driving the system chromium): sign in, search, open a claim whose patient
# name holds <script> (rendered as text), work a pended line to paid, re-run
# a claim with a reason and see the new version, a POST without its CSRF
# token refused, sign out, a viewer refused a re-run. Screenshots of the
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
run_adj 0 --db "$ADJ_DB" load --providers "$TMP/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv"
console_start 8084
mkdir -p "$ROOT/$BUILD"
CHROMIUM="$chromium" node tests/browser/console.mjs "http://127.0.0.1:8084" "$ROOT/$BUILD" >"$TMP/browser.out" 2>&1 ||
    { cat "$TMP/browser.out"; fail "browser test"; }
cat "$TMP/browser.out"
expect_contains "$TMP/browser.out" "0 failed" "every browser check passed"
[ -s "$ROOT/$BUILD/console-claim.png" ] && [ -s "$ROOT/$BUILD/console-pend.png" ] || fail "no screenshots"
expect_eq "$(sql "SELECT version || ' ' || outcome || ' ' || decided_by FROM decision_current WHERE claim_id = 'MP-3001'")" "2 pay staff" "the re-run is stored"
