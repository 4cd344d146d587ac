# Decisions and history events partitioned by month of service (migration
# 100): a database holding decisions before the migration keeps every row,
# id, decision in force and audit result; partitions created ahead take the
# rows that waited in the DEFAULT partition; a month archived (detached into
# schema adj_archive) leaves the hot tables but `audit verify` still covers
# it, before and after; every partition stays append-only.
. tests/integration/pipeline_lib.sh
# the library's fixture signs with an HMAC key; audit verify checks both kinds
head -c 32 /dev/urandom | base64 >"$TMP/audit.key"; chmod 600 "$TMP/audit.key"
cat >"$TMP/part.conf" <<CONF
rulesets: { dir = "$ROOT/rulesets"; };
engine: { batch_size = 5; poll_interval_ms = 200; };
audit: { signing_key = "$TMP/audit.pem"; public_key = "$TMP/audit.pub"; key_file = "$TMP/audit.key"; };
CONF
CONF="$TMP/part.conf"
verify_counts() { # -> "N claims, N decisions, N checkpoints" of audit verify
    run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify
    sed -n 's/^audit verify: ok: \([0-9]* claims, [0-9]* decisions, [0-9]* checkpoints\).*/\1/p' "$TMP/out"
}

# the schema before partitioning, with the demo story decided
mkdir "$TMP/sql-old"
# every migration but 100 (the others' columns and triggers on the tables
# are there when 100 converts them, as in a database upgraded today)
for f in sql/*.sql; do n=$(basename "$f"); [ "${n%%_*}" != 100 ] && cp "$f" "$TMP/sql-old/"; done
ADJ_SQL_DIR="$TMP/sql-old" run_adj 0 --db "$ADJ_DB" db init
expect_eq "$(sql "SELECT relkind FROM pg_class WHERE relname = 'decision'")" "r" "a plain table without 100"
# decisions (January 2026) and history events as the writer of that schema
# stored them: the library's fixture writes decisions without events
sql "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
     VALUES ('1234567893', 'M001', 'M001', 'A1', 20000), ('1234567893', 'M002', 'M002', 'A2', 20000)" >/dev/null
pk1=$(sql "SELECT claim_pk FROM claim WHERE claim_id = 'A1'")
pk2=$(sql "SELECT claim_pk FROM claim WHERE claim_id = 'A2'")
FIX="$ROOT/$BUILD/tests/example_decisions_fixture"
"$FIX" "$ENGINE_DB" "$TMP/audit.key" "engine test:1" "$pk1:M001" "$pk2:M002" >/dev/null
"$FIX" "$ENGINE_DB" "$TMP/audit.key" "engine test:2" "$pk1:M001" >/dev/null
sql "INSERT INTO history_event (claim_pk, kind, person_key, member_id, billing_npi, claim_id, checkpoint_id, pcn, lines)
     SELECT claim_pk, 'record', person_key, member_id, billing_npi, claim_id,
            (SELECT min(checkpoint_id) FROM checkpoint), pcn, ''::bytea FROM claim" >/dev/null
expect_eq "$(sql "SELECT count(*) FROM decision")" "6" "fixture decisions"
decisions "$ADJ_DB" >"$TMP/before.txt"
ids_before=$(sql "SELECT md5(string_agg(decision_id || ':' || hash, ',' ORDER BY decision_id)) FROM decision")
events_before=$(sql "SELECT count(*) || ' ' || max(event_id) FROM history_event")
counts_before="2 claims, 6 decisions, 2 checkpoints" # what the fixture wrote

# migration 100 converts the tables in place
run_adj 0 --db "$ADJ_DB" db migrate
expect_eq "$(sql "SELECT relkind FROM pg_class WHERE relname = 'decision'")" "p" "decision is partitioned"
expect_eq "$(sql "SELECT relkind FROM pg_class WHERE relname = 'history_event'")" "p" "history_event is partitioned"
expect_eq "$(sql "SELECT count(*) FROM decision_2026_01")" "6" "January's rows in its partition"
expect_eq "$(sql "SELECT md5(string_agg(decision_id || ':' || hash, ',' ORDER BY decision_id)) FROM decision")" "$ids_before" "every decision row and id kept"
expect_eq "$(sql "SELECT count(*) || ' ' || max(event_id) FROM history_event")" "$events_before" "every history event kept"
expect_eq "$(sql "SELECT count(*) FROM history_event WHERE service_month IS NULL")" "0" "every event has its month"
decisions "$ADJ_DB" >"$TMP/after.txt"
diff "$TMP/before.txt" "$TMP/after.txt" || fail "decisions in force changed by the migration"
expect_eq "$(verify_counts)" "$counts_before" "audit verify after the migration"

# new work after the migration (the demo story, January to March):
# February and March have no partition yet, their rows wait in DEFAULT
"$ADJ" --db "$ADJ_DB" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv" >/dev/null
"$ADJ" --db "$ADJ_DB" ingest "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837" >/dev/null
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
[ "$(sql "SELECT count(*) FROM decision_default WHERE service_month = '2026-02-01'")" -gt 0 ] || fail "February waits in DEFAULT"
[ "$(sql "SELECT count(*) FROM decision_2026_01")" -gt 6 ] || fail "January's new rows in its partition"
decisions "$ADJ_DB" >"$TMP/story.txt"
total=$(sql "SELECT count(*) FROM decision")
[ "$(sql "SELECT count(*) FROM history_event")" -gt "${events_before% *}" ] || fail "no history events written after the migration"

# partitions ahead: twelve months from 2025-07, the second call creates none
expect_eq "$(sql "SELECT to_regclass('decision_2025_08') IS NULL")" "t" "no August 2025 partition yet"
created=$(sql "SELECT adj_partition_create('2025-07-15', 12)")
[ "$created" -gt 0 ] || fail "no partition created ahead"
expect_eq "$(sql "SELECT adj_partition_create('2025-07-01', 12)")" "0" "creating again creates nothing"
expect_eq "$(sql "SELECT to_regclass('decision_2025_08') IS NOT NULL AND to_regclass('history_event_2026_06') IS NOT NULL")" "t" "partitions ahead exist"
expect_eq "$(sql "SELECT count(*) FROM decision")" "$total" "no row lost creating partitions"
expect_eq "$(sql "SELECT count(*) FROM decision_default WHERE service_month >= '2025-07-01' AND service_month < '2026-07-01'")" "0" "waiting rows moved to their month"
[ "$(sql "SELECT count(*) FROM decision_2026_02")" -gt 0 ] || fail "February moved into its partition"
decisions "$ADJ_DB" >"$TMP/moved.txt"
diff "$TMP/story.txt" "$TMP/moved.txt" || fail "decisions in force changed by creating partitions"
counts_mid=$(verify_counts)
[ -n "$counts_mid" ] || fail "audit verify before the archive"

# append-only, partition by partition
for stmt in "UPDATE decision_2026_01 SET outcome = 'pay'" "DELETE FROM decision_2026_02" "TRUNCATE decision_2026_03" \
            "TRUNCATE decision_default" "DELETE FROM history_event_2026_01" "TRUNCATE history_event"; do
    psql -X -q -d "$ADJ_DB" -c "$stmt" >/dev/null 2>"$TMP/e" && fail "$stmt was allowed"
    grep -q "append-only" "$TMP/e" || fail "$stmt: $(cat "$TMP/e")"
done

# archive January: it leaves the hot tables, audit verify still covers it
jan=$(sql "SELECT count(*) FROM decision WHERE service_month = '2026-01-01'")
[ "$jan" -gt 0 ] || fail "no January decisions"
expect_eq "$(sql "SELECT adj_partition_archive('2026-01-01')")" "$jan" "rows archived"
expect_eq "$(sql "SELECT count(*) FROM decision")" "$((total - jan))" "January left the hot table"
expect_eq "$(sql "SELECT count(*) FROM adj_archive.decision_2026_01")" "$jan" "January in the archive"
expect_eq "$(sql "SELECT decisions FROM archived_month WHERE service_month = '2026-01-01'")" "$jan" "archive recorded"
expect_eq "$(verify_counts)" "$counts_mid" "audit verify covers the archived month"
psql -X -q -d "$ADJ_DB" -c "DELETE FROM adj_archive.decision_2026_01" >/dev/null 2>&1 && fail "archived rows deletable"
sql "SELECT adj_partition_archive('2026-01-01')" >/dev/null 2>&1 && fail "archived twice"
expect_eq "$(sql "SELECT adj_partition_create('2026-01-01', 1)")" "0" "an archived month is not created again"
# an altered archived row is still caught
psql -X -q -d "$ADJ_DB" -c "ALTER TABLE adj_archive.decision_2026_01 DISABLE TRIGGER USER; UPDATE adj_archive.decision_2026_01 SET paid_cents = paid_cents + 1 WHERE paid_cents IS NOT NULL" >/dev/null
run_adj 1 --config "$CONF" --db "$ADJ_DB" audit verify
grep -q "row altered" "$TMP/out" "$TMP/err" || fail "an altered archived row is not reported"
