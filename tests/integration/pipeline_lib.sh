# Shared by the pipeline tests: the demo story (deploy/demo-data), copies of
# its files as other interchanges, and a configuration with an Ed25519
# checkpoint key pair (the private key signs, the public key verifies).
D="$ROOT/deploy/demo-data"
"$ADJ" audit keygen "$TMP/audit.pem" "$TMP/audit.pub" >/dev/null
cat >"$TMP/adj.conf" <<CONF
rulesets: { dir = "$ROOT/rulesets"; };
engine: { batch_size = 5; poll_interval_ms = 200; };
audit: { signing_key = "$TMP/audit.pem"; public_key = "$TMP/audit.pub"; };
CONF
CONF="$TMP/adj.conf"

# demo_copy FILE N OUT: the same claims as another interchange (ISA13/IEA02 = N)
demo_copy() {
    python3 - "$1" "$2" "$3" <<'PY'
import re, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = open(src, "rb").read()
ctl = re.search(rb"^ISA(.{3}).*", d).group(0).split(d[3:4])[13]
new = b"%09d" % n
d = d.replace(d[3:4] + ctl + d[3:4], d[3:4] + new + d[3:4], 1)
d = d.replace(b"IEA" + d[3:4] + b"1" + d[3:4] + ctl, b"IEA" + d[3:4] + b"1" + d[3:4] + new)
open(out, "wb").write(d)
PY
}

# db_fresh NAME: an empty database beside the test's own, schema and demo data
db_fresh() {
    local admin=${ADJ_DB% dbname=*}
    psql -X -q -d "$admin dbname=postgres" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null 2>&1
    echo "$admin dbname=$1"
}

setup_db() { # CONNINFO
    "$ADJ" --db "$1" db init >/dev/null
    "$ADJ" --db "$1" load --providers "$D/providers.csv" --members "$D/members.csv" --plans "$D/plans.csv" >/dev/null
}

# decisions CONNINFO: every decision in force, in arrival order, comparable across databases
decisions() {
    psql -X -At -d "$1" -c "SELECT c.seq || ' ' || i.file_name || ' ' || d.claim_id || ' ' || d.line_no || ' ' || d.code || ' '
        || d.outcome || ' ' || coalesce(d.grp || '-' || d.carc, '-') || ' ' || array_to_string(d.rarc, ',') || ' '
        || coalesce(d.allowed_cents::text, '-') || ' ' || coalesce(d.paid_cents::text, '-') || ' ' || d.version
        FROM decision_current d JOIN claim c USING (claim_pk) JOIN transaction_set t USING (set_id)
        JOIN interchange i USING (interchange_id) ORDER BY d.claim_pk, d.line_no"
}
