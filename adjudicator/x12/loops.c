/* The 837P loops of one accepted transaction set, into AdjClaim values: a
 * state machine over HL levels (2000A/B/C), the 2300 claim, its 2310B/C
 * providers, the 2320/2330 other-subscriber loops (recognised so that their
 * NM1*IL and NM1*82 are never taken for the subscriber or the rendering
 * provider) and 2400 lines (their SV1 and DTP in lines.c). Records a problem
 * for every element it cannot read; semantic checks are claim/validate.c's.
 * No allocation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "claim/validate.h"
#include "core/npi.h"
#include "x12/x12_int.h"

#define MAX_PENDING 4

/* Problems found in a loop that precedes the claims it applies to (2010AA,
 * 2010BA, 2010CA): copied into each claim of that loop. */
typedef struct Pending {
    AdjProblem p[MAX_PENDING];
    int n;
    uint32_t unread;
} Pending;

typedef enum Ctx {
    CTX_NONE, CTX_2010AA, CTX_2010BA, CTX_2010CA, CTX_2310B, CTX_2310C, CTX_2420A, CTX_OTHER
} Ctx;

typedef struct Build {
    X12Reader *r;
    const X12Seps *seps;
    const AdjX12Set *set;
    AdjClaim *c;
    bool in_claim, in_cob, line_overflow;
    int hl; /* HL03 of the current level: 20, 22, 23 */
    Ctx ctx;
    AdjLine *line;
    uint32_t segno;
    size_t claim_start, claim_end;
    /* each ends with its Pending, which CLEAR leaves alone but for its count:
     * memset of whole problems per HL was a third of the reading time */
    struct { char npi[11], taxonomy[11], zip[10]; uint32_t seg;
             char name[ADJ_PARTY_NAME_MAX + 1], tin[ADJ_PARTY_ID_MAX + 1]; Pending pend; } bill;
    struct { char member[ADJ_MEMBER_ID_MAX + 1]; AdjDate birth; uint32_t seg;
             char last[ADJ_PARTY_NAME_MAX + 1], first[ADJ_NAME_MAX + 1];
             char payer_name[ADJ_PARTY_NAME_MAX + 1], payer_id[ADJ_PARTY_ID_MAX + 1];
             char payer[ADJ_REF_MAX + 1], sbr01; /* 2010BB NM109 and SBR01 (benefits) */
             Pending pend; } sub;
    struct { bool dep; char first[ADJ_NAME_MAX + 1]; AdjDate birth; uint32_t seg;
             char last[ADJ_PARTY_NAME_MAX + 1]; Pending pend; } pat;
    /* 1000A submitter and 1000B receiver: the set's, never cleared by HL */
    char submitter_name[ADJ_PARTY_NAME_MAX + 1], submitter_id[ADJ_PARTY_ID_MAX + 1];
    char receiver_name[ADJ_PARTY_NAME_MAX + 1], receiver_id[ADJ_PARTY_ID_MAX + 1];
} Build;

#define CLEAR(s)                                           \
    do {                                                   \
        memset(&(s), 0, offsetof(__typeof__(s), pend));    \
        (s).pend.n = 0;                                    \
        (s).pend.unread = 0;                               \
    } while (0)


static void pend_add(Pending *pd, uint32_t unread, uint32_t seg, const char *seg_id,
                     const char *loop, const char *element, AdjProblemKind kind, const char *fmt,
                     ...) __attribute__((format(printf, 8, 9)));
static void pend_add(Pending *pd, uint32_t unread, uint32_t seg, const char *seg_id,
                     const char *loop, const char *element, AdjProblemKind kind, const char *fmt, ...)
{
    pd->unread |= unread;
    if (pd->n >= MAX_PENDING)
        return;
    AdjProblem *p = &pd->p[pd->n++];
    memset(p, 0, sizeof(*p));
    p->segment = seg;
    snprintf(p->segment_id, sizeof(p->segment_id), "%s", seg_id);
    snprintf(p->loop, sizeof(p->loop), "%s", loop);
    snprintf(p->element, sizeof(p->element), "%s", element);
    p->kind = (uint8_t)kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
    va_end(ap);
}

