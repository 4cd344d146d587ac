# Dependent decisions take their rule values from the rulesets in force
# (sql/061): a candidate ruleset whose add-on list or primaries differ
# changes what `show` lists and what `rerun --where depends-on=` selects.
. tests/integration/pipeline_lib.sh
. tests/integration/pipeline_lib.sh
# April on top of the demo story: Ana's base 99493 on one claim, the add-on
# 99494 for the same month and practice on a later one
python3 - "$D/make-837.py" "$TMP/2026-04.837" <<'PY'
import sys
src = open(sys.argv[1]).read()
ns = {"__file__": sys.argv[1], "__name__": "demo"}
exec(src[:src.index("PCP, BAYVIEW")], ns)
c = ns["claim"]
april = [c("PSF-1301", "1234567893", "MBR1001", ["F331"], [("99493", "20260414", 18000, 1)]),
         c("PSF-1302", "1234567893", "MBR1001", ["F331"], [("99494", "20260420", 7000, 1)])]
open(sys.argv[2], "w").write(ns["interchange"]("104", "20260505", april))
PY
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837 "$TMP/2026-04.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
X=PSF-1301 Y=PSF-1302 NPI=1234567893
X=PSF-1301 Y=PSF-1302 NPI=1234567893

# candidate NAME SED: the shipped rulesets with one edit, in $TMP/NAME
candidate() {
    mkdir -p "$TMP/$1"; cp -r "$ROOT"/rulesets/* "$TMP/$1/"
    sed -i -e "$2" "$TMP/$1/"*.conf
    cmp -s "$ROOT/rulesets/cocm-2026.conf" "$TMP/$1/cocm-2026.conf" && fail "candidate $1 not edited"
    run_adj 0 ruleset check "$TMP/$1"
}
deps_of_x() {
    run_adj 0 --config "$CONF" --db "$ADJ_DB" show "$X" --npi "$NPI" --format json "$@"
    python3 -c 'import json,sys; print(" ".join(sorted(d["claim_id"]+":"+d["code"]+":"+d["why"] for d in json.load(open(sys.argv[1]))["dependents"])) or "none")' "$TMP/out"
}
selected() {
    "$ADJ" --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where depends-on="$X" npi="$NPI" \
        --reason r --user u "$@" 2>/dev/null | sed -n 's/^dry run: \([0-9]*\) claim.*/\1/p'
}

# the shipped rulesets: 99494 is an add-on of 99492/99493
expect_eq "$(deps_of_x)" "$Y:99494:add-on of its base" "shipped: the add-on depends on its base"
expect_eq "$(selected)" "1" "shipped: depends-on selects the add-on's claim"

# 99494 not an add-on any more: nothing relies on X
candidate no-addon 's/^  addon = \["99494"\];/  addon = ["G0511"];/'
expect_eq "$(deps_of_x --ruleset "$TMP/no-addon")" "none" "another add-on list: not a dependent"
expect_eq "$(selected --ruleset "$TMP/no-addon")" "" "another add-on list: depends-on selects nothing"
run_adj 1 --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where depends-on="$X" npi="$NPI" --reason r --user u --ruleset "$TMP/no-addon"
expect_contains "$TMP/err" "no decided claim matches depends-on=$X npi=$NPI" "and says so"

# 99493 not a primary of the add-on: X's base line no longer carries it
candidate no-primary 's/^  addon_primary = \["99492", "99493"\];/  addon_primary = ["99492"];/'
expect_eq "$(deps_of_x --ruleset "$TMP/no-primary")" "none" "another primary list: not a dependent"

# rulesets.dir in the configuration is the default for show, as for rerun
sed "s|dir = \"$ROOT/rulesets\"|dir = \"$TMP/no-addon\"|" "$CONF" >"$TMP/no-addon.conf"
grep -q "$TMP/no-addon" "$TMP/no-addon.conf" || fail "configuration not edited"
run_adj 0 --config "$TMP/no-addon.conf" --db "$ADJ_DB" show "$X" --npi "$NPI"
if grep -q "relied on these lines" "$TMP/out"; then fail "show uses rulesets.dir"; fi

# a ruleset that does not load is an error, not an empty list
run_adj 2 --config "$CONF" --db "$ADJ_DB" show "$X" --ruleset "$TMP/nowhere"
expect_contains "$TMP/err" "adjudicator show: ruleset:" "a bad --ruleset is named"
