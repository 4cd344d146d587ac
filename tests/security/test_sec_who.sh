# Who did what. Every `show` is recorded (database login, OS user, --user,
# claim, time) before anything is printed, and nobody can rewrite that
# record; a decision names the database login that wrote it, with --user
# beside it; reference-data loads are versions (who, why, old and new rows)
# that decisions name; blank --user/--reason are refused; control bytes in
# a claim never reach a terminal raw.
. tests/security/sec_lib.sh
SEC_DB="$ADJ_DB"
run_adj 0 --db "$ADJ_DB" db init
run_adj 0 --db "$ADJ_DB" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv" \
    --reason "initial load" --user carol
expect_contains "$TMP/out" "reference-data version 1" "the load is version 1"
run_adj 0 --db "$ADJ_DB" ingest "$D/2026-01.837"
run_adj 0 --config "$CONF" --db "$ADJ_DB" run --once

# blank --user / --reason
run_adj 2 --db "$ADJ_DB" load --plans "$D/plans.csv" --reason "   "
expect_contains "$TMP/err" "must not be blank" "blank load reason"
run_adj 2 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "why" --user " "
expect_contains "$TMP/err" "must not be blank" "blank rerun user"
run_adj 2 --db "$ADJ_DB" show MP-3001 --user ""
expect_contains "$TMP/err" "must not be blank" "blank show user"

# a provider changed by a second load: old and new values, who and why
sed 's/^3333333334,\([^,]*\),behavioral,/3333333334,\1,medical,/' "$D/providers.csv" >"$TMP/providers.csv"
run_adj 0 --db "$ADJ_DB" load --providers "$TMP/providers.csv" --reason "kind corrected per credentialing" --user dave
expect_eq "$(sql "SELECT version || ' ' || reason || ' ' || app_user || ' ' || db_login || ' ' || changes FROM refdata_load ORDER BY version DESC LIMIT 1")" \
    "2 kind corrected per credentialing dave staff 1" "version 2: who, why, one row changed"
expect_eq "$(sql "SELECT tbl || ' ' || row_key || ' ' || op || ' ' || (old_row->>'kind') || ' -> ' || (new_row->>'kind') FROM refdata_change WHERE version = 2")" \
    "provider 3333333334 update behavioral -> medical" "the changed row, old and new"
expect_refused "rewriting a load's reason" "append-only" "UPDATE refdata_load SET reason = 'nothing happened'"
expect_refused "deleting a row change" "append-only" "DELETE FROM refdata_change"

# the rerun records the database login, --user beside it, and version 2
run_adj 0 --config "$CONF" --db "$ADJ_DB" rerun MP-3001 --reason "provider kind corrected" --user alice
expect_eq "$(sql "SELECT decided_by || ' ' || db_login || ' ' || app_user || ' ' || refdata_version FROM decision d JOIN claim c USING (claim_pk)
                  WHERE c.claim_id = 'MP-3001' AND version = 2")" "staff staff alice 2" "who and with which reference data"
expect_eq "$(sql "SELECT count(*) FROM decision WHERE refdata_version IS NULL")" "0" "every decision names its reference data"
expect_eq "$(sql "SELECT string_agg(DISTINCT db_login || ':' || decided_by, ' ') FROM decision WHERE decided_by NOT LIKE 'engine %'")" \
    "staff:staff" "the rerun names the staff login that wrote it"
expect_eq "$(sql "SELECT string_agg(DISTINCT db_login, ' ') FROM decision")" "engine staff" "and run --once the engine login"

# show: logged first, then printed with the reference data used
run_adj 0 --db "$ADJ_DB" show MP-3001 --user erin
expect_contains "$TMP/out" "by staff for user alice (rerun: provider kind corrected)" "who"
expect_contains "$TMP/out" "with reference data version 2, loaded" "which reference data"
expect_contains "$TMP/out" "(OS user $(id -un), user dave) because: kind corrected per credentialing" "loaded by whom and why"
expect_eq "$(sql "SELECT db_login || ' ' || os_user || ' ' || app_user || ' ' || action || ' ' || claim_key FROM access_log
                  WHERE claim_pk IS NOT NULL ORDER BY access_id DESC LIMIT 1")" \
    "staff $(id -un) erin show 3333333334 MP-3001" "the read is in the access log"
