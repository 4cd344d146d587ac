# Reads from db.read_conninfo without a standby: the read connection is a
# second database of the same cluster, a copy of the primary's whose one
# provider name differs, so the output tells which side a value came from.
# `show` and the console read the claim from the read side and write their
# access-log rows on the primary, first: when that insert fails, nothing is
# shown.
. tests/integration/pipeline_lib.sh
setup_db "$ADJ_DB"
"$ADJ" --db "$ADJ_DB" ingest "$D/2026-01.837" "$D/2026-02.837" "$D/2026-03.837" >/dev/null
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once
echo "correct horse battery" | "$ADJ" --db "$ADJ_DB" staff add alice --role supervisor >/dev/null

admin=${ADJ_DB% dbname=*}
copy=t_show_read_copy
psql -X -q -d "$admin dbname=postgres" -c "DROP DATABASE IF EXISTS $copy WITH (FORCE)" \
    -c "CREATE DATABASE $copy TEMPLATE ${ADJ_DB##*dbname=}" \
    -c "ALTER DATABASE $copy SET search_path = adjudicator, public" >/dev/null
CONSOLE_PID=
trap '[ -n "$CONSOLE_PID" ] && kill $CONSOLE_PID 2>/dev/null; psql -X -q -d "$admin dbname=postgres" -c "DROP DATABASE IF EXISTS $copy WITH (FORCE)" >/dev/null 2>&1' EXIT
READ_DB="$admin dbname=$copy"
psql -X -q -d "$READ_DB" -c "UPDATE provider SET name = 'READ SIDE COPY' WHERE npi = '3333333334'" >/dev/null
rsql() { psql -X -v ON_ERROR_STOP=1 -d "$READ_DB" -Atqc "$1"; }

cat >"$TMP/read.conf" <<CONF
db: { conninfo = "$ADJ_DB"; read_conninfo = "$READ_DB"; };
rulesets: { dir = "$ROOT/rulesets"; };
audit: { signing_key = "$TMP/audit.pem"; public_key = "$TMP/audit.pub"; };
CONF
cat >"$TMP/primary.conf" <<CONF
db: { conninfo = "$ADJ_DB"; };
rulesets: { dir = "$ROOT/rulesets"; };
CONF

# show: the read side's values, the primary's access log
before=$(sql "SELECT count(*) FROM access_log")
run_adj 0 --config "$TMP/primary.conf" show MP-3001 --user rlee; cp "$TMP/out" "$TMP/p.txt"
run_adj 0 --config "$TMP/read.conf" show MP-3001 --user rlee; cp "$TMP/out" "$TMP/s.txt"
expect_contains "$TMP/p.txt" "billing provider Mission Psychiatry Group" "primary: its provider name"
expect_contains "$TMP/s.txt" "billing provider READ SIDE COPY" "read side: the copy's provider name"
diff <(sed 's/READ SIDE COPY/Mission Psychiatry Group/' "$TMP/s.txt") "$TMP/p.txt" >/dev/null || fail "show differs beyond the provider name"
expect_eq "$(sql "SELECT count(*) FROM access_log WHERE app_user = 'rlee' AND action = 'show' AND claim_key = '3333333334 MP-3001'")" "2" "both shows logged on the primary"
expect_eq "$(rsql "SELECT count(*) FROM access_log WHERE app_user = 'rlee'")" "0" "nothing logged on the read side"
run_adj 0 --config "$TMP/read.conf" show MP-3001 --format json
grep -q '"billing_provider":"READ SIDE COPY"' "$TMP/out" || fail "show --format json reads the read side"
run_adj 0 --config "$TMP/read.conf" show --member MBR1002 --limit 50
expect_contains "$TMP/out" "READ SIDE COPY" "a member look-up reads the read side"
expect_eq "$(( $(sql "SELECT count(*) FROM access_log") - before ))" "$(( 3 + $(grep -c '^claim ' "$TMP/out") ))" "one primary row per claim shown"
# --db overrides both: the primary
run_adj 0 --config "$TMP/read.conf" --db "$ADJ_DB" show MP-3001
expect_contains "$TMP/out" "Mission Psychiatry Group" "--db reads the primary"

# the access log is written first: when the primary refuses it, nothing is shown
sql "CREATE FUNCTION t_refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN RAISE EXCEPTION 'access log offline'; END\$\$;
     CREATE TRIGGER t_refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION t_refuse()" >/dev/null
run_adj 1 --config "$TMP/read.conf" show MP-3001
[ -s "$TMP/out" ] && fail "show printed something although its access log failed"
expect_contains "$TMP/err" "access log offline" "says why"
sql "DROP TRIGGER t_refuse ON access_log" >/dev/null
# an unreachable read side is an error naming the setting, not a silent fallback
sed "s|read_conninfo = \".*\"|read_conninfo = \"host=/nonexistent dbname=x connect_timeout=2\"|" "$TMP/read.conf" >"$TMP/bad.conf"
rc=0; "$ADJ" --config "$TMP/bad.conf" show MP-3001 >"$TMP/out" 2>"$TMP/err" || rc=$?
[ "$rc" -ne 0 ] && [ ! -s "$TMP/out" ] || fail "an unreachable read side must fail (rc $rc)"
expect_contains "$TMP/err" "db.read_conninfo" "names the setting"

# the console: claim pages and search from the read side, the access log on the primary
"$ADJ" --config "$TMP/read.conf" console --port 8481 2>"$TMP/console.log" &
CONSOLE_PID=$!
for _ in $(seq 1 100); do grep -q "listening on" "$TMP/console.log" && break; sleep 0.1; done
grep -q "listening on" "$TMP/console.log" || { cat "$TMP/console.log"; fail "console did not start"; }
U=http://127.0.0.1:8481
curl -s -c "$TMP/j" "$U/login" >"$TMP/l.html"
pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/l.html")
curl -s -b "$TMP/j" -c "$TMP/j" -o /dev/null --data-urlencode "csrf=$pre" --data "login=alice" --data-urlencode "password=correct horse battery" "$U/login"
pcn=$(sql "SELECT pcn FROM claim WHERE claim_id = 'MP-3001'")
code=$(curl -s -b "$TMP/j" -o "$TMP/c.html" -w '%{http_code}' "$U/claim/$pcn")
expect_eq "$code" "200" "claim page"
expect_contains "$TMP/c.html" "READ SIDE COPY" "the console's claim page reads the read side"
expect_eq "$(sql "SELECT count(*) FROM access_log WHERE action = 'console' AND app_user = 'alice' AND claim_key = '3333333334 MP-3001'")" "1" "its view logged on the primary"
expect_eq "$(rsql "SELECT count(*) FROM access_log WHERE action = 'console'")" "0" "not on the read side"
# the access log is written first here too
sql "CREATE TRIGGER t_refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION t_refuse()" >/dev/null
code=$(curl -s -b "$TMP/j" -o "$TMP/c.html" -w '%{http_code}' "$U/claim/$pcn")
[ "$code" = 500 ] || [ "$code" = 503 ] || fail "a claim page whose access log fails: $code"
grep -q "READ SIDE COPY\|MP-3001" "$TMP/c.html" && fail "the page showed the claim although its access log failed"
sql "DROP TRIGGER t_refuse ON access_log" >/dev/null
echo "show and console read db.read_conninfo; access log on the primary"
