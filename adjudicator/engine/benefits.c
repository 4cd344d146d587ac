/* Claim-level benefit checks; see benefits.h. Pure. */
#include "engine/benefits.h"

#include <stdio.h>
#include <string.h>

#include "edits/timely.h"

AdjDate adj_benefits_received(const AdjClaim *c)
{
    return c->received != 0 ? c->received : c->interchange_date;
}

bool adj_benefits_secondary(const AdjClaim *c, const AdjMemberRow *m)
{
    return c->sbr01 == 'S' || c->sbr01 == 'T' || (m != NULL && m->cob_order != 0);
}

static bool primary_data(const AdjClaim *c)
{
    if (c->has_other_paid)
        return true;
    for (int i = 0; i < c->nlines; i++)
        if (c->lines[i].has_svd)
            return true;
    return false;
}

bool adj_benefits_gate(const AdjEngine *e, const AdjClaim *c, AdjGate *g)
{
    g->why[0] = '\0';
    if (e->payer_id != NULL && e->payer_id[0] != '\0' && strcmp(c->payer_id, e->payer_id) != 0) {
        g->id = ADJ_EDIT_PAYER;
        g->rule = "claim.payer.other";
        snprintf(g->why, sizeof(g->why),
                 "the claim is addressed to payer ID '%.40s' in loop 2010BB (NM109), not to this plan (%.40s)",
                 c->payer_id, e->payer_id);
        return true;
    }
    if (c->nlines == 0)
        return false;
    bool claims_secondary = c->sbr01 == 'S' || c->sbr01 == 'T';
    if (!claims_secondary && !adj_refdata_member_benefits(e->ref))
        return false; /* nothing to check: no persons, no cob_order (hot path) */
    const AdjMemberRow *m = adj_refdata_member(e->ref, c->member_id, c->lines[0].dos_from);
    if (m == NULL)
        return false; /* unknown member: the eligibility edit says so */
    bool match;
    AdjDate birth = c->patient_is_dependent ? c->patient_birth : c->subscriber_birth;
    const char *first = c->patient_is_dependent ? c->patient_first : c->subscriber_first;
    /* a claim that names no one beyond the subscriber ID (the library API's
     * claims carry no subscriber name) has nobody to match */
    bool named = c->patient_is_dependent || first[0] != '\0' || adj_date_valid(birth);
    if (named && adj_refdata_persons(e->ref, c->member_id, birth, first, &match) && !match) {
        g->id = ADJ_EDIT_PERSON;
        g->rule = "edit.eligibility.person_unknown";
        snprintf(g->why, sizeof(g->why),
                 "the %s named on the claim (first name and birth date) is not an enrolled person of the subscriber ID",
                 c->patient_is_dependent ? "patient (loop 2010CA)" : "subscriber (loop 2010BA)");
        return true;
    }
    if (m->cob_order != 0 && !claims_secondary) {
        g->id = ADJ_EDIT_COB_MISSING;
        g->rule = "cob.primary_elsewhere";
        snprintf(g->why, sizeof(g->why),
                 "this plan is the %s payer for the member; the claim (SBR01 '%c') must go to the primary payer first",
                 m->cob_order == 'T' ? "tertiary" : "secondary", c->sbr01 ? c->sbr01 : ' ');
        return true;
    }
    if (adj_benefits_secondary(c, m) && !primary_data(c)) {
        g->id = ADJ_EDIT_COB_MISSING;
        g->rule = "cob.primary_missing";
        snprintf(g->why, sizeof(g->why),
                 "this plan is a secondary payer and the claim carries no primary adjudication (2320 AMT*D or 2430 SVD)");
        return true;
    }
    return false;
}

bool adj_benefits_late(const AdjClaim *c, const AdjLine *l, const AdjMemberRow *m,
                       const AdjPlanRow *plan, bool original_timely, char *why, size_t size)
{
    if (plan == NULL || m == NULL || plan->timely_filing_days <= 0 || original_timely)
        return false;
    AdjDate dos = l->dos_from;
    if (dos < m->effective_from || (m->effective_to != ADJ_DATE_NONE && dos > m->effective_to))
        return false;
    AdjDate received = adj_benefits_received(c);
    if (!adj_timely_late(received, dos, plan->timely_filing_days))
        return false;
    char r[11], d[11];
    adj_date_format_iso(received, r, sizeof(r));
    adj_date_format_iso(dos, d, sizeof(d));
    snprintf(why, size, "received %s, more than the plan's %d days after the date of service %s",
             r, plan->timely_filing_days, d);
    return true;
}
