/* adjudicator load --providers P.csv --members M.csv --plans L.csv: upsert
 * reference data into PostgreSQL in one transaction, through the engine's
 * own CSV row parsers (refdata/), so a file `check` accepts loads the same.
 * Errors name the file and line; on any error nothing is loaded. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/strmap.h"
#include "engine/costshare.h"
#include "refdata/refdata.h"
#include "store/store.h"

typedef struct LoadCtx {
    AdjStoreRefLoad *load;
    AdjStrMap plans; /* plan ids of this load's plans file */
    long long benefits;
} LoadCtx;

static void load_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--db CONNINFO] load [--providers=P.csv] [--members=M.csv]\n"
               "                   [--plans=L.csv] [--benefits=B.csv] [--reason=TEXT]\n"
               "                   [--user=NAME]\n\n"
               "Upsert reference data (CSV with a header row naming the columns, extra\n"
               "columns ignored; docs/contracts.md) into PostgreSQL in one transaction: a\n"
               "row replaces the stored row with the same key (plan_id; npi; member_id +\n"
               "effective_from); stored rows absent from the files stay. Every member's\n"
               "plan must be in the plans file or already stored. Errors name the file\n"
               "and line; on any error nothing is loaded. Running workers pick the new\n"
               "data up before their next batch.\n\n"
               "Each load is a new reference-data version: who (database login, OS user,\n"
               "--user), why (--reason), which files, and every row it inserted or\n"
               "changed with its old and new values (tables refdata_load, refdata_change;\n"
               "append-only). Each decision names the version it was decided with, and\n"
               "`show` prints it. --reason and --user, when given, must not be blank.\n\n"
               "Optional columns (README \"Benefits\"): plans.csv deductible,\n"
               "family_deductible, oop_max, family_oop_max (dollars), plan_year_start (MM-DD),\n"
               "timely_filing_days, cob_method (standard|non_duplication), pricing\n"
               "(fee_table|mpfs), pct_of_medicare; members.csv first_name, birth_date (the\n"
               "enrolled persons of a subscriber ID), cob_order (P|S|T); providers.csv\n"
               "locality (MAC-locality, e.g. 01112-05). benefits.csv: plan_id, code_family or\n"
               "code, copay, coinsurance_pct, deductible_applies (true|false).\n\n"
               "exit status: 0 loaded, 1 a row rejected, 2 usage or a file that cannot be\n"
               "read, 3 database unavailable\n");
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

/* A plan named by a member or benefit row: in this load or stored. */
static AdjStatus plan_known(LoadCtx *c, const char *plan_id, const char *file, int line,
                            AdjError *err)
{
    size_t v;
    if (adj_strmap_get(&c->plans, plan_id, strlen(plan_id), &v))
        return ADJ_OK;
    bool exists = false;
    AdjStatus st = adj_store_refload_plan_exists(c->load, plan_id, &exists, err);
    if (st != ADJ_OK)
        return st;
    if (!exists)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: plan '%s' is neither in the plans file nor stored",
                        file, line, plan_id);
    adj_strmap_put(&c->plans, plan_id, strlen(plan_id), 1);
    return ADJ_OK;
}

static AdjStatus on_member(void *ctx, const AdjMemberRow *row, const char *file, int line,
                           AdjError *err)
{
    LoadCtx *c = ctx;
    AdjStatus st = plan_known(c, row->plan_id, file, line, err);
    if (st != ADJ_OK)
        return st;
    st = adj_store_refload_member(c->load, row, err);
    if (st != ADJ_OK)
        adj_error_prefix(err, "%s:%d: ", file, line);
    return st;
}

