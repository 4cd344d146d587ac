/* adjudicator rerun CLAIM_ID... | --where FILTER... --reason TEXT --user NAME
 * [--ruleset F|DIR] [--dry-run] [--record-unchanged] [--batch N]: parse and
 * check the arguments, then rerun/rerun.c does the work. SIGINT/SIGTERM
 * finish the current batch and stop; the same command resumes. */
#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/date.h"
#include "crypto/crypto.h"
#include "rerun/rerun.h"

#define MAX_CLAIMS 256

static volatile sig_atomic_t stop_flag;

static void on_stop(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void rerun_usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator [--config FILE] [--db CONNINFO] rerun CLAIM_ID... [--npi NPI]\n"
            "           --reason TEXT --user NAME [--ruleset FILE|DIR] [--dry-run]\n"
            "           [--record-unchanged] [--batch N] [--allow-uninstalled-ruleset]\n"
            "       adjudicator rerun --where FILTER... --reason TEXT --user NAME [...]\n\n"
            "Re-decide stored claims with the reference data in force and the history\n"
            "as it stands around each claim (a claim never counts itself). A line\n"
            "whose decision changes gets a new decision version, chained after the\n"
            "old one, with the reason and the user; a claim that does not change is\n"
            "not written unless --record-unchanged. Claim IDs print old -> new per\n"
            "line; every run prints a table of changed lines (old -> new outcome and\n"
            "CARC, lines, paid before and after) and a summary line.\n\n"
            "filters (all must hold; line filters hold on one line in force):\n"
            "  plan=PLAN  code=CODE  npi=BILLING_NPI  month=YYYY-MM[..YYYY-MM]\n"
            "  outcome=pay|deny|pend|forward|reject|void  carc=CARC\n"
            "  depends-on=CLAIM_ID   decisions of other claims that relied on its lines\n\n"
            "--dry-run decides the same way and writes no decision. With --ruleset NEW\n"
            "whose rulesets are not the installed ones (rulesets.dir), a dry run is a\n"
            "shadow run: the installed rulesets and NEW decide the same claims against\n"
            "the same reference data and stored history, and only lines whose outcome,\n"
            "CARC/RARC or amounts differ count as changed (NEW's effect alone). NEW's\n"
            "text is stored under its SHA-256. A real run with rulesets that are not\n"
            "installed is refused unless --allow-uninstalled-ruleset is given, and is\n"
            "recorded as such. Every run, dry or not, is recorded in rerun_run. Re-runs run under the adj_staff role. Ctrl-C\n"
            "(SIGINT) or SIGTERM finishes the current batch and stops; the same\n"
            "command resumes.\n\n"
            "A claim a later replacement (frequency 7) or void (8) superseded is never\n"
            "re-run: --where skips it (the summary says how many), and a CLAIM_ID\n"
            "whose claims are all superseded is refused, naming the claim that\n"
            "superseded it. When a replacement kept the CLM01, CLAIM_ID re-runs it.\n\n"
            "exit status: 0 ok; 1 a CLAIM_ID with no decided claim, or superseded\n"
            "(the others are re-run); 2 usage or configuration; 3 database\n"
            "unavailable; 130 interrupted by Ctrl-C or SIGTERM before the end (the\n"
            "shell's conventional status for Ctrl-C, 128 + SIGINT; the batches\n"
            "done are committed: run the same command again to resume)\n");
}

typedef struct Args {
    const char *claims[MAX_CLAIMS];
    size_t nclaims;
    const char *npi, *reason, *user, *ruleset;
    bool dry_run, record_unchanged, where, allow_uninstalled;
    int batch;
    char month_from[11], month_to[11];
    AdjStoreRerunFilter f;
} Args;

static bool all_digits(const char *s, size_t len)
{
    if (strlen(s) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* Text stored for people (reason, user): UTF-8 without control characters,
 * so it is one line in `show` and PostgreSQL accepts it. */
static bool plain_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x20 || *p == 0x7f)
            return false;
        int more = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
                 : (*p & 0xf8) == 0xf0 ? 3 : -1;
        if (more < 0 || (more == 1 && *p < 0xc2))
            return false;
        p++;
        for (int i = 0; i < more; i++, p++)
            if ((*p & 0xc0) != 0x80)
                return false;
    }
    return true;
}

