/* Benefit routing, per service line (docs/adjudication.md "Order of work"): CoCM/BHI codes go
 * to the medical benefit whoever bills them and whatever the diagnosis;
 * psychotherapy, crisis and psychiatric-evaluation codes and any line billed
 * by a behavioral provider go to the plan's BH administrator when it has
 * one, else stay medical. Code sets come from the ruleset. Pure. */
#ifndef ADJ_ROUTING_ROUTING_H
#define ADJ_ROUTING_ROUTING_H

#include <stdbool.h>

#include "edits/ruleset.h"

typedef struct AdjRouting {
    AdjRoute route;   /* medical or behavioral */
    bool forward;     /* behavioral with a BH administrator: not decided here */
    const char *rule; /* "route.code.cocm", ... (static) */
} AdjRouting;

/* billed_by_behavioral: the billing provider's kind is behavioral;
 * plan_has_bh_admin: the member's plan names a BH administrator. */
AdjRouting adj_routing_route(const AdjRuleset *rs, const char *code, bool billed_by_behavioral,
                             bool plan_has_bh_admin);
/* The same for a code the caller has looked up (adj_ruleset_code; NULL for
 * a code the ruleset does not mention): the engine looks a line's code up
 * once. */
AdjRouting adj_routing_route_info(const AdjCodeInfo *ci, bool billed_by_behavioral,
                                  bool plan_has_bh_admin);

#endif
