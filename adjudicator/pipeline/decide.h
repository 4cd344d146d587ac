/* The engine as the worker's decider: rulesets from disk, reference data
 * from PostgreSQL (reloaded when `load` bumps its version), history
 * prefetched once per batch (pipeline/hist.c), each ruleset's text stored
 * by its SHA-256 before any decision names it. SIGHUP reloads rulesets and
 * keeps the old ones when the new are invalid. Never includes libpq. */
#ifndef ADJ_PIPELINE_DECIDE_H
#define ADJ_PIPELINE_DECIDE_H

#include "edits/ruleset.h"
#include "engine/engine.h"
#include "pipeline/worker.h"

typedef struct AdjPipelineEngine {
    char rulesets_path[1024];
    AdjRulesetSet rules;
    char **bodies;          /* each ruleset file's text, for the ruleset table */
    size_t *body_lens;
    AdjRefdata *ref;
    int64_t ref_version;    /* -1: read before the next batch */
    AdjEngine engine;
    int64_t outcomes[ADJ_OUT_VOID + 1]; /* decision lines of the last decide call */
    char payer_id[81];      /* issue 13: intake.payer_id; empty = any */
} AdjPipelineEngine;

/* Load the rulesets of path (file or directory). */
AdjStatus adj_pipeline_engine_init(AdjPipelineEngine *p, const char *rulesets_path,
                                   AdjError *err);
void adj_pipeline_engine_free(AdjPipelineEngine *p);
/* Load the rulesets of path anew; on error keep the current ones (and say
 * why in err). Reference data is re-read before the next batch either way. */
AdjStatus adj_pipeline_engine_reload(AdjPipelineEngine *p, const char *rulesets_path,
                                     AdjError *err);
/* The decide callback of AdjWorkerDecider; ctx is the AdjPipelineEngine. */
AdjStatus adj_pipeline_decide(void *ctx, AdjStore *store, const AdjStoreBatch *b,
                              AdjStoreWrite *w, AdjError *err);

#endif
