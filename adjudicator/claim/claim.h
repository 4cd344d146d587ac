/* The claim model: what the engine needs of one 837P claim (loop 2300 and
 * its service lines), in fixed-size fields so that a claim is one
 * allocation-free value. Filled by x12/, checked by claim/validate.c, read
 * by routing/, edits/ and engine/. Strings are NUL-terminated; an empty
 * string means "absent". */
#ifndef ADJ_CLAIM_CLAIM_H
#define ADJ_CLAIM_CLAIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/money.h"

#define ADJ_CLAIM_ID_MAX 38   /* CLM01 */
#define ADJ_MEMBER_ID_MAX 80  /* NM109 */
#define ADJ_CODE_MAX 48       /* SV101-2 */
#define ADJ_REF_MAX 50        /* REF02 */
#define ADJ_NAME_MAX 35       /* NM104 first name */
#define ADJ_MAX_LINES 50      /* 2400 repeats */
#define ADJ_MAX_DX 12         /* HI codes */
#define ADJ_MAX_MODS 4        /* SV101-3..6 */
#define ADJ_MAX_DX_PTR 4      /* SV107 */
#define ADJ_MAX_PROBLEMS 16

/* Elements the reader found but could not read (bad number, bad date, too
 * long, malformed composite). It has already recorded a problem naming them,
 * so validation does not report them again as missing. Bits of
 * AdjClaim.unread and AdjLine.unread. */
enum {
    ADJ_UNREAD_CLAIM_ID = 1u << 0,
    ADJ_UNREAD_CHARGE = 1u << 1,      /* CLM02 or SV102 */
    ADJ_UNREAD_POS = 1u << 2,         /* CLM05-1 or SV105 */
    ADJ_UNREAD_FREQ = 1u << 3,        /* CLM05-3 */
    ADJ_UNREAD_BILLING_NPI = 1u << 4,
    ADJ_UNREAD_MEMBER = 1u << 5,
    ADJ_UNREAD_RENDERING_NPI = 1u << 6,
    ADJ_UNREAD_DX = 1u << 7,
    ADJ_UNREAD_PATIENT = 1u << 8,     /* 2010CA name or birth date */
    ADJ_UNREAD_CODE = 1u << 9,        /* SV101 */
    ADJ_UNREAD_UNITS = 1u << 10,      /* SV104 */
    ADJ_UNREAD_UNIT_BASIS = 1u << 11, /* SV103 */
    ADJ_UNREAD_PTR = 1u << 12,        /* SV107 */
    ADJ_UNREAD_DOS = 1u << 13,        /* DTP*472 */
    ADJ_UNREAD_REF = 1u << 14         /* REF*F8 */
};

typedef struct AdjLine {
    int lx;                         /* LX01 */
    char qualifier[3];              /* SV101-1: HC, ER, WK, ... */
    char code[ADJ_CODE_MAX + 1];    /* SV101-2 */
    char mods[ADJ_MAX_MODS][3];     /* SV101-3..6 */
    int nmods;
    AdjMoney charge;                /* SV102, cents */
    char unit_basis[3];             /* SV103: UN or MJ */
    int64_t units_milli;            /* SV104 in thousandths (MJ: minutes) */
    char pos[3];                    /* SV105; empty = the claim's CLM05-1 */
    int dx_ptr[ADJ_MAX_DX_PTR];     /* SV107, 1-based into claim dx[] */
    int ndx_ptr;
    AdjDate dos_from;               /* DTP*472: D8 date or RD8 first date */
    AdjDate dos_to;                 /* D8: same as dos_from */
    char rendering_npi[11];         /* 2420A NM109; empty = claim's */
    uint32_t segment;               /* segment number of LX in its set */
    uint32_t sv1_segment;           /* SV1, DTP*472, 2420A NM1 (0 = absent) */
    uint32_t dtp_segment;
    uint32_t rendering_segment;
    uint32_t unread;                /* ADJ_UNREAD_* bits */
    char control[ADJ_REF_MAX + 1];  /* REF*6R line item control number (835) */
    /* 2430 line adjudication by another payer (issue 13) */
    bool has_svd;                   /* an SVD segment */
    AdjMoney svd_paid;              /* SVD02, summed over payers */
    AdjMoney svd_adjusted;          /* its CAS amounts */
    AdjDate svd_date;               /* DTP*573 */
} AdjLine;

/* What a front-end problem is about. The reader names the kind; the codes
 * a reject carries for it (the RARC beside edits.frontend_reject's CO-16
 * MA130, the 277CA status code and entity) are ruleset data
 * (`frontend_problems`, docs/adjudication.md "Front-end rejects").
 * Stored by name (claim_problem.kind): append, never renumber. */
