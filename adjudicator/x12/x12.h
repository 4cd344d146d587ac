/* The 837P reader: X12 envelope (ISA/GS/ST ... SE/GE/IEA) and the loops the
 * claim model uses, streaming one transaction set at a time in bounded
 * memory. Claims of a set are handed over only once the set's envelope and
 * its group's and interchange's trailers check out (DESIGN.md 9: a bad
 * trailer rejects every set it closes). Pure apart from reading the file. */
#ifndef ADJ_X12_X12_H
#define ADJ_X12_X12_H

#include <stddef.h>
#include <stdint.h>

#include "claim/claim.h"
#include "core/status.h"

/* One line on stderr for the sender: file, segment number (1-based within
 * its transaction set, or within the interchange for ISA/GS/GE/IEA), segment
 * ID, claim ID where known, and what is wrong. */
typedef struct AdjX12Diag {
    const char *file;
    uint64_t segment;
    char segment_id[4];
    char claim_id[ADJ_CLAIM_ID_MAX + 1];
    char msg[256];
} AdjX12Diag;

/* Format a diagnostic as the one-line error of DESIGN.md 3.1:
 * "f.837: segment 12 (CLM): claim A1: CLM02 ...". Returns buf. */
char *adj_x12_diag_format(const AdjX12Diag *d, char *buf, size_t size);

/* An accepted transaction set, for storage: its raw bytes ST..SE. */
typedef struct AdjX12Set {
    const char *file;
    char isa13[10];
    char gs06[10];
    char st02[10];
    char version[16];      /* GS08 */
    AdjDate gs_date;       /* GS04 */
    const char *raw;       /* ST through SE, borrowed for the callback */
    size_t raw_len;
    uint32_t claims;       /* claims in the set */
} AdjX12Set;

typedef struct AdjX12Handler {
    void *ctx;
    /* Each accepted set, before its claims. May be NULL. */
    AdjStatus (*set)(void *ctx, const AdjX12Set *set, AdjError *err);
    /* Each claim of an accepted set, in file order. A claim that failed
     * front-end validation has nproblems > 0 (its lines are rejected). A
     * non-OK return stops the reader, which returns that status. */
    AdjStatus (*claim)(void *ctx, const AdjClaim *claim, AdjError *err);
    /* Each problem that rejects an interchange or a set, or a segment the
     * reader could not read. May be NULL (diagnostics are then dropped). */
    void (*diag)(void *ctx, const AdjX12Diag *diag);
} AdjX12Handler;

typedef struct AdjX12Stats {
    uint64_t bytes;
    uint64_t interchanges, interchanges_rejected;
    uint64_t sets, sets_rejected;
    uint64_t claims, claims_rejected; /* claims_rejected: nproblems > 0 */
    uint64_t lines;
} AdjX12Stats;

/* Read a file ("-" for standard input). ADJ_OK when the file was read to the
 * end, even if parts were rejected (see stats and the diag callback);
 * ADJ_ERR_IO when it cannot be read; a handler's error as returned. */
AdjStatus adj_x12_read_file(const char *path, const AdjX12Handler *h, AdjX12Stats *stats,
                            AdjError *err);
/* The same over an open descriptor, which it takes over (closes). */
AdjStatus adj_x12_read_fd(const char *name, int fd, const AdjX12Handler *h, AdjX12Stats *stats,
                          AdjError *err);

/* The same over a buffer; name is used in diagnostics. */
AdjStatus adj_x12_read_mem(const char *name, const char *data, size_t len,
                           const AdjX12Handler *h, AdjX12Stats *stats, AdjError *err);

#endif
