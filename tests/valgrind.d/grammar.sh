# The command grammar (cli/opts.c): --version, help, --opt=value, options
# after operands, and its usage errors.
run --version
run help check
run help nope
run parse tests/fixtures/x12/star_colon_tilde.837 --format=jsonl
run parse tests/fixtures/x12/star_colon_tilde.837 --format
run parse --no-such-option=1 x
run run --once=yes
run synth --members=many --out x