static void pend_copy(AdjClaim *c, const Pending *pd)
{
    for (int i = 0; i < pd->n; i++) {
        const AdjProblem *p = &pd->p[i];
        adj_claim_problem(c, p->segment, p->segment_id, p->loop, p->element,
                          (AdjProblemKind)p->kind, "%s",
                          p->msg);
    }
    c->unread |= pd->unread;
}

static AdjStatus finish_claim(Build *b, AdjError *err)
{
    if (!b->in_claim)
        return ADJ_OK;
    AdjClaim *c = b->c;
    b->in_claim = false;
    b->line = NULL;
    c->raw = b->r->data + b->claim_start;
    c->raw_len = b->claim_end - b->claim_start;
    c->nsyntax = c->nproblems; /* the reader's own, before validation's */
    adj_claim_validate(c);
    AdjX12Stats *st = b->r->st;
    st->claims++;
    st->lines += (uint64_t)c->nlines;
    if (c->nproblems > 0)
        st->claims_rejected++;
    if (b->r->h->claim != NULL)
        return b->r->h->claim(b->r->h->ctx, c, err);
    return ADJ_OK;
}

/* Copy a party's name or ID, truncated when longer than the field. */
static void party(char *dst, size_t size, X12Slice s)
{
    if (!x12_copy(dst, size, s))
        dst[size - 1] = '\0';
}

/* NM108/NM109 of a provider NM1 into a 10-character NPI field. */
static bool read_npi(const X12Elems *el, char out[11])
{
    X12Slice id = x12_el(el, 9);
    out[0] = '\0';
    if (id.n == 0)
        return true;
    return x12_copy(out, 11, id);
}

static void on_hl(Build *b, const X12Elems *el)
{
    X12Slice lvl = x12_el(el, 3);
    b->ctx = CTX_NONE;
    b->in_cob = false;
    if (x12_eq(lvl, "20")) {
        b->hl = 20;
        CLEAR(b->bill);
        CLEAR(b->sub);
        CLEAR(b->pat);
    } else if (x12_eq(lvl, "22")) {
        b->hl = 22;
        CLEAR(b->sub);
        CLEAR(b->pat);
    } else if (x12_eq(lvl, "23")) {
        b->hl = 23;
        CLEAR(b->pat);
        b->pat.dep = true;
    } else {
        b->hl = 0;
    }
}

static void on_nm1_outside(Build *b, const X12Elems *el)
{
    X12Slice q = x12_el(el, 1);
    if (b->hl == 0 && x12_eq(q, "41")) {
        party(b->submitter_name, sizeof(b->submitter_name), x12_el(el, 3));
        party(b->submitter_id, sizeof(b->submitter_id), x12_el(el, 9));
        b->ctx = CTX_OTHER;
    } else if (b->hl == 0 && x12_eq(q, "40")) {
        party(b->receiver_name, sizeof(b->receiver_name), x12_el(el, 3));
        party(b->receiver_id, sizeof(b->receiver_id), x12_el(el, 9));
        b->ctx = CTX_OTHER;
    } else if (b->hl == 22 && x12_eq(q, "PR")) {
        /* 2010BB payer: its ID names the payer addressed */
        party(b->sub.payer_name, sizeof(b->sub.payer_name), x12_el(el, 3));
        party(b->sub.payer_id, sizeof(b->sub.payer_id), x12_el(el, 9));
        x12_copy(b->sub.payer, sizeof(b->sub.payer), x12_el(el, 9));
        b->ctx = CTX_OTHER;
    } else if (b->hl == 20 && x12_eq(q, "85")) {
        b->ctx = CTX_2010AA;
        b->bill.seg = b->segno;
        party(b->bill.name, sizeof(b->bill.name), x12_el(el, 3));
        if (!read_npi(el, b->bill.npi)) {
            b->bill.npi[0] = '\0';
            pend_add(&b->bill.pend, ADJ_UNREAD_BILLING_NPI, b->segno, "NM1", "2010AA", "NM109",
                     ADJ_PROBLEM_BILLING_NPI, "billing provider NPI '%.*s' is %zu characters, not 10 digits",
                     x12_clip(x12_el(el, 9).n), x12_el(el, 9).p, x12_el(el, 9).n);
        }
    } else if (b->hl == 22 && x12_eq(q, "IL")) {
        b->ctx = CTX_2010BA;
        b->sub.seg = b->segno;
        party(b->sub.last, sizeof(b->sub.last), x12_el(el, 3));
        party(b->sub.first, sizeof(b->sub.first), x12_el(el, 4));
        if (!x12_copy(b->sub.member, sizeof(b->sub.member), x12_el(el, 9))) {
            b->sub.member[0] = '\0';
            pend_add(&b->sub.pend, ADJ_UNREAD_MEMBER, b->segno, "NM1", "2010BA", "NM109", ADJ_PROBLEM_SUBSCRIBER,
                     "subscriber member ID is %zu characters, longer than %d",
                     x12_el(el, 9).n, ADJ_MEMBER_ID_MAX);
        }
    } else if (b->hl == 23 && x12_eq(q, "QC")) {
        b->ctx = CTX_2010CA;
        b->pat.seg = b->segno;
        party(b->pat.last, sizeof(b->pat.last), x12_el(el, 3));
        if (!x12_copy(b->pat.first, sizeof(b->pat.first), x12_el(el, 4))) {
            b->pat.first[0] = '\0';
            pend_add(&b->pat.pend, ADJ_UNREAD_PATIENT, b->segno, "NM1", "2010CA", "NM104", ADJ_PROBLEM_PATIENT,
                     "patient first name is longer than %d characters", ADJ_NAME_MAX);
        }
    } else {
        b->ctx = CTX_OTHER;
    }
}

