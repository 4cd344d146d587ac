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

# migrations run as adj_owner (SET LOCAL ROLE in each migration's
# transaction): every object is born owned by it, not handed over after.
# An event trigger (the superuser's, in a database of its own) records who
# ran each CREATE of db init: only the admin's two schemas are not adj_owner's.
born=$(db_fresh t_sec_schema_born)
psql -X -q -d "$born" -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
CREATE TABLE public.sec_ddl (tag text, who text, what text);
CREATE FUNCTION public.sec_ddl_log() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public.sec_ddl SELECT command_tag, current_user, object_identity
      FROM pg_event_trigger_ddl_commands() WHERE command_tag LIKE 'CREATE %';
END $$;
GRANT INSERT ON public.sec_ddl TO PUBLIC;
CREATE EVENT TRIGGER sec_ddl ON ddl_command_end EXECUTE FUNCTION public.sec_ddl_log();
SQL
run_adj 0 --db "$born" db init
bpsql() { psql -X -At -d "$born" -c "$1"; }
expect_eq "$(bpsql "SELECT count(*) > 100 FROM public.sec_ddl WHERE who = 'adj_owner'")" "t" "the migrations' objects created by adj_owner"
expect_eq "$(bpsql "SELECT string_agg(tag || ' ' || what, ', ' ORDER BY what) FROM public.sec_ddl WHERE who <> 'adj_owner'")" \
    "CREATE SCHEMA adj_archive, CREATE SCHEMA adjudicator" "only the admin's schemas (created AUTHORIZATION adj_owner)"
expect_eq "$(bpsql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname IN ('adjudicator', 'adj_archive') AND c.relowner <> 'adj_owner'::regrole")" "0" "all owned by adj_owner"
db_fresh t_sec_schema_born >/dev/null

# an admin who cannot act as adj_owner (not a superuser, not a member) is
# refused before any migration runs, with the way out named
sql "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sec_admin') THEN
     CREATE ROLE sec_admin LOGIN CREATEROLE; END IF; END \$\$; ALTER ROLE sec_admin PASSWORD 'sec-admin-pw'" >/dev/null
nm=$(db_fresh t_sec_schema_nomember)
psql -X -q -d "$nm" -c "ALTER DATABASE t_sec_schema_nomember OWNER TO sec_admin" >/dev/null
run_adj 3 --db "${nm/user=postgres/user=sec_admin password=sec-admin-pw}" db migrate
expect_contains "$TMP/err" "migrations run as the schema owner adj_owner: connect as a superuser or as a member of adj_owner" "a non-member admin"
db_fresh t_sec_schema_nomember >/dev/null
