# The pipeline through a real PgBouncer in transaction pooling mode (Debian's
# pgbouncer, started here on a Unix socket of its own, port number 6433): load, ingest, run --once and
# serve decide exactly what they decide on a direct connection, with no
# session state relied on (settings per transaction, no LISTEN: polling).
# db init runs on the direct connection (its migration lock is a session lock).
. tests/integration/pipeline_lib.sh
PGB=$(command -v pgbouncer || ls /usr/sbin/pgbouncer 2>/dev/null || true)
if [ -z "$PGB" ]; then
    echo "SKIPPED: pgbouncer is not installed (deploy/install-deps installs it)"
    return 0 2>/dev/null || exit 0
fi
PORT=6433
host=$(sed -n 's/.*host=\([^ ]*\).*/\1/p' <<<"$ADJ_DB")
db=$(sed -n 's/.*dbname=\([^ ]*\).*/\1/p' <<<"$ADJ_DB")
B="$TMP/pgb"; mkdir -p "$B"
# the schema first: its database default search_path reaches PgBouncer's
# server connections when they are opened
run_adj 0 --db "$ADJ_DB" db init
cat >"$B/pgbouncer.ini" <<INI
[databases]
$db = host=$host port=5432 dbname=$db user=postgres
[pgbouncer]
listen_addr =
listen_port = $PORT
unix_socket_dir = $B
auth_type = trust
auth_file = $B/users.txt
pool_mode = transaction
default_pool_size = 3
max_client_conn = 50
server_reset_query =
logfile = $B/pgbouncer.log
pidfile = $B/pgbouncer.pid
INI
echo '"postgres" ""' >"$B/users.txt"
# PgBouncer refuses root: as root, run it as the cluster's postgres user
as=(); if [ "$(id -u)" = 0 ]; then
    chmod 711 "$TMP"; chmod 755 "$B"; chmod 644 "$B"/*; chown postgres "$B"; as=(runuser -u postgres --)
fi
"${as[@]}" "$PGB" -d "$B/pgbouncer.ini" || fail "pgbouncer does not start"
spid=
trap 'kill $(cat "$B/pgbouncer.pid" 2>/dev/null) 2>/dev/null || true; kill $spid 2>/dev/null || true' EXIT
BOUNCER="host=$B port=$PORT dbname=$db user=postgres"
wait_until 10 'psql -X -Atq -d "$BOUNCER" -c "SELECT 1" >/dev/null 2>&1' || true
expect_eq "$(psql -X -Atq -d "$BOUNCER" -c "SELECT 1")" "1" "PgBouncer answers"

cat >>"$CONF" <<C
db: { pooling = "transaction"; };
C
run_adj 0 --db "$BOUNCER" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv"
run_adj 0 --db "$BOUNCER" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837
run_adj 0 --config "$CONF" --db "$BOUNCER" run --once
expect_contains "$TMP/out" "decided 14 claims (20 decision lines)" "all claims decided through PgBouncer"
dec() { sql "SELECT outcome || ' ' || coalesce(grp || '-' || carc, '-') || ' ' || coalesce(paid_cents::text, '-')
             FROM decision_current WHERE claim_id = '$1' AND line_no = $2 ORDER BY claim_pk LIMIT 1 OFFSET ${3:-0}"; }
expect_eq "$(dec PSF-1001 1)" "pay - 11944" "initial CoCM month paid"
expect_eq "$(dec PSF-1001 1 1)" "deny OA-18 0" "the resubmitted duplicate is OA-18"
expect_eq "$(dec MP-3001 1)" "deny CO-170 0" "a behavioral clinician billing 99492"
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state <> 'done'")" "0" "queue drained"
# the same decisions as a direct connection gives
ref=$(db_fresh "${db}_direct")
setup_db "$ref"
"$ADJ" --db "$ref" ingest "$D"/2026-01.837 "$D"/2026-02.837 "$D"/2026-03.837 >/dev/null
"$ADJ" --config "$CONF" --db "$ref" run --once >/dev/null
decisions "$ADJ_DB" | cut -d' ' -f3- >"$TMP/bouncer.txt"
decisions "$ref" | cut -d' ' -f3- >"$TMP/direct.txt"
diff "$TMP/direct.txt" "$TMP/bouncer.txt" >&2 || fail "decisions through PgBouncer differ from direct ones"
# serve through PgBouncer: no LISTEN, it polls (200 ms) and decides a new file
"$ADJ" --config "$CONF" --db "$BOUNCER" serve >"$TMP/serve.out" 2>"$TMP/serve.err" &
spid=$!
demo_copy "$D/2026-03.837" 778 "$TMP/copy.837"
run_adj 0 --db "$BOUNCER" ingest "$TMP/copy.837"
wait_until 10 '[ "$(queue_count ready)" = 0 ]' || true
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'ready'")" "0" "serve decided the new file through PgBouncer"
kill -TERM $spid; set +e; wait $spid; rc=$?; set -e
expect_eq "$rc" "0" "serve stops cleanly"
run_adj 0 --config "$CONF" --db "$BOUNCER" audit verify
expect_contains "$TMP/out" "ok: " "the audit chain verifies through PgBouncer"
# no session setting leaked onto PgBouncer's server connections
expect_eq "$(psql -X -Atq -d "$BOUNCER" -c "SHOW jit")" "on" "jit is set per transaction only"
psql -X -d "${ADJ_DB% dbname=*} dbname=postgres" -qAt -c "DROP DATABASE IF EXISTS ${db}_direct WITH (FORCE)" >/dev/null 2>&1 || true
