/* The adjudicator command: global options, then one subcommand from the
 * table below (or help, --version). Add a subcommand by adding a row and a
 * cmd_<name>.c that parses its arguments with adj_cli_parse. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

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
    {"pend", adj_cmd_pend, "pend list | pend decide CLAIM LINE --pay|--deny CARC --reason R: the pend queue"},
    {"console", adj_cmd_console, "console [--listen ADDR] [--port N]: the provider-relations web console"},
    {"staff", adj_cmd_staff, "staff add LOGIN --role R | passwd LOGIN | disable LOGIN: console accounts"},
    {"audit", adj_cmd_audit, "audit verify: check the decisions' hash chains and checkpoints"},
    {"synth", adj_cmd_synth, "write a synthetic 837P (and reference CSVs) for demos and benchmarks"},
    {"parse", adj_cmd_parse, "parse FILE...: print each claim of 837P files as read (JSON lines)"},
    {"check", adj_cmd_check, "check --providers P --members M --plans L FILE.837...: decide without a database"},
    {"ack", adj_cmd_ack, "ack [--out DIR] FILE...: TA1, 999 and 277CA for 837 files, no database"},
    {"remit", adj_cmd_remit, "remit --out DIR [--through DATE]: 835s of the decisions not yet remitted"},
    {"ruleset", adj_cmd_ruleset, "ruleset check FILE|DIR...: validate rulesets"},
    {"report", adj_cmd_report, "report approval-rates | verify: regulator reports, signed"},
    {"status", adj_cmd_status, "status: the queue by state, failed claims, workers, newest checkpoint"},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

#ifndef ADJ_VERSION
#define ADJ_VERSION "unknown"
#endif

static void usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] [-v] COMMAND [ARGS]\n"
               "       adjudicator help [COMMAND] | --version\n\n"
               "Adjudicates CoCM/BHI professional claims (837P) and writes every\n"
               "decision, with its reasons, to PostgreSQL.\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'adjudicator help COMMAND' (or 'adjudicator COMMAND --help') describes a\n"
               "command. Options go before or after operands, as --opt VALUE or\n"
               "--opt=VALUE; '--' ends the options. --format is table (aligned text),\n"
               "json (one document) or jsonl (one object per line) where a command has it.\n"
               "\noptions (also accepted after COMMAND):\n"
               "  --config FILE   configuration file (libconfig; see deploy/adjudicator.conf.sample)\n"
               "  --db CONNINFO   libpq conninfo, overrides db.conninfo\n"
               "  -v, --verbose   debug logging\n"
               "  --version       print the version and exit\n"
               "\nexit status: 0 ok, 1 some input rejected (the rest processed), 2 usage or\n"
               "configuration error or an input file that cannot be read, 3 database\n"
               "unavailable\n\nconfiguration keys:\n");
    adj_config_describe(f);
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

static const Command *find(const char *name)
{
    for (size_t c = 0; c < NCOMMANDS; c++)
        if (strcmp(name, commands[c].name) == 0)
            return &commands[c];
    return NULL;
}

/* adjudicator help [COMMAND]: the command's --help text on stdout */
static int help(AdjCli *cli, int argc, char **argv)
{
    if (argc == 0) {
        usage(stdout);
        return ADJ_EXIT_OK;
    }
    const Command *cmd = find(argv[0]);
    if (cmd == NULL)
        return adj_cli_usage_error(NULL, "help: unknown command '%s'", argv[0]);
    if (argc > 1)
        return adj_cli_usage_error(NULL, "help takes one command, not '%s'", argv[1]);
    char *args[] = {argv[0], (char *)"--help", NULL};
    return cmd->fn(cli, 2, args);
}

int main(int argc, char **argv)
{
    AdjCli cli = {.argv0 = argv[0]};
    enum { OPT_CONFIG = 256, OPT_DB, OPT_VERSION };
    static const struct option lo[] = {
        {"config", required_argument, NULL, OPT_CONFIG}, {"db", required_argument, NULL, OPT_DB},
        {"verbose", no_argument, NULL, 'v'},             {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},     {NULL, 0, NULL, 0}};
    /* "+": the global options end at the command; the command's own parser
     * (adj_cli_parse) accepts them after it too */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "+:hv", lo, NULL)) != -1) {
        switch (c) {
        case OPT_CONFIG:
            cli.config_path = optarg;
            break;
        case OPT_DB:
            cli.db_override = optarg;
            break;
        case 'v':
            cli.verbose = true;
            break;
        case 'h':
            usage(stdout);
            return ADJ_EXIT_OK;
        case OPT_VERSION:
            printf("adjudicator %s\n", ADJ_VERSION);
            return ADJ_EXIT_OK;
        case ':':
            return adj_cli_usage_error(NULL, "%s needs a value", argv[optind - 1]);
        default:
            return adj_cli_usage_error(NULL, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return adj_cli_usage_error(NULL, "no command given");
    if (strcmp(argv[optind], "help") == 0)
        return help(&cli, argc - optind - 1, argv + optind + 1);
    const Command *cmd = find(argv[optind]);
    if (cmd == NULL)
        return adj_cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
    return cmd->fn(&cli, argc - optind, argv + optind);
}
