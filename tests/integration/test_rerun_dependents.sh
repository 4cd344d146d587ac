# Dependent decisions (docs/adjudication.md): a base re-run to a denial leaves the
# add-on on another claim that relied on it; `show` lists it and
# `rerun --where depends-on=CLAIM` selects and re-decides it. And the
# --where filters select what they say.
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
YPK=$(sql "SELECT claim_pk FROM claim WHERE claim_id = '$Y'")
addon() { sql "SELECT outcome || ' ' || coalesce(grp || '-' || carc, '-') FROM decision_current WHERE claim_pk = $YPK AND code = '99494'"; }
expect_eq "$(addon)" "pay -" "the add-on is paid on its base"
run_adj 0 --db "$ADJ_DB" show "$X" --npi "$NPI"
expect_contains "$TMP/out" "decisions of other claims that relied on these lines" "show lists dependents"
expect_contains "$TMP/out" "claim $Y  billing NPI $NPI" "the add-on's claim"
expect_contains "$TMP/out" "99494: pay (add-on of its base: $X pcn" "why it depends"
run_adj 0 --db "$ADJ_DB" show "$Y" --npi "$NPI"
if grep -q "relied on these lines" "$TMP/out"; then fail "the add-on's claim has no dependents"; fi

# X's base re-run to a denial: a candidate ruleset in which CoCM codes are not valid yet
mkdir -p "$TMP/cand"; cp -r "$ROOT"/rulesets/* "$TMP/cand/"
sed -i -e 's/{ code = "\(9949[23]\)"; valid_from = "[0-9-]*"; }/{ code = "\1"; valid_from = "2030-01-01"; }/' "$TMP/cand/"*.conf
grep -q 'code = "99493"; valid_from = "2030-01-01"' "$TMP/cand/cocm-2026.conf" || fail "candidate not edited"
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun "$X" --npi "$NPI" --ruleset "$TMP/cand" --allow-uninstalled-ruleset --reason "base code withdrawn" --user pr
expect_contains "$TMP/out" "line 1 99493: pay allowed 138.00 paid 110.40 -> deny CO-181 N56 allowed 0.00 paid 0.00" "old"
expect_contains "$TMP/out" "-> deny CO-181 N56" "the base is now denied"
expect_contains "$TMP/out" "decisions that relied on this line: adjudicator show $X --npi $NPI; rerun --where depends-on=$X" "points at the dependents"
expect_eq "$(addon)" "pay -" "the dependent is not re-decided silently"
run_adj 0 --db "$ADJ_DB" show "$X" --npi "$NPI" --format json
python3 - "$TMP/out" "$Y" <<'PY' || fail "show --format json lists dependents"
import json, sys
d = json.load(open(sys.argv[1]))
deps = [x for x in d["dependents"] if x["claim_id"] == sys.argv[2] and x["code"] == "99494"]
assert deps and deps[0]["why"] == "add-on of its base" and deps[0]["outcome"] == "pay", d["dependents"]
assert [v["version"] for v in d["claims"][0]["versions"]] == [2, 1], d["claims"][0]
PY

# depends-on selects the dependents (not X itself); re-decided, the add-on loses its base
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where depends-on="$X" npi="$NPI" --reason "base denied" --user pr
expect_contains "$TMP/out" "pay                deny CO-B15" "the dry run shows the add-on denied"
expect_contains "$TMP/out" "dry run: 1 claim, 1 line: 1 changed" "depends-on selects exactly the dependent"
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --where depends-on="$X" npi="$NPI" --reason "base denied" --user pr
expect_eq "$(addon)" "deny CO-B15" "the add-on re-decided without its base"
expect_eq "$(sql "SELECT filter FROM rerun_run ORDER BY run_id DESC LIMIT 1")" "depends-on=$X npi=$NPI" "the filter is recorded"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify

# filters select what they say (dry runs over the 16 claims, of which the
# February PSF-1101 that March's replacement superseded is never selected)
where_count() { "$ADJ" --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where "$@" --reason f --user f 2>/dev/null \
                | sed -n 's/^dry run: \([0-9]*\) claim.*/\1/p'; }
expect_eq "$(where_count code=99493 outcome=pay)" "3" "code= outcome=: PSF-1101's replacement, PSF-1102, PSF-1201"
expect_eq "$(where_count carc=170)" "1" "carc=: MP-3001"
expect_eq "$(where_count npi=2222222228)" "4" "npi=: Harbor Counseling's claims"
expect_eq "$(where_count plan=SILVER-PPO)" "6" "plan=: May's and Lily's claims"
expect_eq "$(where_count month=2026-02..2026-03)" "6" "month=: February and March (not the resubmitted January claim nor the replaced PSF-1101)"
expect_eq "$(where_count month=2026-02..2026-03 npi=1234567893 code=99494)" "1" "filters combine on one line: PSF-1101's replacement"

# a progress bar on a terminal (script(1) gives the command a pty)
if command -v script >/dev/null; then
    script -qec "'$ADJ' --config '$CONF' --db '$ADJ_DB' rerun --dry-run --where --reason bar --user u" /dev/null >"$TMP/tty.out" </dev/null
    grep -q $'\rrerun \[##############################\] 100% 15/15 claims' "$TMP/tty.out" || { cat -A "$TMP/tty.out" | head; fail "no progress bar on a terminal"; }
    if grep -q '^rerun: [0-9]*/' "$TMP/tty.out"; then fail "plain progress lines on a terminal"; fi
fi
