# `adjudicator ruleset check`: the shipped rulesets pass; bad files are
# errors naming the file and line; overlapping rulesets name both files.
run_adj 0 ruleset check "$ROOT/rulesets"
expect_contains "$TMP/out" "ok cocm-2024" "2024 ruleset"
expect_contains "$TMP/out" "ok cocm-2026" "2026 ruleset"
expect_eq "$(grep -c '^ok ' "$TMP/out")" "3" "three rulesets"
run_adj 0 ruleset check "$ROOT/rulesets/cocm-2025.conf"
f="$ROOT/tests/fixtures/rulesets"
run_adj 1 ruleset check "$f/unknown-key.conf"
expect_contains "$TMP/err" "unknown-key.conf:9: unknown key 'bogus_key'" "unknown key"
run_adj 1 ruleset check "$f/malformed-code.conf"
expect_contains "$TMP/err" "malformed-code.conf:35: malformed code '9949'" "malformed code"
run_adj 1 ruleset check "$f/overlap"
expect_contains "$TMP/err" "a.conf (over-a) and $f/overlap/b.conf (over-b): effective date ranges overlap" "overlap names both files"
sed 's/^episode_gap_months = 6;/episode_gap_months = "six";/' "$ROOT/rulesets/cocm-2026.conf" >"$TMP/gap.conf"
cp -r "$ROOT/rulesets/tables" "$TMP/"
run_adj 1 ruleset check "$TMP/gap.conf"
expect_contains "$TMP/err" "gap.conf:$(grep -n '^episode_gap_months' "$TMP/gap.conf" | cut -d: -f1): 'episode_gap_months' must be an integer" "type error names its line"
run_adj 2 ruleset
run_adj 0 ruleset --help
