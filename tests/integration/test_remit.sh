# `adjudicator remit` on the demo story through the pipeline: 835s per
# payee for the decided claims, recorded so that nothing is remitted twice,
# also by two concurrent runs; a re-run that turns a denial into a payment
# is reversed and corrected in the next 835; a void of a paid claim takes
# the money back (PLB WO keeps BPR02 balanced); balancing checked by an
# independent reader; every 835 valid for the HIPAA validator.
. tests/integration/pipeline_lib.sh
. tests/integration/x12valid_lib.sh
setup_db "$ADJ_DB"
run_adj 0 --db "$ADJ_DB" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once

# two runs at once: the advisory lock serialises them; each claim once
"$ADJ" --db "$ADJ_DB" remit --out "$TMP/r1" >"$TMP/a.out" 2>"$TMP/a.err" &
a=$!
"$ADJ" --db "$ADJ_DB" remit --out "$TMP/r1" >"$TMP/b.out" 2>"$TMP/b.err" &
b=$!
wait $a || { cat "$TMP/a.err" >&2; fail "first remit"; }
wait $b || { cat "$TMP/b.err" >&2; fail "second remit"; }
cat "$TMP/a.out" "$TMP/b.out" >"$TMP/ab.out"
# 14 claims: 13 settle (PSF-1101's original was replaced before any 835)
expect_contains "$TMP/ab.out" "remit: 4 835(s), 13 claim(s) (0 reversal(s)), paid 868.40" "one run remits all"
expect_contains "$TMP/ab.out" "remit: 0 835(s), 0 claim(s)" "the other finds nothing left"
expect_eq "$(sql "SELECT count(*) FROM (SELECT claim_pk FROM remit_claim GROUP BY claim_pk HAVING count(*) > 1) x")" 0 "no claim twice"
expect_eq "$(sql "SELECT count(*) FROM remit_file")" 4 "four 835s recorded"
expect_eq "$(ls "$TMP"/r1/*.835 | wc -l)" 4 "four 835 files"
[ -z "$(ls -A "$TMP"/r1/.[!.]* 2>/dev/null)" ] || fail "no spool files left behind"
python3 tests/integration/check_835.py "$TMP"/r1/*.835 >"$TMP/bal" || { cat "$TMP/bal" >&2; fail "835s do not balance"; }
psf=$(ls "$TMP"/r1/1234567893-*.835)
pcn=$(sql "SELECT pcn FROM claim WHERE claim_id = 'PSF-1001' ORDER BY claim_pk LIMIT 1")
expect_contains "$psf" "CLP*PSF-1001*1*200*119.44*29.86*ZZ*$pcn*" "CLP07 is the payer claim control number"
expect_contains "$psf" "N1*PE*Pine Street Family Medicine, PC*XX*1234567893~" "payee named as loaded"
expect_contains "$psf" "REF*TJ*941234567~" "payee TIN from the 837"
expect_contains "$psf" "NM1*QC*1*RIVERA*ANA****MI*MBR1001~" "patient"
expect_eq "$(grep -c '^CLP\*PSF-1101\*' "$psf")" 1 "only the replacement of PSF-1101"
run_adj 0 --db "$ADJ_DB" remit --out "$TMP/r1"
expect_contains "$TMP/out" "remit: 0 835(s), 0 claim(s) (0 reversal(s)), paid 0.00" "nothing remitted twice"

# a re-run turns MP-3001's denial (CO-170) into a payment: the next 835
# reverses the denial as remitted and carries the corrected claim
sed 's/^3333333334,\(.*\),behavioral,/3333333334,\1,medical,/' "$D/providers.csv" >"$TMP/providers.csv"
run_adj 0 --db "$ADJ_DB" load --providers "$TMP/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv"
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "provider kind corrected" --user alice
# as the engine role (what a deployment runs it as)
run_adj 0 --db "$ADJ_DB options=-crole=adj_engine" remit --out "$TMP/r2"
expect_contains "$TMP/out" "remit: 1 835(s), 2 claim(s) (1 reversal(s)), paid 121.89" "reversal and correction"
mp=$(ls "$TMP"/r2/3333333334-*.835)
expect_contains "$mp" "CLP*MP-3001*22*-200*0**ZZ*" "the denial reversed"
expect_contains "$mp" "CAS*CO*170*-200~" "its adjustment negated"
expect_contains "$mp" "CLP*MP-3001*1*200*121.89*27.41*ZZ*" "the correction paid"
run_adj 0 --db "$ADJ_DB" remit --out "$TMP/r2"
expect_contains "$TMP/out" "remit: 0 835(s)" "the correction is not remitted twice"
# a re-run that records the same decision again (new versions, same
# outcomes and amounts) tells the provider nothing new: no 835
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "recorded check" --user bob --record-unchanged
expect_eq "$(sql "SELECT version FROM decision_current WHERE claim_id = 'MP-3001'")" 3 "a third version written"
run_adj 0 --db "$ADJ_DB" remit --out "$TMP/r2"
expect_contains "$TMP/out" "remit: 0 835(s)" "an unchanged re-run is not remitted again"

# a void of a paid claim: reversed, the overpayment carried as PLB WO
python3 tests/integration/resubmit_837.py "$D/2026-01.837" PSF-1002 8 555 >"$TMP/void.837"
run_adj 0 --db "$ADJ_DB" ingest "$TMP/void.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
# runs are incremental (remit_pending, sql/140): --through leaves the void,
# decided today, for a later run, which still finds it
run_adj 0 --db "$ADJ_DB" remit --through 20000101 --out "$TMP/r3"
expect_contains "$TMP/out" "remit: 0 835(s)" "--through leaves later decisions"
expect_eq "$(sql "SELECT count(*) > 0 FROM remit_pending p JOIN claim c USING (claim_pk) WHERE c.claim_id = 'PSF-1002'")" "t" "still pending"
run_adj 0 --db "$ADJ_DB" remit --out "$TMP/r3"
expect_eq "$(sql "SELECT count(*) FROM remit_pending")" 0 "nothing left pending"
expect_contains "$TMP/out" "remit: 1 835(s), 1 claim(s) (1 reversal(s)), paid 0.00" "the void"
v=$(ls "$TMP"/r3/1234567893-*.835)
expect_contains "$v" "CLP*PSF-1002*22*-200*-121.89*-27.41*ZZ*" "money taken back"
vpcn=$(sql "SELECT pcn FROM claim WHERE claim_id = 'PSF-1002' ORDER BY claim_pk LIMIT 1")
expect_contains "$v" "PLB*1234567893*$(date -u +%Y)1231*WO:$vpcn*-121.89~" "overpayment recovery"
expect_contains "$v" "BPR*H*0*C*NON" "nothing paid"
python3 tests/integration/check_835.py "$TMP"/r2/*.835 "$TMP"/r3/*.835 >"$TMP/bal" ||
    { cat "$TMP/bal" >&2; fail "835s do not balance"; }
expect_eq "$(sql "SELECT kind FROM remit_claim r JOIN claim c USING (claim_pk) WHERE c.claim_id = 'PSF-1002' ORDER BY r.remit_id DESC, r.seq DESC LIMIT 1")" "reversal" "recorded"
# append-only
if sql "DELETE FROM remit_claim" 2>/dev/null; then fail "remit_claim must refuse DELETE"; fi

# a payee whose 835 would not balance (a hand-made version of MP-3001's
# line paying a cent more than allowed less the member's share): named, no
# file, and the claim stays pending for the next run (sql/140)
psql_db -v ON_ERROR_STOP=1 <<'SQL'
CREATE TEMP TABLE rogue AS
SELECT d.* FROM decision d JOIN claim c USING (claim_pk)
 WHERE c.claim_id = 'MP-3001' ORDER BY d.version DESC LIMIT 1;
UPDATE rogue SET decision_id = (SELECT max(decision_id) + 1000 FROM decision),
                 chain_seq = (SELECT max(chain_seq) + 1 FROM decision d WHERE d.claim_pk = rogue.claim_pk),
                 version = version + 1, paid_cents = paid_cents + 1;
DO $$ DECLARE cols text; BEGIN
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
      FROM pg_attribute WHERE attrelid = 'decision'::regclass AND attnum > 0
       AND NOT attisdropped AND attgenerated = '';
    EXECUTE format('INSERT INTO decision (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM rogue',
                   cols, cols);
END $$;
SQL
run_adj 1 --db "$ADJ_DB" remit --out "$TMP/r5"
expect_contains "$TMP/err" "no 835 for payee 3333333334" "the payee is named"
expect_eq "$(ls "$TMP"/r5/*.835 2>/dev/null | wc -l)" 0 "no file written"
expect_eq "$(sql "SELECT count(*) > 0 FROM remit_pending p JOIN claim c USING (claim_pk) WHERE c.claim_id = 'MP-3001'")" "t" "its claim stays pending"
run_adj 1 --db "$ADJ_DB" remit --out "$TMP/r5"
expect_contains "$TMP/err" "no 835 for payee 3333333334" "and is tried again by the next run"

# usage and an unreachable database
run_adj 2 --db "$ADJ_DB" remit
run_adj 3 --db "host=/nonexistent dbname=x" remit --out "$TMP/r4"

if have_x12valid; then
    x12_validate "$TMP"/r1/*.835 "$TMP"/r2/*.835 "$TMP"/r3/*.835
else
    echo "SKIPPED: validation: no $X12VALID or python3-defusedxml"
fi
