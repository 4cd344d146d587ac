-- Decisions and history events partitioned by month of service (native
-- range partitioning), so a month can be archived (detached) when its
-- retention ends and the hot tables stay the size of the retention window.
--   decision:      by service_month, the month of the line's date of service
--   history_event: by service_month, the earliest month of service among
--                  the decisions of the claim that wrote the event
-- Rows without a month (a claim rejected before any date) and rows of a
-- month with no partition yet go to the DEFAULT partition;
-- adj_partition_create() creates months ahead and moves such rows into
-- their month. adj_partition_archive() detaches a month into schema
-- adj_archive, where `audit verify` still reads it (view decision_audit).
--
-- What stays as it was: every column, index and query meaning; the
-- append-only triggers (cloned to every partition, TRUNCATE refused on each);
-- the unique keys, now including the partition key (PostgreSQL requires it):
-- (claim_pk, chain_seq, service_month) and (claim_pk, line_no, version,
-- service_month), NULLS NOT DISTINCT. A line's month never changes between
-- its versions, so the second is as strict as before; a fork of a claim's
-- chain across two months is no longer refused by an index, and `audit
-- verify` reports it (chain position) as it reports any other.

CREATE SCHEMA IF NOT EXISTS adj_archive;
REVOKE ALL ON SCHEMA adj_archive FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'adj_owner')
       AND pg_has_role(current_user, 'adj_owner', 'MEMBER') THEN
        ALTER SCHEMA adj_archive OWNER TO adj_owner;
    END IF;
END $$;

-- months archived: what left the hot tables, when, and how many rows
CREATE TABLE archived_month (
    service_month  date PRIMARY KEY,
    archived_at    timestamptz NOT NULL DEFAULT now(),
    archived_by    text NOT NULL DEFAULT session_user,
    decisions      bigint NOT NULL,
    history_events bigint NOT NULL
);

-- the views, grants and policies on the two tables, to put back on the new ones
CREATE TEMP TABLE adj_part_views ON COMMIT DROP AS
SELECT DISTINCT v.oid::regclass::text AS name, pg_get_viewdef(v.oid) AS def
  FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
 WHERE d.refobjid IN ('decision'::regclass, 'history_event'::regclass)
   AND v.oid NOT IN ('decision'::regclass, 'history_event'::regclass);
CREATE TEMP TABLE adj_part_grants ON COMMIT DROP AS
SELECT table_name::text AS tbl, grantee::text AS grantee, privilege_type::text AS priv
  FROM information_schema.role_table_grants
 WHERE table_schema = current_schema() AND table_name IN ('decision', 'history_event')
   AND grantee <> (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'decision');
CREATE TEMP TABLE adj_part_policies ON COMMIT DROP AS
SELECT tablename::text AS tbl, policyname::text AS name, permissive, roles, cmd, qual, with_check
  FROM pg_policies WHERE schemaname = current_schema() AND tablename IN ('decision', 'history_event');
-- triggers and indexes other migrations added (carried over after the copy,
-- so no insert trigger fires on the rows moved)
CREATE TEMP TABLE adj_part_triggers ON COMMIT DROP AS
SELECT c.relname::text AS tbl, t.tgname::text AS name, pg_get_triggerdef(t.oid) AS def
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE t.tgrelid IN ('decision'::regclass, 'history_event'::regclass) AND NOT t.tgisinternal;
CREATE TEMP TABLE adj_part_indexes ON COMMIT DROP AS
SELECT c.relname::text AS tbl, i.relname::text AS name, pg_get_indexdef(x.indexrelid) AS def,
       x.indisunique AS uniq
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
 WHERE x.indrelid IN ('decision'::regclass, 'history_event'::regclass)
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid);
CREATE TEMP TABLE adj_part_rls ON COMMIT DROP AS
SELECT relname::text AS tbl, relrowsecurity AS rls, relforcerowsecurity AS force
  FROM pg_class WHERE oid IN ('decision'::regclass, 'history_event'::regclass);

ALTER TABLE decision RENAME TO decision_unpartitioned;
ALTER TABLE history_event RENAME TO history_event_unpartitioned;

CREATE TABLE decision (LIKE decision_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS
                       INCLUDING IDENTITY INCLUDING GENERATED)
    PARTITION BY RANGE (service_month);
