/* The 835 health care claim payment/advice (005010X221A1): a CLP per
 * claim, an SVC per line, and a CAS for every dollar not paid, each claim
 * checked to balance before it is added. The header (BPR carries the
 * total) is written last, so the claims stream through the body's flush.
 * Pure. */
#include <stdio.h>
#include <string.h>

#include "x12out/x12out.h"

/* AdjOutcome values (claim/decision.h) without depending on the engine */
enum { OUT_PAY = 0, OUT_DENY = 1, OUT_FORWARD = 3 };

void adj_x12out_835_begin(AdjX12Remit *r)
{
    memset(r, 0, sizeof(*r));
    adj_x12out_init(&r->body);
}

void adj_x12out_835_free(AdjX12Remit *r)
{
    adj_x12out_free(&r->body);
}

static int add(char group[][3], char carc[][6], AdjMoney *amt, int n, const char *g,
               const char *c, AdjMoney a)
{
    if (a == 0 || n >= 6)
        return n;
    snprintf(group[n], 3, "%s", g);
    snprintf(carc[n], 6, "%s", c);
    amt[n] = a;
    return n + 1;
}

int adj_x12out_835_cas(const AdjRemitLine *l, char group[][3], char carc[][6], AdjMoney *amt)
{
    int n = 0;
    switch (l->outcome) {
    case OUT_PAY:
        /* contractual: the charge above the allowed amount */
        n = add(group, carc, amt, n, "CO", "45", l->charge - l->allowed);
        n = add(group, carc, amt, n, "PR", "1", l->share.deductible);
        n = add(group, carc, amt, n, "PR", "2", l->share.coinsurance);
        n = add(group, carc, amt, n, "PR", "3", l->share.copay);
        n = add(group, carc, amt, n, "OA", "23", l->share.cob_reduction);
        break;
    case OUT_FORWARD:
        /* Another organisation (the plan's behavioural health administrator)
         * adjudicates this line: CARC 109, "not covered by this payer", in
         * group OA, because the amount is neither the provider's write-off
         * (CO) nor the patient's to pay (PR). No RARC: none says "forwarded
         * to the plan's carve-out administrator" (MA07 and MA18 name
         * Medicaid and a supplemental insurer), and the provider need not
         * resubmit. */
        n = add(group, carc, amt, n, "OA", "109", l->charge);
        break;
    default: /* deny: the edit's group and CARC for the whole charge */
        n = add(group, carc, amt, n, l->group[0] ? l->group : "CO", l->carc[0] ? l->carc : "16",
                l->charge - l->paid);
        break;
    }
    return n;
}

/* CAS segments: one per group code, up to six reasons each. */
static void cas(AdjX12Out *w, char group[][3], char carc[][6], const AdjMoney *amt, int n,
                int sign)
{
    bool done[6] = {false};
    for (int i = 0; i < n; i++) {
        if (done[i])
            continue;
        const char *v[19] = {group[i]};
        char a[6][ADJ_MONEY_FMT_MAX];
        int k = 1, m = 0;
        for (int j = i; j < n; j++) {
            if (done[j] || strcmp(group[j], group[i]) != 0)
                continue;
            done[j] = true;
            adj_x12out_amount(amt[j] * sign, a[m]);
            v[k++] = carc[j];
            v[k++] = a[m++];
            v[k++] = "";
        }
        while (k < 19)
            v[k++] = "";
        adj_x12out_seg(w, "CAS", v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                       v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], (const char *)NULL);
    }
}

static void units(char buf[32], int64_t milli)
{
    if (milli % 1000 == 0)
        snprintf(buf, 32, "%lld", (long long)(milli / 1000));
    else
        snprintf(buf, 32, "%lld.%03lld", (long long)(milli / 1000), (long long)(milli % 1000));
    size_t n = strlen(buf);
    if (strchr(buf, '.') != NULL) {
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
    }
}

static bool checked_sub(AdjMoney a, AdjMoney b, AdjMoney *out)
{
    return !__builtin_sub_overflow(a, b, out);
}

