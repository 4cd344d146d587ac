/* adjudicator show: find claims the way a caller names them (claim number
 * in any case, payer claim control number, billing NPI and service dates,
 * member ID) and print every decision version with its trace, the patient,
 * plan, providers, CARC/RARC texts and links to replacements, and the
 * decisions of other claims that relied on it. Reads claims; each claim
 * printed is recorded in the access log first: when that fails nothing is
 * shown. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/show.h"
#include "config/ruleset.h"
#include "core/arena.h"
#include "core/date.h"
#include "store/show_view.h"
#include "store/store.h"

static void show_usage(FILE *f)
{
    fprintf(f, "usage: adjudicator [--config FILE] [--db CONNINFO] show CLAIM_ID [--npi NPI]\n"
               "       adjudicator show --pcn CONTROL_NUMBER\n"
               "       adjudicator show --npi BILLING_NPI [--from DATE] [--to DATE]\n"
               "       adjudicator show --member MEMBER_ID [--from DATE] [--to DATE]\n"
               "           [--format table|json] [--ruleset FILE|DIR] [--limit N] [--user NAME]\n\n"
               "Find claims by claim number (CLM01, whatever its case; unique only per\n"
               "billing provider: --npi narrows it), by payer claim control number, by\n"
               "billing NPI with a range of service dates (ISO dates; a claim counts when\n"
               "one of its lines falls in the range), or by member ID (the persons under\n"
               "it are listed first). Fields combine. For each claim (at most --limit,\n"
               "default 20): its control number, the patient's first name and birth date,\n"
               "the plan on the date of service, billing and rendering provider names,\n"
               "charges, what it replaces or voids and what replaced or voided it; then\n"
               "each decision version (newest first) line by line with CARC/RARC and\n"
               "their texts, the rules that fired and the reason in words, the matched\n"
               "claim of a duplicate with its control number, the ruleset and its\n"
               "SHA-256, who decided and why, the row's chain hash; then the decisions of\n"
               "other claims that relied on its lines (rerun --where depends-on=).\n"
               "Which codes are add-ons and which CARC a cap denial carries come from\n"
               "the rulesets in force (--ruleset, else rulesets.dir). Each version names\n"
               "the database login that decided it, the --user beside it, and the\n"
               "reference-data version it was decided with (who loaded it, when and why).\n"
               "Every show is recorded first in the access log (database login, OS user,\n"
               "--user, each claim, time); when that fails nothing is shown. With\n"
               "db.read_conninfo set (a standby) the claims are read from there, in one\n"
               "snapshot, and the access log is still written on db.conninfo. Control\n"
               "bytes in claim fields are escaped on a terminal. Exit 1 when no claim\n"
               "matches.\n");
}

typedef struct ShowArgs {
    AdjStoreLookup q;
    const char *ruleset, *user;
    AdjFormat format;
    bool json;
} ShowArgs;

static bool iso_date(const char *s)
{
    AdjDate d;
    return adj_date_parse_iso(s, strlen(s), &d);
}

static int on_option(void *ctx, int id, const char *name, const char *v)
{
    ShowArgs *a = ctx;
    (void)name;
    switch (id) {
    case 'n': a->q.npi = v; break;
    case 'p': a->q.pcn = v; break;
    case 'f': a->q.dos_from = v; break;
    case 't': a->q.dos_to = v; break;
    case 'm': a->q.member_id = v; break;
    case 'r': a->ruleset = v; break;
    case 'u': a->user = v; break;
    case 'l': {
        char *end;
        long n = strtol(v, &end, 10);
        if (*v == '\0' || *end || n < 1 || n > 10000)
            return adj_cli_usage_error("show", "--limit takes 1 to 10000, not '%s'", v);
        a->q.limit = (int)n;
        break;
    }
    default:
        if (!adj_format_parse("show", v, ADJ_FMT_BIT(ADJ_FMT_TABLE) | ADJ_FMT_BIT(ADJ_FMT_JSON),
                              &a->format))
            return ADJ_EXIT_USAGE;
        a->json = a->format == ADJ_FMT_JSON;
    }
    return ADJ_CLI_GO;
}

/* ADJ_CLI_GO, or the exit status (after one line on stderr) */
static int show_parse(AdjCli *cli, int argc, char **argv, ShowArgs *a)
{
    static const AdjCliOpt opts[] = {
        {"npi", 1, 'n'},    {"pcn", 1, 'p'},     {"from", 1, 'f'},   {"to", 1, 't'},
        {"member", 1, 'm'}, {"format", 1, 'F'},  {"ruleset", 1, 'r'}, {"limit", 1, 'l'},
        {"user", 1, 'u'},   {NULL, 0, 0}};
    a->q.limit = 20;
    AdjCliSpec spec = {"show", show_usage, opts, on_option, a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc > 2)
        return adj_cli_usage_error("show", "unexpected argument '%s' (one CLAIM_ID)", argv[2]);
    if (argc == 2)
        a->q.claim_id = argv[1];
    const char *dates[2] = {a->q.dos_from, a->q.dos_to};
    for (int i = 0; i < 2; i++)
        if (dates[i] && !iso_date(dates[i]))
            return adj_cli_usage_error("show", "--%s takes a date YYYY-MM-DD, not '%s'",
                                       i ? "to" : "from", dates[i]);
    if (a->user != NULL && adj_cli_blank(a->user))
        return adj_cli_usage_error("show", "--user must not be blank");
    if (!a->q.claim_id && !a->q.pcn && !a->q.npi && !a->q.member_id)
        return adj_cli_usage_error("show", "give a CLAIM_ID, --pcn, --npi or --member");
    return ADJ_CLI_GO;
}