static bool parse_month(const char *s, size_t len, char out[11])
{
    AdjMonth m;
    if (len != 7 || !adj_month_parse(s, len, &m))
        return false;
    snprintf(out, 11, "%.7s-01", s);
    return true;
}

static int bad(const char *what, const char *value)
{
    return adj_cli_usage_error("rerun", "%s '%s'", what, value);
}

static int parse_filter(Args *a, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq[1] == '\0')
        return bad("a filter is KEY=VALUE, not", arg);
    size_t klen = (size_t)(eq - arg);
    const char *v = eq + 1;
#define KEY(k) (klen == strlen(k) && strncmp(arg, k, klen) == 0)
    if (KEY("plan"))
        a->f.plan = v;
    else if (KEY("code"))
        a->f.code = v;
    else if (KEY("npi")) {
        if (!all_digits(v, 10))
            return bad("npi= takes a 10-digit NPI, not", v);
        a->f.npi = v;
    } else if (KEY("outcome")) {
        const char *ok[] = {"pay", "deny", "pend", "forward", "reject", "void"};
        bool found = false;
        for (size_t i = 0; i < 6; i++)
            found = found || strcmp(v, ok[i]) == 0;
        if (!found)
            return bad("outcome= takes pay, deny, pend, forward, reject or void, not", v);
        a->f.outcome = v;
    } else if (KEY("carc")) {
        if (strlen(v) > 5)
            return bad("carc= takes a CARC such as 170, not", v);
        a->f.carc = v;
    } else if (KEY("month")) {
        const char *dots = strstr(v, "..");
        size_t l1 = dots ? (size_t)(dots - v) : strlen(v);
        const char *v2 = dots ? dots + 2 : v;
        if (!parse_month(v, l1, a->month_from) || !parse_month(v2, strlen(v2), a->month_to) ||
            strcmp(a->month_from, a->month_to) > 0)
            return bad("month= takes YYYY-MM or YYYY-MM..YYYY-MM (in order), not", v);
        a->f.month_from = a->month_from;
        a->f.month_to = a->month_to;
    } else if (KEY("depends-on"))
        a->f.depends_on = v;
    else
        return bad("unknown filter", arg);
#undef KEY
    return 0;
}

enum { O_REASON = 256, O_USER, O_RULESET, O_NPI, O_BATCH, O_DRY_RUN, O_RECORD, O_WHERE, O_ALLOW };

static int on_option(void *ctx, int id, const char *name, const char *v)
{
    Args *a = ctx;
    (void)name;
    switch (id) {
    case O_REASON:
        a->reason = v;
        break;
    case O_USER:
        a->user = v;
        break;
    case O_RULESET:
        a->ruleset = v;
        break;
    case O_NPI:
        a->npi = v;
        break;
    case O_BATCH: {
        char *end;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end || n < 1 || n > 10000)
            return bad("--batch takes 1..10000, not", v);
        a->batch = (int)n;
        break;
    }
    case O_DRY_RUN:
        a->dry_run = true;
        break;
    case O_RECORD:
        a->record_unchanged = true;
        break;
    case O_ALLOW:
        a->allow_uninstalled = true;
        break;
    default: /* --where, or --where=FILTER */
        a->where = true;
        if (v != NULL)
            return parse_filter(a, v) ? ADJ_EXIT_USAGE : ADJ_CLI_GO;
    }
    return ADJ_CLI_GO;
}

/* The command line: with --where the operands are FILTERs, else CLAIM_IDs
 * ("--" before a CLAIM_ID that starts with '-'). */
