/* Names of outcomes and routes; see decision.h. */
#include "claim/decision.h"

const char *adj_outcome_name(AdjOutcome o)
{
    static const char *const names[] = {"pay", "deny", "pend", "forward", "reject", "void"};
    return (unsigned)o < 6 ? names[o] : "?";
}

const char *adj_route_name(AdjRoute r)
{
    return r == ADJ_ROUTE_BEHAVIORAL ? "behavioral" : "medical";
}
