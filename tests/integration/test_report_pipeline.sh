# The report over decisions the pipeline wrote. Demo story: a replaced claim
# (PSF-1101, frequency 7 in 2026-03.837) counts once in the final figures,
# with its replacement's lines, and its original's first decision stays the
# first pass. Synthetic data (synth): the published submission file passes
# the disclosure checker (no count of 1 to 10 shown or derivable), and the
# totals equal the decisions' own counts.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
run_adj 0 report keygen "$TMP/report.pem" "$TMP/report.pub"
printf 'report: { key_file = "%s"; };\n' "$TMP/report.pem" >>"$CONF"
run_adj 0 --config "$CONF" --db "$ADJ_DB" ingest "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
expect_eq "$(sql "SELECT count(*) FROM decision_current WHERE superseded_by IS NOT NULL")" "2" \
    "the original PSF-1101 (two lines) is superseded"
expect_eq "$(sql "SELECT count(*) FROM report_decision_basis")" \
    "$(sql "SELECT count(*) FROM decision d JOIN report_code_family f ON f.code = upper(convert_from(d.code, 'UTF8')) WHERE d.dos IS NOT NULL")" \
    "every CoCM/BHI decision has its reference-data row"
# GOLD-HMO, 2026-02: PSF-1101 (99493 + 99494) was sent twice, original and
# replacement: one 99493 line and one 99494 line count finally, and once at first pass
fig() {  # FAMILY MEASURE
    sql "SELECT value FROM report_figures_core('2026-01-01', '2026-03-01', NULL, now(), 1, false)
          WHERE level = 'cell' AND plan_id = 'GOLD-HMO' AND service_month = '2026-02-01'
            AND code_family = '$1' AND provider_kind = 'medical' AND measure = '$2'"
}
expect_eq "$(fig cocm_subsequent lines_submitted):$(fig cocm_subsequent decided_first):$(fig cocm_subsequent paid_final)" \
    "1:1:1" "99493 in 2026-02 counted once"
expect_eq "$(fig cocm_addon lines_submitted):$(fig cocm_addon decided_first)" "1:1" "99494 in 2026-02 counted once"
run_adj 0 --config "$CONF" --db "$ADJ_DB options='-c role=adj_reporting'" report approval-rates \
    --from 2026-01 --to 2026-03 --format csv --out "$TMP/r.csv"
python3 "$ROOT/tests/report_check.py" "$TMP/r-submission.csv" >"$TMP/check" || { cat "$TMP/check"; fail "demo: disclosure"; }
cat "$TMP/check"

# --- synthetic data through the pipeline
S=$(db_fresh t_report_synth)
run_adj 0 synth --members 600 --months 3 --seed 7 --start 2026-01 --out "$TMP/s.837" --ref-dir "$TMP/ref"
"$ADJ" --db "$S" db init >/dev/null
run_adj 0 --db "$S" load --providers "$TMP/ref/providers.csv" --members "$TMP/ref/members.csv" --plans "$TMP/ref/plans.csv"
run_adj 1 --config "$CONF" --db "$S" ingest "$TMP/s.837"   # a few claims rejected at the front end
run_adj 0 --config "$CONF" --db "$S" run --once
run_adj 0 --config "$CONF" --db "$S options='-c role=adj_reporting'" report approval-rates \
    --from 2026-01 --to 2026-03 --format csv --out "$TMP/s.csv"
python3 "$ROOT/tests/report_check.py" "$TMP/s-submission.csv" >"$TMP/check" || { cat "$TMP/check"; fail "synth: disclosure"; }
cat "$TMP/check"
expect_contains "$TMP/check" "0 small withheld value(s) derivable" "synth checked"
# the true total of lines equals the CoCM/BHI lines in force, counted directly
want=$(psql -X -At -d "$S" -c "SELECT count(*) FROM decision_current d JOIN report_code_family f
                                 ON f.code = upper(d.code) WHERE d.superseded_by IS NULL
                                 AND d.dos BETWEEN '2026-01-01' AND '2026-03-31'")
got=$(grep '^total,' "$TMP/s.csv" | cut -d, -f8)
expect_eq "$got" "$want" "total lines = CoCM/BHI lines in force"
run_adj 0 report verify "$TMP/s.csv" --public-key "$TMP/report.pub"
psql -X -q -d "${ADJ_DB% dbname=*} dbname=postgres" -c "DROP DATABASE IF EXISTS t_report_synth WITH (FORCE)" >/dev/null 2>&1
true