ALTER TABLE decision
    ADD FOREIGN KEY (claim_pk) REFERENCES claim,
    ADD FOREIGN KEY (checkpoint_id) REFERENCES checkpoint DEFERRABLE INITIALLY DEFERRED,
    ADD FOREIGN KEY (ruleset_sha256) REFERENCES ruleset,
    ADD UNIQUE NULLS NOT DISTINCT (decision_id, service_month),
    ADD UNIQUE NULLS NOT DISTINCT (claim_pk, chain_seq, service_month),
    ADD UNIQUE NULLS NOT DISTINCT (claim_pk, line_no, version, service_month);

CREATE TABLE history_event (LIKE history_event_unpartitioned INCLUDING DEFAULTS
                            INCLUDING CONSTRAINTS INCLUDING IDENTITY INCLUDING GENERATED,
                            service_month date)
    PARTITION BY RANGE (service_month);
ALTER TABLE history_event
    ADD FOREIGN KEY (claim_pk) REFERENCES claim,
    ADD FOREIGN KEY (checkpoint_id) REFERENCES checkpoint DEFERRABLE INITIALLY DEFERRED,
    ADD UNIQUE NULLS NOT DISTINCT (event_id, service_month);

CREATE TRIGGER decision_append_only BEFORE UPDATE OR DELETE ON decision
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER history_event_append_only BEFORE UPDATE OR DELETE ON history_event
    FOR EACH ROW EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER history_event_no_truncate BEFORE TRUNCATE ON history_event
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();

-- the columns a row is written with (generated columns are computed)
CREATE FUNCTION adj_stored_columns(p_table text) RETURNS text
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
     WHERE attrelid = p_table::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
$$;

-- partition names: decision_2026_01, history_event_2026_01, *_default
CREATE FUNCTION adj_partition_name(p_table text, p_month date) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT p_table || '_' || to_char(p_month, 'YYYY_MM') $$;

-- Create the monthly partitions of both tables for p_months months from
-- p_from's month (those missing only), moving any rows of those months out
-- of the DEFAULT partitions. Returns the number of partitions created.
-- Run it ahead of time (e.g. monthly: SELECT adj_partition_create(
-- current_date, 3)); a month without one still works (its rows wait in the
-- DEFAULT partition until the month is created).
CREATE FUNCTION adj_partition_create(p_from date, p_months int) RETURNS int
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    m date;
    t text;
    part text;
    created int := 0;
    waiting boolean;
    cols text;
BEGIN
    IF p_months < 1 OR p_months > 240 THEN
        RAISE EXCEPTION 'adj_partition_create: months must be 1..240, not %', p_months;
    END IF;
    FOR i IN 0 .. p_months - 1 LOOP
        m := (date_trunc('month', p_from) + make_interval(months => i))::date;
        FOREACH t IN ARRAY ARRAY['decision', 'history_event'] LOOP
            part := adj_partition_name(t, m);
            CONTINUE WHEN to_regclass(part) IS NOT NULL
                       OR EXISTS (SELECT 1 FROM archived_month a WHERE a.service_month = m);
            EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS'
                           ' INCLUDING GENERATED)', part, t);
            -- rows of this month that waited in the DEFAULT partition move in:
            -- the one move these rows ever make (same rows, into a table that
            -- has no trigger yet; the append-only trigger of the DEFAULT
            -- partition is lifted for this one statement, in this transaction)
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE service_month = $1)',
                           t || '_default') INTO waiting USING m;
            IF waiting THEN
                EXECUTE format('ALTER TABLE %I DISABLE TRIGGER %I', t || '_default', t || '_append_only');
                cols := adj_stored_columns(t);
                EXECUTE format('WITH gone AS (DELETE FROM %I WHERE service_month = $1 RETURNING *)'
                               ' INSERT INTO %I (%s) SELECT %s FROM gone', t || '_default', part,
                               cols, cols) USING m;
                EXECUTE format('ALTER TABLE %I ENABLE TRIGGER %I', t || '_default', t || '_append_only');
            END IF;
            EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                           t, part, m, (m + interval '1 month')::date);
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I'
                           ' FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change()',
                           part || '_no_truncate', part);
            -- the partition belongs to the table's owner (adj_owner), when the caller may
            BEGIN
                EXECUTE format('ALTER TABLE %I OWNER TO %s', part,
                               (SELECT relowner::regrole FROM pg_class WHERE oid = t::regclass));
            EXCEPTION WHEN insufficient_privilege THEN
                NULL;
            END;
            created := created + 1;
        END LOOP;
    END LOOP;
    RETURN created;
END $$;

