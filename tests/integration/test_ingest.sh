# ingest: the real 5010 837P samples are stored (interchange by SHA-256,
# raw bytes per transaction set and per claim, parsed claims and lines,
# queue rows); the same file twice is stored once and the command says so;
# a wrong version stores nothing; hostile claim IDs round-trip byte for byte.
. tests/shared-dir.sh
S="$SHARED/x12-samples"
if [ ! -d "$S/linuxforhealth-x12" ]; then
    echo "SKIPPED: ingest of the real 837P samples (no shared x12-samples at $S)"
    return 0
fi
run_adj 0 --db "$ADJ_DB" db init

want_claims=0; files=0
for f in "$S"/linuxforhealth-x12/5010-837p/*.837; do
    set +e; "$ADJ" --db "$ADJ_DB" ingest "$f" >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
    [ "$rc" -le 1 ] || { cat "$TMP/err"; fail "ingest $f: exit $rc"; }
    n=$(tr -d '\r\n' <"$f" | tr '~' '\n' | grep -c '^CLM\*')
    if grep -q "already stored" "$TMP/out"; then
        # two samples are byte-identical: the second is recognised
        sha=$(sha256sum "$f" | cut -c1-64)
        expect_eq "$(sql "SELECT count(*) FROM interchange WHERE sha256 = '$sha'")" "1" "identical sample"
        continue
    fi
    expect_contains "$TMP/out" "stored $n claim" "claims stored from $(basename "$f")"
    want_claims=$((want_claims + n)); files=$((files + 1))
done
expect_eq "$(sql "SELECT count(*) FROM interchange")" "$files" "one interchange per file"
expect_eq "$(sql "SELECT count(*) FROM claim")" "$want_claims" "every claim stored"
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'ready'")" "$want_claims" "every claim queued"
expect_eq "$(sql "SELECT count(*) FROM intake_queue q JOIN claim c USING (claim_pk) WHERE q.person_lock <> adj_person_lock(c.member_id)")" \
    "0" "the lock key is the family's (subscriber ID), computed by the database"
expect_eq "$(sql "SELECT count(*) FROM claim WHERE cardinality(dx) = 0")" "0" "diagnoses stored"
expect_eq "$(sql "SELECT count(*) FROM transaction_set WHERE NOT (raw LIKE 'ST*837*%' AND position('SE*'::bytea IN raw) > 0)")" "0" "raw sets are ST..SE"
expect_eq "$(sql "SELECT count(*) FROM claim WHERE NOT raw LIKE 'CLM*%'")" "0" "raw claims start at CLM"
f1="$S/linuxforhealth-x12/5010-837p/demo.example1.837"
expect_eq "$(sql "SELECT sha256 || ' ' || file_size || ' ' || isa13 FROM interchange WHERE file_name LIKE '%demo.example1.837'")" \
    "$(sha256sum "$f1" | cut -c1-64) $(stat -c %s "$f1") 000000907" "interchange SHA-256, size, ISA13"
# the stored set is the file's ST..SE bytes
python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); a=d.index(b"ST*837*0021"); b=d.index(b"SE*40*0021~")+11; sys.stdout.buffer.write(d[a:b])' "$f1" >"$TMP/set"
sql "SELECT encode(t.raw, 'hex') FROM transaction_set t JOIN interchange i USING (interchange_id) WHERE i.file_name LIKE '%demo.example1.837'" | xxd -r -p >"$TMP/stored"
cmp -s "$TMP/set" "$TMP/stored" || { head -c 300 "$TMP/stored"; fail "stored set differs from the file's ST..SE"; }
expect_eq "$(sql "SELECT string_agg(adj_text(code), ',' ORDER BY line_no) FROM claim_line JOIN claim USING (claim_pk) WHERE claim_id = '26463774'")" \
    "99213,87070,99214,86663" "lines of claim 26463774"
expect_eq "$(sql "SELECT adj_text(person_key) FROM claim WHERE claim_id = '26463774'")" "JS00111223333|19730501|TED" "dependent person key"

# the same file again: stored once, and said so
run_adj 0 --db "$ADJ_DB" ingest "$f1"
expect_contains "$TMP/out" "already stored" "second ingest says so"
expect_eq "$(sql "SELECT count(*) FROM claim")" "$want_claims" "nothing stored twice"
# a copy under another name is the same interchange
cp "$f1" "$TMP/renamed.837"
run_adj 0 --db "$ADJ_DB" ingest "$TMP/renamed.837"
expect_contains "$TMP/out" "demo.example1.837" "the first name is reported"

# 4010 is rejected per set: nothing stored
set +e; "$ADJ" --db "$ADJ_DB" ingest "$S/linuxforhealth-x12/4010-837p/patient-is-subscriber.837" >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
expect_eq "$rc" "1" "4010 file exit"
expect_contains "$TMP/err" "nothing stored" "4010 stores nothing"
expect_eq "$(sql "SELECT count(*) FROM interchange")" "$files" "no interchange for a rejected file"

# hostile CLM01: quote, backslash, double quote, SQL, Latin-1 byte
hostile=$(printf "Q'\\\\\";DROP TABLE claim;--\xe9")
LC_ALL=C sed "s/CLM\*26463774\*/CLM*$(printf '%s' "$hostile" | sed 's/[\\&/]/\\&/g')*/" "$f1" >"$TMP/hostile.837"
grep -qa "DROP TABLE" "$TMP/hostile.837" || fail "fixture not built"
set +e; "$ADJ" --db "$ADJ_DB" ingest "$TMP/hostile.837" >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
[ "$rc" -le 1 ] || { cat "$TMP/err"; fail "hostile ingest exit $rc"; }
expect_eq "$(sql "SELECT count(*) FROM pg_tables WHERE tablename = 'claim'")" "1" "the SQL stayed data"
expect_eq "$(sql "SELECT encode(claim_id, 'hex') FROM claim WHERE claim_id LIKE 'Q%'")" \
    "$(printf '%s' "$hostile" | od -An -tx1 | tr -d ' \n')" "CLM01 stored byte for byte"
set +e; "$ADJ" --db "$ADJ_DB" show "$hostile" >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
expect_eq "$rc" "0" "show finds the hostile claim"
head -1 "$TMP/out" | LC_ALL=C sed -n 's/^claim \(.*\)  billing NPI.*/\1/p' | tr -d '\n' >"$TMP/shown"
printf '%s' "$hostile" >"$TMP/want"
cmp -s "$TMP/shown" "$TMP/want" || { od -c "$TMP/shown" | head; fail "show prints CLM01 byte for byte"; }
