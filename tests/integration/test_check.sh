# `adjudicator check` over the demo story (three monthly 837P files, in
# order, earlier files are history), JSONL and table, and a front-end
# reject (exit 1).
d="$ROOT/deploy/demo-data"
ref=(--providers "$d/providers.csv" --members "$d/members.csv" --plans "$d/plans.csv")
run_adj 0 check "${ref[@]}" "$d/2026-01.837" "$d/2026-02.837" "$d/2026-03.837"
out="$TMP/out"
expect_eq "$(wc -l <"$out")" "20" "one decision per service line"
expect_contains "$out" '{"claim_id":"PSF-1001","line":1,"code":"99492","member_id":"MBR1001","route":"medical","outcome":"pay","group":null,"carc":null,"rarc":[],"allowed":"149.30","paid":"119.44","patient_resp":"29.86","ruleset":"cocm-2026","rules":["edit.eligibility.covered","route.code.cocm"' "January 99492 paid on the medical benefit"
# contract 2: the fields to join on, after reason
expect_contains "$out" '"reason":"99492 paid on the medical benefit by code, whatever the diagnosis: all CoCM/BHI edits passed; allowed 149.30 (fee 149.30 x 1 unit)","billing_npi":"1234567893","dos":"2026-01-20","charge":"200.00","units":1,"matched_claim":null,"contract":2,' "January 99492 identity fields"
expect_eq "$(grep -c '"claim_id":"HC-2001".*"route":"behavioral","outcome":"forward"' "$out")" "4" "weekly therapy forwarded to the BH administrator"
expect_contains "$out" '"claim_id":"MP-3001","line":1,"code":"99492","member_id":"MBR1002","route":"medical","outcome":"deny","group":"CO","carc":"170","rarc":["N95"]' "behavioral clinician billing 99492"
expect_contains "$out" '"claim_id":"BIM-4001","line":1,"code":"99494","member_id":"MBR1002","route":"medical","outcome":"deny","group":"CO","carc":"B15","rarc":["N122"]' "add-on without base"
expect_contains "$out" '"claim_id":"PSF-1002","line":1,"code":"99492","member_id":"MBR1002","route":"medical","outcome":"pay","group":null,"carc":null,"rarc":[],"allowed":"149.30","paid":"121.89","patient_resp":"27.41"' "dependent's CoCM with copay and 12.5%"
expect_contains "$out" '"claim_id":"PSF-1101","line":2,"code":"99494","member_id":"MBR1001","route":"medical","outcome":"pay"' "add-on with base paid"
expect_contains "$out" '"claim_id":"PSF-1001","line":1,"code":"99492","member_id":"MBR1001","route":"medical","outcome":"deny","group":"OA","carc":"18","rarc":["N111"],"allowed":"0.00","paid":"0.00","patient_resp":"0.00"' "resubmission is an exact duplicate"
expect_eq "$(grep -c '"claim_id":"PSF-1101".*"rules":\["claim.replacement"' "$out")" "2" "February's claim replaced"
# the table for a claims analyst
run_adj 0 check "${ref[@]}" --format table "$d/2026-01.837" "$d/2026-02.837" "$d/2026-03.837"
expect_contains "$TMP/out" "CLAIM         LN CODE   DOS        OUTCOME  CARC" "table header"
expect_contains "$TMP/out" "MP-3001        1 99492  2026-01-12 deny     CO-170  N95" "table row"
expect_contains "$TMP/out" "11 paid, 3 denied, 0 pended, 6 forwarded, 0 rejected, 0 voided" "table summary"
# files are history in order: February alone does not see January
run_adj 0 check "${ref[@]}" "$d/2026-02.837"
expect_contains "$TMP/out" '"claim_id":"PSF-1001","line":1,"code":"99492","member_id":"MBR1001","route":"medical","outcome":"pay"' "no history without January"
# a front-end reject: CO-16, MA130 + N257, exit 1, the rest processed
run_adj 1 check "${ref[@]}" "$ROOT/tests/fixtures/check/bad-npi.837"
expect_contains "$TMP/out" '"claim_id":"BIM-4101","line":1,"code":"99484","member_id":"MBR1003","route":"medical","outcome":"reject","group":"CO","carc":"16","rarc":["MA130","N257"],"allowed":null' "reject line"
expect_contains "$TMP/out" "NM109 in loop 2010AA" "reason names element and loop"
expect_contains "$TMP/out" '"claim_id":"PSF-1201","line":1,"code":"99493","member_id":"MBR1001","route":"medical","outcome":"pay"' "the rest processed"
expect_contains "$TMP/err" "claim BIM-4101" "stderr names the claim"
# the RARC of the problem's kind is the ruleset's: a ruleset that gives a
# billing NPI problem N77 makes the reject carry N77
run_adj 1 check --ruleset "$ROOT/tests/fixtures/rulesets/frontend" "${ref[@]}" \
    "$ROOT/tests/fixtures/check/bad-npi.837"
expect_contains "$TMP/out" '"claim_id":"BIM-4101","line":1,"code":"99484","member_id":"MBR1003","route":"medical","outcome":"reject","group":"CO","carc":"16","rarc":["MA130","N77"],"allowed":null' "RARC from the ruleset"
# usage and configuration errors
run_adj 2 check "$d/2026-01.837"
run_adj 2 check --providers "$TMP/missing.csv" --members "$d/members.csv" --plans "$d/plans.csv" "$d/2026-01.837"
expect_contains "$TMP/err" "missing.csv" "missing reference file named"
run_adj 2 check --ruleset "$ROOT/tests/fixtures/rulesets/overlap" "${ref[@]}" "$d/2026-01.837"
expect_contains "$TMP/err" "effective date ranges overlap" "overlapping rulesets refused"
run_adj 0 check --ruleset "$ROOT/rulesets/cocm-2026.conf" "${ref[@]}" "$d/2026-01.837"
run_adj 0 check --help
# progress: on a terminal, one rewritten line on stderr (bytes, claims, rate);
# nothing when stderr is a file
python3 - "$ADJ" "$TMP/tty.out" "$TMP/tty.err" check "${ref[@]}" "$d/2026-01.837" "$d/2026-02.837" <<'PY'
import os, pty, subprocess, sys
adj, out, err, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
m, s = pty.openpty()
p = subprocess.run([adj] + args, stdout=open(out, "w"), stderr=s)
os.close(s)
data = b""
while True:
    try:
        chunk = os.read(m, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
open(err, "wb").write(data)
sys.exit(p.returncode)
PY
expect_contains "$TMP/tty.err" "check: " "progress on a terminal"
expect_contains "$TMP/tty.err" "claims/s" "progress shows the rate"
expect_eq "$(wc -l <"$TMP/tty.out")" "$(grep -c . "$TMP/tty.out")" "decisions on stdout only"
ADJ_NO_PROGRESS= "$ADJ" check "${ref[@]}" "$d/2026-01.837" >/dev/null 2>"$TMP/notty.err"
expect_eq "$(wc -c <"$TMP/notty.err")" "0" "no progress when stderr is not a terminal"
