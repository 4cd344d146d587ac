-- adj_dependents() with the rule values of the rulesets in force (issue 6
-- follow-up): 060 wrote the add-on 99494, its primaries 99492/99493 and the
-- cap CARC 119 into SQL; rule values live in rulesets/ (STYLE, DESIGN 4), so
-- the caller (store/rerun.c, store/show_deps.c) passes them from the loaded
-- rulesets: p_addon (codes.addon), p_addon_primary (codes.addon_primary),
-- p_cap_carc (edits.cap_dos.carc, edits.cap_month.carc). With the shipped
-- rulesets the result is 060's. The two-argument version is dropped so no
-- caller keeps the hard-coded values. The reason given for an add-on is now
-- 'add-on of its base' only when the base line is one of its primaries:
-- 060 called an add-on over the monthly cap (counted against an earlier
-- add-on) an add-on of its base too.
DROP FUNCTION adj_dependents(bytea, bytea);

-- The current decisions of other claims that relied on the lines of the
-- claim(s) with CLM01 p_claim_id (and billing NPI p_npi when not NULL): in
-- a month of service where that claim has a line, for the same person,
--   * a line that names it (duplicate, one-base edit: matched_claim),
--   * an add-on (p_addon) of the same billing provider, when the claim's
--     line is one of its primaries (p_addon_primary),
--   * a line of the same code denied by a unit cap (CARC in p_cap_carc):
--     the claim's unit counted against it.
-- A base line counts when any of its versions was paid or pending (only
-- those are history): a base re-run to a denial still lists the add-ons
-- that were paid because of it.
CREATE FUNCTION adj_dependents(p_claim_id bytea, p_npi bytea, p_addon bytea[],
                               p_addon_primary bytea[], p_cap_carc text[])
RETURNS TABLE (base_claim_pk bigint, claim_pk bigint, line_no int, why text)
LANGUAGE sql STABLE AS $$
    WITH base AS (
        SELECT c.claim_pk, c.billing_npi, c.claim_id, convert_to(c.pcn, 'UTF8') AS pcn, c.person_key
          FROM claim c
         WHERE c.claim_id = p_claim_id AND (p_npi IS NULL OR c.billing_npi = p_npi)
    ), base_lines AS (
        SELECT DISTINCT b.claim_pk, b.billing_npi, b.claim_id, b.pcn, b.person_key,
               d.service_month, d.code
          FROM base b JOIN decision d ON d.claim_pk = b.claim_pk
         WHERE d.service_month IS NOT NULL AND d.outcome IN ('pay', 'pend')
    ), cur AS (
        SELECT DISTINCT ON (d.claim_pk, d.line_no) d.*
          FROM decision d
         WHERE (d.person_key, d.service_month) IN (SELECT person_key, service_month FROM base_lines)
           AND d.claim_pk NOT IN (SELECT b.claim_pk FROM base b)
         ORDER BY d.claim_pk, d.line_no, d.version DESC
    )
    SELECT DISTINCT ON (cur.claim_pk, cur.line_no) bl.claim_pk, cur.claim_pk, cur.line_no,
           CASE WHEN cur.matched_claim IN (bl.claim_id, bl.pcn) THEN 'names it'
                WHEN cur.code = ANY (coalesce(p_addon, '{}'))
                     AND bl.code = ANY (coalesce(p_addon_primary, '{}'))
                     AND c.billing_npi = bl.billing_npi THEN 'add-on of its base'
                ELSE 'monthly cap counted it' END
      FROM cur
      JOIN base_lines bl ON bl.person_key = cur.person_key AND bl.service_month = cur.service_month
      JOIN claim c ON c.claim_pk = cur.claim_pk
     -- a replacement or void of the base is not its dependent: it supersedes it
     WHERE NOT (c.freq IN ('7'::bytea, '8'::bytea) AND c.billing_npi = bl.billing_npi
                AND c.original_ref IN (bl.claim_id, bl.pcn))
       AND (cur.matched_claim IN (bl.claim_id, bl.pcn)
        OR (cur.code = ANY (coalesce(p_addon, '{}'))
            AND bl.code = ANY (coalesce(p_addon_primary, '{}'))
            AND c.billing_npi = bl.billing_npi)
        OR (cur.outcome = 'deny' AND cur.carc = ANY (coalesce(p_cap_carc, '{}'))
            AND cur.code = bl.code))
     ORDER BY cur.claim_pk, cur.line_no, bl.claim_pk
$$;
