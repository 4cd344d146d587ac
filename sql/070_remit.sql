-- 835 remittance (issue 14). remit_file is each 835 written; remit_claim is,
-- per claim, what an 835 told the provider: a payment of the claim's
-- decisions in force (decision_ids, one per remitted line) or the reversal
-- of an earlier payment. A claim's latest row is what the provider's books
-- hold; `adjudicator remit` compares it with the decisions in force, so
-- nothing is remitted twice (and the same decisions can be paid only once,
-- enforced below). Runs are serialised by an advisory lock. Append-only.
CREATE TABLE remit_file (
    remit_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payee_npi      text NOT NULL,
    control_number bigint NOT NULL CHECK (control_number BETWEEN 1 AND 999999999),
    file_name      text NOT NULL,
    claims         int NOT NULL,
    reversals      int NOT NULL,
    paid_cents     bigint NOT NULL,      -- BPR02
    plb_cents      bigint NOT NULL,      -- sum of PLB amounts
    through        date,                 -- --through, when given
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text NOT NULL DEFAULT session_user
);
-- interchange control numbers of 835s: unique per receiver (the payee)
CREATE SEQUENCE remit_control_seq MINVALUE 1 MAXVALUE 999999999 CYCLE;
CREATE UNIQUE INDEX remit_file_control_idx ON remit_file (payee_npi, control_number);

CREATE TABLE remit_claim (
    remit_id     bigint NOT NULL REFERENCES remit_file DEFERRABLE INITIALLY DEFERRED,
    seq          int NOT NULL,                 -- order within the 835
    claim_pk     bigint NOT NULL REFERENCES claim,
    kind         text NOT NULL CHECK (kind IN ('payment', 'reversal')),
    decision_ids bigint[] NOT NULL CHECK (cardinality(decision_ids) >= 1),
    paid_cents   bigint NOT NULL,              -- CLP04 as sent (negative: reversal)
    PRIMARY KEY (remit_id, seq)
);
CREATE INDEX remit_claim_claim_idx ON remit_claim (claim_pk, remit_id);
CREATE UNIQUE INDEX remit_claim_paid_once ON remit_claim (claim_pk, decision_ids)
    WHERE kind = 'payment';

CREATE TRIGGER remit_file_append_only BEFORE UPDATE OR DELETE ON remit_file
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER remit_claim_append_only BEFORE UPDATE OR DELETE ON remit_claim
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();

GRANT SELECT, INSERT ON remit_file, remit_claim TO adj_engine;
GRANT USAGE ON SEQUENCE remit_control_seq TO adj_engine;
-- remit allocates a file's row id before its claims' rows (deferred key)
DO $$ BEGIN
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO adj_engine',
                   pg_get_serial_sequence('remit_file', 'remit_id'));
END $$;

-- What an 835 says of a claim's remitted lines: a re-run that writes new
-- versions with the same outcomes and amounts changes nothing the provider
-- sees, so it is neither reversed nor paid again.
CREATE FUNCTION adj_remit_sig(p_ids bigint[]) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT string_agg(concat_ws(':', d.line_no, d.outcome, d.grp, d.carc,
                                array_to_string(d.rarc, ' '), d.allowed_cents, d.paid_cents,
                                d.patient_resp_cents), ',' ORDER BY d.line_no)
      FROM decision d WHERE d.decision_id = ANY (p_ids)
$$;

