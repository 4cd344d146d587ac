/* adjudicator: the public C API for claims pipelines that link the engine
 * (build/libadjudicator.so or .a). Self-contained: no libpq, libconfig or
 * OpenSSL type, no other project header. Open an engine from rulesets and
 * reference data, decide claims (against your history callbacks or the
 * engine's own in-memory history), read the decisions, close.
 *
 * Strings are NUL-terminated; an empty string means absent. Dates are
 * integers CCYYMMDD (20260115); money is int64 cents; units are thousandths.
 * Functions returning int give ADJ_API_OK (0) or a count on success and a
 * negative ADJ_API_ERR_* status on error, with a one-line message in errbuf.
 * The library never aborts and never writes to stdout or stderr from these
 * calls: running out of memory is ADJ_API_ERR_NOMEM (close the handle then).
 * Not thread-safe per handle: use one handle per thread.
 *
 * Compatibility (docs/contracts.md "Versions"): within one ADJ_API_VERSION
 * major, functions are only added and nothing changes meaning; a change to
 * a struct the caller allocates or to a signature bumps the major, and the
 * shared library's SONAME (libadjudicator.so.MAJOR) with it. */
#ifndef ADJUDICATOR_H
#define ADJUDICATOR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Only what this header declares is exported from libadjudicator.so. */
#if defined(__GNUC__)
#define ADJ_API __attribute__((visibility("default")))
#else
#define ADJ_API
#endif

/* The API version this header describes: major*10000 + minor*100 + patch. */
#define ADJ_API_VERSION 10000
/* The version of the library actually loaded (compare its major with
 * ADJ_API_VERSION / 10000 when loading it dynamically). */
ADJ_API int adj_api_version(void);

/* Status codes (negative: errors). */
#define ADJ_API_OK 0
#define ADJ_API_ERR_ARG (-1)      /* a NULL handle or argument out of range */
#define ADJ_API_ERR_INPUT (-2)    /* a bad claim, ruleset or reference file */
#define ADJ_API_ERR_NOMEM (-3)    /* out of memory */
#define ADJ_API_ERR_HISTORY (-4)  /* the history (callback or database) failed */
#define ADJ_API_ERR_INTERNAL (-5) /* anything else; the message says what */
/* A short name of a status ("ok", "input", "nomem", ...). */
ADJ_API const char *adj_api_status_name(int status);

#define ADJ_API_MAX_LINES 50
#define ADJ_API_MAX_DX 12
#define ADJ_API_MAX_RULES 24

typedef struct AdjApiLine {
    int lx;                 /* LX01 */
    char code[49];          /* SV101-2 */
    char mods[4][3];        /* SV101-3..6 */
    int64_t charge_cents;   /* SV102 */
    char unit_basis[3];     /* SV103: "UN" or "MJ" (minutes) */
    int64_t units_milli;    /* SV104 x 1000 */
    char pos[3];            /* SV105, empty = the claim's */
    int dx_ptr[4];          /* SV107, 1-based, 0 = none */
    int32_t dos_from, dos_to;
} AdjApiLine;

typedef struct AdjApiClaim {
    char claim_id[39];        /* CLM01 */
    char billing_npi[11];
    char billing_zip[10];
    char facility_zip[10];    /* 2310C, empty = billing ZIP */
    char member_id[81];       /* subscriber NM109 */
    int patient_is_dependent; /* a 2000C loop: then birth and first name */
    int32_t patient_birth;
    char patient_first[36];
    char pos[3];              /* CLM05-1 */
    char freq[2];             /* CLM05-3: "1", "7", "8" */
    char original_ref[51];    /* REF*F8 */
    char dx[ADJ_API_MAX_DX][8]; /* HI codes without the dot: "F331" */
    int ndx;
    AdjApiLine lines[ADJ_API_MAX_LINES];
    int nlines;
} AdjApiClaim;

typedef struct AdjApiDecision {
    char claim_id[39];
    int line;
    char code[49];
    char route[11];          /* "medical", "behavioral" */
    char outcome[8];         /* pay, deny, pend, forward, reject, void */
    char group[3];           /* CO, OA, PR or empty */
    char carc[6];
    char rarc[4][6];
    int nrarc;
    int has_amounts;         /* pay and deny lines */
    int64_t allowed_cents, paid_cents, patient_resp_cents;
    char ruleset_id[64];
    char ruleset_sha256[65];
    const char *rules[ADJ_API_MAX_RULES]; /* valid while the handle is open */
    int nrules;
    char matched_claim[39];
    char reason[256];
    /* since API 1.0: the line's identity, for joining */
    char billing_npi[11];
    int32_t dos;             /* CCYYMMDD, 0 when absent */
    int64_t charge_cents;    /* SV102 */
    int64_t units_milli;     /* SV104 x 1000 */
} AdjApiDecision;

