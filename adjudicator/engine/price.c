/* Line pricing (docs/adjudication.md "Amounts", 10 "Money"): int64 cents, never
 * floating point, every product checked: a schedule amount that would not
 * fit is reported, never wrapped. Pure. */
#include "engine/engine.h"

__extension__ typedef __int128 i128;

bool adj_engine_schedule(AdjMoney fee, int64_t units_milli, AdjMoney *out)
{
    if (fee < 0 || units_milli < 0)
        return false;
    /* fee x units, rounded half up to the cent: 64-bit when it fits (the
     * common case), 128-bit otherwise */
    int64_t prod;
    if (!__builtin_mul_overflow(fee, units_milli, &prod) && prod <= INT64_MAX - 500) {
        *out = (prod + 500) / 1000;
        return true;
    }
    i128 p = ((i128)fee * units_milli * 2 + 1000) / 2000;
    if (p > INT64_MAX)
        return false;
    *out = (AdjMoney)p;
    return true;
}

AdjPrice adj_engine_price_milli(AdjMoney fee, int64_t units_milli, AdjMoney charge,
                                int64_t coinsurance_milli, AdjMoney copay, bool copay_applies)
{
    AdjPrice p = {0};
    AdjMoney schedule = 0;
    if (!adj_engine_schedule(fee, units_milli, &schedule)) {
        p.overflow = true;
        return p;
    }
    p.schedule = schedule;
    p.allowed = charge < schedule ? charge : schedule;
    if (p.allowed < 0)
        p.allowed = 0;
    AdjMoney cp = copay_applies ? copay : 0;
    if (cp < 0)
        cp = 0;
    AdjMoney rest = p.allowed > cp ? p.allowed - cp : 0;
    int64_t pct = coinsurance_milli < 0 ? 0 : coinsurance_milli > 100000 ? 100000 : coinsurance_milli;
    /* pct in thousandths of a percent: x / 100 percent = x * milli / 100000;
     * rest <= allowed, so cp + share cannot overflow past allowed + copay */
    AdjMoney share = adj_money_mul_div(rest, pct, 100000);
    AdjMoney resp = cp > p.allowed - share ? p.allowed : cp + share;
    p.patient_resp = resp < p.allowed ? resp : p.allowed;
    p.paid = p.allowed - p.patient_resp;
    p.copay_used = cp < p.allowed ? cp : p.allowed;
    return p;
}

AdjPrice adj_engine_price(AdjMoney fee, int64_t units, AdjMoney charge, int64_t coinsurance_milli,
                          AdjMoney copay, bool copay_applies)
{
    if (units < 0 || units > INT64_MAX / 1000) {
        AdjPrice p = {0};
        p.overflow = true;
        return p;
    }
    return adj_engine_price_milli(fee, units * 1000, charge, coinsurance_milli, copay,
                                  copay_applies);
}
