# `adjudicator parse` over the fixtures, then over the real samples of the
# shared data folder (x12-samples), checked against what its SOURCES.md says
# each file must do. Without the shared folder (a user's clone) the sample
# part is skipped with a message.

# several files: good ones still print when another is rejected
run_adj 1 parse tests/fixtures/x12/se_count.837 tests/fixtures/x12/multi_gs_st.837
expect_eq "$(wc -l <"$TMP/out")" 6 "claims of two files"
expect_contains "$TMP/err" "se_count.837: segment 22 (SE): transaction set 0001: SE01 says 99 segments, counted 22" "se error"
run_adj 0 parse --format jsonl tests/fixtures/x12/star_colon_tilde.837
expect_contains "$TMP/out" '"code":"99494","modifiers":[],"charge":"70.00","unit_basis":"MJ","units":40,"place_of_service":null,"diagnosis_pointers":[1,2],"service_from":"2026-01-05","service_to":"2026-01-09","rendering_npi":"1555555550"' "line JSON"

# usage
run_adj 2 parse
run_adj 2 parse --format csv tests/fixtures/x12/cob.837
run_adj 2 parse tests/fixtures/x12/does-not-exist.837
expect_contains "$TMP/err" "does-not-exist.837: cannot open" "missing file"
run_adj 0 parse --help

. tests/shared-dir.sh
S="$SHARED/x12-samples"
if [ ! -f "$S/SOURCES.md" ]; then
    echo "SKIPPED: the real 837P samples (no shared x12-samples at $S)"
    return 0
fi

json_ok() { # every stdout line is a JSON object (when python3 is there)
    command -v python3 >/dev/null || return 0
    python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$1" || fail "invalid JSON from parse $2"
}

# 14 valid 5010 837P files: every claim is read (one JSON line per CLM)
n=0
for f in "$S"/linuxforhealth-x12/5010-837p/*.837; do
    set +e; "$ADJ" parse "$f" >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
    [ "$rc" -le 1 ] || fail "parse $f: exit $rc"
    want=$(tr -d '\r\n' <"$f" | tr '~' '\n' | grep -c '^CLM\*')
    expect_eq "$(wc -l <"$TMP/out")" "$want" "claims read from $(basename "$f")"
    json_ok "$TMP/out" "$f"
    # no envelope error: every stderr line is a claim problem
    if grep -v ": claim .*(rejected at the front end: " "$TMP/err" | grep -q .; then
        cat "$TMP/err" >&2; fail "envelope error in $(basename "$f")"
    fi
    # exit 1 exactly when a claim has problems
    if grep -q '"problems":\[{' "$TMP/out"; then expect_eq "$rc" 1 "exit of $(basename "$f")"
    else expect_eq "$rc" 0 "exit of $(basename "$f")"; fi
    n=$((n + 1))
done
expect_eq "$n" 14 "5010 837P sample files"

# illustrative NPIs: listed as problems naming the NPI and its loop
run_adj 1 parse "$S/linuxforhealth-x12/5010-837p/demo.example2.837"
expect_contains "$TMP/err" "demo.example2.837: segment 8 (NM1): claim 26462967: 2010AA NM109: billing provider NPI '9876543210' fails the NPI check digit (rejected at the front end: billing_npi)" "billing NPI"
expect_contains "$TMP/out" '"element":"NM109","loop":"2010AA","kind":"billing_npi"' "problem in JSON"
expect_contains "$TMP/out" '"claim_id":"26462967","member_id":"00221111"' "claim still read"
run_adj 1 parse "$S/linuxforhealth-x12/5010-837p/demo.cob.example3.A.837"
expect_contains "$TMP/err" "2310B NM109: rendering provider NPI '1999996666' fails the NPI check digit (rejected at the front end: rendering_npi)" "rendering NPI"
# the 2330A NM1*IL of the other payer is not the subscriber
expect_contains "$TMP/out" '"member_id":"111223333"' "COB subscriber"
expect_contains "$TMP/out" '"patient":{"dependent":true,"first_name":"TED"' "2000C patient"
# a sample that is clean from end to end
run_adj 0 parse "$S/linuxforhealth-x12/5010-837p/demo.example1.837"
expect_contains "$TMP/out" '"problems":[]' "no problems"
expect_contains "$TMP/out" '"service_from":"2006-10-10"' "dates"

# 4010 and 837I: the set is rejected naming the version; no claims
for f in "$S"/linuxforhealth-x12/4010-837p/*.837; do
    run_adj 1 parse "$f"
    expect_eq "$(wc -c <"$TMP/out")" 0 "no claims from $(basename "$f")"
    expect_contains "$TMP/err" "version 004010X098A1 is the retired 4010 version" "4010 $(basename "$f")"
done
for f in "$S"/linuxforhealth-x12/5010-837i/*.837i; do
    run_adj 1 parse "$f"
    expect_eq "$(wc -c <"$TMP/out")" 0 "no claims from $(basename "$f")"
    expect_contains "$TMP/err" "version 005010X223A3 is an 837I institutional claim, not an 837P" "837I $(basename "$f")"
done

# imsweb: every set rejected on SE01 expected vs counted; no claim read
for f in "$S"/imsweb-x12-parser/*.txt; do
    b=$(basename "$f")
    run_adj 1 parse "$f"
    expect_eq "$(wc -c <"$TMP/out")" 0 "no claims from $b"
    case "$b" in
    x12_no_isa_line.txt)
        expect_contains "$TMP/err" "$b: no ISA segment: not an X12 interchange, nothing is read" "$b" ;;
    x12_999_accepted.txt)
        expect_contains "$TMP/err" "(ST): transaction set 0001 rejected: type 999 version 005010X231A1 is a 999 acknowledgement, not an 837P" "$b"
        expect_contains "$TMP/err" "(IEA): interchange 000000286 rejected: IEA02 '000000001' does not match ISA13 '000000286'" "$b" ;;
    *)
        expect_contains "$TMP/err" "(SE): transaction set 987654: SE01 says 25 segments, counted" "$b" ;;
    esac
done
run_adj 1 parse "$S/imsweb-x12-parser/x12_valid.txt"
expect_contains "$TMP/err" "x12_valid.txt: segment 34 (SE): transaction set 987654: SE01 says 25 segments, counted 34: the set is rejected" "exact SE error"

# standard input is spooled and read like a file
"$ADJ" parse "$S/linuxforhealth-x12/5010-837p/demo.example1.837" >"$TMP/a" 2>/dev/null
cat "$S/linuxforhealth-x12/5010-837p/demo.example1.837" | "$ADJ" parse - >"$TMP/b" 2>/dev/null
expect_eq "$(sed 's/"file":"[^"]*"//' "$TMP/a")" "$(sed 's/"file":"[^"]*"//' "$TMP/b")" "stdin"

