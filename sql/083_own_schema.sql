-- The product's objects live in their own schema, adjudicator (issue 15).
-- `adjudicator db migrate` creates it, makes it the database's search_path
-- and applies every migration with search_path = adjudicator, public, so
-- unqualified names in migrations (earlier ones and later ones alike) land
-- and resolve there; after the last migration it hands every object of the
-- schema to the NOLOGIN role adj_owner, which no service logs in as. A
-- database whose objects an earlier version created in public (a database
-- given to the product alone) has them moved here by the migration runner
-- (store/migrate.c) before any migration runs, so that CREATE OR REPLACE in
-- later migrations replaces them rather than creating twins; objects of
-- extensions stay in public.

DO $$
BEGIN
    IF current_schema() IS DISTINCT FROM 'adjudicator' THEN
        RAISE EXCEPTION 'run migrations with adjudicator db migrate (search_path adjudicator)';
    END IF;
END $$;

-- the reference-data change recorder runs as its owner: it resolves names
-- in the product's schema only
ALTER FUNCTION adj_refdata_record() SET search_path = adjudicator, pg_temp;

-- the roles see the schema (each object's own grants still decide what
-- they may do with it); PUBLIC does not
REVOKE ALL ON SCHEMA adjudicator FROM PUBLIC;
GRANT USAGE ON SCHEMA adjudicator TO adj_engine, adj_intake, adj_staff, adj_reporting;
