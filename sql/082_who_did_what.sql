-- Who did what (issue 15). Every read of a claim (`show`, the console) is
-- recorded in access_log; a decision records the database login that wrote
-- it (set here, whatever the client sends) beside the user named with
-- --user, and the reference-data version it was decided with; every
-- `load` is a reference-data version (who, why, which files) with the rows
-- it changed, old and new values. All of these are append-only.

CREATE TABLE IF NOT EXISTS access_log (
    access_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    db_login  text NOT NULL DEFAULT session_user,
    os_user   text,
    app_user  text,
    action    text NOT NULL,
    claim_pk  bigint,
    claim_key text,
    detail    text
);
CREATE INDEX IF NOT EXISTS access_log_claim_idx ON access_log (claim_pk, at);
CREATE OR REPLACE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE OR REPLACE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
GRANT SELECT, INSERT ON access_log TO adj_engine, adj_staff;

-- One row per `load` (and one for the data loaded before this migration):
-- version is refdata_version.version as the load left it.
CREATE TABLE refdata_load (
    version   bigint PRIMARY KEY,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    db_login  text NOT NULL DEFAULT session_user,
    os_user   text,
    app_user  text,
    reason    text,
    files     text NOT NULL DEFAULT '',
    plans     int NOT NULL DEFAULT 0,
    providers int NOT NULL DEFAULT 0,
    members   int NOT NULL DEFAULT 0,
    changes   int NOT NULL DEFAULT 0
);
INSERT INTO refdata_load (version, loaded_at, reason)
SELECT version, loaded_at, 'loaded before reference-data versions were recorded (migration 082)'
  FROM refdata_version;

-- Each row a load (or anyone) inserted, changed or deleted, old and new
-- values (updated_at aside), under the version in force.
CREATE TABLE refdata_change (
    change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version   bigint NOT NULL REFERENCES refdata_load DEFERRABLE INITIALLY DEFERRED,
    at        timestamptz NOT NULL DEFAULT now(),
    db_login  text NOT NULL DEFAULT session_user,
    tbl       text NOT NULL,
    row_key   text NOT NULL,
    op        text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old_row   jsonb,
    new_row   jsonb
);
CREATE INDEX refdata_change_version_idx ON refdata_change (version);

CREATE FUNCTION adj_refdata_record() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    o jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'updated_at' END;
    n jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'updated_at' END;
    r jsonb := coalesce(n, o);
BEGIN
    IF o IS NOT DISTINCT FROM n THEN
        RETURN NULL;
    END IF;
    INSERT INTO refdata_change (version, db_login, tbl, row_key, op, old_row, new_row)
    VALUES ((SELECT version FROM refdata_version), session_user, TG_TABLE_NAME,
            CASE TG_TABLE_NAME WHEN 'plan' THEN r->>'plan_id'
                               WHEN 'provider' THEN r->>'npi'
                               ELSE (r->>'member_id') || ' ' || (r->>'effective_from') END,
            lower(TG_OP), o, n);
    RETURN NULL;
END $$;
CREATE TRIGGER plan_versioned AFTER INSERT OR UPDATE OR DELETE ON plan
    FOR EACH ROW EXECUTE FUNCTION adj_refdata_record();
CREATE TRIGGER provider_versioned AFTER INSERT OR UPDATE OR DELETE ON provider
    FOR EACH ROW EXECUTE FUNCTION adj_refdata_record();
CREATE TRIGGER member_versioned AFTER INSERT OR UPDATE OR DELETE ON member
    FOR EACH ROW EXECUTE FUNCTION adj_refdata_record();
CREATE TRIGGER plan_no_truncate BEFORE TRUNCATE ON plan
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER provider_no_truncate BEFORE TRUNCATE ON provider
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER member_no_truncate BEFORE TRUNCATE ON member
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();

CREATE TRIGGER refdata_load_append_only BEFORE UPDATE OR DELETE ON refdata_load
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER refdata_load_no_truncate BEFORE TRUNCATE ON refdata_load
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER refdata_change_append_only BEFORE UPDATE OR DELETE ON refdata_change
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER refdata_change_no_truncate BEFORE TRUNCATE ON refdata_change
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
GRANT SELECT ON refdata_load, refdata_change TO adj_engine;
GRANT INSERT ON refdata_load TO adj_staff;

-- A decision's database login (never the client's word) beside the user
-- named with --user, and the reference-data version it used.
ALTER TABLE decision ADD COLUMN db_login text;
ALTER TABLE decision ADD COLUMN app_user text;
ALTER TABLE decision ADD COLUMN refdata_version bigint;
CREATE FUNCTION adj_decision_who() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.db_login := session_user;
    IF NEW.refdata_version IS NULL THEN
        NEW.refdata_version := (SELECT version FROM refdata_version);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER decision_who BEFORE INSERT ON decision
    FOR EACH ROW EXECUTE FUNCTION adj_decision_who();