/* whether claim i's key (CLM01, billing NPI) came before it in f */
static bool key_seen(const AdjStoreFound *f, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(f[i].claim_id, f[j].claim_id) == 0 && strcmp(f[i].npi, f[j].npi) == 0)
            return true;
    return false;
}

/* the dependents of each distinct claim key found */
static AdjStatus show_deps(AdjStore *store, const AdjRulesetSet *rules, const AdjStoreFound *f,
                           size_t n, bool json, AdjArena *arena, AdjError *err)
{
    size_t total = 0;
    AdjStatus st = ADJ_OK;
    for (size_t i = 0; i < n && st == ADJ_OK; i++) {
        if (key_seen(f, i))
            continue;
        AdjShowDep *d = NULL;
        size_t nd = 0;
        st = adj_store_show_deps(store, rules, f[i].claim_id, f[i].npi, arena, &d, &nd, err);
        if (st != ADJ_OK)
            break;
        if (json)
            adj_show_json_deps(stdout, d, nd, total == 0);
        else
            adj_show_text_deps(stdout, d, nd, total == 0, isatty(fileno(stdout)) != 0);
        total += nd;
    }
    return st;
}

/* The look-up and everything printed come from one snapshot of the read
 * connection (db.read_conninfo, or the primary); each claim found is
 * recorded in the access log on the primary before anything is printed. */
