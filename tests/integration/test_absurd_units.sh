# docs/adjudication.md "Money": absurd units and amounts through `check` and through
# the pipeline. Quantities no real claim carries are denied by the MUE
# (10^6, 10^11 units) or rejected at the front end (1e308, NaN, negative,
# more than 3 decimals, beyond int64); none is ever paid, nothing crashes,
# no amount wraps, and the good claim of the same file is paid.
. tests/integration/pipeline_lib.sh
f="$TMP/absurd.837"
python3 - "$f" <<'PY'
import sys
lines = [  # (claim, units, charge)
    ("AB-1", "1000000", "92000000.00"),
    ("AB-2", "99999999999", "92000000.00"),
    ("AB-3", "1E308", "100.00"),
    ("AB-4", "NaN", "100.00"),
    ("AB-5", "-1", "100.00"),
    ("AB-6", "1.2345", "100.00"),
    ("AB-7", "99999999999999999999", "100.00"),
    ("AB-8", "1", "99999999999999999999.99"),
    ("AB-9", "1", "100.00"),
]
seg = ["ST*837*0001*005010X222A1", "BHT*0019*00*B1*20261201*1200*CH",
       "NM1*41*2*CLEARINGHOUSE*****46*CLH001", "PER*IC*EDI*TE*4155550100",
       "NM1*40*2*PLAN*****46*GGHP01", "HL*1**20*1", "PRV*BI*PXC*207Q00000X",
       "NM1*85*2*PINE STREET FAMILY MEDICINE*****XX*1234567893", "N3*100 PINE ST",
       "N4*SAN FRANCISCO*CA*941101234", "REF*EI*941234567", "HL*2*1*22*0",
       "SBR*P*18*SILVER******CI", "NM1*IL*1*CHEN*MAY****MI*MBR1002", "DMG*D8*19800704*F",
       "NM1*PR*2*PLAN*****PI*GGHP01"]
for i, (cid, units, charge) in enumerate(lines):
    seg += ["CLM*%s*%s***11:B:1*Y*A*Y*Y" % (cid, charge), "HI*ABK:F331",
            "LX*1", "SV1*HC:99213*%s*UN*%s***1" % (charge, units),
            "DTP*472*D8*202611%02d" % (i + 2)]
seg.append("SE*%d*0001" % (len(seg) + 1))
env = ["ISA*00*          *00*          *ZZ*CLH001         *ZZ*GGHP01         *261201*1200*^*00501*000000901*0*P*:",
       "GS*HC*CLH001*GGHP01*20261201*1200*901*X*005010X222A1"] + seg + ["GE*1*901", "IEA*1*000000901"]
open(sys.argv[1], "w").write("~\n".join(env) + "~\n")
PY
ref=(--providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv")
run_adj 1 check "${ref[@]}" "$f"
out="$TMP/out"
expect_eq "$(wc -l <"$out")" "9" "one decision per line, nothing dropped"
expect_eq "$(grep -c '"outcome":"pay"' "$out")" "1" "only the sane claim is paid"
expect_contains "$out" '"claim_id":"AB-9","line":1,"code":"99213","member_id":"MBR1002","route":"medical","outcome":"pay","group":null,"carc":null,"rarc":[],"allowed":"92.00","paid":"71.75","patient_resp":"20.25"' "the good claim paid"
for c in AB-1 AB-2; do
    expect_contains "$out" "\"claim_id\":\"$c\",\"line\":1,\"code\":\"99213\",\"member_id\":\"MBR1002\",\"route\":\"medical\",\"outcome\":\"deny\",\"group\":\"CO\",\"carc\":\"119\",\"rarc\":[\"N362\"],\"allowed\":\"0.00\",\"paid\":\"0.00\"" "$c denied by the MUE"
done
expect_contains "$out" "limit of 2 per date of service (CMS MUE)" "the trace names the MUE limit"
for c in AB-3 AB-4 AB-5 AB-6 AB-7 AB-8; do
    expect_contains "$out" "\"claim_id\":\"$c\",\"line\":1,\"code\":\"99213\",\"member_id\":\"MBR1002\",\"route\":\"medical\",\"outcome\":\"reject\",\"group\":\"CO\",\"carc\":\"16\"" "$c rejected at the front end"
done
grep -q '"paid":"-' "$out" && fail "a negative amount"
expect_contains "$TMP/err" "claim AB-3" "stderr names the claim"

# the pipeline decides the same
setup_db "$ADJ_DB"
"$ADJ" --db "$ADJ_DB" --config "$CONF" ingest "$f" >/dev/null 2>&1 || true
"$ADJ" --db "$ADJ_DB" --config "$CONF" run --once >/dev/null 2>"$TMP/run.err" || { cat "$TMP/run.err"; fail "run --once"; }
expect_eq "$(sql "SELECT count(*) FROM decision_current")" "9" "nine decisions stored"
expect_eq "$(sql "SELECT string_agg(outcome || ':' || coalesce(carc, '-'), ' ' ORDER BY claim_pk) FROM decision_current")" \
    "deny:119 deny:119 reject:16 reject:16 reject:16 reject:16 reject:16 reject:16 pay:-" "pipeline outcomes"
expect_eq "$(sql "SELECT sum(paid_cents), max(allowed_cents), min(coalesce(paid_cents, 0)) FROM decision_current")" "7175|9200|0" "only 71.75 paid, nothing wrapped"
