# The HTML report renders in headless Chromium (installed through
# deploy/install-deps report; a missing browser fails, never skips) and the
# screenshot lands in build/report.png. The page is self-contained: no
# script, no external URL.
. tests/integration/report_setup.sh

"$ROOT/deploy/install-deps" report || fail "cannot install chromium (deploy/install-deps report)"
command -v chromium >/dev/null || fail "chromium is not on PATH after install-deps"

report --from 2026-01 --to 2026-02 --format html --out "$TMP/report.html" --prepared-at 2026-04-02T09:30:00Z
html="$TMP/report.html"
cp "$html" "$ROOT/$BUILD/report.html"   # kept for people to open
expect_contains "$html" "Small-cell suppression." "the rule is stated"
expect_contains "$html" "Every count from 1 to 10 is suppressed" "rule text"
expect_contains "$html" "<svg" "inline charts"
expect_contains "$html" "CARC 231: mutually exclusive in the month" "denial reason chart"
grep -qiE '<script|<link|<img|@import|url\(|https?://' "$html" && fail "the page loads something"
# identification from the configuration
expect_contains "$html" "Acme Health Plan, licence 933-0001" "reporting entity"
expect_contains "$html" "CARVE: H0001-001; IN: H0002-001" "contract identifiers"
expect_contains "$html" "months of service 2026-01 to 2026-02" "period"
expect_contains "$html" "2026-04-02T09:30:00Z" "preparation time"
expect_contains "$html" "I attest that this report is complete and true." "attestation"
expect_contains "$html" "$(run_adj 0 report verify "$html" --public-key "$TMP/report.pub"; sed -n 's/.*key SHA-256 //p' "$TMP/out")" \
    "the fingerprint on the page is the verifying key's"
# true totals at the default cell size, over every cell, with numerators and denominators
expect_contains "$html" "<b>47</b>CoCM/BHI lines submitted" "lines of every cell"
expect_contains "$html" "<b>53.49</b>approved at first pass (%)<small>paid 23 of 43 decided</small>" "first-pass total"
expect_contains "$html" "<b>61.90</b>approved finally (%)<small>paid 26 of 42 decided</small>" "final total"
expect_contains "$html" "<b>14</b>misroutes prevented" "misroutes total"
# no chart for a plan with nothing to show: every monthly figure suppressed
expect_contains "$html" "<h3>(not enrolled)</h3>
<p class=\"sub\">No monthly rate to chart" "no empty chart"
expect_contains "$html" "Days to decision run from the interchange date (GS04)" "days defined"
expect_contains "$html" "codes 99492, 99493, 99494, G2214, 99484, G0323, G0511, G0512</p>" "the codes counted, from report_code_family"

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
