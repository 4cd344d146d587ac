# The store's intake and the worker's claim loader agree byte for byte
# (quotes, backslashes, SQL, Latin-1 and UTF-8 bytes, dependents, problems);
# the same interchange (SHA-256) is stored once; raw bytes are kept per set
# and per claim; the intake role can do it all.
run_adj 0 --db "$ADJ_DB" db init
RT="$ROOT/$BUILD/tests/example_intake_roundtrip"
sha=$(printf 'roundtrip' | sha256sum | cut -c1-64)
"$RT" "${ADJ_DB/user=postgres/user=intake}" "$ENGINE_DB" "$sha" >"$TMP/rt1" 2>&1 || { cat "$TMP/rt1"; fail "store as adj_intake"; }
expect_contains "$TMP/rt1" "stored 3 claims (1 rejected), 6 lines" "stored"
expect_contains "$TMP/rt1" "roundtrip ok: 3 claims identical" "round trip"
"$RT" "${ADJ_DB/user=postgres/user=intake}" "$ENGINE_DB" "$sha" >"$TMP/rt2" 2>&1 || { cat "$TMP/rt2"; fail "second run"; }
expect_contains "$TMP/rt2" "already stored as interchange" "same SHA-256 stored once"
expect_eq "$(sql "SELECT count(*) FROM interchange")" "1" "one interchange"
expect_eq "$(sql "SELECT count(*) || ' ' || sum(claims) FROM transaction_set")" "1 3" "one set"
expect_eq "$(sql "SELECT count(*) FROM claim")" "3" "claims stored once"
expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'ready'")" "3" "all queued"
expect_eq "$(sql "SELECT convert_from(raw, 'UTF8') FROM transaction_set")" \
    "ST*837*0001*005010X222A1~BHT*0019*00*1*20260201*1200*CH~SE*3*0001~" "raw set bytes"
expect_eq "$(sql "SELECT DISTINCT convert_from(raw, 'UTF8') FROM claim")" "CLM*A1*200***11:B:1*Y*A*Y*Y~" "raw claim bytes"
expect_eq "$(sql "SELECT encode(claim_id, 'hex') FROM claim WHERE patient_is_dependent")" \
    "$(printf "Q'\\\\\";DROP TABLE claim;--\xe9\xc3\xa9" | od -An -tx1 | tr -d ' \n')" "hostile CLM01 bytes"
expect_eq "$(sql "SELECT adj_text(person_key) FROM claim WHERE patient_is_dependent")" \
    "M'0\\\\01;--|20150704|REN\\351E" "dependent person key (upper-cased ASCII, byte kept; escape format doubles the backslash)"
expect_eq "$(sql "SELECT count(DISTINCT person_lock) FROM intake_queue")" "1" "one family to lock: the subscriber and the dependent share the subscriber ID"
expect_eq "$(sql "SELECT count(*) FROM claim_problem")" "2" "problems stored"
expect_eq "$(sql "SELECT string_agg(adj_text(code), ',' ORDER BY claim_pk, line_no) FROM claim_line WHERE claim_pk = (SELECT min(claim_pk) FROM claim)")" "99492,99494" "lines in order"