static void on_nm1_claim(Build *b, const X12Elems *el)
{
    X12Slice q = x12_el(el, 1);
    AdjClaim *c = b->c;
    b->ctx = CTX_OTHER;
    if (b->in_cob || b->line_overflow)
        return; /* 2330A-G: the other payer's subscriber and providers */
    if (b->line != NULL) {
        if (x12_eq(q, "82")) {
            b->ctx = CTX_2420A;
            b->line->rendering_segment = b->segno;
            if (!read_npi(el, b->line->rendering_npi)) {
                b->line->rendering_npi[0] = '\0';
                b->line->unread |= ADJ_UNREAD_RENDERING_NPI;
                adj_claim_problem(c, b->segno, "NM1", "2420A", "NM109", ADJ_PROBLEM_RENDERING_NPI,
                                  "line %d rendering provider NPI '%.*s' is not 10 digits",
                                  b->line->lx, x12_clip(x12_el(el, 9).n), x12_el(el, 9).p);
            }
        }
        return;
    }
    if (x12_eq(q, "82")) {
        b->ctx = CTX_2310B;
        c->rendering_segment = b->segno;
        if (!read_npi(el, c->rendering_npi)) {
            c->rendering_npi[0] = '\0';
            c->unread |= ADJ_UNREAD_RENDERING_NPI;
            adj_claim_problem(c, b->segno, "NM1", "2310B", "NM109", ADJ_PROBLEM_RENDERING_NPI,
                              "rendering provider NPI '%.*s' is not 10 digits",
                              x12_clip(x12_el(el, 9).n), x12_el(el, 9).p);
        }
    } else if (x12_eq(q, "77")) {
        b->ctx = CTX_2310C;
    }
}

static void on_n4(Build *b, const X12Elems *el)
{
    X12Slice zip = x12_el(el, 3);
    if (b->ctx == CTX_2010AA && !b->in_claim)
        x12_copy(b->bill.zip, sizeof(b->bill.zip), zip);
    else if (b->ctx == CTX_2310C && b->in_claim && !b->in_cob && b->line == NULL)
        x12_copy(b->c->facility_zip, sizeof(b->c->facility_zip), zip);
}

static void on_dmg(Build *b, const X12Elems *el)
{
    if (b->in_claim || (b->ctx != CTX_2010BA && b->ctx != CTX_2010CA))
        return;
    X12Slice d = x12_el(el, 2);
    AdjDate date = ADJ_DATE_NONE;
    bool ok = x12_eq(x12_el(el, 1), "D8") && adj_date_parse_x12(d.p, d.n, &date);
    if (b->ctx == CTX_2010BA) {
        if (ok)
            b->sub.birth = date;
        else
            pend_add(&b->sub.pend, 0, b->segno, "DMG", "2010BA", "DMG02", ADJ_PROBLEM_SUBSCRIBER,
                     "subscriber birth date is not a valid D8 CCYYMMDD date");
    } else {
        if (ok)
            b->pat.birth = date;
        else
            pend_add(&b->pat.pend, ADJ_UNREAD_PATIENT, b->segno, "DMG", "2010CA", "DMG02", ADJ_PROBLEM_PATIENT,
                     "patient birth date is not a valid D8 CCYYMMDD date");
    }
}

