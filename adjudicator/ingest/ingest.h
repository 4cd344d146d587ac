/* Ingest: one 837P file into the intake queue (the library function behind
 * `adjudicator ingest`, issue 18). Reads the file with the x12 reader and
 * stores each accepted transaction set and claim through store/intake.c,
 * in one transaction or in committed chunks (issue 20). Prints nothing:
 * problems go to the caller's callbacks and the outcome to the result.
 * Decides nothing. */
#ifndef ADJ_INGEST_INGEST_H
#define ADJ_INGEST_INGEST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"
#include "store/store.h"
#include "x12/x12.h"

typedef struct AdjIngestOptions {
    /* intake.receiver_ids: an interchange for another receiver is an error
     * (ADJ_ERR_INPUT) that stops the file; "" or NULL: not checked */
    const char *receiver_ids;
    /* intake.usage = "P": a test interchange (ISA15 = T) is read and
     * validated but nothing of the file is stored (ADJ_INGEST_TEST) */
    bool production;
    /* intake.chunk_claims: claims per committed chunk, queued as each
     * commits; 0: the whole file in one transaction */
    int64_t chunk_claims;
    void *ctx;
    /* each problem that rejects an interchange or a set (may be NULL) */
    void (*diag)(void *ctx, const AdjX12Diag *d);
    /* each claim as read, stored or not (progress; may be NULL) */
    void (*claim)(void *ctx, const AdjClaim *c);
} AdjIngestOptions;

typedef enum AdjIngestOutcome {
    ADJ_INGEST_STORED,  /* stored and queued: res.store says how much */
    ADJ_INGEST_ALREADY, /* a file with the same SHA-256 was stored whole before */
    ADJ_INGEST_TEST,    /* a test interchange at a production instance */
    ADJ_INGEST_NONE     /* no transaction set accepted */
} AdjIngestOutcome;

typedef struct AdjIngestResult {
    AdjIngestOutcome outcome;
    char sha256[65];
    int64_t size;
    AdjX12Stats stats;
    AdjStoreIntakeResult store;
    uint64_t diags;       /* problems passed to opt->diag */
    uint64_t test_claims; /* claims of test interchanges (ADJ_INGEST_TEST) */
    bool began;           /* storing began: on an error, nothing of this run
                           * stays but the committed chunks */
    int64_t committed;    /* ADJ_INGEST_TEST, NONE or an error: claims that
                           * committed chunks hold and that stay queued (the
                           * same file ingested again resumes after them) */
} AdjIngestResult;

/* Ingest the regular file at path. ADJ_OK with res->outcome when the file
 * was read to its end (parts may have been rejected: res->stats and
 * res->diags); ADJ_ERR_IO when it cannot be read or changed while it was
 * read (its SHA-256 before and after differ); ADJ_ERR_DB; ADJ_ERR_INPUT
 * when an interchange is addressed to another receiver or another ingest
 * of the same file runs. The SHA-256 is of the bytes read: one open file,
 * hashed before and after. */
AdjStatus adj_ingest_file(AdjStore *store, const char *path, const AdjIngestOptions *opt,
                          AdjIngestResult *res, AdjError *err);

#endif
