/* An 835 claim from the engine's decisions of a claim: which lines are
 * remitted (paid, denied, forwarded; not pended, rejected or voided) and
 * each line's amounts and cost-share split. Pure. */
#include <stdio.h>
#include <string.h>

#include "claim/decision.h"
#include "x12out/x12out.h"

AdjRemitShare adj_x12out_share_split(AdjMoney patient_resp, AdjMoney deductible,
                                     AdjMoney coinsurance, AdjMoney copay,
                                     AdjMoney cob_reduction)
{
    AdjRemitShare s = adj_x12out_share_from(patient_resp);
    /* the engine's split, when it adds up (decisions before the benefits
     * split carry none: the whole share is coinsurance, PR-2) */
    if (deductible >= 0 && coinsurance >= 0 && copay >= 0 &&
        deductible <= patient_resp && coinsurance <= patient_resp - deductible &&
        copay == patient_resp - deductible - coinsurance &&
        deductible + coinsurance + copay > 0) {
        s.deductible = deductible;
        s.coinsurance = coinsurance;
        s.copay = copay;
    }
    s.cob_reduction = cob_reduction > 0 ? cob_reduction : 0;
    return s;
}

AdjRemitShare adj_x12out_share_from(AdjMoney patient_resp)
{
    /* until the engine splits the member's share (deductible, coinsurance,
     * copay), all of it is reported as coinsurance (PR-2) */
    AdjRemitShare s = {.coinsurance = patient_resp};
    return s;
}

bool adj_x12out_remittable(const AdjDecision *d, int n)
{
    bool any = false;
    for (int i = 0; i < n; i++) {
        switch (d[i].outcome) {
        case ADJ_OUT_PEND:
            return false; /* the claim waits until every line is decided */
        case ADJ_OUT_PAY:
        case ADJ_OUT_DENY:
        case ADJ_OUT_FORWARD:
            any = true;
            break;
        default:
            break;
        }
    }
    return any;
}

int adj_x12out_remit_lines(const AdjClaim *c, const AdjDecision *d, int n, AdjRemitLine *out)
{
    int k = 0;
    for (int i = 0; i < n && i < c->nlines; i++) {
        if (d[i].outcome != ADJ_OUT_PAY && d[i].outcome != ADJ_OUT_DENY &&
            d[i].outcome != ADJ_OUT_FORWARD)
            continue;
        const AdjLine *l = &c->lines[i];
        AdjRemitLine *r = &out[k++];
        memset(r, 0, sizeof(*r));
        snprintf(r->qualifier, sizeof(r->qualifier), "%s", l->qualifier);
        snprintf(r->code, sizeof(r->code), "%s", l->code);
        r->nmods = l->nmods;
        for (int m = 0; m < l->nmods && m < ADJ_MAX_MODS; m++)
            memcpy(r->mods[m], l->mods[m], sizeof(r->mods[m]));
        r->charge = l->charge;
        r->units_milli = l->units_milli;
        r->dos = l->dos_from;
        memcpy(r->control, l->control, sizeof(r->control));
        r->outcome = (int)d[i].outcome;
        memcpy(r->group, d[i].group, sizeof(r->group));
        memcpy(r->carc, d[i].carc, sizeof(r->carc));
        r->nrarc = d[i].nrarc < 4 ? d[i].nrarc : 4;
        for (int j = 0; j < r->nrarc; j++)
            memcpy(r->rarc[j], d[i].rarc[j], sizeof(r->rarc[j]));
        if (d[i].outcome == ADJ_OUT_PAY) {
            r->allowed = d[i].allowed;
            r->paid = d[i].paid;
            r->share = adj_x12out_share_split(d[i].patient_resp, d[i].deductible,
                                              d[i].coinsurance, d[i].copay,
                                              d[i].has_cob ? d[i].cob_reduction : 0);
        }
    }
    return k;
}
