/* Coordination of benefits when this plan is secondary (issue 13): its
 * normal benefit for a line, then the plan's method against the primary
 * payer's payment. Pure: int64 cents. */
#ifndef ADJ_ENGINE_COB_H
#define ADJ_ENGINE_COB_H

#include "engine/costshare.h"

/* standard: pay the lesser of the normal benefit and the balance the
 * primary left (allowed - primary paid); non_duplication: pay what the
 * normal benefit exceeds the primary's payment by. The member then owes at
 * most the balance left, never more than the normal share (cut from
 * coinsurance, then copay, then deductible). *reduction = allowed - paid -
 * patient share (the 835's OA-23). The normal split must satisfy
 * deductible + coinsurance + copay = patient_resp and paid = allowed -
 * patient_resp. */
void adj_cob_split(AdjCobMethod method, AdjMoney allowed, AdjMoney primary_paid,
                   const AdjCostShare *normal, AdjCostShare *out, AdjMoney *reduction);

#endif
