/* Writers of what the payer sends back in X12 5010: TA1 (interchange
 * acknowledgement), 999 (implementation acknowledgement, 005010X231A1),
 * 277CA (claim acknowledgement, 005010X214) and 835 (remittance,
 * 005010X221A1). Pure: segments go into a growing buffer (AdjX12Out) that
 * the caller writes out; no I/O, no database, no clock (dates are passed
 * in). Separators are always '*', ':', '^' and '~'; a value that holds one
 * has it replaced by a space, so hostile input cannot forge a segment. */
#ifndef ADJ_X12OUT_X12OUT_H
#define ADJ_X12OUT_X12OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claim/claim.h"
#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "x12/x12.h"

/* A growing output buffer of segments. seg_count counts segments since the
 * last ST (for SE01). flush, when set, is handed the buffer whenever it
 * passes 1 MB and on adj_x12out_flush (streamed 835 bodies); a flush
 * failure is kept in status and later writes are dropped. */
typedef struct AdjX12Out {
    char *buf;
    size_t len, cap;
    uint32_t seg_count;
    uint64_t total; /* bytes ever written, flushed or not */
    AdjStatus (*flush)(void *ctx, const char *p, size_t n, AdjError *err);
    void *flush_ctx;
    AdjStatus status;
    AdjError err;
} AdjX12Out;

void adj_x12out_init(AdjX12Out *w);
void adj_x12out_free(AdjX12Out *w);
void adj_x12out_reset(AdjX12Out *w); /* empty the buffer, keep the memory */
/* One segment: id then its elements as NUL-terminated strings, ending with
 * NULL. Trailing empty elements are dropped. A composite is passed as one
 * string with ':' between components (x12out_comp builds it). */
void adj_x12out_seg(AdjX12Out *w, const char *id, ...) __attribute__((sentinel));
/* A composite element from its components (trailing empty ones dropped);
 * a ':' inside a component is blanked like any separator. Returns buf. */
char *adj_x12out_comp(char *buf, size_t size, const char *const *parts, int n);
#define ADJ_X12OUT_COMP(buf, ...)                                                       \
    adj_x12out_comp((buf), sizeof(buf), (const char *const[]){__VA_ARGS__},              \
                    (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))
/* Append raw bytes (a body written elsewhere). */
void adj_x12out_raw(AdjX12Out *w, const char *p, size_t n);
AdjStatus adj_x12out_flush(AdjX12Out *w, AdjError *err);

/* v in decimal into buf; returns buf. */
char *adj_x12out_uint(uint64_t v, char buf[24]);
/* Money as X12 wants it: "12.5", "-3", "0" (no trailing zeros). */
void adj_x12out_amount(AdjMoney cents, char buf[ADJ_MONEY_FMT_MAX]);

/* The parties and control numbers of one outgoing interchange. */
typedef struct AdjX12Env {
    char sender_qual[3], sender_id[16];     /* ISA05/06 (ours) */
    char receiver_qual[3], receiver_id[16]; /* ISA07/08 (theirs) */
    char gs_sender[16], gs_receiver[16];    /* GS02/GS03 */
    AdjDate date;
    int hhmm;
    uint32_t isa13, gs06;                   /* control numbers, 1..999999999 */
    char usage;                             /* ISA15: 'P' or 'T' */
} AdjX12Env;

/* The envelope of a reply to interchange ix: its sender becomes our
 * receiver and the reverse (GS02/GS03 from the group at gi, or the ISA IDs
 * when gi is out of range). */
void adj_x12out_env_reply(AdjX12Env *env, const AdjX12Interchange *ix, size_t gi);

void adj_x12out_isa(AdjX12Out *w, const AdjX12Env *env);
void adj_x12out_gs(AdjX12Out *w, const AdjX12Env *env, const char *gs01, const char *version);
void adj_x12out_st(AdjX12Out *w, const char *st01, uint32_t st02, const char *version);
void adj_x12out_se(AdjX12Out *w, uint32_t st02);
void adj_x12out_ge(AdjX12Out *w, uint32_t nsets, const AdjX12Env *env);
void adj_x12out_iea(AdjX12Out *w, uint32_t ngroups, const AdjX12Env *env);

/* TA1: a whole interchange (ISA, TA1, IEA with no group) answering a
 * rejected interchange with its note code (ix->ta105). False when ix could
 * not be read well enough to address a reply. */
