# compare DB CHECK_JSONL: decisions in force equal what `adjudicator check` printed
# (copied from tests/integration/test_pipeline_check.sh)
compare() { # DB CHECK_JSONL
    psql -X -At -d "$1" -c "SELECT json_build_object(
        'claim_id', adj_text(c.claim_id), 'line', d.lx, 'code', d.code,
        'member_id', adj_text(c.member_id), 'route', d.route, 'outcome', d.outcome,
        'group', d.grp, 'carc', d.carc, 'rarc', d.rarc,
        'allowed', (d.allowed_cents / 100.0)::numeric(14,2)::text,
        'paid', (d.paid_cents / 100.0)::numeric(14,2)::text,
        'patient_resp', (d.patient_resp_cents / 100.0)::numeric(14,2)::text,
        'ruleset', d.ruleset_id, 'rules', d.rules, 'reason', d.reason)
        FROM decision_current d JOIN claim c USING (claim_pk) ORDER BY d.claim_pk, d.line_no" >"$TMP/db.jsonl" || return 1
    python3 - "$2" "$TMP/db.jsonl" <<'PY'
import json, sys
want = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
if len(want) != len(got):
    sys.exit("check printed %d decisions, the database holds %d" % (len(want), len(got)))
for i, (w, g) in enumerate(zip(want, got)):
    for k in w:
        if w[k] != g.get(k):
            sys.exit("decision %d (claim %s line %s): %s: check %r, database %r" % (i + 1, w["claim_id"], w["line"], k, w[k], g.get(k)))
print("%d decisions equal" % len(want))
PY
}
