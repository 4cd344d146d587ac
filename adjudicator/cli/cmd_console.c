/* adjudicator console [--listen ADDR] [--port N] [--tls-cert F --tls-key F]
 * [--threads N]: the provider-relations web console (console/console.h)
 * until SIGTERM or Ctrl-C. */
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
            "add`. Re-runs and pend decisions are checkpointed (audit.signing_key);\n"
            "fees come from the installed rulesets (rulesets.dir). Claim pages and\n"
            "search read from db.read_conninfo when it is set (a standby: a claim\n"
            "committed a moment ago may not show yet); the access log, sign-in,\n"
            "re-runs, the pend queue and shadow runs use db.conninfo. One line per\n"
            "request goes to stderr (method, path, status, time, staff login).\n");
}

typedef struct ConsoleArgs {
    AdjConsoleOptions o;
} ConsoleArgs;

static int on_option(void *ctx, int id, const char *name, const char *v)
{
    ConsoleArgs *a = ctx;
    switch (id) {
    case 'l': a->o.address = v; break;
    case 'c': a->o.tls_cert = v; break;
    case 'k': a->o.tls_key = v; break;
    default: {
        char *end;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end || n < 1 || n > (id == 'p' ? 65535 : 64))
            return adj_cli_usage_error("console", "--%s out of range: '%s'", name, v);
        *(id == 'p' ? &a->o.port : &a->o.threads) = (int)n;
    }
    }
    return ADJ_CLI_GO;
}

/* ADJ_CLI_GO, or the exit status after one line on stderr */
static int console_parse(AdjCli *cli, int argc, char **argv, ConsoleArgs *a)
{
    static const AdjCliOpt opts[] = {{"listen", 1, 'l'}, {"port", 1, 'p'}, {"tls-cert", 1, 'c'},
                                     {"tls-key", 1, 'k'}, {"threads", 1, 't'}, {NULL, 0, 0}};
    a->o.address = "127.0.0.1";
    a->o.port = 8080;
    a->o.threads = 4;
    a->o.session_minutes = 30;
    AdjCliSpec spec = {"console", console_usage, opts, on_option, a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc > 1)
        return adj_cli_usage_error("console", "unexpected argument '%s'", argv[1]);
    if ((a->o.tls_cert == NULL) != (a->o.tls_key == NULL))
        return adj_cli_usage_error("console", "--tls-cert and --tls-key go together");
    return ADJ_CLI_GO;
}

int adj_cmd_console(AdjCli *cli, int argc, char **argv)
{
    static ConsoleArgs a;
    memset(&a, 0, sizeof(a));
    int rc = console_parse(cli, argc, argv, &a);
    if (rc != ADJ_CLI_GO)
        return rc;
    AdjError err = {0};
    static AdjCliAuditKeys keys;
    memset(&keys, 0, sizeof(keys));
    if (adj_cli_audit_keys_signing(cli, &keys, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator console: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    static char rbuf[PATH_MAX];
    a.o.conninfo = adj_cli_conninfo(cli);
    /* db.read_conninfo (a standby) for claim pages and search, when set */
    if (strcmp(adj_cli_read_conninfo(cli), a.o.conninfo) != 0)
        a.o.read_conninfo = adj_cli_read_conninfo(cli);
    a.o.rulesets_path = adj_cli_rulesets_path(cli, NULL, rbuf, sizeof(rbuf));
    a.o.sign_key = keys.sign;
    a.o.key = keys.has_hmac ? keys.hmac : NULL;
    a.o.key_len = keys.hmac_len;
    a.o.stop = &console_stop;
    a.o.log = stderr;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    AdjStatus st = adj_console_run(&a.o, &err);
    adj_cli_audit_keys_free(&keys);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator console: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    return ADJ_EXIT_OK;
}