-- Archive one month: detach its partitions of both tables into schema
-- adj_archive (still append-only, still read by `audit verify` through
-- decision_audit), and record it. The hot tables, decision_current, show,
-- reports and the workers' history no longer see that month: archive only
-- months older than the longest look-back of the edits and of the reports
-- (README "Partitions and retention"). Export with pg_dump -t
-- 'adj_archive.*_YYYY_MM' before dropping an archived table.
CREATE FUNCTION adj_partition_archive(p_month date) RETURNS bigint
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    m date := date_trunc('month', p_month)::date;
    t text;
    part text;
    n bigint;
    nd bigint := 0;
    nh bigint := 0;
BEGIN
    IF EXISTS (SELECT 1 FROM archived_month a WHERE a.service_month = m) THEN
        RAISE EXCEPTION 'adj_partition_archive: % is already archived', to_char(m, 'YYYY-MM');
    END IF;
    FOREACH t IN ARRAY ARRAY['decision', 'history_event'] LOOP
        part := adj_partition_name(t, m);
        IF to_regclass(part) IS NULL THEN
            RAISE EXCEPTION 'adj_partition_archive: no partition % (its rows, if any, are in %_default)',
                part, t;
        END IF;
        EXECUTE format('SELECT count(*) FROM %I', part) INTO n;
        IF t = 'decision' THEN nd := n; ELSE nh := n; END IF;
        EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', t, part);
        EXECUTE format('ALTER TABLE %I SET SCHEMA adj_archive', part);
        -- still append-only outside the partitioned table
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON adj_archive.%I'
                       ' FOR EACH ROW EXECUTE FUNCTION adj_refuse_change()',
                       part || '_append_only', part);
    END LOOP;
    INSERT INTO archived_month (service_month, decisions, history_events) VALUES (m, nd, nh);
    PERFORM adj_decision_audit_view();
    RETURN nd;
END $$;

-- decision_audit, history_event_audit: every row, hot or archived, for
-- `audit verify` (rebuilt by each archive)
CREATE FUNCTION adj_decision_audit_view() RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    t text;
    q text;
    a record;
    part text;
    cols text;
BEGIN
    FOREACH t IN ARRAY ARRAY['decision', 'history_event'] LOOP
        q := format('SELECT * FROM %I', t);
        FOR a IN SELECT service_month FROM archived_month ORDER BY service_month LOOP
            part := adj_partition_name(t, a.service_month);
            IF to_regclass('adj_archive.' || part) IS NOT NULL THEN
                -- the table's columns in its order; NULL for a column added
                -- after the month was archived
                SELECT string_agg(CASE WHEN x.attname IS NULL
                                       THEN format('NULL::%s AS %I', format_type(c.atttypid, c.atttypmod), c.attname)
                                       ELSE quote_ident(c.attname) END, ', ' ORDER BY c.attnum)
                  INTO cols
                  FROM pg_attribute c
                  LEFT JOIN pg_attribute x ON x.attrelid = ('adj_archive.' || quote_ident(part))::regclass
                       AND x.attname = c.attname AND NOT x.attisdropped
                 WHERE c.attrelid = t::regclass AND c.attnum > 0 AND NOT c.attisdropped;
                q := q || format(' UNION ALL SELECT %s FROM adj_archive.%I', cols, part);
            END IF;
        END LOOP;
        EXECUTE format('CREATE OR REPLACE VIEW %I AS %s', t || '_audit', q);
    END LOOP;
END $$;

-- partitions for every month that has rows, and the next three months
CREATE TABLE decision_default PARTITION OF decision DEFAULT;
CREATE TABLE history_event_default PARTITION OF history_event DEFAULT;
CREATE TRIGGER decision_default_no_truncate BEFORE TRUNCATE ON decision_default
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
CREATE TRIGGER history_event_default_no_truncate BEFORE TRUNCATE ON history_event_default
    FOR EACH STATEMENT EXECUTE FUNCTION adj_refuse_change();
DO $$
DECLARE m date;
BEGIN
    FOR m IN SELECT DISTINCT service_month FROM decision_unpartitioned
              WHERE service_month IS NOT NULL ORDER BY 1 LOOP
        PERFORM adj_partition_create(m, 1);
    END LOOP;
    PERFORM adj_partition_create(current_date, 3);
END $$;

