/* adjudicator db init | db migrate: create or upgrade the schema. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static void db_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--db CONNINFO] db init|migrate [--sql-dir DIR]\n\n"
               "Apply the numbered migrations of sql/ that the database lacks, each in\n"
               "one transaction. On a current schema it does nothing and says so.\n"
               "init and migrate are the same operation; init reads better on a new\n"
               "database.\n");
}

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    (void)id;
    (void)name;
    *(const char **)ctx = value; /* --sql-dir */
    return ADJ_CLI_GO;
}

int adj_cmd_db(AdjCli *cli, int argc, char **argv)
{
    const char *sql_dir = NULL;
    static const AdjCliOpt opts[] = {{"sql-dir", 1, 's'}, {NULL, 0, 0}};
    AdjCliSpec spec = {"db", db_usage, opts, on_option, &sql_dir};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc < 2)
        return adj_cli_usage_error("db", "no action given: db init or db migrate");
    if (strcmp(argv[1], "init") != 0 && strcmp(argv[1], "migrate") != 0)
        return adj_cli_usage_error("db", "unknown action '%s': db init or db migrate", argv[1]);
    if (argc > 2)
        return adj_cli_usage_error("db", "unexpected argument '%s'", argv[2]);
    if (sql_dir == NULL)
        sql_dir = adj_cli_sql_dir(cli);
    AdjError err = {0};
    AdjStore *store = NULL;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK) {
        AdjMigrateResult res;
        st = adj_store_migrate(store, sql_dir, &res, &err);
        if (st == ADJ_OK && res.applied == 0)
            printf("schema is current at version %d; nothing to do\n", res.current);
        else if (st == ADJ_OK)
            printf("applied %d migration%s; schema is at version %d\n", res.applied,
                   res.applied == 1 ? "" : "s", res.current);
        else if (res.applied > 0)
            fprintf(stderr, "adjudicator db: applied %d migration%s before the failure\n",
                    res.applied, res.applied == 1 ? "" : "s");
        adj_store_close(store);
    }
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator db %s: %s\n", argv[1], err.msg);
        /* a migration that fails is the installation's fault, not input:
         * configuration, 2 */
        return adj_status_exit_code(st == ADJ_ERR_INPUT ? ADJ_ERR_USAGE : st);
    }
    return 0;
}
