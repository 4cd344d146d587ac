/* adjudicator show CLAIM_ID [--npi NPI] [--format text|json]: every decision
 * version of a claim, newest first, with its trace and payer claim control
 * number, and the decisions of other claims that relied on it. Reads only. */
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
               "           [--npi BILLING_NPI] [--format text|json] [--ruleset FILE|DIR]\n\n"
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
               "Exit 1 when no such claim is stored.\n");
}

int adj_cmd_show(AdjCli *cli, int argc, char **argv)
{
    if (adj_cli_wants_help(argc, argv)) {
        show_usage(stdout);
        return 0;
    }
    const char *claim_id = NULL, *npi = NULL, *ruleset = NULL;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--npi") == 0 && i + 1 < argc)
            npi = argv[++i];
        else if (strcmp(argv[i], "--ruleset") == 0 && i + 1 < argc)
            ruleset = argv[++i];
        else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "json") != 0 && strcmp(f, "text") != 0) {
                fprintf(stderr, "adjudicator show: --format takes text or json, not '%s'\n", f);
                return 2;
            }
            json = strcmp(f, "json") == 0;
        }
        else if (claim_id == NULL)
            claim_id = argv[i];
        else {
            fprintf(stderr, "adjudicator show: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (claim_id == NULL) {
        show_usage(stderr);
        return 2;
    }
    AdjError err = {0};
    char rbuf[PATH_MAX];
    const char *rpath = adj_cli_rulesets_path(cli, ruleset, rbuf, sizeof(rbuf));
    AdjRulesetSet rules = {0};
    if (adj_ruleset_set_load(&rpath, 1, &rules, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator show: ruleset: %s\n", err.msg);
        return 2;
    }
    AdjStore *store = NULL;
    int found = 0, deps = 0;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
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
    if (st == ADJ_OK && !json && found > 0)
        st = adj_store_ack_show(store, claim_id, npi, stdout, &err);
    adj_store_close(store);
    adj_ruleset_set_free(&rules);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator show: %s\n", err.msg);
        return st == ADJ_ERR_DB ? 3 : 2;
    }
    if (found == 0) {
        fprintf(stderr, "adjudicator show: no claim %s%s%s is stored\n", claim_id,
                npi ? " from billing NPI " : "", npi ? npi : "");
        return 1;
    }
    return 0;
}
