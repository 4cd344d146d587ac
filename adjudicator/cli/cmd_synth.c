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
    fprintf(stderr, "adjudicator synth: %s: '%s' is not a valid value\n", opt, val);
    return 2;
}

int adj_cmd_synth(AdjCli *cli, int argc, char **argv)
{
    (void)cli;
    if (adj_cli_wants_help(argc, argv)) {
        synth_usage(stdout);
        return 0;
    }
    AdjSynthOptions opts;
    adj_synth_defaults(&opts);
    const char *out = NULL, *ref_dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) {
            fprintf(stderr, "adjudicator synth: unknown or incomplete argument '%s'\n", a);
            return 2;
        }
        const char *v = argv[++i];
        uint64_t n = 0;
        if (strcmp(a, "--out") == 0) {
            out = v;
        } else if (strcmp(a, "--ref-dir") == 0) {
            ref_dir = v;
        } else if (strcmp(a, "--start") == 0) {
            if (!adj_month_parse(v, strlen(v), &opts.start))
                return bad_value(a, v);
        } else if (!parse_u64(v, &n)) {
            return bad_value(a, v);
        } else if (strcmp(a, "--members") == 0) {
            opts.members = n;
        } else if (strcmp(a, "--months") == 0) {
            if (n > 100000)
                return bad_value(a, v);
            opts.months = (int)n;
        } else if (strcmp(a, "--seed") == 0) {
            opts.seed = n;
        } else if (strcmp(a, "--claims-per-set") == 0) {
            opts.claims_per_set = n > UINT32_MAX ? 0 : (uint32_t)n;
        } else if (strcmp(a, "--sets-per-group") == 0) {
            opts.sets_per_group = n > UINT32_MAX ? 0 : (uint32_t)n;
        } else {
            fprintf(stderr, "adjudicator synth: unknown argument '%s'\n", a);
            return 2;
        }
    }
    if (out == NULL) {
        fprintf(stderr, "adjudicator synth: --out FILE is required\n");
        synth_usage(stderr);
        return 2;
    }
    AdjError err = {0};
    if (adj_synth_check(&opts, &err) != ADJ_OK) {
        fprintf(stderr, "adjudicator synth: %s\n", err.msg);
        return 2;
    }
    if (ref_dir != NULL) {
        struct stat sb;
        if (stat(ref_dir, &sb) != 0 && mkdir(ref_dir, 0755) != 0) {
            fprintf(stderr, "adjudicator synth: %s: cannot create: %s\n", ref_dir, strerror(errno));
            return 2;
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
