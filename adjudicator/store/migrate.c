/* Schema migrations: numbered files in sql/, each applied once in its own
 * transaction and recorded in schema_version, with search_path set to the
 * product's schema (adjudicator, then public for what older versions
 * created there until sql/083 moves it); afterwards every object of the
 * schema is handed to the NOLOGIN owner role adj_owner (issue 15). */
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

/* The owner role and the schema (each created when missing, where the
 * migrator may), and the database's search_path for every later session. */
static const char prepare_sql[] =
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'adj_owner') THEN"
    "  BEGIN CREATE ROLE adj_owner NOLOGIN;"
    "  EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN NULL; END;"
    " END IF;"
    " IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'adjudicator') THEN"
    "  CREATE SCHEMA adjudicator;"
    " END IF;"
    " EXECUTE format('ALTER DATABASE %I SET search_path = adjudicator, public',"
    "                current_database());"
    " END $$";

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

/* Every object of the schema to adj_owner, when it exists and the
 * migrator may (a superuser, or a member of adj_owner owning them). */
static const char owner_sql[] =
    "DO $$ DECLARE r record; BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'adj_owner')"
    "    OR NOT pg_has_role(current_user, 'adj_owner', 'MEMBER') THEN RETURN; END IF;"
    " FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE n.nspname = 'adjudicator' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
    "     AND c.relowner <> 'adj_owner'::regrole"
    "     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
    "                      AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP"
    "  EXECUTE format('ALTER TABLE adjudicator.%I OWNER TO adj_owner', r.relname);"
    " END LOOP;"
    " FOR r IN SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args"
    "   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
    "   WHERE n.nspname = 'adjudicator' AND p.proowner <> 'adj_owner'::regrole LOOP"
    "  EXECUTE format('ALTER ROUTINE adjudicator.%I(%s) OWNER TO adj_owner', r.proname, r.args);"
    " END LOOP;"
    " IF (SELECT nspowner FROM pg_namespace WHERE nspname = 'adjudicator') <> 'adj_owner'::regrole THEN"
    "  ALTER SCHEMA adjudicator OWNER TO adj_owner;"
    " END IF;"
    " END $$";

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
    PGresult *res = PQexecParams(store->conn,
                                 "SELECT 1 FROM schema_version WHERE version = $1::int", 1,
                                 NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        *st = store_result_error(store, res, "schema_version", err);
        PQclear(res);
        return false;
    }
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
    if (st == ADJ_OK) {
        /* the migration file is trusted program text: it may hold many
         * statements, which only the simple-query protocol accepts */
        st = store_exec(store, sql, path, err);
    }
    if (st == ADJ_OK) {
        char v[16];
        snprintf(v, sizeof(v), "%d", m->version);
        const char *params[2] = {v, m->name};
        PGresult *res = PQexecParams(store->conn,
                                     "INSERT INTO schema_version (version, name) "
                                     "VALUES ($1::int, $2)",
                                     2, NULL, params, NULL, NULL, 0);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            st = store_result_error(store, res, path, err);
        PQclear(res);
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
        st = store_exec(store, prepare_sql, "schema adjudicator", err);
    if (st == ADJ_OK)
        st = store_exec(store, move_sql, "move objects from public to adjudicator", err);
    if (st == ADJ_OK)
        st = store_exec(store, "SET search_path = adjudicator, public", "search_path", err);
    if (st == ADJ_OK)
        st = store_exec(store,
                        /* found through search_path: an older database keeps
                         * it in public until sql/083 moves it */
                        "DO $$ BEGIN IF to_regclass('schema_version') IS NULL THEN"
                        " CREATE TABLE schema_version ("
                        " version int PRIMARY KEY,"
                        " name text NOT NULL,"
                        " applied_at timestamptz NOT NULL DEFAULT now()); END IF; END $$",
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
                        "DO $$ BEGIN IF to_regprocedure('adj_decision_audit_view()') IS NOT NULL"
                        " THEN PERFORM adj_decision_audit_view(); END IF; END $$",
                        "audit views", err);
    if (st == ADJ_OK)
        st = store_exec(store, owner_sql, "owner adj_owner", err);
    AdjError ignored = {0};
    store_exec(store, "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")", "unlock", &ignored);
    free(list);
    return st;
}
