-- Shadow runs and candidate rulesets (issue 17): a re-run records which
-- rulesets it decided with by SHA-256 (their text is in the ruleset table
-- under the same key), whether they were the installed ones, and whether it
-- was a shadow run (a candidate compared with the installed rulesets on the
-- same claims, reference data and history; nothing written).
ALTER TABLE rerun_run ADD COLUMN ruleset_sha256 text[];
ALTER TABLE rerun_run ADD COLUMN ruleset_installed boolean;  -- NULL: no --ruleset given
ALTER TABLE rerun_run ADD COLUMN shadow boolean NOT NULL DEFAULT false;
