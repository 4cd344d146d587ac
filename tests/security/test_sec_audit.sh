# Attacks on the audit trail. The engine role cannot change, delete or
# truncate what it wrote nor disable the triggers; the owner can, and is
# caught: checkpoints are signed with Ed25519 (the private key only in the
# deciding service, the verifier holds the public key alone), cover
# decisions and history events, and `audit anchor` keeps the newest
# checkpoint outside the database, so deleting the last checkpoint with its
# decisions and events (a rollback) fails `audit verify --anchor`.
. tests/security/sec_lib.sh
trap 'chattr -a "$TMP/anchor" 2>/dev/null || true' EXIT
SEC_DB="$ADJ_DB"
setup_db "$ADJ_DB"
# the verifier's configuration: the public key only
printf 'audit: { public_key = "%s"; anchor_file = "%s"; };\n' "$TMP/audit.pub" "$TMP/anchor" >"$TMP/verify.conf"
V=(--config "$TMP/verify.conf" --db "$ADJ_DB")
run_adj 0 --db "$ADJ_DB" ingest "$D/2026-01.837" "$D/2026-02.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
run_adj 0 "${V[@]}" audit anchor
expect_contains "$TMP/out" "appended to $TMP/anchor" "anchored"
run_adj 0 --db "$ADJ_DB" ingest "$D/2026-03.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
run_adj 0 "${V[@]}" audit anchor
expect_eq "$(wc -l <"$TMP/anchor")" "2" "two anchors"
run_adj 0 "${V[@]}" audit verify
expect_contains "$TMP/out" "anchors of $TMP/anchor match" "verifies with the public key and the anchors"
expect_eq "$(sql "SELECT count(*) FROM checkpoint WHERE scheme <> 'ed25519'")" "0" "every checkpoint signed"
expect_eq "$(sql "SELECT sum(events) = (SELECT count(*) FROM history_event) FROM checkpoint")" "t" "checkpoints count the events"
# verifying and anchoring need no private key; deciding does need one
run_adj 2 --config "$TMP/verify.conf" --db "$ADJ_DB" run --once
expect_contains "$TMP/err" "no checkpoint signing key configured" "a verifier cannot decide"
# nor does a legacy HMAC key (every verifier holds it and could forge a
# checkpoint with it): no fallback, the deciding commands refuse to start
head -c 32 /dev/urandom | base64 >"$TMP/legacy.key"; chmod 600 "$TMP/legacy.key"
printf 'audit: { key_file = "%s"; public_key = "%s"; };\n' "$TMP/legacy.key" "$TMP/audit.pub" >"$TMP/hmac.conf"
for cmd in "run --once" "serve" "rerun MP-3001 --reason r --user u"; do
    run_adj 2 --config "$TMP/hmac.conf" --db "$ADJ_DB" $cmd
    expect_contains "$TMP/err" "no checkpoint signing key configured (audit.signing_key): audit.key_file (HMAC) only verifies legacy checkpoints" "no HMAC fallback: $cmd"
done
expect_eq "$(sql "SELECT count(*) FROM checkpoint WHERE scheme <> 'ed25519'")" "0" "still no HMAC checkpoint"
# a private key others may read, or owned by another user, is refused
chmod 640 "$TMP/audit.pem"
run_adj 2 --config "$CONF" --db "$ADJ_DB" run --once
expect_contains "$TMP/err" "must not be readable by group or others" "private key mode"
chmod 600 "$TMP/audit.pem"; chown nobody "$TMP/audit.pem"
run_adj 2 --config "$CONF" --db "$ADJ_DB" run --once
expect_contains "$TMP/err" "must be owned by the user running the service" "private key owner"
chown "$(id -u)" "$TMP/audit.pem"

# The attacks below run on the superuser's connection (sql, expect_refused):
# SET ROLE adj_engine plays the engine's login, and the superuser itself
# plays the database owner, who can disable triggers (the attacker the
# signatures and the anchor exist for).
# the engine role: no UPDATE, DELETE, TRUNCATE, nor disabling a trigger
for t in decision history_event checkpoint; do
    expect_refused "engine deletes $t" "permission denied for table $t" "SET ROLE adj_engine; DELETE FROM $t"
    expect_refused "engine truncates $t" "permission denied for table $t" "SET ROLE adj_engine; TRUNCATE $t CASCADE"
    expect_refused "engine disables ${t}'s triggers" "must be owner" "SET ROLE adj_engine; ALTER TABLE $t DISABLE TRIGGER USER"
done
expect_refused "engine updates a decision" "permission denied for table decision" "SET ROLE adj_engine; UPDATE decision SET paid_cents = 1"
# TRUNCATE is refused on every audited table, for the owner too
for t in decision history_event checkpoint ruleset rerun_run rerun_claim intake_queue; do
    expect_refused "owner truncates $t" "refused" "TRUNCATE $t CASCADE"
done
run_adj 0 "${V[@]}" audit verify

# the owner alters a history event (the engine's memory of a paid line):
# its checkpoint's signed digest no longer matches
ev=$(sql "SELECT min(event_id) FROM history_event WHERE kind = 'record'")
saved=$(sql "SELECT encode(lines, 'hex') FROM history_event WHERE event_id = $ev")
sql "ALTER TABLE history_event DISABLE TRIGGER history_event_append_only;
     UPDATE history_event SET lines = '' WHERE event_id = $ev;
     ALTER TABLE history_event ENABLE TRIGGER history_event_append_only" >/dev/null
