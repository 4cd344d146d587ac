# db init applies the schema; db migrate twice is a no-op; a broken migration
# rolls back, leaves the schema as it was and names the file.
run_adj 0 --db "$ADJ_DB" db init
expect_contains "$TMP/out" "applied" "first init applies migrations"
v1=$(sql "SELECT max(version) FROM schema_version")
[ "$v1" -ge 1 ] || fail "schema_version is empty"
tables1=$(sql "SELECT count(*) FROM pg_tables WHERE schemaname='adjudicator'")

run_adj 0 --db "$ADJ_DB" db migrate
expect_contains "$TMP/out" "nothing to do" "second migrate is a no-op"
run_adj 0 --db "$ADJ_DB" db migrate
expect_contains "$TMP/out" "schema is current at version $v1" "third migrate names the version"
expect_eq "$(sql "SELECT count(*) FROM schema_version")" "$(ls sql/[0-9]*_*.sql | wc -l)" "one row per migration"

# a copy of sql/ plus a migration that creates a table, then fails
mkdir -p "$TMP/sql"
cp sql/[0-9]*_*.sql "$TMP/sql/"
cat >"$TMP/sql/900_broken.sql" <<'SQL'
CREATE TABLE half_done (x int);
INSERT INTO half_done VALUES (1);
SELECT no_such_function();
SQL
run_adj 2 --db "$ADJ_DB" db migrate --sql-dir "$TMP/sql"
expect_contains "$TMP/err" "900_broken.sql" "the error names the failing file"
expect_contains "$TMP/err" "no_such_function" "the error says what failed"
expect_eq "$(sql "SELECT max(version) FROM schema_version")" "$v1" "version unchanged"
expect_eq "$(sql "SELECT count(*) FROM pg_tables WHERE tablename='half_done'")" "0" "rolled back"
expect_eq "$(sql "SELECT count(*) FROM pg_tables WHERE schemaname='adjudicator'")" "$tables1" "schema as it was"

# an unreachable database is exit 3
run_adj 3 --db "host=$TMP/nowhere dbname=x" db migrate
expect_contains "$TMP/err" "cannot connect" "unreachable database is reported"
