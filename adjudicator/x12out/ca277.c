/* The 277CA claim acknowledgement (005010X214) of one accepted 837 set:
 * payer (2000A), submitter (2000B, with the totals accepted and rejected),
 * billing provider (2000C, one per run of claims of the same NPI) and one
 * patient level (2000D) per claim: STC A2:20 when accepted into
 * adjudication (REF*1K the payer claim control number), A3 with the status
 * code and entity of the front-end problem when rejected. The claims are
 * kept in a body buffer until the end, since the header carries totals.
 * Pure. */
#include <stdio.h>
#include <string.h>

#include "x12out/x12out.h"

void adj_x12out_277_begin(AdjX12Ca277 *ca, const char *trace, AdjDate received,
                          AdjDate processed)
{
    memset(ca, 0, sizeof(*ca));
    adj_x12out_init(&ca->body);
    adj_x12out_init(&ca->prov);
    ca->hl = 2; /* 2000A and 2000B */
    ca->received = received;
    ca->processed = processed;
    snprintf(ca->trace, sizeof(ca->trace), "%s", trace && trace[0] ? trace : "0");
}

void adj_x12out_277_free(AdjX12Ca277 *ca)
{
    adj_x12out_free(&ca->body);
    adj_x12out_free(&ca->prov);
}

/* Status code (and entity) of a problem: what the sender must fix, from
 * the ruleset's frontend_problems for the problem's kind (codes: one entry
 * per kind). Status 21 (missing or invalid information) when none. */
void adj_x12out_277_stc(const AdjProblemCodes *codes, const AdjProblem *p, char buf[24])
{
    const AdjProblemCodes *pc =
        codes != NULL ? &codes[p->kind < ADJ_PROBLEM_NKINDS ? p->kind : ADJ_PROBLEM_OTHER] : NULL;
    const char *code = pc != NULL && pc->status[0] ? pc->status : "21";
    const char *entity = pc != NULL ? pc->entity : "";
    char tmp[24];
    ADJ_X12OUT_COMP(tmp, "A3", code, entity);
    memcpy(buf, tmp, sizeof(tmp));
}

static void d8(char buf[12], AdjDate d)
{
    char tmp[24];
    adj_x12out_uint((uint64_t)(d > 0 ? d : 19000101), tmp);
    memcpy(buf, tmp, 9);
}

/* Write the current 2000C level (its STC carries its totals) and its
 * patients into the body. */
static void flush_provider(AdjX12Ca277 *ca)
{
    if (ca->provider_hl == 0)
        return;
    char hl[24], amt[ADJ_MONEY_FMT_MAX], n[24], stc[24];
    /* adj_x12out_uint, not snprintf: this runs once per provider level,
     * which in real files is most claims */
    adj_x12out_uint(ca->provider_hl, hl);
    adj_x12out_seg(&ca->body, "HL", hl, "2", "19", "1", (const char *)NULL);
    adj_x12out_seg(&ca->body, "NM1", "85", "2", ca->provider_name[0] ? ca->provider_name : "UNKNOWN",
                   "", "", "", "", ca->provider_qual, ca->provider_id, (const char *)NULL);
    adj_x12out_seg(&ca->body, "TRN", "1", "0", (const char *)NULL);
    adj_x12out_amount(ca->prov_accepted_amt + ca->prov_rejected_amt, amt);
    ADJ_X12OUT_COMP(stc, "A1", "19", "85");
    adj_x12out_seg(&ca->body, "STC", stc, "", "WQ", amt, (const char *)NULL);
    if (ca->prov_accepted > 0)
        adj_x12out_seg(&ca->body, "QTY", "QA", adj_x12out_uint(ca->prov_accepted, n),
                       (const char *)NULL);
    if (ca->prov_rejected > 0)
        adj_x12out_seg(&ca->body, "QTY", "QC", adj_x12out_uint(ca->prov_rejected, n),
                       (const char *)NULL);
    if (ca->prov_accepted > 0) {
        adj_x12out_amount(ca->prov_accepted_amt, amt);
        adj_x12out_seg(&ca->body, "AMT", "YU", amt, (const char *)NULL);
    }
    if (ca->prov_rejected > 0) {
        adj_x12out_amount(ca->prov_rejected_amt, amt);
        adj_x12out_seg(&ca->body, "AMT", "YY", amt, (const char *)NULL);
    }
    adj_x12out_raw(&ca->body, ca->prov.buf, ca->prov.len);
    ca->body.seg_count += ca->prov.seg_count;
    adj_x12out_reset(&ca->prov);
    ca->prov_accepted = ca->prov_rejected = 0;
    ca->prov_accepted_amt = ca->prov_rejected_amt = 0;
}

