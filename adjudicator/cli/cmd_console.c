/* adjudicator console [--listen ADDR] [--port N] [--tls-cert F --tls-key F]
 * [--threads N]: the provider-relations web console (console/console.h)
 * until SIGTERM or Ctrl-C. */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "console/console.h"
#include "crypto/crypto.h"

static volatile sig_atomic_t console_stop;

static void on_stop(int sig)
{
    (void)sig;
    console_stop = 1;
}

static void console_usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator [--config FILE] [--db CONNINFO] console [--listen ADDR]\n"
            "           [--port N] [--tls-cert PEM --tls-key PEM] [--threads N]\n\n"
            "Serve the provider-relations console on http://ADDR:N/ (default\n"
            "127.0.0.1:8080; HTTPS with --tls-cert/--tls-key, else put it behind a TLS\n"
            "reverse proxy). Staff sign in with accounts made by `adjudicator staff\n"
            "add`. Re-runs and pend decisions are checkpointed with audit.key_file;\n"
            "fees come from the installed rulesets (rulesets.dir). One line per\n"
            "request goes to stderr (method, path, status, time, staff login).\n");
}

typedef struct ConsoleArgs {
    AdjConsoleOptions o;
} ConsoleArgs;

static int console_parse(int argc, char **argv, ConsoleArgs *a)
{
    static const struct option opts[] = {{"listen", required_argument, NULL, 'l'},
                                         {"port", required_argument, NULL, 'p'},
                                         {"tls-cert", required_argument, NULL, 'c'},
                                         {"tls-key", required_argument, NULL, 'k'},
                                         {"threads", required_argument, NULL, 't'},
                                         {NULL, 0, NULL, 0}};
    a->o.address = "127.0.0.1";
    a->o.port = 8080;
    a->o.threads = 4;
    a->o.session_minutes = 30;
    optind = 0;
    opterr = 0;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'l': a->o.address = optarg; break;
        case 'c': a->o.tls_cert = optarg; break;
        case 'k': a->o.tls_key = optarg; break;
        case 'p':
        case 't': {
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > (c == 'p' ? 65535 : 64)) {
                fprintf(stderr, "adjudicator console: --%s out of range: '%s'\n",
                        c == 'p' ? "port" : "threads", optarg);
                return 2;
            }
            *(c == 'p' ? &a->o.port : &a->o.threads) = (int)v;
            break;
        }
        default:
            fprintf(stderr, "adjudicator console: unknown option or missing value '%s'\n",
                    argv[optind - 1]);
            return 2;
        }
    }
    if (optind < argc || (a->o.tls_cert == NULL) != (a->o.tls_key == NULL)) {
        fprintf(stderr, "adjudicator console: unexpected argument, or --tls-cert without "
                        "--tls-key\n");
        return 2;
    }
    return 0;
}

int adj_cmd_console(AdjCli *cli, int argc, char **argv)
{
    if (adj_cli_wants_help(argc, argv)) {
        console_usage(stdout);
        return 0;
    }
    static ConsoleArgs a;
    memset(&a, 0, sizeof(a));
    int rc = console_parse(argc, argv, &a);
    if (rc)
        return rc;
    AdjError err = {0};
    static uint8_t key[ADJ_KEY_MAX];
    size_t key_len = 0;
    if (adj_crypto_key_load(cli->config.audit_key_file, key, &key_len, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator console: %s\n", err.msg);
        return 2;
    }
    static char rbuf[PATH_MAX];
    a.o.conninfo = adj_cli_conninfo(cli);
    a.o.rulesets_path = adj_cli_rulesets_path(cli, NULL, rbuf, sizeof(rbuf));
    a.o.key = key;
    a.o.key_len = key_len;
    a.o.stop = &console_stop;
    a.o.log = stderr;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    AdjStatus st = adj_console_run(&a.o, &err);
    memset(key, 0, sizeof(key));
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator console: %s\n", err.msg);
        return st == ADJ_ERR_DB ? 3 : 2;
    }
    return 0;
}
