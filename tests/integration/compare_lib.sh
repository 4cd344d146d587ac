# compare DB CHECK_JSONL: the decisions in force in DB equal, field by
# field, what `adjudicator check` printed (CHECK_JSONL). Shared by
# test_pipeline_check.sh and tests/ha/test_failover.sh, so both follow the
# decision format. Needs TMP.
compare() { # DB CHECK_JSONL
    psql -X -At -d "$1" -c "SELECT json_build_object(
        'claim_id', adj_text(c.claim_id), 'line', d.lx, 'code', d.code,
        'member_id', adj_text(c.member_id), 'route', d.route, 'outcome', d.outcome,
        'group', d.grp, 'carc', d.carc, 'rarc', d.rarc,
        'allowed', (d.allowed_cents / 100.0)::numeric(14,2)::text,
        'paid', (d.paid_cents / 100.0)::numeric(14,2)::text,
        'patient_resp', (d.patient_resp_cents / 100.0)::numeric(14,2)::text,
        'ruleset', d.ruleset_id, 'rules', d.rules, 'reason', d.reason,
        'billing_npi', adj_text(c.billing_npi), 'dos', to_char(d.dos, 'YYYY-MM-DD'),
        'charge', (l.charge_cents / 100.0)::numeric(14,2)::text, 'units', l.units_milli / 1000.0,
        'matched_claim', nullif(d.matched_claim, ''), 'contract', 2,
        'deductible', (x.deductible_cents / 100.0)::numeric(14,2)::text,
        'coinsurance', (x.coinsurance_cents / 100.0)::numeric(14,2)::text,
        'copay', (x.copay_cents / 100.0)::numeric(14,2)::text,
        'primary_paid', (x.primary_paid_cents / 100.0)::numeric(14,2)::text,
        'cob_reduction', (x.cob_reduction_cents / 100.0)::numeric(14,2)::text)
        FROM decision_current d JOIN decision x USING (claim_pk, line_no, version)
        JOIN claim c ON c.claim_pk = d.claim_pk
        JOIN claim_line l ON l.claim_pk = d.claim_pk AND l.line_no = d.line_no
        ORDER BY d.claim_pk, d.line_no" >"$TMP/db.jsonl" || return 1
    python3 "$ROOT/tests/integration/decisions_equal.py" "$2" "$TMP/db.jsonl"
}
