# Regulator report figures against counts worked out by hand from
# tests/fixtures/report_fixture.sql, small-cell suppression (min_cell 11),
# the plan on the date of service, --plan, and the adj_reporting role.
. tests/integration/report_setup.sh

# --- the reporting role reads the report views and nothing else
expect_eq "$(psql -X -d "$RDB" -Atc "SELECT current_user")" "adj_reporting" "startup role"
expect_eq "$(psql -X -d "$RDB" -Atc "SELECT count(*) FROM report_approval")" "8" "views readable"
for t in decision claim claim_line member plan provider report_line_basis; do
    if psql -X -d "$RDB" -Atc "SELECT 1 FROM $t LIMIT 1" >/dev/null 2>"$TMP/e"; then
        fail "adj_reporting can read $t"
    fi
    expect_contains "$TMP/e" "permission denied" "adj_reporting refused $t"
done

# --- hand computation (DOS months 2026-01..2026-02; CA01OLD is 2025-12 and
# CA01's 90834 is not a CoCM/BHI code, so neither appears anywhere)
# Cell CARVE/2026-01/cocm_initial/medical: lines CA01..CA12 line 1 + CA05R = 13
#   members: MC01..MC12 = 12 (MC05 twice, counted once) -> shown (>= 11)
#   first pass: pay CA01-08, CA12 = 9; deny CA09, CA10 (CARC 11) = 2; pend CA11 = 1
#     decided_first = 9+2+1 = 12 (CA05R is a reject: not in the denominator)
#     rate = 9/12 = 75.00%
#   final (after re-runs): pay CA01-10 = 10; deny CA11 (119), CA12 (18) = 2; pend 0
#     decided_final = 12; rate = 10/12 = 83.333% -> 8333 bp -> 83.33
#   rejected 1 (CA05R); check 10+2+0+0+1+0+0 = 13 submitted
#   misroutes: carve-out plan, final route medical, outcome pay/deny/pend, all
#     claim dx F: CA01-10, CA12 = 11 (CA11 has E119; CA05R is a reject)
#   days to first decision: 1,1,1,2,2,2,3,3,3,4,4,10 and 5 (CA05R), sorted
#     1,1,1,2,2,2,[3],3,3,4,4,5,10 -> median 3.0 (the re-runs at day 30 do not count)
# Cell CARVE/2026-01/cocm_addon/medical: CA01..CA03 = 3 members -> suppressed
# Cell CARVE/2026-02/g2214/behavioral: MS01 (in CARVE from 2026-02-01) -> suppressed
# Cell IN/2026-01/cocm_initial/medical: MS01 (in IN until 2026-01-31) -> suppressed
# Cell ''/2026-01/cocm_subsequent/medical: MX99, enrolled nowhere -> suppressed
# Cell IN/2026-02/cocm_subsequent/medical: CD01..CD14 line 1 + CD05F + CD06U + CD07V = 17
#   members MN01..MN14 = 14 -> shown
#   first: pay CD01-10 = 10, deny CD11-14 (231) = 4 -> decided 14, 10/14 = 71.4286% -> 71.43
#   final: CD11, CD12 re-run to pay -> pay 12, deny 2 -> 12/14 = 85.714% -> 85.71
#   forwarded 1 (CD05F), voided 1 (CD07V), undecided 1 (CD06U); 12+2+1+1+1 = 17
#   misroutes 0: IN has no BH administrator
#   days: CD01-07 1, CD08-14 2, CD05F 1, CD07V 2 -> eight 1s, eight 2s -> median 1.5
# Cell IN/2026-02/bhi_general/medical: 99484 on CD01..CD11 = 11 members -> shown (11 = min_cell)
#   all denied 231 at first pass and finally (CD11's re-run keeps the denial)
#   rates 0/11 -> 0.00 and 0.00; days seven 1s, four 2s -> median (6th of 11) 1.0
# Complementary suppression (denial rows below): IN/2026-02/cocm_subsequent has
#   one denial row, CARC 231 with 4 members -> suppressed, and it is the cell's
#   only row, so its figures are the cell's denied_first 4 / denied_final 2.
#   The cell's denied_* go; pended_* go with them, since denied = decided -
#   paid - pended (14 - 10 - 0 = 4, 14 - 12 - 0 = 2) would give them back.
#   Shown: decided 14/14 and paid 10/12, so only denied + pended = 4 and 2.
#   CARVE/2026-01/cocm_initial: all three denial rows (11, 119, 18) are
#   suppressed: their sums (2 first, 2 final) are the cell's, no single row
#   is recoverable -> the cell is unchanged. IN/2026-02/bhi_general's only
#   row is shown (11 members) -> unchanged.
report --from 2026-01 --to 2026-02 --format csv --out "$TMP/r.csv"
cat >"$TMP/want.csv" <<'CSV'
plan_id,service_month,code_family,provider_kind,suppressed,members,lines_submitted,decided_first,paid_first,denied_first,pended_first,decided_final,paid_final,denied_final,pended_final,forwarded,rejected,voided,undecided,first_pass_rate_pct,final_rate_pct,misroutes_prevented,median_days_to_first_decision
,2026-01,cocm_subsequent,medical,true,,,,,,,,,,,,,,,,,,
CARVE,2026-01,cocm_initial,medical,false,12,13,12,9,2,1,12,10,2,0,0,1,0,0,75.00,83.33,11,3.0
CARVE,2026-01,cocm_addon,medical,true,,,,,,,,,,,,,,,,,,
CARVE,2026-02,g2214,behavioral,true,,,,,,,,,,,,,,,,,,
IN,2026-01,cocm_initial,medical,true,,,,,,,,,,,,,,,,,,
IN,2026-02,cocm_subsequent,medical,false,14,17,14,10,,,14,12,,,1,0,1,1,71.43,85.71,0,1.5
IN,2026-02,bhi_general,medical,false,11,11,11,0,11,0,11,0,11,0,0,0,0,0,0.00,0.00,0,1.0
CSV
diff -u "$TMP/want.csv" "$TMP/r.csv" || fail "cells CSV differs from the hand computation"

