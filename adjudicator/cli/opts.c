/* The one command grammar (docs/contracts.md "The command"): every
 * subcommand parses its options here, through getopt_long, so options go
 * before or after operands, `--opt value` and `--opt=value` both work, `--`
 * ends the options, and a usage error is one line naming what was wrong.
 * The global options (--config, --db, -v) are accepted anywhere too; the
 * configuration is loaded once the whole command line is read. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"
#include "core/log.h"

enum { OPT_HELP = 0x10000, OPT_CONFIG, OPT_DB, OPT_VERBOSE };

#define MAX_OPTS 40

int adj_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "adjudicator%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd != NULL)
        fprintf(stderr, " (see 'adjudicator help %s')\n", cmd);
    else
        fputs(" (see 'adjudicator --help')\n", stderr);
    return ADJ_EXIT_USAGE;
}

int adj_cli_configure(AdjCli *cli)
{
    if (cli->configured)
        return ADJ_CLI_GO;
    cli->configured = true;
    adj_config_defaults(&cli->config);
    if (cli->config_path != NULL) {
        AdjError err = {0};
        if (adj_config_load(&cli->config, cli->config_path, &err) != ADJ_OK) {
            fprintf(stderr, "adjudicator: %s\n", err.msg);
            return ADJ_EXIT_USAGE;
        }
    }
    adj_log_set_level(cli->verbose ? ADJ_LOG_DEBUG
                                   : (AdjLogLevel)adj_log_level_parse(cli->config.log_level));
    adj_log_set_journal_socket(cli->config.log_journal_socket);
    adj_log_set_format((AdjLogFormat)adj_log_format_parse(cli->config.log_format));
    /* TLS: a TCP conninfo needs sslmode=verify-full unless configured otherwise */
    adj_store_tls_policy(cli->config.db_allow_insecure_tcp != 0);
    return ADJ_CLI_GO;
}

/* The option as the user wrote it, without any "=value". */
static const char *as_written(const char *arg, char *buf, size_t size)
{
    const char *eq = strchr(arg, '=');
    if (strncmp(arg, "--", 2) != 0 || eq == NULL)
        snprintf(buf, size, "%s", arg);
    else
        snprintf(buf, size, "%.*s", (int)(eq - arg), arg);
    return buf;
}

int adj_cli_parse(AdjCli *cli, const AdjCliSpec *spec, int *argc, char **argv)
{
    struct option lo[MAX_OPTS + 5];
    int n = 0;
    for (const AdjCliOpt *o = spec->opts; o != NULL && o->name != NULL && n < MAX_OPTS; o++, n++)
        lo[n] = (struct option){o->name, o->arg, NULL, o->id};
    lo[n++] = (struct option){"help", no_argument, NULL, OPT_HELP};
    lo[n++] = (struct option){"config", required_argument, NULL, OPT_CONFIG};
    lo[n++] = (struct option){"db", required_argument, NULL, OPT_DB};
    lo[n++] = (struct option){"verbose", no_argument, NULL, OPT_VERBOSE};
    lo[n] = (struct option){NULL, 0, NULL, 0};

    /* "-": operands come back in order as 1 (no reordering, whatever
     * POSIXLY_CORRECT says); ":": a missing value comes back as ':' */
    int nops = 0;
    char buf[128];
    optind = 0; /* GNU: start afresh */
    opterr = 0;
    int c;
    while ((c = getopt_long(*argc, argv, "-:hv", lo, NULL)) != -1) {
        const char *arg = argv[optind - 1];
        switch (c) {
        case 1:
            argv[++nops] = optarg; /* compact operands into argv[1..] */
            break;
        case 'h':
        case OPT_HELP:
            spec->usage(stdout);
            return ADJ_EXIT_OK;
        case OPT_CONFIG:
            cli->config_path = optarg;
            break;
        case OPT_DB:
            cli->db_override = optarg;
            break;
        case 'v':
        case OPT_VERBOSE:
            cli->verbose = true;
            break;
        case ':':
            return adj_cli_usage_error(spec->name, "%s needs a value",
                                       as_written(arg, buf, sizeof(buf)));
        case '?':
            if (optopt != 0 && strncmp(arg, "--", 2) == 0 && strchr(arg, '=') != NULL)
                return adj_cli_usage_error(spec->name, "%s takes no value",
                                           as_written(arg, buf, sizeof(buf)));
            if (optopt != 0 && strncmp(arg, "--", 2) != 0)
                return adj_cli_usage_error(spec->name, "unknown option '-%c'", optopt);
            as_written(arg, buf, sizeof(buf));
            if (strncmp(buf, "--", 2) == 0 && buf[2] != '\0') {
                int matches = 0; /* getopt_long takes unique prefixes */
                for (int i = 0; lo[i].name != NULL; i++)
                    matches += strncmp(lo[i].name, buf + 2, strlen(buf + 2)) == 0;
                if (matches > 1)
                    return adj_cli_usage_error(spec->name, "ambiguous option '%s'", buf);
            }
            return adj_cli_usage_error(spec->name, "unknown option '%s'", buf);
        default: {
            const char *name = arg;
            for (int i = 0; lo[i].name != NULL; i++)
                if (lo[i].val == c)
                    name = lo[i].name;
            int rc = spec->option(spec->ctx, c, name, optarg);
            if (rc != ADJ_CLI_GO)
                return rc;
        }
        }
    }
    for (; optind < *argc; optind++) /* after "--" */
        argv[++nops] = argv[optind];
    *argc = nops + 1;
    argv[*argc] = NULL;
    return adj_cli_configure(cli);
}

bool adj_format_parse(const char *cmd, const char *value, unsigned allowed, AdjFormat *out)
{
    static const char *const names[] = {"table", "json", "jsonl", "csv", "html"};
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(value, names[i]) == 0 && (allowed & (1u << i))) {
            *out = (AdjFormat)i;
            return true;
        }
    char list[64] = "";
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (allowed & (1u << i))
            snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
                     list[0] ? "|" : "", names[i]);
    adj_cli_usage_error(cmd, "--format takes %s, not '%s'", list, value);
    return false;
}
