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
vgk=$(mktemp -d)
run audit keygen "$vgk/a.pem" "$vgk/a.pub"
run --db "host=$vgk/nowhere dbname=x" audit verify --public-key "$vgk/a.pub" --anchor "$vgk/none"
run --db "host=127.0.0.1 port=5450 dbname=x" show A-1
run load --plans deploy/demo-data/plans.csv --reason " "
rm -rf "$vgk"
