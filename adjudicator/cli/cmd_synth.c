/* adjudicator synth: write a synthetic 837P (and, with --ref-dir, the
 * reference CSVs that decide it) for demos and benchmarks. Deterministic by
 * seed; never touches the database. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "synth/synth.h"

static void synth_usage(FILE *f)
{
    fprintf(f,
            "usage: adjudicator synth --members N --months M --seed S --out FILE\n"
            "                         [--ref-dir DIR] [--start YYYY-MM]\n"
            "                         [--claims-per-set N] [--sets-per-group N]\n\n"
            "Write a realistic synthetic 837P (005010X222A1): CoCM episodes (99492,\n"
            "99493, 99494, G2214), BHI months (99484), psychotherapy and crisis visits,\n"
            "office visits, ~5%% resubmitted duplicates, suspect duplicates,\n"
            "replacements, voids and a few malformed claims (bad NPI check digit,\n"
            "CLM02 not the sum of the lines, dangling diagnosis pointer). The same\n"
            "arguments always give the same bytes. FILE '-' is standard output.\n\n"
            "  --members N         members (default 1000)\n"
            "  --months M          months of service, 1..%d (default 12)\n"
            "  --seed S            seed (default 1)\n"
            "  --start YYYY-MM     first month of service (default 2025-01)\n"
            "  --ref-dir DIR       also write DIR/providers.csv, members.csv, plans.csv\n"
            "  --claims-per-set N  claims per ST..SE set (default 5000)\n"
            "  --sets-per-group N  sets per GS..GE group (default 20)\n\n"
            "A summary of what was written goes to standard error.\n",
            ADJ_SYNTH_MAX_MONTHS);
}

static bool parse_u64(const char *s, uint64_t *out)
{
    if (s[0] < '0' || s[0] > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *out = v;
    return true;
}

static int bad_value(const char *opt, const char *val)
{
    return adj_cli_usage_error("synth", "--%s: '%s' is not a valid value", opt, val);
}

typedef struct SynthArgs {
    AdjSynthOptions opts;
    const char *out, *ref_dir;
} SynthArgs;

enum { O_OUT = 256, O_REF_DIR, O_START, O_MEMBERS, O_MONTHS, O_SEED, O_CPS, O_SPG };

static int on_option(void *ctx, int id, const char *name, const char *v)
{
    SynthArgs *a = ctx;
    uint64_t n = 0;
    if (id == O_OUT) {
        a->out = v;
    } else if (id == O_REF_DIR) {
        a->ref_dir = v;
    } else if (id == O_START) {
        if (!adj_month_parse(v, strlen(v), &a->opts.start))
            return bad_value(name, v);
    } else if (!parse_u64(v, &n)) {
        return bad_value(name, v);
    } else if (id == O_MEMBERS) {
        a->opts.members = n;
    } else if (id == O_MONTHS) {
        if (n > 100000)
            return bad_value(name, v);
        a->opts.months = (int)n;
    } else if (id == O_SEED) {
        a->opts.seed = n;
    } else if (id == O_CPS) {
        a->opts.claims_per_set = n > UINT32_MAX ? 0 : (uint32_t)n;
    } else {
        a->opts.sets_per_group = n > UINT32_MAX ? 0 : (uint32_t)n;
    }
    return ADJ_CLI_GO;
}

int adj_cmd_synth(AdjCli *cli, int argc, char **argv)
{
    SynthArgs a = {0};
    adj_synth_defaults(&a.opts);
    static const AdjCliOpt cli_opts[] = {
        {"out", 1, O_OUT},           {"ref-dir", 1, O_REF_DIR},        {"start", 1, O_START},
        {"members", 1, O_MEMBERS},   {"months", 1, O_MONTHS},          {"seed", 1, O_SEED},
        {"claims-per-set", 1, O_CPS}, {"sets-per-group", 1, O_SPG}, {NULL, 0, 0}};
    AdjCliSpec spec = {"synth", synth_usage, cli_opts, on_option, &a};
    int rc = adj_cli_parse(cli, &spec, &argc, argv);
    if (rc != ADJ_CLI_GO)
        return rc;
    if (argc > 1)
        return adj_cli_usage_error("synth", "unexpected argument '%s'", argv[1]);
    if (a.out == NULL)
        return adj_cli_usage_error("synth", "--out FILE is required");
    const char *out = a.out, *ref_dir = a.ref_dir;
    AdjSynthOptions opts = a.opts;
    AdjError err = {0};
    if (adj_synth_check(&opts, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator synth: %s\n", err.msg);
        return ADJ_EXIT_USAGE;
    }
    if (ref_dir != NULL) {
        struct stat sb;
        if (stat(ref_dir, &sb) != 0 && mkdir(ref_dir, 0755) != 0) {
            fprintf(stderr, "adjudicator synth: %s: cannot create: %s\n", ref_dir, strerror(errno));
            return ADJ_EXIT_USAGE;
        }
        if (adj_synth_write_refs(&opts, ref_dir, &err) != ADJ_OK) {
            fprintf(stderr, "adjudicator synth: %s\n", err.msg);
            return adj_status_exit_code(err.status);
        }
    }
    AdjSynthStats st;
    if (adj_synth_write_file(&opts, out, &st, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator synth: %s\n", err.msg);
        return adj_status_exit_code(err.status);
    }
    fprintf(stderr,
            "synth: bytes=%llu groups=%llu sets=%llu claims=%llu lines=%llu dependents=%llu "
            "exact_duplicates=%llu suspect_duplicates=%llu replacements=%llu voids=%llu "
            "malformed=%llu bad_npi=%llu bad_total=%llu bad_pointer=%llu\n",
            (unsigned long long)st.bytes, (unsigned long long)st.groups,
            (unsigned long long)st.sets, (unsigned long long)st.claims,
            (unsigned long long)st.lines, (unsigned long long)st.dependents,
            (unsigned long long)st.exact_dups, (unsigned long long)st.suspect_dups,
            (unsigned long long)st.replacements, (unsigned long long)st.voids,
            (unsigned long long)st.malformed, (unsigned long long)st.bad_npi,
            (unsigned long long)st.bad_total, (unsigned long long)st.bad_pointer);
    return 0;
}
