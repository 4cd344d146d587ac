# Dependent decisions take their rule values from the rulesets in force
# (sql/061): a candidate ruleset whose add-on list, primaries or cap CARC
# differ changes what `show` lists and what `rerun --where depends-on=`
# selects.
. tests/integration/pipeline_lib.sh
# candidate NAME SED: the shipped rulesets with one edit, in $TMP/NAME
candidate() {
    mkdir -p "$TMP/$1"; cp -r "$ROOT"/rulesets/* "$TMP/$1/"
    sed -i -e "$2" "$TMP/$1/"*.conf
    cmp -s "$ROOT/rulesets/cocm-2026.conf" "$TMP/$1/cocm-2026.conf" && fail "candidate $1 not edited"
    run_adj 0 ruleset check "$TMP/$1"
}
# table_candidate NAME SED: the shipped rulesets with the add-on table
# edited (add-ons and their primaries come from it) and its hash re-pinned
table_candidate() {
    mkdir -p "$TMP/$1"; cp -r "$ROOT"/rulesets/* "$TMP/$1/"
    local t="$TMP/$1/tables/ncci-aoc-bh-2024q3.csv" old new
    old=$(sha256sum <"$t" | cut -d' ' -f1)
    sed -i -e "$2" "$t"
    new=$(sha256sum <"$t" | cut -d' ' -f1)
    [ "$old" != "$new" ] || fail "candidate $1: table not edited"
    sed -i "s/$old/$new/" "$TMP/$1/"*.conf
    run_adj 0 ruleset check "$TMP/$1"
}
# April on top of the demo story: Ana's base 99493 on one claim, the add-on
# 99494 for the same month and practice on two later ones, five units in
# all: over the monthly cap of four. (The two 99494 lines carry the same
# charge, so the second is not a suspect duplicate of the first.)
python3 - "$D/make-837.py" "$TMP/2026-04.837" <<'PY'
import sys
src = open(sys.argv[1]).read()
ns = {"__file__": sys.argv[1], "__name__": "demo"}
exec(src[:src.index("PCP, BAYVIEW")], ns)
c = ns["claim"]
april = [c("PSF-1301", "1234567893", "MBR1001", ["F331"], [("99493", "20260414", 18000, 1)]),
         c("PSF-1302", "1234567893", "MBR1001", ["F331"], [("99494", "20260420", 7000, 1)]),
         c("PSF-1303", "1234567893", "MBR1001", ["F331"], [("99494", "20260425", 7000, 4)])]
open(sys.argv[2], "w").write(ns["interchange"]("104", "20260505", april))
PY
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837 "$TMP/2026-04.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
X=PSF-1301 Y=PSF-1302 Z=PSF-1303 NPI=1234567893
expect_eq "$(sql "SELECT string_agg(claim_id || ' ' || outcome || ' ' || coalesce(carc, '-'), ', ' ORDER BY claim_pk) FROM decision_current WHERE claim_id IN ('$X', '$Y', '$Z')")" \
    "$X pay -, $Y pay -, $Z deny 119" "the base, the add-on, and the add-on over the monthly cap"

deps_of() {
    local id=$1; shift
    run_adj 0 --config "$CONF" --db "$ADJ_DB" show "$id" --npi "$NPI" --format json "$@"
    python3 -c 'import json,sys; print(" ".join(sorted(d["claim_id"]+":"+d["code"]+":"+d["why"] for d in json.load(open(sys.argv[1]))["dependents"])) or "none")' "$TMP/out"
}
selected() {
    "$ADJ" --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where depends-on="$X" npi="$NPI" \
        --reason r --user u "$@" 2>/dev/null | sed -n 's/^dry run: \([0-9]*\) claim.*/\1/p'
}

# the shipped rulesets: 99494 is an add-on of 99492/99493
expect_eq "$(deps_of "$X")" "$Y:99494:add-on of its base $Z:99494:add-on of its base" "shipped: the add-ons depend on their base"
expect_eq "$(selected)" "2" "shipped: depends-on selects the add-ons' claims"
# and CARC 119 is the cap edits': Y's unit counted against Z's
expect_eq "$(deps_of "$Y")" "$Z:99494:monthly cap counted it" "shipped: the cap denial depends on the units before it"

# 99494 not an add-on any more: nothing relies on X
table_candidate no-addon '/^[0-9A-Z]*,99494,/d'
expect_eq "$(deps_of "$X" --ruleset "$TMP/no-addon")" "none" "another add-on list: not a dependent"
expect_eq "$(selected --ruleset "$TMP/no-addon")" "" "another add-on list: depends-on selects nothing"
run_adj 1 --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where depends-on="$X" npi="$NPI" --reason r --user u --ruleset "$TMP/no-addon"
expect_contains "$TMP/err" "no decided claim matches depends-on=$X npi=$NPI" "and says so"

# 99493 not a primary of the add-on: X's base line no longer carries it
table_candidate no-primary '/^99493,/d'
expect_eq "$(deps_of "$X" --ruleset "$TMP/no-primary")" "none" "another primary list: not a dependent"

# the cap edits deny with another CARC: a 119 denial is not a cap denial any more
candidate cap-carc 's/^\(  cap_[a-z]* = { group = "CO"; carc = \)"119"/\1"198"/'
grep -q 'cap_month = { group = "CO"; carc = "198"' "$TMP/cap-carc/cocm-2026.conf" || fail "cap CARC not edited"
expect_eq "$(deps_of "$Y" --ruleset "$TMP/cap-carc")" "none" "another cap CARC: not a dependent"
expect_eq "$(deps_of "$X" --ruleset "$TMP/cap-carc")" "$Y:99494:add-on of its base $Z:99494:add-on of its base" "the add-ons still depend on the base"

# rulesets.dir in the configuration is the default for show, as for rerun
sed "s|dir = \"$ROOT/rulesets\"|dir = \"$TMP/no-addon\"|" "$CONF" >"$TMP/no-addon.conf"
grep -q "$TMP/no-addon" "$TMP/no-addon.conf" || fail "configuration not edited"
run_adj 0 --config "$TMP/no-addon.conf" --db "$ADJ_DB" show "$X" --npi "$NPI"
if grep -q "relied on these lines" "$TMP/out"; then fail "show uses rulesets.dir"; fi

# a ruleset that does not load is an error, not an empty list
run_adj 2 --config "$CONF" --db "$ADJ_DB" show "$X" --ruleset "$TMP/nowhere"
expect_contains "$TMP/err" "adjudicator show: ruleset:" "a bad --ruleset is named"
