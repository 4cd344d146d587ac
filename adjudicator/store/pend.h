/* The pend queue in PostgreSQL (store/pend.c): pended lines whose decision
 * is still in force, oldest first; the CARC/RARC list a manual decision is
 * checked against (reason_code, sql/110); the database login a manual
 * decision is attributed to. Reads only: decisions go through
 * store/write.c like every other. */
#ifndef ADJ_STORE_PEND_H
#define ADJ_STORE_PEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

typedef struct AdjStorePendRow {
    int64_t claim_pk;
    char pcn[24];
    char claim_id[ADJ_CLAIM_ID_MAX + 1];
    char npi[11];
    int line_no;
    char code[ADJ_CODE_MAX + 1];
    char dos[11];                 /* ISO date, "" when none */
    char pended_at[24];           /* "YYYY-MM-DD HH:MM UTC" */
    int age_days;
    char rule[64];                /* the rule that pended it (its trace's last) */
    char matched[ADJ_CLAIM_ID_MAX + 1]; /* suspect duplicate: the claim it matches */
    char matched_pcn[24];
    char charge[ADJ_MONEY_FMT_MAX];
    char reason[256];
} AdjStorePendRow;

/* Pended lines in force, oldest pend first: rule (when not NULL) a part of
 * the pending rule's name, case-insensitive ("duplicate", "no_fee");
 * older_than_days >= 0: pended at least that many days ago. At most limit
 * rows from offset; *total counts all that match. Caller frees *out. */
AdjStatus adj_store_pend_list(AdjStore *store, const char *rule, int older_than_days,
                              int limit, int offset, AdjStorePendRow **out, size_t *n,
                              int64_t *total, AdjError *err);
/* Whether kind ("CARC" or "RARC") code is in the reason_code list; *text
 * (when known) its text into buf. */
AdjStatus adj_store_reason_code(AdjStore *store, const char *kind, const char *code,
                                bool *known, char *text, size_t size, AdjError *err);
/* The control number of a later replacement or void of the claim into by_pcn
 * ("" when none): as decision_current.superseded_by. */
AdjStatus adj_store_claim_superseded(AdjStore *store, int64_t claim_pk, char *by_pcn,
                                     size_t size, AdjError *err);

#endif
