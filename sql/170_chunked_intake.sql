-- Chunked ingest (issue 20): a file is committed in chunks of claims, each
-- queued for the workers as it commits. The interchange row says how far
-- its ingest got: complete once the whole file is stored; until then sets
-- and claims count what the committed chunks hold and last_set_id names the
-- set the next claim belongs to, so that ingesting the same file again after
-- a kill resumes after the last committed chunk (nothing queued twice,
-- nothing lost). Rows stored before this migration were stored whole.
ALTER TABLE interchange
    ADD COLUMN complete    boolean NOT NULL DEFAULT true,
    ADD COLUMN last_set_id bigint;
GRANT UPDATE (complete, last_set_id) ON interchange TO adj_intake;
