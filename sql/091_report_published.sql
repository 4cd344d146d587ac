-- Regulator report figures, suppressed in the database (issue 16). The
-- reporting role reads report_figures() (and the report_published view):
-- every published count of 1 to 10 is withheld, every figure of a row
-- counting 1 to 10 distinct members is withheld, and complementary
-- suppression withholds more until no additive relation between the
-- published figures (README "Regulator reports": within a row, rows into
-- their totals, denial reasons into their row and into their totals) has
-- exactly one withheld figure. The raw views of migration 050 are no longer
-- readable by adj_reporting; the core function is executable by no role but
-- the owner. tests/report_check.py proves on the published files that no
-- withheld figure follows from the others by a linear solve.
--
-- As of a moment: a line counts when its claim was received by then; its
-- first-pass outcome is its first decision when made by then, grouped by the
-- reference data of that decision (report_decision_basis); its final outcome
-- the latest decision made by then. A claim replaced or voided by a claim
-- decided by then counts in the final figures no more; the replacing claim's
-- lines count in the final figures only (first pass stays the original's).
-- Exact duplicates (denied by the rule edit.duplicate.exact, or CARC 18) are
-- counted apart, outside the decided lines. Days to decision run from the interchange date (GS04), or from
-- receipt when a claim came without one.

REVOKE SELECT ON report_approval, report_denial FROM adj_reporting;

-- The withheld figures (sup) that the published ones determine, by exact
-- linear algebra over the relations (e_n: members per relation, e_fig: the
-- members, total first, e_tot: which is the total), whose value is a count
-- from 1 to p_min_cell-1. Gaussian elimination over the integers modulo the
-- prime 2^31-1 (sparse, one dense scratch row): a withheld figure is
-- determined when the reduced system has a row holding it alone.
CREATE FUNCTION report_derivable(e_n int[], e_fig int[], e_tot boolean[], v bigint[],
                                 sup boolean[], p_min_cell int)
RETURNS int[] LANGUAGE plpgsql IMMUTABLE SET search_path = adjudicator, pg_temp AS $$
DECLARE
    p CONSTANT bigint := 2147483647;
    nf int := cardinality(v);
    piv int[] := array_fill(0, ARRAY[nf]);      -- figure -> its pivot row
    acc bigint[] := array_fill(0::bigint, ARRAY[nf]);
    r_start int[] := '{}'; r_len int[] := '{}'; r_rhs bigint[] := '{}'; r_piv int[] := '{}';
    r_var int[] := '{}'; r_coef bigint[] := '{}';
    touched int[]; rhs bigint; off int := 0; nrows int := 0; k int; c bigint; inv bigint;
    x int; best int; bestk int; e bigint; b bigint; res int[] := '{}';
BEGIN
    FOR q IN 1 .. coalesce(array_length(e_n, 1), 0) LOOP
        touched := '{}';
        rhs := 0;
        FOR j IN off + 1 .. off + e_n[q] LOOP
            x := e_fig[j];
            c := CASE WHEN e_tot[j] THEN 1 ELSE -1 END;
            IF sup[x] THEN
                IF acc[x] = 0 THEN touched := touched || x; END IF;
                acc[x] := ((acc[x] + c) % p + p) % p;
            ELSE
                rhs := ((rhs - c * (v[x] % p)) % p + p) % p;
            END IF;
        END LOOP;
        off := off + e_n[q];
        CONTINUE WHEN cardinality(touched) = 0;
        -- reduce by the pivot rows, earliest first
        LOOP
            bestk := 0;
            FOREACH x IN ARRAY touched LOOP
                IF acc[x] <> 0 AND piv[x] > 0 AND (bestk = 0 OR piv[x] < bestk) THEN
                    bestk := piv[x];
                    best := x;
                END IF;
            END LOOP;
            EXIT WHEN bestk = 0;
            c := acc[best];
            FOR j IN r_start[bestk] .. r_start[bestk] + r_len[bestk] - 1 LOOP
                x := r_var[j];
                IF acc[x] = 0 AND NOT x = ANY (touched) THEN touched := touched || x; END IF;
                acc[x] := ((acc[x] - c * r_coef[j]) % p + p) % p;
            END LOOP;
            rhs := ((rhs - c * r_rhs[bestk]) % p + p) % p;
        END LOOP;
        best := 0;
        FOREACH x IN ARRAY touched LOOP
            IF acc[x] <> 0 AND (best = 0 OR x < best) THEN best := x; END IF;
        END LOOP;
        IF best > 0 THEN
            -- normalise by the inverse of the pivot coefficient (Fermat)
            inv := 1; b := acc[best]; e := p - 2;
            WHILE e > 0 LOOP
                IF e % 2 = 1 THEN inv := inv * b % p; END IF;
                b := b * b % p;
                e := e / 2;
            END LOOP;
            nrows := nrows + 1;
            r_start := r_start || (cardinality(r_var) + 1);
            k := 0;
            FOREACH x IN ARRAY touched LOOP
                IF acc[x] <> 0 THEN
                    r_var := r_var || x;
                    r_coef := r_coef || (acc[x] * inv % p);
                    k := k + 1;
                END IF;
            END LOOP;
            r_len := r_len || k;
            r_rhs := r_rhs || (rhs * inv % p);
            r_piv := r_piv || best;
            piv[best] := nrows;
        END IF;
        FOREACH x IN ARRAY touched LOOP
            acc[x] := 0;
        END LOOP;
    END LOOP;
    -- back substitution, latest row first: each row keeps its own pivot and
    -- figures no row pivots on; a row left with its pivot alone determines it
    FOR r IN REVERSE nrows .. 1 LOOP
        touched := '{}';
        FOR j IN r_start[r] .. r_start[r] + r_len[r] - 1 LOOP
            touched := touched || r_var[j];
            acc[r_var[j]] := r_coef[j];
        END LOOP;
        rhs := r_rhs[r];
        FOREACH x IN ARRAY touched LOOP
            IF x <> r_piv[r] AND piv[x] > r AND acc[x] <> 0 THEN
                c := acc[x];
                k := piv[x];
                FOR j IN r_start[k] .. r_start[k] + r_len[k] - 1 LOOP
                    IF acc[r_var[j]] = 0 AND NOT r_var[j] = ANY (touched) THEN
                        touched := touched || r_var[j];
                    END IF;
                    acc[r_var[j]] := ((acc[r_var[j]] - c * r_coef[j]) % p + p) % p;
                END LOOP;
                rhs := ((rhs - c * r_rhs[k]) % p + p) % p;
            END IF;
        END LOOP;
        k := 0;
        r_start[r] := cardinality(r_var) + 1;
        FOREACH x IN ARRAY touched LOOP
            IF acc[x] <> 0 THEN
                r_var := r_var || x;
                r_coef := r_coef || acc[x];
                k := k + 1;
            END IF;
            acc[x] := 0;
        END LOOP;
        r_len[r] := k;
        r_rhs[r] := rhs;
        IF k = 1 AND v[r_piv[r]] BETWEEN 1 AND p_min_cell - 1 THEN
            res := res || r_piv[r];
        END IF;
    END LOOP;
    RETURN res;
END $$;
REVOKE ALL ON FUNCTION report_derivable(int[], int[], boolean[], bigint[], boolean[], int) FROM PUBLIC;

CREATE FUNCTION report_figures_core(p_from date, p_to date, p_plan text, p_as_of timestamptz,
                                    p_min_cell int, p_complementary boolean)
RETURNS TABLE (level text, plan_id text, service_month date, code_family text,
               provider_kind text, carc text, measure text, value bigint, suppressed boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = adjudicator, pg_temp
SET work_mem = '256MB' SET enable_nestloop = off SET jit = off AS $$
#variable_conflict use_column
DECLARE
    f_level text[]; f_plan text[]; f_month date[]; f_family text[]; f_kind text[];
    f_carc text[]; f_measure text[]; v bigint[]; sup boolean[]; f_count boolean[];
    e_n int[]; e_fig int[]; e_tot boolean[];
    changed boolean; off int; n int; cnt int; best int; best_tot boolean; i int;
    leaks int[];
BEGIN
    WITH l AS (   -- the CoCM/BHI lines of the period, received by then
        SELECT cl.claim_pk, cl.line_no, c.person_key,
               coalesce(c.interchange_date::timestamp AT TIME ZONE 'UTC', c.received_at)
                   AS receipt,
               f.family, f.ord, date_trunc('month', cl.dos_from)::date AS month
          FROM claim_line cl
          JOIN report_code_family f ON f.code = upper(encode(cl.code, 'escape'))
          JOIN claim c ON c.claim_pk = cl.claim_pk
         WHERE cl.dos_from >= p_from AND cl.dos_from < (p_to + interval '1 month')::date
           AND c.received_at <= p_as_of),
    dv AS (   -- each line's first and latest decision version by then
        SELECT d.claim_pk, d.line_no, min(d.version) AS v1, max(d.version) AS vn
          FROM decision d
         WHERE d.decided_at <= p_as_of
         GROUP BY d.claim_pk, d.line_no),
    rt AS (   -- replacements and voids decided by then, naming their original
        SELECT e.claim_pk AS r_pk, e.member_id, e.billing_npi, e.claim_id
          FROM history_event e
         WHERE e.kind = 'retract'
           AND EXISTS (SELECT 1 FROM decision d WHERE d.claim_pk = e.claim_pk
                          AND d.decided_at <= p_as_of)),
    superseded AS (   -- claims replaced or voided by then
        SELECT DISTINCT o.claim_pk
          FROM rt JOIN claim o ON o.billing_npi = rt.billing_npi AND o.claim_id = rt.claim_id
                              AND o.member_id = rt.member_id AND o.claim_pk < rt.r_pk),
    correction AS (   -- claims that replaced or voided an earlier one by then
        SELECT DISTINCT rt.r_pk AS claim_pk
          FROM rt
         WHERE EXISTS (SELECT 1 FROM claim o
                        WHERE o.billing_npi = rt.billing_npi AND o.claim_id = rt.claim_id
                          AND o.member_id = rt.member_id AND o.claim_pk < rt.r_pk)),
    s AS (    -- one row per line and stage, as narrow as the aggregates allow
        SELECT st.stage = 'first' AS first, l.person_key, l.family, l.ord, l.month,
               -- undecided by then: today's reference data (CASE: looked up only then)
               coalesce(b.plan_id,
                        CASE WHEN d.decision_id IS NULL THEN
                            (SELECT m.plan_id FROM claim c JOIN claim_line x USING (claim_pk)
                               JOIN member m ON m.member_id = adj_text(c.member_id)
                                            AND m.effective_from <= x.dos_from
                                            AND (m.effective_to IS NULL
                                                 OR m.effective_to >= x.dos_from)
                              WHERE c.claim_pk = l.claim_pk AND x.line_no = l.line_no
                              ORDER BY m.effective_from DESC LIMIT 1) END, '') AS plan_id,
               coalesce(b.provider_kind,
                        CASE WHEN d.decision_id IS NULL THEN
                            (SELECT pv.kind FROM claim c JOIN provider pv
                                 ON pv.npi::text = adj_text(c.billing_npi)
                              WHERE c.claim_pk = l.claim_pk) END, '') AS kind,
               d.outcome, d.carc, extract(epoch FROM d.decided_at - l.receipt) AS wait,
               -- an exact duplicate: the duplicate edit's rule, or CARC 18 (OA-18)
               coalesce(d.outcome = 'deny' AND (d.carc = '18'
                                                OR 'edit.duplicate.exact' = ANY (d.rules)),
                        false) AS dup,
               -- would have gone to the BH administrator under diagnosis-based
               -- routing: every claim diagnosis behavioral, carve-out plan,
               -- adjudicated on the medical benefit (CASE: dx read only then)
               CASE WHEN st.stage = 'final' AND b.plan_carve_out AND d.route = 'medical'
                         AND d.outcome IN ('pay', 'deny', 'pend')
                         AND NOT (d.outcome = 'deny' AND (coalesce(d.carc, '') = '18'
                                                          OR 'edit.duplicate.exact' = ANY (d.rules)))
                    THEN (SELECT cardinality(c.dx) > 0
                                 AND NOT EXISTS (SELECT 1 FROM unnest(c.dx) AS x(dx)
                                                  WHERE upper(encode(x.dx, 'escape'))
                                                        !~ '^F(0[1-9]|[1-9][0-9])')
                            FROM claim c WHERE c.claim_pk = l.claim_pk)
                    ELSE false END AS misroute
          FROM l
          LEFT JOIN dv ON dv.claim_pk = l.claim_pk AND dv.line_no = l.line_no
          LEFT JOIN superseded su ON su.claim_pk = l.claim_pk
          LEFT JOIN correction co ON co.claim_pk = l.claim_pk
          CROSS JOIN LATERAL (VALUES ('first', dv.v1, co.claim_pk IS NOT NULL),
                                     ('final', dv.vn, su.claim_pk IS NOT NULL)) st(stage, ver, skip)
          LEFT JOIN decision d ON d.claim_pk = l.claim_pk AND d.line_no = l.line_no
                              AND d.version = st.ver
          LEFT JOIN report_decision_basis b ON b.decision_id = d.decision_id
         WHERE NOT st.skip),
    s2 AS MATERIALIZED (
        SELECT * FROM s WHERE p_plan IS NULL OR s.plan_id = p_plan),
    -- the counts (hashed grouping sets: no sort), the distinct members and
    -- the median days per row, joined on the row key k
    cnt AS (
        SELECT concat_ws('|', GROUPING(plan_id, month, family, kind), plan_id, month, family,
                         kind) AS k,
               GROUPING(plan_id, month, family, kind) AS g, plan_id, month, family,
               min(ord) AS ord, kind,
               ARRAY[
               count(*) FILTER (WHERE NOT first),
               count(*) FILTER (WHERE first AND outcome IN ('pay', 'deny', 'pend') AND NOT dup),
               count(*) FILTER (WHERE first AND outcome = 'pay'),
               count(*) FILTER (WHERE first AND outcome = 'deny' AND NOT dup),
               count(*) FILTER (WHERE first AND outcome = 'pend'),
               count(*) FILTER (WHERE first AND dup),
               count(*) FILTER (WHERE NOT first AND outcome IN ('pay', 'deny', 'pend') AND NOT dup),
               count(*) FILTER (WHERE NOT first AND outcome = 'pay'),
               count(*) FILTER (WHERE NOT first AND outcome = 'deny' AND NOT dup),
               count(*) FILTER (WHERE NOT first AND outcome = 'pend'),
               count(*) FILTER (WHERE NOT first AND dup),
               count(*) FILTER (WHERE NOT first AND outcome = 'forward'),
               count(*) FILTER (WHERE NOT first AND outcome = 'reject'),
               count(*) FILTER (WHERE NOT first AND outcome = 'void'),
               count(*) FILTER (WHERE NOT first AND outcome IS NULL),
               count(*) FILTER (WHERE misroute)] AS vals
          FROM s2
         GROUP BY GROUPING SETS ((plan_id, month, family, kind), (plan_id, month), (plan_id), ())
        HAVING count(*) > 0),
    mem AS (
        SELECT concat_ws('|', g, plan_id, month, family, kind) AS k, count(*) AS members
          FROM (SELECT GROUPING(plan_id, month, family, kind) AS g, plan_id, month, family, kind
                  FROM s2
                 GROUP BY GROUPING SETS ((plan_id, month, family, kind, person_key),
                                         (plan_id, month, person_key), (plan_id, person_key),
                                         (person_key))) x
         GROUP BY g, plan_id, month, family, kind),
    hist AS (   -- first-pass waits, counted per row and value
        SELECT concat_ws('|', GROUPING(plan_id, month, family, kind), plan_id, month, family,
                         kind) AS k, wait, count(*) AS n
          FROM s2 WHERE first AND wait IS NOT NULL
         GROUP BY GROUPING SETS ((plan_id, month, family, kind, wait), (plan_id, month, wait),
                                 (plan_id, wait), (wait))),
    med AS (   -- the median (mean of the two middle values when even), in tenths of a day
        SELECT k, round((min(wait) FILTER (WHERE upto >= (total + 1) / 2)
                         + min(wait) FILTER (WHERE upto >= total / 2 + 1)) / 2 / 8640)::bigint
                   AS tenths
          FROM (SELECT k, wait, (sum(n) OVER (PARTITION BY k ORDER BY wait))::bigint AS upto,
                       (sum(n) OVER (PARTITION BY k))::bigint AS total
                  FROM hist) h
         GROUP BY k),
    rows_ AS (
        SELECT CASE c.g WHEN 0 THEN 'cell' WHEN 3 THEN 'plan_month' WHEN 7 THEN 'plan'
                        ELSE 'total' END AS level,
               c.plan_id, c.month, c.family, c.ord, c.kind, NULL::text AS carc,
               ARRAY[m.members] || c.vals || med.tenths AS vals,
               ARRAY['members', 'lines_submitted', 'decided_first', 'paid_first',
                     'denied_first', 'pended_first', 'duplicates_first', 'decided_final',
                     'paid_final', 'denied_final', 'pended_final', 'duplicates_final',
                     'forwarded', 'rejected', 'voided', 'undecided', 'misroutes_prevented',
                     'median_days_tenths'] AS names
          FROM cnt c JOIN mem m ON m.k = c.k LEFT JOIN med ON med.k = c.k
        UNION ALL
        SELECT CASE WHEN GROUPING(s2.plan_id) = 0 THEN 'denial' ELSE 'denial_total' END,
               s2.plan_id, s2.month, s2.family, min(s2.ord), s2.kind, coalesce(s2.carc, ''),
               ARRAY[count(DISTINCT s2.person_key),
                     count(*) FILTER (WHERE first),
                     count(*) FILTER (WHERE NOT first)],
               ARRAY['members', 'denied_first', 'denied_final']
          FROM s2 WHERE s2.outcome = 'deny' AND NOT s2.dup
         GROUP BY GROUPING SETS ((s2.plan_id, s2.month, s2.family, s2.kind, coalesce(s2.carc, '')),
                                 (coalesce(s2.carc, '')))),
    fig AS (
        SELECT r.level, r.plan_id, r.month, r.family, r.kind, r.carc, u.name, u.val,
               u.name NOT IN ('members', 'median_days_tenths') AS is_count,
               array_position(ARRAY['cell', 'plan_month', 'plan', 'total', 'denial',
                                    'denial_total'], r.level) AS lord,
               r.ord, u.pos,
               -- every figure of a row counting 1 .. min_cell-1 members
               r.vals[1] BETWEEN 1 AND p_min_cell - 1 AS small_row
          FROM rows_ r
          CROSS JOIN LATERAL unnest(r.vals, r.names) WITH ORDINALITY u(val, name, pos))
    SELECT array_agg(level ORDER BY k), array_agg(plan_id ORDER BY k),
           array_agg(month ORDER BY k), array_agg(family ORDER BY k),
           array_agg(kind ORDER BY k), array_agg(carc ORDER BY k), array_agg(name ORDER BY k),
           array_agg(val ORDER BY k), array_agg(is_count ORDER BY k),
           array_agg(small_row OR (is_count AND val BETWEEN 1 AND p_min_cell - 1) ORDER BY k)
      INTO f_level, f_plan, f_month, f_family, f_kind, f_carc, f_measure, v, f_count, sup
      FROM (SELECT fig.*, row_number() OVER (
                ORDER BY lord, plan_id COLLATE "C" NULLS FIRST, month NULLS FIRST,
                         ord NULLS FIRST,
                         array_position(ARRAY['medical', 'behavioral', ''], kind) NULLS FIRST,
                         carc COLLATE "C" NULLS FIRST, pos) AS k
              FROM fig) x;

    IF f_level IS NULL THEN
        RETURN;
    END IF;

    IF p_complementary THEN
        -- the additive relations: a total (first) and its parts
        WITH f AS (
            SELECT * FROM unnest(f_level, f_plan, f_month, f_family, f_kind, f_carc, f_measure,
                                 f_count) WITH ORDINALITY
                       AS t(level, plan_id, month, family, kind, carc, measure, is_count, idx)),
        rel(name, total, parts) AS (VALUES
            ('first', 'decided_first', ARRAY['paid_first', 'denied_first', 'pended_first']),
            ('final', 'decided_final', ARRAY['paid_final', 'denied_final', 'pended_final']),
            ('lines', 'lines_submitted', ARRAY['decided_final', 'duplicates_final', 'forwarded',
                                               'rejected', 'voided', 'undecided'])),
        e AS (
            -- within a row
            SELECT concat_ws('|', r.name, f.level, f.plan_id, f.month, f.family, f.kind) AS eq,
                   f.idx, f.measure = r.total AS tot
              FROM f JOIN rel r ON f.measure = r.total OR f.measure = ANY (r.parts)
             WHERE f.level IN ('cell', 'plan_month', 'plan', 'total')
            UNION ALL   -- cells into plan x month, plan x month into plan, plan into total
            SELECT concat_ws('|', 'sum', f.measure,
                             CASE f.level WHEN 'cell' THEN 'plan_month' WHEN 'plan_month' THEN 'plan'
                                          ELSE 'total' END,
                             CASE WHEN f.level IN ('cell', 'plan_month') THEN f.plan_id END,
                             CASE WHEN f.level = 'cell' THEN f.month END),
                   f.idx, false
              FROM f WHERE f.is_count AND f.level IN ('cell', 'plan_month', 'plan')
            UNION ALL
            SELECT concat_ws('|', 'sum', f.measure, f.level, f.plan_id, f.month), f.idx, true
              FROM f WHERE f.is_count AND f.level IN ('plan_month', 'plan', 'total')
            UNION ALL   -- denial reasons into their cell
            SELECT concat_ws('|', 'carc', f.measure, f.plan_id, f.month, f.family, f.kind),
                   f.idx, f.level = 'cell'
              FROM f WHERE (f.level = 'denial' AND f.measure <> 'members')
                        OR (f.level = 'cell' AND f.measure IN ('denied_first', 'denied_final'))
            UNION ALL   -- denial reasons into their total per CARC
            SELECT concat_ws('|', 'carc_total', f.measure, f.carc), f.idx, f.level = 'denial_total'
              FROM f WHERE f.level IN ('denial', 'denial_total') AND f.measure <> 'members'
            UNION ALL   -- CARC totals into the total
            SELECT concat_ws('|', 'carc_sum', f.measure), f.idx, f.level = 'total'
              FROM f WHERE (f.level = 'denial_total' AND f.measure <> 'members')
                        OR (f.level = 'total' AND f.measure IN ('denied_first', 'denied_final'))),
        g AS (
            SELECT eq, idx, tot,
                   row_number() OVER (PARTITION BY eq ORDER BY tot DESC, idx) AS pos,
                   count(*) OVER (PARTITION BY eq) AS n
              FROM e)
        SELECT array_agg(n::int ORDER BY eq COLLATE "C", pos) FILTER (WHERE pos = 1),
               array_agg(idx::int ORDER BY eq COLLATE "C", pos),
               array_agg(tot ORDER BY eq COLLATE "C", pos)
          INTO e_n, e_fig, e_tot
          FROM g;

        LOOP
            -- until no relation has exactly one withheld figure: withhold one
            -- more of it, a part before the total, the smallest nonzero value
            -- first (then a zero), then the first in report order
            LOOP
                changed := false;
                off := 0;
                FOR q IN 1 .. coalesce(array_length(e_n, 1), 0) LOOP
                    n := e_n[q];
                    cnt := 0;
                    best := 0;
                    best_tot := true;
                    FOR j IN off + 1 .. off + n LOOP
                        i := e_fig[j];
                        IF sup[i] THEN
                            cnt := cnt + 1;
                        ELSIF best = 0
                              OR (NOT e_tot[j] AND best_tot)
                              OR (e_tot[j] = best_tot
                                  AND ((v[i] > 0 AND (v[best] = 0 OR v[i] < v[best]))
                                       OR (v[i] = v[best] AND i < best))) THEN
                            best := i;
                            best_tot := e_tot[j];
                        END IF;
                    END LOOP;
                    IF cnt = 1 AND best > 0 THEN
                        sup[best] := true;
                        changed := true;
                    END IF;
                    off := off + n;
                END LOOP;
                EXIT WHEN NOT changed;
            END LOOP;
            -- then the exact audit: a withheld count of 1 .. min_cell-1 that
            -- the published figures determine (several relations together)
            -- gets one more figure of its first relation withheld, and the
            -- whole is checked again
            leaks := report_derivable(e_n, e_fig, e_tot, v, sup, p_min_cell);
            EXIT WHEN cardinality(leaks) = 0;
            FOREACH i IN ARRAY leaks LOOP
                off := 0;
                best := 0;
                FOR q IN 1 .. array_length(e_n, 1) LOOP
                    n := e_n[q];
                    IF i = ANY (e_fig[off + 1 : off + n]) THEN
                        best_tot := true;
                        FOR j IN off + 1 .. off + n LOOP
                            IF NOT sup[e_fig[j]]
                               AND (best = 0 OR (NOT e_tot[j] AND best_tot)
                                    OR (e_tot[j] = best_tot
                                        AND ((v[e_fig[j]] > 0 AND (v[best] = 0 OR v[e_fig[j]] < v[best]))
                                             OR (v[e_fig[j]] = v[best] AND e_fig[j] < best)))) THEN
                                best := e_fig[j];
                                best_tot := e_tot[j];
                            END IF;
                        END LOOP;
                    END IF;
                    EXIT WHEN best > 0;
                    off := off + n;
                END LOOP;
                IF best > 0 THEN
                    sup[best] := true;
                END IF;
            END LOOP;
        END LOOP;
    END IF;

    RETURN QUERY
    SELECT t.level, t.plan_id, t.month, t.family, t.kind, t.carc, t.measure,
           CASE WHEN t.hide THEN NULL ELSE t.val END, t.hide
      FROM (SELECT u.*,
                   -- a median goes with its row's members and first-pass decided lines
                   CASE WHEN u.measure = 'median_days_tenths'
                        THEN bool_or(u.s) FILTER (WHERE u.measure IN ('members', 'decided_first'))
                                 OVER (PARTITION BY u.level, u.plan_id, u.month, u.family, u.kind,
                                                    u.carc)
                        ELSE u.s END AS hide
              FROM unnest(f_level, f_plan, f_month, f_family, f_kind, f_carc, f_measure, v, sup)
                   WITH ORDINALITY AS u(level, plan_id, month, family, kind, carc, measure, val, s,
                                        idx)) t
     ORDER BY t.idx;
END $$;
REVOKE ALL ON FUNCTION report_figures_core(date, date, text, timestamptz, int, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION adj_report_basis_capture() FROM PUBLIC;

-- What adj_reporting reads: months p_from..p_to (first days), one plan or
-- all (NULL), as of a moment (NULL: now), with a cell size of
-- at least 11 whatever the caller asks.
CREATE FUNCTION report_figures(p_from date, p_to date, p_plan text DEFAULT NULL,
                               p_as_of timestamptz DEFAULT NULL, p_min_cell int DEFAULT 11)
RETURNS TABLE (level text, plan_id text, service_month date, code_family text,
               provider_kind text, carc text, measure text, value bigint, suppressed boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = adjudicator, pg_temp AS $$
    SELECT * FROM report_figures_core(p_from, p_to, p_plan,
                                      coalesce(p_as_of, now()),
                                      greatest(coalesce(p_min_cell, 11), 11), true)
$$;
REVOKE ALL ON FUNCTION report_figures(date, date, text, timestamptz, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION report_figures(date, date, text, timestamptz, int) TO adj_reporting;

-- every month, all plans, now: the suppressed figures as a view
CREATE VIEW report_published AS
SELECT * FROM report_figures(date '1900-01-01', date '2999-12-01');
GRANT SELECT ON report_published TO adj_reporting;
-- the codes counted, for the page's subtitle (no count in it)
GRANT SELECT ON report_code_family TO adj_reporting;
