/* `adjudicator check`: adjudicate 837P files in order with no database
 * (docs/contracts.md): earlier files' decisions are history for later ones
 * (in-memory history); decisions to stdout as JSONL or a table. Exit 1 when
 * some input was rejected, 2 on usage or configuration errors. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config/ruleset.h"
#include "engine/costshare.h"
#include "engine/engine.h"
#include "engine/memhist.h"
#include "engine/render.h"
#include "x12/x12.h"

typedef struct Check {
    AdjEngine engine;
    AdjHistory hist;
    bool table;
    bool rejected;      /* some input rejected: exit 1 */
    long counts[6];     /* per outcome */
    AdjMoney paid, allowed;
    AdjProgress progress;
    AdjRemitCheck *remit; /* --remit-dir: 835s of this run */
    const AdjConfig *cfg; /* --config given: interchanges not meant for us */
    bool test_set;        /* the current set is a test interchange at a production instance */
    long test_claims;
} Check;

static void usage(FILE *f)
{
    fprintf(f, "usage: adjudicator check [--ruleset FILE|DIR]... --providers P.csv --members M.csv\n"
               "                         --plans L.csv [--benefits B.csv] [--format jsonl|table]\n"
               "                         [--remit-dir DIR]\n"
               "                         FILE.837...\n\n"
               "Adjudicates the files in order with no database; earlier files' decisions\n"
               "are history for later ones. One decision per service line on stdout:\n"
               "JSONL (default) or an aligned table. Without --ruleset, every ruleset of\n"
               "the configured rulesets directory (rulesets.dir, default ./rulesets).\n"
               "With --remit-dir, also one 835 remittance per payee into DIR for the\n"
               "claims decided (every line paid, denied or forwarded).\n\n"
               "Benefits (README \"Benefits\"): plans.csv may add deductible,\n"
               "family_deductible, oop_max, family_oop_max (dollars), plan_year_start (MM-DD),\n"
               "timely_filing_days, cob_method (standard|non_duplication), pricing\n"
               "(fee_table|mpfs) and pct_of_medicare; members.csv first_name and birth_date\n"
               "(the enrolled persons of a subscriber ID) and cob_order (P|S|T);\n"
               "providers.csv locality. --benefits names benefits.csv (plan_id, code_family\n"
               "or code, copay, coinsurance_pct, deductible_applies): cost share per service.\n"
               "Pay lines carry the member share split: deductible + coinsurance + copay =\n"
               "patient_resp, with accumulators per person and family and plan year.\n\n"
               "With --config, interchanges not meant for us are checked (intake.receiver_ids,\n"
               "intake.payer_id, intake.usage): another receiver is an error, another payer\n"
               "ID a front-end reject, a test interchange at a production instance is\n"
               "validated but not adjudicated.\n\n"
               "exit status: 0 ok, 1 some input rejected (the rest is processed), 2 usage,\n"
               "configuration or a file that cannot be read (the others are decided)\n");
}

/* Interchanges not meant for us (issue 13), when a config names us. */
static AdjStatus on_set(void *ctx, const AdjX12Set *set, AdjError *err)
{
    Check *ck = ctx;
    ck->test_set = false;
    if (ck->cfg == NULL)
        return ADJ_OK;
    if (!adj_x12_addressed_to(set, ck->cfg->intake_receiver_ids))
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "interchange %s is addressed to receiver '%s' (ISA08, GS03 '%s'), not to "
                        "this plan (intake.receiver_ids): unreadable for us",
                        set->isa13, set->isa08, set->gs03);
    if (strcmp(ck->cfg->intake_usage, "P") == 0 && set->usage == 'T') {
        ck->test_set = true;
        fprintf(stderr,
                "adjudicator: check: %s: interchange %s is a test interchange (ISA15 = T): its "
                "claims are validated, not adjudicated\n",
                set->file ? set->file : "", set->isa13);
    }
    return ADJ_OK;
}

