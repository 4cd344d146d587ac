# sourced by tests/valgrind-cli: the pipeline's commands that need no database
run show --help
run audit --help
run audit verify --key-file /nonexistent
run ingest --help
run load --help
run run --help
run serve --help
run load --providers /nonexistent
run --db "host=/nonexistent dbname=x" ingest /nonexistent
