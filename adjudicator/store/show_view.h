/* `show` and the console's claim page as data (store/show_view.c): the
 * claims with every decision version and its lines, the decisions of other
 * claims that relied on them, the persons under a member ID, what was sent
 * back (acknowledgements, 835s); fields rather than text, so that the
 * command layer (cli/show_text.c, cli/show_json.c) and the console render
 * each one in its place and escape it. Also the read snapshot that `show`
 * and the console read a claim in (a standby's or the primary's). Reads
 * only; prints nothing. */
#ifndef ADJ_STORE_SHOW_VIEW_H
#define ADJ_STORE_SHOW_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "edits/ruleset.h"
#include "store/store.h"

/* Strings live in the caller's arena, NUL-terminated (claim bytes hold no
 * NUL), as stored (bytea decoded); NULL where the database has NULL.
 * Amounts are formatted ("149.30"). */
typedef struct AdjShowLine {
    int line_no, lx;
    const char *code, *dos, *route, *outcome, *grp, *carc, *carc_text;
    const char *rarc;             /* the codes joined by ' ' ("" when none) */
    const char *rarc_text;        /* "CODE: text" per RARC, joined by '\n'; NULL when none */
    const char *charge, *units;   /* as billed; units "2" or "1.500" */
    const char *allowed, *paid, *patient_resp;
    const char *ruleset_id, *ruleset_sha256;
    const char *rules;            /* joined by ", " */
    const char *matched_claim, *matched_pcn, *reason, *hash;
} AdjShowLine;

/* The reference data a version was decided with (refdata_load). */
typedef struct AdjShowRefdata {
    const char *version;          /* NULL: none recorded */
    const char *loaded_at;        /* NULL: the load row is gone */
    const char *db_login, *os_user, *app_user, *reason, *files;
} AdjShowRefdata;

typedef struct AdjShowVersion {
    int version;
    const char *decided_at, *decided_by, *db_login, *app_user, *rerun_reason;
    AdjShowRefdata ref;
    AdjShowLine *lines;
    size_t nlines;
} AdjShowVersion;

/* A decision of another claim that relied on one of a claim's lines. */
typedef struct AdjShowDep {
    const char *pcn, *claim_id, *npi, *code, *outcome, *why, *base_pcn, *base_claim_id;
    const char *carc;             /* "CO-45", "" when none */
    int line_no;
} AdjShowDep;

/* What was sent back: an acknowledgement of the claim's interchange or an
 * 835 that carried it (the claim page). */
typedef struct AdjShowSent {
    const char *kind;             /* "999", "277CA", "TA1", "835 payment", "835 reversal" */
    const char *control;          /* interchange control number */
    const char *at;               /* "YYYY-MM-DD HH:MM:SS UTC" */
    const char *detail;           /* "answering ISA13 ...", "paid 12.30, file ..." */
} AdjShowSent;

/* An acknowledgement of an interchange that carried a claim key (`show`). */
typedef struct AdjShowAck {
    const char *kind;             /* as stored: "999", "277", "ta1" */
    int64_t control;
    const char *in_isa13;
    const char *at;               /* "YYYY-MM-DD HH:MM:SS" (UTC) */
    const char *written_to;       /* "" when not written to a file */
    const char *verdict;          /* 277: "accepted" or "rejected"; else "" */
} AdjShowAck;

/* A person (subscriber or dependent) with claims under a member ID. */
typedef struct AdjShowPerson {
    bool dependent;
    const char *first_name, *birth;
    int64_t claims;
    const char *first_pcn, *last_pcn;
} AdjShowPerson;

typedef struct AdjShowClaim {
    int64_t claim_pk;
    const char *pcn, *npi, *claim_id, *received, *freq, *original_ref, *queue;
    const char *patient_name;     /* "LAST, FIRST" from the claim as sent, NULL when unknown */
    const char *first_name, *birth, *member_id, *plan, *bill_name, *rend_npi, *rend_name;
    bool dependent;
    const char *total_charge;
    const char *replaces, *superseded_by;
    AdjShowVersion *versions;     /* newest first */
    size_t nversions;
    AdjShowDep *deps;             /* adj_store_show_view only */
    size_t ndeps;
    AdjShowSent *sent;            /* adj_store_show_view only */
    size_t nsent;
} AdjShowClaim;

/* The claims claim_pks[0..n) that exist, in claim_pk order, with their
 * versions (no dependents or sent). */
AdjStatus adj_store_show_claims(AdjStore *store, const int64_t *claim_pks, size_t n,
                                AdjArena *arena, AdjShowClaim **out, size_t *nout,
                                AdjError *err);

/* The decisions in force of other claims that relied on the lines of the
 * claims with CLM01 claim_id (and billing NPI npi, NULL: any). What counts
 * as an add-on, its primary and a cap denial comes from rules (the
 * rulesets in force, all of them). */
AdjStatus adj_store_show_deps(AdjStore *store, const AdjRulesetSet *rules, const char *claim_id,
                              const char *npi, AdjArena *arena, AdjShowDep **out, size_t *n,
                              AdjError *err);

/* The acknowledgements of the interchanges that carried CLM01 claim_id
 * (billing NPI npi or NULL), in the order they were made. */
AdjStatus adj_store_show_acks(AdjStore *store, const char *claim_id, const char *npi,
                              AdjArena *arena, AdjShowAck **out, size_t *n, AdjError *err);

/* The persons (by person key) with claims under member_id, subscriber
 * first, then by birth date. */
AdjStatus adj_store_show_persons(AdjStore *store, const char *member_id, AdjArena *arena,
                                 AdjShowPerson **out, size_t *n, AdjError *err);

/* The claim claim_pk with its versions, dependents (rules: the rulesets in
 * force) and what was sent back. *found false when no such claim. */
AdjStatus adj_store_show_view(AdjStore *store, const AdjRulesetSet *rules, int64_t claim_pk,
                              AdjArena *arena, AdjShowClaim *out, bool *found, AdjError *err);

/* One consistent snapshot for a read: BEGIN ISOLATION LEVEL REPEATABLE READ
 * READ ONLY (allowed on a hot standby), then end (COMMIT). end on a store
 * with no open transaction is harmless. */
AdjStatus adj_store_read_begin(AdjStore *store, AdjError *err);
void adj_store_read_end(AdjStore *store);

#endif
