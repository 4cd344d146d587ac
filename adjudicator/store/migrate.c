/* Schema migrations: numbered files in sql/, each applied once in its own
 * transaction and recorded in schema_version, with search_path set to the
 * product's schema (adjudicator, then public for what older versions
 * created there until sql/083 moves it).
 *
 * Who does what (issue 15): the connecting admin (a superuser, or a role
 * that may create roles and is a member of adj_owner) only prepares: the
 * NOLOGIN roles, the schemas owned by adj_owner, CREATE on the database for
 * adj_owner, the database's search_path, and hands over objects an older
 * version left owned by someone else. Every migration then runs under SET
 * LOCAL ROLE adj_owner inside its transaction, so whatever it creates is
 * born owned by the schema owner, which no service logs in as. */
#include "store/store_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define MIGRATE_LOCK_KEY "727272001"

typedef struct Migration {
    int version;
    char name[256];
} Migration;

/* The admin's part, before any migration: the owner role and the service
 * roles (NOLOGIN, cluster-wide, each created when missing), adj_owner's
 * right to grant adj_engine (sql/004 makes adj_staff a member), USAGE on
 * public with the grant option (sql/004 passes it on), CREATE on the
 * database (sql/100 names its archive schema), the two schemas owned by
 * adj_owner, and the database's search_path for every later session. */
static const char prepare_sql[] =
    "DO $$ DECLARE r text; BEGIN"
    " FOREACH r IN ARRAY ARRAY['adj_owner', 'adj_engine', 'adj_intake', 'adj_staff',"
    "                          'adj_reporting'] LOOP"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN"
    "   BEGIN EXECUTE format('CREATE ROLE %I NOLOGIN', r);"
    "   EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;"
    "  END IF;"
    " END LOOP;"
    " IF NOT EXISTS (SELECT 1 FROM pg_auth_members m"
    "   WHERE m.roleid = 'adj_engine'::regrole AND m.member = 'adj_owner'::regrole"
    "     AND m.admin_option) THEN"
    "  GRANT adj_engine TO adj_owner WITH ADMIN OPTION;"
    " END IF;"
    " EXECUTE format('GRANT CREATE ON DATABASE %I TO adj_owner', current_database());"
    /* sql/004 grants the roles USAGE on public (what PUBLIC has anyway):
     * with the grant option adj_owner does so without a warning */
    " IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN"
    "  GRANT USAGE ON SCHEMA public TO adj_owner WITH GRANT OPTION;"
    " END IF;"
    " IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'adjudicator') THEN"
    "  CREATE SCHEMA adjudicator AUTHORIZATION adj_owner;"
    " END IF;"
    " IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'adj_archive') THEN"
    "  CREATE SCHEMA adj_archive AUTHORIZATION adj_owner;"
    "  REVOKE ALL ON SCHEMA adj_archive FROM PUBLIC;"
    " END IF;"
    " EXECUTE format('ALTER DATABASE %I SET search_path = adjudicator, public',"
    "                current_database());"
    " END $$";

/* Migrations act as adj_owner: the admin must be able to SET ROLE to it
 * (a superuser is; true also before prepare_sql has created the role). */
static const char can_own_sql[] =
    "SELECT to_regrole('adj_owner') IS NULL"
    "    OR pg_has_role(current_user, 'adj_owner', 'MEMBER')";

/* A database an older version set up in public (schema_version there, none
 * in adjudicator): move its objects into adjudicator first, so migrations
 * replace them rather than creating twins. Objects of extensions stay. */
static const char move_sql[] =
    "DO $$ DECLARE r record; BEGIN"
    " IF to_regclass('public.schema_version') IS NULL"
    "    OR to_regclass('adjudicator.schema_version') IS NOT NULL THEN RETURN; END IF;"
    " FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')"
    "     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
    "                      AND d.objid = c.oid AND d.deptype = 'e') LOOP"
    "  EXECUTE format('ALTER %s public.%I SET SCHEMA adjudicator',"
    "                 CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'"
    "                                ELSE 'TABLE' END, r.relname);"
    " END LOOP;"
    " FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE n.nspname = 'public' AND c.relkind = 'S'"
    "     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
    "                      AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')) LOOP"
    "  EXECUTE format('ALTER SEQUENCE public.%I SET SCHEMA adjudicator', r.relname);"
    " END LOOP;"
    " FOR r IN SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args"
    "   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
    "   WHERE n.nspname = 'public'"
    "     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
    "                      AND d.objid = p.oid AND d.deptype = 'e') LOOP"
    "  EXECUTE format('ALTER ROUTINE public.%I(%s) SET SCHEMA adjudicator', r.proname, r.args);"
    " END LOOP;"
    " END $$";