static AdjStatus show_run(AdjStore *primary, AdjStore *store, const ShowArgs *a,
                          const AdjRulesetSet *rules, int *found, AdjError *err)
{
    AdjStoreFound *f = NULL;
    size_t n = 0;
    bool more = false;
    bool split = store != primary;
    AdjArena arena;
    adj_arena_init(&arena, 64 * 1024);
    AdjStatus st = split ? adj_store_read_begin(store, err) : ADJ_OK;
    if (st == ADJ_OK)
        st = adj_store_lookup(store, &a->q, &f, &n, &more, err);
    /* recorded before anything is printed: no log, no show */
    const char *how = a->q.pcn ? "show --pcn" : a->q.member_id ? "show --member"
                    : a->q.claim_id ? "show" : "show --npi";
    for (size_t i = 0; i < n && st == ADJ_OK; i++) {
        char detail[80];
        snprintf(detail, sizeof(detail), "%s%s (pcn %s)", how,
                 a->json ? " --format json" : "", f[i].pcn);
        st = adj_store_access_log_claim(primary, adj_cli_os_user(), a->user, "show",
                                        f[i].claim_pk, detail, err);
    }
    if (st == ADJ_OK && n == 0)
        st = adj_store_access_log(primary, adj_cli_os_user(), a->user, "show", 0,
                                  a->q.claim_id ? a->q.claim_id : a->q.pcn ? a->q.pcn : NULL,
                                  "nothing stored matched", err);
    if (st == ADJ_OK && !split)
        st = adj_store_read_begin(store, err);
    if (st == ADJ_OK && a->json)
        fputs("{", stdout);
    if (st == ADJ_OK && a->q.member_id) {
        AdjShowPerson *p = NULL;
        size_t np = 0;
        st = adj_store_show_persons(store, a->q.member_id, &arena, &p, &np, err);
        if (st == ADJ_OK && a->json) {
            fputs("\"persons\":", stdout);
            adj_show_json_persons(stdout, p, np);
            fputs(",", stdout);
        } else if (st == ADJ_OK) {
            adj_show_text_persons(stdout, p, np, isatty(fileno(stdout)) != 0);
            if (np > 0)
                fputc('\n', stdout);
        }
    }
    int64_t *pks = adj_xcalloc(n ? n : 1, sizeof(*pks));
    for (size_t i = 0; i < n; i++)
        pks[i] = f[i].claim_pk;
    AdjShowClaim *claims = NULL;
    size_t nclaims = 0;
    if (st == ADJ_OK)
        st = adj_store_show_claims(store, pks, n, &arena, &claims, &nclaims, err);
    if (st == ADJ_OK) {
        *found = (int)nclaims;
        if (a->json) {
            adj_show_json_claims(stdout, claims, nclaims);
            fprintf(stdout, ",\"more\":%s,\"dependents\":[", more ? "true" : "false");
        } else {
            adj_show_text_claims(stdout, claims, nclaims, isatty(fileno(stdout)) != 0);
        }
    }
    /* what was sent back: acknowledgements of each claim key shown */
    for (size_t i = 0; i < n && st == ADJ_OK && !a->json; i++) {
        if (key_seen(f, i))
            continue;
        AdjShowAck *acks = NULL;
        size_t nacks = 0;
        st = adj_store_show_acks(store, f[i].claim_id, f[i].npi, &arena, &acks, &nacks, err);
        if (st == ADJ_OK)
            adj_show_text_acks(stdout, acks, nacks, isatty(fileno(stdout)) != 0);
    }
    if (st == ADJ_OK)
        st = show_deps(store, rules, f, n, a->json, &arena, err);
    if (st == ADJ_OK && a->json)
        fputs("]}\n", stdout);
    else if (st == ADJ_OK && more)
        printf("\nmore claims match than the %d shown: narrow the search or raise --limit\n",
               a->q.limit);
    adj_store_read_end(store);
    adj_arena_free(&arena);
    free(pks);
    free(f);
    return st;
}

int adj_cmd_show(AdjCli *cli, int argc, char **argv)
{
    ShowArgs a = {0};
    int rc = show_parse(cli, argc, argv, &a);
    if (rc != ADJ_CLI_GO)
        return rc;
    AdjError err = {0};
    char rbuf[PATH_MAX];
    const char *rpath = adj_cli_rulesets_path(cli, a.ruleset, rbuf, sizeof(rbuf));
    AdjRulesetSet rules = {0};
    if (adj_ruleset_set_load(&rpath, 1, &rules, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator show: ruleset: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    AdjStore *primary = NULL, *store = NULL;
    int found = 0;
    AdjStatus st = adj_store_open(adj_cli_conninfo(cli), &primary, &err);
    /* db.read_conninfo (a standby): a second connection for the reads */
    const char *rconn = adj_cli_read_conninfo(cli);
    if (st == ADJ_OK && strcmp(rconn, adj_cli_conninfo(cli)) != 0) {
        st = adj_store_open(rconn, &store, &err);
        if (st != ADJ_OK)
            adj_error_prefix(&err, "db.read_conninfo: ");
    } else {
        store = primary;
    }
    if (st == ADJ_OK)
        st = show_run(primary, store, &a, &rules, &found, &err);
    if (store != primary)
        adj_store_close(store);
    adj_store_close(primary);
    adj_ruleset_set_free(&rules);
    if (st != ADJ_OK) {
        fprintf(stderr, "adjudicator show: %s\n", err.msg);
        return adj_status_exit_code(st);
    }
    if (found == 0) {
        if (a.q.claim_id)
            fprintf(stderr, "adjudicator show: no claim %s%s%s is stored\n", a.q.claim_id,
                    a.q.npi ? " from billing NPI " : "", a.q.npi ? a.q.npi : "");
        else
            fprintf(stderr, "adjudicator show: no stored claim matches\n");
        return ADJ_EXIT_REJECTED;
    }
    return ADJ_EXIT_OK;
}
