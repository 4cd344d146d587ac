/* The adjudicator command: global options, then one subcommand from the
 * table below. Add a subcommand by adding a row and a cmd_<name>.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"

typedef struct Command {
    const char *name;
    AdjCommandFn fn;
    const char *summary;
} Command;

static const Command commands[] = {
    {"db", adj_cmd_db, "db init | db migrate: create or upgrade the schema"},
    {"load", adj_cmd_load, "load --providers P --members M --plans L: upsert reference data"},
    {"ingest", adj_cmd_ingest, "ingest FILE...: store 837P claims in the intake queue"},
    {"run", adj_cmd_run, "run --once: decide every claim of the intake queue, then exit"},
    {"serve", adj_cmd_serve, "serve: decide the intake queue as claims arrive, until SIGTERM"},
    {"show", adj_cmd_show, "show CLAIM_ID [--npi NPI]: every decision version of a claim"},
    {"rerun", adj_cmd_rerun, "rerun CLAIM_ID...|--where F... --reason R --user U: re-decide, record why"},
    {"audit", adj_cmd_audit, "audit verify: check the decisions' hash chains and checkpoints"},
    {"synth", adj_cmd_synth, "write a synthetic 837P (and reference CSVs) for demos and benchmarks"},
    {"parse", adj_cmd_parse, "parse FILE...: print each claim of 837P files as read (JSON lines)"},
    {"check", adj_cmd_check, "check --providers P --members M --plans L FILE.837...: decide without a database"},
    {"ack", adj_cmd_ack, "ack [--out DIR] FILE...: TA1, 999 and 277CA for 837 files, no database"},
    {"remit", adj_cmd_remit, "remit --out DIR [--through DATE]: 835s of the decisions not yet remitted"},
    {"ruleset", adj_cmd_ruleset, "ruleset check FILE|DIR...: validate rulesets"},
    {"report", adj_cmd_report, "report approval-rates | verify: regulator reports, signed"},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] [-v] COMMAND [ARGS]\n\n"
               "Adjudicates CoCM/BHI professional claims (837P) and writes every\n"
               "decision, with its reasons, to PostgreSQL.\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'adjudicator COMMAND --help' describes a command.\n"
               "\noptions:\n"
               "  --config FILE   configuration file (libconfig; see deploy/adjudicator.conf.sample)\n"
               "  --db CONNINFO   libpq conninfo, overrides db.conninfo\n"
               "  -v              debug logging\n"
               "\nexit status: 0 ok, 1 some input rejected, 2 usage or configuration error,\n"
               "3 database unavailable\n\nconfiguration keys:\n");
    adj_config_describe(f);
}

bool adj_cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    return false;
}

const char *adj_cli_conninfo(const AdjCli *cli)
{
    if (cli->db_override != NULL)
        return cli->db_override;
    if (cli->config.db_conninfo[0] != '\0')
        return cli->config.db_conninfo;
    const char *env = getenv("ADJ_DB");
    return env != NULL ? env : "";
}

int main(int argc, char **argv)
{
    AdjCli cli = {.argv0 = argv[0]};
    int i = 1;
    bool verbose = false;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            cli.config_path = argv[++i];
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            cli.db_override = argv[++i];
        } else if (strcmp(argv[i], "-v") == 0) {
            verbose = true;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "adjudicator: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    adj_config_defaults(&cli.config);
    if (cli.config_path != NULL) {
        AdjError err = {0};
        if (adj_config_load(&cli.config, cli.config_path, &err) != ADJ_OK) {
            fprintf(stderr, "adjudicator: %s\n", err.msg);
            return 2;
        }
    }
    adj_log_set_level(verbose ? ADJ_LOG_DEBUG
                              : (AdjLogLevel)adj_log_level_parse(cli.config.log_level));
    for (size_t c = 0; c < NCOMMANDS; c++)
        if (strcmp(argv[i], commands[c].name) == 0)
            return commands[c].fn(&cli, argc - i, argv + i);
    fprintf(stderr, "adjudicator: unknown command '%s' (see adjudicator --help)\n", argv[i]);
    return 2;
}
