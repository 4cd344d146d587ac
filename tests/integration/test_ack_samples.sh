# `adjudicator ack` over the 40 real samples of ../shared/x12-samples: each
# gets the acknowledgements SOURCES.md implies, and every one of them
# passes the HIPAA validator. SKIPPED when ../shared is not there.
. tests/integration/x12valid_lib.sh
S="$SHARED/x12-samples"
if [ ! -f "$S/SOURCES.md" ]; then
    echo "SKIPPED: no shared samples at $S"
    return 0
fi
n=0
for f in $(find "$S" -type f ! -name SOURCES.md | sort); do
    out="$TMP/$(basename "$(dirname "$f")")"
    mkdir -p "$out"
    set +e; "$ADJ" ack --out "$out" "$f" >/dev/null 2>"$TMP/err"; rc=$?; set -e
    [ "$rc" -le 1 ] || { cat "$TMP/err" >&2; fail "ack $f: exit $rc"; }
    b="$out/$(basename "$f")"
    case "$f" in
    */5010-837p/*)
        # accepted; "E" (errors noted, IK3/IK4) where the reader could not
        # read an element (composites with '>' although ISA16 is ':')
        grep -Eq '^AK9\*[AE]\*1\*1\*1~' "$b.999" || fail "$(basename "$f"): group accepted"
        if grep -q '^IK3' "$b.999"; then
            expect_contains "$b.999" "IK5*E*I5~" "$(basename "$f"): errors noted"
        fi
        expect_contains "$b.277" "ST*277*0001*005010X214~" "$(basename "$f"): 277CA"
        # one patient level per claim, accepted (A2) or rejected (A3: the
        # illustrative NPIs fail their check digit)
        want=$(tr -d '\r\n' <"$f" | tr '~' '\n' | grep -c '^CLM\*')
        expect_eq "$(grep -c '^HL\*[0-9]*\*[0-9]*\*PT~' "$b.277")" "$want" "$(basename "$f"): claims"
        expect_eq "$(grep -c '^STC\*A[23]:' "$b.277")" "$want" "$(basename "$f"): claim statuses"
        if grep -q '^STC\*A3:562:85' "$b.277"; then
            { "$ADJ" parse "$f" 2>&1 >/dev/null || true; } | grep -q "billing provider NPI .* fails the NPI check digit" ||
                fail "$(basename "$f"): NPI rejection without an NPI problem"
        fi ;;
    */4010-837p/* | */5010-837i/*)
        expect_contains "$b.999" "IK5*R*I6~" "$(basename "$f"): version not supported"
        expect_contains "$b.999" "AK9*R*1*1*0~" "$(basename "$f"): group rejected"
        [ ! -e "$b.277" ] || fail "$(basename "$f"): no 277CA for a rejected set" ;;
    */x12_no_isa_line.txt)
        expect_contains "$TMP/err" "no TA1 can be addressed" "no ISA: nothing to answer"
        [ ! -e "$b.999" ] && [ ! -e "$b.ta1" ] || fail "no acknowledgement without an ISA" ;;
    */x12_999_accepted.txt)
        expect_contains "$b.ta1" "*R*001~" "IEA02 does not match ISA13" ;;
    */x12_multiple_gs.txt)
        expect_contains "$b.ta1" "*R*021~" "IEA01 counts the groups wrong" ;;
    */imsweb-x12-parser/*)
        expect_contains "$b.999" "IK5*R*4~" "$(basename "$f"): SE01 count"
        [ ! -e "$b.277" ] || fail "$(basename "$f"): no 277CA for rejected sets" ;;
    esac
    n=$((n + 1))
done
expect_eq "$n" 40 "samples"
if have_x12valid; then
    x12_validate $(find "$TMP" -name '*.999' -o -name '*.277' -o -name '*.ta1' | sort)
else
    echo "SKIPPED: validation: no $X12VALID or python3-defusedxml"
fi
