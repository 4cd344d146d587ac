/* History as the edits see it: the paid and pending lines of one person
 * (docs/adjudication.md person key), by calendar month. AdjHistory is the interface the
 * engine is given (in memory for `check` and tests, PostgreSQL in the
 * pipeline); AdjHistView adds the current claim's lines decided so far,
 * which count as history for its later lines. */
#ifndef ADJ_EDITS_HISTORY_H
#define ADJ_EDITS_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "claim/claim.h"
#include "core/status.h"
#include "claim/decision.h"

#define ADJ_PERSON_KEY_MAX 128

/* One paid or pending service line. A new field: set it in
 * engine/engine.c hist_line (which does not clear the line first). */
typedef struct AdjHistLine {
    char claim_id[ADJ_CLAIM_ID_MAX + 1];
    char billing_npi[11];
    int line;
    char code[ADJ_CODE_MAX + 1];
    char mods[ADJ_MAX_MODS][3];
    int nmods;
    AdjDate dos;
    AdjMonth month;
    int64_t units;     /* whole units (MJ = 1) */
    AdjMoney charge;
    AdjOutcome outcome; /* pay, pend, or forward (a billed service sent to the BH
                         * administrator: only the NCCI pair edit sees it) */
    /* cost share toward the accumulators (engine/costshare.c): set on paid
     * lines of a plan that keeps them (year != 0), else zero */
    AdjDate year;       /* first day of the plan year */
    uint64_t plan;      /* adj_costshare_plan_key of the plan id */
    AdjMoney ded, oop;  /* deductible taken; member share (out of pocket) */
} AdjHistLine;

/* What a person and their family (subscriber ID) have met in one plan's
 * plan year: deductible taken and out-of-pocket spent, in cents. */
typedef struct AdjAccum {
    AdjMoney ded, oop;
} AdjAccum;
typedef struct AdjAccumState {
    AdjAccum person, family;
} AdjAccumState;

/* Return false to stop the iteration. */
typedef bool (*AdjHistVisit)(void *arg, const AdjHistLine *line);

/* Contract for implementations: lines handed to a visitor are borrowed for
 * the call only. The engine calls claim_find/claim_retract for frequency 7
 * and 8 before deciding, then record exactly once per decided claim (a void
 * with n = 0, so the claim key is known); rejected claims are not recorded.
 * Paid, pending and forwarded lines are recorded; nothing else. */
typedef struct AdjHistory {
    void *ctx;
    /* Each counting (not voided, not replaced) line of person in month. */
    void (*month_lines)(void *ctx, const char *person, AdjMonth month, AdjHistVisit fn,
                        void *arg);
    /* Whether a claim with this billing NPI + CLM01 (or payer control number)
     * was received for member_id: the original of a replacement or void. */
    bool (*claim_find)(void *ctx, const char *billing_npi, const char *claim_id,
                       const char *member_id);
    /* Stop counting that claim's lines (replaced or voided). */
    AdjStatus (*claim_retract)(void *ctx, const char *billing_npi, const char *claim_id,
                               const char *member_id, AdjError *err);
    /* Record a decided claim and its paid and pending lines (n may be 0). */
    AdjStatus (*record)(void *ctx, const char *person, const char *member_id,
                        const char *billing_npi, const char *claim_id, const AdjHistLine *lines,
                        int n, AdjError *err);
    /* The accumulators of person and of its family (member ID) for plan
     * and plan year, summed over the counting lines recorded so far
     * (retracted claims no longer count). NULL: the history keeps none
     * (every plan year starts at zero). */
    void (*accum)(void *ctx, const char *person, const char *member, uint64_t plan, AdjDate year,
                  AdjAccumState *out);
    /* The counting (paid or pending) lines recorded for that claim key,
     * summed over its receipts; -1 when unknown. NULL: unknown. A
     * replacement or void is timely when its original had such lines. */
    int (*claim_counts)(void *ctx, const char *billing_npi, const char *claim_id,
                        const char *member_id);
} AdjHistory;

/* The lines of one person-month as month_lines gave them, copied at the
 * first walk of a claim: history does not change while a claim is decided,
 * so the edits' later walks of that month read the copy, with no person
 * lookup and no callback into the history per walk. */
#define ADJ_HIST_SNAP_LINES 16
#define ADJ_HIST_SNAPS 4
typedef struct AdjHistSnap {
    AdjMonth month;
    int n; /* lines held; -1: more than fit (the walks ask the history) */
    AdjHistLine lines[ADJ_HIST_SNAP_LINES];
} AdjHistSnap;
typedef struct AdjHistCache {
    int nsnap; /* 0 at the start of each claim */
    AdjHistSnap snap[ADJ_HIST_SNAPS];
} AdjHistCache;

typedef struct AdjHistView {
    const AdjHistory *hist;
    const char *person;
    const AdjHistLine *claim_lines; /* this claim's paid/pending lines so far */
    int nclaim_lines;
    const AdjDecision *decided;     /* this claim's decisions, by index ... */
    const bool *done;               /* ... valid where done[i] (add-ons come last) */
    AdjHistCache *cache;            /* this claim's copies of history, or NULL */
} AdjHistView;

/* Visit history then this claim's earlier lines, for one month: paid and
 * pending lines only. */
void adj_hist_each(const AdjHistView *v, AdjMonth month, AdjHistVisit fn, void *arg);
/* Visit the history of earlier claims only, forwarded lines included. */
void adj_hist_each_all(const AdjHistView *v, AdjMonth month, AdjHistVisit fn, void *arg);

#endif