bool adj_x12out_ta1(AdjX12Out *w, const AdjX12Env *env, const AdjX12Interchange *ix);

/* A syntax problem inside an accepted set, for IK3/IK4 (999). */
typedef struct AdjX12SyntaxError {
    uint32_t set;         /* index into ix->sets */
    uint32_t segment;     /* position in the set, ST = 1 */
    char segment_id[4];
    char loop[8];         /* "2300" or empty */
    int element;          /* position in the segment, 0 = unknown */
    int component;        /* 0 = not a composite */
    char ik403[4];        /* 999 element error code: "7", "8", ... */
    char ik304[3];        /* 999 segment error code: "8" */
    /* the claim (CLM01) the error is in, for the 999's CTX business unit
     * identifier: empty outside a claim (loops above 2300) */
    char claim_id[ADJ_CLAIM_ID_MAX + 1];
} AdjX12SyntaxError;

/* A reader problem (AdjClaim.problems[i], i < nsyntax) as IK3/IK4. */
void adj_x12out_syntax_of(const AdjProblem *p, AdjX12SyntaxError *e);
/* The claim an error found in loop `loop` belongs to, for CTX: claim_id
 * when the loop is the claim's (2300 and below), else nothing. */
void adj_x12out_syntax_claim(AdjX12SyntaxError *e, const char *claim_id);

/* One 999 transaction set (ST..SE) acknowledging group gi of ix: AK1, an
 * AK2/IK5 per transaction set (IK3/IK4 for its syntax errors) and AK9.
 * The caller wraps it in ISA/GS(FA)...GE/IEA. */
void adj_x12out_999(AdjX12Out *w, uint32_t st02, const AdjX12Interchange *ix, size_t gi,
                    const AdjX12SyntaxError *errs, size_t nerrs);
/* The 999 set-level and group-level answers, for summaries and tests:
 * "A", "E", "R" (IK501) and "A", "E", "P", "R" (AK901). */
const char *adj_x12out_ik501(const AdjX12Interchange *ix, size_t si, bool has_errors);
const char *adj_x12out_ak901(const AdjX12Interchange *ix, size_t gi, const AdjX12SyntaxError *errs,
                             size_t nerrs);

/* 277CA of one accepted 837 set, built claim by claim and written at the
 * end (its header carries the totals). Claims of the same billing provider
 * in a row share one 2000C level. */
typedef struct AdjX12Ca277 {
    AdjX12Out body;
    uint32_t hl;            /* last HL number used */
    uint32_t provider_hl;   /* HL of the current 2000C */
    char provider_npi[11];
    char provider_name[ADJ_PARTY_NAME_MAX + 1];
    char provider_qual[3], provider_id[ADJ_PARTY_ID_MAX + 1];
    AdjX12Out prov;         /* the current provider's patient levels */
    uint64_t prov_accepted, prov_rejected;
    AdjMoney prov_accepted_amt, prov_rejected_amt;
    AdjClaimParties first;  /* parties of the first claim (2000A/B) */
    uint64_t accepted, rejected;
    AdjMoney accepted_amt, rejected_amt;
    AdjDate received, processed;
    char trace[40];         /* 2200B TRN02: the 837's BHT03 / ST02 */
} AdjX12Ca277;

void adj_x12out_277_begin(AdjX12Ca277 *ca, const char *trace, AdjDate received,
                          AdjDate processed);
/* One claim: accepted into adjudication (nproblems == 0, with the payer
 * claim control number pcn when one is known) or rejected at the front end
 * with STC codes for its problems, from codes (the ruleset's
 * frontend_problems: ADJ_PROBLEM_NKINDS entries, by kind; NULL: status 21). */
void adj_x12out_277_claim(AdjX12Ca277 *ca, const AdjClaim *claim, const char *pcn,
                          const AdjProblemCodes *codes);
/* Write ST..SE (st02) into w; frees nothing: call _free after. */
void adj_x12out_277_end(AdjX12Ca277 *ca, AdjX12Out *w, uint32_t st02);
void adj_x12out_277_free(AdjX12Ca277 *ca);
/* STC01 of a rejected claim for a problem: "A3:562:85", its components
 * separated by 0x1F as adj_x12out_comp does (':' once written). */
void adj_x12out_277_stc(const AdjProblemCodes *codes, const AdjProblem *p, char buf[24]);

/* The member's share of a paid line, split for CAS (PR-1, PR-2, PR-3) and
 * a secondary payment's reduction (OA-23), from the engine's split of the
 * cost share (adj_x12out_share_split). */
