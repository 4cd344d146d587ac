-- Intake: interchanges as received, their transaction sets (raw ST..SE), the
-- parsed claims and lines (with each claim's raw segments) and the queue the
-- workers consume. Claim fields that come from the sender are bytea: a file
-- may carry bytes that are not UTF-8 and they are kept byte for byte
-- (DESIGN.md 6); adj_text() renders them for people.

-- bytes as text: UTF-8 when they are valid UTF-8, else escaped (\351)
CREATE FUNCTION adj_text(b bytea) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN convert_from(b, 'UTF8');
EXCEPTION WHEN others THEN
    RETURN encode(b, 'escape');
END $$;

-- the advisory-lock key of a person key: no two workers decide claims of one
-- member at the same time (DESIGN.md 5)
CREATE FUNCTION adj_person_lock(person_key bytea) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ('x' || substr(encode(sha256(person_key), 'hex'), 1, 16))::bit(64)::bigint
$$;

-- Bumped by every `adjudicator load`: workers reload the reference data
-- when it changes (one cheap read per batch).
CREATE TABLE refdata_version (
    id        int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    version   bigint NOT NULL DEFAULT 0,
    loaded_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO refdata_version DEFAULT VALUES;

-- One row per file received. The SHA-256 of the file makes ingest
-- idempotent: the same file twice is stored once.
CREATE TABLE interchange (
    interchange_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name      text NOT NULL,
    file_size      bigint NOT NULL CHECK (file_size >= 0),
    sha256         text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    isa13          text,            -- first interchange control number of the file
    gs06           text,            -- first group control number
    sets           int NOT NULL DEFAULT 0,
    sets_rejected  int NOT NULL DEFAULT 0,
    claims         int NOT NULL DEFAULT 0,
    received_at    timestamptz NOT NULL DEFAULT now()
);

-- Each accepted transaction set, raw ST..SE (never one value per file:
-- PostgreSQL values stop at 1 GB).
CREATE TABLE transaction_set (
    set_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interchange_id bigint NOT NULL REFERENCES interchange,
    seq            int NOT NULL,    -- order within the file
    isa13          text NOT NULL,
    gs06           text NOT NULL,
    st02           text NOT NULL,
    version        text NOT NULL,
    gs_date        date,
    claims         int NOT NULL,
    raw            bytea NOT NULL,
    UNIQUE (interchange_id, seq)
);

CREATE SEQUENCE payer_claim_seq;

-- The parsed claim (claim/claim.h AdjClaim), enough to rebuild it exactly,
-- plus its raw segments (2300 through its last 2400) for audit. The claim
-- key is billing NPI + CLM01; pcn is the payer claim control number the
-- pipeline assigns. set_id is NULL for claims a pipeline inserts directly.
CREATE TABLE claim (
    claim_pk             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pcn                  text NOT NULL UNIQUE
                         DEFAULT (to_char(now(), 'YYYY') || lpad(nextval('payer_claim_seq')::text, 11, '0')),
    set_id               bigint REFERENCES transaction_set,
    seq                  int NOT NULL DEFAULT 0,   -- order within its file (ingest)
    received_at          timestamptz NOT NULL DEFAULT now(),
    isa13                text NOT NULL DEFAULT '',
    gs06                 text NOT NULL DEFAULT '',
    st02                 text NOT NULL DEFAULT '',
    interchange_date     date,
    segment              int NOT NULL DEFAULT 0,
    billing_npi          bytea NOT NULL,
    billing_taxonomy     bytea NOT NULL DEFAULT '',
    billing_zip          bytea NOT NULL DEFAULT '',
    member_id            bytea NOT NULL,
    subscriber_birth     date,
    patient_is_dependent boolean NOT NULL DEFAULT false,
    patient_birth        date,
    patient_first        bytea NOT NULL DEFAULT '',
    person_key           bytea NOT NULL,           -- DESIGN.md 9 "Person key"
    claim_id             bytea NOT NULL,           -- CLM01
    total_charge_cents   bigint NOT NULL,
    pos                  bytea NOT NULL DEFAULT '',
    freq                 bytea NOT NULL DEFAULT '',
    original_ref         bytea NOT NULL DEFAULT '',  -- REF*F8
    dx                   bytea[] NOT NULL DEFAULT '{}',
    dx_qual              bytea[] NOT NULL DEFAULT '{}',
    rendering_npi        bytea NOT NULL DEFAULT '',
    facility_zip         bytea NOT NULL DEFAULT '',
    problems_dropped     int NOT NULL DEFAULT 0,
    raw                  bytea NOT NULL DEFAULT '',
    CHECK (cardinality(dx) = cardinality(dx_qual))
);
CREATE INDEX claim_key_idx ON claim (billing_npi, claim_id);
CREATE INDEX claim_person_idx ON claim (person_key);

-- Service lines in LX order; line_no is the 1-based position in the claim.
CREATE TABLE claim_line (
    claim_pk      bigint NOT NULL REFERENCES claim,
    line_no       int NOT NULL CHECK (line_no >= 1),
    lx            int NOT NULL,
    qualifier     bytea NOT NULL DEFAULT '',
    code          bytea NOT NULL,
    mods          bytea[] NOT NULL DEFAULT '{}',
    charge_cents  bigint NOT NULL,
    unit_basis    bytea NOT NULL DEFAULT '',
    units_milli   bigint NOT NULL,
    pos           bytea NOT NULL DEFAULT '',
    dx_ptr        int[] NOT NULL DEFAULT '{}',
    dos_from      date,
    dos_to        date,
    rendering_npi bytea NOT NULL DEFAULT '',
    segment       int NOT NULL DEFAULT 0,
    PRIMARY KEY (claim_pk, line_no)
);

-- Front-end validation problems of a claim (it is decided `reject`).
CREATE TABLE claim_problem (
    claim_pk   bigint NOT NULL REFERENCES claim,
    n          int NOT NULL,
    segment    int NOT NULL,
    segment_id text NOT NULL,
    loop       text NOT NULL,
    element    text NOT NULL,
    rarc       text NOT NULL,
    msg        bytea NOT NULL,
    PRIMARY KEY (claim_pk, n)
);

-- The intake queue: one row per claim to decide. Workers take ready rows
-- with FOR UPDATE SKIP LOCKED in claim_pk (arrival) order and mark them done
-- in the transaction that writes their decisions. A claim the engine cannot
-- decide at all (an internal error, not a deny) is set 'failed' with the
-- error, so it cannot block the queue; set it back to 'ready' to retry.
CREATE TABLE intake_queue (
    claim_pk    bigint PRIMARY KEY REFERENCES claim,
    person_lock bigint NOT NULL,
    state       text NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'done', 'failed')),
    enqueued_at timestamptz NOT NULL DEFAULT now(),
    decided_at  timestamptz,
    decided_by  text,
    last_error  text            -- state 'failed': why the claim could not be decided
);
CREATE INDEX intake_queue_ready_idx ON intake_queue (claim_pk) WHERE state = 'ready';
CREATE INDEX intake_queue_person_idx ON intake_queue (person_lock, claim_pk) WHERE state = 'ready';

-- person_lock follows from the claim's person key, whoever inserts the row
CREATE FUNCTION adj_queue_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.person_lock IS NULL THEN
        SELECT adj_person_lock(c.person_key) INTO NEW.person_lock
          FROM claim c WHERE c.claim_pk = NEW.claim_pk;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER intake_queue_fill BEFORE INSERT ON intake_queue
    FOR EACH ROW EXECUTE FUNCTION adj_queue_fill();

-- wake idle workers (LISTEN adj_intake) whoever enqueues
CREATE FUNCTION adj_queue_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('adj_intake', '');
    RETURN NULL;
END $$;
CREATE TRIGGER intake_queue_notify AFTER INSERT ON intake_queue
    FOR EACH STATEMENT EXECUTE FUNCTION adj_queue_notify();
