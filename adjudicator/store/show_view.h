/* One claim as the console's claim page shows it (store/show_view.c):
 * `show`'s facts as fields rather than text, so that a page renders each
 * one in its place and escapes it. Also the read snapshot that `show` and
 * the console read a claim in (a standby's or the primary's). Reads only. */
#ifndef ADJ_STORE_SHOW_VIEW_H
#define ADJ_STORE_SHOW_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "edits/ruleset.h"
#include "store/store.h"

/* Strings live in the caller's arena, NUL-terminated (claim bytes hold no
 * NUL), "" when absent unless said otherwise; amounts are formatted
 * ("149.30"), NULL when the decision has none. */
typedef struct AdjShowLine {
    int line_no, lx;
    const char *code, *dos, *route, *outcome, *grp, *carc, *carc_text;
    const char *const *rarc;      /* nrarc codes and their texts ("(no text on file)") */
    const char *const *rarc_text;
    size_t nrarc;
    const char *charge, *units;   /* as billed */
    const char *allowed, *paid, *patient_resp;
    const char *ruleset_id, *ruleset_sha256, *rules, *matched_claim, *matched_pcn;
    const char *reason, *hash;
} AdjShowLine;

typedef struct AdjShowVersion {
    int version;
    const char *decided_at, *decided_by, *db_login, *app_user, *rerun_reason;
    const char *refdata;          /* "version 7, loaded ... by ... because ...", or "" */
    AdjShowLine *lines;
    size_t nlines;
} AdjShowVersion;

/* A decision of another claim that relied on one of this claim's lines. */
typedef struct AdjShowDep {
    const char *pcn, *claim_id, *npi, *code, *outcome, *carc, *why, *base_pcn;
    int line_no;
} AdjShowDep;

/* What was sent back: an acknowledgement of the claim's interchange or an
 * 835 that carried it. */
typedef struct AdjShowSent {
    const char *kind;             /* "999", "277CA", "TA1", "835 payment", "835 reversal" */
    const char *control;          /* interchange control number */
    const char *at;               /* "YYYY-MM-DD HH:MM:SS UTC" */
    const char *detail;           /* "answering ISA13 ...", "paid 12.30, file ..." */
} AdjShowSent;

typedef struct AdjShowClaim {
    int64_t claim_pk;
    const char *pcn, *npi, *claim_id, *received, *freq, *original_ref, *queue;
    const char *patient;          /* "LAST, FIRST" from the claim as sent, else the first name */
    const char *birth, *member_id, *plan, *bill_name, *rend_npi, *rend_name;
    bool dependent;
    const char *total_charge;
    const char *replaces, *superseded_by; /* "" when none */
    AdjShowVersion *versions;     /* newest first */
    size_t nversions;
    AdjShowDep *deps;
    size_t ndeps;
    AdjShowSent *sent;
    size_t nsent;
} AdjShowClaim;

/* The claim claim_pk with its versions, dependents (rules: the rulesets in
 * force, as for adj_store_show_dependents) and what was sent back. *found
 * false when no such claim. */
AdjStatus adj_store_show_view(AdjStore *store, const AdjRulesetSet *rules, int64_t claim_pk,
                              AdjArena *arena, AdjShowClaim *out, bool *found, AdjError *err);

/* One consistent snapshot for a read: BEGIN ISOLATION LEVEL REPEATABLE READ
 * READ ONLY (allowed on a hot standby), then end (COMMIT). end on a store
 * with no open transaction is harmless. */
AdjStatus adj_store_read_begin(AdjStore *store, AdjError *err);
void adj_store_read_end(AdjStore *store);

#endif
