# Shared by the worker tests: claims inserted as a pipeline would (rows, not
# files), and the checks that every claim was decided exactly once.

# mkclaims MEMBERS COPIES: every member gets COPIES copies of one two-line
# claim (99492 + 99494 on 2026-01-15), queued in random order
mkclaims() {
    sql "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents)
         SELECT convert_to('1234567893', 'UTF8'), convert_to('M' || m, 'UTF8'),
                convert_to('M' || m, 'UTF8'), convert_to('C' || m || '-' || k, 'UTF8'), 20000
           FROM generate_series(1, $1) m, generate_series(1, $2) k ORDER BY random()" >/dev/null
    sql "INSERT INTO claim_line (claim_pk, line_no, lx, code, charge_cents, units_milli, dos_from, dos_to)
         SELECT claim_pk, n, n, CASE n WHEN 1 THEN '99492' ELSE '99494' END::bytea, 10000, 1000,
                '2026-01-15', '2026-01-15'
           FROM claim, generate_series(1, 2) n
          WHERE NOT EXISTS (SELECT 1 FROM claim_line l WHERE l.claim_pk = claim.claim_pk)" >/dev/null
    sql "INSERT INTO intake_queue (claim_pk) SELECT claim_pk FROM claim
          WHERE NOT EXISTS (SELECT 1 FROM intake_queue q WHERE q.claim_pk = claim.claim_pk)
          ORDER BY claim_pk" >/dev/null
}

# expect_exactly_once TOTAL_CLAIMS
expect_exactly_once() {
    expect_eq "$(sql "SELECT count(*) FROM intake_queue WHERE state = 'done'")" "$1" "every claim done"
    expect_eq "$(sql "SELECT count(*) FROM claim c WHERE (SELECT count(*) FROM decision d WHERE d.claim_pk = c.claim_pk) <> 2")" \
        "0" "every claim has exactly one decision per line"
    expect_eq "$(sql "SELECT coalesce(max(version), 0) FROM decision")" "1" "no claim decided twice"
    expect_eq "$(sql "SELECT count(*) FROM (SELECT person_key, code, dos FROM decision
                       GROUP BY 1, 2, 3 HAVING count(*) FILTER (WHERE outcome = 'pay') <> 1) x")" \
        "0" "exactly one copy of each line paid"
    expect_eq "$(sql "SELECT count(*) FILTER (WHERE outcome = 'deny' AND carc = '18') FROM decision")" \
        "$(sql "SELECT count(*) - count(DISTINCT (person_key, code, dos)) FROM decision")" "the other copies are OA-18"
    run_adj 0 --db "$ADJ_DB" audit verify --key-file "$KEY"
}
