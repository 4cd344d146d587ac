/* The 837P reader: X12 envelope (ISA/GS/ST ... SE/GE/IEA) and the loops the
 * claim model uses, streaming one transaction set at a time in bounded
 * memory. Claims of a set are handed over only once the set's envelope and
 * its group's and interchange's trailers check out (DESIGN.md 9: a bad
 * trailer rejects every set it closes). Pure apart from reading the file. */
#ifndef ADJ_X12_X12_H
#define ADJ_X12_X12_H

#include <stdbool.h>
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
    char isa08[16];        /* interchange receiver ID, trimmed */
    char gs03[16];         /* application receiver's code */
    char usage;            /* ISA15: 'P' production, 'T' test */
    const char *raw;       /* ST through SE, borrowed for the callback */
    size_t raw_len;
    uint32_t claims;       /* claims in the set */
} AdjX12Set;

/* What pass 1 learnt of one transaction set, for the 999 (AK2/IK5). */
typedef struct AdjX12SetAck {
    char st01[4];          /* "837", or what the sender put there */
    char st02[10];
    char st03[16];         /* ST03, else the group's GS08 */
    bool ok;               /* accepted (its envelope and its group's) */
    char ik502[3];         /* 999 IK502 reason when rejected by its own
                            * envelope: "1" not an 837, "I6" version not
                            * supported, "2" no SE, "3" control numbers
                            * differ, "4" segment count, "7" bad ST02 */
    uint32_t group;        /* index into AdjX12Interchange.groups */
    uint64_t raw_end;      /* internal: just past SE's terminator */
    uint32_t claims;       /* CLM segments */
} AdjX12SetAck;

/* One functional group, for the 999 (AK1/AK9). */
typedef struct AdjX12GroupAck {
    char gs01[3], gs02[16], gs03[16], gs06[10], gs08[16];
    bool ok;               /* the group's own envelope (GS, GE) checks out */
    char ak905[3];         /* 999 AK905 reason: "3" no GE, "4" GE02, "5" GE01
                            * count, "6" GS06 invalid; "" none */
    uint32_t nsets;        /* ST segments in the group */
} AdjX12GroupAck;

/* An interchange as pass 1 found it, before any of its claims: what the
 * TA1 and the 999s answer. Arrays are borrowed for the callback. */
typedef struct AdjX12Interchange {
    const char *file;
    bool readable;         /* ISA elements could be read: a TA1 can answer */
    bool ok;               /* accepted */
    char ta105[4];         /* TA1 note code when rejected ("001", "021") */
    char isa05[3], isa06[16], isa07[3], isa08[16];
    char isa09[7], isa10[5], isa13[10], isa15[2];
    const AdjX12GroupAck *groups;
    size_t ngroups;
    const AdjX12SetAck *sets; /* in file order; sets outside a group have
                               * group == UINT32_MAX */
    size_t nsets;
} AdjX12Interchange;

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
    /* Each interchange once its envelope has been checked, before its
     * claims (acknowledgements). May be NULL. A non-OK return stops the
     * reader. */
    AdjStatus (*interchange)(void *ctx, const AdjX12Interchange *ix, AdjError *err);
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

/* The patient's name for people (x12/names.c): from the segments of a
 * transaction set just before a claim's CLM (chunk ends right after the
 * segment terminator that precedes CLM; it starts at ST or anywhere after
 * it), the last 2010CA NM1*QC (dependent) or 2010BA NM1*IL name: "LAST,
 * FIRST" into out (bytes as sent). False when no such segment is found. */
bool adj_x12_patient_name(const char *chunk, size_t len, bool dependent, char *out,
                          size_t size);
/* Whether the set is addressed to one of ids (space or comma separated;
 * empty = any): its ISA08 or its GS03 must be one of them. */
bool adj_x12_addressed_to(const AdjX12Set *set, const char *ids);

#endif