/* Objects an older version created as the admin (before migrations ran as
 * adj_owner) to adj_owner, so that later migrations, running as it, may
 * alter them. A database set up by this version has none. */
static const char owner_sql[] =
    "DO $$ DECLARE r record; BEGIN"
    " FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE n.nspname IN ('adjudicator', 'adj_archive') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
    "     AND c.relowner <> 'adj_owner'::regrole"
    "     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
    "                      AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP"
    "  EXECUTE format('ALTER TABLE %I.%I OWNER TO adj_owner', r.nspname, r.relname);"
    " END LOOP;"
    " FOR r IN SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args"
    "   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
    "   WHERE n.nspname IN ('adjudicator', 'adj_archive') AND p.proowner <> 'adj_owner'::regrole LOOP"
    "  EXECUTE format('ALTER ROUTINE %I.%I(%s) OWNER TO adj_owner', r.nspname, r.proname, r.args);"
    " END LOOP;"
    " FOR r IN SELECT nspname FROM pg_namespace"
    "   WHERE nspname IN ('adjudicator', 'adj_archive') AND nspowner <> 'adj_owner'::regrole LOOP"
    "  EXECUTE format('ALTER SCHEMA %I OWNER TO adj_owner', r.nspname);"
    " END LOOP;"
    " END $$";

static AdjStatus check_can_own(AdjStore *store, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "role adj_owner", can_own_sql, NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    bool ok = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    if (!ok)
        return ADJ_FAIL(err, ADJ_ERR_DB,
                        "migrations run as the schema owner adj_owner: connect as a superuser "
                        "or as a member of adj_owner (GRANT adj_owner TO <admin>)");
    return ADJ_OK;
}

static int cmp_migration(const void *a, const void *b)
{
    return ((const Migration *)a)->version - ((const Migration *)b)->version;
}

/* NNN_name.sql with a positive NNN; anything else in the folder is ignored
 * (report views and roles are migrations too). */
static AdjStatus list_migrations(const char *dir, Migration **out, int *count,
                                 AdjError *err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: cannot open migrations directory: %s", dir,
                        strerror(errno));
    Migration *list = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    AdjStatus st = ADJ_OK;
    while ((e = readdir(d)) != NULL) {
        const char *nm = e->d_name;
        size_t len = strlen(nm);
        if (len < 9 || strcmp(nm + len - 4, ".sql") != 0 || nm[0] < '0' || nm[0] > '9')
            continue;
        char *end;
        long v = strtol(nm, &end, 10);
        if (*end != '_' || v <= 0 || v > 99999 || len >= sizeof(list->name))
            continue;
        for (int i = 0; i < n; i++)
            if (list[i].version == (int)v) {
                st = ADJ_FAIL(err, ADJ_ERR_USAGE, "%s: migrations %s and %s share number %ld",
                              dir, list[i].name, nm, v);
            }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            list = adj_xrealloc(list, (size_t)cap * sizeof(*list));
        }
        list[n].version = (int)v;
        snprintf(list[n].name, sizeof(list[n].name), "%s", nm);
        n++;
    }
    closedir(d);
    if (st != ADJ_OK) {
        free(list);
        return st;
    }
    if (n > 0)
        qsort(list, (size_t)n, sizeof(*list), cmp_migration);
    *out = list;
    *count = n;
    return ADJ_OK;
}

