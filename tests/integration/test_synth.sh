# adjudicator synth: writes the 837P and the reference CSVs; the same
# arguments give the same bytes; bad arguments are usage errors.
run_adj 0 synth --members 400 --months 4 --seed 11 --out "$TMP/a.837" --ref-dir "$TMP/ref"
expect_contains "$TMP/err" "synth: bytes=" "summary on stderr"
[ -s "$TMP/a.837" ] || fail "no 837 written"
head -c 3 "$TMP/a.837" | grep -q '^ISA' || fail "file does not start with ISA"
tail -1 "$TMP/a.837" | grep -q '^IEA\*1\*' || fail "file does not end with IEA"
expect_eq "$(head -1 "$TMP/ref/providers.csv")" "npi,name,kind,taxonomy,zips" "providers.csv header"
expect_eq "$(head -1 "$TMP/ref/members.csv")" "member_id,plan_id,effective_from,effective_to" "members.csv header"
expect_eq "$(head -1 "$TMP/ref/plans.csv")" "plan_id,name,bh_administrator,coinsurance_pct,copay" "plans.csv header"
expect_eq "$(wc -l <"$TMP/ref/members.csv")" "401" "one row per member"
# carve-out and carved-in plans, medical and behavioral providers
grep -q '^PLAN[0-9]*,[^,]*,,' "$TMP/ref/plans.csv" || fail "no carved-in plan"
grep -q '^PLAN[0-9]*,[^,]*,[A-Z][^,]*,' "$TMP/ref/plans.csv" || fail "no carve-out plan"
expect_contains "$TMP/ref/providers.csv" ",behavioral," "a behavioral provider"
expect_contains "$TMP/ref/providers.csv" ",medical," "a medical provider"

# claims in the summary equal CLM segments in the file
claims=$(sed -n 's/.* claims=\([0-9]*\) .*/\1/p' "$TMP/err")
expect_eq "$(grep -c '^CLM\*' "$TMP/a.837")" "$claims" "claim count"
for code in 99492 99493 99494 99484 90834 99213; do
    grep -q "^SV1\*HC:$code\*" "$TMP/a.837" || fail "no $code line"
done

# same arguments, same bytes; another seed, other bytes; standard output
run_adj 0 synth --members 400 --months 4 --seed 11 --out "$TMP/b.837"
cmp -s "$TMP/a.837" "$TMP/b.837" || fail "same seed gave different bytes"
run_adj 0 synth --members 400 --months 4 --seed 11 --out -
cmp -s "$TMP/a.837" "$TMP/out" || fail "--out - differs from the file"
run_adj 0 synth --members 400 --months 4 --seed 12 --out "$TMP/c.837"
cmp -s "$TMP/a.837" "$TMP/c.837" && fail "another seed gave the same bytes"

# usage errors
run_adj 2 synth --members 0 --months 4 --out "$TMP/x.837"
expect_contains "$TMP/err" "members must be" "members bound"
run_adj 2 synth --members 10 --months abc --out "$TMP/x.837"
expect_contains "$TMP/err" "--months: 'abc' is not a valid value" "bad number"
run_adj 2 synth --members 10 --start 2025-13 --out "$TMP/x.837"
run_adj 2 synth --members 10
expect_contains "$TMP/err" "--out FILE is required" "out required"
run_adj 2 synth --members 10 --out /nonexistent/dir/x.837
expect_contains "$TMP/err" "/nonexistent/dir/x.837: cannot create" "unwritable output"
run_adj 0 synth --help
expect_contains "$TMP/out" "--ref-dir" "help"

# the reader reads every claim, and flags exactly the intended malformed ones
run_adj 0 synth --members 1000 --months 6 --seed 5 --out "$TMP/p.837"
claims=$(sed -n 's/.* claims=\([0-9]*\) .*/\1/p' "$TMP/err")
malformed=$(sed -n 's/.* malformed=\([0-9]*\) .*/\1/p' "$TMP/err")
bad_npi=$(sed -n 's/.* bad_npi=\([0-9]*\) .*/\1/p' "$TMP/err")
bad_total=$(sed -n 's/.* bad_total=\([0-9]*\) .*/\1/p' "$TMP/err")
bad_pointer=$(sed -n 's/.* bad_pointer=\([0-9]*\)$/\1/p' "$TMP/err")
[ "$malformed" -gt 0 ] || fail "no malformed claims to check"
run_adj 1 parse "$TMP/p.837"
expect_eq "$(wc -l <"$TMP/out")" "$claims" "claims read"
expect_eq "$(grep -vc '"problems":\[\]' "$TMP/out")" "$malformed" "claims with problems"
expect_eq "$(wc -l <"$TMP/err")" "$malformed" "one error line per malformed claim"
expect_eq "$(grep -c 'NM109: billing provider NPI .* fails the NPI check digit' "$TMP/err")" "$bad_npi" "bad NPIs"
expect_eq "$(grep -c 'CLM02: total charge .* does not equal the sum' "$TMP/err")" "$bad_total" "bad totals"
expect_eq "$(grep -c 'SV107: .* points at no diagnosis' "$TMP/err")" "$bad_pointer" "dangling pointers"

# check decides the synthetic file with its reference CSVs: one decision per
# line, the realistic spread of outcomes, rejects for the malformed claims
run_adj 0 synth --members 2000 --months 6 --seed 3 --out "$TMP/d.837" --ref-dir "$TMP/dref"
lines=$(sed -n 's/.* lines=\([0-9]*\) .*/\1/p' "$TMP/err")
malformed=$(sed -n 's/.* malformed=\([0-9]*\) .*/\1/p' "$TMP/err")
run_adj 1 check --providers "$TMP/dref/providers.csv" --members "$TMP/dref/members.csv" \
    --plans "$TMP/dref/plans.csv" --format jsonl "$TMP/d.837"
expect_eq "$(wc -l <"$TMP/out")" "$lines" "one decision per service line"
count() { grep -c -- "$1" "$TMP/out"; }
[ "$(count '"outcome":"pay"')" -gt $((lines / 2)) ] || fail "most lines should pay"
[ "$(count '"outcome":"forward"')" -gt 0 ] || fail "no line forwarded to a BH administrator"
[ "$(count '"group":"OA","carc":"18"')" -gt $((lines / 50)) ] || fail "too few exact duplicates denied OA-18"
[ "$(count '"outcome":"void"')" -gt 0 ] || fail "no voided lines"
[ "$(count '"outcome":"pend"')" -gt 0 ] || fail "no pended lines (suspect duplicates)"
rejected=$(count '"outcome":"reject"')
[ "$rejected" -ge "$malformed" ] && [ "$rejected" -le $((malformed * 3)) ] \
    || fail "rejected lines $rejected for $malformed malformed claims"
