# `adjudicator ack`: TA1, 999 and 277CA over the demo story and the reader's
# fixtures; what each says, control numbers unique per sender across runs,
# and every file valid for the HIPAA validator (when ../shared/tools is
# there). No database.
. tests/integration/x12valid_lib.sh
D=deploy/demo-data
F=tests/fixtures/x12

# the demo story: every set and claim accepted
run_adj 0 ack --out "$TMP/ack" --date 20260301 "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837"
expect_contains "$TMP/err" "2026-01.837: 0 TA1, 1 set(s) accepted, 0 rejected; 6 claim(s) accepted, 0 rejected" "summary"
expect_contains "$TMP/ack/2026-01.837.999" "AK1*HC*101*005010X222A1~" "AK1 names the group"
expect_contains "$TMP/ack/2026-01.837.999" "AK2*837*0001*005010X222A1~" "AK2"
expect_contains "$TMP/ack/2026-01.837.999" "IK5*A~" "set accepted"
expect_contains "$TMP/ack/2026-01.837.999" "AK9*A*1*1*1~" "group accepted"
expect_contains "$TMP/ack/2026-01.837.277" "ST*277*0001*005010X214~" "277CA"
expect_contains "$TMP/ack/2026-01.837.277" "QTY*90*6~" "six claims accepted"
expect_contains "$TMP/ack/2026-01.837.277" "TRN*2*PSF-1001~" "claim trace is CLM01"
expect_contains "$TMP/ack/2026-01.837.277" "STC*A2:20:PR*20260301*WQ*200~" "claim accepted into adjudication"
expect_contains "$TMP/ack/2026-01.837.277" "NM1*85*2*PINE STREET FAMILY MEDICINE*****XX*1234567893~" "billing provider"
# replies go back to the sender: ISA sender and receiver swapped
expect_contains "$TMP/ack/2026-01.837.999" "*ZZ*GGHP01         *ZZ*CLH001         *260301*" "ISA reversed"
[ ! -e "$TMP/ack/2026-01.837.ta1" ] || fail "no TA1 for an accepted interchange"

# control numbers: unique per sender, recorded in the out directory, also
# across runs (six interchanges so far: a 999 and a 277CA per file)
expect_contains "$TMP/ack/control-numbers" "ZZ:CLH001 6" "recorded"
run_adj 0 ack --out "$TMP/ack" "$D/2026-01.837"
expect_contains "$TMP/ack/2026-01.837.277" "*000000007*0*P*:~" "next control number"
expect_contains "$TMP/ack/2026-01.837.277" "IEA*1*000000007~" "IEA02"
expect_contains "$TMP/ack/2026-01.837.999" "IEA*1*000000008~" "and the next"
expect_contains "$TMP/ack/control-numbers" "ZZ:CLH001 8" "recorded"

# a set with a bad SE count: the 999 rejects that set (IK5 R 4) and accepts
# the other; the 277CA covers only the accepted set's claim
run_adj 1 ack --out "$TMP/se" "$F/se_count.837"
tr -d '\n' <"$TMP/se/se_count.837.999" | grep -q 'AK2\*837\*0001\*005010X222A1~IK5\*R\*4~AK2\*837\*0002\*005010X222A1~IK5\*A~AK9\*P\*2\*2\*1~' ||
    { cat "$TMP/se/se_count.837.999" >&2; fail "999 of se_count.837"; }
expect_eq "$(grep -c '^ST\*277' "$TMP/se/se_count.837.277")" 1 "one 277CA"
expect_eq "$(grep -c '^HL\*.*\*PT~' "$TMP/se/se_count.837.277")" 1 "one claim in it"

# envelopes the reader rejects whole: a TA1 with the note code
run_adj 1 ack --out "$TMP/ta1" "$F/bad_isa.837" "$F/iea_mismatch.837" "$F/truncated.837"
expect_contains "$TMP/ta1/bad_isa.837.ta1" "TA1*000000201*260115*1200*R*022~" "bad ISA: invalid control structure"
expect_contains "$TMP/ta1/iea_mismatch.837.ta1" "*R*001~" "IEA02 differs from ISA13"
expect_contains "$TMP/ta1/truncated.837.ta1" "*R*023~" "premature end of file"
expect_contains "$TMP/ta1/bad_isa.837.ta1" "IEA*0*" "a TA1-only interchange"
# the file's second interchange is sound: its group gets a 999, the first none
expect_contains "$TMP/ta1/bad_isa.837.999" "AK1*HC*2*005010X222A1~" "999 of the good interchange"
expect_eq "$(grep -c '^AK1' "$TMP/ta1/bad_isa.837.999")" 1 "no 999 for the rejected interchange"
expect_eq "$(grep -c '^AK1' "$TMP/ta1/iea_mismatch.837.999")" 1 "999 only for the second interchange"