static void on_clm(Build *b, const X12Elems *el)
{
    AdjClaim *c = b->c;
    /* clear all but the line and problem arrays (12 KB), which fill as
     * they grow: the counts say how much of them is valid; and the parties,
     * each of whose fields is copied whole below */
    memset(c, 0, offsetof(AdjClaim, parties));
    memset((char *)c + offsetof(AdjClaim, parties) + sizeof(c->parties), 0,
           offsetof(AdjClaim, lines) - offsetof(AdjClaim, parties) - sizeof(c->parties));
    c->nlines = 0;
    memset(&c->nproblems, 0, sizeof(*c) - offsetof(AdjClaim, nproblems));
    b->in_claim = true;
    b->in_cob = false;
    b->line_overflow = false;
    b->line = NULL;
    b->ctx = CTX_NONE;
    const AdjX12Set *set = b->set;
    memcpy(c->isa13, set->isa13, sizeof(c->isa13));
    memcpy(c->gs06, set->gs06, sizeof(c->gs06));
    memcpy(c->st02, set->st02, sizeof(c->st02));
    c->interchange_date = set->gs_date;
    c->segment = b->segno;
    memcpy(c->billing_npi, b->bill.npi, sizeof(c->billing_npi));
    memcpy(c->billing_taxonomy, b->bill.taxonomy, sizeof(c->billing_taxonomy));
    memcpy(c->billing_zip, b->bill.zip, sizeof(c->billing_zip));
    c->billing_segment = b->bill.seg;
    memcpy(c->member_id, b->sub.member, sizeof(c->member_id));
    c->subscriber_birth = b->sub.birth;
    c->subscriber_segment = b->sub.seg;
    memcpy(c->subscriber_first, b->sub.first, sizeof(c->subscriber_first));
    memcpy(c->payer_id, b->sub.payer, sizeof(c->payer_id));
    c->sbr01 = b->sub.sbr01;
    c->patient_is_dependent = b->pat.dep;
    c->patient_birth = b->pat.birth;
    memcpy(c->patient_first, b->pat.first, sizeof(c->patient_first));
    c->patient_segment = b->pat.seg;
    AdjClaimParties *pt = &c->parties;
    memcpy(pt->submitter_name, b->submitter_name, sizeof(pt->submitter_name));
    memcpy(pt->submitter_id, b->submitter_id, sizeof(pt->submitter_id));
    memcpy(pt->receiver_name, b->receiver_name, sizeof(pt->receiver_name));
    memcpy(pt->receiver_id, b->receiver_id, sizeof(pt->receiver_id));
    memcpy(pt->billing_name, b->bill.name, sizeof(pt->billing_name));
    memcpy(pt->billing_tin, b->bill.tin, sizeof(pt->billing_tin));
    memcpy(pt->subscriber_last, b->sub.last, sizeof(pt->subscriber_last));
    memcpy(pt->subscriber_first, b->sub.first, sizeof(pt->subscriber_first));
    memcpy(pt->payer_name, b->sub.payer_name, sizeof(pt->payer_name));
    memcpy(pt->payer_id, b->sub.payer_id, sizeof(pt->payer_id));
    memcpy(pt->patient_last, b->pat.dep ? b->pat.last : b->sub.last, sizeof(pt->patient_last));
    pend_copy(c, &b->bill.pend);
    pend_copy(c, &b->sub.pend);
    if (b->pat.dep)
        pend_copy(c, &b->pat.pend);

    X12Slice id = x12_el(el, 1);
    if (!x12_copy(c->claim_id, sizeof(c->claim_id), id)) {
        c->unread |= ADJ_UNREAD_CLAIM_ID;
        adj_claim_problem(c, b->segno, "CLM", "2300", "CLM01", ADJ_PROBLEM_OTHER,
                          "claim ID is %zu characters, longer than %d", id.n, ADJ_CLAIM_ID_MAX);
    }
    X12Slice amt = x12_el(el, 2);
    if (!adj_money_parse(amt.p, amt.n, &c->total_charge)) {
        c->unread |= ADJ_UNREAD_CHARGE;
        adj_claim_problem(c, b->segno, "CLM", "2300", "CLM02", ADJ_PROBLEM_CLAIM_CHARGE,
                          amt.n ? "total charge '%.*s' is not an amount in cents range"
                                : "total charge is missing%.*s",
                          x12_clip(amt.n), amt.p);
    }
    X12Slice clm05 = x12_el(el, 5);
    X12Comps cp;
    x12_split_comps(clm05, b->seps->comp, &cp);
    X12Slice pos = x12_comp(&cp, 0), freq = x12_comp(&cp, 2);
    char hint[48];
    x12_no_comp_hint(hint, sizeof(hint), clm05, b->seps->comp);
    if (pos.n != 0 && (pos.n != 2 || !x12_copy(c->pos, sizeof(c->pos), pos))) {
        c->pos[0] = '\0';
        c->unread |= ADJ_UNREAD_POS;
        adj_claim_problem(c, b->segno, "CLM", "2300", "CLM05-1", ADJ_PROBLEM_OTHER,
                          "place of service '%.*s' is not two characters%s", x12_clip(pos.n), pos.p,
                          hint);
    }
    if (freq.n > 1 || (freq.n == 0 && hint[0] != '\0')) {
        c->unread |= ADJ_UNREAD_FREQ;
        adj_claim_problem(c, b->segno, "CLM", "2300", "CLM05-3", ADJ_PROBLEM_OTHER,
                          "claim frequency code '%.*s' is not one of 1, 7, 8%s", x12_clip(freq.n),
                          freq.p, hint);
    } else {
        x12_copy(c->freq, sizeof(c->freq), freq);
    }
}