static char *read_file(const char *path, AdjError *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        ADJ_FAIL(err, ADJ_ERR_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 8192, len = 0;
    char *buf = adj_xmalloc(cap);
    size_t r;
    while ((r = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += r;
        if (cap - len - 1 == 0)
            buf = adj_xrealloc(buf, cap *= 2);
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

static bool is_applied(AdjStore *store, int version, AdjStatus *st, AdjError *err)
{
    char v[16];
    snprintf(v, sizeof(v), "%d", version);
    const char *params[1] = {v};
    PGresult *res = NULL;
    *st = store_query(store, "schema_version", "SELECT 1 FROM schema_version WHERE version = $1::int",
                      1, params, &res, err);
    if (*st != ADJ_OK)
        return false;
    bool applied = PQntuples(res) > 0;
    PQclear(res);
    *st = ADJ_OK;
    return applied;
}

static AdjStatus apply_one(AdjStore *store, const char *dir, const Migration *m,
                           AdjError *err)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, m->name);
    char *sql = read_file(path, err);
    if (sql == NULL)
        return ADJ_ERR_IO;
    AdjStatus st = store_exec(store, "BEGIN", "begin", err);
    /* the migration acts as the schema owner: what it creates is born
     * owned by adj_owner (until COMMIT or ROLLBACK) */
    if (st == ADJ_OK)
        st = store_exec(store, "SET LOCAL ROLE adj_owner", "role adj_owner", err);
    if (st == ADJ_OK) {
        /* the migration file is trusted program text: it may hold many
         * statements, which only the simple-query protocol accepts */
        st = store_exec(store, sql, path, err);
    }
    if (st == ADJ_OK) {
        char v[16];
        snprintf(v, sizeof(v), "%d", m->version);
        const char *params[2] = {v, m->name};
        st = store_query(store, path, "INSERT INTO schema_version (version, name) VALUES ($1::int, $2)",
                         2, params, NULL, err);
    }
    if (st == ADJ_OK)
        st = store_exec(store, "COMMIT", path, err);
    if (st != ADJ_OK) {
        AdjError ignored = {0};
        store_exec(store, "ROLLBACK", "rollback", &ignored);
        adj_error_prefix(err, "migration failed, schema left at the previous version: ");
    }
    free(sql);
    return st;
}

AdjStatus adj_store_migrate(AdjStore *store, const char *sql_dir, AdjMigrateResult *res,
                            AdjError *err)
{
    Migration *list = NULL;
    int n = 0;
    res->applied = 0;
    res->current = 0;
    AdjStatus st = list_migrations(sql_dir, &list, &n, err);
    if (st != ADJ_OK)
        return st;
    /* one migrator at a time, whoever else is running db migrate */
    st = store_exec(store, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", "lock", err);
    if (st == ADJ_OK)
        st = check_can_own(store, err);
    if (st == ADJ_OK)
        st = store_exec(store, prepare_sql, "schema adjudicator", err);
    if (st == ADJ_OK)
        st = check_can_own(store, err);
    if (st == ADJ_OK)
        st = store_exec(store, move_sql, "move objects from public to adjudicator", err);
    if (st == ADJ_OK)
        st = store_exec(store, owner_sql, "owner adj_owner", err);
    if (st == ADJ_OK)
        st = store_exec(store, "SET search_path = adjudicator, public", "search_path", err);
    if (st == ADJ_OK)
        st = store_exec(store,
                        /* found through search_path: an older database keeps
                         * it in public until sql/083 moves it; created by
                         * the schema owner like everything else */
                        "BEGIN; SET LOCAL ROLE adj_owner;"
                        " DO $$ BEGIN IF to_regclass('schema_version') IS NULL THEN"
                        " CREATE TABLE schema_version ("
                        " version int PRIMARY KEY,"
                        " name text NOT NULL,"
                        " applied_at timestamptz NOT NULL DEFAULT now()); END IF; END $$;"
                        " COMMIT",
                        "schema_version", err);
    for (int i = 0; st == ADJ_OK && i < n; i++) {
        bool applied = is_applied(store, list[i].version, &st, err);
        if (st != ADJ_OK)
            break;
        if (!applied) {
            st = apply_one(store, sql_dir, &list[i], err);
            if (st == ADJ_OK)
                res->applied++;
        }
        if (st == ADJ_OK)
            res->current = list[i].version;
    }
    /* the audit views list decision's and history_event's columns: later
     * migrations may have added some (migration 100) */
    if (st == ADJ_OK && res->applied > 0)
        st = store_exec(store,
                        "BEGIN; SET LOCAL ROLE adj_owner;"
                        " DO $$ BEGIN IF to_regprocedure('adj_decision_audit_view()') IS NOT NULL"
                        " THEN PERFORM adj_decision_audit_view(); END IF; END $$;"
                        " COMMIT",
                        "audit views", err);
    AdjError ignored = {0};
    if (st != ADJ_OK)
        store_exec(store, "ROLLBACK", "rollback", &ignored);
    store_exec(store, "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")", "unlock", &ignored);
    free(list);
    return st;
}
