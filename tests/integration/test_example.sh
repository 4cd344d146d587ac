# The example program links build/libadjudicator.so through adjudicator.h
# alone and decides the CoCM story: its decisions are checked here.
ex="$ROOT/$BUILD/tests/example_example"
[ -x "$ex" ] || fail "example not built: $ex"
d="$ROOT/deploy/demo-data"
"$ex" "$ROOT/rulesets" "$d/providers.csv" "$d/members.csv" "$d/plans.csv" >"$TMP/out" 2>"$TMP/err" \
    || { cat "$TMP/err" >&2; fail "example exited non-zero"; }
expect_eq "$(wc -l <"$TMP/out")" "5" "one decision per line"
expect_contains "$TMP/out" '{"claim_id":"EX-JAN","line":1,"code":"99492","member_id":"MBR1001","route":"medical","outcome":"pay","group":null,"carc":null,"rarc":[],"allowed":"149.30","paid":"119.44","patient_resp":"29.86","ruleset":"cocm-2026"' "99492 paid in January"
expect_contains "$TMP/out" '"claim_id":"EX-PSY","line":1,"code":"90834","member_id":"MBR1001","route":"behavioral","outcome":"forward"' "psychotherapy forwarded to the BH administrator"
expect_contains "$TMP/out" '"claim_id":"EX-FEB","line":2,"code":"99494","member_id":"MBR1001","route":"medical","outcome":"pay"' "add-on paid with its base"
expect_contains "$TMP/out" '"claim_id":"EX-FEB-AGAIN","line":1,"code":"99493","member_id":"MBR1001","route":"medical","outcome":"deny","group":"OA","carc":"18","rarc":["N111"]' "resubmission is an exact duplicate"
expect_contains "$TMP/out" '"billing_npi":"1234567893","dos":"2026-02-20","charge":"180.00","units":1,"matched_claim":"EX-FEB","contract":2,' "the duplicate names the matched claim"
# a bad reference file is an error naming it
set +e
"$ex" "$ROOT/rulesets" "$TMP/none.csv" "$d/members.csv" "$d/plans.csv" >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
expect_eq "$rc" "2" "open error exit"
expect_contains "$TMP/err" "none.csv" "open error names the file"
