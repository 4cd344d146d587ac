/* adjudicator pend list | pend decide: the pend work queue at the command
 * line. list reads; decide appends one decision version (pend/pend.h). */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "crypto/crypto.h"
#include "pend/pend.h"
#include "store/pend.h"

static void pend_usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator [--config FILE] [--db CONNINFO] pend list\n"
            "           [--reason R] [--older-than DAYS] [--limit N] [--format table|json]\n"
            "       adjudicator pend decide CLAIM LINE (--pay [--allowed AMOUNT] |\n"
            "           --deny [GROUP-]CARC [--rarc RARC]...) --reason TEXT\n\n"
            "list: pended lines whose decision is in force, oldest first: the claim's\n"
            "payer claim control number, CLM01, billing NPI, line, code, date of\n"
            "service, when it was pended and how many days ago, the rule that pended\n"
            "it (--reason R keeps lines whose rule holds R: duplicate, no_fee,\n"
            "original_missing, ...), the matched claim of a suspect duplicate.\n\n"
            "decide: work one line of a claim (CLAIM: payer claim control number, or\n"
            "a CLM01 that names one claim; LINE: as list shows). --pay pays it at\n"
            "fee x units (the rulesets in force) or at --allowed AMOUNT (at most two\n"
            "decimals, never above fee x units nor the charge; a code without a fee\n"
            "needs --allowed); cost share from the member's plan as the engine\n"
            "prices. --deny takes a CARC (group CO unless given: OA-18) and RARCs from\n"
            "the reason code list. A suspect duplicate is paid only when the reason\n"
            "names the claim it matches. The decision is the claim's next version\n"
            "(chained and checkpointed with audit.key_file), attributed to the\n"
            "database login, with the reason; history counts it from then on. The\n"
            "decisions of other claims that relied on the claim are listed after.\n"
            "Exit 1 when refused (the reason on stderr), 2 for usage.\n");
}

typedef struct ListArgs {
    const char *reason;
    int older, limit;
    bool json;
} ListArgs;

static int list_parse(int argc, char **argv, ListArgs *a)
{
    static const struct option opts[] = {{"reason", required_argument, NULL, 'r'},
                                         {"older-than", required_argument, NULL, 'o'},
                                         {"limit", required_argument, NULL, 'l'},
                                         {"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    a->older = -1;
    a->limit = 1000;
    optind = 0;
    opterr = 0;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'r': a->reason = optarg; break;
        case 'o':
        case 'l': {
            long v = strtol(optarg, &end, 10);
            if (*end || optarg[0] == '\0' || v < (c == 'o' ? 0 : 1) || v > 100000) {
                fprintf(stderr, "adjudicator pend list: --%s takes a whole number, not '%s'\n",
                        c == 'o' ? "older-than" : "limit", optarg);
                return 2;
            }
            *(c == 'o' ? &a->older : &a->limit) = (int)v;
            break;
        }
        case 'f':
            if (strcmp(optarg, "table") && strcmp(optarg, "json")) {
                fprintf(stderr, "adjudicator pend list: --format takes table or json, not '%s'\n",
                        optarg);
                return 2;
            }
            a->json = strcmp(optarg, "json") == 0;
            break;
        default:
            fprintf(stderr, "adjudicator pend list: unknown option or missing value '%s'\n",
                    argv[optind - 1]);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "adjudicator pend list: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    return 0;
}

static void list_json(const AdjStorePendRow *p, size_t n, int64_t total)
{
    printf("{\"total\":%lld,\"lines\":[", (long long)total);
    for (size_t i = 0; i < n; i++) {
        printf("%s{\"pcn\":", i ? "," : "");
        adj_json_cstr(stdout, p[i].pcn);
        fputs(",\"claim_id\":", stdout);
        adj_json_cstr(stdout, p[i].claim_id);
        fputs(",\"billing_npi\":", stdout);
        adj_json_cstr(stdout, p[i].npi);
        printf(",\"line\":%d,\"code\":", p[i].line_no);
        adj_json_cstr(stdout, p[i].code);
        fputs(",\"dos\":", stdout);
        adj_json_cstr(stdout, p[i].dos[0] ? p[i].dos : NULL);
        fputs(",\"pended_at\":", stdout);
        adj_json_cstr(stdout, p[i].pended_at);
        printf(",\"age_days\":%d,\"rule\":", p[i].age_days);
        adj_json_cstr(stdout, p[i].rule);
        fputs(",\"matched_claim\":", stdout);
        adj_json_cstr(stdout, p[i].matched[0] ? p[i].matched : NULL);
        fputs(",\"matched_pcn\":", stdout);
        adj_json_cstr(stdout, p[i].matched_pcn[0] ? p[i].matched_pcn : NULL);
        fputs(",\"charge\":", stdout);
        adj_json_cstr(stdout, p[i].charge);
        fputs(",\"reason\":", stdout);
        adj_json_cstr(stdout, p[i].reason);
        fputc('}', stdout);
    }
    fputs("]}\n", stdout);
}

static void list_table(const AdjStorePendRow *p, size_t n, int64_t total)
{
    printf("%-16s %-14s %-10s %2s %-6s %-10s %-20s %4s %-36s %s\n", "PCN", "CLAIM", "NPI", "LN",
           "CODE", "DOS", "PENDED", "DAYS", "RULE", "MATCHED");
    for (size_t i = 0; i < n; i++) {
        printf("%-16s %-14s %-10s %2d %-6s %-10s %-20s %4d %-36s %s%s%s%s\n", p[i].pcn,
               p[i].claim_id, p[i].npi, p[i].line_no, p[i].code, p[i].dos[0] ? p[i].dos : "-",
               p[i].pended_at, p[i].age_days, p[i].rule, p[i].matched[0] ? p[i].matched : "-",
               p[i].matched_pcn[0] ? " (pcn " : "", p[i].matched_pcn,
               p[i].matched_pcn[0] ? ")" : "");
    }
    printf("%lld pended line%s%s\n", (long long)total, total == 1 ? "" : "s",
           (int64_t)n < total ? " (more than shown: --limit)" : "");
}

static int pend_list(AdjCli *cli, int argc, char **argv)
{
    ListArgs a = {0};
    int rc = list_parse(argc, argv, &a);
    if (rc)
        return rc;
    AdjError err = {0};
    AdjStore *store = NULL;
    AdjStorePendRow *p = NULL;
    size_t n = 0;
    int64_t total = 0;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_pend_list(store, a.reason, a.older, a.limit, 0, &p, &n, &total, &err);
    adj_store_close(store);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator pend list: %s\n", err.msg);
        free(p);
        return st == ADJ_ERR_DB ? 3 : 2;
    }
    if (a.json)
        list_json(p, n, total);
    else
        list_table(p, n, total);
    free(p);
    return 0;
}

typedef struct DecideArgs {
    AdjPendDecide d;
    const char *rarc[ADJ_MAX_RARC + 1];
    const char *ruleset;
} DecideArgs;

static int decide_parse(int argc, char **argv, DecideArgs *a)
{
    static const struct option opts[] = {
        {"pay", no_argument, NULL, 'p'},         {"allowed", required_argument, NULL, 'a'},
        {"deny", required_argument, NULL, 'd'},  {"rarc", required_argument, NULL, 'R'},
        {"reason", required_argument, NULL, 'r'}, {"ruleset", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0}};
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'p': a->d.pay = true; break;
        case 'a': a->d.allowed = optarg; break;
        case 'd': a->d.deny = optarg; break;
        case 'r': a->d.reason = optarg; break;
        case 's': a->ruleset = optarg; break;
        case 'R':
            if (a->d.nrarc == ADJ_MAX_RARC + 1) {
                fprintf(stderr, "adjudicator pend decide: at most %d RARCs\n", ADJ_MAX_RARC);
                return 2;
            }
            a->rarc[a->d.nrarc++] = optarg;
            break;
        default:
            fprintf(stderr, "adjudicator pend decide: unknown option or missing value '%s'\n",
                    argv[optind - 1]);
            return 2;
        }
    }
    a->d.rarc = a->rarc;
    char *end;
    long line = optind + 1 < argc ? strtol(argv[optind + 1], &end, 10) : 0;
    if (optind + 2 != argc || *end || line < 1 || line > 9999) {
        fprintf(stderr, "adjudicator pend decide: give CLAIM and LINE (a line number)\n");
        return 2;
    }
    a->d.claim = argv[optind];
    a->d.line = (int)line;
    return 0;
}

