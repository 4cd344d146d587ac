# The product's objects live in schema adjudicator, owned by adj_owner, a
# NOLOGIN role no service logs in as; no login role is a superuser or the
# owner, so none can disable the append-only triggers. A database an older
# version set up in public is moved into the schema by db migrate, and
# works on.
. tests/security/sec_lib.sh
SEC_DB="$ADJ_DB"
run_adj 0 --db "$ADJ_DB" db init
expect_eq "$(sql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")" "0" \
    "nothing of ours in public"
expect_eq "$(sql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'adjudicator' AND c.relkind IN ('r', 'v', 'S') AND c.relowner <> 'adj_owner'::regrole")" "0" \
    "every table, view and sequence owned by adj_owner"
expect_eq "$(sql "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'adjudicator' AND p.proowner <> 'adj_owner'::regrole")" "0" "every function too"
expect_eq "$(sql "SELECT rolcanlogin || ' ' || rolsuper FROM pg_roles WHERE rolname = 'adj_owner'")" "false false" "the owner cannot log in"
expect_eq "$(sql "SELECT count(*) FROM pg_roles WHERE rolcanlogin AND pg_has_role(rolname, 'adj_owner', 'MEMBER') AND NOT rolsuper")" "0" \
    "no login role is a member of the owner"
for who in engine staff intake; do
    SEC_DB=${ADJ_DB/user=postgres/user=$who} expect_refused "$who disables a trigger" "must be owner" \
        "ALTER TABLE decision DISABLE TRIGGER decision_append_only"
done
# PUBLIC (any role at all) cannot even look into the schema
sql "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sec_stranger') THEN
     CREATE ROLE sec_stranger NOLOGIN; END IF; END \$\$" >/dev/null
expect_refused "a stranger reads claims" "permission denied for schema adjudicator" "SET ROLE sec_stranger; SELECT count(*) FROM adjudicator.claim"

# an older database: the migrations as a former version applied them, in public
old=$(db_fresh t_sec_schema_old)
psql -X -q -d "$old" -v ON_ERROR_STOP=1 -c "CREATE TABLE schema_version (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null
for f in sql/0[0-6]*_*.sql; do
    psql -X -q -d "$old" -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -f "$f" >/dev/null || fail "old migration $f"
    v=$(basename "$f" | sed 's/_.*//; s/^0*//')
    psql -X -q -d "$old" -c "INSERT INTO schema_version (version, name) VALUES ($v, '$(basename "$f")')" >/dev/null
done
psql -X -q -d "$old" -c "INSERT INTO provider (npi, name, kind) VALUES ('9999999991', 'OLD ROW', 'medical')" >/dev/null
expect_eq "$(psql -X -At -d "$old" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('claim', 'decision', 'schema_version')")" "3" "the old layout"
run_adj 0 --db "$old" db migrate
expect_eq "$(psql -X -At -d "$old" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")" "0" \
    "moved out of public"
expect_eq "$(psql -X -At -d "$old" -c "SELECT name FROM adjudicator.provider")" "OLD ROW" "with their rows"
run_adj 0 --db "$old" db migrate
expect_contains "$TMP/out" "nothing to do" "and current"
run_adj 0 --db "$old" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv" --reason "after the move"
run_adj 0 --db "$old" ingest "$D/2026-01.837"
run_adj 0 --config "$CONF" --db "$old" run --once
run_adj 0 --config "$CONF" --db "$old" audit verify
db_fresh t_sec_schema_old >/dev/null
