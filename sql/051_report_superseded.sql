-- A claim replaced (frequency 7) or voided (8) by a later claim no longer
-- counts in the regulator report: its replacement's lines stand instead
-- (the same rule as decision_current.superseded_by, migration 005).
-- Without this a replaced claim's lines were counted twice.

CREATE OR REPLACE VIEW report_line_basis AS
SELECT cl.claim_pk,
       cl.line_no,
       c.person_key,
       coalesce(mp.plan_id, '') AS plan_id,             -- '': not enrolled on the DOS
       date_trunc('month', cl.dos_from)::date AS service_month,
       CASE upper(adj_text(cl.code))
           WHEN '99492' THEN 'cocm_initial'
           WHEN '99493' THEN 'cocm_subsequent'
           WHEN '99494' THEN 'cocm_addon'
           WHEN 'G2214' THEN 'g2214'
           WHEN '99484' THEN 'bhi_general'
           WHEN 'G0323' THEN 'bhi_general'
           ELSE 'other'                                  -- G0511, G0512 (RHC/FQHC)
       END AS code_family,
       coalesce(pv.kind, '') AS provider_kind,          -- '': billing NPI not in provider
       c.received_at,
       f.outcome AS first_outcome,
       f.carc AS first_carc,
       f.decided_at AS first_decided_at,
       l.outcome AS final_outcome,
       l.carc AS final_carc,
       l.route AS final_route,
       coalesce(pl.bh_administrator, '') <> '' AS plan_carve_out,
       cardinality(c.dx) > 0
           AND NOT EXISTS (SELECT 1 FROM unnest(c.dx) AS x(dx)
                            WHERE upper(adj_text(x.dx)) !~ '^F(0[1-9]|[1-9][0-9])')
           AS dx_all_behavioral
  FROM claim_line cl
  JOIN claim c USING (claim_pk)
  LEFT JOIN LATERAL (
       SELECT m.plan_id FROM member m
        WHERE m.member_id = adj_text(c.member_id)
          AND m.effective_from <= cl.dos_from
          AND (m.effective_to IS NULL OR m.effective_to >= cl.dos_from)
        ORDER BY m.effective_from DESC LIMIT 1) mp ON true
  LEFT JOIN plan pl ON pl.plan_id = mp.plan_id
  LEFT JOIN provider pv ON pv.npi::text = adj_text(c.billing_npi)
  LEFT JOIN LATERAL (
       SELECT d.outcome, d.carc, d.decided_at FROM decision d
        WHERE d.claim_pk = cl.claim_pk AND d.line_no = cl.line_no
        ORDER BY d.version ASC LIMIT 1) f ON true
  LEFT JOIN LATERAL (
       SELECT d.outcome, d.carc, d.route FROM decision d
        WHERE d.claim_pk = cl.claim_pk AND d.line_no = cl.line_no
        ORDER BY d.version DESC LIMIT 1) l ON true
 WHERE upper(adj_text(cl.code)) IN ('99492', '99493', '99494', 'G2214', '99484', 'G0323',
                                    'G0511', 'G0512')
   AND cl.dos_from IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM history_event e
                    WHERE e.member_id = c.member_id AND e.kind = 'retract'
                      AND e.claim_pk > c.claim_pk
                      AND e.billing_npi = c.billing_npi AND e.claim_id = c.claim_id);
