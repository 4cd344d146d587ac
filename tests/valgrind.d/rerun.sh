# rerun and show without a database: help and every argument error path
# (the database paths run under ASan+UBSan in tests/integration).
run rerun --help
run show --help
run rerun MP-3001 --user u
run rerun --where month=2026-13 --reason r --user u
run rerun --where month=2026-03..2026-01 --reason r --user u
run rerun --where colour=red --reason r --user u
run rerun --where npi=123 --reason r --user u
run rerun --where outcome=maybe carc=1234567 --reason r --user u
run rerun A --where code=99492 --reason r --user u
run rerun A --batch 0 --reason r --user u
run rerun A --npi 1234567893 --where npi=1111111112 --reason r --user u
run show A --format yaml
run --db "host=/nonexistent-socket-dir" rerun A --reason r --user u --dry-run
run rerun A --reason "$(printf 'caf\351')" --user u
# show loads the rulesets in force (the dependents' rule values) before it connects
run show A --ruleset /nonexistent-rulesets
run --db "host=/nonexistent-socket-dir" show A
