-- History events carry what the engine recorded: the paid and pending lines
-- of a 'record' event (store/history.c format) and the deciding claim's
-- payer claim control number, so a worker rebuilds a batch's history from
-- one index look-up per batch. Existing events are filled in from the
-- decisions in force. decision_current gains superseded_by. Ingest
-- allocates claim ids ahead of COPY.

ALTER TABLE history_event ADD COLUMN pcn text NOT NULL DEFAULT '';
ALTER TABLE history_event ADD COLUMN lines bytea NOT NULL DEFAULT '';

-- the backfill is the one change history events ever get
ALTER TABLE history_event DISABLE TRIGGER history_event_append_only;
UPDATE history_event e
   SET pcn = c.pcn,
       lines = CASE WHEN e.kind = 'retract' THEN ''::bytea ELSE coalesce((
           SELECT string_agg(
                      convert_to(x.lx::text || ' ' || length(x.code) || ':', 'UTF8') || x.code
                      || convert_to(' ' || cardinality(x.mods), 'UTF8')
                      || coalesce((SELECT string_agg(convert_to(' ' || length(m) || ':', 'UTF8') || m,
                                                     ''::bytea ORDER BY o)
                                     FROM unnest(x.mods) WITH ORDINALITY u(m, o)), ''::bytea)
                      || convert_to(' ' || to_char(x.dos, 'YYYYMMDD') || ' ' || x.units || ' '
                                    || x.charge_cents || ' '
                                    || CASE x.outcome WHEN 'pend' THEN 'e' ELSE 'p' END || E'\n',
                                    'UTF8'),
                      ''::bytea ORDER BY x.line_no)
             FROM (SELECT DISTINCT ON (d.line_no) d.line_no, d.lx, d.code, l.mods, d.dos,
                          CASE WHEN l.unit_basis = 'MJ' THEN 1
                               ELSE (l.units_milli + 999) / 1000 END AS units,
                          l.charge_cents, d.outcome
                     FROM decision d
                     JOIN claim_line l ON l.claim_pk = d.claim_pk AND l.line_no = d.line_no
                    WHERE d.claim_pk = e.claim_pk
                    ORDER BY d.line_no, d.version DESC) x
            WHERE x.outcome IN ('pay', 'pend') AND x.dos IS NOT NULL), ''::bytea) END
  FROM claim c
 WHERE c.claim_pk = e.claim_pk;
ALTER TABLE history_event ENABLE TRIGGER history_event_append_only;
ALTER TABLE history_event ALTER COLUMN pcn DROP DEFAULT;
ALTER TABLE history_event ALTER COLUMN lines DROP DEFAULT;

-- The decision in force per claim line (its latest version), readable: what a
-- claims pipeline reads back. superseded_by names the payer claim control
-- number of a later replacement (frequency 7) or void (8) of the claim,
-- whose own decisions then stand instead.
CREATE OR REPLACE VIEW decision_current AS
SELECT DISTINCT ON (d.claim_pk, d.line_no)
       d.claim_pk, c.pcn, adj_text(c.billing_npi) AS billing_npi,
       adj_text(c.claim_id) AS claim_id, d.line_no, d.lx, d.version,
       adj_text(d.code) AS code, d.dos, d.route, d.outcome, d.grp, d.carc, d.rarc,
       d.allowed_cents, d.paid_cents, d.patient_resp_cents,
       d.ruleset_id, d.ruleset_sha256, d.rules, adj_text(d.matched_claim) AS matched_claim,
       adj_text(d.reason) AS reason, d.decided_at, d.decided_by, d.rerun_reason,
       (SELECT e.pcn FROM history_event e
         WHERE e.member_id = c.member_id AND e.kind = 'retract' AND e.claim_pk > d.claim_pk
           AND e.billing_npi = c.billing_npi AND e.claim_id = c.claim_id
         ORDER BY e.event_id LIMIT 1) AS superseded_by
  FROM decision d JOIN claim c USING (claim_pk)
 ORDER BY d.claim_pk, d.line_no, d.version DESC;

DO $$ BEGIN
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO adj_intake',
                   pg_get_serial_sequence('claim', 'claim_pk'));
END $$;