static void provider_level(AdjX12Ca277 *ca, const AdjClaim *c)
{
    flush_provider(ca);
    const AdjClaimParties *p = &c->parties;
    ca->provider_hl = ++ca->hl;
    bool npi = strlen(c->billing_npi) == 10 || !p->billing_tin[0];
    snprintf(ca->provider_qual, sizeof(ca->provider_qual), "%s", npi ? "XX" : "FI");
    snprintf(ca->provider_id, sizeof(ca->provider_id), "%s",
             npi ? (c->billing_npi[0] ? c->billing_npi : "0000000000") : p->billing_tin);
    memcpy(ca->provider_npi, c->billing_npi, sizeof(ca->provider_npi));
    memcpy(ca->provider_name, p->billing_name, sizeof(ca->provider_name));
}

void adj_x12out_277_claim(AdjX12Ca277 *ca, const AdjClaim *c, const char *pcn,
                          const AdjProblemCodes *codes)
{
    if (ca->accepted + ca->rejected == 0)
        ca->first = c->parties;
    if (ca->provider_hl == 0 || strcmp(ca->provider_npi, c->billing_npi) != 0 ||
        strcmp(ca->provider_name, c->parties.billing_name) != 0)
        provider_level(ca, c);
    const AdjClaimParties *p = &c->parties;
    char hl[24], parent[24], amt[ADJ_MONEY_FMT_MAX], date[12];
    adj_x12out_uint(++ca->hl, hl);
    adj_x12out_uint(ca->provider_hl, parent);
    AdjX12Out *w = &ca->prov;
    adj_x12out_seg(w, "HL", hl, parent, "PT", (const char *)NULL);
    const char *last = p->patient_last[0] ? p->patient_last : "UNKNOWN";
    const char *first = c->patient_is_dependent ? c->patient_first : p->subscriber_first;
    adj_x12out_seg(w, "NM1", "QC", "1", last, first, "", "", "", "MI",
                   c->member_id[0] ? c->member_id : "UNKNOWN", (const char *)NULL);
    adj_x12out_seg(w, "TRN", "2", c->claim_id[0] ? c->claim_id : "UNKNOWN",
                   (const char *)NULL);
    adj_x12out_amount(c->total_charge, amt);
    d8(date, ca->processed);
    if (c->nproblems == 0) {
        char stc[24];
        ADJ_X12OUT_COMP(stc, "A2", "20", "PR");
        adj_x12out_seg(w, "STC", stc, date, "WQ", amt, (const char *)NULL);
        if (pcn != NULL && pcn[0] != '\0')
            adj_x12out_seg(w, "REF", "1K", pcn, (const char *)NULL);
        ca->accepted++;
        ca->accepted_amt += c->total_charge;
        ca->prov_accepted++;
        ca->prov_accepted_amt += c->total_charge;
    } else {
        /* up to three problems: STC01, STC10, STC11; STC12 says the first */
        char s1[24], s2[24] = "", s3[24] = "", msg[300];
        adj_x12out_277_stc(codes, &c->problems[0], s1);
        if (c->nproblems > 1)
            adj_x12out_277_stc(codes, &c->problems[1], s2);
        if (c->nproblems > 2)
            adj_x12out_277_stc(codes, &c->problems[2], s3);
        if (strcmp(s2, s1) == 0)
            s2[0] = '\0';
        if (s2[0] == '\0' || strcmp(s3, s1) == 0 || strcmp(s3, s2) == 0)
            s3[0] = '\0';
        snprintf(msg, sizeof(msg), "%s %s: %s", c->problems[0].loop, c->problems[0].element,
                 c->problems[0].msg);
        msg[264] = '\0'; /* STC12 is at most 264 characters */
        adj_x12out_seg(w, "STC", s1, date, "U", amt, "", "", "", "", "", s2, s3, msg,
                       (const char *)NULL);
        ca->rejected++;
        ca->rejected_amt += c->total_charge;
        ca->prov_rejected++;
        ca->prov_rejected_amt += c->total_charge;
    }
    AdjDate from = 0, to = 0;
    for (int i = 0; i < c->nlines; i++) {
        AdjDate f = c->lines[i].dos_from, t = c->lines[i].dos_to ? c->lines[i].dos_to : f;
        if (f > 0 && (from == 0 || f < from))
            from = f;
        if (t > 0 && t > to)
            to = t;
    }
    char range[24], a[12], z[12];
    if (from == 0)
        from = to = ca->received;
    d8(a, from);
    d8(z, to >= from ? to : from);
    memcpy(range, a, 8);
    range[8] = '-';
    memcpy(range + 9, z, 9);
    adj_x12out_seg(w, "DTP", "472", "RD8", range, (const char *)NULL);
}

