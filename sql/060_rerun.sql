-- Re-runs (provider relations, issue 6): every `adjudicator rerun` is a
-- rerun_run row (who, when, why, the filter, the counts), dry runs too
-- (flagged); rerun_claim lists the claims a run selected and marks each one
-- done in the transaction that writes its new decision version, so an
-- interrupted run resumes where it stopped and decides each claim once.
-- adj_dependents() lists the decisions that relied on a claim's lines
-- (DESIGN.md 9 "Dependent decisions"), for `show` and `rerun --where
-- depends-on=CLAIM`.

CREATE TABLE rerun_run (
    run_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_key           text NOT NULL CHECK (run_key ~ '^[0-9a-f]{64}$'), -- SHA-256 of the normalised command
    state             text NOT NULL DEFAULT 'running'
                      CHECK (state IN ('running', 'interrupted', 'done', 'failed')),
    dry_run           boolean NOT NULL,
    run_by            text NOT NULL,          -- --user
    session_user_name text NOT NULL DEFAULT session_user,
    reason            text NOT NULL,
    filter            text NOT NULL,          -- the normalised selection, for people
    ruleset           text,                   -- --ruleset when given
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    claims_selected   int NOT NULL DEFAULT 0,
    claims_done       int NOT NULL DEFAULT 0,
    claims_changed    int NOT NULL DEFAULT 0,
    lines             int NOT NULL DEFAULT 0,
    lines_changed     int NOT NULL DEFAULT 0,
    decisions_written int NOT NULL DEFAULT 0
);
-- one unfinished real run per command: the one a repeated command resumes
CREATE UNIQUE INDEX rerun_run_open_idx ON rerun_run (run_key)
    WHERE state IN ('running', 'interrupted') AND NOT dry_run;

CREATE TABLE rerun_claim (
    run_id   bigint NOT NULL REFERENCES rerun_run,
    claim_pk bigint NOT NULL REFERENCES claim,
    seq      int NOT NULL,                    -- order of decision (arrival order)
    done     boolean NOT NULL DEFAULT false,
    changed  boolean,                         -- NULL until done
    lines         int NOT NULL DEFAULT 0,     -- when done: lines decided,
    lines_changed int NOT NULL DEFAULT 0,     -- of them changed,
    written       int NOT NULL DEFAULT 0,     -- decisions written
    PRIMARY KEY (run_id, claim_pk)
);
CREATE INDEX rerun_claim_todo_idx ON rerun_claim (run_id, seq) WHERE NOT done;

-- The current decisions of other claims that relied on the lines of the
-- claim(s) with CLM01 p_claim_id (and billing NPI p_npi when not NULL): in
-- a month of service where that claim has a line, for the same person,
--   * a line that names it (duplicate, one-base edit: matched_claim),
--   * an add-on 99494 of the same billing provider (it needs its base),
--   * a line of the same code denied by the monthly cap (CO-119): the
--     claim's unit counted against it.
-- A base line counts when any of its versions was paid or pending (only
-- those are history): a base re-run to a denial still lists the add-ons
-- that were paid because of it.
CREATE FUNCTION adj_dependents(p_claim_id bytea, p_npi bytea)
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
                WHEN cur.code = '99494'::bytea THEN 'add-on of its base'
                ELSE 'monthly cap counted it' END
      FROM cur
      JOIN base_lines bl ON bl.person_key = cur.person_key AND bl.service_month = cur.service_month
      JOIN claim c ON c.claim_pk = cur.claim_pk
     -- a replacement or void of the base is not its dependent: it supersedes it
     WHERE NOT (c.freq IN ('7'::bytea, '8'::bytea) AND c.billing_npi = bl.billing_npi
                AND c.original_ref IN (bl.claim_id, bl.pcn))
       AND (cur.matched_claim IN (bl.claim_id, bl.pcn)
        OR (cur.code = '99494'::bytea AND bl.code IN ('99492'::bytea, '99493'::bytea)
            AND c.billing_npi = bl.billing_npi)
        OR (cur.outcome = 'deny' AND cur.carc = '119' AND cur.code = bl.code))
     ORDER BY cur.claim_pk, cur.line_no, bl.claim_pk
$$;

GRANT SELECT, INSERT ON rerun_run, rerun_claim TO adj_staff;
GRANT UPDATE (state, finished_at, claims_selected, claims_done, claims_changed, lines,
              lines_changed, decisions_written) ON rerun_run TO adj_staff;
GRANT UPDATE (done, changed, lines, lines_changed, written) ON rerun_claim TO adj_staff;

-- adj_text() catches an exception, i.e. opens a subtransaction, which
-- PostgreSQL refuses inside a parallel query ("cannot start subtransactions
-- during a parallel operation"): once the decision table is large enough for
-- a parallel plan, `audit verify` failed. It must not run in parallel.
ALTER FUNCTION adj_text(bytea) PARALLEL UNSAFE;
