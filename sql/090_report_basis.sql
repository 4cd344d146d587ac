-- First-pass figures grouped by the reference data in force when the line
-- was decided (issue 16): every decision of a CoCM/BHI line gets a row here,
-- written in the same statement as the decision by a trigger, with the
-- member's plan on the date of service, the billing provider's kind and the
-- plan's carve-out as they were then. A later provider-file correction or
-- enrolment change moves no old decision to another report row. Append-only
-- like the decisions. Rows for decisions written before this migration are
-- filled in from the reference data as it is now (the best there is).

-- The report's code families: one row per CoCM/BHI code, in report order.
CREATE TABLE report_code_family (
    code   text PRIMARY KEY,          -- upper case, as the rulesets spell it
    family text NOT NULL,
    ord    int NOT NULL               -- the family's place in the report
);
INSERT INTO report_code_family (code, family, ord) VALUES
    ('99492', 'cocm_initial', 1),
    ('99493', 'cocm_subsequent', 2),
    ('99494', 'cocm_addon', 3),
    ('G2214', 'g2214', 4),
    ('99484', 'bhi_general', 5),
    ('G0323', 'bhi_general', 5),
    ('G0511', 'other', 6),             -- RHC/FQHC general care management
    ('G0512', 'other', 6);

CREATE TABLE report_decision_basis (
    decision_id    bigint PRIMARY KEY,
    plan_id        text NOT NULL,     -- '': not enrolled on the date of service
    provider_kind  text NOT NULL,     -- '': billing NPI not in the provider table
    plan_carve_out boolean NOT NULL   -- the plan had a BH administrator
);
CREATE TRIGGER report_decision_basis_append_only BEFORE UPDATE OR DELETE
    ON report_decision_basis FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER report_decision_basis_no_truncate BEFORE TRUNCATE
    ON report_decision_basis FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();

-- one set-based insert per statement (COPY included), whoever writes the
-- decisions: the function runs with its owner's rights
CREATE FUNCTION adj_report_basis_capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = adjudicator, pg_temp AS $$
BEGIN
    INSERT INTO report_decision_basis (decision_id, plan_id, provider_kind, plan_carve_out)
    SELECT n.decision_id, coalesce(mp.plan_id, ''), coalesce(pv.kind, ''),
           coalesce(pl.bh_administrator, '') <> ''
      FROM new_decisions n
      JOIN report_code_family f ON f.code = upper(encode(n.code, 'escape'))
      JOIN claim c ON c.claim_pk = n.claim_pk
      LEFT JOIN LATERAL (
           SELECT m.plan_id FROM member m
            WHERE m.member_id = adj_text(c.member_id)
              AND m.effective_from <= n.dos
              AND (m.effective_to IS NULL OR m.effective_to >= n.dos)
            ORDER BY m.effective_from DESC LIMIT 1) mp ON true
      LEFT JOIN plan pl ON pl.plan_id = mp.plan_id
      LEFT JOIN provider pv ON pv.npi::text = adj_text(c.billing_npi)
     WHERE n.dos IS NOT NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER decision_report_basis AFTER INSERT ON decision
    REFERENCING NEW TABLE AS new_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION adj_report_basis_capture();

INSERT INTO report_decision_basis (decision_id, plan_id, provider_kind, plan_carve_out)
SELECT d.decision_id, coalesce(mp.plan_id, ''), coalesce(pv.kind, ''),
       coalesce(pl.bh_administrator, '') <> ''
  FROM decision d
  JOIN report_code_family f ON f.code = upper(encode(d.code, 'escape'))
  JOIN claim c ON c.claim_pk = d.claim_pk
  LEFT JOIN LATERAL (
       SELECT m.plan_id FROM member m
        WHERE m.member_id = adj_text(c.member_id)
          AND m.effective_from <= d.dos
          AND (m.effective_to IS NULL OR m.effective_to >= d.dos)
        ORDER BY m.effective_from DESC LIMIT 1) mp ON true
  LEFT JOIN plan pl ON pl.plan_id = mp.plan_id
  LEFT JOIN provider pv ON pv.npi::text = adj_text(c.billing_npi)
 WHERE d.dos IS NOT NULL;
