/* Re-runs (issue 6): re-decide stored claims with the reference data in
 * force and the history as it stands around each claim (never the claim
 * itself), compare with the decision in force, and write a new decision
 * version only where something changed (or when asked to record it). Batches
 * are transactions holding the workers' member locks; a stop request ends
 * the run between batches; a dry run decides the same way inside one
 * transaction it rolls back. Never includes libpq; prints only to the
 * streams it is given. */
#ifndef ADJ_RERUN_RERUN_H
#define ADJ_RERUN_RERUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/money.h"
#include "claim/decision.h"
#include "store/rerun.h"

typedef struct AdjRerunOptions {
    const char *conninfo;
    const char *rulesets_path;    /* file or directory in force for the run */
    const char *ruleset_arg;      /* --ruleset as given (audit), or NULL */
    const char *installed_path;   /* the rulesets installed (rulesets.dir): with
                                   * --ruleset, the baseline of a shadow run and
                                   * what "installed" means */
    bool allow_uninstalled;       /* a real run may use rulesets not installed */
    const char *reason, *user;
    bool dry_run, record_unchanged;
    bool per_line;                /* print old -> new for every line */
    int batch_size;
    AdjStoreRerunFilter filter;
    const char *filter_text;      /* the normalised selection (audit, resume key) */
    const AdjSignKey *sign_key;   /* Ed25519: signed checkpoints (issue 15) */
    const uint8_t *key;           /* else the legacy checkpoint HMAC key */
    size_t key_len;
    volatile sig_atomic_t *stop;  /* set by SIGINT: finish the batch, stop */
    FILE *out;                    /* per-line changes */
    FILE *progress;               /* progress bar or lines, or NULL */
    bool progress_tty;
} AdjRerunOptions;

/* Lines that changed, by old and new outcome and CARC. */
typedef struct AdjRerunTally {
    char from[24], to[24];        /* "deny CO-170", "pay" */
    int64_t lines;
    AdjMoney paid_from, paid_to;
} AdjRerunTally;

typedef struct AdjRerunResult {
    int64_t run_id;
    /* --ruleset not installed and a dry run: a shadow run. Its lines are
     * decided by the installed rulesets and by the candidate against the
     * same claims, reference data and stored history; a line counts as
     * changed only when outcome, CARC/RARC or amounts differ. */
    bool shadow;
    int ruleset_installed;        /* -1 no --ruleset, 0 not installed, 1 installed */
    char candidate[2][160];       /* "cocm-2026 sha256 abc..." of the first two rulesets */
    bool resumed, interrupted;
    int64_t selected;             /* claims of the run */
    int64_t done_before;          /* claims an earlier, interrupted invocation did */
    int64_t claims, claims_changed, lines, lines_changed, written;
    int64_t bases_denied;         /* base lines that went from pay/pend to deny/reject */
    AdjRerunTally *tally;
    size_t ntally;
    const char *missing[8];       /* claim IDs given that match no decided claim */
    size_t nmissing;              /* all of them, even beyond the 8 named */
    /* Claims the selection matched that a later replacement or void
     * superseded: never re-run (the superseding claim's decisions stand). */
    int64_t superseded;
    struct {
        const char *claim_id;     /* a claim ID given whose claims are all superseded */
        AdjStoreRerunPick pick;   /* the first of them, and what superseded it */
    } refused[8];
    size_t nrefused;              /* all of them, even beyond the 8 named */
} AdjRerunResult;

/* Run the re-run. Superseded claims are skipped (res->superseded); a claim
 * ID given whose claims are all superseded is refused (res->refused). ADJ_ERR_DB: database unavailable; ADJ_ERR_USAGE: bad
 * ruleset or no access (the staff role). A stop request is not an error
 * (res->interrupted). Free res with adj_rerun_result_free. */
AdjStatus adj_rerun_run(const AdjRerunOptions *opt, AdjRerunResult *res, AdjError *err);
void adj_rerun_result_free(AdjRerunResult *res);

/* The change table and the summary line (rerun/report.c). */
void adj_rerun_print_table(const AdjRerunResult *res, FILE *out);
void adj_rerun_print_summary(const AdjRerunOptions *opt, const AdjRerunResult *res, FILE *out);

/* Compare a new decision with the one in force (rerun/compare.c): every
 * stored field of the decision, not its chain position or time. */
bool adj_rerun_same(const AdjDecision *d, int line_no, const AdjStoreCurrent *c);
/* "deny CO-170 N95" and "paid 119.44" of either side, for people. */
void adj_rerun_describe_new(const AdjDecision *d, char *buf, size_t size);
void adj_rerun_describe_old(const AdjStoreCurrent *c, char *buf, size_t size);
/* Count one changed line in res's table. */
void adj_rerun_tally(AdjRerunResult *res, const AdjStoreCurrent *old, const AdjDecision *d);
/* Progress: a bar on a terminal (\r), else a line per tenth. */
void adj_rerun_progress(FILE *f, bool tty, int64_t done, int64_t total, bool final);

#endif