typedef enum AdjProblemKind {
    ADJ_PROBLEM_OTHER = 0,        /* anything below does not name */
    ADJ_PROBLEM_BILLING_NPI,      /* 2010AA NM109 */
    ADJ_PROBLEM_RENDERING_NPI,    /* 2310B / 2420A NM109 */
    ADJ_PROBLEM_PROCEDURE,        /* SV101: qualifier, code, modifiers; no line */
    ADJ_PROBLEM_DIAGNOSIS,        /* HI: missing or malformed */
    ADJ_PROBLEM_DX_NOT_BILLABLE,  /* a chapter F header or unknown code (engine) */
    ADJ_PROBLEM_CLAIM_CHARGE,     /* CLM02: missing, negative, out of balance */
    ADJ_PROBLEM_LINE_CHARGE,      /* SV102 */
    ADJ_PROBLEM_SERVICE_DATE,     /* DTP*472 */
    ADJ_PROBLEM_SUBSCRIBER,       /* 2010BA member ID */
    ADJ_PROBLEM_PATIENT,          /* 2010CA dependent patient */
    ADJ_PROBLEM_NKINDS
} AdjProblemKind;

/* "other", "billing_npi", ...; "" out of range */
const char *adj_problem_kind_name(AdjProblemKind kind);
/* The kind of a name, or -1 */
int adj_problem_kind_parse(const char *name);

/* The codes of one kind (ruleset `frontend_problems`): empty strings when
 * the ruleset gives none. */
typedef struct AdjProblemCodes {
    char rarc[6];    /* "N257", ... */
    char status[6];  /* 277CA STC01-2, "562", ... */
    char entity[4];  /* 277CA STC01-3, "85", ... */
} AdjProblemCodes;

/* A front-end validation problem: the claim is rejected (CO-16, MA130 plus
 * the kind's RARC). Never carries a member identifier or a diagnosis in msg. */
typedef struct AdjProblem {
    uint32_t segment;   /* segment number within the transaction set */
    char segment_id[4]; /* "CLM", "SV1", ... */
    char loop[8];       /* "2300", "2010AA", ... */
    char element[8];    /* "CLM02", "NM109", ... */
    uint8_t kind;       /* AdjProblemKind */
    char msg[200];
} AdjProblem;

#define ADJ_PARTY_NAME_MAX 60
#define ADJ_PARTY_ID_MAX 35

typedef struct AdjClaimParties {
    char submitter_name[ADJ_PARTY_NAME_MAX + 1]; /* 1000A NM103 */
    char submitter_id[ADJ_PARTY_ID_MAX + 1];     /* 1000A NM109 */
    char receiver_name[ADJ_PARTY_NAME_MAX + 1];  /* 1000B NM103 */
    char receiver_id[ADJ_PARTY_ID_MAX + 1];      /* 1000B NM109 */
    char billing_name[ADJ_PARTY_NAME_MAX + 1];   /* 2010AA NM103 */
    char billing_tin[ADJ_PARTY_ID_MAX + 1];      /* 2010AA REF*EI */
    char subscriber_last[ADJ_PARTY_NAME_MAX + 1];/* 2010BA NM103 */
    char subscriber_first[ADJ_NAME_MAX + 1];     /* 2010BA NM104 */
    char patient_last[ADJ_PARTY_NAME_MAX + 1];   /* 2010CA NM103 */
    char payer_name[ADJ_PARTY_NAME_MAX + 1];     /* 2010BB NM103 */
    char payer_id[ADJ_PARTY_ID_MAX + 1];         /* 2010BB NM109 */
} AdjClaimParties;

