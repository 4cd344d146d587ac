-- Regulator report views (issue 7; README "Regulator reports"). Counts per
-- plan (the member's plan on the date of service), CoCM/BHI code family,
-- month of service and billing-provider kind. The views hold exact counts
-- and distinct-member counts; small-cell suppression is applied by
-- `adjudicator report` as it writes (report.min_cell), never here. No view
-- granted to adj_reporting exposes a member ID, name or diagnosis.

-- One row per CoCM/BHI claim line with what the aggregates need. Holds the
-- person key, so it is NOT granted to adj_reporting: the aggregate views
-- below run with their owner's rights and are the reporting role's only way
-- in. Lines without a date of service (rejected for an invalid date) belong
-- to no month and are left out; lines of non-CoCM/BHI codes are left out.
CREATE VIEW report_line_basis AS
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
   AND cl.dos_from IS NOT NULL;

-- One row per cell. "decided" = pay, deny or pend (forward, reject, void and
-- undecided lines are not adjudicated here and stay out of the rates). The
-- final columns plus forwarded, rejected, voided and undecided add up to
-- lines_submitted. Rates are basis points, rounded half up, in integers.
CREATE VIEW report_approval AS
SELECT a.*,
       CASE WHEN a.decided_first > 0
            THEN (a.paid_first * 20000 + a.decided_first) / (2 * a.decided_first) END
           AS first_pass_rate_bp,
       CASE WHEN a.decided_final > 0
            THEN (a.paid_final * 20000 + a.decided_final) / (2 * a.decided_final) END
           AS final_rate_bp
  FROM (
SELECT plan_id, service_month, code_family, provider_kind,
       count(DISTINCT person_key) AS members,
       count(*) AS lines_submitted,
       count(*) FILTER (WHERE first_outcome IN ('pay', 'deny', 'pend')) AS decided_first,
       count(*) FILTER (WHERE first_outcome = 'pay') AS paid_first,
       count(*) FILTER (WHERE first_outcome = 'deny') AS denied_first,
       count(*) FILTER (WHERE first_outcome = 'pend') AS pended_first,
       count(*) FILTER (WHERE final_outcome IN ('pay', 'deny', 'pend')) AS decided_final,
       count(*) FILTER (WHERE final_outcome = 'pay') AS paid_final,
       count(*) FILTER (WHERE final_outcome = 'deny') AS denied_final,
       count(*) FILTER (WHERE final_outcome = 'pend') AS pended_final,
       count(*) FILTER (WHERE final_outcome = 'forward') AS forwarded,
       count(*) FILTER (WHERE final_outcome = 'reject') AS rejected,
       count(*) FILTER (WHERE final_outcome = 'void') AS voided,
       count(*) FILTER (WHERE final_outcome IS NULL) AS undecided,
       -- would have gone to the BH administrator under diagnosis-based
       -- routing: every claim diagnosis behavioral, carve-out plan, and
       -- adjudicated on the medical benefit
       count(*) FILTER (WHERE plan_carve_out AND dx_all_behavioral AND final_route = 'medical'
                          AND final_outcome IN ('pay', 'deny', 'pend')) AS misroutes_prevented,
       -- median over the cell's decided lines, in tenths of a day, half up
       round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP
                                (ORDER BY first_decided_at - received_at)) / 8640)::bigint
           AS median_first_decision_tenths
  FROM report_line_basis
 GROUP BY plan_id, service_month, code_family, provider_kind) a;

-- Denials by CARC per cell: lines denied at first pass and finally, and the
-- distinct members with a line in the row (its suppression count).
CREATE VIEW report_denial AS
SELECT plan_id, service_month, code_family, provider_kind, carc,
       count(DISTINCT person_key) AS members,
       count(*) FILTER (WHERE stage = 'first') AS denied_first,
       count(*) FILTER (WHERE stage = 'final') AS denied_final
  FROM (SELECT plan_id, service_month, code_family, provider_kind, person_key,
               'first' AS stage, coalesce(first_carc, '') AS carc
          FROM report_line_basis WHERE first_outcome = 'deny'
        UNION ALL
        SELECT plan_id, service_month, code_family, provider_kind, person_key,
               'final', coalesce(final_carc, '')
          FROM report_line_basis WHERE final_outcome = 'deny') s
 GROUP BY plan_id, service_month, code_family, provider_kind, carc;

-- Plan names for the HTML page, and whether behavioral health is carved out
CREATE VIEW report_plan AS
SELECT plan_id, name AS plan_name, coalesce(bh_administrator, '') <> '' AS bh_carve_out
  FROM plan;

GRANT SELECT ON report_approval, report_denial, report_plan TO adj_reporting;
