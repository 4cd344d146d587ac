/* adjudicator pend list | pend decide: the pend work queue at the command
 * line. list reads; decide appends one decision version (pend/pend.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/show.h"
#include "core/json.h"
#include "crypto/crypto.h"
#include "crypto/sign.h"
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
            "(chained, in a signed checkpoint: audit.signing_key), attributed to the\n"
            "database login, with the reason; history counts it from then on. The\n"
            "decisions of other claims that relied on the claim are listed after.\n"
            "Exit 1 when refused (the reason on stderr), 2 for usage.\n");
}

typedef struct PendArgs {
    /* list */
    const char *rule;
    int older, limit;
    bool json, list_only;        /* an option only list takes was given */
    /* decide */
    AdjPendDecide d;
    const char *rarc[ADJ_MAX_RARC + 1];
    const char *ruleset;
    bool decide_only;
} PendArgs;

static int whole(const char *opt, const char *v, long min, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == '\0' || *end || n < min || n > 100000)
        return adj_cli_usage_error("pend", "--%s takes a whole number, not '%s'", opt, v);
    *out = (int)n;
    return ADJ_CLI_GO;
}

static int on_option(void *ctx, int id, const char *name, const char *v)
{
    PendArgs *a = ctx;
    switch (id) {
    case 'o': a->list_only = true; return whole(name, v, 0, &a->older);
    case 'l': a->list_only = true; return whole(name, v, 1, &a->limit);
    case 'f': {
        AdjFormat f;
        if (!adj_format_parse("pend", v, ADJ_FMT_BIT(ADJ_FMT_TABLE) | ADJ_FMT_BIT(ADJ_FMT_JSON), &f))
            return ADJ_EXIT_USAGE;
        a->json = f == ADJ_FMT_JSON;
        a->list_only = true;
        break;
    }
    case 'r': /* list: the rule filter; decide: the reason */
        a->rule = v;
        a->d.reason = v;
        break;
    case 'p': a->d.pay = true; a->decide_only = true; break;
    case 'a': a->d.allowed = v; a->decide_only = true; break;
    case 'd': a->d.deny = v; a->decide_only = true; break;
    case 's': a->ruleset = v; a->decide_only = true; break;
    default: /* --rarc */
        if (a->d.nrarc == ADJ_MAX_RARC)
            return adj_cli_usage_error("pend", "at most %d RARCs", ADJ_MAX_RARC);
        a->rarc[a->d.nrarc++] = v;
        a->decide_only = true;
    }
    return ADJ_CLI_GO;
}

/* ADJ_CLI_GO with argv[1] list or decide (and decide's CLAIM LINE), or the
 * exit status after one line on stderr */
static int pend_parse(AdjCli *cli, int *argc, char **argv, PendArgs *a)
{
    static const AdjCliOpt opts[] = {
        {"reason", 1, 'r'}, {"older-than", 1, 'o'}, {"limit", 1, 'l'}, {"format", 1, 'f'},
        {"pay", 0, 'p'},    {"allowed", 1, 'a'},    {"deny", 1, 'd'},   {"rarc", 1, 'R'},
        {"ruleset", 1, 's'}, {NULL, 0, 0}};
    a->older = -1;
    a->limit = 1000;
    a->d.rarc = a->rarc;
    AdjCliSpec spec = {"pend", pend_usage, opts, on_option, a};
    int rc = adj_cli_parse(cli, &spec, argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (*argc < 2)
        return adj_cli_usage_error("pend", "pend list or pend decide CLAIM LINE");
    if (strcmp(argv[1], "list") == 0) {
        if (a->decide_only)
            return adj_cli_usage_error("pend", "--pay, --allowed, --deny, --rarc and --ruleset "
                                               "go with pend decide");
        if (*argc > 2)
            return adj_cli_usage_error("pend", "unexpected argument '%s'", argv[2]);
        return ADJ_CLI_GO;
    }
    if (strcmp(argv[1], "decide") != 0)
        return adj_cli_usage_error("pend", "unknown action '%s': pend list or pend decide",
                                   argv[1]);
    if (a->list_only)
        return adj_cli_usage_error("pend", "--older-than, --limit and --format go with pend list");
    char *end = NULL;
    long line = *argc == 4 ? strtol(argv[3], &end, 10) : 0;
    if (*argc != 4 || *end || line < 1 || line > 9999)
        return adj_cli_usage_error("pend", "give CLAIM and LINE (a line number)");
    a->d.claim = argv[2];
    a->d.line = (int)line;
    return ADJ_CLI_GO;
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

static int pend_list(AdjCli *cli, const PendArgs *a)
{
    AdjError err = {0};
    AdjStore *store = NULL;
    AdjStorePendRow *p = NULL;
    size_t n = 0;
    int64_t total = 0;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &store, &err);
    if (st == ADJ_OK)
        st = adj_store_pend_list(store, a->rule, a->older, a->limit, 0, &p, &n, &total, &err);
    adj_store_close(store);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator pend list: %s\n", err.msg);
        free(p);
        return adj_status_exit_code(st);
    }
    if (a->json)
        list_json(p, n, total);
    else
        list_table(p, n, total);
    free(p);
    return 0;
}

static int pend_decide(AdjCli *cli, PendArgs *pa)
{
    PendArgs *a = pa;
    AdjError err = {0};
    static AdjCliAuditKeys keys;
    memset(&keys, 0, sizeof(keys));
    if (adj_cli_audit_keys_signing(cli, &keys, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator pend decide: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    char rbuf[PATH_MAX];
    a->d.conninfo = adj_cli_conninfo(cli);
    a->d.rulesets_path = adj_cli_rulesets_path(cli, a->ruleset, rbuf, sizeof(rbuf));
    a->d.sign_key = keys.sign;
    a->d.key = keys.has_hmac ? keys.hmac : NULL;
    a->d.key_len = keys.hmac_len;
    AdjArena deps;
    adj_arena_init(&deps, 16 * 1024);
    a->d.deps_arena = &deps;
    AdjPendResult res;
    AdjStatus st = adj_pend_decide(&a->d, &res, &err);
    adj_cli_audit_keys_free(&keys);
    if (st != ADJ_OK) {
        adj_arena_free(&deps);
        fprintf(stderr, "adjudicator pend decide: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    printf("claim %s (pcn %s) line %d: %s, decided by %s\n", res.claim_id, res.pcn, a->d.line,
           res.outcome, res.decided_by);
    adj_show_text_deps(stdout, res.deps, res.ndeps, true, isatty(fileno(stdout)) != 0);
    adj_arena_free(&deps);
    return 0;
}

int adj_cmd_pend(AdjCli *cli, int argc, char **argv)
{
    static PendArgs a;
    memset(&a, 0, sizeof(a));
    int rc = pend_parse(cli, &argc, argv, &a);
    if (rc != ADJ_CLI_GO)
        return rc;
    return strcmp(argv[1], "list") == 0 ? pend_list(cli, &a) : pend_decide(cli, &a);
}
