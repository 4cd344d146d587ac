# Superseded claims (a later replacement, frequency 7, or void, 8) are never
# re-run: --where skips them and says how many; a claim ID whose claims are
# all superseded is refused (exit 1), naming the claim that superseded it.
. tests/integration/pipeline_lib.sh
# April on top of the demo story: a base replaced under a new CLM01 and a
# therapy claim voided by another (REF*F8 names the original's CLM01)
python3 - "$D/make-837.py" "$TMP/2026-04.837" <<'PY'
import sys
src = open(sys.argv[1]).read()
ns = {"__file__": sys.argv[1], "__name__": "demo"}
exec(src[:src.index("PCP, BAYVIEW")], ns)
c = ns["claim"]
april = [c("PSF-1401", "1234567893", "MBR1001", ["F331"], [("99493", "20260414", 18000, 1)]),
         c("HC-2401", "2222222228", "MBR1002", ["F4321"], [("90834", "20260415", 15000, 1)]),
         c("PSF-1402", "1234567893", "MBR1001", ["F331"], [("99493", "20260414", 17500, 1)],
           freq="7", ref="PSF-1401"),
         c("HC-2402", "2222222228", "MBR1002", ["F4321"], [("90834", "20260415", 15000, 1)],
           freq="8", ref="HC-2401")]
open(sys.argv[2], "w").write(ns["interchange"]("104", "20260505", april))
PY
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837 "$TMP/2026-04.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
pcn() { sql "SELECT pcn FROM claim WHERE claim_id = '$1' ORDER BY claim_pk ${2:-}LIMIT 1"; }
P1401=$(pcn PSF-1401) P1402=$(pcn PSF-1402) P2401=$(pcn HC-2401) P2402=$(pcn HC-2402)
sup() { sql "SELECT coalesce(string_agg(DISTINCT superseded_by, ','), '-') FROM decision_current WHERE pcn = '$1'"; }
expect_eq "$(sup "$P1401") $(sup "$P2401") $(sup "$P1402")" "$P1402 $P2402 -" "the story: PSF-1401 replaced, HC-2401 voided"
expect_eq "$(sql "SELECT outcome FROM decision_current WHERE pcn = '$P2402'")" "void" "the void is decided"
before=$(sql "SELECT count(*) FROM decision")

# a superseded claim named: refused, naming what superseded it; nothing written
run_adj 1 --config "$CONF" --db "$ADJ_DB" rerun PSF-1401 --reason "provider asked" --user pr
expect_contains "$TMP/err" "claim PSF-1401 (pcn $P1401) was replaced by claim PSF-1402 (pcn $P1402) and is not re-run: re-run the replacement instead" "replaced: refused"
run_adj 1 --config "$CONF" --db "$ADJ_DB" rerun HC-2401 --npi 2222222228 --reason "provider asked" --user pr
expect_contains "$TMP/err" "claim HC-2401 (pcn $P2401) was voided by claim HC-2402 (pcn $P2402) and is not re-run: re-run the void instead" "voided: refused"
if grep -q "no decided claim" "$TMP/err"; then fail "a superseded claim is not called missing"; fi
expect_eq "$(sql "SELECT count(*) FROM decision")" "$before" "nothing written for a refused claim"
# with another claim: that one is re-run, the superseded one refused, exit 1
run_adj 1 --config "$CONF" --db "$ADJ_DB" rerun PSF-1401 PSF-1402 --dry-run --reason r --user pr
expect_contains "$TMP/err" "claim PSF-1401 (pcn $P1401) was replaced by claim PSF-1402" "named among others"
expect_contains "$TMP/out" "dry run: 1 claim, 1 line: 0 changed in 0 claims, 1 unchanged; nothing written (run " "the replacement is re-run"
expect_contains "$TMP/out" "; 1 superseded claim skipped (replaced or voided later)" "the summary counts it"
# a replacement that kept the CLM01 (PSF-1101 in March): the CLM01 re-runs the replacement only
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun PSF-1101 --dry-run --reason r --user pr
expect_contains "$TMP/out" "payer claim control number $(pcn PSF-1101 'DESC ')" "the replacement"
if grep -q "payer claim control number $(pcn PSF-1101)\$" "$TMP/out"; then fail "the replaced PSF-1101 is re-run"; fi
expect_contains "$TMP/out" "dry run: 1 claim, 2 lines" "one claim"
expect_contains "$TMP/out" "; 1 superseded claim skipped" "the replaced one counted"

# --where: skipped and counted, in dry and real runs
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where month=2026-04 --reason r --user pr
expect_contains "$TMP/out" "dry run: 2 claims, 2 lines:" "April's current claims: the replacement and the void"
expect_contains "$TMP/out" "; 2 superseded claims skipped (replaced or voided later)" "the summary names the skipped"
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun --where month=2026-04 --reason "april check" --user pr --record-unchanged
expect_contains "$TMP/out" "rerun: 2 claims, 2 lines:" "real run"
expect_contains "$TMP/out" "; 2 superseded claims skipped" "real run counts them"
expect_eq "$(sql "SELECT string_agg(c.claim_id_text, ',' ORDER BY c.claim_pk) FROM (SELECT r.claim_pk, adj_text(c.claim_id) AS claim_id_text FROM rerun_claim r JOIN claim c USING (claim_pk)
                  WHERE r.run_id = (SELECT max(run_id) FROM rerun_run)) c")" "PSF-1402,HC-2402" "the run's claims"
expect_eq "$(sql "SELECT claims_selected || ' ' || state FROM rerun_run ORDER BY run_id DESC LIMIT 1")" "2 done" "the audit row"
expect_eq "$(sql "SELECT max(version) FROM decision d JOIN claim c USING (claim_pk) WHERE c.pcn IN ('$P1401', '$P2401')")" "1" "superseded claims keep their one version"
expect_eq "$(sql "SELECT count(*) FROM decision d JOIN claim c USING (claim_pk) WHERE c.pcn IN ('$P1402', '$P2402') AND d.version = 2")" "2" "the current ones got a recorded version"
# everything superseded: nothing to re-run, exit 1 as for no match
run_adj 1 --config "$CONF" --db "$ADJ_DB" rerun --dry-run --where month=2026-04 code=90834 outcome=pay --reason r --user pr
expect_contains "$TMP/err" "no decided claim matches code=90834 month=2026-04..2026-04 outcome=pay but 1 superseded (replaced or voided later), not re-run" "only a superseded claim matches"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