typedef struct AdjClaim {
    /* envelope */
    char isa13[10];
    char gs06[10];
    char st02[10];
    AdjDate interchange_date;         /* GS04 */
    uint32_t segment;                 /* segment number of CLM in its set */

    /* 2000A / 2010AA billing provider */
    char billing_npi[11];
    char billing_taxonomy[11];        /* PRV03 */
    char billing_zip[10];             /* N403 */

    /* 2000B / 2010BA subscriber, 2000C / 2010CA patient */
    char member_id[ADJ_MEMBER_ID_MAX + 1]; /* subscriber NM109 */
    AdjDate subscriber_birth;              /* DMG02 */
    bool patient_is_dependent;             /* a 2000C loop is present */
    AdjDate patient_birth;                 /* 2010CA DMG02 */
    char patient_first[ADJ_NAME_MAX + 1];  /* 2010CA NM104 */

    /* 2300 claim */
    char claim_id[ADJ_CLAIM_ID_MAX + 1];   /* CLM01 */
    AdjMoney total_charge;                 /* CLM02 */
    char pos[3];                           /* CLM05-1 */
    char freq[2];                          /* CLM05-3: 1, 7, 8 */
    char original_ref[ADJ_REF_MAX + 1];    /* REF*F8 */
    char dx[ADJ_MAX_DX][8];                /* HI codes, no dot: F331 */
    char dx_qual[ADJ_MAX_DX][4];           /* ABK, ABF, BK, BF */
    int ndx;
    char rendering_npi[11];                /* 2310B */
    char facility_zip[10];                 /* 2310C N403 */

    /* parties, for acknowledgements and remittance only (the engine never
     * reads them; truncated when longer) */
    AdjClaimParties parties;
    /* issue 13: who is claimed for, and coordination of benefits */
    char subscriber_first[ADJ_NAME_MAX + 1]; /* 2010BA NM104 */
    char sbr01;                            /* 2000B SBR01: P, S, T, ... (0 = absent) */
    char payer_id[ADJ_REF_MAX + 1];        /* 2010BB NM109 */
    bool has_other_payer;                  /* a 2320 other-subscriber loop */
    bool has_other_paid;                   /* 2320 AMT*D present */
    AdjMoney other_paid;                   /* AMT*D, summed over 2320 loops */
    AdjDate received;                      /* receipt date (pipeline: ingest); 0 = GS04 */

    AdjLine lines[ADJ_MAX_LINES];
    int nlines;

    AdjProblem problems[ADJ_MAX_PROBLEMS];
    int nproblems;       /* > 0: the claim is rejected at the front end */
    int problems_dropped;/* problems beyond ADJ_MAX_PROBLEMS */
    int nsyntax;         /* problems[0..nsyntax) are the reader's: an element
                          * or segment it could not read (999 IK3/IK4); the
                          * rest are validation's */

    /* where things were read (segment numbers within the set; 0 = absent),
     * for problems that name the segment */
    uint32_t billing_segment;          /* 2010AA NM1 */
    uint32_t subscriber_segment;       /* 2010BA NM1 */
    uint32_t patient_segment;          /* 2010CA NM1 */
    uint32_t rendering_segment;        /* 2310B NM1 */
    uint32_t ref_segment;              /* REF*F8 */
    uint32_t dx_segment[ADJ_MAX_DX];   /* the HI segment of each code */
    uint32_t last_segment;             /* last segment of the claim */
    uint32_t unread;                   /* ADJ_UNREAD_* bits */

    /* the claim's raw segments (2300 through its last 2400), borrowed from
     * the reader for the duration of the callback */
    const char *raw;
    size_t raw_len;
} AdjClaim;

/* The issue-13 fields above (subscriber first name through other_paid,
 * and each line's 2430 data) in a stored form and back: the pipeline
 * keeps them in one column. encode writes at most ADJ_CLAIM_BENEFIT_MAX
 * bytes and returns the length; decode fills claim (whose lines must be
 * read already) and returns false when s is malformed (nothing partly set
 * beyond defaults). An empty s is a claim stored before them. */
#define ADJ_CLAIM_BENEFIT_MAX (256 + ADJ_MAX_LINES * 80)
size_t adj_claim_benefit_encode(const AdjClaim *claim, char *buf, size_t size);
bool adj_claim_benefit_decode(AdjClaim *claim, const char *s, size_t len);

/* Add a problem (printf-style message); counts drops past the maximum. */
void adj_claim_problem(AdjClaim *claim, uint32_t segment, const char *segment_id,
                       const char *loop, const char *element, AdjProblemKind kind,
                       const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Person key (docs/adjudication.md "Duplicates"): the member ID, or for a dependent
 * patient member ID + "|" + birth date + "|" + upper-cased first name.
 * Returns the length written (truncated to size-1). */
size_t adj_claim_person_key(const AdjClaim *claim, char *buf, size_t size);

/* The service location ZIP5: 2310C, else 2010AA (first five digits). */
void adj_claim_service_zip5(const AdjClaim *claim, char out[6]);

/* A line's place of service: SV105, else CLM05-1. */
const char *adj_line_pos(const AdjClaim *claim, const AdjLine *line);

/* A line's rendering NPI: 2420A, else 2310B, else empty. */
const char *adj_line_rendering_npi(const AdjClaim *claim, const AdjLine *line);

/* Whole units for pricing, caps and duplicates: MJ lines count as one;
 * otherwise units rounded up to a whole unit. */
int64_t adj_line_units(const AdjLine *line);

#endif
