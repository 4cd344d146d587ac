# Reads from the standby (db.read_conninfo): after catch-up, `report` and
# `show` on the standby print exactly what they print on the primary, and
# really read the standby (target_session_attrs=standby: no other node would
# do); `show` writes its access-log rows on the primary (db.conninfo), where
# they are counted.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
"$ADJ" --db "$ADJ_DB" ingest "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837" >/dev/null
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
expect_eq "$(psql -X -At -d "$ADJ_READ_DB" -c "SELECT pg_is_in_recovery()")" "t" "read conninfo is a standby"

# catch-up: synchronous commit waits for the standby's flush, not its replay
lsn=$(sql "SELECT pg_current_wal_lsn()")
t0=$(date +%s%N)
caught_up() { psql -X -At -d "$ADJ_READ_DB" -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn" | grep -q t; }
for _ in $(seq 300); do caught_up && break; sleep 0.01; done
caught_up || fail "the standby did not replay $lsn within a few seconds"
lag_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
# the replay lag under load: a worker deciding while the standby replays
"$ADJ" synth --members 300 --months 3 --seed 4 --out "$TMP/s.837" --ref-dir "$TMP/ref" 2>/dev/null
lagdb=${ADJ_DB/dbname=t_ha_standby_reads/dbname=t_ha_lag}
psql -X -q -d "${ADJ_DB/dbname=t_ha_standby_reads/dbname=postgres}" -c "DROP DATABASE IF EXISTS t_ha_lag WITH (FORCE)" -c "CREATE DATABASE t_ha_lag" >/dev/null 2>&1
lagread=${ADJ_READ_DB/dbname=t_ha_standby_reads/dbname=t_ha_lag}
for _ in $(seq 300); do # both nodes must know the new database (see tests/ha/run)
    psql -X -Atq -d "$lagdb" -c "SELECT 1" >/dev/null 2>&1 && psql -X -Atq -d "$lagread" -c "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.1
done
"$ADJ" --db "$lagdb" db init >/dev/null
"$ADJ" --db "$lagdb" load --providers "$TMP/ref/providers.csv" --members "$TMP/ref/members.csv" --plans "$TMP/ref/plans.csv" >/dev/null
"$ADJ" --db "$lagdb" ingest "$TMP/s.837" >/dev/null 2>&1 || true
"$ADJ" --config "$CONF" --db "$lagdb" run --once >/dev/null 2>&1 & wpid=$!
lags=()
while kill -0 $wpid 2>/dev/null; do
    l=$(psql -X -At -d "$lagread" -c "SELECT coalesce(round(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000), 0) FROM pg_stat_wal_receiver" 2>/dev/null || true)
    [ -n "$l" ] && lags+=("$l")
    sleep 0.2
done
wait $wpid || fail "lag worker"
psql -X -q -d "${ADJ_DB/dbname=t_ha_standby_reads/dbname=postgres}" -c "DROP DATABASE IF EXISTS t_ha_lag WITH (FORCE)" >/dev/null 2>&1
echo "ha-note: standby replayed the story's last commit ${lag_ms} ms after it returned; age of the last replayed commit while a worker decides: max $(printf '%s\n' "${lags[@]:-0}" | sort -n | tail -1) ms over ${#lags[@]} samples"

run_adj 0 report keygen "$TMP/report.key" "$TMP/report.pub"
cat >"$TMP/read.conf" <<CONF
db: { conninfo = "$ADJ_DB"; read_conninfo = "${ADJ_READ_DB/prefer-standby/standby}"; };
rulesets: { dir = "$ROOT/rulesets"; };
report: { key_file = "$TMP/report.key"; entity = "Test Plan"; contracts = "H0001-001"; attestation = "Test."; };
CONF
cat >"$TMP/primary.conf" <<CONF
rulesets: { dir = "$ROOT/rulesets"; };
report: { key_file = "$TMP/report.key"; entity = "Test Plan"; contracts = "H0001-001"; attestation = "Test."; };
CONF

# the same report, twice, from each side, as of the same moment
asof=$(sql "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
for fmt in csv json; do
    run_adj 0 --config "$TMP/primary.conf" --db "$ADJ_DB" report approval-rates --from 2026-01 --to 2026-03 --as-of "$asof" --prepared-at "$asof" --format $fmt --out "$TMP/p.$fmt"
    run_adj 0 --config "$TMP/read.conf" report approval-rates --from 2026-01 --to 2026-03 --as-of "$asof" --prepared-at "$asof" --format $fmt --out "$TMP/s.$fmt"
    [ -s "$TMP/p.$fmt" ] || fail "empty $fmt report"
    diff <(grep -v '"generated' "$TMP/p.$fmt") <(grep -v '"generated' "$TMP/s.$fmt") >"$TMP/diff" || { head "$TMP/diff"; fail "$fmt report differs on the standby"; }
done
diff "$TMP/p-denials.csv" "$TMP/s-denials.csv" || fail "denials differ on the standby"

# show, text and JSON, for every claim of the story: read on the standby,
# logged on the primary
logged0=$(sql "SELECT count(*) FROM access_log WHERE action = 'show' AND app_user = 'standby-reader'")
n=0
while IFS='|' read -r id npi; do
    run_adj 0 --config "$TMP/primary.conf" --db "$ADJ_DB" show "$id" --npi "$npi"; cp "$TMP/out" "$TMP/show.p"
    run_adj 0 --config "$TMP/read.conf" show "$id" --npi "$npi" --user standby-reader; cp "$TMP/out" "$TMP/show.s"
    diff "$TMP/show.p" "$TMP/show.s" >/dev/null || fail "show $id differs on the standby"
    run_adj 0 --config "$TMP/primary.conf" --db "$ADJ_DB" show "$id" --npi "$npi" --format json; cp "$TMP/out" "$TMP/show.p"
    run_adj 0 --config "$TMP/read.conf" show "$id" --npi "$npi" --format json; cp "$TMP/out" "$TMP/show.s"
    diff "$TMP/show.p" "$TMP/show.s" >/dev/null || fail "show --format json $id differs on the standby"
    n=$((n + 1))
done < <(sql "SELECT DISTINCT adj_text(claim_id), adj_text(billing_npi) FROM claim ORDER BY 1")
[ "$n" -ge 10 ] || fail "only $n claims shown"
logged=$(( $(sql "SELECT count(*) FROM access_log WHERE action = 'show' AND app_user = 'standby-reader'") - logged0 ))
[ "$logged" -ge "$n" ] || fail "only $logged access-log rows on the primary for $n standby shows"
# the standby really served the reads: with the primary's rows hidden from
# it (a provider renamed on the primary, before the standby replays it),
# a show that read the primary would show the new name
paused=$(psql -X -At -d "${ADJ_READ_DB/prefer-standby/standby}" -c "SELECT pg_is_wal_replay_paused()")
psql -X -q -d "${ADJ_READ_DB/prefer-standby/standby}" -c "SELECT pg_wal_replay_pause()" >/dev/null
sql "UPDATE provider SET name = 'RENAMED ON PRIMARY' WHERE npi = '3333333334'" >/dev/null
run_adj 0 --config "$TMP/read.conf" show MP-3001
grep -q "RENAMED ON PRIMARY" "$TMP/out" && fail "show read the primary, not the standby"
expect_contains "$TMP/out" "Mission Psychiatry Group" "show from the standby's snapshot"
psql -X -q -d "${ADJ_READ_DB/prefer-standby/standby}" -c "SELECT pg_wal_replay_resume()" >/dev/null
[ "$paused" = f ] || fail "replay was paused before the test"
grep -q '"outcome"' "$TMP/show.s" || fail "show --json printed no decision"
echo "ha-note: report identical on the standby; show identical for $n claims, read on the standby and logged on the primary ($logged rows)"
