/* Coordination of benefits; see cob.h. Pure. */
#include "engine/cob.h"

static AdjMoney cut(AdjMoney *part, AdjMoney want)
{
    AdjMoney take = *part < want ? *part : want;
    *part -= take;
    return want - take;
}

void adj_cob_split(AdjCobMethod method, AdjMoney allowed, AdjMoney primary_paid,
                   const AdjCostShare *normal, AdjCostShare *out, AdjMoney *reduction)
{
    AdjCostShare s = *normal;
    if (primary_paid < 0)
        primary_paid = 0;
    AdjMoney balance = allowed > primary_paid ? allowed - primary_paid : 0;
    AdjMoney paid;
    if (method == ADJ_COB_NON_DUPLICATION)
        paid = normal->paid > primary_paid ? normal->paid - primary_paid : 0;
    else
        paid = normal->paid < balance ? normal->paid : balance;
    if (paid > balance)
        paid = balance;
    AdjMoney resp = balance - paid;
    if (resp > normal->patient_resp)
        resp = normal->patient_resp;
    AdjMoney over = normal->patient_resp - resp;
    over = cut(&s.coinsurance, over);
    over = cut(&s.copay, over);
    cut(&s.deductible, over);
    s.patient_resp = resp;
    s.paid = paid;
    *out = s;
    *reduction = allowed - paid - resp;
}
