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

int adj_cmd_db(AdjCli *cli, int argc, char **argv)
{
    if (adj_cli_wants_help(argc, argv)) {
        db_usage(stdout);
        return 0;
    }
    const char *sql_dir = NULL;
    if (argc < 2 || (strcmp(argv[1], "init") != 0 && strcmp(argv[1], "migrate") != 0)) {
        db_usage(stderr);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--sql-dir") == 0 && i + 1 < argc) {
            sql_dir = argv[++i];
        } else {
            fprintf(stderr, "adjudicator db: unknown argument '%s'\n", argv[i]);
            return 2;
        }
    }
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
        return st == ADJ_ERR_DB ? 3 : 2;
    }
    return 0;
}
