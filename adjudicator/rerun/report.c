/* What a re-run prints: the table of changed lines by old -> new outcome
 * and CARC with counts and paid amounts, the summary line, and progress (a
 * bar on a terminal, plain lines otherwise). Writes only to the given
 * streams; never names members or diagnoses. */
#include "rerun/rerun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_tally(const void *a, const void *b)
{
    const AdjRerunTally *x = a, *y = b;
    if (x->lines != y->lines)
        return x->lines > y->lines ? -1 : 1;
    int c = strcmp(x->from, y->from);
    return c ? c : strcmp(x->to, y->to);
}

void adj_rerun_print_table(const AdjRerunResult *res, FILE *out)
{
    if (res->ntally == 0)
        return;
    AdjRerunTally *t = adj_xmalloc(res->ntally * sizeof(*t));
    memcpy(t, res->tally, res->ntally * sizeof(*t));
    qsort(t, res->ntally, sizeof(*t), cmp_tally);
    fprintf(out, "%-18s %-18s %8s %14s %14s %14s\n", "old", "new", "lines", "paid before",
            "paid after", "difference");
    AdjMoney before = 0, after = 0;
    int64_t lines = 0;
    for (size_t i = 0; i < res->ntally; i++) {
        char b[ADJ_MONEY_FMT_MAX], a[ADJ_MONEY_FMT_MAX], d[ADJ_MONEY_FMT_MAX];
        adj_money_format(t[i].paid_from, b, sizeof(b));
        adj_money_format(t[i].paid_to, a, sizeof(a));
        adj_money_format(t[i].paid_to - t[i].paid_from, d, sizeof(d));
        fprintf(out, "%-18s %-18s %8lld %14s %14s %14s\n", t[i].from, t[i].to,
                (long long)t[i].lines, b, a, d);
        before += t[i].paid_from;
        after += t[i].paid_to;
        lines += t[i].lines;
    }
    char b[ADJ_MONEY_FMT_MAX], a[ADJ_MONEY_FMT_MAX], d[ADJ_MONEY_FMT_MAX];
    adj_money_format(before, b, sizeof(b));
    adj_money_format(after, a, sizeof(a));
    adj_money_format(after - before, d, sizeof(d));
    fprintf(out, "%-18s %-18s %8lld %14s %14s %14s\n", "total", "", (long long)lines, b, a, d);
    free(t);
}

void adj_rerun_print_summary(const AdjRerunOptions *opt, const AdjRerunResult *res, FILE *out)
{
    const char *what = res->shadow ? "shadow run" : opt->dry_run ? "dry run" : "rerun";
    if (res->shadow)
        fprintf(out, "shadow run: candidate %s%s%s against the installed rulesets, on the same "
                     "claims, reference data and history; a line counts as changed only when "
                     "its outcome, CARC/RARC or amounts differ\n",
                res->candidate[0], res->candidate[1][0] ? ", " : "", res->candidate[1]);
    else if (res->ruleset_installed == 0 && res->candidate[0][0])
        fprintf(out, "rerun: with ruleset %s, which is not installed (--allow-uninstalled-ruleset;"
                     " recorded as such)\n", res->candidate[0]);
    if (res->interrupted)
        fprintf(out, "%s: interrupted after %lld of %lld claims; ", what,
                (long long)(res->done_before + res->claims), (long long)res->selected);
    else
        fprintf(out, "%s: %lld claim%s, ", what, (long long)res->claims,
                res->claims == 1 ? "" : "s");
    fprintf(out, "%lld line%s: %lld changed in %lld claim%s, %lld unchanged; ",
            (long long)res->lines, res->lines == 1 ? "" : "s", (long long)res->lines_changed,
            (long long)res->claims_changed, res->claims_changed == 1 ? "" : "s",
            (long long)(res->lines - res->lines_changed));
    if (opt->dry_run)
        fprintf(out, "nothing written");
    else if (res->written == 0)
        fprintf(out, "nothing changed, nothing written");
    else
        fprintf(out, "%lld decision%s written", (long long)res->written,
                res->written == 1 ? "" : "s");
    if (res->run_id > 0)
        fprintf(out, " (run %lld%s)", (long long)res->run_id, res->resumed ? ", resumed" : "");
    if (res->superseded > 0)
        fprintf(out, "; %lld superseded claim%s skipped (replaced or voided later)",
                (long long)res->superseded, res->superseded == 1 ? "" : "s");
    fputc('\n', out);
    if (res->interrupted && !opt->dry_run)
        fprintf(out, "rerun: run the same command again to resume\n");
}

void adj_rerun_progress(FILE *f, bool tty, int64_t done, int64_t total, bool final)
{
    if (f == NULL || total <= 0)
        return;
    int pct = (int)(done * 100 / total);
    if (tty) {
        char bar[31];
        int fill = pct * 30 / 100;
        for (int i = 0; i < 30; i++)
            bar[i] = i < fill ? '#' : '-';
        bar[30] = '\0';
        fprintf(f, "\rrerun [%s] %3d%% %lld/%lld claims", bar, pct, (long long)done,
                (long long)total);
        if (final)
            fputc('\n', f);
        fflush(f);
        return;
    }
    /* a line per tenth, and the last; one process runs one re-run */
    static int64_t last_done = -1;
    static int last_tenth = -1;
    int tenth = pct / 10;
    if ((final && done != last_done) || tenth != last_tenth) {
        fprintf(f, "rerun: %lld/%lld claims (%d%%)\n", (long long)done, (long long)total, pct);
        last_tenth = tenth;
        last_done = done;
    }
}
