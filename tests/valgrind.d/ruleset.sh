# ruleset check over the shipped rulesets and a bad file, under valgrind
run ruleset check rulesets
run ruleset check tests/fixtures/rulesets/malformed-code.conf
run ruleset check tests/fixtures/rulesets/overlap
