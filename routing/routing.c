/* Benefit routing; see routing.h. Pure: reads only the ruleset's code sets. */
#include "routing/routing.h"

AdjRouting adj_routing_route(const AdjRuleset *rs, const char *code, bool billed_by_behavioral,
                             bool plan_has_bh_admin)
{
    return adj_routing_route_info(adj_ruleset_code(rs, code), billed_by_behavioral,
                                  plan_has_bh_admin);
}

AdjRouting adj_routing_route_info(const AdjCodeInfo *ci, bool billed_by_behavioral,
                                  bool plan_has_bh_admin)
{
    if (adj_code_is(ci, ADJ_CODES_COCM_BHI))
        return (AdjRouting){ADJ_ROUTE_MEDICAL, false, "route.code.cocm"};
    bool bh_code = adj_code_is(ci, ADJ_CODES_PSYCHOTHERAPY) || adj_code_is(ci, ADJ_CODES_CRISIS) ||
                   adj_code_is(ci, ADJ_CODES_PSYCH_EVAL);
    if (bh_code || billed_by_behavioral) {
        if (plan_has_bh_admin)
            return (AdjRouting){ADJ_ROUTE_BEHAVIORAL, true,
                                bh_code ? "route.code.behavioral" : "route.provider.behavioral"};
        return (AdjRouting){ADJ_ROUTE_MEDICAL, false, "route.carve_in"};
    }
    return (AdjRouting){ADJ_ROUTE_MEDICAL, false, "route.medical"};
}
