/* The engine's history (edits/history.h) backed by PostgreSQL: the history
 * of a set of members is fetched once (store/history.c), replayed in its
 * original order into the in-memory history, and then served from memory.
 * Every record/retract the engine makes goes to memory and, when a writer
 * is attached, into the batch's history events, so the next batch replays
 * exactly what `check` would hold in memory. Never includes libpq. */
#ifndef ADJ_PIPELINE_PGHIST_H
#define ADJ_PIPELINE_PGHIST_H

#include "edits/history.h"
#include "store/store.h"

typedef struct AdjPgHist AdjPgHist;

AdjPgHist *adj_pghist_new(void);
void adj_pghist_free(AdjPgHist *h);
/* Fetch and replay the history of these members (subscriber IDs) not
 * loaded yet. */
AdjStatus adj_pghist_load(AdjPgHist *h, AdjStore *store, const char *const *member_ids,
                          size_t n, AdjError *err);
/* Skip the history events of these claims in later loads: a re-run's
 * claims never count themselves, nor their own earlier versions (DESIGN.md
 * 9). Copies the list. */
void adj_pghist_exclude(AdjPgHist *h, const int64_t *claim_pks, size_t n);
/* Attach the batch writer and the claim being decided (its claim_pk and
 * payer claim control number): the engine's record/retract calls become
 * that claim's history events. w may be NULL (nothing written: the
 * library API). */
void adj_pghist_current(AdjPgHist *h, AdjStoreWrite *w, int64_t claim_pk, const char *pcn);
/* The interface for adj_engine_decide (valid while h lives). */
AdjHistory adj_pghist_interface(AdjPgHist *h);

#endif
