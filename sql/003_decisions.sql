-- Decisions: append-only versions, one row per service line, chained per
-- claim by SHA-256 (prev_hash, hash), and a checkpoint per committed batch:
-- an HMAC with a key kept outside the database over the previous checkpoint
-- and the batch's decision hashes (DESIGN.md 9). UPDATE, DELETE and TRUNCATE
-- are refused by triggers for every role; `adjudicator audit verify`
-- recomputes both.

-- each ruleset text the pipeline decided with, by the SHA-256 of its file
CREATE TABLE ruleset (
    sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    ruleset_id text NOT NULL,
    body       bytea NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE checkpoint_id_seq;

-- seq orders the checkpoints in commit order (1, 2, 3, ...); checkpoint_id is
-- allocated when a batch starts so its decisions can name it.
CREATE TABLE checkpoint (
    checkpoint_id bigint PRIMARY KEY DEFAULT nextval('checkpoint_id_seq'),
    seq           bigint NOT NULL UNIQUE CHECK (seq >= 1),
    prev_hmac     text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    decided_by    text NOT NULL,
    decisions     int NOT NULL CHECK (decisions >= 0),
    key_id        text NOT NULL,    -- fingerprint of the key, not the key
    hmac          text NOT NULL CHECK (hmac ~ '^[0-9a-f]{64}$')
);

CREATE TABLE decision (
    decision_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_pk           bigint NOT NULL REFERENCES claim,
    chain_seq          int NOT NULL CHECK (chain_seq >= 1), -- position in the claim's chain
    line_no            int NOT NULL CHECK (line_no >= 1),       -- claim_line.line_no
    lx                 int NOT NULL,                            -- LX01 as sent
    version            int NOT NULL CHECK (version >= 1),   -- per claim line
    checkpoint_id      bigint NOT NULL REFERENCES checkpoint DEFERRABLE INITIALLY DEFERRED,
    decided_at         timestamptz NOT NULL,
    decided_by         text NOT NULL,
    rerun_reason       text,            -- NULL on a claim's first decision
    person_key         bytea NOT NULL,
    service_month      date,            -- first day of the line's month of service
    dos                date,
    code               bytea NOT NULL,
    route              text NOT NULL CHECK (route IN ('medical', 'behavioral')),
    outcome            text NOT NULL CHECK (outcome IN ('pay', 'deny', 'pend', 'forward', 'reject', 'void')),
    grp                text,            -- CO, OA, PR
    carc               text,
    rarc               text[] NOT NULL DEFAULT '{}',
    allowed_cents      bigint,          -- NULL on pend, forward, reject, void
    paid_cents         bigint,
    patient_resp_cents bigint,
    ruleset_id         text,
    ruleset_sha256     text REFERENCES ruleset,
    rules              text[] NOT NULL DEFAULT '{}',
    matched_claim      bytea,
    reason             bytea NOT NULL,
    prev_hash          text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash               text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    UNIQUE (claim_pk, chain_seq),       -- one chain per claim, never forked
    UNIQUE (claim_pk, line_no, version)
);
-- history look-up per member and month stays an index range scan
CREATE INDEX decision_person_month_idx ON decision (person_key, service_month);
CREATE INDEX decision_checkpoint_idx ON decision (checkpoint_id);

-- The engine's history operations, in the order it made them: 'record' (a
-- decided claim whose paid and pending lines count from now on) and
-- 'retract' (a replacement or void naming its original by billing NPI +
-- CLM01 + member). Workers replay them per member to rebuild the engine's
-- history exactly as `check` builds it in memory.
CREATE TABLE history_event (
    event_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_pk      bigint NOT NULL REFERENCES claim,
    kind          text NOT NULL CHECK (kind IN ('record', 'retract')),
    person_key    bytea NOT NULL,
    member_id     bytea NOT NULL,
    billing_npi   bytea NOT NULL,
    claim_id      bytea NOT NULL,   -- record: the claim's CLM01; retract: the original's
    checkpoint_id bigint NOT NULL REFERENCES checkpoint DEFERRABLE INITIALLY DEFERRED
);
-- a member's history is one index range, whatever the table's size
CREATE INDEX history_event_member_idx ON history_event (member_id, event_id);

CREATE FUNCTION adj_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: % rows are append-only', TG_OP, TG_TABLE_NAME, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER decision_append_only BEFORE UPDATE OR DELETE ON decision
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER history_event_append_only BEFORE UPDATE OR DELETE ON history_event
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER checkpoint_append_only BEFORE UPDATE OR DELETE ON checkpoint
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER checkpoint_no_truncate BEFORE TRUNCATE ON checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();

-- The decision in force per claim line (its latest version), readable: what a
-- claims pipeline reads back.
CREATE VIEW decision_current AS
SELECT DISTINCT ON (d.claim_pk, d.line_no)
       d.claim_pk, c.pcn, adj_text(c.billing_npi) AS billing_npi,
       adj_text(c.claim_id) AS claim_id, d.line_no, d.lx, d.version,
       adj_text(d.code) AS code, d.dos, d.route, d.outcome, d.grp, d.carc, d.rarc,
       d.allowed_cents, d.paid_cents, d.patient_resp_cents,
       d.ruleset_id, d.ruleset_sha256, d.rules, adj_text(d.matched_claim) AS matched_claim,
       adj_text(d.reason) AS reason, d.decided_at, d.decided_by, d.rerun_reason
  FROM decision d JOIN claim c USING (claim_pk)
 ORDER BY d.claim_pk, d.line_no, d.version DESC;
