# Shared by the attack suite: the pipeline helpers (demo data, audit key,
# fresh databases) and a comparison of decisions in force with `check`.
. tests/integration/pipeline_lib.sh

# expect_refused WHAT TEXT SQL...: the statement must fail with TEXT in its error
expect_refused() {
    local what=$1 text=$2; shift 2
    if psql -X -v ON_ERROR_STOP=1 -d "${SEC_DB:-$ADJ_DB}" -Atqc "$*" >"$TMP/refused.out" 2>"$TMP/refused.err"; then
        fail "$what: the attack succeeded ($*)"
    fi
    expect_contains "$TMP/refused.err" "$text" "$what"
}

# same_as_check DB CHECK_JSONL: decisions in force equal check's output
same_as_check() {
    psql -X -At -d "$1" -c "SELECT json_build_object(
        'claim_id', adj_text(c.claim_id), 'line', d.lx, 'code', d.code,
        'member_id', adj_text(c.member_id), 'route', d.route, 'outcome', d.outcome,
        'group', d.grp, 'carc', d.carc, 'rarc', d.rarc,
        'allowed', (d.allowed_cents / 100.0)::numeric(14,2)::text,
        'paid', (d.paid_cents / 100.0)::numeric(14,2)::text,
        'ruleset', d.ruleset_id, 'rules', d.rules, 'reason', d.reason)
        FROM decision_current d JOIN claim c USING (claim_pk) ORDER BY d.claim_pk, d.line_no" >"$TMP/db.jsonl" || return 1
    python3 "$ROOT/tests/integration/decisions_equal.py" "$2" "$TMP/db.jsonl" --db-fields
}