typedef struct AdjRemitShare {
    AdjMoney deductible, coinsurance, copay, cob_reduction;
} AdjRemitShare;

AdjRemitShare adj_x12out_share_from(AdjMoney patient_resp);
/* The engine's split (deductible PR-1, coinsurance PR-2, copay PR-3) when
 * its parts add up to patient_resp, else as adj_x12out_share_from; and a
 * secondary payment's reduction (OA-23). */
AdjRemitShare adj_x12out_share_split(AdjMoney patient_resp, AdjMoney deductible,
                                     AdjMoney coinsurance, AdjMoney copay,
                                     AdjMoney cob_reduction);

/* One service line as the 835 reports it. */
typedef struct AdjRemitLine {
    char qualifier[3];             /* "HC" */
    char code[ADJ_CODE_MAX + 1];
    char mods[ADJ_MAX_MODS][3];
    int nmods;
    AdjMoney charge;
    int64_t units_milli;
    AdjDate dos;
    char control[ADJ_REF_MAX + 1]; /* REF*6R from the 837, or empty */
    int outcome;                   /* AdjOutcome: pay, deny or forward */
    char group[3], carc[6];        /* a denial's adjustment */
    char rarc[4][6];
    int nrarc;
    AdjMoney allowed, paid;
    AdjRemitShare share;
} AdjRemitLine;

struct AdjDecision;
/* Whether a decided claim goes on an 835: it has a paid, denied or
 * forwarded line and no pended one (a claim waits until all its lines are
 * decided; rejected claims are answered by the 277CA, voids by reversals). */
bool adj_x12out_remittable(const struct AdjDecision *d, int n);
/* The remitted lines of a claim's decisions into out (ADJ_MAX_LINES);
 * returns how many. */
int adj_x12out_remit_lines(const AdjClaim *c, const struct AdjDecision *d, int n,
                           AdjRemitLine *out);

/* One claim payment (CLP). A reversal negates the amounts of the claim as
 * first remitted (CLP02 22). */
typedef struct AdjRemitClaim {
    char claim_id[ADJ_CLAIM_ID_MAX + 1];
    char pcn[40];
    bool reversal;
    char freq[2];
    char member_id[ADJ_MEMBER_ID_MAX + 1];
    char patient_last[ADJ_PARTY_NAME_MAX + 1], patient_first[ADJ_NAME_MAX + 1];
    AdjDate received;
    const AdjRemitLine *lines;
    int nlines;
} AdjRemitClaim;

typedef struct AdjRemitPayee {
    char npi[11];
    char name[ADJ_PARTY_NAME_MAX + 1];
    char tin[ADJ_PARTY_ID_MAX + 1];
} AdjRemitPayee;

typedef struct AdjRemitPayerInfo {
    char name[ADJ_PARTY_NAME_MAX + 1];
    char id[16];                   /* TRN03 after '1': the payer's TIN */
    char address[56], city[31], state[3], zip[16];
    char phone[16];
    char contact[ADJ_PARTY_NAME_MAX + 1]; /* PER02 */
} AdjRemitPayerInfo;

/* An 835 in the making: the claims go into body (streamed through its
 * flush when set); the header, with BPR02, is written at the end. */
#define ADJ_X12OUT_MAX_PLB 16
typedef struct AdjX12Plb {
    char reason[3];
    char ref[50];
    AdjMoney amount;
} AdjX12Plb;

typedef struct AdjX12Remit {
    AdjX12Out body;
    AdjMoney total_paid;   /* sum of CLP04 */
    AdjMoney plb_total;    /* sum of PLB amounts */
    uint64_t claims, lines;
    char plb_ref[50];      /* the last reversal's payer claim control number */
    AdjX12Plb plb[ADJ_X12OUT_MAX_PLB];
    int nplb;
} AdjX12Remit;

void adj_x12out_835_begin(AdjX12Remit *r);
void adj_x12out_835_free(AdjX12Remit *r);
/* The line's CAS amounts from its decision: CO-45 for the charge above the
 * allowed amount, PR-1/2/3 for the member's share, OA-23 for a COB
 * reduction, the edit's group and CARC for a denial, OA-109 for a
 * forwarded line. Returns how many (group, carc, amount) it filled (max 6). */
