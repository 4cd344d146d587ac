# First pass means first: a provider-file correction and a replacement claim
# (frequency 7) leave the first-pass figures as they were; the final ones
# follow the replacement and a re-run under the new reference data. An
# exact duplicate (OA-18) is counted apart, outside the denominator.
. tests/integration/report_setup.sh
c="cell CARVE 2026-01 cocm_initial"
expect_eq "$(raw $c decided_first):$(raw $c paid_first):$(raw $c denied_first)" "12:9:2" "first pass before"

# --- the clinic's provider row is corrected to behavioral: no old decision moves
psql_db -c "UPDATE provider SET kind = 'behavioral' WHERE npi = '1111111111'"
expect_eq "$(raw $c decided_first):$(raw $c paid_first):$(raw $c denied_first)" "12:9:2" "first pass after the correction"
expect_eq "$(raw cell CARVE 2026-01 cocm_initial decided_first | wc -l)" "1" "one row"
expect_eq "$(sql "SELECT count(*) FROM report_figures_core('2026-01-01', '2026-02-01', NULL, now(), 1, false)
                   WHERE level = 'cell' AND provider_kind = 'behavioral' AND code_family = 'cocm_initial'")" "0" \
    "no behavioral cocm_initial row"
# a re-run of CA01's 99492 now: its final decision is grouped by today's data
dec() {  # CLAIM LINE OUTCOME CARC: a new decision version, decided now
    psql_db -c "INSERT INTO decision (claim_pk, chain_seq, line_no, lx, version, checkpoint_id, decided_at,
                    decided_by, person_key, service_month, dos, code, route, outcome, grp, carc, reason,
                    prev_hash, hash)
                SELECT l.claim_pk,
                       (SELECT coalesce(max(chain_seq), 0) + 1 FROM decision x WHERE x.claim_pk = l.claim_pk),
                       l.line_no, l.line_no,
                       (SELECT coalesce(max(version), 0) + 1 FROM decision x
                         WHERE x.claim_pk = l.claim_pk AND x.line_no = l.line_no),
                       1, now(), 'test', c.person_key, date_trunc('month', l.dos_from)::date, l.dos_from,
                       l.code, 'medical', '$3', CASE WHEN '$4' <> '' THEN 'OA' END, nullif('$4', ''),
                       convert_to('t', 'UTF8'), repeat('0', 64), repeat('2', 64)
                  FROM claim c JOIN claim_line l USING (claim_pk)
                 WHERE c.claim_id = convert_to('$1', 'UTF8') AND l.line_no = $2
                 ORDER BY c.claim_pk DESC LIMIT 1"
}
dec CA01 1 pay ''
expect_eq "$(raw $c paid_first):$(raw $c paid_final)" "9:9" "CA01's final moved out of the medical row"
expect_eq "$(raw cell CARVE 2026-01 cocm_initial paid_first)" "9" "first pass kept"
expect_eq "$(sql "SELECT value FROM report_figures_core('2026-01-01', '2026-02-01', NULL, now(), 1, false)
                   WHERE level = 'cell' AND provider_kind = 'behavioral' AND code_family = 'cocm_initial'
                     AND measure = 'paid_final'")" "1" "its final decision in the behavioral row"
expect_eq "$(sql "SELECT value FROM report_figures_core('2026-01-01', '2026-02-01', NULL, now(), 1, false)
                   WHERE level = 'cell' AND provider_kind = 'behavioral' AND code_family = 'cocm_initial'
                     AND measure = 'decided_first'")" "0" "and no first-pass decision there"
psql_db -c "UPDATE provider SET kind = 'medical' WHERE npi = '1111111111'"

# --- CA10 (denied 11 at first pass, paid on re-run) is replaced by a
# frequency-7 claim that is paid: its first-pass denial stays
psql_db -c "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents,
                               received_at, dx, dx_qual, freq)
            VALUES (convert_to('1111111111', 'UTF8'), convert_to('MC10', 'UTF8'), convert_to('MC10', 'UTF8'),
                    convert_to('CA10', 'UTF8'), 10000, now(), ARRAY[convert_to('F329', 'UTF8')],
                    ARRAY[convert_to('ABK', 'UTF8')], convert_to('7', 'UTF8'))"
psql_db -c "INSERT INTO claim_line (claim_pk, line_no, lx, code, charge_cents, units_milli, dos_from, dos_to)
            SELECT max(claim_pk), 1, 1, convert_to('99492', 'UTF8'), 10000, 1000, '2026-01-15', '2026-01-15'
              FROM claim WHERE claim_id = convert_to('CA10', 'UTF8')"
dec CA10 1 pay ''
psql_db -c "INSERT INTO history_event (claim_pk, kind, person_key, member_id, billing_npi, claim_id,
                                       checkpoint_id, pcn, lines)
            SELECT max(claim_pk), 'retract', convert_to('MC10', 'UTF8'), convert_to('MC10', 'UTF8'),
                   convert_to('1111111111', 'UTF8'), convert_to('CA10', 'UTF8'), 1, '', ''::bytea
              FROM claim WHERE claim_id = convert_to('CA10', 'UTF8')"
expect_eq "$(raw $c decided_first):$(raw $c paid_first):$(raw $c denied_first)" "12:9:2" \
    "first pass unchanged by the replacement"
# final: the original CA10 no longer counts, its replacement does: 13 lines
# still, less CA01's, whose final decision is in the behavioral row now
expect_eq "$(raw $c lines_submitted):$(raw $c decided_final):$(raw $c paid_final)" "12:10:9" \
    "final: replacement in, original out"

# --- an exact duplicate of CA02's 99492 (OA-18 at first pass)
psql_db -c "INSERT INTO claim (billing_npi, member_id, person_key, claim_id, total_charge_cents, received_at, dx, dx_qual)
            VALUES (convert_to('1111111111', 'UTF8'), convert_to('MC02', 'UTF8'), convert_to('MC02', 'UTF8'),
                    convert_to('CA02DUP', 'UTF8'), 10000, now(), ARRAY[convert_to('F329', 'UTF8')],
                    ARRAY[convert_to('ABK', 'UTF8')])"
psql_db -c "INSERT INTO claim_line (claim_pk, line_no, lx, code, charge_cents, units_milli, dos_from, dos_to)
            SELECT claim_pk, 1, 1, convert_to('99492', 'UTF8'), 10000, 1000, '2026-01-15', '2026-01-15'
              FROM claim WHERE claim_id = convert_to('CA02DUP', 'UTF8')"
dec CA02DUP 1 deny 18
expect_eq "$(raw $c duplicates_first):$(raw $c decided_first):$(raw $c denied_first)" "1:12:2" \
    "the duplicate is counted apart, outside the first-pass denominator"
expect_eq "$(raw $c duplicates_final):$(raw $c lines_submitted)" "2:13" "and finally (with CA12's), in the lines"
expect_eq "$(sql "SELECT count(*) FROM report_figures_core('2026-01-01', '2026-02-01', NULL, now(), 1, false)
                   WHERE level = 'denial' AND carc = '18'")" "0" "no CARC 18 denial row"
true