AdjStatus adj_x12out_835_claim(AdjX12Remit *r, const AdjRemitClaim *c, AdjError *err)
{
    AdjMoney charge = 0, paid = 0, patient = 0, adjusted = 0;
    char group[ADJ_MAX_LINES][6][3], carc[ADJ_MAX_LINES][6][6];
    AdjMoney amt[ADJ_MAX_LINES][6];
    int ncas[ADJ_MAX_LINES];
    if (c->nlines > ADJ_MAX_LINES)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "835: claim %s: %d lines, more than %d", c->claim_id,
                        c->nlines, ADJ_MAX_LINES);
    for (int i = 0; i < c->nlines; i++) {
        const AdjRemitLine *l = &c->lines[i];
        ncas[i] = adj_x12out_835_cas(l, group[i], carc[i], amt[i]);
        AdjMoney sum = 0, rest;
        for (int k = 0; k < ncas[i]; k++) {
            if (__builtin_add_overflow(sum, amt[i][k], &sum))
                return ADJ_FAIL(err, ADJ_ERR_INPUT, "835: claim %s line %d: adjustments overflow",
                                c->claim_id, i + 1);
            if (strcmp(group[i][k], "PR") == 0)
                patient += amt[i][k];
        }
        /* service balance: charge - sum CAS = paid */
        if (!checked_sub(l->charge, sum, &rest) || rest != l->paid) {
            char a[ADJ_MONEY_FMT_MAX], b[ADJ_MONEY_FMT_MAX], p[ADJ_MONEY_FMT_MAX];
            adj_x12out_amount(l->charge, a);
            adj_x12out_amount(sum, b);
            adj_x12out_amount(l->paid, p);
            return ADJ_FAIL(err, ADJ_ERR_INPUT,
                            "835: claim %s (payer claim control number %s) line %d (%s) does not "
                            "balance: charge %s - adjustments %s != paid %s; the 835 is not written",
                            c->claim_id, c->pcn, i + 1, l->code, a, b, p);
        }
        if (__builtin_add_overflow(charge, l->charge, &charge) ||
            __builtin_add_overflow(paid, l->paid, &paid) ||
            __builtin_add_overflow(adjusted, sum, &adjusted))
            return ADJ_FAIL(err, ADJ_ERR_INPUT, "835: claim %s: amounts overflow", c->claim_id);
    }
    /* claim balance: CLP03 - sum CAS = CLP04 */
    if (charge - adjusted != paid)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "835: claim %s does not balance; the 835 is not written",
                        c->claim_id);
    int sign = c->reversal ? -1 : 1;
    AdjX12Out *w = &r->body;
    if (r->claims == 0)
        adj_x12out_seg(w, "LX", "1", (const char *)NULL);
    char a3[ADJ_MONEY_FMT_MAX], a4[ADJ_MONEY_FMT_MAX], a5[ADJ_MONEY_FMT_MAX];
    adj_x12out_amount(charge * sign, a3);
    adj_x12out_amount(paid * sign, a4);
    adj_x12out_amount(patient * sign, a5);
    bool any_paid = false, all_forward = c->nlines > 0;
    for (int i = 0; i < c->nlines; i++) {
        any_paid |= c->lines[i].outcome == OUT_PAY;
        all_forward &= c->lines[i].outcome == OUT_FORWARD;
    }
    /* 22 reversal; 1 processed as primary; 4 denied (forwarded: 4 too, the
     * plan pays nothing on it and says why per line) */
    const char *status = c->reversal ? "22" : any_paid ? "1" : "4";
    (void)all_forward;
    adj_x12out_seg(w, "CLP", c->claim_id[0] ? c->claim_id : "UNKNOWN", status, a3, a4,
                   patient != 0 ? a5 : "", "ZZ", c->pcn[0] ? c->pcn : "0", "",
                   c->freq[0] ? c->freq : "", (const char *)NULL);
    adj_x12out_seg(w, "NM1", "QC", "1", c->patient_last, c->patient_first, "", "", "",
                   c->member_id[0] ? "MI" : "", c->member_id, (const char *)NULL);
    if (c->received > 0) {
        char d[12];
        snprintf(d, sizeof(d), "%08d", (int)c->received);
        adj_x12out_seg(w, "DTM", "050", d, (const char *)NULL);
    }
    for (int i = 0; i < c->nlines; i++) {
        const AdjRemitLine *l = &c->lines[i];
        char svc1[80], s2[ADJ_MONEY_FMT_MAX], s3[ADJ_MONEY_FMT_MAX], u[32], d[12];
        ADJ_X12OUT_COMP(svc1, l->qualifier[0] ? l->qualifier : "HC", l->code,
                        l->nmods > 0 ? l->mods[0] : "", l->nmods > 1 ? l->mods[1] : "",
                        l->nmods > 2 ? l->mods[2] : "", l->nmods > 3 ? l->mods[3] : "");
        adj_x12out_amount(l->charge * sign, s2);
        adj_x12out_amount(l->paid * sign, s3);
        units(u, l->units_milli);
        adj_x12out_seg(w, "SVC", svc1, s2, s3, "", l->units_milli != 1000 && l->units_milli > 0 ? u : "",
                       (const char *)NULL);
        if (l->dos > 0) {
            snprintf(d, sizeof(d), "%08d", (int)l->dos);
            adj_x12out_seg(w, "DTM", "472", d, (const char *)NULL);
        }
        cas(w, group[i], carc[i], amt[i], ncas[i], sign);
        if (l->control[0] != '\0')
            adj_x12out_seg(w, "REF", "6R", l->control, (const char *)NULL);
        if (l->outcome == OUT_PAY) {
            char al[ADJ_MONEY_FMT_MAX];
            adj_x12out_amount(l->allowed * sign, al);
            adj_x12out_seg(w, "AMT", "B6", al, (const char *)NULL);
        }
        for (int k = 0; k < l->nrarc && k < 4; k++)
            if (l->rarc[k][0] != '\0')
                adj_x12out_seg(w, "LQ", "HE", l->rarc[k], (const char *)NULL);
    }
    AdjMoney signed_paid = paid * sign;
    if (__builtin_add_overflow(r->total_paid, signed_paid, &r->total_paid))
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "835: total paid overflows at claim %s", c->claim_id);
    if (c->reversal)
        snprintf(r->plb_ref, sizeof(r->plb_ref), "%s", c->pcn[0] ? c->pcn : c->claim_id);
    r->claims++;
    r->lines += (uint64_t)c->nlines;
    return ADJ_OK;
}

