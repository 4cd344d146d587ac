# The HTML report renders in headless Chromium (installed through
# deploy/install-deps report; a missing browser fails, never skips) and the
# screenshot lands in build/report.png. The page is self-contained: no
# script, no external URL.
. tests/integration/report_setup.sh

"$ROOT/deploy/install-deps" report || fail "cannot install chromium (deploy/install-deps report)"
command -v chromium >/dev/null || fail "chromium is not on PATH after install-deps"

report --from 2026-01 --to 2026-02 --format html --out "$TMP/report.html"
html="$TMP/report.html"
cp "$html" "$ROOT/$BUILD/report.html"   # kept for people to open
expect_contains "$html" "Small-cell suppression." "the rule is stated"
expect_contains "$html" "Rows counting 1 to 10 distinct members are suppressed" "rule text"
expect_contains "$html" "Here 4 of 7 cells and 6 denial rows are suppressed." "suppressed counts"
expect_contains "$html" "<svg" "inline charts"
expect_contains "$html" "CARC 231: mutually exclusive in the month" "denial reason chart"
grep -qiE '<script|<link|<img|@import|url\(|https?://' "$html" && fail "the page loads something"
# the shown totals: cells CARVE/cocm_initial (13 lines) + IN/cocm_subsequent (17) + IN/bhi_general (11)
expect_contains "$html" "<b>41</b>CoCM/BHI lines submitted" "lines of shown cells"
# first pass: paid 9+10+0 over decided 12+14+11 = 19/37 = 51.35%; final 22/37 = 59.46%
expect_contains "$html" "<b>51.35</b>approved at first pass" "first-pass total"
expect_contains "$html" "<b>59.46</b>approved finally" "final total"
expect_contains "$html" "<b>11</b>misroutes prevented" "misroutes total"
run_adj 0 --config "$TMP/adj.conf" report verify "$html"

shot="$ROOT/$BUILD/report.png"
rm -f "$shot"
profile=$(mktemp -d)
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --screenshot="$shot" --window-size=1200,1600 \
    "file://$html" >"$TMP/chromium.log" 2>&1
rc=$?
rm -rf "$profile"
[ -s "$shot" ] || { tail -20 "$TMP/chromium.log"; fail "chromium wrote no screenshot (exit $rc)"; }
expect_eq "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" "89504e470d0a1a0a" "PNG signature"
size=$(stat -c %s "$shot")
[ "$size" -gt 20000 ] || fail "screenshot is only $size bytes: a blank page?"
# width and height from the IHDR chunk: the window size asked for
expect_eq "$(od -An -tu1 -j16 -N8 "$shot" | awk '{print $3*256+$4 "x" $7*256+$8}')" "1200x1600" "screenshot size"
true