# denials by CARC: members per row; only the 99484 row (11 members) is shown
#   CARVE/2026-01/cocm_initial: CARC 11 first 2 (MC09, MC10), 119 final 1, 18 final 1
#   IN/2026-02/cocm_subsequent: CARC 231 first 4 final 2, members MN11..MN14 = 4
#   IN/2026-02/bhi_general: CARC 231 first 11 final 11, members 11
cat >"$TMP/want-denials.csv" <<'CSV'
plan_id,service_month,code_family,provider_kind,carc,suppressed,members,denied_first,denied_final
,2026-01,cocm_subsequent,medical,31,true,,,
CARVE,2026-01,cocm_initial,medical,11,true,,,
CARVE,2026-01,cocm_initial,medical,119,true,,,
CARVE,2026-01,cocm_initial,medical,18,true,,,
CARVE,2026-02,g2214,behavioral,170,true,,,
IN,2026-02,cocm_subsequent,medical,231,true,,,
IN,2026-02,bhi_general,medical,231,false,11,11,11
CSV
diff -u "$TMP/want-denials.csv" "$TMP/r-denials.csv" || fail "denials CSV differs"

# the hidden figures are right in the view itself (as the superuser)
expect_eq "$(sql "SELECT members || ':' || denied_first || ':' || denied_final FROM report_denial
                  WHERE plan_id = 'IN' AND code_family = 'cocm_subsequent'")" "4:4:2" "suppressed denial row"
expect_eq "$(sql "SELECT members || ':' || lines_submitted || ':' || paid_final FROM report_approval
                  WHERE plan_id = 'CARVE' AND code_family = 'cocm_addon'")" "3:3:3" "suppressed addon cell"
expect_eq "$(sql "SELECT first_pass_rate_bp || ':' || final_rate_bp FROM report_approval
                  WHERE plan_id = 'CARVE' AND code_family = 'cocm_initial'
                    AND service_month = '2026-01-01'")" "7500:8333" "view rates in bp"
expect_eq "$(sql "SELECT count(*) FROM report_approval WHERE service_month = '2025-12-01'")" "1" \
    "the December line is in the view, only filtered by the report"