/* One paid or pending line of history, as the engine asks for it. */
typedef struct AdjApiHistLine {
    char claim_id[39];
    char billing_npi[11];
    int line;
    char code[49];
    char mods[4][3];
    int32_t dos;
    int64_t units;           /* whole units */
    int64_t charge_cents;
    int pending;             /* 0 paid, 1 pending */
} AdjApiHistLine;

/* Your history (e.g. your database). person is the member ID, or for a
 * dependent "ID|CCYYMMDD|FIRSTNAME". month is year*12 + month-1. */
typedef struct AdjApiHistory {
    void *ctx;
    /* Call emit(sink, line) for each paid or pending line of person in
     * month that still counts (not voided or replaced). */
    void (*month_lines)(void *ctx, const char *person, int32_t month,
                        void (*emit)(void *sink, const AdjApiHistLine *line), void *sink);
    /* 1 when a claim billing_npi + claim_id of member_id was received. */
    int (*claim_find)(void *ctx, const char *billing_npi, const char *claim_id,
                      const char *member_id);
    /* Stop counting that claim's lines; 0 ok, -1 error. */
    int (*claim_retract)(void *ctx, const char *billing_npi, const char *claim_id,
                         const char *member_id);
    /* Store a decided claim's paid and pending lines; 0 ok, -1 error. */
    int (*record)(void *ctx, const char *person, const char *member_id,
                  const char *billing_npi, const char *claim_id, const AdjApiHistLine *lines,
                  int n);
} AdjApiHistory;

typedef struct AdjApi AdjApi;

/* Open with a ruleset file or directory and the three reference CSVs
 * (docs/contracts.md "Reference data") into *out. Returns ADJ_API_OK, or
 * ADJ_API_ERR_ARG (a NULL path or out), ADJ_API_ERR_INPUT (a file that
 * cannot be read or is invalid) or ADJ_API_ERR_NOMEM, with *out NULL and
 * the message in errbuf. */
ADJ_API int adj_api_open(const char *rulesets, const char *providers_csv,
                         const char *members_csv, const char *plans_csv, AdjApi **out,
                         char *errbuf, size_t errlen);
ADJ_API void adj_api_close(AdjApi *api);

/* Decide every line of claim into out (room for ADJ_API_MAX_LINES).
 * hist NULL: the handle's own in-memory history (earlier claims decided on
 * this handle count). Returns the number of decisions (>= 0) or a negative
 * ADJ_API_ERR_* status. */
ADJ_API int adj_api_decide(AdjApi *api, const AdjApiClaim *claim, const AdjApiHistory *hist,
                   AdjApiDecision *out, char *errbuf, size_t errlen);

/* History from the adjudicator's PostgreSQL database (api/pghist.c): the
 * claims `serve` and `run --once` decided, with replacements and voids
 * applied, read per member on first use, so a pipeline linking the library
 * decides as serve does. Claims decided through it count for later claims
 * of the same handle, in memory only: nothing is written to the database.
 * conninfo is a libpq connection string (a role that may read decisions,
 * e.g. a member of adj_engine). Returns ADJ_API_OK with the history in
 * *out, or ADJ_API_ERR_ARG (out NULL), ADJ_API_ERR_HISTORY (no connection)
 * or ADJ_API_ERR_NOMEM, with *out NULL and the message in errbuf. */
typedef struct AdjApiPgHistory AdjApiPgHistory;
ADJ_API int adj_api_pg_history_open(const char *conninfo, AdjApiPgHistory **out, char *errbuf,
                                    size_t errlen);
ADJ_API void adj_api_pg_history_close(AdjApiPgHistory *h);
/* The history to pass to adj_api_decide (valid while h is open). */
ADJ_API const AdjApiHistory *adj_api_pg_history(AdjApiPgHistory *h);
/* The last database error of h ("" when none): month_lines cannot report
 * one, so check it after a decision when it matters. */
ADJ_API const char *adj_api_pg_history_error(const AdjApiPgHistory *h);

/* A decision as one JSON object (docs/contracts.md "Decisions"), NUL-terminated; returns the
 * length it needs (like snprintf). */
ADJ_API size_t adj_api_decision_json(const AdjApiDecision *d, const char *member_id, char *buf,
                             size_t size);

#ifdef __cplusplus
}
#endif

#endif