static int pend_decide(AdjCli *cli, int argc, char **argv)
{
    static DecideArgs a;
    memset(&a, 0, sizeof(a));
    int rc = decide_parse(argc, argv, &a);
    if (rc)
        return rc;
    AdjError err = {0};
    uint8_t key[ADJ_KEY_MAX];
    size_t key_len = 0;
    if (adj_crypto_key_load(cli->config.audit_key_file, key, &key_len, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator pend decide: %s\n", err.msg);
        return 2;
    }
    char rbuf[PATH_MAX];
    a.d.conninfo = adj_cli_conninfo(cli);
    a.d.rulesets_path = adj_cli_rulesets_path(cli, a.ruleset, rbuf, sizeof(rbuf));
    a.d.key = key;
    a.d.key_len = key_len;
    char *deps = NULL;
    size_t deps_len = 0;
    a.d.deps_out = open_memstream(&deps, &deps_len);
    AdjPendResult res;
    AdjStatus st = adj_pend_decide(&a.d, &res, &err);
    fclose(a.d.deps_out);
    memset(key, 0, sizeof(key));
    if (st != ADJ_OK) {
        free(deps);
        fprintf(stderr, "adjudicator pend decide: %s\n", err.msg);
        return st == ADJ_ERR_INPUT ? 1 : st == ADJ_ERR_DB ? 3 : 2;
    }
    printf("claim %s (pcn %s) line %d: %s, decided by %s\n", res.claim_id, res.pcn, a.d.line,
           res.outcome, res.decided_by);
    fputs(deps ? deps : "", stdout);
    free(deps);
    return 0;
}

int adj_cmd_pend(AdjCli *cli, int argc, char **argv)
{
    if (adj_cli_wants_help(argc, argv) || argc < 2) {
        pend_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "list") == 0)
        return pend_list(cli, argc - 1, argv + 1);
    if (strcmp(argv[1], "decide") == 0)
        return pend_decide(cli, argc - 1, argv + 1);
    fprintf(stderr, "adjudicator pend: unknown subcommand '%s' (list or decide)\n", argv[1]);
    return 2;
}