static int parse(AdjCli *cli, Args *a, int argc, char **argv)
{
    static const AdjCliOpt opts[] = {
        {"reason", 1, O_REASON},  {"user", 1, O_USER},          {"ruleset", 1, O_RULESET},
        {"npi", 1, O_NPI},        {"batch", 1, O_BATCH},        {"dry-run", 0, O_DRY_RUN},
        {"record-unchanged", 0, O_RECORD}, {"where", 2, O_WHERE},
        {"allow-uninstalled-ruleset", 0, O_ALLOW}, {NULL, 0, 0}};
    AdjCliSpec spec = {"rerun", rerun_usage, opts, on_option, a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    for (int i = 1; i < argc; i++) {
        if (a->where) {
            if (parse_filter(a, argv[i]) != 0)
                return ADJ_EXIT_USAGE;
        } else if (a->nclaims == MAX_CLAIMS) {
            return bad("at most 256 claim IDs; use --where for more, not", argv[i]);
        } else {
            a->claims[a->nclaims++] = argv[i];
        }
    }
    if (a->reason == NULL || !a->reason[0] || a->user == NULL || !a->user[0])
        return adj_cli_usage_error("rerun", "--reason and --user are required");
    if (adj_cli_blank(a->reason) || adj_cli_blank(a->user))
        return adj_cli_usage_error("rerun", "--reason and --user must not be blank");
    if (!plain_text(a->reason) || !plain_text(a->user))
        return adj_cli_usage_error("rerun", "--reason and --user must be UTF-8 text on one line");
    if ((a->nclaims == 0) == !a->where)
        return adj_cli_usage_error("rerun", "give claim IDs or --where FILTER..., one of the two");
    if (a->npi != NULL && !all_digits(a->npi, 10))
        return bad("--npi takes a 10-digit NPI, not", a->npi);
    if (a->npi != NULL && a->f.npi != NULL && strcmp(a->npi, a->f.npi) != 0)
        return bad("--npi and npi= disagree:", a->npi);
    if (a->npi != NULL)
        a->f.npi = a->npi;
    if (a->nclaims > 0) {
        a->f.claim_ids = a->claims;
        a->f.nclaim_ids = a->nclaims;
    }
    return ADJ_CLI_GO;
}

/* The selection as one canonical line: the audit's filter and, with the
 * reason, user and ruleset, the key a repeated command resumes by. */
static void filter_text(const Args *a, char *buf, size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
#define PUT(...) at += (size_t)snprintf(buf + at, at < size ? size - at : 0, __VA_ARGS__)
    if (a->nclaims) {
        PUT("claims=");
        for (size_t i = 0; i < a->nclaims; i++)
            PUT("%s%s", i ? "," : "", a->claims[i]);
    }
    const char *keys[] = {"carc", "code", "depends-on", "npi", "outcome", "plan"};
    const char *vals[] = {a->f.carc, a->f.code, a->f.depends_on, a->f.npi, a->f.outcome,
                          a->f.plan};
    for (size_t i = 0; i < 6; i++) {
        if (vals[i] != NULL)
            PUT("%s%s=%s", at ? " " : "", keys[i], vals[i]);
        if (i == 2 && a->f.month_from) /* keys in alphabetical order */
            PUT("%smonth=%.7s..%.7s", at ? " " : "", a->month_from, a->month_to);
    }
    if (at == 0)
        PUT("all");
#undef PUT
    if (at >= size && size > 4)
        snprintf(buf + size - 4, 4, "...");
}

int adj_cmd_rerun(AdjCli *cli, int argc, char **argv)
{
    static Args a;
    memset(&a, 0, sizeof(a));
    int rc = parse(cli, &a, argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    AdjError err = {0};
    static AdjCliAuditKeys keys;
    memset(&keys, 0, sizeof(keys));
    if (!a.dry_run && adj_cli_audit_keys_signing(cli, &keys, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator rerun: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    char rbuf[PATH_MAX], ibuf[PATH_MAX], ftext[4096];
    filter_text(&a, ftext, sizeof(ftext));
    AdjRerunOptions opt = {.conninfo = adj_cli_conninfo(cli),
                           .rulesets_path = adj_cli_rulesets_path(cli, a.ruleset, rbuf, sizeof(rbuf)),
                           .ruleset_arg = a.ruleset,
                           .installed_path = adj_cli_rulesets_path(cli, NULL, ibuf, sizeof(ibuf)),
                           .allow_uninstalled = a.allow_uninstalled,
                           .reason = a.reason,
                           .user = a.user,
                           .dry_run = a.dry_run,
                           .record_unchanged = a.record_unchanged,
                           .per_line = a.nclaims > 0,
                           .batch_size = a.batch ? a.batch : (int)cli->config.engine_batch_size,
                           .filter = a.f,
                           .filter_text = ftext,
                           .sign_key = a.dry_run ? NULL : keys.sign,
                           .key = a.dry_run || !keys.has_hmac ? NULL : keys.hmac,
                           .key_len = keys.hmac_len,
                           .stop = &stop_flag,
                           .out = stdout,
                           .progress = a.nclaims > 0 ? NULL : stderr,
                           .progress_tty = isatty(fileno(stderr)) != 0};
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    AdjRerunResult res;
    AdjStatus st = adj_rerun_run(&opt, &res, &err);
    adj_cli_audit_keys_free(&keys);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator rerun: %s\n", err.msg);
        adj_rerun_result_free(&res);
        return adj_status_exit_code(st);
    }
    for (size_t i = 0; i < res.nmissing && i < sizeof(res.missing) / sizeof(res.missing[0]); i++)
        fprintf(stderr, "adjudicator rerun: no decided claim %s%s%s to re-run\n", res.missing[i],
                a.npi ? " from billing NPI " : "", a.npi ? a.npi : "");
    if (res.nmissing > sizeof(res.missing) / sizeof(res.missing[0]))
        fprintf(stderr, "adjudicator rerun: and %zu more claim IDs with none\n",
                res.nmissing - sizeof(res.missing) / sizeof(res.missing[0]));
    size_t nref = res.nrefused < sizeof(res.refused) / sizeof(res.refused[0])
                      ? res.nrefused : sizeof(res.refused) / sizeof(res.refused[0]);
    for (size_t i = 0; i < nref; i++) {
        const AdjStoreRerunPick *p = &res.refused[i].pick;
        fprintf(stderr,
                "adjudicator rerun: claim %s (pcn %s) was %s by claim %s (pcn %s) and is not "
                "re-run: re-run %s instead\n",
                res.refused[i].claim_id, p->pcn, p->by_void ? "voided" : "replaced",
                p->by_claim_id, p->by_pcn, p->by_void ? "the void" : "the replacement");
    }
    if (res.nrefused > nref)
        fprintf(stderr, "adjudicator rerun: and %zu more superseded claim IDs not re-run\n",
                res.nrefused - nref);
    if (res.selected == 0) {
        if (res.nmissing == 0 && res.nrefused == 0 && res.superseded > 0)
            fprintf(stderr,
                    "adjudicator rerun: no decided claim matches %s but %lld superseded "
                    "(replaced or voided later), not re-run\n",
                    ftext, (long long)res.superseded);
        else if (res.nmissing == 0 && res.nrefused == 0)
            fprintf(stderr, "adjudicator rerun: no decided claim matches %s\n", ftext);
        adj_rerun_result_free(&res);
        return ADJ_EXIT_REJECTED;
    }
    adj_rerun_print_table(&res, stdout);
    adj_rerun_print_summary(&opt, &res, stdout);
    if (res.bases_denied > 0 && a.nclaims == 0)
        printf("rerun: %lld paid or pending line%s now denied: decisions that relied on them are\n"
               "listed by 'adjudicator show CLAIM_ID' and selected by --where depends-on=CLAIM_ID\n",
               (long long)res.bases_denied, res.bases_denied == 1 ? "" : "s");
    bool interrupted = res.interrupted, missing = res.nmissing > 0 || res.nrefused > 0;
    adj_rerun_result_free(&res);
    /* 130, beside the 0-3 of every command: stopped before the end,
     * resumable; none of 0-3 says that, and a script must tell it from a
     * rejection (1) */
    return interrupted ? ADJ_EXIT_INTERRUPTED : missing ? ADJ_EXIT_REJECTED : ADJ_EXIT_OK;
}
