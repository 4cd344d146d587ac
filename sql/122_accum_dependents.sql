-- Dependent decisions of the accumulators (issue 13): a void, replacement
-- or re-run that changes a claim's member share changes what every later
-- claim of the same family (subscriber ID) and plan year found met of the
-- deductible and the out-of-pocket maximum. adj_dependents() (sql/061)
-- lists them too, with the reason below, so `show` and
-- `rerun --where depends-on=CLAIM` examine them like add-ons of a base.

-- The first day of the plan year containing p_dos (p_start 'MM-DD').
CREATE FUNCTION adj_plan_year_start(p_dos date, p_start text) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN make_date(extract(year FROM p_dos)::int, split_part(p_start, '-', 1)::int,
                               split_part(p_start, '-', 2)::int) <= p_dos
                THEN make_date(extract(year FROM p_dos)::int, split_part(p_start, '-', 1)::int,
                               split_part(p_start, '-', 2)::int)
                ELSE make_date(extract(year FROM p_dos)::int - 1, split_part(p_start, '-', 1)::int,
                               split_part(p_start, '-', 2)::int) END
$$;

CREATE INDEX IF NOT EXISTS claim_member_idx ON claim (member_id); -- also made by 110 (console)

-- The current pay lines with a member share of later claims (arrival
-- order) of the same subscriber ID, plan and plan year as a pay line with
-- a member share of any version of the claim(s) with CLM01 p_claim_id (and
-- billing NPI p_npi when not NULL), for plans that keep accumulators.
CREATE FUNCTION adj_accum_dependents(p_claim_id bytea, p_npi bytea)
RETURNS TABLE (base_claim_pk bigint, claim_pk bigint, line_no int, why text)
LANGUAGE sql STABLE AS $$
    WITH base AS (
        SELECT c.claim_pk, c.member_id, c.billing_npi, c.claim_id, convert_to(c.pcn, 'UTF8') AS pcn
          FROM claim c
         WHERE c.claim_id = p_claim_id AND (p_npi IS NULL OR c.billing_npi = p_npi)
    ), base_years AS (
        SELECT DISTINCT b.claim_pk, b.member_id, b.billing_npi, b.claim_id, b.pcn, m.plan_id,
               adj_plan_year_start(d.dos, p.plan_year_start) AS year
          FROM base b
          JOIN decision d ON d.claim_pk = b.claim_pk
          JOIN member m ON m.member_id = adj_text(b.member_id) AND d.dos >= m.effective_from
                       AND (m.effective_to IS NULL OR d.dos <= m.effective_to)
          JOIN plan p ON p.plan_id = m.plan_id
         WHERE d.outcome = 'pay' AND d.cost_share IS NOT NULL
           AND (p.deductible_cents IS NOT NULL OR p.family_deductible_cents IS NOT NULL
                OR p.oop_max_cents IS NOT NULL OR p.family_oop_max_cents IS NOT NULL)
    ), cur AS (
        SELECT DISTINCT ON (d.claim_pk, d.line_no) d.claim_pk, d.line_no, d.outcome, d.dos,
               d.cost_share, c.member_id, c.freq, c.original_ref, c.billing_npi
          FROM decision d JOIN claim c ON c.claim_pk = d.claim_pk
         WHERE c.member_id IN (SELECT b.member_id FROM base b)
           AND d.claim_pk NOT IN (SELECT b.claim_pk FROM base b)
         ORDER BY d.claim_pk, d.line_no, d.version DESC
    )
    SELECT DISTINCT ON (cur.claim_pk, cur.line_no) y.claim_pk, cur.claim_pk, cur.line_no,
           'member share counted the plan year''s accumulators'::text
      FROM cur
      JOIN base_years y ON y.member_id = cur.member_id AND cur.claim_pk > y.claim_pk
      JOIN member m ON m.member_id = adj_text(cur.member_id) AND cur.dos >= m.effective_from
                   AND (m.effective_to IS NULL OR cur.dos <= m.effective_to)
      JOIN plan p ON p.plan_id = m.plan_id
     WHERE cur.outcome = 'pay' AND cur.cost_share IS NOT NULL AND m.plan_id = y.plan_id
       AND adj_plan_year_start(cur.dos, p.plan_year_start) = y.year
       -- a replacement or void of the base supersedes it
       AND NOT (cur.freq IN ('7'::bytea, '8'::bytea) AND cur.billing_npi = y.billing_npi
                AND cur.original_ref IN (y.claim_id, y.pcn))
     ORDER BY cur.claim_pk, cur.line_no, y.claim_pk
$$;

-- adj_dependents() = the edits' dependents (sql/061) and the accumulators'
ALTER FUNCTION adj_dependents(bytea, bytea, bytea[], bytea[], text[])
    RENAME TO adj_dependents_edits;
CREATE FUNCTION adj_dependents(p_claim_id bytea, p_npi bytea, p_addon bytea[],
                               p_addon_primary bytea[], p_cap_carc text[])
RETURNS TABLE (base_claim_pk bigint, claim_pk bigint, line_no int, why text)
LANGUAGE sql STABLE AS $$
    SELECT x.base_claim_pk, x.claim_pk, x.line_no, x.why
      FROM (SELECT DISTINCT ON (u.claim_pk, u.line_no) u.*
              FROM (SELECT e.base_claim_pk, e.claim_pk, e.line_no, e.why, 0 AS k
                      FROM adj_dependents_edits(p_claim_id, p_npi, p_addon, p_addon_primary,
                                                p_cap_carc) e
                    UNION ALL
                    SELECT a.base_claim_pk, a.claim_pk, a.line_no, a.why, 1
                      FROM adj_accum_dependents(p_claim_id, p_npi) a) u
             ORDER BY u.claim_pk, u.line_no, u.k) x
$$;
