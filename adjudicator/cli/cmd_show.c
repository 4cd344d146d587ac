/* adjudicator show CLAIM_ID [--npi NPI] [--format table|json]: every decision
 * version of a claim, newest first, with its trace and payer claim control
 * number, and the decisions of other claims that relied on it. Writes only
 * the access log (who read which claim), before printing anything. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "config/ruleset.h"
#include "store/rerun.h"
#include "store/store.h"

static void show_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] show CLAIM_ID\n"
               "           [--npi BILLING_NPI] [--format table|json] [--ruleset FILE|DIR]\n"
               "           [--user NAME]\n\n"
               "Print every claim whose CLM01 is CLAIM_ID (CLM01 is unique only per\n"
               "billing provider: --npi narrows it to one), its payer claim control\n"
               "number, and each decision version (newest first) line by line with the\n"
               "rules that fired, the reason, the ruleset and its SHA-256, who decided\n"
               "and why (a re-run's reason), and the row's chain hash; then the\n"
               "decisions of other claims that relied on its lines (add-ons of its base,\n"
               "lines naming it, monthly caps it counted in), which a void, replacement\n"
               "or denial of the base leaves to be re-run (rerun --where depends-on=).\n"
               "Which codes are add-ons and primaries and which CARC a cap denial\n"
               "carries come from the rulesets in force (--ruleset, else rulesets.dir).\n"
               "Each version names the database login that decided it, the --user beside\n"
               "it, and the reference-data version it was decided with (who loaded it,\n"
               "when and why). Every show is recorded first in the access log (database\n"
               "login, OS user, --user, each claim, time); when that fails nothing is\n"
               "shown. Control bytes in claim fields are escaped on a terminal.\n"
               "Exit 1 when no such claim is stored.\n");
}

typedef struct ShowArgs {
    const char *npi, *ruleset, *user;
    AdjFormat format;
} ShowArgs;

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    ShowArgs *a = ctx;
    (void)name;
    if (id == 'n')
        a->npi = value;
    else if (id == 'r')
        a->ruleset = value;
    else if (id == 'u')
        a->user = value;
    else if (!adj_format_parse("show", value, ADJ_FMT_BIT(ADJ_FMT_TABLE) | ADJ_FMT_BIT(ADJ_FMT_JSON),
                               &a->format))
        return ADJ_EXIT_USAGE;
    return ADJ_CLI_GO;
}

int adj_cmd_show(AdjCli *cli, int argc, char **argv)
{
    ShowArgs a = {.format = ADJ_FMT_TABLE};
    static const AdjCliOpt opts[] = {{"npi", 1, 'n'},    {"ruleset", 1, 'r'}, {"format", 1, 'f'},
                                     {"user", 1, 'u'},   {NULL, 0, 0}};
    AdjCliSpec spec = {"show", show_usage, opts, on_option, &a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc < 2)
        return adj_cli_usage_error("show", "no CLAIM_ID given");
    if (argc > 2)
        return adj_cli_usage_error("show", "unexpected argument '%s' (one CLAIM_ID)", argv[2]);
    const char *claim_id = argv[1], *npi = a.npi, *ruleset = a.ruleset;
    bool json = a.format == ADJ_FMT_JSON;
    const char *user = a.user;
    if (user != NULL && adj_cli_blank(user))
        return adj_cli_usage_error("show", "--user must not be blank");
    AdjError err = {0};
    char rbuf[PATH_MAX];
    const char *rpath = adj_cli_rulesets_path(cli, ruleset, rbuf, sizeof(rbuf));
    AdjRulesetSet rules = {0};
    if (adj_ruleset_set_load(&rpath, 1, &rules, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator show: ruleset: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    AdjStore *store = NULL;
    int found = 0, deps = 0;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    int logged = 0;
    if (st == ADJ_OK)
        st = adj_store_access_log_claims(store, adj_cli_os_user(), user, "show", claim_id, npi,
                                         json ? "show --format json" : "show", &logged, &err);
    if (st == ADJ_OK && json)
        st = adj_store_show_json(store, claim_id, npi, stdout, &found, &err);
    else if (st == ADJ_OK)
        st = adj_store_show(store, claim_id, npi, stdout, &found, &err);
    if (st == ADJ_OK && json)
        fputs(",\"dependents\":", stdout);
    if (st == ADJ_OK)
        st = adj_store_show_dependents(store, &rules, claim_id, npi, json, stdout, &deps, &err);
    if (st == ADJ_OK && json)
        fputs("}\n", stdout);
    adj_store_close(store);
    adj_ruleset_set_free(&rules);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator show: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    if (found == 0) {
        fprintf(stderr, "adjudicator show: no claim %s%s%s is stored\n", claim_id,
                npi ? " from billing NPI " : "", npi ? npi : "");
        return ADJ_EXIT_REJECTED;
    }
    return ADJ_EXIT_OK;
}