static void on_hi(Build *b, const X12Elems *el)
{
    AdjClaim *c = b->c;
    X12Comps cp;
    x12_split_comps(x12_el(el, 1), b->seps->comp, &cp);
    X12Slice q0 = x12_comp(&cp, 0);
    bool dxq = x12_eq(q0, "ABK") || x12_eq(q0, "ABF") || x12_eq(q0, "BK") || x12_eq(q0, "BF");
    if (!dxq && cp.count > 1)
        return; /* condition, anesthesia, ... code lists: not diagnoses */
    for (int i = 1; i < el->count && i <= 12; i++) {
        X12Slice e = x12_el(el, i);
        if (e.n == 0)
            continue;
        x12_split_comps(e, b->seps->comp, &cp);
        X12Slice q = x12_comp(&cp, 0), code = x12_comp(&cp, 1);
        if (c->ndx >= ADJ_MAX_DX) {
            c->unread |= ADJ_UNREAD_DX;
            adj_claim_problem(c, b->segno, "HI", "2300", "HI", ADJ_PROBLEM_DIAGNOSIS,
                              "more than %d diagnosis codes", ADJ_MAX_DX);
            return;
        }
        int pos = c->ndx++;
        c->dx_segment[pos] = b->segno;
        char hint[48];
        x12_no_comp_hint(hint, sizeof(hint), e, b->seps->comp);
        if (!x12_eq(q, "ABK") && !x12_eq(q, "ABF") && !x12_eq(q, "BK") && !x12_eq(q, "BF")) {
            c->unread |= ADJ_UNREAD_DX;
            adj_claim_problem(c, b->segno, "HI", "2300", "HI", ADJ_PROBLEM_DIAGNOSIS,
                              "diagnosis at HI position %d (HI%02d) has no diagnosis qualifier "
                              "(ABK, ABF, BK, BF)%s",
                              pos + 1, i, hint);
            continue;
        }
        x12_copy(c->dx_qual[pos], sizeof(c->dx_qual[pos]), q);
        if (code.n == 0 || !x12_copy(c->dx[pos], sizeof(c->dx[pos]), code)) {
            c->dx[pos][0] = '\0';
            c->unread |= ADJ_UNREAD_DX;
            adj_claim_problem(c, b->segno, "HI", "2300", "HI", ADJ_PROBLEM_DIAGNOSIS,
                              "diagnosis code at HI position %d (HI%02d) is %s%s", pos + 1, i,
                              code.n ? "longer than 7 characters" : "missing", hint);
        }
    }
}

