# `check --remit-dir`: 835s for the decisions of a run, no database. One per
# payee; CAS for every dollar not paid (CO-45, PR-2, the edit's CARC for a
# denial, OA-109 for a line the BH administrator handles); a replacement in
# the run reverses the original (CLP02 22) and carries the correction; a
# void takes the money back; balancing checked by an independent reader
# (check_835.py); every file valid for the HIPAA validator.
. tests/integration/x12valid_lib.sh
D=deploy/demo-data
ref=(--providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv")
run_adj 0 check "${ref[@]}" --remit-dir "$TMP/r" "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837"
ls "$TMP"/r/*.835 >/dev/null || fail "no 835 written"
expect_eq "$(ls "$TMP"/r/*.835 | wc -l)" 4 "one 835 per payee"
psf=$(ls "$TMP"/r/1234567893-*.835)
python3 tests/integration/check_835.py "$TMP"/r/*.835 >"$TMP/bal" || { cat "$TMP/bal" >&2; fail "835s do not balance"; }
# PSF-1001: 99492 charged 200.00, allowed 149.30, member 20% = 29.86, paid 119.44
expect_contains "$psf" "CLP*PSF-1001*1*200*119.44*29.86*ZZ*" "paid claim"
expect_contains "$psf" "CAS*CO*45*50.7~" "contractual reduction"
expect_contains "$psf" "CAS*PR*2*29.86~" "coinsurance"
expect_contains "$psf" "AMT*B6*149.3~" "allowed amount"
expect_contains "$psf" "N1*PE*PINE STREET FAMILY MEDICINE*XX*1234567893~" "payee"
expect_contains "$psf" "REF*TJ*941234567~" "payee TIN"
# the resubmitted PSF-1001 (a duplicate): denied OA-18 with its RARC
expect_contains "$psf" "CLP*PSF-1001*4*200*0**ZZ*" "duplicate denied"
expect_contains "$psf" "CAS*OA*18*200~" "OA-18"
# PSF-1101 replaced in March: the original reversed, then the correction
expect_contains "$psf" "CLP*PSF-1101*22*-250*-156.8*-39.2*ZZ*" "reversal"
expect_contains "$psf" "CLP*PSF-1101*1*245*156.8*39.2*ZZ*" "corrected claim"
expect_contains "$TMP/bal" "$psf: claims 8 reversals 1 paid 620.53 plb 0 bpr 620.53" "PSF totals"
# lines forwarded to the BH administrator: OA-109, nothing paid
grep -q "CAS\*OA\*109\*" "$TMP"/r/*.835 || fail "forwarded lines carry OA-109"
grep -q "^BPR\*H\*0\*C\*NON" "$TMP"/r/3333333334-*.835 || fail "a payee paid nothing gets BPR H"

# a void of a paid claim in the same run: reversed, nothing paid for it
python3 tests/integration/resubmit_837.py "$D/2026-01.837" PSF-1002 8 555 >"$TMP/void.837"
run_adj 0 check "${ref[@]}" --remit-dir "$TMP/v" "$D/2026-01.837" "$TMP/void.837"
v=$(ls "$TMP"/v/1234567893-*.835)
expect_contains "$v" "CLP*PSF-1002*1*200*121.89*27.41*ZZ*" "original paid"
expect_contains "$v" "CLP*PSF-1002*22*-200*-121.89*-27.41*ZZ*" "void reverses it"
python3 tests/integration/check_835.py "$v" >"$TMP/bal" || { cat "$TMP/bal" >&2; fail "void 835 does not balance"; }
expect_contains "$TMP/bal" "paid 119.44 plb 0 bpr 119.44" "only PSF-1001 is paid"

# the payer from the remit.* settings (1000A, TRN03, ISA06); a setting an
# 835 cannot carry is refused at load, naming it
cat >"$TMP/payer.conf" <<'EOF'
remit = {
  payer_name = "EXAMPLE HEALTH PLAN"; payer_id = "123456789";
  payer_address = "100 MAIN STREET"; payer_city = "OAKLAND"; payer_state = "CA";
  payer_zip = "946120001"; payer_contact = "EDI SUPPORT"; payer_phone = "5105550199";
  sender_id = "EXAMPLEHP";
};
EOF
run_adj 0 --config "$TMP/payer.conf" check "${ref[@]}" --remit-dir "$TMP/p" "$D/2026-01.837"
p=$(ls "$TMP"/p/1234567893-*.835)
expect_contains "$p" "N1*PR*EXAMPLE HEALTH PLAN~" "payer name"
expect_contains "$p" "N3*100 MAIN STREET~" "payer address"
expect_contains "$p" "N4*OAKLAND*CA*946120001~" "payer city, state, ZIP"
expect_contains "$p" "PER*BL*EDI SUPPORT*TE*5105550199~" "payer contact"
expect_contains "$p" "*1123456789~" "TRN03: 1 and the payer's tax ID"
expect_contains "$p" "*ZZ*EXAMPLEHP      *" "ISA06"
# without a configuration: the documented defaults
expect_contains "$psf" "N1*PR*" "payer named"
expect_contains "$psf" "PER*BL*PROVIDER SERVICES*TE*8005550100~" "default contact"
printf 'remit = { payer_zip = "9410"; };\n' >"$TMP/bad.conf"
run_adj 2 --config "$TMP/bad.conf" check "${ref[@]}" --remit-dir "$TMP/q" "$D/2026-01.837"
expect_contains "$TMP/err" "'remit.payer_zip' must be 5 or 9 digits" "bad ZIP named"
printf 'remit = { payer_name = "A*B"; };\n' >"$TMP/bad.conf"
run_adj 2 --config "$TMP/bad.conf" remit --out "$TMP/q"
expect_contains "$TMP/err" "'remit.payer_name' must not hold an X12 separator" "separator refused"

# our reader reads back the 835 envelope (and refuses it only as not an 837)
run_adj 1 parse "$psf"
expect_contains "$TMP/err" "type 835 version" "835 read back"
if grep -v "type 835 version" "$TMP/err" | grep -q .; then cat "$TMP/err" >&2; fail "835 envelope"; fi

if have_x12valid; then
    x12_validate "$TMP"/r/*.835 "$TMP"/v/*.835 "$TMP"/p/*.835
else
    echo "SKIPPED: validation: no $X12VALID or python3-defusedxml"
fi