static AdjStatus on_claim(void *ctx, const AdjClaim *claim, AdjError *err)
{
    Check *ck = ctx;
    if (ck->test_set) { /* validated only: front-end problems, no decisions */
        ck->test_claims++;
        for (int i = 0; i < claim->nproblems; i++) {
            ck->rejected = true;
            fprintf(stderr, "adjudicator: check: segment %u (%s): claim %s: %s %s: %s\n",
                    (unsigned)claim->problems[i].segment, claim->problems[i].segment_id,
                    claim->claim_id, claim->problems[i].loop, claim->problems[i].element,
                    claim->problems[i].msg);
        }
        return ADJ_OK;
    }
    AdjDecision out[ADJ_MAX_LINES];
    int n = 0;
    AdjStatus st = adj_engine_decide(&ck->engine, claim, &ck->hist, out, &n, err);
    if (st != ADJ_OK)
        return st;
    adj_progress_claim(&ck->progress, claim->raw, claim->raw_len);
    if (claim->nproblems > 0) {
        ck->rejected = true;
        adj_progress_clear(&ck->progress);
        for (int i = 0; i < claim->nproblems; i++)
            fprintf(stderr, "adjudicator: check: segment %u (%s): claim %s: %s %s: %s\n",
                    (unsigned)claim->problems[i].segment, claim->problems[i].segment_id,
                    claim->claim_id, claim->problems[i].loop, claim->problems[i].element,
                    claim->problems[i].msg);
    }
    if (ck->remit != NULL)
        adj_remit_check_claim(ck->remit, claim, out, n);
    for (int i = 0; i < n; i++) {
        const AdjDecision *d = &out[i];
        if (d->outcome == ADJ_OUT_REJECT)
            ck->rejected = true;
        ck->counts[d->outcome]++;
        if (d->outcome == ADJ_OUT_PAY) {
            ck->paid += d->paid;
            ck->allowed += d->allowed;
        }
        if (ck->table)
            adj_render_table_row(stdout, d);
        else
            adj_render_jsonl(stdout, d, claim->member_id);
    }
    return ADJ_OK;
}

static void on_diag(void *ctx, const AdjX12Diag *diag)
{
    Check *ck = ctx;
    char buf[600];
    ck->rejected = true;
    adj_progress_clear(&ck->progress);
    fprintf(stderr, "adjudicator: check: %s\n", adj_x12_diag_format(diag, buf, sizeof(buf)));
}

#define MAX_RULESETS 16

typedef struct CheckArgs {
    const char *rulesets[MAX_RULESETS];
    int nrulesets;
    const char *providers, *members, *plans, *benefits;
    AdjFormat format;
    const char *remit_dir; /* --remit-dir: 835s of this run */
} CheckArgs;

static int on_option(void *ctx, int id, const char *name, const char *value)
{
    CheckArgs *a = ctx;
    (void)name;
    switch (id) {
    case 'r':
        if (a->nrulesets == MAX_RULESETS)
            return adj_cli_usage_error("check", "at most %d --ruleset", MAX_RULESETS);
        a->rulesets[a->nrulesets++] = value;
        break;
    case 'p':
        a->providers = value;
        break;
    case 'm':
        a->members = value;
        break;
    case 'l':
        a->plans = value;
        break;
    case 'd':
        a->remit_dir = value;
        break;
    case 'b':
        a->benefits = value;
        break;
    default:
        if (!adj_format_parse("check", value,
                              ADJ_FMT_BIT(ADJ_FMT_JSONL) | ADJ_FMT_BIT(ADJ_FMT_TABLE), &a->format))
            return ADJ_EXIT_USAGE;
    }
    return ADJ_CLI_GO;
}

