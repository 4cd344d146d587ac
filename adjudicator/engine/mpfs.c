/* MPFS pricing of one line; see mpfs.h. Pure. */
#include "engine/mpfs.h"

#include <stdio.h>
#include <string.h>

/* "1.88" from hundredths, "1.017" from thousandths */
static void dec(char *buf, size_t size, int64_t v, int places)
{
    int64_t div = places == 2 ? 100 : 1000;
    snprintf(buf, size, "%lld.%0*lld", (long long)(v / div), places, (long long)(v % div));
}

AdjMpfsLine adj_engine_mpfs(const AdjPlanRow *plan, const AdjRuleset *rs,
                            const AdjProviderRow *billing, const AdjClaim *c, const AdjLine *l,
                            AdjFee *fee, AdjEditId *edit, char *why, size_t size)
{
    if (plan == NULL || plan->pricing != ADJ_PRICING_MPFS)
        return ADJ_MPFS_LINE_NOT;
    if (rs->mpfs == NULL) {
        *edit = ADJ_EDIT_NO_FEE;
        snprintf(why, size, "the plan prices at a percentage of Medicare and ruleset %s names no fee schedule; manual pricing needed",
                 rs->id);
        return ADJ_MPFS_LINE_EDIT;
    }
    const char *locality = billing != NULL ? billing->locality : "";
    const char *mod = l->nmods > 0 ? l->mods[0] : "";
    AdjMpfsPrice p;
    AdjMpfsResult r = adj_mpfs_price(rs->mpfs, l->code, mod, adj_line_pos(c, l), locality,
                                     plan->pct_of_medicare_milli, &p);
    int year = rs->mpfs->year;
    switch (r) {
    case ADJ_MPFS_PRICED:
        break;
    case ADJ_MPFS_NO_RVU:
        *edit = ADJ_EDIT_NO_FEE;
        snprintf(why, size, "no payable RVUs for the code in the %d Medicare fee schedule%s; manual pricing needed",
                 year, p.rvu != NULL && p.rvu->status == 'C' ? " (carrier priced)" : "");
        return ADJ_MPFS_LINE_EDIT;
    case ADJ_MPFS_NO_LOCALITY:
        *edit = ADJ_EDIT_NO_FEE;
        snprintf(why, size, "the billing provider's locality %s is not in the %d GPCI table; manual pricing needed",
                 locality, year);
        return ADJ_MPFS_LINE_EDIT;
    case ADJ_MPFS_BUNDLED:
        *edit = ADJ_EDIT_MPFS_BUNDLED;
        snprintf(why, size, "Medicare fee schedule status %c: bundled into another service, no separate payment",
                 p.rvu->status);
        return ADJ_MPFS_LINE_EDIT;
    case ADJ_MPFS_NOT_VALID:
        *edit = ADJ_EDIT_MPFS_NOT_VALID;
        snprintf(why, size, "Medicare fee schedule status I: not valid for Medicare purposes (another code is used)");
        return ADJ_MPFS_LINE_EDIT;
    case ADJ_MPFS_NONCOVERED:
        *edit = ADJ_EDIT_MPFS_NONCOVERED;
        snprintf(why, size, "Medicare fee schedule status %c: not a covered service of the schedule",
                 p.rvu->status);
        return ADJ_MPFS_LINE_EDIT;
    }
    memset(fee, 0, sizeof(*fee));
    snprintf(fee->code, sizeof(fee->code), "%.7s", l->code);
    fee->amount = p.fee;
    char w[16], pe[16], mp[16], gw[16], gpe[16], gmp[16], cf[24], med[ADJ_MONEY_FMT_MAX],
        pct[24];
    dec(w, sizeof(w), p.rvu->work, 2);
    dec(pe, sizeof(pe), p.facility ? p.rvu->pe_fac : p.rvu->pe_nonfac, 2);
    dec(mp, sizeof(mp), p.rvu->mp, 2);
    dec(gw, sizeof(gw), p.gpci.work, 3);
    dec(gpe, sizeof(gpe), p.gpci.pe, 3);
    dec(gmp, sizeof(gmp), p.gpci.mp, 3);
    snprintf(cf, sizeof(cf), "%lld.%04lld", (long long)(rs->mpfs->cf / 10000),
             (long long)(rs->mpfs->cf % 10000));
    adj_money_format(p.medicare, med, sizeof(med));
    int64_t pm = plan->pct_of_medicare_milli;
    if (pm % 1000 == 0)
        snprintf(pct, sizeof(pct), "%lld%%", (long long)(pm / 1000));
    else
        snprintf(pct, sizeof(pct), "%lld.%03lld%%", (long long)(pm / 1000), (long long)(pm % 1000));
    snprintf(why, size, "; MPFS %d %s, %s: (%s x %s + %s x %s + %s x %s) x %s = %s at %s", year,
             p.facility ? "facility" : "non-facility", p.national ? "national" : locality, w, gw,
             pe, gpe, mp, gmp, cf, med, pct);
    return ADJ_MPFS_LINE_PRICED;
}
