/* Re-runs in PostgreSQL (store/rerun.c): the claims a filter selects, the
 * decisions in force to compare a re-run with, the member locks a re-run
 * shares with the workers, and the rerun_run / rerun_claim audit rows that
 * make an interrupted run resumable. Named statements only: no SQL leaves
 * store/, no decision logic lives here. */
#ifndef ADJ_STORE_RERUN_H
#define ADJ_STORE_RERUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "edits/ruleset.h"
#include "store/store.h"

/* A selection. Every field NULL/0 is "any"; line filters (code, months,
 * outcome, carc) must hold on one line's decision in force. */
typedef struct AdjStoreRerunFilter {
    const char *const *claim_ids; /* CLM01s (nclaim_ids), or NULL */
    size_t nclaim_ids;
    const char *npi;              /* billing NPI */
    const char *plan;             /* the member's plan (any coverage period) */
    const char *code;
    const char *month_from;       /* "YYYY-MM-01" */
    const char *month_to;
    const char *outcome;
    const char *carc;
    const char *depends_on;       /* CLM01 whose dependents (adj_dependents) to select */
    const AdjRulesetSet *rules;   /* rulesets in force: the rule values of depends-on */
} AdjStoreRerunFilter;

/* A selected claim and its member group (claims of one subscriber share it:
 * a re-run batch holds at most one claim per group). A claim a later
 * replacement (frequency 7) or void (8) superseded names that claim
 * (decision_current.superseded_by): its own decisions stand instead. */
typedef struct AdjStoreRerunPick {
    int64_t claim_pk;
    int64_t group;
    bool superseded;
    char pcn[40];                 /* this claim's payer claim control number */
    char by_pcn[40], by_claim_id[40]; /* the superseding claim (when superseded) */
    bool by_void;                 /* it is a void (8), else a replacement (7) */
} AdjStoreRerunPick;

/* Decided claims matching f, in arrival (claim_pk) order, superseded ones
 * too (flagged: the caller says what it does with them); not a claim whose
 * queue row is ready again (the workers will decide it). Caller frees *out. */
AdjStatus adj_store_rerun_select(AdjStore *store, const AdjStoreRerunFilter *f,
                                 AdjStoreRerunPick **out, size_t *n, AdjError *err);

/* Run under a role (SET ROLE through set_config, parameterised). */
AdjStatus adj_store_set_role(AdjStore *store, const char *role, AdjError *err);

/* A real run: in one transaction, resume the unfinished run of run_key
 * (*resumed, its claims not done yet in *todo) or record a new one with the
 * picks as its claims. *done_before counts claims a resumed run had done. */
typedef struct AdjStoreRerunRun {
    const char *run_key;  /* 64 hex */
    bool dry_run;
    const char *user, *reason, *filter, *ruleset;
    const char *ruleset_sha256s; /* "{sha,...}" of --ruleset's rulesets, or NULL */
    int ruleset_installed;       /* --ruleset: 1 installed, 0 not; -1 none given */
    bool shadow;                 /* a candidate compared with the installed rulesets */
} AdjStoreRerunRun;
AdjStatus adj_store_rerun_open(AdjStore *store, const AdjStoreRerunRun *r,
                               const AdjStoreRerunPick *picks, size_t n, int64_t *run_id,
                               bool *resumed, AdjStoreRerunPick **todo, size_t *ntodo,
                               int64_t *done_before, AdjError *err);
/* In the batch's transaction: these claims of the run are done, with
 * their counts (the run's totals are summed from them, so a killed
 * invocation's committed batches still count). */
typedef struct AdjStoreRerunMark {
    int64_t claim_pk;
    bool changed;
    int lines, lines_changed, written;
} AdjStoreRerunMark;
AdjStatus adj_store_rerun_mark(AdjStore *store, int64_t run_id, const AdjStoreRerunMark *m,
                               size_t n, AdjError *err);
typedef struct AdjStoreRerunCounts {
    int64_t selected, done, changed, lines, lines_changed, written;
} AdjStoreRerunCounts;
/* Record a finished, interrupted or failed run (run_id > 0: update it,
 * its counts summed from rerun_claim; c is not used), or a dry run (run_id
 * 0: insert it with c; *run_id_out gets its id). Own statement: call
 * outside a batch transaction. */
AdjStatus adj_store_rerun_finish(AdjStore *store, int64_t run_id, const AdjStoreRerunRun *r,
                                 const char *state, const AdjStoreRerunCounts *c,
                                 int64_t *run_id_out, AdjError *err);

/* In the caller's transaction: the advisory lock of each claim's member (the
 * workers' lock, pipeline/worker.c), waited for in lock order. */
AdjStatus adj_store_rerun_lock(AdjStore *store, const int64_t *claim_pks, size_t n,
                               AdjError *err);

/* A claim line's decision in force, as stored: the fields a re-run compares
 * (strings in the caller's arena; arrays joined by LF; NULL is ""). */
typedef struct AdjStoreCurrent {
    int64_t claim_pk;
    int line_no, version;
    const char *code, *route, *outcome, *grp, *carc, *rarc;
    bool has_amounts;
    int64_t allowed, paid, patient_resp;
    const char *ruleset_id, *ruleset_sha256, *rules, *matched_claim, *reason;
} AdjStoreCurrent;
/* Sorted by claim_pk, line_no. */
AdjStatus adj_store_rerun_current(AdjStore *store, const int64_t *claim_pks, size_t n,
                                  AdjArena *arena, AdjStoreCurrent **out, size_t *nout,
                                  AdjError *err);

#endif