int adj_cmd_check(AdjCli *cli, int argc, char **argv)
{
    static CheckArgs a;
    memset(&a, 0, sizeof(a));
    a.format = ADJ_FMT_JSONL;
    static const AdjCliOpt opts[] = {{"ruleset", 1, 'r'}, {"providers", 1, 'p'},
                                     {"members", 1, 'm'}, {"plans", 1, 'l'},
                                     {"format", 1, 'f'},  {"remit-dir", 1, 'd'},
                                     {"benefits", 1, 'b'},
                                     {NULL, 0, 0}};
    AdjCliSpec spec = {"check", usage, opts, on_option, &a};
    int prc = adj_cli_parse(cli, &spec, &argc, argv);
    if (prc != ADJ_CLI_GO)
        return prc;
    if (a.providers == NULL || a.members == NULL || a.plans == NULL)
        return adj_cli_usage_error("check", "--providers, --members and --plans are required");
    if (argc < 2)
        return adj_cli_usage_error("check", "no FILE.837 given");
    const char **rulesets = a.rulesets;
    int nrulesets = a.nrulesets;
    const char *providers = a.providers, *members = a.members, *plans = a.plans;
    int i = 1;
    char dirbuf[PATH_MAX];
    if (nrulesets == 0)
        rulesets[nrulesets++] = adj_cli_rulesets_path(cli, NULL, dirbuf, sizeof(dirbuf));
    AdjRulesetSet set;
    AdjRefdata *ref = NULL;
    AdjError err = {0};
    if (adj_ruleset_set_load(rulesets, nrulesets, &set, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator: check: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    if (adj_refdata_load(&ref, providers, members, plans, &err) != ADJ_OK ||
        (a.benefits != NULL && adj_refdata_load_benefits(ref, a.benefits, &err) != ADJ_OK)) {
        fprintf(stderr, "adjudicator: check: %s\n", err.msg);
        adj_refdata_free(ref);
        adj_ruleset_set_free(&set);
        return ADJ_EXIT_USAGE;
    }
    for (size_t b = 0; b < adj_refdata_nbenefits(ref); b++) {
        const AdjBenefitRow *row = adj_refdata_benefit(ref, b);
        if (row->code_family[0] && !adj_costshare_family_known(row->code_family)) {
            fprintf(stderr, "adjudicator: check: %s: code_family '%.40s' is not a known family\n",
                    a.benefits, row->code_family);
            adj_refdata_free(ref);
            adj_ruleset_set_free(&set);
            return ADJ_EXIT_USAGE;
        }
    }
    AdjMemHistory *mem = adj_memhist_new();
    Check ck = {.table = a.format == ADJ_FMT_TABLE, .hist = adj_memhist_interface(mem)};
    adj_engine_init(&ck.engine, &set, ref);
    ck.engine.defer_reasons = true; /* reasons written at output (render.c) */
    if (a.remit_dir != NULL)
        ck.remit = adj_remit_check_new(a.remit_dir, cli->config_path ? &cli->config : NULL);
    if (cli->config_path != NULL) {
        ck.cfg = &cli->config;
        if (cli->config.intake_payer_id[0])
            ck.engine.payer_id = cli->config.intake_payer_id;
    }
    AdjX12Handler h = {.ctx = &ck, .set = on_set, .claim = on_claim, .diag = on_diag};
    if (ck.table)
        adj_render_table_header(stdout);
    int rc = 0;
    uint64_t total = 0;
    for (int k = i; k < argc; k++) {
        struct stat sb;
        if (stat(argv[k], &sb) == 0 && S_ISREG(sb.st_mode))
            total += (uint64_t)sb.st_size;
    }
    adj_progress_init(&ck.progress, "check", total, true, true);
    for (; i < argc; i++) {
        AdjX12Stats stats = {0};
        struct stat sb;
        adj_progress_file(&ck.progress, stat(argv[i], &sb) == 0 ? (uint64_t)sb.st_size : 0);
        AdjStatus st = adj_x12_read_file(argv[i], &h, &stats, &err);
        if (st != ADJ_OK) {
            adj_progress_clear(&ck.progress);
            fprintf(stderr, "adjudicator: check: %s: %s\n", argv[i], err.msg);
            ck.rejected = true;
            /* a file that cannot be read is 2, as in every command; the
             * other files are still decided */
            if (st == ADJ_ERR_IO && rc < ADJ_EXIT_USAGE)
                rc = ADJ_EXIT_USAGE;
            else if (st != ADJ_ERR_INPUT && st != ADJ_ERR_IO) {
                rc = adj_status_exit_code(st);
                break;
            }
        }
        if (stats.interchanges_rejected > 0 || stats.sets_rejected > 0 || stats.claims_rejected > 0)
            ck.rejected = true;
    }
    adj_progress_end(&ck.progress);
    if (ck.table) {
        char paid[ADJ_MONEY_FMT_MAX], allowed[ADJ_MONEY_FMT_MAX];
        adj_money_format(ck.paid, paid, sizeof(paid));
        adj_money_format(ck.allowed, allowed, sizeof(allowed));
        printf("\n%ld paid, %ld denied, %ld pended, %ld forwarded, %ld rejected, %ld voided; "
               "allowed %s, paid %s\n",
               ck.counts[ADJ_OUT_PAY], ck.counts[ADJ_OUT_DENY], ck.counts[ADJ_OUT_PEND],
               ck.counts[ADJ_OUT_FORWARD], ck.counts[ADJ_OUT_REJECT], ck.counts[ADJ_OUT_VOID],
               allowed, paid);
    }
    if (ck.test_claims > 0)
        fprintf(stderr, "adjudicator: check: %ld claim%s of test interchanges validated, not adjudicated\n",
                ck.test_claims, ck.test_claims == 1 ? "" : "s");
    fflush(stdout);
    if (ck.remit != NULL) {
        int r = adj_remit_check_finish(ck.remit);
        if (r > rc)
            rc = r;
    }
    adj_memhist_free(mem);
    adj_refdata_free(ref);
    adj_ruleset_set_free(&set);
    if (rc == 0 && ck.rejected)
        rc = ADJ_EXIT_REJECTED;
    return rc;
}