int adj_x12out_835_cas(const AdjRemitLine *l, char group[][3], char carc[][6], AdjMoney *amt);
/* Add one claim; checks that every service and the claim balance (charge -
 * adjustments = paid) and fails naming the claim when not (nothing of it is
 * written then). */
AdjStatus adj_x12out_835_claim(AdjX12Remit *r, const AdjRemitClaim *c, AdjError *err);
/* A provider-level adjustment (PLB): amount > 0 takes money back (an
 * overpayment recovered, reason WO), reference names the claim. */
void adj_x12out_835_plb(AdjX12Remit *r, AdjMoney amount, const char *reason,
                        const char *reference);
/* The 835 set is head (into w: ST, BPR, TRN, payer and payee loops), then
 * the body (adj_x12out_raw of r->body, or the bytes its flush streamed
 * out), then tail (PLB, SE). head checks BPR02 = sum CLP04 - sum PLB and
 * that it is not negative: when the claims net below zero (reversals
 * larger than new payments) it first carries the balance as a PLB with
 * reason WO, so BPR02 is zero and the file still balances. */
AdjStatus adj_x12out_835_head(AdjX12Remit *r, AdjX12Out *w, uint32_t st02, const char *trace,
                              const AdjRemitPayerInfo *payer, const AdjRemitPayee *payee,
                              AdjDate date, AdjError *err);
void adj_x12out_835_tail(AdjX12Remit *r, AdjX12Out *w, uint32_t st02, const char *payee_npi,
                         AdjDate date);

/* The acknowledgements of one input file, driven by the reader's
 * callbacks: a TA1 for each rejected interchange that can be addressed, a
 * 999 interchange (one 999 per functional group) and a 277CA interchange
 * (one 277CA per accepted set with claims) for each accepted one. Output
 * goes to emit in pieces, each outgoing interchange ending with last set
 * (the 277CA interchange streams set by set, so memory holds one set's
 * 277CA); control numbers come from next_control (unique per sender: the
 * caller records them). Pure. */
typedef enum AdjAckKind { ADJ_ACK_TA1 = 0, ADJ_ACK_999, ADJ_ACK_277 } AdjAckKind;

typedef struct AdjAckBuilder {
    AdjDate date;
    int hhmm;
    void *ctx;
    /* a fresh interchange control number for replies to this sender */
    AdjStatus (*next_control)(void *ctx, const AdjX12Interchange *ix, uint32_t *out,
                              AdjError *err);
    AdjStatus (*emit)(void *ctx, AdjAckKind kind, const AdjX12Interchange *ix,
                      const AdjX12Env *env, const char *data, size_t len, bool last,
                      AdjError *err);
    /* the front-end problem codes for a claim (the ruleset in force at its
     * date of service: ADJ_PROBLEM_NKINDS entries), or NULL */
    const AdjProblemCodes *(*frontend)(void *ctx, const AdjClaim *claim);

    /* state of the interchange being answered */
    bool open;
    AdjX12Interchange ix;
    AdjX12GroupAck *groups;
    AdjX12SetAck *sets;
    size_t sets_cap, groups_cap;
    size_t next_set;      /* accepted sets seen so far map to ix.sets by order */
    size_t cur_set;       /* index in ix.sets of the set being read */
    bool in_277;
    AdjX12Ca277 ca;
    AdjX12Out sets277, out;
    uint32_t n277;
    AdjX12Env env277;      /* of the 277CA interchange being streamed */
    AdjX12SyntaxError *errs;
    size_t nerrs, errs_cap;
    /* totals of the file */
    uint64_t ta1, sets_accepted, sets_rejected, claims_accepted, claims_rejected;
    uint64_t unanswerable; /* interchanges too broken to address a TA1 */
} AdjAckBuilder;

void adj_ack_init(AdjAckBuilder *b);
void adj_ack_free(AdjAckBuilder *b);
AdjStatus adj_ack_interchange(AdjAckBuilder *b, const AdjX12Interchange *ix, AdjError *err);
AdjStatus adj_ack_set(AdjAckBuilder *b, const AdjX12Set *set, AdjError *err);
/* pcn: the payer claim control number, or NULL when none is assigned */
void adj_ack_claim(AdjAckBuilder *b, const AdjClaim *claim, const char *pcn);
/* End of the file: answers the last interchange. */
AdjStatus adj_ack_finish(AdjAckBuilder *b, AdjError *err);
const char *adj_ack_kind_ext(AdjAckKind kind); /* "ta1", "999", "277" */

#endif
