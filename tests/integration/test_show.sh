# show CLAIM_ID: every decision version with its trace and the payer claim
# control number; --npi tells apart two providers' claims with one CLM01;
# claim fields with quotes, backslashes, SQL and non-ASCII bytes round-trip.
run_adj 0 --db "$ADJ_DB" db init
FIX="$ROOT/$BUILD/tests/example_decisions_fixture"
head -c 32 /dev/urandom | base64 >"$TMP/k"; chmod 600 "$TMP/k"

sql "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
     VALUES ('1234567893', 'M001', 'M001', 'A1', 20000), ('1987654325', 'M009', 'M009', 'A1', 100)" >/dev/null
pk1=$(sql "SELECT claim_pk FROM claim WHERE billing_npi = '1234567893'")
pk2=$(sql "SELECT claim_pk FROM claim WHERE billing_npi = '1987654325'")
pcn1=$(sql "SELECT pcn FROM claim WHERE claim_pk = $pk1")
[ ${#pcn1} -eq 15 ] || fail "payer claim control number '$pcn1' should be 15 digits"
"$FIX" "$ENGINE_DB" "$TMP/k" "engine test:1" "$pk1:M001" >/dev/null
"$FIX" "${ADJ_DB/user=postgres/user=staff}" "$TMP/k" "staff alice" "$pk1:M001" >/dev/null

run_adj 0 --db "$ADJ_DB" show A1 --npi 1234567893
expect_contains "$TMP/out" "claim A1  billing NPI 1234567893  payer claim control number $pcn1" "claim head"
expect_contains "$TMP/out" "version 1, decided" "first version"
expect_contains "$TMP/out" "by engine test:1" "decided by"
expect_contains "$TMP/out" "version 2, decided" "second version"
expect_contains "$TMP/out" "line 1 (LX 1) 99492 2026-01-15 medical: pay  allowed 149.30  paid 119.44  patient 29.86" "paid line"
expect_contains "$TMP/out" "line 2 (LX 2) 99494 2026-01-15 medical: deny OA-18 N522  allowed 0.00" "denied line"
expect_contains "$TMP/out" "rules: route.code.cocm, edit.duplicate.exact" "trace"
expect_contains "$TMP/out" "reason: fixture decision of line 2" "reason"
expect_eq "$(grep -c '^claim ' "$TMP/out")" "1" "--npi selects one claim"
run_adj 0 --db "$ADJ_DB" show A1
expect_eq "$(grep -c '^claim ' "$TMP/out")" "2" "without --npi both providers' A1"
expect_contains "$TMP/out" "no decision yet" "the undecided claim says so"
run_adj 1 --db "$ADJ_DB" show NOPE
expect_contains "$TMP/err" "no claim NOPE is stored" "unknown claim"

# hostile bytes: quote, backslash, SQL, Latin-1 byte, UTF-8
hostile=$(printf "Q'\\\\x\";DROP TABLE claim;--\xe9\xc3\xa9")
printf '%s' "$hostile" >"$TMP/hostile"
hex=$(od -An -tx1 "$TMP/hostile" | tr -d ' \n')
sql "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
     VALUES ('1234567893', 'M003', 'M003', '\\x$hex'::bytea, 1)" >/dev/null
expect_eq "$(sql "SELECT encode(claim_id, 'hex') FROM claim WHERE member_id = 'M003'")" "$hex" "stored byte for byte"
set +e; "$ADJ" --db "$ADJ_DB" show "$hostile" >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
expect_eq "$rc" "0" "show finds the hostile claim id"
head -1 "$TMP/out" | LC_ALL=C sed -n 's/^claim \(.*\)  billing NPI.*/\1/p' | tr -d '\n' >"$TMP/shown"
cmp -s "$TMP/shown" "$TMP/hostile" || { od -c "$TMP/shown"; fail "show prints the claim id byte for byte"; }
expect_eq "$(sql "SELECT count(*) FROM pg_tables WHERE tablename = 'claim'")" "1" "the SQL fragment stayed data"
