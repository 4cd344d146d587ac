-- Acknowledgements (issue 14): every TA1, 999 and 277CA that ingest
-- produced, whole (ISA..IEA), with its interchange control number. Control
-- numbers come from one sequence, so they are unique per receiver (the
-- sender of the 837) as X12 wants; the unique index makes sure of it.
-- interchange_id is NULL for a file of which nothing was stored (every
-- interchange or set rejected): its TA1 or 999 is still kept. Append-only.
CREATE SEQUENCE ack_control_seq MINVALUE 1 MAXVALUE 999999999 CYCLE;
CREATE TABLE ack (
    ack_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interchange_id bigint REFERENCES interchange,
    file_name      text NOT NULL,            -- the 837 it answers
    file_sha256    text NOT NULL,
    in_isa13       text NOT NULL,            -- the interchange it answers
    kind           text NOT NULL CHECK (kind IN ('ta1', '999', '277')),
    receiver       text NOT NULL,            -- ISA05:ISA06 of the 837
    control_number bigint NOT NULL CHECK (control_number BETWEEN 1 AND 999999999),
    body           bytea NOT NULL,
    written_to     text,                     -- acks.dir copy, when configured
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ack_control_idx ON ack (receiver, control_number);
CREATE INDEX ack_interchange_idx ON ack (interchange_id);
CREATE TRIGGER ack_append_only BEFORE UPDATE OR DELETE ON ack
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
GRANT SELECT, INSERT ON ack TO adj_intake;
GRANT USAGE ON SEQUENCE ack_control_seq TO adj_intake;
GRANT SELECT ON ack TO adj_engine;

-- The payer claim control numbers of one stored interchange's claims, in
-- file order, for REF*1K of its 277CA. Ingest (adj_intake) reads no claim
-- row (least privilege): this function returns only the numbers the
-- pipeline assigned to the interchange ingest has just stored.
CREATE FUNCTION adj_interchange_pcns(p_interchange_id bigint)
RETURNS TABLE (pcn text)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT c.pcn FROM claim c JOIN transaction_set s ON s.set_id = c.set_id
     WHERE s.interchange_id = p_interchange_id
     ORDER BY c.seq
$$;
DO $$ BEGIN
    EXECUTE format('ALTER FUNCTION adj_interchange_pcns(bigint) SET search_path = %I, pg_temp',
                   current_schema());
END $$;
REVOKE ALL ON FUNCTION adj_interchange_pcns(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION adj_interchange_pcns(bigint) TO adj_intake;
