/* Engine benchmark: decided lines/s on one core, in memory, once the
 * in-memory history holds at least HISTORY lines. Claims come from an 837P
 * through the reader; only adj_engine_decide is timed, over batches of
 * claims copied beforehand. Prints key=value figures for tests/bench/run
 * (decided: every line decided, history included, for instruction counts
 * per line under callgrind --toggle-collect=adj_engine_decide; lines:
 * the measured ones, for --toggle-collect=decide_measured, with
 * --instr-atstart=no: instrumentation starts with the measured lines).
 * Usage: bench_engine HISTORY FILE.837 REF_DIR [RULESETS] [MEASURE_LINES] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_START_INSTRUMENTATION
#endif

#include "config/ruleset.h"
#include "core/arena.h"
#include "engine/engine.h"
#include "engine/memhist.h"
#include "x12/x12.h"

/* Claims per timed batch: few enough (16 x 12 KB) to stay in cache, as a
 * claim the reader has just written does when the engine decides it; 512
 * (6 MB) made the timed region read every claim from memory. */
#define BATCH 16

typedef struct Bench {
    AdjEngine engine;
    AdjMemHistory *mem;
    AdjHistory hist;
    AdjClaim *batch;
    int nbatch;
    AdjDecision (*outs)[ADJ_MAX_LINES]; /* per claim of the batch */
    size_t history_target, measure_target;
    size_t history_at_start; /* history lines when measuring began */
    unsigned long long lines, decided, outcomes[8];
    double seconds, render_seconds;
    bool measuring, done;
} Bench;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The same call under two names, so that callgrind can count the measured
 * lines alone: --toggle-collect=decide_measured (Ir per measured line:
 * the total over lines=); --toggle-collect=adj_engine_decide counts every
 * line decided (decided=). */
static __attribute__((noinline)) AdjStatus decide_measured(Bench *b, const AdjClaim *c,
                                                           AdjDecision *out, int *n, AdjError *err)
{
    return adj_engine_decide(&b->engine, c, &b->hist, out, n, err);
}

static __attribute__((noinline)) AdjStatus decide_history(Bench *b, const AdjClaim *c,
                                                          AdjDecision *out, int *n, AdjError *err)
{
    AdjStatus s = adj_engine_decide(&b->engine, c, &b->hist, out, n, err);
    __asm__ volatile("" ::: "memory"); /* not folded into decide_measured */
    return s;
}

static AdjStatus flush(Bench *b, AdjError *err)
{
    if (!b->measuring && adj_memhist_lines(b->mem) >= b->history_target) {
        b->measuring = true;
        b->history_at_start = adj_memhist_lines(b->mem);
        /* under callgrind --instr-atstart=no the history is built at
         * near native speed: instruction counts at 10^6 history lines in
         * minutes */
        CALLGRIND_START_INSTRUMENTATION;
    }
    double t0 = now();
    unsigned long long lines = 0;
    for (int i = 0; i < b->nbatch; i++) {
        int n = 0;
        if ((b->measuring ? decide_measured : decide_history)(b, &b->batch[i], b->outs[i], &n,
                                                              err) != ADJ_OK)
            return err->status;
        lines += (unsigned long long)n;
        if (b->measuring)
            for (int k = 0; k < n; k++)
                b->outcomes[(unsigned)b->outs[i][k].outcome & 7u]++;
    }
    double t1 = now();
    b->decided += lines;
    if (b->measuring) {
        b->lines += lines;
        b->seconds += t1 - t0;
        /* the reasons the engine left for output, written as `check`
         * writes them: timed apart (render_seconds) */
        for (int i = 0; i < b->nbatch; i++)
            adj_engine_reasons_fill(b->outs[i], b->batch[i].nlines);
        b->render_seconds += now() - t1;
        if (b->lines >= b->measure_target)
            b->done = true;
    }
    b->nbatch = 0;
    return ADJ_OK;
}

static AdjStatus on_claim(void *ctx, const AdjClaim *claim, AdjError *err)
{
    Bench *b = ctx;
    b->batch[b->nbatch++] = *claim;
    if (b->nbatch == BATCH) {
        if (flush(b, err) != ADJ_OK)
            return err->status;
        if (b->done) /* stop the reader: enough measured */
            return ADJ_FAIL(err, ADJ_ERR_INTERNAL, "done");
    }
    return ADJ_OK;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_engine HISTORY FILE.837 REF_DIR [RULESETS] [MEASURE_LINES]\n");
        return 2;
    }
    Bench *b = adj_xcalloc(1, sizeof(*b));
    b->history_target = (size_t)strtoull(argv[1], NULL, 10);
    b->measure_target = argc > 5 ? (size_t)strtoull(argv[5], NULL, 10) : 200000;
    const char *rules_path = argc > 4 ? argv[4] : "rulesets";
    char prov[4096], mem[4096], plans[4096];
    snprintf(prov, sizeof(prov), "%s/providers.csv", argv[3]);
    snprintf(mem, sizeof(mem), "%s/members.csv", argv[3]);
    snprintf(plans, sizeof(plans), "%s/plans.csv", argv[3]);
    AdjError err = {0};
    AdjRulesetSet rules = {0};
    AdjRefdata *ref = NULL;
    if (adj_ruleset_set_load(&rules_path, 1, &rules, &err) != ADJ_OK ||
        adj_refdata_load(&ref, prov, mem, plans, &err) != ADJ_OK) {
        fprintf(stderr, "bench_engine: %s\n", err.msg);
        return 2;
    }
    adj_engine_init(&b->engine, &rules, ref);
    b->engine.defer_reasons = true; /* as `check`: reasons written at output */
    b->outs = adj_xcalloc(BATCH, sizeof(*b->outs));
    b->mem = adj_memhist_new();
    b->hist = adj_memhist_interface(b->mem);
    b->batch = adj_xcalloc(BATCH, sizeof(AdjClaim));
    AdjX12Handler h = {.ctx = b, .claim = on_claim};
    AdjX12Stats st;
    memset(&st, 0, sizeof(st));
    AdjStatus s = adj_x12_read_file(argv[2], &h, &st, &err);
    if (s == ADJ_OK && b->nbatch > 0)
        s = flush(b, &err);
    if (s != ADJ_OK && !b->done) {
        fprintf(stderr, "bench_engine: %s\n", err.msg);
        return 1;
    }
    if (!b->measuring || b->lines == 0) {
        fprintf(stderr, "bench_engine: the file gave only %zu history lines, short of %zu\n",
                adj_memhist_lines(b->mem), b->history_target);
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("lines=%llu seconds=%.6f render_seconds=%.6f history=%zu history_end=%zu decided=%llu "
           "maxrss_kb=%ld",
           b->lines, b->seconds, b->render_seconds, b->history_at_start, adj_memhist_lines(b->mem),
           b->decided, ru.ru_maxrss);
    for (unsigned o = 0; o < 8; o++)
        if (b->outcomes[o] > 0)
            printf(" %s=%llu", adj_outcome_name((AdjOutcome)o), b->outcomes[o]);
    printf("\n");
    adj_memhist_free(b->mem);
    adj_refdata_free(ref);
    adj_ruleset_set_free(&rules);
    free(b->batch);
    free(b->outs);
    free(b);
    return 0;
}