static AdjStatus on_benefit(void *ctx, const AdjBenefitRow *row, const char *file, int line,
                            AdjError *err)
{
    LoadCtx *c = ctx;
    AdjStatus st = plan_known(c, row->plan_id, file, line, err);
    if (st == ADJ_OK && row->code_family[0] && !adj_costshare_family_known(row->code_family))
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "%s:%d: code_family '%.40s' is not a known family", file,
                      line, row->code_family);
    if (st == ADJ_OK && (st = adj_store_refload_benefit(c->load, row, err)) != ADJ_OK)
        adj_error_prefix(err, "%s:%d: ", file, line);
    c->benefits++;
    return st;
}

/* --providers, --members, --plans (the three files), --reason, --user,
 * --benefits: by option id 256..261 */
static int on_option(void *ctx, int id, const char *name, const char *value)
{
    (void)name;
    ((const char **)ctx)[id - 256] = value;
    return ADJ_CLI_GO;
}

int adj_cmd_load(AdjCli *cli, int argc, char **argv)
{
    const char *files[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    static const AdjCliOpt opts[] = {{"providers", 1, 256}, {"members", 1, 257},
                                     {"plans", 1, 258},     {"reason", 1, 259},
                                     {"user", 1, 260},      {"benefits", 1, 261},
                                     {NULL, 0, 0}};
    AdjCliSpec spec = {"load", load_usage, opts, on_option, files};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    const char *providers = files[0], *members = files[1], *plans = files[2];
    const char *reason = files[3], *user = files[4], *benefits = files[5];
    if (argc > 1)
        return adj_cli_usage_error("load", "unexpected argument '%s': files go with --providers, "
                                   "--members, --plans", argv[1]);
    if (!providers && !members && !plans && !benefits)
        return adj_cli_usage_error("load", "give at least one of --providers, --members, --plans, "
                                   "--benefits");
    if ((reason != NULL && adj_cli_blank(reason)) || (user != NULL && adj_cli_blank(user)))
        return adj_cli_usage_error("load", "--reason and --user must not be blank");
    char described[4 * 1100];
    snprintf(described, sizeof(described), "%s%s%s%s%s%s%s%s", plans ? "plans " : "",
             plans ? plans : "", providers ? (plans ? ", providers " : "providers ") : "",
             providers ? providers : "",
             members ? (plans || providers ? ", members " : "members ") : "",
             members ? members : "",
             benefits ? (plans || providers || members ? ", benefits " : "benefits ") : "",
             benefits ? benefits : "");
    AdjError err = {0};
    AdjStore *store = NULL;
    AdjStatus ost = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (ost != ADJ_OK) {
        fprintf(stderr, "adjudicator load: %s\n", err.msg);
        return adj_status_exit_code(ost);
    }
    LoadCtx ctx = {0};
    adj_strmap_init(&ctx.plans);
    AdjStatus st = adj_store_refload_begin(store, &ctx.load, &err);
    if (st == ADJ_OK)
        adj_store_refload_describe(ctx.load, adj_cli_os_user(), user, reason, described);
    /* plans first: members name them */
    if (st == ADJ_OK && plans)
        st = adj_refdata_read_plans(plans, on_plan, &ctx, &err);
    if (st == ADJ_OK && providers)
        st = adj_refdata_read_providers(providers, on_provider, &ctx, &err);
    if (st == ADJ_OK && members)
        st = adj_refdata_read_members(members, on_member, &ctx, &err);
    if (st == ADJ_OK && benefits)
        st = adj_refdata_read_benefits(benefits, on_benefit, &ctx, &err);
    AdjStoreRefCounts n = {0};
    if (st == ADJ_OK)
        st = adj_store_refload_end(ctx.load, &n, &err);
    else
        adj_store_refload_abort(ctx.load);
    adj_strmap_free(&ctx.plans);
    adj_store_close(store);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator load: %s; nothing loaded\n", err.msg);
        return adj_status_exit_code(st);
    }
    printf("loaded %lld plans, %lld providers, %lld member rows", (long long)n.plans,
           (long long)n.providers, (long long)n.members);
    if (benefits)
        printf(", %lld benefit rows", ctx.benefits);
    printf(": reference-data version %lld\n", (long long)n.version);
    return 0;
}
