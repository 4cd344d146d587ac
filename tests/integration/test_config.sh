# Configuration errors name the file and line; the sample config loads.
cat >"$TMP/bad_key.conf" <<'CONF'
db: {
  conninfo = "dbname=x";
  colour = "blue";
};
CONF
run_adj 2 --config "$TMP/bad_key.conf" db migrate
expect_contains "$TMP/err" "bad_key.conf:3: unknown key 'db.colour'" "unknown key names its line"

cat >"$TMP/bad_type.conf" <<'CONF'
engine: {

  batch_size = "many";
};
CONF
run_adj 2 --config "$TMP/bad_type.conf" db migrate
expect_contains "$TMP/err" "bad_type.conf:3: 'engine.batch_size' must be an integer" "wrong type names its line"

printf 'engine: { poll_interval_ms = 1; };\n' >"$TMP/range.conf"
run_adj 2 --config "$TMP/range.conf" db migrate
expect_contains "$TMP/err" "range.conf:1: 'engine.poll_interval_ms' = 1 is out of range 10..600000" "range error"

printf 'db = {\n conninfo = ;\n' >"$TMP/syntax.conf"
run_adj 2 --config "$TMP/syntax.conf" db migrate
expect_contains "$TMP/err" "syntax.conf:2:" "syntax error names its line"

run_adj 2 --config "$TMP/missing.conf" db migrate
expect_contains "$TMP/err" "missing.conf: cannot read" "missing file"

# the sample config is valid; --db overrides its conninfo
run_adj 0 --config deploy/adjudicator.conf.sample --db "$ADJ_DB" db migrate
# --help of the command and of a subcommand
run_adj 0 --help
expect_contains "$TMP/out" "engine.batch_size" "help lists config keys"
run_adj 0 db --help
run_adj 2 no-such-command
