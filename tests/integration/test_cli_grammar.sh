# The one command grammar (cli/opts.c): every subcommand takes --opt=value
# and options after its operands, with the same result as the spelling
# before; a usage error is one line naming what was wrong, exit 2; a file
# that cannot be read is exit 2 in every command; --version; help COMMAND.
. tests/integration/pipeline_lib.sh
R=(--providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv")
R_EQ=(--providers="$D/providers.csv" --members="$D/members.csv" --plans="$D/plans.csv")

# one_line_error EXIT WHAT TEXT ARGS...: the command fails with EXIT and
# exactly one stderr line that contains TEXT
one_line_error() {
    local want=$1 what=$2 text=$3; shift 3
    run_adj "$want" "$@"
    expect_eq "$(wc -l <"$TMP/err")" "1" "$what: one line on stderr"
    expect_contains "$TMP/err" "$text" "$what"
    expect_eq "$(wc -c <"$TMP/out")" "0" "$what: nothing on stdout"
}

# --version and help
run_adj 0 --version
grep -qE '^adjudicator [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/out" || fail "--version: '$(cat "$TMP/out")'"
cmds="db load ingest run serve show rerun audit synth parse check ruleset report pend console staff ack remit"
for c in $cmds; do
    run_adj 0 help "$c"; cp "$TMP/out" "$TMP/help"
    run_adj 0 "$c" --help
    cmp -s "$TMP/help" "$TMP/out" || fail "help $c differs from $c --help"
    grep -q "usage: adjudicator" "$TMP/help" || fail "help $c prints no usage"
    # an unknown option, anywhere: one line naming it
    one_line_error 2 "$c unknown option" "adjudicator $c: unknown option '--no-such-option'" "$c" --no-such-option
    one_line_error 2 "$c unknown option=value" "adjudicator $c: unknown option '--no-such-option'" "$c" x --no-such-option=1
done
run_adj 0 help; expect_contains "$TMP/out" "commands:" "help alone"
one_line_error 2 "help of no command" "help: unknown command 'nope'" help nope
one_line_error 2 "no command" "no command given" --db x
one_line_error 2 "unknown command" "unknown command 'nope'" nope

# usage errors: one line each, saying what was wrong
one_line_error 2 "missing value" "adjudicator check: --format needs a value" check "${R[@]}" "$D/2026-01.837" --format
one_line_error 2 "bad format" "adjudicator check: --format takes table|jsonl, not 'text'" check "${R[@]}" --format=text "$D/2026-01.837"
one_line_error 2 "show format" "adjudicator show: --format takes table|json, not 'jsonl'" show X --format=jsonl
one_line_error 2 "no value expected" "adjudicator run: --once takes no value" run --once=yes
one_line_error 2 "no operand" "adjudicator parse: no FILE given" parse
one_line_error 2 "extra operand" "adjudicator show: unexpected argument 'B'" show A B
one_line_error 2 "required option" "adjudicator check: --providers, --members and --plans are required" check "$D/2026-01.837"
one_line_error 2 "unknown action" "adjudicator db: unknown action 'create'" db create
one_line_error 2 "rerun needs reason" "adjudicator rerun: --reason and --user are required" rerun A --user=u

# a file that cannot be read: exit 2 in every command that reads files
run_adj 2 parse "$TMP/none.837"
expect_contains "$TMP/err" "none.837: cannot open" "parse names the file"
run_adj 2 check "${R[@]}" "$TMP/none.837" "$D/2026-01.837"
expect_contains "$TMP/err" "none.837: cannot open" "check names the file"
[ -s "$TMP/out" ] || fail "check still decides the other file"
run_adj 2 check --providers "$TMP/none.csv" --members "$D/members.csv" --plans "$D/plans.csv" "$D/2026-01.837"
run_adj 2 ruleset check "$TMP/none.conf"
expect_contains "$TMP/err" "none.conf: cannot open" "ruleset check names the file"
run_adj 0 --db "$ADJ_DB" db init
run_adj 2 --db "$ADJ_DB" load --plans "$TMP/none.csv"
expect_contains "$TMP/err" "none.csv" "load names the file"
run_adj 2 --db "$ADJ_DB" ingest "$TMP/none.837"
expect_contains "$TMP/err" "none.837: cannot read" "ingest names the file"

# parse and check: --opt=value and options after operands give the same bytes
run_adj 0 parse --format jsonl tests/fixtures/x12/star_colon_tilde.837; cp "$TMP/out" "$TMP/p1"
run_adj 0 parse tests/fixtures/x12/star_colon_tilde.837 --format=jsonl
cmp -s "$TMP/p1" "$TMP/out" || fail "parse: options after the file"
run_adj 0 check "${R[@]}" --format table "$D/2026-01.837" "$D/2026-02.837"; cp "$TMP/out" "$TMP/c1"
run_adj 0 check "$D/2026-01.837" --format=table "${R_EQ[@]}" "$D/2026-02.837"
cmp -s "$TMP/c1" "$TMP/out" || fail "check: options between and after the files"
expect_contains "$TMP/out" "paid" "check table summary"
# "--" ends the options
run_adj 0 parse -- tests/fixtures/x12/star_colon_tilde.837
cmp -s "$TMP/p1" "$TMP/out" || fail "parse after --"

# ruleset check and synth
run_adj 0 ruleset check rulesets/cocm-2025.conf -v
expect_contains "$TMP/out" "ok cocm-2025" "ruleset check with a global option after"
run_adj 0 synth --members 5 --months 1 --seed 3 --out "$TMP/s1.837"
run_adj 0 synth --out="$TMP/s2.837" --seed=3 --months=1 --members=5
cmp -s "$TMP/s1.837" "$TMP/s2.837" || fail "synth: --opt=value gives other bytes"
one_line_error 2 "synth bad value" "adjudicator synth: --members: 'many' is not a valid value" synth --members=many --out "$TMP/x"

# the database commands: global options after the command, --opt=value
run_adj 0 db migrate --db="$ADJ_DB" --sql-dir="$ROOT/sql"
expect_contains "$TMP/out" "nothing to do" "db migrate with options after"
run_adj 0 load --plans="$D/plans.csv" --db "$ADJ_DB" --providers="$D/providers.csv" --members="$D/members.csv"
expect_contains "$TMP/out" "loaded" "load with --opt=value"
run_adj 0 ingest "$D/2026-01.837" --db="$ADJ_DB"
expect_contains "$TMP/out" "stored" "ingest with --db after the file"
run_adj 0 run --db="$ADJ_DB" --once --config="$CONF"
expect_contains "$TMP/out" "decided" "run --once with options after"
run_adj 2 serve --config "$CONF" --ruleset="$TMP/no-rulesets"
expect_contains "$TMP/err" "no-rulesets" "serve --ruleset=value read"
id=PSF-1001 npi=1234567893 # the demo's first claim
run_adj 0 --db "$ADJ_DB" show "$id" --npi "$npi" --format json; cp "$TMP/out" "$TMP/s1"
run_adj 0 show --format=json --npi="$npi" "$id" --db="$ADJ_DB"
cmp -s "$TMP/s1" "$TMP/out" || fail "show: --opt=value before the claim ID"
run_adj 0 --db "$ADJ_DB" show "$id" --format=table
expect_contains "$TMP/out" "claim $id" "show --format=table"
run_adj 0 rerun "$id" --db="$ADJ_DB" --reason="grammar test" --user=tester --dry-run
expect_contains "$TMP/out" "dry run: 1 claim, 1 line" "rerun with options after the claim ID"
run_adj 0 rerun --db="$ADJ_DB" --reason=r --user=u --dry-run --where "npi=$npi" month=2026-01
run_adj 0 rerun --db="$ADJ_DB" --reason=r --user=u --dry-run --where="npi=$npi" month=2026-01
one_line_error 2 "rerun bad filter" "adjudicator rerun: unknown filter 'colour=red'" rerun --where colour=red --reason=r --user=u --dry-run
run_adj 0 audit verify --db="$ADJ_DB" --public-key="$TMP/audit.pub"
expect_contains "$TMP/out" "audit verify: ok" "audit verify --public-key=value"

# report: --opt=value and the action after the options (its own database)
ADJ_DB=$(db_fresh t_cli_grammar_report)
. tests/integration/report_setup.sh
run_adj 0 report --from=2026-01 --to=2026-02 --format=json --out="$TMP/r.json" approval-rates --config="$TMP/adj.conf" --db="$RDB"
expect_contains "$TMP/out" "wrote $TMP/r.json.manifest" "report with options before the action"
run_adj 0 report verify "$TMP/r.json" --config="$TMP/adj.conf" --public-key="$TMP/report.pub"
expect_contains "$TMP/out" "report verify: ok" "report verify with options after"
one_line_error 2 "report format" "adjudicator report: --format takes json|csv|html, not 'jsonl'" report approval-rates --from=2026-01 --to=2026-02 --format=jsonl --out="$TMP/r2"
