/* `adjudicator ruleset check FILE|DIR...`: validate ruleset files (unknown
 * keys, malformed codes, overlapping effective ranges) and print a summary
 * of each. Reads files only; decides nothing. */
#include <errno.h>
#include <stdio.h>

#include "core/money.h"
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config/ruleset.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: adjudicator ruleset check FILE|DIR...\n\n"
               "Validates rulesets (libconfig): unknown keys, malformed codes, dates and\n"
               "reason codes, missing edits, the pinned NCCI table, and that no two\n"
               "rulesets' effective ranges overlap. Errors name the file and line.\n"
               "A directory means every *.conf in it.\n");
}

int adj_cmd_ruleset(AdjCli *cli, int argc, char **argv)
{
    AdjCliSpec spec = {"ruleset", usage, NULL, NULL, NULL};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc < 2)
        return adj_cli_usage_error("ruleset", "no action given: ruleset check FILE|DIR...");
    if (strcmp(argv[1], "check") != 0)
        return adj_cli_usage_error("ruleset", "unknown action '%s': ruleset check FILE|DIR...",
                                   argv[1]);
    if (argc < 3)
        return adj_cli_usage_error("ruleset", "no FILE or DIR given");
    /* a file that cannot be read is exit 2 in every command; a ruleset that
     * is read and refused is input rejected, 1 */
    for (int i = 2; i < argc; i++)
        if (access(argv[i], R_OK) != 0) {
            fprintf(stderr, "adjudicator: ruleset check: %s: cannot open: %s\n", argv[i],
                    strerror(errno));
            return ADJ_EXIT_USAGE;
        }
    AdjRulesetSet set;
    AdjError err = {0};
    if (adj_ruleset_set_load((const char *const *)argv + 2, argc - 2, &set, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator: ruleset check: %s\n", err.msg);
        return ADJ_EXIT_REJECTED;
    }
    for (int i = 0; i < set.n; i++) {
        const AdjRuleset *rs = set.sets[i];
        char from[11], to[11];
        adj_date_format_iso(rs->effective_from, from, sizeof(from));
        adj_date_format_iso(rs->effective_to, to, sizeof(to));
        int estimates = 0;
        for (int f = 0; f < rs->nfees; f++)
            estimates += rs->fees[f].estimate;
        char high[32];
        adj_money_format(rs->high_dollar, high, sizeof(high));
        printf("ok %s %s %s..%s sha256=%s codes=%d fees=%d (estimates %d) ncci_pairs=%d "
               "addons=%d mue_codes=%d (default %d a day) dx_codes=%d high_dollar_review=%s\n",
               rs->id, rs->path, from, to, rs->sha256, rs->ninfo, rs->nfees, estimates, rs->nncci,
               rs->naddons, rs->nmue, rs->mue_default, rs->ndx, high);
        for (int t = 0; t < rs->ntables; t++)
            printf("   table %-9s %s sha256=%s\n", rs->tables[t].name, rs->tables[t].file,
                   rs->tables[t].sha256);
    }
    adj_ruleset_set_free(&set);
    return 0;
}