void adj_x12out_277_end(AdjX12Ca277 *ca, AdjX12Out *w, uint32_t st02)
{
    flush_provider(ca);
    const AdjClaimParties *p = &ca->first;
    char date[12], rdate[12], amt[ADJ_MONEY_FMT_MAX], n[24], stc[24];
    d8(date, ca->processed);
    d8(rdate, ca->received);
    adj_x12out_st(w, "277", st02, "005010X214");
    adj_x12out_seg(w, "BHT", "0085", "08", ca->trace, date, "0000", "TH", (const char *)NULL);
    adj_x12out_seg(w, "HL", "1", "", "20", "1", (const char *)NULL);
    adj_x12out_seg(w, "NM1", "PR", "2", p->receiver_name[0] ? p->receiver_name : "PAYER", "", "", "",
                   "", "PI", p->receiver_id[0] ? p->receiver_id : "PAYER", (const char *)NULL);
    adj_x12out_seg(w, "TRN", "1", ca->trace, (const char *)NULL);
    adj_x12out_seg(w, "DTP", "050", "D8", rdate, (const char *)NULL);
    adj_x12out_seg(w, "DTP", "009", "D8", date, (const char *)NULL);
    adj_x12out_seg(w, "HL", "2", "1", "21", ca->hl > 2 ? "1" : "0", (const char *)NULL);
    adj_x12out_seg(w, "NM1", "41", "2", p->submitter_name[0] ? p->submitter_name : "SUBMITTER", "",
                   "", "", "", "46", p->submitter_id[0] ? p->submitter_id : "SUBMITTER",
                   (const char *)NULL);
    adj_x12out_seg(w, "TRN", "2", ca->trace, (const char *)NULL);
    adj_x12out_amount(ca->accepted_amt + ca->rejected_amt, amt);
    ADJ_X12OUT_COMP(stc, "A1", "19", "PR");
    adj_x12out_seg(w, "STC", stc, date, "WQ", amt, (const char *)NULL);
    if (ca->accepted > 0) {
        snprintf(n, sizeof(n), "%llu", (unsigned long long)ca->accepted);
        adj_x12out_seg(w, "QTY", "90", n, (const char *)NULL);
    }
    if (ca->rejected > 0) {
        snprintf(n, sizeof(n), "%llu", (unsigned long long)ca->rejected);
        adj_x12out_seg(w, "QTY", "AA", n, (const char *)NULL);
    }
    if (ca->accepted > 0) {
        adj_x12out_amount(ca->accepted_amt, amt);
        adj_x12out_seg(w, "AMT", "YU", amt, (const char *)NULL);
    }
    if (ca->rejected > 0) {
        adj_x12out_amount(ca->rejected_amt, amt);
        adj_x12out_seg(w, "AMT", "YY", amt, (const char *)NULL);
    }
    adj_x12out_raw(w, ca->body.buf, ca->body.len);
    w->seg_count += ca->body.seg_count;
    adj_x12out_se(w, st02);
}
