/* `adjudicator check`: adjudicate 837P files in order with no database
 * (DESIGN 3.1-3.3): earlier files' decisions are history for later ones
 * (in-memory history); decisions to stdout as JSONL or a table. Exit 1 when
 * some input was rejected, 2 on usage or configuration errors. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
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
    const AdjConfig *cfg; /* --config given: interchanges not meant for us */
    bool test_set;        /* the current set is a test interchange at a production instance */
    long test_claims;
} Check;

static void usage(FILE *f)
{
    fprintf(f, "usage: adjudicator check [--ruleset FILE|DIR]... --providers P.csv --members M.csv\n"
               "                         --plans L.csv [--benefits B.csv] [--format jsonl|table]\n"
               "                         FILE.837...\n\n"
               "Adjudicates the files in order with no database; earlier files' decisions\n"
               "are history for later ones. One decision per service line on stdout:\n"
               "JSONL (default) or an aligned table. Without --ruleset, every ruleset of\n"
               "the configured rulesets directory (rulesets.dir, default ./rulesets).\n"
               "Exit 1 when some input was rejected (the rest is processed).\n\n"
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
               "validated but not adjudicated.\n");
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
    if (claim->nproblems > 0) {
        ck->rejected = true;
        for (int i = 0; i < claim->nproblems; i++)
            fprintf(stderr, "adjudicator: check: segment %u (%s): claim %s: %s %s: %s\n",
                    (unsigned)claim->problems[i].segment, claim->problems[i].segment_id,
                    claim->claim_id, claim->problems[i].loop, claim->problems[i].element,
                    claim->problems[i].msg);
    }
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
    fprintf(stderr, "adjudicator: check: %s\n", adj_x12_diag_format(diag, buf, sizeof(buf)));
}

int adj_cmd_check(AdjCli *cli, int argc, char **argv)
{
    if (adj_cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    const char *rulesets[16];
    int nrulesets = 0;
    const char *providers = NULL, *members = NULL, *plans = NULL, *format = "jsonl",
               *benefits = NULL;
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *opt = argv[i];
        if (i + 1 >= argc) {
            fprintf(stderr, "adjudicator: check: %s needs a value\n", opt);
            return 2;
        }
        const char *val = argv[++i];
        if (strcmp(opt, "--ruleset") == 0 && nrulesets < 16)
            rulesets[nrulesets++] = val;
        else if (strcmp(opt, "--providers") == 0)
            providers = val;
        else if (strcmp(opt, "--members") == 0)
            members = val;
        else if (strcmp(opt, "--plans") == 0)
            plans = val;
        else if (strcmp(opt, "--format") == 0)
            format = val;
        else if (strcmp(opt, "--benefits") == 0)
            benefits = val;
        else {
            fprintf(stderr, "adjudicator: check: unknown option '%s'\n", opt);
            usage(stderr);
            return 2;
        }
    }
    if (providers == NULL || members == NULL || plans == NULL || i >= argc ||
        (strcmp(format, "jsonl") != 0 && strcmp(format, "table") != 0)) {
        usage(stderr);
        return 2;
    }
    char dirbuf[PATH_MAX];
    if (nrulesets == 0)
        rulesets[nrulesets++] = adj_cli_rulesets_path(cli, NULL, dirbuf, sizeof(dirbuf));
    AdjRulesetSet set;
    AdjRefdata *ref = NULL;
    AdjError err = {0};
    if (adj_ruleset_set_load(rulesets, nrulesets, &set, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator: check: %s\n", err.msg);
        return 2;
    }
    if (adj_refdata_load(&ref, providers, members, plans, &err) != ADJ_OK ||
        (benefits != NULL && adj_refdata_load_benefits(ref, benefits, &err) != ADJ_OK)) {
        adj_refdata_free(ref);
        fprintf(stderr, "adjudicator: check: %s\n", err.msg);
        adj_ruleset_set_free(&set);
        return 2;
    }
    for (size_t b = 0; b < adj_refdata_nbenefits(ref); b++) {
        const AdjBenefitRow *row = adj_refdata_benefit(ref, b);
        if (row->code_family[0] && !adj_costshare_family_known(row->code_family)) {
            fprintf(stderr, "adjudicator: check: %s: code_family '%.40s' is not a known family\n",
                    benefits, row->code_family);
            adj_refdata_free(ref);
            adj_ruleset_set_free(&set);
            return 2;
        }
    }
    AdjMemHistory *mem = adj_memhist_new();
    Check ck = {.table = strcmp(format, "table") == 0, .hist = adj_memhist_interface(mem)};
    adj_engine_init(&ck.engine, &set, ref);
    if (cli->config_path != NULL) {
        ck.cfg = &cli->config;
        if (cli->config.intake_payer_id[0])
            ck.engine.payer_id = cli->config.intake_payer_id;
    }
    AdjX12Handler h = {.ctx = &ck, .set = on_set, .claim = on_claim, .diag = on_diag};
    if (ck.table)
        adj_render_table_header(stdout);
    int rc = 0;
    for (; i < argc; i++) {
        AdjX12Stats stats = {0};
        AdjStatus st = adj_x12_read_file(argv[i], &h, &stats, &err);
        if (st != ADJ_OK) {
            fprintf(stderr, "adjudicator: check: %s: %s\n", argv[i], err.msg);
            ck.rejected = true;
            if (st != ADJ_ERR_INPUT && st != ADJ_ERR_IO) {
                rc = adj_status_exit_code(st);
                break;
            }
        }
        if (stats.interchanges_rejected > 0 || stats.sets_rejected > 0 || stats.claims_rejected > 0)
            ck.rejected = true;
    }
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
    adj_memhist_free(mem);
    adj_refdata_free(ref);
    adj_ruleset_set_free(&set);
    if (rc == 0 && ck.rejected)
        rc = 1;
    return rc;
}
