/* The engine's history (edits/history.h) backed by PostgreSQL: the history
 * of a set of members is fetched once (store/history.c), replayed in its
 * original order into the in-memory history, and then served from memory.
 * Every record/retract the engine makes goes to memory and, when a writer
 * is attached, into the batch's history events, so the next batch replays
 * exactly what `check` would hold in memory. A claim recorded again (a
 * re-run that changed it) counts with its latest lines at the place of its
 * first record. Never includes libpq. */
#ifndef ADJ_PIPELINE_PGHIST_H
#define ADJ_PIPELINE_PGHIST_H

#include "edits/history.h"
#include "store/store.h"

typedef struct AdjPipelineHist AdjPipelineHist;

AdjPipelineHist *adj_pipeline_hist_new(void);
void adj_pipeline_hist_free(AdjPipelineHist *h);
/* Fetch and replay the history of these members (subscriber IDs) not
 * loaded yet. */
AdjStatus adj_pipeline_hist_load(AdjPipelineHist *h, AdjStore *store, const char *const *member_ids,
                          size_t n, AdjError *err);
/* A re-run's view of history (docs/adjudication.md), for claims claim_pks[i] of
 * subscribers member_ids[i], at most one claim per subscriber: skip each
 * claim's own events (a claim never counts itself, nor its own earlier
 * versions) and the records of its subscriber's later claims (claim_pk
 * above it). Each claim sees the claims it was first decided after, with
 * their decisions in force now, and every void and replacement since.
 * Call before adj_pipeline_hist_load. Copies. */
void adj_pipeline_hist_rerun_view(AdjPipelineHist *h, const int64_t *claim_pks,
                                  const char *const *member_ids, size_t n);
/* The workers' view: skip the stored events of the claims being decided
 * (claim_pks, n), so a claim decided again (its queue row failed and set
 * back to ready) never counts its own earlier decisions as history. Call
 * before adj_pipeline_hist_load. Copies. */
void adj_pipeline_hist_skip_own(AdjPipelineHist *h, const int64_t *claim_pks, size_t n);
/* Attach the batch writer and the claim being decided (its claim_pk and
 * payer claim control number): the engine's record/retract calls become
 * that claim's history events. w may be NULL (nothing written: the
 * library API). */
void adj_pipeline_hist_current(AdjPipelineHist *h, AdjStoreWrite *w, int64_t claim_pk, const char *pcn);
/* The interface for adj_engine_decide (valid while h lives). */
AdjHistory adj_pipeline_hist_interface(AdjPipelineHist *h);

#endif
