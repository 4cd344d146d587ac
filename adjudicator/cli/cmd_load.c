/* adjudicator load --providers P.csv --members M.csv --plans L.csv: upsert
 * reference data into PostgreSQL in one transaction, through the engine's
 * own CSV row parsers (refdata/), so a file `check` accepts loads the same.
 * Errors name the file and line; on any error nothing is loaded. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/strmap.h"
#include "refdata/refdata.h"
#include "store/store.h"

typedef struct LoadCtx {
    AdjStoreRefLoad *load;
    AdjStrMap plans; /* plan ids of this load's plans file */
} LoadCtx;

static void load_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--db CONNINFO] load [--providers P.csv] [--members M.csv]\n"
               "                   [--plans L.csv] [--reason TEXT] [--user NAME]\n\n"
               "Upsert reference data (DESIGN.md 3.2: CSV with a header row, extra columns\n"
               "ignored) into PostgreSQL in one transaction: a row replaces the stored row\n"
               "with the same key (plan_id; npi; member_id + effective_from); stored rows\n"
               "absent from the files stay. Every member's plan must be in the plans file\n"
               "or already stored. Errors name the file and line; on any error nothing is\n"
               "loaded. Running workers pick the new data up before their next batch.\n\n"
               "Each load is a new reference-data version: who (database login, OS user,\n"
               "--user), why (--reason), which files, and every row it inserted or\n"
               "changed with its old and new values (tables refdata_load, refdata_change;\n"
               "append-only). Each decision names the version it was decided with, and\n"
               "`show` prints it. --reason and --user, when given, must not be blank.\n");
}

static AdjStatus on_plan(void *ctx, const AdjPlanRow *row, const char *file, int line,
                         AdjError *err)
{
    LoadCtx *c = ctx;
    adj_strmap_put(&c->plans, row->plan_id, strlen(row->plan_id), 1);
    AdjStatus st = adj_store_refload_plan(c->load, row, err);
    if (st != ADJ_OK)
        adj_error_prefix(err, "%s:%d: ", file, line);
    return st;
}

static AdjStatus on_provider(void *ctx, const AdjProviderRow *row, const char *file, int line,
                             AdjError *err)
{
    AdjStatus st = adj_store_refload_provider(((LoadCtx *)ctx)->load, row, err);
    if (st != ADJ_OK)
        adj_error_prefix(err, "%s:%d: ", file, line);
    return st;
}

static AdjStatus on_member(void *ctx, const AdjMemberRow *row, const char *file, int line,
                           AdjError *err)
{
    LoadCtx *c = ctx;
    size_t v;
    if (!adj_strmap_get(&c->plans, row->plan_id, strlen(row->plan_id), &v)) {
        bool exists = false;
        AdjStatus st = adj_store_refload_plan_exists(c->load, row->plan_id, &exists, err);
        if (st != ADJ_OK)
            return st;
        if (!exists)
            return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: plan '%s' is neither in the plans file nor stored",
                            file, line, row->plan_id);
        adj_strmap_put(&c->plans, row->plan_id, strlen(row->plan_id), 1);
    }
    AdjStatus st = adj_store_refload_member(c->load, row, err);
    if (st != ADJ_OK)
        adj_error_prefix(err, "%s:%d: ", file, line);
    return st;
}

int adj_cmd_load(AdjCli *cli, int argc, char **argv)
{
    if (adj_cli_wants_help(argc, argv)) {
        load_usage(stdout);
        return 0;
    }
    const char *providers = NULL, *members = NULL, *plans = NULL, *reason = NULL, *user = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc)
            reason = argv[++i];
        else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
            user = argv[++i];
        else if (strcmp(argv[i], "--providers") == 0 && i + 1 < argc)
            providers = argv[++i];
        else if (strcmp(argv[i], "--members") == 0 && i + 1 < argc)
            members = argv[++i];
        else if (strcmp(argv[i], "--plans") == 0 && i + 1 < argc)
            plans = argv[++i];
        else {
            fprintf(stderr, "adjudicator load: unknown argument '%s'\n", argv[i]);
            load_usage(stderr);
            return 2;
        }
    }
    if (!providers && !members && !plans) {
        load_usage(stderr);
        return 2;
    }
    if ((reason != NULL && adj_cli_blank(reason)) || (user != NULL && adj_cli_blank(user))) {
        fprintf(stderr, "adjudicator load: --reason and --user must not be blank\n");
        return 2;
    }
    char files[3 * 1100];
    snprintf(files, sizeof(files), "%s%s%s%s%s%s", plans ? "plans " : "", plans ? plans : "",
             providers ? (plans ? ", providers " : "providers ") : "", providers ? providers : "",
             members ? (plans || providers ? ", members " : "members ") : "",
             members ? members : "");
    AdjError err = {0};
    AdjStore *store = NULL;
    if (adj_store_open(adj_cli_conninfo(cli), &store, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator load: %s\n", err.msg);
        return 3;
    }
    LoadCtx ctx = {0};
    adj_strmap_init(&ctx.plans);
    AdjStatus st = adj_store_refload_begin(store, &ctx.load, &err);
    if (st == ADJ_OK)
        adj_store_refload_describe(ctx.load, adj_cli_os_user(), user, reason, files);
    /* plans first: members name them */
    if (st == ADJ_OK && plans)
        st = adj_refdata_read_plans(plans, on_plan, &ctx, &err);
    if (st == ADJ_OK && providers)
        st = adj_refdata_read_providers(providers, on_provider, &ctx, &err);
    if (st == ADJ_OK && members)
        st = adj_refdata_read_members(members, on_member, &ctx, &err);
    AdjStoreRefCounts n = {0};
    if (st == ADJ_OK)
        st = adj_store_refload_end(ctx.load, &n, &err);
    else
        adj_store_refload_abort(ctx.load);
    adj_strmap_free(&ctx.plans);
    adj_store_close(store);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator load: %s; nothing loaded\n", err.msg);
        return st == ADJ_ERR_DB ? 3 : 1;
    }
    printf("loaded %lld plans, %lld providers, %lld member rows: reference-data version %lld\n",
           (long long)n.plans, (long long)n.providers, (long long)n.members,
           (long long)n.version);
    return 0;
}
