/* The pend work queue (issue 17): a person decides a pended line (pay, at
 * the fee or a given amount, or deny with a CARC and RARCs) and the
 * decision is appended as the claim's next version through the same chain,
 * checkpoint and history path as the pipeline's, attributed to the database
 * login. Every refusal says why in one line. Never includes libpq. */
#ifndef ADJ_PEND_PEND_H
#define ADJ_PEND_PEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/money.h"
#include "core/status.h"

/* No line is paid more than this by hand, whatever its fee or charge. */
#define ADJ_PEND_MAX_ALLOWED ((AdjMoney)10000000) /* 100,000.00 */
#define ADJ_PEND_REASON_MAX 200

typedef struct AdjPendDecide {
    const char *conninfo;
    const char *rulesets_path;   /* fees: the rulesets in force */
    const char *claim;           /* payer claim control number or CLM01 */
    int line;                    /* line number (1-based, as `pend list` shows) */
    bool pay;                    /* else deny */
    const char *allowed;         /* pay: decimal amount, NULL = fee x units */
    const char *deny;            /* deny: "CARC" or "GROUP-CARC" (group CO by default) */
    const char *const *rarc;
    int nrarc;
    const char *reason;
    const char *app_user;        /* the console's signed-in account, or NULL */
    const struct AdjSignKey *sign_key; /* Ed25519: signed checkpoints (or NULL) */
    const uint8_t *key;          /* checkpoint HMAC key (or NULL) */
    size_t key_len;
    AdjArena *deps_arena;        /* read the claim's dependents after the decision into
                                    it (AdjPendResult.deps), or NULL */
} AdjPendDecide;

typedef struct AdjPendResult {
    char pcn[24];
    char claim_id[40];
    char npi[11];
    char decided_by[160];
    char outcome[128];           /* "pay allowed 149.30 paid 119.44", "deny CO-45 N130" */
    const struct AdjShowDep *deps; /* with deps_arena: store/show_view.h */
    size_t ndeps;
} AdjPendResult;

/* ADJ_ERR_INPUT: refused (claim unknown or ambiguous, line not pended,
 * unknown CARC/RARC, amount above fee x units or absurd, a suspect
 * duplicate paid without its match named in the reason); ADJ_ERR_USAGE:
 * malformed request (amount with three decimals, empty reason, rulesets);
 * ADJ_ERR_DB: database. */
AdjStatus adj_pend_decide(const AdjPendDecide *req, AdjPendResult *res, AdjError *err);

/* Checks that need no database (pend/pend.c, unit-tested): the amount
 * (positive, at most two decimals, at most ADJ_PEND_MAX_ALLOWED) and the
 * reason (1 to ADJ_PEND_REASON_MAX bytes, no control characters). */
AdjStatus adj_pend_parse_amount(const char *s, AdjMoney *out, AdjError *err);
AdjStatus adj_pend_check_reason(const char *reason, AdjError *err);
/* The most a line may be paid: min(charge, fee x units) with a fee (checked
 * multiplication), else the charge; never above ADJ_PEND_MAX_ALLOWED. */
AdjStatus adj_pend_max_allowed(bool has_fee, AdjMoney fee, int64_t units, AdjMoney charge,
                               AdjMoney *out, AdjError *err);

#endif
