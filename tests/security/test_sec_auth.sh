# Authentication (deploy/pg-local): nobody is trusted. An OS user who is not
# the operator or the service cannot even reach the socket; a role without
# a password cannot log in; the services connect as login roles that are
# members of the NOLOGIN roles, never superusers, and each can do its job
# and no more.
. tests/security/sec_lib.sh
SEC_DB="$ADJ_DB"
sock=$(printf '%s' "$ADJ_DB" | sed -n 's/.*host=\([^ ]*\).*/\1/p')
db=$(printf '%s' "$ADJ_DB" | sed -n 's/.*dbname=\([^ ]*\).*/\1/p')
# a local OS user outside the group: refused at the socket directory
if runuser -u nobody -- psql -X -h "$sock" -U postgres -d "$db" -Atc "SELECT 1" >"$TMP/o" 2>"$TMP/e"; then
    fail "OS user nobody connected as postgres"
fi
expect_contains "$TMP/e" "Permission denied" "nobody cannot reach the socket"
expect_eq "$(stat -c %a "$sock")" "2750" "socket directory: owner and group only"
expect_eq "$(sql "SHOW password_encryption")" "scram-sha-256" "passwords hashed with SCRAM"
# a role without a password, or a wrong one: refused
sql "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sec_nopass') THEN
     CREATE ROLE sec_nopass LOGIN; END IF; END \$\$; ALTER ROLE sec_nopass PASSWORD NULL" >/dev/null
if PGPASSWORD=guess psql -X -h "$sock" -U sec_nopass -d "$db" -Atc "SELECT 1" >"$TMP/o" 2>"$TMP/e"; then
    fail "a role without a password logged in"
fi
expect_contains "$TMP/e" "password authentication failed" "password required"
# the login roles: not superusers, members of the NOLOGIN roles
expect_eq "$(sql "SELECT string_agg(r.rolname || ':' || r.rolsuper || ':' || pg_has_role(r.rolname, 'adj_' || r.rolname, 'member'), ' ' ORDER BY r.rolname)
                  FROM pg_roles r WHERE r.rolname IN ('engine', 'intake', 'staff', 'reporting')")" \
    "engine:false:true intake:false:true reporting:false:true staff:false:true" "login roles"
expect_eq "$(sql "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'adj\\_%' AND rolcanlogin")" "0" "the adj_ roles stay NOLOGIN"

# the pipeline, each step as its own login role
run_adj 0 --db "$ADJ_DB" db init
as() { printf '%s' "${ADJ_DB/user=postgres/user=$1}"; }
run_adj 0 --db "$(as staff)" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv" --reason "as staff" --user s
run_adj 0 --db "$(as intake)" ingest "$D/2026-01.837"
run_adj 0 --config "$CONF" --db "$(as engine)" run --once
expect_eq "$(sql "SELECT DISTINCT db_login FROM decision")" "engine" "decided as the engine login"
run_adj 0 --config "$CONF" --db "$(as staff)" audit verify
run_adj 0 --db "$(as staff)" show MP-3001
# and no more: intake reads no decision, reporting no claim, the engine
# loads no reference data
SEC_DB=$(as intake) expect_refused "intake reads decisions" "permission denied" "SELECT count(*) FROM decision"
SEC_DB=$(as reporting) expect_refused "reporting reads claims" "permission denied" "SELECT count(*) FROM claim"
run_adj 1 --db "$(as engine)" load --plans "$D/plans.csv"
expect_contains "$TMP/err" "permission denied" "the engine cannot change reference data"
SEC_DB=$(as intake) expect_refused "intake reads claims back" "permission denied" "SELECT count(*) FROM claim"
SEC_DB=$(as intake) expect_refused "intake reads the queue" "permission denied" "SELECT count(*) FROM intake_queue"