static void on_lx(Build *b, const X12Elems *el)
{
    AdjClaim *c = b->c;
    b->in_cob = false;
    b->ctx = CTX_NONE;
    if (c->nlines >= ADJ_MAX_LINES) {
        if (!b->line_overflow)
            adj_claim_problem(c, b->segno, "LX", "2400", "LX01", ADJ_PROBLEM_OTHER,
                              "more than %d service lines", ADJ_MAX_LINES);
        b->line_overflow = true;
        b->line = NULL;
        return;
    }
    AdjLine *l = &c->lines[c->nlines++];
    memset(l, 0, sizeof(*l));
    b->line = l;
    l->segment = b->segno;
    X12Slice n = x12_el(el, 1);
    int v = 0;
    bool ok = n.n > 0 && n.n <= 6;
    for (size_t i = 0; ok && i < n.n; i++) {
        if (n.p[i] < '0' || n.p[i] > '9')
            ok = false;
        else
            v = v * 10 + (n.p[i] - '0');
    }
    l->lx = ok ? v : c->nlines;
    if (!ok)
        adj_claim_problem(c, b->segno, "LX", "2400", "LX01",
                          ADJ_PROBLEM_OTHER, "line number '%.*s' is not a number", x12_clip(n.n), n.p);
}

static void on_ref(Build *b, const X12Elems *el)
{
    AdjClaim *c = b->c;
    if (b->line != NULL && !b->in_cob && x12_eq(x12_el(el, 1), "6R")) {
        party(b->line->control, sizeof(b->line->control), x12_el(el, 2));
        return;
    }
    if (b->in_cob || b->line != NULL || b->line_overflow || !x12_eq(x12_el(el, 1), "F8"))
        return;
    c->ref_segment = b->segno;
    if (!x12_copy(c->original_ref, sizeof(c->original_ref), x12_el(el, 2))) {
        c->original_ref[0] = '\0';
        c->unread |= ADJ_UNREAD_REF;
        adj_claim_problem(c, b->segno, "REF", "2300", "REF02", ADJ_PROBLEM_OTHER,
                          "original claim reference is longer than %d characters", ADJ_REF_MAX);
    }
}

static void on_prv(Build *b, const X12Elems *el)
{
    if (!b->in_claim && b->hl == 20 && b->ctx == CTX_NONE)
        x12_copy(b->bill.taxonomy, sizeof(b->bill.taxonomy), x12_el(el, 3));
}

/* Whether element 1 of seg is lit, without splitting the segment. */
static bool el1_is(const X12Seg *seg, char sep, const char *lit)
{
    size_t idn = strlen(seg->id), n = strlen(lit);
    return seg->len >= idn + 1 + n && seg->p[idn] == sep && memcmp(seg->p + idn + 1, lit, n) == 0 &&
           (seg->len == idn + 1 + n || seg->p[idn + 1 + n] == sep);
}

/* Segment IDs as 24-bit keys so that dispatch is one switch: the
 * NUL-padded ID read as one little-endian word (bytes after a NUL are NUL). */
#define K(a, b, c) ((uint32_t)(unsigned char)(a) | ((uint32_t)(unsigned char)(b) << 8) | ((uint32_t)(unsigned char)(c) << 16))
static inline uint32_t seg_key(const char id[4])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t w;
    memcpy(&w, id, 4);
    return w & 0xFFFFFFu;
#else
    return K(id[0], id[1], id[1] ? id[2] : 0);
#endif
}