-- the rows, as they were (ids kept)
DO $$
DECLARE c text;
BEGIN
    c := adj_stored_columns('decision_unpartitioned');
    EXECUTE format('INSERT INTO decision (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM decision_unpartitioned', c, c);
    c := adj_stored_columns('history_event_unpartitioned');
    EXECUTE format('INSERT INTO history_event (%s, service_month) OVERRIDING SYSTEM VALUE'
                   ' SELECT %s, (SELECT min(d.service_month) FROM decision_unpartitioned d'
                   ' WHERE d.claim_pk = e.claim_pk) FROM history_event_unpartitioned e',
                   c, (SELECT string_agg('e.' || x, ', ') FROM unnest(string_to_array(c, ', ')) x));
END $$;
SELECT setval(pg_get_serial_sequence('decision', 'decision_id'),
              coalesce((SELECT max(decision_id) FROM decision), 0) + 1, false);
SELECT setval(pg_get_serial_sequence('history_event', 'event_id'),
              coalesce((SELECT max(event_id) FROM history_event), 0) + 1, false);

-- check the deferred foreign keys of the copied rows now: no index can be
-- built on a table with pending trigger events
SET CONSTRAINTS ALL IMMEDIATE;
SET CONSTRAINTS ALL DEFERRED;

-- views, grants and policies onto the new tables, then the old ones go
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM adj_part_views LOOP
        EXECUTE format('CREATE OR REPLACE VIEW %s AS %s', r.name, r.def);
    END LOOP;
    FOR r IN SELECT * FROM adj_part_grants LOOP
        EXECUTE format('GRANT %s ON %I TO %I', r.priv, r.tbl, r.grantee);
    END LOOP;
    FOR r IN SELECT * FROM adj_part_rls WHERE rls LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r.tbl);
        IF r.force THEN EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', r.tbl); END IF;
    END LOOP;
    FOR r IN SELECT * FROM adj_part_policies LOOP
        EXECUTE format('CREATE POLICY %I ON %I AS %s FOR %s TO %s%s%s', r.name, r.tbl, r.permissive,
                       r.cmd, (SELECT string_agg(quote_ident(x), ', ') FROM unnest(r.roles) x),
                       CASE WHEN r.qual IS NOT NULL THEN ' USING (' || r.qual || ')' ELSE '' END,
                       CASE WHEN r.with_check IS NOT NULL THEN ' WITH CHECK (' || r.with_check || ')' ELSE '' END);
    END LOOP;
END $$;
DROP TABLE decision_unpartitioned;
DROP TABLE history_event_unpartitioned;

-- the indexes (same names, now partitioned) and the other triggers
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM adj_part_indexes ORDER BY tbl, name LOOP
        IF r.uniq THEN
            RAISE EXCEPTION 'migration 100: unique index % on % lacks the partition key; add service_month to it first',
                r.name, r.tbl;
        END IF;
        EXECUTE r.def;
    END LOOP;
    FOR r IN SELECT * FROM adj_part_triggers t
              WHERE NOT EXISTS (SELECT 1 FROM pg_trigger x WHERE x.tgrelid = t.tbl::regclass
                                   AND x.tgname = t.name) LOOP
        EXECUTE r.def;
    END LOOP;
END $$;

SELECT adj_decision_audit_view();
REVOKE EXECUTE ON FUNCTION adj_partition_create(date, int), adj_partition_archive(date),
    adj_decision_audit_view() FROM PUBLIC;
GRANT SELECT ON decision_audit, history_event_audit, archived_month TO adj_engine;

-- the tables and their partitions to adj_owner, as `db migrate` hands every
-- other object (its hand-over passes over partitioned tables)
DO $$
DECLARE r record;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'adj_owner')
       AND pg_has_role(current_user, 'adj_owner', 'MEMBER') THEN
        FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
                  WHERE c.oid IN ('decision'::regclass, 'history_event'::regclass)
                     OR c.oid IN (SELECT inhrelid FROM pg_inherits
                                   WHERE inhparent IN ('decision'::regclass, 'history_event'::regclass)) LOOP
            EXECUTE format('ALTER TABLE %s OWNER TO adj_owner', r.rel);
        END LOOP;
        ALTER FUNCTION adj_partition_create(date, int) OWNER TO adj_owner;
        ALTER FUNCTION adj_partition_archive(date) OWNER TO adj_owner;
        ALTER FUNCTION adj_decision_audit_view() OWNER TO adj_owner;
        ALTER FUNCTION adj_partition_name(text, date) OWNER TO adj_owner;
        ALTER TABLE archived_month OWNER TO adj_owner;
    END IF;
END $$;
