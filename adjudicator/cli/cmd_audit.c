/* adjudicator audit verify: recompute the decisions' hash chains and the
 * batch checkpoints (HMAC with audit.key_file). Reads only. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "store/store.h"

static void audit_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] audit verify [--key-file=F]\n\n"
               "Recompute every claim's SHA-256 decision chain and every batch checkpoint's\n"
               "HMAC (key from audit.key_file, or --key-file). Each mismatch is one line on\n"
               "stderr naming the claim and version, or the checkpoint. Exit 0 when all\n"
               "verify, 1 when anything was altered, added or removed.\n");
}

static void report_line(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "audit verify: %s\n", msg);
}

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    (void)id;
    (void)name;
    *(const char **)ctx = value; /* --key-file */
    return ADJ_CLI_GO;
}

int adj_cmd_audit(AdjCli *cli, int argc, char **argv)
{
    const char *key_file = NULL;
    static const AdjCliOpt opts[] = {{"key-file", 1, 'k'}, {NULL, 0, 0}};
    AdjCliSpec spec = {"audit", audit_usage, opts, on_option, &key_file};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc < 2)
        return adj_cli_usage_error("audit", "no action given: audit verify");
    if (strcmp(argv[1], "verify") != 0)
        return adj_cli_usage_error("audit", "unknown action '%s': audit verify", argv[1]);
    if (argc > 2)
        return adj_cli_usage_error("audit", "unexpected argument '%s'", argv[2]);
    if (key_file == NULL)
        key_file = cli->config.audit_key_file;
    AdjError err = {0};
    uint8_t key[ADJ_KEY_MAX];
    size_t key_len = 0;
    if (adj_crypto_key_load(key_file, key, &key_len, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator audit verify: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    AdjStore *store = NULL;
    AdjAuditResult res = {0};
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_audit_verify(store, key, key_len, report_line, NULL, &res, &err);
    adj_store_close(store);
    memset(key, 0, sizeof(key));
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator audit verify: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    if (res.problems > 0) {
        fprintf(stderr,
                "audit verify: FAILED: %lld problem%s in %lld claims, %lld decisions, "
                "%lld checkpoints\n",
                (long long)res.problems, res.problems == 1 ? "" : "s", (long long)res.claims,
                (long long)res.decisions, (long long)res.checkpoints);
        return ADJ_EXIT_REJECTED;
    }
    printf("audit verify: ok: %lld claims, %lld decisions, %lld checkpoints verified\n",
           (long long)res.claims, (long long)res.decisions, (long long)res.checkpoints);
    return 0;
}