AdjStatus x12_set_emit(X12Reader *r, const X12Seps *seps, const AdjX12Set *set, size_t st_off,
                       size_t se_end, AdjError *err)
{
    Build b = {.r = r, .seps = seps, .set = set, .c = r->claim};
    X12Scan s = {.data = r->data, .len = se_end, .pos = st_off, .seps = *seps, .elems = true};
    X12Seg seg;
    X12Elems el;
    AdjStatus st = ADJ_OK;
    while (x12_scan_next_marked(&s, &seg)) {
        b.segno++;
        /* dropped pages stay mapped: a claim's raw pointer remains valid */
        x12_release_maybe(r, seg.off);
        uint32_t key = seg_key(seg.id);
        switch (key) {
        case K('H', 'L', 0):
        case K('S', 'E', 0):
            st = finish_claim(&b, err);
            if (key == K('H', 'L', 0)) {
                x12_split_upto(&seg, seps, &el, 4);
                on_hl(&b, &el);
            }
            break;
        case K('C', 'L', 'M'):
            st = finish_claim(&b, err);
            x12_split_upto(&seg, seps, &el, 6);
            on_clm(&b, &el);
            b.claim_start = seg.off;
            break;
        case K('N', 'M', '1'):
            x12_split_upto(&seg, seps, &el, 10);
            if (b.in_claim)
                on_nm1_claim(&b, &el);
            else
                on_nm1_outside(&b, &el);
            break;
        case K('N', '4', 0):
            if (b.ctx == CTX_2010AA || b.ctx == CTX_2310C) {
                x12_split_upto(&seg, seps, &el, 4);
                on_n4(&b, &el);
            }
            break;
        case K('D', 'M', 'G'):
            if (b.ctx == CTX_2010BA || b.ctx == CTX_2010CA) {
                x12_split_upto(&seg, seps, &el, 3);
                on_dmg(&b, &el);
            }
            break;
        case K('P', 'R', 'V'):
            if (!b.in_claim && b.hl == 20 && b.ctx == CTX_NONE) {
                x12_split_upto(&seg, seps, &el, 4);
                on_prv(&b, &el);
            }
            break;
        case K('R', 'E', 'F'):
            if (b.in_claim) {
                if (el1_is(&seg, seps->elem, "F8") || el1_is(&seg, seps->elem, "6R")) {
                    x12_split_upto(&seg, seps, &el, 3);
                    on_ref(&b, &el);
                }
            } else if (b.ctx == CTX_2010AA && el1_is(&seg, seps->elem, "EI")) {
                x12_split_upto(&seg, seps, &el, 3);
                party(b.bill.tin, sizeof(b.bill.tin), x12_el(&el, 2));
            }
            break;
        case K('S', 'B', 'R'):
            if (b.in_claim) {
                b.in_cob = true; /* 2320: other subscriber information */
                b.ctx = CTX_OTHER;
                b.c->has_other_payer = true;
            } else if (b.hl == 22) {
                x12_split_upto(&seg, seps, &el, 2);
                X12Slice s01 = x12_el(&el, 1);
                b.sub.sbr01 = s01.n == 1 ? s01.p[0] : 0;
            }
            break;
        default:
            if (!b.in_claim)
                break;
            switch (key) {
            case K('H', 'I', 0):
                if (!b.in_cob && b.line == NULL && !b.line_overflow) {
                    x12_split_upto(&seg, seps, &el, X12_MAX_ELEMS);
                    on_hi(&b, &el);
                }
                break;
            case K('L', 'X', 0):
                x12_split_upto(&seg, seps, &el, 2);
                on_lx(&b, &el);
                break;
            case K('S', 'V', '1'):
                if (!b.line_overflow) {
                    x12_split_upto(&seg, seps, &el, 8);
                    x12_line_sv1(b.c, b.line, &el, seps->comp, b.segno);
                }
                break;
            case K('D', 'T', 'P'):
                if (b.line != NULL && !b.line_overflow && el1_is(&seg, seps->elem, "472")) {
                    x12_split_upto(&seg, seps, &el, 4);
                    x12_line_dtp(b.c, b.line, &el, b.segno);
                } else if (b.line != NULL && !b.line_overflow && el1_is(&seg, seps->elem, "573")) {
                    x12_split_upto(&seg, seps, &el, 4);
                    x12_cob_line_date(b.line, &el);
                }
                break;
            case K('A', 'M', 'T'):
                if (b.in_cob && b.line == NULL && el1_is(&seg, seps->elem, "D")) {
                    x12_split_upto(&seg, seps, &el, 3);
                    x12_cob_amt(b.c, &el, b.segno);
                }
                break;
            case K('S', 'V', 'D'):
            case K('C', 'A', 'S'):
                if (b.line != NULL && !b.line_overflow) {
                    x12_split_upto(&seg, seps, &el, X12_MAX_ELEMS);
                    if (key == K('S', 'V', 'D'))
                        x12_cob_svd(b.c, b.line, &el, b.segno);
                    else
                        x12_cob_cas(b.c, b.line, &el, b.segno);
                }
                break;
            default:
                break;
            }
        }
        if (st != ADJ_OK)
            return st;
        if (b.in_claim) {
            b.claim_end = seg.off + seg.len + (seg.terminated ? 1 : 0);
            b.c->last_segment = b.segno;
        }
    }
    return finish_claim(&b, err);
}
