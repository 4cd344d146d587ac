# Report reproducibility and tamper evidence: the same data and command give
# byte-identical CSV, JSON and manifests; `report verify` names a file with
# one changed byte, a missing file, an edited manifest and another key.
. tests/integration/report_setup.sh

mkdir -p "$TMP/a" "$TMP/b"
for d in a b; do
    report --from 2026-01 --to 2026-02 --format csv --out "$TMP/$d/q1.csv"
    report --from 2026-01 --to 2026-02 --format json --out "$TMP/$d/q1.json"
    report --from 2026-01 --to 2026-02 --format html --out "$TMP/$d/q1.html"
done
for f in q1.csv q1-denials.csv q1.csv.manifest q1.json q1.json.manifest q1.html q1.html.manifest; do
    cmp "$TMP/a/$f" "$TMP/b/$f" || fail "$f differs between two runs"
done
expect_contains "$TMP/a/q1.csv.manifest" "$(sha256sum "$TMP/a/q1-denials.csv" | cut -d' ' -f1)  q1-denials.csv" "manifest lists the denials file"
expect_eq "$(grep -c '^hmac-sha256 [0-9a-f]\{64\}$' "$TMP/a/q1.csv.manifest")" "1" "one HMAC line"
# the file lines check with sha256sum too
(cd "$TMP/a" && grep -E '^[0-9a-f]{64}  ' q1.csv.manifest | sha256sum -c --quiet) || fail "sha256sum -c"

v() { run_adj "$1" --config "$TMP/adj.conf" report verify "$2"; }
v 0 "$TMP/a/q1.csv"
expect_contains "$TMP/out" "ok: 2 files" "clean report verifies"
v 0 "$TMP/a/q1.json.manifest"
expect_contains "$TMP/out" "ok: 1 file " "verify by manifest name"

# one changed byte (a 1 becomes a 2 somewhere in the middle of the file)
cp "$TMP/a/q1.csv" "$TMP/orig.csv"
off=$(( $(stat -c %s "$TMP/a/q1.csv") / 2 ))
printf 'X' | dd of="$TMP/a/q1.csv" bs=1 seek=$off conv=notrunc status=none
cmp -s "$TMP/orig.csv" "$TMP/a/q1.csv" && fail "the byte did not change"
v 1 "$TMP/a/q1.csv"
expect_contains "$TMP/err" "$TMP/a/q1.csv: changed" "the changed file is named"
expect_contains "$TMP/err" "FAILED: 1 problem" "only that file"
cp "$TMP/orig.csv" "$TMP/a/q1.csv"
v 0 "$TMP/a/q1.csv"

# a missing file
mv "$TMP/a/q1-denials.csv" "$TMP/moved.csv"
v 1 "$TMP/a/q1.csv"
expect_contains "$TMP/err" "$TMP/a/q1-denials.csv: missing" "the missing file is named"
mv "$TMP/moved.csv" "$TMP/a/q1-denials.csv"

# a manifest edited to match an altered file: the HMAC catches it
printf 'X' | dd of="$TMP/a/q1.csv" bs=1 seek=$off conv=notrunc status=none
new=$(sha256sum "$TMP/a/q1.csv" | cut -d' ' -f1)
sed -i "s/^[0-9a-f]\{64\}  q1.csv\$/$new  q1.csv/" "$TMP/a/q1.csv.manifest"
v 1 "$TMP/a/q1.csv"
expect_contains "$TMP/err" "q1.csv.manifest: HMAC does not match: the manifest was altered" "edited manifest"
if grep -q "q1.csv: changed" "$TMP/err"; then fail "the file matches the edited manifest"; fi

# another key: named as such
head -c 32 /dev/urandom | base64 >"$TMP/other.key"; chmod 600 "$TMP/other.key"
run_adj 1 report verify "$TMP/b/q1.json" --key-file "$TMP/other.key"
expect_contains "$TMP/err" "signed with another key" "wrong key named"
# no manifest at all
rm "$TMP/b/q1.json.manifest"
v 1 "$TMP/b/q1.json"
expect_contains "$TMP/err" "cannot read manifest" "missing manifest"
# a hostile manifest: a file entry outside the manifest's directory
printf 'adjudicator report manifest v1\nx\nkey_id 0\n%064d  ../etc/passwd\nhmac-sha256 %064d\n' 0 0 >"$TMP/b/evil.manifest"
v 1 "$TMP/b/evil.manifest"
expect_contains "$TMP/err" "line 4: not a file entry" "path outside the directory refused"
true
