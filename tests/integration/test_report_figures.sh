# Regulator report figures against counts worked out by hand from
# tests/fixtures/report_fixture.sql: true totals, first pass and final,
# exact duplicates apart, the plan on the date of service; suppression in
# the database (adj_reporting reads no raw figure, asks in vain for a
# smaller cell size) and the disclosure checker on the published file,
# which fails on a deliberately weakened (primary-only) suppression.
. tests/integration/report_setup.sh

# --- the reporting role reads the published figures and nothing raw
expect_eq "$(psql -X -d "$RDB" -Atc "SELECT current_user")" "adj_reporting" "startup role"
expect_eq "$(psql -X -d "$RDB" -Atc "SELECT count(*) > 0 FROM report_published")" "t" "published view readable"
for q in "SELECT 1 FROM report_approval" "SELECT 1 FROM report_denial" \
         "SELECT 1 FROM report_line_basis" "SELECT 1 FROM report_decision_basis" \
         "SELECT 1 FROM decision" "SELECT 1 FROM claim" "SELECT 1 FROM member" \
         "SELECT * FROM report_figures_core('2026-01-01', '2026-02-01', NULL, now(), 1, false)"; do
    if psql -X -d "$RDB" -Atc "$q" >/dev/null 2>"$TMP/e"; then
        fail "adj_reporting may run: $q"
    fi
    expect_contains "$TMP/e" "permission denied" "adj_reporting refused: $q"
done
# a smaller cell size asked for is raised to 11: no count of 1..10 comes out
expect_eq "$(psql -X -d "$RDB" -Atc "SELECT count(*) FROM report_figures('2026-01-01', '2026-02-01', NULL, NULL, 1)
                                     WHERE measure <> 'median_days_tenths' AND value BETWEEN 1 AND 10")" "0" \
    "min_cell 1 asked, nothing small published"

# --- hand computation, raw (superuser, no suppression)
# CARVE/2026-01/cocm_initial/medical: CA01..CA12 line 1 + CA05R = 13 lines, 12 members
#   first pass: pay CA01-08, CA12 = 9; deny CA09, CA10 (11) = 2; pend CA11 = 1 -> decided 12
#   final: pay CA01-10 = 10; deny CA11 (119) = 1; CA12 deny 18 is an exact
#   duplicate: counted apart, outside decided -> decided 11, rate 10/11 = 90.91
#   lines 13 = decided 11 + duplicates 1 + rejected 1 (CA05R)
c="cell CARVE 2026-01 cocm_initial"
for m in members:12 lines_submitted:13 decided_first:12 paid_first:9 denied_first:2 pended_first:1 \
         duplicates_first:0 decided_final:11 paid_final:10 denied_final:1 pended_final:0 \
         duplicates_final:1 rejected:1 misroutes_prevented:10 median_days_tenths:30; do
    expect_eq "$(raw $c "${m%%:*}")" "${m#*:}" "$c ${m%%:*}"
done
# IN/2026-02/cocm_subsequent: 17 lines (14 + forwarded, undecided, void)
#   first: pay 10, deny 4 (231) -> 14; final: pay 12, deny 2 -> 14
c="cell IN 2026-02 cocm_subsequent"
for m in members:14 lines_submitted:17 decided_first:14 paid_first:10 denied_first:4 \
         decided_final:14 paid_final:12 forwarded:1 voided:1 undecided:1 median_days_tenths:15; do
    expect_eq "$(raw $c "${m%%:*}")" "${m#*:}" "$c ${m%%:*}"
done
# true totals over every cell (suppressed ones included): 13 + 3 + 1 + 1 + 1 + 17 + 11 = 47
#   first pass: paid 9+3+1+0+0+10+0 = 23 of decided 12+3+1+1+1+14+11 = 43
#   final: paid 10+3+1+0+0+12+0 = 26 of 11+3+1+1+1+14+11 = 42
expect_eq "$(raw total '' '' '' lines_submitted)" "47" "total lines"
expect_eq "$(raw total '' '' '' paid_first):$(raw total '' '' '' decided_first)" "23:43" "total first pass"
expect_eq "$(raw total '' '' '' paid_final):$(raw total '' '' '' decided_final)" "26:42" "total final"
expect_eq "$(raw plan CARVE "" "" lines_submitted)" "17" "CARVE lines: 13 + 3 + 1 (G2214)"

# --- the published report: totals shown with numerators and denominators
report --from 2026-01 --to 2026-02 --format csv --out "$TMP/r.csv"
expect_contains "$TMP/r.csv" "total,,,,,true,28,47,43,23,,,0,42,26,16,0,,,,,,53.49,61.90," "true totals shown"
expect_contains "$TMP/out" "totals as of " "totals printed"
expect_contains "$TMP/out" "47 lines; approved at first pass 53.49%, finally 61.90%" "totals printed"
expect_contains "$TMP/r-submission.csv" "total,,,,,,first_pass_approval,23,43,53.49,false" "submission rate row"
head -1 "$TMP/r-submission.csv" | grep -qx "level,plan_id,service_month,code_family,provider_kind,carc,measure,numerator,denominator,rate_pct,suppressed" \
    || fail "submission header"