run_adj 1 "${V[@]}" audit verify
expect_contains "$TMP/err" "signed digest does not match its" "an altered history event is caught"
sql "ALTER TABLE history_event DISABLE TRIGGER history_event_append_only;
     UPDATE history_event SET lines = decode('$saved', 'hex') WHERE event_id = $ev;
     ALTER TABLE history_event ENABLE TRIGGER history_event_append_only" >/dev/null
run_adj 0 "${V[@]}" audit verify

# a forged checkpoint without the private key: the owner appends one (its
# own key pair, or the real fingerprint with a made-up signature)
last=$(sql "SELECT max(seq) FROM checkpoint")
"$ADJ" audit keygen "$TMP/evil.pem" "$TMP/evil.pub" >/dev/null
forge() { # KEY_ID
    sql "INSERT INTO checkpoint (seq, prev_hmac, decided_by, decisions, key_id, hmac, sig, scheme)
         SELECT seq + 1, hmac, 'engine forged:1', 0, '$1', repeat('ab', 32), repeat('cd', 64), 'ed25519'
           FROM checkpoint ORDER BY seq DESC LIMIT 1" >/dev/null
}
drop_forged() {
    sql "SET CONSTRAINTS ALL IMMEDIATE; ALTER TABLE checkpoint DISABLE TRIGGER checkpoint_append_only;
         DELETE FROM checkpoint WHERE seq > $last;
         ALTER TABLE checkpoint ENABLE TRIGGER checkpoint_append_only" >/dev/null
}
forge "$(sql "SELECT key_id FROM checkpoint WHERE seq = 1")"
run_adj 1 "${V[@]}" audit verify
expect_contains "$TMP/err" "checkpoint $((last + 1)): the signature does not verify (forged or altered checkpoint)" "forged signature"
drop_forged
run_adj 1 --config "$TMP/verify.conf" --db "$ADJ_DB" audit verify --public-key "$TMP/evil.pub"
expect_contains "$TMP/err" "was signed with another key" "another public key is named as such"

# the owner deletes the last checkpoint with its decisions and history
# events (a rollback of the last batch), triggers disabled
rollback() {
    sql "SET CONSTRAINTS ALL IMMEDIATE;
         ALTER TABLE decision DISABLE TRIGGER decision_append_only;
         ALTER TABLE history_event DISABLE TRIGGER history_event_append_only;
         ALTER TABLE checkpoint DISABLE TRIGGER checkpoint_append_only;
         CREATE TABLE rolled AS SELECT DISTINCT claim_pk FROM decision
          WHERE checkpoint_id = (SELECT checkpoint_id FROM checkpoint WHERE seq = $last);
         DELETE FROM decision WHERE checkpoint_id = (SELECT checkpoint_id FROM checkpoint WHERE seq = $last);
         DELETE FROM history_event WHERE checkpoint_id = (SELECT checkpoint_id FROM checkpoint WHERE seq = $last);
         DELETE FROM checkpoint WHERE seq = $last;
         ALTER TABLE decision ENABLE TRIGGER decision_append_only;
         ALTER TABLE history_event ENABLE TRIGGER history_event_append_only;
         ALTER TABLE checkpoint ENABLE TRIGGER checkpoint_append_only" >/dev/null
}
rollback
printf 'audit: { public_key = "%s"; };\n' "$TMP/audit.pub" >"$TMP/noanchor.conf"
run_adj 1 --config "$TMP/noanchor.conf" --db "$ADJ_DB" audit verify
expect_contains "$TMP/err" "its queue row is done but it has no decision" "done rows without decisions"
# a thorough owner also removes the queue rows: the chain alone now looks whole...
sql "ALTER TABLE intake_queue DISABLE TRIGGER intake_queue_guard;
     DELETE FROM intake_queue WHERE claim_pk IN (SELECT claim_pk FROM rolled);
     ALTER TABLE intake_queue ENABLE TRIGGER intake_queue_guard" >/dev/null
run_adj 0 --config "$TMP/noanchor.conf" --db "$ADJ_DB" audit verify
# ...but not against the anchor kept outside the database
run_adj 1 "${V[@]}" audit verify
expect_contains "$TMP/err" "checkpoint $last, anchored (anchor line 2), is not in the database: deleted or rolled back" "rollback caught by the anchor"
# the anchor file is append-only where chattr +a is possible: even root
# must first remove the flag (CAP_LINUX_IMMUTABLE) to rewrite it
if lsattr "$TMP/anchor" 2>/dev/null | cut -d' ' -f1 | grep -q a; then
    if sed -i '2d' "$TMP/anchor" 2>/dev/null; then fail "an append-only anchor file was rewritten"; fi
    chattr -a "$TMP/anchor"
    echo "anchor file was append-only (chattr +a)"
fi
# nor can the anchor file be doctored to match without the private key
sed -i '2d' "$TMP/anchor"
run_adj 0 "${V[@]}" audit verify
# (without the append-only flag, deleting the newest anchor line hides the
# rollback: keep the anchor file where the database owner cannot write)
sed 's/ sig=\([0-9a-f]\{120\}\)[0-9a-f]\{8\}/ sig=\1deadbeef/' "$TMP/anchor" >"$TMP/anchor.new"
cat "$TMP/anchor.new" >>"$TMP/anchor"
run_adj 1 "${V[@]}" audit verify
expect_contains "$TMP/err" "anchor's signature does not verify" "an anchor line signed by no one is caught"
