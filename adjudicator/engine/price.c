/* Line pricing (DESIGN 9 "Amounts"): int64 cents, never floating point.
 * Pure. */
#include "engine/engine.h"

AdjPrice adj_engine_price(AdjMoney fee, int64_t units, AdjMoney charge, int64_t coinsurance_milli,
                          AdjMoney copay, bool copay_applies)
{
    AdjPrice p = {0};
    AdjMoney schedule = fee * units;
    p.allowed = charge < schedule ? charge : schedule;
    if (p.allowed < 0)
        p.allowed = 0;
    AdjMoney cp = copay_applies ? copay : 0;
    AdjMoney rest = p.allowed - cp;
    if (rest < 0)
        rest = 0;
    /* pct in thousandths of a percent: x / 100 percent = x * milli / 100000 */
    AdjMoney resp = cp + adj_money_mul_div(rest, coinsurance_milli, 100000);
    p.patient_resp = resp < p.allowed ? resp : p.allowed;
    p.paid = p.allowed - p.patient_resp;
    p.copay_used = cp;
    return p;
}
