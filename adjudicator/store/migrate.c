/* Schema migrations: numbered files in sql/, each applied once in its own
 * transaction and recorded in schema_version. */
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
        st = store_exec(store,
                        "CREATE TABLE IF NOT EXISTS schema_version ("
                        " version int PRIMARY KEY,"
                        " name text NOT NULL,"
                        " applied_at timestamptz NOT NULL DEFAULT now())",
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
    AdjError ignored = {0};
    store_exec(store, "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")", "unlock", &ignored);
    free(list);
    return st;
}
