# The report's code families come from the rulesets (report_families,
# sql/130): the shipped rulesets keep migration 090's families; a ruleset
# that moves a code and adds one changes report_code_family when a worker
# decides with it, and the report's code list follows. A malformed group
# is refused by name.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
families() { sql "SELECT string_agg(code || ':' || family || ':' || ord, ' ' ORDER BY code) FROM report_code_family"; }
before=$(families)
expect_eq "$before" "99484:bhi_general:5 99492:cocm_initial:1 99493:cocm_subsequent:2 99494:cocm_addon:3 G0323:bhi_general:5 G0511:other:6 G0512:other:6 G2214:g2214:4" \
    "migration 090's families"
run_adj 0 --config "$CONF" --db "$ADJ_DB" ingest "$D/2026-01.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
expect_eq "$(families)" "$before" "the shipped rulesets name the same families"

# a plan's ruleset: G0323 reported on its own, and 90791 added
mkdir -p "$TMP/rs"
cp "$ROOT"/rulesets/*.conf "$TMP/rs/"
ln -s "$ROOT/rulesets/tables" "$TMP/rs/tables"
python3 - "$TMP/rs/cocm-2026.conf" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('{ family = "bhi_general"; codes = ["99484", "G0323"]; },',
              '{ family = "bhi_general"; codes = ["99484"]; },\n  { family = "g0323"; codes = ["G0323"]; },\n  { family = "diagnostic"; codes = ["90791"]; },')
open(p, "w").write(s)
PY
sed -i "s|dir = \"$ROOT/rulesets\"|dir = \"$TMP/rs\"|" "$CONF"
run_adj 0 --config "$CONF" --db "$ADJ_DB" ingest "$D/2026-02.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
expect_eq "$(sql "SELECT family || ':' || ord FROM report_code_family WHERE code = 'G0323'")" "g0323:6" "G0323 moved"
expect_eq "$(sql "SELECT family || ':' || ord FROM report_code_family WHERE code = '90791'")" "diagnostic:7" "90791 added"
expect_eq "$(sql "SELECT family || ':' || ord FROM report_code_family WHERE code = 'G0511'")" "other:8" "later families follow"
expect_eq "$(sql "SELECT count(*) FROM report_code_family")" "9" "no code removed"
# the engine's role stores them through the function only
expect_eq "$(sql "SELECT has_table_privilege('adj_engine', 'report_code_family', 'INSERT')")" "f" \
    "no direct write for the engine"

# a malformed group names the file and line
cp "$TMP/rs/cocm-2026.conf" "$TMP/rs/bad.conf"
sed -i 's|{ family = "g0323"; codes = \["G0323"\]; },|{ family = "g0323"; code = "G0323"; },|' "$TMP/rs/bad.conf"
run_adj 1 ruleset check "$TMP/rs/bad.conf"
expect_contains "$TMP/err" "unknown key 'code' in report_families" "malformed report_families refused"
