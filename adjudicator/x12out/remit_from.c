/* An 835 claim from the engine's decisions of a claim: which lines are
 * remitted (paid, denied, forwarded; not pended, rejected or voided) and
 * each line's amounts and cost-share split. Pure. */
#include <stdio.h>
#include <string.h>

#include "engine/decision.h"
#include "x12out/x12out.h"

AdjCostShare adj_x12out_share_from(AdjMoney patient_resp)
{
    /* until the engine splits the member's share (deductible, coinsurance,
     * copay), all of it is reported as coinsurance (PR-2) */
    AdjCostShare s = {.coinsurance = patient_resp};
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
            r->share = adj_x12out_share_from(d[i].patient_resp);
        }
    }
    return k;
}
