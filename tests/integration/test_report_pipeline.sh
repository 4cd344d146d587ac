# The report over decisions the pipeline wrote: a replaced claim (PSF-1101,
# frequency 7 in 2026-03.837) counts once, with its replacement's lines.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
head -c 32 /dev/urandom | base64 >"$TMP/report.key"; chmod 600 "$TMP/report.key"
printf 'report: { key_file = "%s"; min_cell = 1; };\n' "$TMP/report.key" >>"$CONF"
run_adj 0 --config "$CONF" --db "$ADJ_DB" ingest "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
expect_eq "$(sql "SELECT count(*) FROM decision_current WHERE superseded_by IS NOT NULL")" "2" \
    "the original PSF-1101 (two lines) is superseded"
run_adj 0 --config "$CONF" --db "$ADJ_DB options='-c role=adj_reporting'" report approval-rates \
    --from 2026-01 --to 2026-03 --format csv --out "$TMP/r.csv"
# GOLD-HMO, 2026-02: PSF-1101 (99493 + 99494) was sent twice, original and
# replacement: one 99493 line and one 99494 line count, both paid
row=$(grep '^GOLD-HMO,2026-02,cocm_subsequent,medical,' "$TMP/r.csv" | cut -d, -f5-9)
expect_eq "$row" "false,1,1,1,1" "99493 in 2026-02: suppressed,members,submitted,decided_first,paid_first"
row=$(grep '^GOLD-HMO,2026-02,cocm_addon,medical,' "$TMP/r.csv" | cut -d, -f5-9)
expect_eq "$row" "false,1,1,1,1" "99494 in 2026-02 counted once"
