# TLS: a conninfo naming a TCP host without sslmode=verify-full is refused
# before anything is sent (no listener is needed to show it: the refusal
# is ours, not "connection refused"); verify-full goes ahead; allowing it
# takes db.allow_insecure_tcp = 1 in the configuration, and is logged.
# Port 5450 (this suite's range) on 127.0.0.1; nothing listens there.
. tests/security/sec_lib.sh
for c in "host=127.0.0.1 port=5450 dbname=x" "host=localhost port=5450 sslmode=require dbname=x" \
         "postgresql://127.0.0.1:5450/x?sslmode=verify-ca" "hostaddr=127.0.0.1 port=5450 dbname=x"; do
    run_adj 2 --db "$c" show A-1
    expect_contains "$TMP/err" "with sslmode=" "refused: $c"
    expect_contains "$TMP/err" "TCP needs sslmode=verify-full" "the fix is named: $c"
done
# the same through the environment
PGHOST=127.0.0.1 PGPORT=5450 run_adj 2 --db "dbname=x" show A-1
expect_contains "$TMP/err" "refused, TCP needs sslmode=verify-full" "PGHOST counts"
PGSSLMODE=disable run_adj 2 --config "$CONF" --db "host=127.0.0.1 port=5450 dbname=x" run --once
expect_contains "$TMP/err" "sslmode=disable: refused" "PGSSLMODE=disable refused; serve/run stop at once"
# verify-full goes ahead (and fails only because nothing listens)
run_adj 3 --db "host=127.0.0.1 port=5450 sslmode=verify-full dbname=x" show A-1
expect_contains "$TMP/err" "cannot connect to the database" "verify-full is let through"
# the Unix socket of the private cluster needs nothing
run_adj 0 --db "$ADJ_DB" db init
# explicitly allowed: logged
printf 'db: { allow_insecure_tcp = 1; };\n' >"$TMP/insecure.conf"
run_adj 3 --config "$TMP/insecure.conf" --db "host=127.0.0.1 port=5450 dbname=x" show A-1
expect_contains "$TMP/err" "are allowed (db.allow_insecure_tcp = 1)" "logged at start"
expect_contains "$TMP/err" "connecting to TCP host 127.0.0.1 with sslmode=prefer (default)" "each such connection logged"