-- Work for one remit run, one row per claim: 'payment' for a claim whose
-- decisions in force are final (no line pending, one paid, denied or
-- forwarded) and say something else than what was last paid; 'reversal'
-- first when an earlier payment stands and the claim was re-decided to
-- something else, replaced or voided (superseded). Rows come in payee (billing NPI) then claim order. p_through
-- (NULL: no limit) keeps decisions made after that day for a later run.
CREATE FUNCTION adj_remit_work(p_through date)
RETURNS TABLE (claim_pk bigint, billing_npi text, kind text, decision_ids bigint[])
LANGUAGE sql STABLE AS $$
    WITH cur AS (
        SELECT DISTINCT ON (d.claim_pk, d.line_no) d.claim_pk, d.line_no, d.decision_id,
               d.outcome, d.decided_at, d.grp, d.carc, d.rarc, d.allowed_cents, d.paid_cents,
               d.patient_resp_cents
          FROM decision d
         ORDER BY d.claim_pk, d.line_no, d.version DESC
    ), cl AS (
        SELECT cur.claim_pk,
               array_agg(cur.decision_id ORDER BY cur.line_no)
                   FILTER (WHERE cur.outcome IN ('pay', 'deny', 'forward')) AS ids,
               string_agg(concat_ws(':', cur.line_no, cur.outcome, cur.grp, cur.carc,
                                    array_to_string(cur.rarc, ' '), cur.allowed_cents,
                                    cur.paid_cents, cur.patient_resp_cents), ','
                          ORDER BY cur.line_no)
                   FILTER (WHERE cur.outcome IN ('pay', 'deny', 'forward')) AS sig,
               bool_or(cur.outcome = 'pend') AS pending,
               max(cur.decided_at) AS decided_at
          FROM cur GROUP BY cur.claim_pk
    ), last AS (
        SELECT DISTINCT ON (r.claim_pk) r.claim_pk, r.kind, r.decision_ids
          FROM remit_claim r
         ORDER BY r.claim_pk, r.remit_id DESC, r.seq DESC
    ), st AS (
        SELECT cl.*, c.billing_npi, l.kind AS last_kind, l.decision_ids AS last_ids,
               CASE WHEN l.kind = 'payment' THEN adj_remit_sig(l.decision_ids) END AS last_sig,
               EXISTS (SELECT 1 FROM history_event e
                        WHERE e.member_id = c.member_id AND e.kind = 'retract'
                          AND e.claim_pk > c.claim_pk AND e.billing_npi = c.billing_npi
                          AND e.claim_id = c.claim_id) AS superseded
          FROM cl JOIN claim c ON c.claim_pk = cl.claim_pk
          LEFT JOIN last l ON l.claim_pk = cl.claim_pk
         WHERE p_through IS NULL OR cl.decided_at < p_through + 1
    )
    SELECT w.claim_pk, adj_text(w.billing_npi), w.kind, w.ids
      FROM (
        -- a standing payment that no longer holds: reverse it
        SELECT st.claim_pk, st.billing_npi, 1 AS o, 'reversal' AS kind, st.last_ids AS ids
          FROM st
         WHERE st.last_kind = 'payment'
           AND (st.superseded OR st.pending OR st.ids IS NULL
                OR (st.ids <> st.last_ids AND st.sig IS DISTINCT FROM st.last_sig))
        UNION ALL
        -- decisions in force not yet paid
        SELECT st.claim_pk, st.billing_npi, 2, 'payment', st.ids
          FROM st
         WHERE NOT st.superseded AND NOT st.pending AND st.ids IS NOT NULL
           AND (st.last_kind IS DISTINCT FROM 'payment'
                OR (st.ids <> st.last_ids AND st.sig IS DISTINCT FROM st.last_sig))
      ) w
     ORDER BY w.billing_npi, w.claim_pk, w.o
$$;

-- What an 835 names that the claim rows did not keep: the payee's TIN and
-- name (2010AA), the patient's name (2010BA/2010CA) and each line's control
-- number (REF*6R), filled by ingest from now on.
ALTER TABLE claim ADD COLUMN billing_name bytea NOT NULL DEFAULT '';
ALTER TABLE claim ADD COLUMN billing_tin bytea NOT NULL DEFAULT '';
ALTER TABLE claim ADD COLUMN patient_last bytea NOT NULL DEFAULT '';
ALTER TABLE claim ADD COLUMN subscriber_first bytea NOT NULL DEFAULT '';
ALTER TABLE claim_line ADD COLUMN control bytea NOT NULL DEFAULT '';