# a claim rejected at the front end: 277CA A3 with the status code and
# entity of its problem (the billing NPI), action U, and the reason
run_adj 1 ack --out "$TMP/rej" tests/fixtures/check/bad-npi.837
expect_contains "$TMP/rej/bad-npi.837.277" "STC*A3:562:85*" "rejected: NPI of the billing provider"
expect_contains "$TMP/rej/bad-npi.837.277" "*U*" "action U"
expect_contains "$TMP/rej/bad-npi.837.277" "QTY*AA*" "rejected count"
expect_contains "$TMP/rej/bad-npi.837.999" "IK5*A~" "the set itself is accepted"
# the status code and entity are the ruleset's (frontend_problems), not the
# program's: a ruleset giving the billing NPI status 128 makes the 277CA say so
run_adj 1 ack --ruleset "$ROOT/tests/fixtures/rulesets/frontend" --out "$TMP/rej2" \
    tests/fixtures/check/bad-npi.837
expect_contains "$TMP/rej2/bad-npi.837.277" "STC*A3:128:85*" "status code from the ruleset"
! grep -qF "A3:562" "$TMP/rej2/bad-npi.837.277" || fail "277CA still carries the shipped ruleset's status 562"
# ack needs the rulesets: a directory that is not there is a usage error
run_adj 2 ack --ruleset "$TMP/no-such-rulesets" --out "$TMP/rej3" tests/fixtures/check/bad-npi.837
expect_contains "$TMP/err" "no-such-rulesets" "the error names the path"

# elements the reader could not read: IK3/IK4 (segment position, element,
# code) under IK5 E, the set still accepted; the claims rejected in the 277CA
run_adj 1 ack --out "$TMP/syn" "$F/bad_claims.837"
expect_contains "$TMP/syn/bad_claims.837.999" "IK3*DTP*" "IK3 names the segment and its position"
expect_contains "$TMP/syn/bad_claims.837.999" "IK4*3**8~" "IK4: element 3, invalid date"
expect_contains "$TMP/syn/bad_claims.837.999" "CTX*CLM01:BADDATE~" \
    "CTX names the claim the error is in (business unit identifier)"
expect_contains "$TMP/syn/bad_claims.837.999" "IK5*E*I5~" "set accepted with errors noted"
expect_contains "$TMP/syn/bad_claims.837.999" "AK9*E*" "group accepted with errors noted"
expect_contains "$TMP/syn/bad_claims.837.277" "STC*A3:187*" "the date problem rejects its claim"

# standard input, acknowledgements on standard output
"$ADJ" ack - <"$D/2026-02.837" >"$TMP/stdout.x12" 2>"$TMP/err" || fail "ack -"
expect_contains "$TMP/stdout.x12" "ST*999*0001*005010X231A1~" "999 on stdout"
expect_contains "$TMP/stdout.x12" "ST*277*0001*005010X214~" "277CA on stdout"

# our own reader reads back the envelopes we write (ISA/GS/ST..SE/GE/IEA):
# the only complaint is that a 999 or 277 is not an 837
for f in "$TMP/ack/2026-01.837.999" "$TMP/ack/2026-01.837.277"; do
    run_adj 1 parse "$f"
    if grep -v "is not an 837 claim set\|not an 837P\|version 005010X2" "$TMP/err" | grep -q .; then
        cat "$TMP/err" >&2; fail "our reader rejects the envelope of $(basename "$f")"
    fi
done

# --config: acks.dir is the default output directory
printf 'acks: { dir = "%s"; };\n' "$TMP/cfgdir" >"$TMP/ack.conf"
run_adj 0 ack --config "$TMP/ack.conf" "$D/2026-03.837"
[ -s "$TMP/cfgdir/2026-03.837.277" ] || fail "ack --config writes to acks.dir"

# usage; a file that cannot be read is exit 2, the others still answered
run_adj 2 ack
run_adj 2 ack --date 2026-03-01 "$D/2026-01.837"
run_adj 2 ack --out "$TMP/none" "$TMP/none.837" "$D/2026-01.837"
expect_contains "$TMP/err" "none.837: cannot open" "names the file"
[ -s "$TMP/none/2026-01.837.277" ] || fail "the other file is still answered"

if have_x12valid; then
    x12_validate "$TMP"/ack/*.999 "$TMP"/ack/*.277 "$TMP"/se/*.999 "$TMP"/se/*.277 \
        "$TMP"/ta1/*.ta1 "$TMP"/rej/*.999 "$TMP"/rej/*.277 "$TMP"/syn/*.999 "$TMP"/syn/*.277
else
    echo "SKIPPED: validation: no $X12VALID or python3-defusedxml"
fi