run_adj 1 --db "$ADJ_DB" show NOPE-1
expect_eq "$(sql "SELECT count(*) FROM access_log WHERE claim_pk IS NULL AND claim_key = 'NOPE-1'")" "1" "a look-up that found nothing is logged too"
# nobody rewrites the access log: not the engine role, not the owner (the
# superuser's connection, SET ROLE for the engine, plays both)
expect_refused "engine deletes the access log" "permission denied for table access_log" "SET ROLE adj_engine; DELETE FROM access_log"
expect_refused "owner deletes the access log" "append-only" "DELETE FROM access_log"
expect_refused "owner updates the access log" "append-only" "UPDATE access_log SET os_user = 'nobody'"
expect_refused "owner truncates the access log" "refused" "TRUNCATE access_log"
# an unlogged read is impossible: without INSERT on access_log, show prints nothing
psql -X -q -d "$ADJ_DB" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sec_reader') THEN
    CREATE ROLE sec_reader LOGIN PASSWORD 'sec-reader-pw'; END IF; END \$\$; ALTER ROLE sec_reader PASSWORD 'sec-reader-pw'; GRANT USAGE ON SCHEMA adjudicator TO sec_reader; GRANT SELECT ON ALL TABLES IN SCHEMA adjudicator TO sec_reader" >/dev/null
run_adj 1 --db "${ADJ_DB/user=postgres/user=sec_reader password=sec-reader-pw}" show MP-3001
expect_contains "$TMP/err" "access log" "no access-log row, no output"
[ ! -s "$TMP/out" ] || fail "show printed a claim it could not log"
psql -X -q -d "$ADJ_DB" -c "REVOKE ALL ON ALL TABLES IN SCHEMA adjudicator FROM sec_reader; REVOKE USAGE ON SCHEMA adjudicator FROM sec_reader" >/dev/null

# a claim ID carrying terminal escape sequences: escaped on a terminal
# (the hostile row put in place by the superuser, as a fixture)
sql "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
     VALUES ('1234567893', 'M9', 'M9', convert_to(E'ESC\x1b]0;owned\x07\x1b[2J', 'UTF8'), 100)" >/dev/null
script -qec "$ADJ --db '$ADJ_DB' show \$(printf 'ESC\\033]0;owned\\007\\033[2J')" /dev/null >"$TMP/tty.out" 2>&1 || true
grep -q 'ESC\\x1b]0;owned\\x07\\x1b\[2J' "$TMP/tty.out" || { cat -v "$TMP/tty.out"; fail "control bytes not escaped on a terminal"; }
if grep -q $'\x1b\\]0;owned' "$TMP/tty.out"; then fail "a raw escape sequence reached the terminal"; fi

# the persons under a member ID: a dependent's first name is the claim's
# bytes, escaped on a terminal like the claim itself
sql "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents,
                        patient_is_dependent, patient_birth, patient_first)
     VALUES ('1234567893', 'M9', convert_to('M9|20150101|KID', 'UTF8'), convert_to('DEP-ESC', 'UTF8'), 100,
             true, '2015-01-01', convert_to(E'KID\x1b]0;owned\x07', 'UTF8'))" >/dev/null
script -qec "$ADJ --db '$ADJ_DB' show --member M9" /dev/null >"$TMP/tty2.out" 2>&1 || true
grep -q 'KID\\x1b]0;owned\\x07' "$TMP/tty2.out" || { cat -v "$TMP/tty2.out"; fail "a person's first name not escaped on a terminal"; }
if grep -q $'\x1b\\]0;owned' "$TMP/tty2.out"; then fail "a raw escape sequence reached the terminal (persons)"; fi
