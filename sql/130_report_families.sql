-- The report's code families come from the rulesets (report_families):
-- each batch a worker decides first stores those of its rulesets, in its
-- own transaction, before the decisions whose report_decision_basis rows
-- depend on them. Codes are only added or moved, never removed: a decision
-- counted under a code stays counted. Migration 090's rows are the same
-- families. Unchanged families (the usual case) are read, not written, so
-- concurrent workers take no row lock here.
CREATE FUNCTION adj_report_families_put(codes text[], families text[], ords int[])
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = adjudicator, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM unnest(codes, families, ords) u(c, f, o)
                   LEFT JOIN report_code_family r ON r.code = upper(u.c)
                   WHERE r.code IS NULL OR (r.family, r.ord) IS DISTINCT FROM (u.f, u.o)) THEN
        RETURN;
    END IF;
    INSERT INTO report_code_family (code, family, ord)
    SELECT DISTINCT ON (upper(c)) upper(c), f, o          -- the last one of a code wins
    FROM unnest(codes, families, ords) WITH ORDINALITY u(c, f, o, n)
    ORDER BY upper(c), n DESC
    ON CONFLICT (code) DO UPDATE SET family = EXCLUDED.family, ord = EXCLUDED.ord
    WHERE (report_code_family.family, report_code_family.ord)
          IS DISTINCT FROM (EXCLUDED.family, EXCLUDED.ord);
END $$;
REVOKE EXECUTE ON FUNCTION adj_report_families_put(text[], text[], int[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adj_report_families_put(text[], text[], int[]) TO adj_engine, adj_staff;