# --- --plan IN: only IN's rows; JSON shows the same figures
report --from 2026-01 --to 2026-02 --plan IN --format json --out "$TMP/in.json"
# the parameter, three IN cells (one suppressed) and two denial rows
expect_eq "$(grep -o '"plan_id":"IN"' "$TMP/in.json" | wc -l)" "6" "IN rows"
grep -q '"plan_id":"CARVE"' "$TMP/in.json" && fail "--plan IN shows CARVE"
expect_contains "$TMP/in.json" '{"plan_id":"IN","service_month":"2026-02","code_family":"cocm_subsequent","provider_kind":"medical","suppressed":false,"members":14,"lines_submitted":17,"decided_first":14,"paid_first":10,"denied_first":null,"pended_first":null,"decided_final":14,"paid_final":12,"denied_final":null,"pended_final":null,"forwarded":1,"rejected":0,"voided":1,"undecided":1,"first_pass_rate_pct":"71.43","final_rate_pct":"85.71","misroutes_prevented":0,"median_days_to_first_decision":"1.5"}' "JSON cell"
expect_contains "$TMP/in.json" '"suppressed":true,"members":null' "JSON suppressed cell"
expect_contains "$TMP/in.json" '"min_cell":11,"suppression":"Rows counting 1 to 10 distinct members are suppressed' "rule stated"
expect_contains "$TMP/in.json" 'Complementary suppression: when exactly one denial row of a cell is suppressed' "complementary rule stated"
python3 -m json.tool "$TMP/in.json" >/dev/null || fail "JSON does not parse"
# JSON and CSV hide the same figures: every null of the JSON cell above is an
# empty CSV field, and the CSV manifest states the rule (its only metadata)
expect_contains "$TMP/r.csv.manifest" "min_cell 11 suppression: Rows counting 1 to 10" "CSV manifest rule"
expect_contains "$TMP/r.csv.manifest" "Complementary suppression" "CSV manifest complementary rule"

# --- min_cell from the config: 13 hides the 12-member cell, keeps the 14
cat >"$TMP/adj13.conf" <<CONF
report: { key_file = "$TMP/report.key"; min_cell = 13; };
CONF
run_adj 0 --config "$TMP/adj13.conf" --db "$RDB" report approval-rates --from 2026-01 --to 2026-02 --format csv --out "$TMP/m13.csv"
expect_contains "$TMP/m13.csv" "CARVE,2026-01,cocm_initial,medical,true,,," "12 < 13 suppressed"
expect_contains "$TMP/m13.csv" "IN,2026-02,cocm_subsequent,medical,false,14," "14 shown"
expect_contains "$TMP/m13.csv" "IN,2026-02,bhi_general,medical,true,," "11 < 13 suppressed"

# --- no member ID, claim ID or diagnosis in any output
report --from 2026-01 --to 2026-02 --format html --out "$TMP/r.html"
for f in "$TMP"/r.csv "$TMP"/r-denials.csv "$TMP"/in.json "$TMP"/r.html "$TMP"/*.manifest; do
    if grep -E 'M[CNSX][0-9]{2}|C[ADFGI][0-9]{2}|F329|F411|E119' "$f"; then
        fail "$f carries an identifier or a diagnosis"
    fi
done

# --- usage and configuration errors
run_adj 2 --config "$TMP/adj.conf" --db "$RDB" report approval-rates --from 2026-13 --to 2026-02 --format csv --out "$TMP/x.csv"
expect_contains "$TMP/err" "--from: expected YYYY-MM" "bad month named"
run_adj 2 --config "$TMP/adj.conf" --db "$RDB" report approval-rates --from 2026-03 --to 2026-02 --format csv --out "$TMP/x.csv"
run_adj 2 --config "$TMP/adj.conf" --db "$RDB" report approval-rates --from 2026-01 --to 2026-02 --format pdf --out "$TMP/x.csv"
run_adj 2 --db "$RDB" report approval-rates --from 2026-01 --to 2026-02 --format csv --out "$TMP/x.csv"
expect_contains "$TMP/err" "no key file configured (report.key_file" "key required"
[ -e "$TMP/x.csv" ] && fail "a failed run left a report"
run_adj 3 --config "$TMP/adj.conf" --db "host=/nonexistent dbname=x" report approval-rates --from 2026-01 --to 2026-02 --format csv --out "$TMP/x.csv"

# --- a period without data: the header only, and an HTML page saying so
report --from 2030-01 --to 2030-01 --format csv --out "$TMP/empty.csv"
expect_eq "$(wc -l <"$TMP/empty.csv")" "1" "header only"
report --from 2030-01 --to 2030-01 --format html --out "$TMP/empty.html"
expect_contains "$TMP/empty.html" "No CoCM/BHI line in this period." "empty page"
true