void adj_x12out_835_plb(AdjX12Remit *r, AdjMoney amount, const char *reason,
                        const char *reference)
{
    if (r->nplb >= ADJ_X12OUT_MAX_PLB)
        return;
    snprintf(r->plb[r->nplb].reason, sizeof(r->plb[r->nplb].reason), "%s", reason);
    snprintf(r->plb[r->nplb].ref, sizeof(r->plb[r->nplb].ref), "%s", reference);
    r->plb[r->nplb].amount = amount;
    r->nplb++;
    r->plb_total += amount;
}

AdjStatus adj_x12out_835_head(AdjX12Remit *r, AdjX12Out *w, uint32_t st02, const char *trace,
                              const AdjRemitPayerInfo *payer, const AdjRemitPayee *payee,
                              AdjDate date, AdjError *err)
{
    /* reversals larger than new payments: carry the balance (WO) */
    if (r->total_paid - r->plb_total < 0)
        adj_x12out_835_plb(r, r->total_paid - r->plb_total, "WO",
                           r->plb_ref[0] ? r->plb_ref : "BALANCE");
    AdjMoney bpr = r->total_paid - r->plb_total;
    if (bpr < 0)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "835 for payee %s: payment would be negative",
                        payee->npi);
    char amt[ADJ_MONEY_FMT_MAX], d[12], trn3[16];
    adj_x12out_amount(bpr, amt);
    snprintf(d, sizeof(d), "%08d", (int)date);
    /* ST03 stays empty: the 835 guide (as pyx12's map of it) does not use it */
    adj_x12out_st(w, "835", st02, "");
    adj_x12out_seg(w, "BPR", bpr > 0 ? "I" : "H", amt, "C", bpr > 0 ? "CHK" : "NON", "", "", "",
                   "", "", "", "", "", "", "", "", d, (const char *)NULL);
    snprintf(trn3, sizeof(trn3), "1%.9s", payer->id[0] ? payer->id : "999999999");
    adj_x12out_seg(w, "TRN", "1", trace, trn3, (const char *)NULL);
    adj_x12out_seg(w, "DTM", "405", d, (const char *)NULL);
    adj_x12out_seg(w, "N1", "PR", payer->name[0] ? payer->name : "HEALTH PLAN", (const char *)NULL);
    adj_x12out_seg(w, "N3", payer->address[0] ? payer->address : "1 PLAN WAY", (const char *)NULL);
    adj_x12out_seg(w, "N4", payer->city[0] ? payer->city : "SAN FRANCISCO",
                   payer->state[0] ? payer->state : "CA", payer->zip[0] ? payer->zip : "94105",
                   (const char *)NULL);
    adj_x12out_seg(w, "PER", "BL", payer->contact[0] ? payer->contact : "PROVIDER SERVICES", "TE",
                   payer->phone[0] ? payer->phone : "8005550100", (const char *)NULL);
    adj_x12out_seg(w, "N1", "PE", payee->name[0] ? payee->name : payee->npi, "XX", payee->npi,
                   (const char *)NULL);
    if (payee->tin[0] != '\0')
        adj_x12out_seg(w, "REF", "TJ", payee->tin, (const char *)NULL);
    if (bpr != r->total_paid - r->plb_total)
        return ADJ_FAIL(err, ADJ_ERR_INTERNAL, "835: BPR02 does not balance");
    return ADJ_OK;
}

void adj_x12out_835_tail(AdjX12Remit *r, AdjX12Out *w, uint32_t st02, const char *payee_npi,
                         AdjDate date)
{
    w->seg_count += r->body.seg_count;
    char fy[12];
    snprintf(fy, sizeof(fy), "%04d1231", adj_date_year(date));
    for (int i = 0; i < r->nplb; i++) {
        char reason[80], amt[ADJ_MONEY_FMT_MAX];
        ADJ_X12OUT_COMP(reason, r->plb[i].reason, r->plb[i].ref);
        adj_x12out_amount(r->plb[i].amount, amt);
        adj_x12out_seg(w, "PLB", payee_npi, fy, reason, amt, (const char *)NULL);
    }
    adj_x12out_se(w, st02);
}
