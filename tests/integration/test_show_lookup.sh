# show look-ups as an analyst on the phone makes them: claim number in any
# case, payer claim control number, billing NPI with service dates, member
# ID (persons listed); the claim head names the patient, plan, providers and
# charges, CARC/RARC carry their texts, a duplicate's match its control
# number, replacements link both ways; every claim shown is in the access log.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
pcn() { sql "SELECT pcn FROM claim WHERE claim_id = '$1' ORDER BY claim_pk LIMIT 1 OFFSET ${2:-0}"; }

# claim number in any case
run_adj 0 --db "$ADJ_DB" show mp-3001
expect_contains "$TMP/out" "claim MP-3001  billing NPI 3333333334  payer claim control number $(pcn MP-3001)" "lower-case claim number"
expect_contains "$TMP/out" "patient CHEN, MAY (subscriber), born 1980-07-04, member ID MBR1002" "patient name and birth date"
expect_contains "$TMP/out" "plan Silver PPO (carved in) (SILVER-PPO)" "plan on the date of service"
expect_contains "$TMP/out" "billing provider Mission Psychiatry Group" "billing provider name"
expect_contains "$TMP/out" "total charge 200.00" "charges"
expect_contains "$TMP/out" "charge 200.00, units 1" "line charge"
expect_contains "$TMP/out" "CARC 170: Payment is denied when performed or billed by this type of provider." "CARC text"
expect_contains "$TMP/out" "RARC N95: This provider type or provider specialty may not bill this service." "RARC text"
expect_contains "$TMP/out" "reason: 99492 denied: 99492 may be billed only by medical providers" "rule in words"

# payer claim control number: the duplicate names its match's control number
run_adj 0 --db "$ADJ_DB" show --pcn "$(pcn PSF-1001 1)"
expect_eq "$(grep -c '^claim ' "$TMP/out")" "1" "one claim by control number"
expect_contains "$TMP/out" "matched claim: PSF-1001 (payer claim control number $(pcn PSF-1001))" "duplicate's match by control number"
expect_contains "$TMP/out" "CARC 18: Exact duplicate claim or service." "duplicate CARC text"

# replacement links both ways
run_adj 0 --db "$ADJ_DB" show --pcn "$(pcn PSF-1101)"
expect_contains "$TMP/out" "replaced by claim PSF-1101 (pcn $(pcn PSF-1101 1))" "original names its replacement"
run_adj 0 --db "$ADJ_DB" show --pcn "$(pcn PSF-1101 1)"
expect_contains "$TMP/out" "replaces or voids claim PSF-1101 (pcn $(pcn PSF-1101))" "replacement names its original"

# billing NPI and a range of service dates
run_adj 0 --db "$ADJ_DB" show --npi 1234567893 --from 2026-02-01 --to 2026-02-28
expect_eq "$(grep '^claim ' "$TMP/out" | awk '{print $2}' | sort | tr '\n' ' ')" "PSF-1101 PSF-1101 PSF-1102 " "February claims of the practice"
run_adj 1 --db "$ADJ_DB" show --npi 1234567893 --from 2025-01-01 --to 2025-01-31
expect_contains "$TMP/err" "no stored claim matches" "no claim in the range"
run_adj 2 --db "$ADJ_DB" show --npi 1234567893 --from 2026-02-30
expect_contains "$TMP/err" "--from takes a date YYYY-MM-DD, not '2026-02-30'" "bad date"

# member ID: the persons under it, then their claims
run_adj 0 --db "$ADJ_DB" show --member MBR1002
expect_contains "$TMP/out" "2 persons with claims under this member ID:" "persons listed"
expect_contains "$TMP/out" "dependent  LILY, born 2014-05-02: 2 claims" "the dependent"
expect_contains "$TMP/out" "patient CHEN, LILY (dependent), born 2014-05-02" "dependent's claim names her"
expect_eq "$(grep -c '^claim ' "$TMP/out")" "6" "every claim of the member"

# JSON carries the same
run_adj 0 --db "$ADJ_DB" show --pcn "$(pcn PSF-1001 1)" --format json
python3 - "$TMP/out" "$(pcn PSF-1001)" <<'PY' || fail "show JSON"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["claims"][0]
assert c["patient"]["name"] == "RIVERA, ANA", c["patient"]
assert c["plan"].startswith("Golden Gate HMO"), c["plan"]
line = c["versions"][0]["lines"][0]
assert line["carc_text"] == "Exact duplicate claim or service.", line
assert line["matched_pcn"] == sys.argv[2], line
assert d["more"] is False
PY

# every claim printed is in the access log, attributed to the login
expect_eq "$(sql "SELECT count(*) FROM access_log WHERE action = 'show' AND claim_key = '3333333334 MP-3001'")" "2" "each view logged (by claim number, by member)"
expect_eq "$(sql "SELECT count(*) FROM access_log WHERE detail = 'show --pcn (pcn $(pcn PSF-1001 1))'")" "1" "by control number, naming it"
expect_eq "$(sql "SELECT DISTINCT db_login FROM access_log")" "staff" "attributed to the database login"
expect_eq "$(sql "SELECT count(*) FROM access_log WHERE detail LIKE 'show --member (pcn %'")" "6" "member look-up logs each claim"
run_adj 1 --db "$ADJ_DB" show --pcn 999 --user "analyst on call"
expect_eq "$(sql "SELECT app_user || ': ' || detail FROM access_log WHERE claim_pk IS NULL AND app_user IS NOT NULL")" "analyst on call: nothing stored matched" "a look-up that found nothing is logged too"
