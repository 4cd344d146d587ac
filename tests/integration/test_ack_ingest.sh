# ingest produces and stores the acknowledgements of each file (and writes
# them to acks.dir): 999 and 277CA with the payer claim control numbers the
# pipeline assigned (REF*1K); a TA1 for a rejected interchange even when
# nothing of the file is stored; control numbers unique per receiver;
# `show` lists them; the stored files validate.
. tests/integration/pipeline_lib.sh
. tests/integration/x12valid_lib.sh
setup_db "$ADJ_DB"
cat >"$TMP/ack.conf" <<CONF
acks: { dir = "$TMP/acks"; };
CONF
adj=(--config "$TMP/ack.conf" --db "$ADJ_DB options=-crole=adj_intake")
run_adj 0 "${adj[@]}" ingest "$D"/2026-01.837 "$D"/2026-02.837
expect_contains "$TMP/out" "2026-01.837: 2 acknowledgements stored (0 TA1, 1 set(s) accepted, 0 rejected; 6 claim(s) accepted, 0 rejected)" "ingest says so"
expect_eq "$(sql "SELECT kind || ' ' || control_number FROM ack ORDER BY control_number" | tr '\n' ' ')" "277 1 999 2 277 3 999 4 " "stored, numbered"
pcn=$(sql "SELECT pcn FROM claim WHERE claim_id = 'PSF-1001' ORDER BY claim_pk LIMIT 1")
sql "SELECT encode(body, 'escape') FROM ack WHERE kind = '277' ORDER BY ack_id LIMIT 1" >"$TMP/277"
expect_contains "$TMP/277" "REF*1K*$pcn~" "277CA carries the payer claim control number"
expect_eq "$(ls "$TMP"/acks | wc -l)" 4 "written to acks.dir too"
f=$(ls "$TMP"/acks/2026-01.837.000000001.277)
cmp -s "$f" "$TMP/277" || { tr -d '\n' <"$f" >"$TMP/a"; tr -d '\n' <"$TMP/277" >"$TMP/b"; cmp -s "$TMP/a" "$TMP/b" || fail "stored and written 277CA differ"; }

# the same file again: already stored, no new acknowledgement
run_adj 0 "${adj[@]}" ingest "$D"/2026-01.837
expect_eq "$(sql "SELECT count(*) FROM ack")" 4 "no acknowledgement for a file already stored"

# a rejected interchange: a TA1, kept although nothing of the file is stored
run_adj 1 "${adj[@]}" ingest tests/fixtures/x12/iea_mismatch.837
expect_eq "$(sql "SELECT count(*) FROM ack WHERE kind = 'ta1' AND in_isa13 = '000000301'")" 1 "TA1 stored"
run_adj 1 "${adj[@]}" ingest tests/fixtures/x12/truncated.837
expect_eq "$(sql "SELECT count(*) FROM ack WHERE kind = 'ta1' AND interchange_id IS NULL")" 1 "TA1 of a file not stored"
expect_eq "$(sql "SELECT count(*) FROM (SELECT receiver, control_number FROM ack GROUP BY 1, 2 HAVING count(*) > 1) x")" 0 "control numbers unique per receiver"

# show lists them (the engine decides first)
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
run_adj 0 --db "$ADJ_DB" show PSF-1002
expect_contains "$TMP/out" "acknowledgements sent for its interchange:" "show lists acknowledgements"
expect_contains "$TMP/out" "999 control 000000002 answering ISA13 000000101" "the 999"
expect_contains "$TMP/out" "277CA control 000000001 answering ISA13 000000101" "the 277CA"

if have_x12valid; then
    x12_validate "$TMP"/acks/*.999 "$TMP"/acks/*.277 "$TMP"/acks/*.ta1
else
    echo "SKIPPED: validation: no $X12VALID or python3-defusedxml"
fi
