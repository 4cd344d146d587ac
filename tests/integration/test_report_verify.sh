# Report reproducibility and tamper evidence: the same --as-of and
# --prepared-at give byte-identical files and manifests, also after a
# re-run; `report verify --public-key` (the regulator's side, no private
# key) passes, and names a file with one changed byte, a missing file, an
# edited manifest, a wrong key and a manifest signed by another key.
. tests/integration/report_setup.sh

at=2026-04-01T00:00:00Z
prep=2026-04-02T09:30:00Z
mkdir -p "$TMP/a" "$TMP/b"
for d in a b; do
    for fmt in csv json html; do
        report --from 2026-01 --to 2026-02 --format $fmt --out "$TMP/$d/q1.$fmt" --as-of $at --prepared-at $prep
    done
done
for f in q1.csv q1-denials.csv q1-submission.csv q1.csv.manifest q1.json q1.json.manifest q1.html q1.html.manifest; do
    cmp "$TMP/a/$f" "$TMP/b/$f" || fail "$f differs between two runs"
done
expect_contains "$TMP/a/q1.csv.manifest" "as_of $at" "manifest records as-of"
expect_contains "$TMP/a/q1.csv.manifest" "prepared_at $prep" "manifest records preparation"
expect_contains "$TMP/a/q1.csv.manifest" "regenerate with --from 2026-01 --to 2026-02 --format csv --as-of $at --prepared-at $prep" "how to regenerate"
fpr=$(sed -n 's/^public_key_sha256 //p' "$TMP/a/q1.csv.manifest")
expect_eq "${#fpr}" "64" "fingerprint in the manifest"
expect_contains "$TMP/a/q1.html" "$fpr" "fingerprint printed on the report"
expect_contains "$TMP/a/q1.json" "\"signing_key_sha256\":\"$fpr\"" "fingerprint in JSON"
expect_contains "$TMP/a/q1.csv.manifest" "$(sha256sum "$TMP/a/q1-submission.csv" | cut -d' ' -f1)  q1-submission.csv" "manifest lists the submission file"
expect_eq "$(grep -c '^ed25519 [0-9a-f]\{128\}$' "$TMP/a/q1.csv.manifest")" "1" "one signature line"
(cd "$TMP/a" && grep -E '^[0-9a-f]{64}  ' q1.csv.manifest | sha256sum -c --quiet) || fail "sha256sum -c"

# --- a re-run after the as-of moment changes nothing as of then, but the
# report as of now: CD13's 99493, denied 231 at first pass, paid on re-run
psql_db -c "INSERT INTO decision (claim_pk, chain_seq, line_no, lx, version, checkpoint_id, decided_at,
                decided_by, rerun_reason, person_key, service_month, dos, code, route, outcome, reason,
                prev_hash, hash)
            SELECT d.claim_pk, (SELECT max(chain_seq) + 1 FROM decision x WHERE x.claim_pk = d.claim_pk),
                   d.line_no, d.lx, 2, 1, now(), 'test', 'late fix', d.person_key, d.service_month,
                   d.dos, d.code, 'medical', 'pay', d.reason, d.hash, repeat('1', 64)
              FROM decision d JOIN claim c USING (claim_pk)
             WHERE c.claim_id = convert_to('CD13', 'UTF8') AND d.line_no = 1"
expect_eq "$(raw cell IN 2026-02 cocm_subsequent paid_final)" "13" "the re-run counts now"
expect_eq "$(raw cell IN 2026-02 cocm_subsequent paid_final $at)" "12" "not as of before it"
expect_eq "$(raw cell IN 2026-02 cocm_subsequent paid_first)" "10" "first pass unchanged by the re-run"
mkdir -p "$TMP/c"
for fmt in csv json html; do
    report --from 2026-01 --to 2026-02 --format $fmt --out "$TMP/c/q1.$fmt" --as-of $at --prepared-at $prep
done
for f in q1.csv q1-denials.csv q1-submission.csv q1.csv.manifest q1.json q1.json.manifest q1.html q1.html.manifest; do
    cmp "$TMP/a/$f" "$TMP/c/$f" || fail "$f as of $at changed after a later re-run"
done
# before the fixture's re-runs (30 days after receipt, 2026-03-31): final = first pass
expect_eq "$(raw cell CARVE 2026-01 cocm_initial paid_final 2026-03-15T00:00:00Z)" "9" "as of before the re-runs"
expect_eq "$(raw cell CARVE 2026-01 cocm_initial pended_final 2026-03-15T00:00:00Z)" "1" "CA11 still pended then"
# before anything was received: no line at all
expect_eq "$(raw total '' '' '' lines_submitted 2026-02-01T00:00:00Z)" "" "nothing received by then"

# --- verify with the public key alone
v() { run_adj "$1" report verify "$2" --public-key "$TMP/report.pub"; }
v 0 "$TMP/a/q1.csv"
expect_contains "$TMP/out" "ok: 3 files" "clean report verifies"
expect_contains "$TMP/out" "$fpr" "verify names the key"
v 0 "$TMP/a/q1.json.manifest"
expect_contains "$TMP/out" "ok: 1 file " "verify by manifest name"

# one changed byte (in the middle of the file)
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

# a manifest edited to match an altered file: the signature catches it
printf 'X' | dd of="$TMP/a/q1.csv" bs=1 seek=$off conv=notrunc status=none
new=$(sha256sum "$TMP/a/q1.csv" | cut -d' ' -f1)
sed -i "s/^[0-9a-f]\{64\}  q1.csv\$/$new  q1.csv/" "$TMP/a/q1.csv.manifest"
v 1 "$TMP/a/q1.csv"
expect_contains "$TMP/err" "q1.csv.manifest: signature does not verify: the manifest was altered" "edited manifest"
if grep -q "q1.csv: changed" "$TMP/err"; then fail "the file matches the edited manifest"; fi

# a wrong key: the regulator checks with another public key
run_adj 0 report keygen "$TMP/other.pem" "$TMP/other.pub"
run_adj 1 report verify "$TMP/b/q1.json" --public-key "$TMP/other.pub"
expect_contains "$TMP/err" "signed with another key" "wrong key named"

# a manifest signed by another key: the same files, re-signed by someone else
cat >"$TMP/other.conf" <<CONF
report: { key_file = "$TMP/other.pem"; };
CONF
mkdir -p "$TMP/d"
run_adj 0 --config "$TMP/other.conf" --db "$RDB" report approval-rates --from 2026-01 --to 2026-02 \
    --format json --out "$TMP/d/q1.json" --as-of $at --prepared-at $prep
v 1 "$TMP/d/q1.json"
expect_contains "$TMP/err" "signed with another key" "another signer named"
# the private key is never needed to verify, and a public key cannot sign
run_adj 2 --db "$RDB" report approval-rates --from 2026-01 --to 2026-02 --format json \
    --out "$TMP/x.json" --key-file "$TMP/report.pub"

# no manifest at all
rm "$TMP/b/q1.json.manifest"
v 1 "$TMP/b/q1.json"
expect_contains "$TMP/err" "cannot read manifest" "missing manifest"
# a hostile manifest: a file entry outside the manifest's directory
printf 'adjudicator report manifest v2\nx\n%064d  ../etc/passwd\ned25519 %0128d\n' 0 0 >"$TMP/b/evil.manifest"
v 1 "$TMP/b/evil.manifest"
expect_contains "$TMP/err" "line 3: not a file entry" "path outside the directory refused"
true
