# Sourced by the acknowledgement and remittance tests: x12_validate FILE...
# runs the HIPAA validator vendored in ../shared/tools/x12valid (pyx12) over
# each file and fails on any error it reports. Two messages are pyx12's own
# limits, not findings about the file, and are allowed where they apply:
#  - "Mandatory loop ... (GS_LOOP) missing" for a TA1-only interchange (X12
#    lets an interchange carry TA1s and no group; pyx12's control map makes
#    GS mandatory);
#  - "Failed to create 999 response" (and its traceback) for an 835: pyx12
#    builds its own 999 from ST03, which its 835 map marks Not Used.
# The file must still end with pyx12's verdict "OK".
# have_x12valid: true when the validator and its Debian dependency are there.
. tests/shared-dir.sh
X12VALID="$SHARED/tools/x12valid"
have_x12valid() {
    [ -x "$X12VALID" ] && /usr/bin/python3 -c 'import defusedxml' 2>/dev/null
}
x12_validate() {
    local f out
    for f in "$@"; do
        out=$("$X12VALID" "$f" 2>&1)
        echo "$out" | grep -q "^$f: OK\$" || { echo "$out" >&2; fail "x12valid: $f does not validate"; }
        local bad
        bad=$(echo "$out" | grep "ERROR" |
              { case "$f" in
                  *.ta1) grep -v '(GS_LOOP) missing' ;;
                  *.835) grep -v 'ERROR Failed to create 999 response' ;;
                  *) cat ;;
                esac; } || true)
        [ -z "$bad" ] || { echo "$out" >&2; fail "x12valid: $f: $bad"; }
    done
}