# no shown count from 1 to 10 anywhere, and none derivable
python3 "$ROOT/tests/report_check.py" "$TMP/r-submission.csv" >"$TMP/check" || { cat "$TMP/check"; fail "checker found a disclosure"; }
expect_contains "$TMP/check" "0 small withheld value(s) derivable" "checker summary"
# the checker can fail: primary suppression only (the core without its complement step)
psql -X -d "$ADJ_DB" -Atqc "COPY (SELECT level, plan_id, to_char(service_month, 'YYYY-MM'), code_family,
        provider_kind, carc, measure, value, NULL, NULL, suppressed
   FROM report_figures_core('2026-01-01', '2026-02-01', NULL, now(), 11, false)
  WHERE measure <> 'median_days_tenths') TO STDOUT WITH (FORMAT csv, HEADER)" |
    sed '1s/.*/level,plan_id,service_month,code_family,provider_kind,carc,measure,numerator,denominator,rate_pct,suppressed/' >"$TMP/weak.csv"
if python3 "$ROOT/tests/report_check.py" "$TMP/weak.csv" >"$TMP/check"; then
    fail "the checker passed a primary-only suppression"
fi
# IN/2026-02/cocm_subsequent: the 231 denial row (4) is its cell's only one,
# and denial_total 231 (15) less the shown 99484 row (11) gives it back
expect_contains "$TMP/check" "('denial', 'IN', '2026-02', 'cocm_subsequent', 'medical', '231', 'denied_first'): withheld, but follows from the shown figures: 4" \
    "the weakened file's leak is named"

# --- --plan IN: only IN's rows
report --from 2026-01 --to 2026-02 --plan IN --format json --out "$TMP/in.json"
grep -q '"plan_id":"CARVE"' "$TMP/in.json" && fail "--plan IN shows CARVE"
python3 -m json.tool "$TMP/in.json" >/dev/null || fail "JSON does not parse"
expect_contains "$TMP/in.json" '"reporting_entity":"Acme Health Plan, licence 933-0001"' "identification"
expect_contains "$TMP/in.json" '"min_cell":11,"suppression":"Every count from 1 to 10 is suppressed' "rule stated"

# --- no member ID, claim ID or diagnosis in any output
report --from 2026-01 --to 2026-02 --format html --out "$TMP/r.html"
for f in "$TMP"/r.csv "$TMP"/r-denials.csv "$TMP"/r-submission.csv "$TMP"/in.json "$TMP"/r.html "$TMP"/*.manifest; do
    if grep -E 'M[CNSX][0-9]{2}|C[ADFGI][0-9]{2}|F329|F411|E119' "$f"; then
        fail "$f carries an identifier or a diagnosis"
    fi
done

# --- usage and configuration errors
run_adj 2 --config "$TMP/adj.conf" --db "$RDB" report approval-rates --from 2026-13 --to 2026-02 --format csv --out "$TMP/x.csv"
expect_contains "$TMP/err" "--from: expected YYYY-MM" "bad month named"
run_adj 2 --config "$TMP/adj.conf" --db "$RDB" report approval-rates --from 2026-03 --to 2026-02 --format csv --out "$TMP/x.csv"
run_adj 2 --config "$TMP/adj.conf" --db "$RDB" report approval-rates --from 2026-01 --to 2026-02 --format pdf --out "$TMP/x.csv"
run_adj 2 --config "$TMP/adj.conf" --db "$RDB" report approval-rates --from 2026-01 --to 2026-02 --format csv --out "$TMP/x.csv" --as-of yesterday-ish
expect_contains "$TMP/err" "adjudicator report: --as-of 'yesterday-ish': not a timestamp" "bad --as-of named"
expect_eq "$(wc -l <"$TMP/err")" "1" "one line"
run_adj 2 --db "$RDB" report approval-rates --from 2026-01 --to 2026-02 --format csv --out "$TMP/x.csv"
expect_contains "$TMP/err" "no signing key configured" "key required"
[ -e "$TMP/x.csv" ] && fail "a failed run left a report"
run_adj 3 --config "$TMP/adj.conf" --db "host=/nonexistent dbname=x" report approval-rates --from 2026-01 --to 2026-02 --format csv --out "$TMP/x.csv"

# --- a period without data: the header only, and an HTML page saying so
report --from 2030-01 --to 2030-01 --format csv --out "$TMP/empty.csv"
expect_eq "$(wc -l <"$TMP/empty.csv")" "1" "header only"
report --from 2030-01 --to 2030-01 --format html --out "$TMP/empty.html"
expect_contains "$TMP/empty.html" "No CoCM/BHI line in this period." "empty page"
true
