/* NCCI procedure-to-procedure pairs (docs/adjudication.md), from the ruleset's copy
 * of the CMS table, applied while a pair's deletion date is on or after the
 * date of service, to every two lines of one member, date of service and
 * billing provider, on one claim or across claims, whatever their routes: a
 * forwarded line is never denied here, but it is a billed service, so our
 * line beside it may be. Within a claim the column-2 code is denied; across
 * claims the later line. Indicator 1 is bypassed by an NCCI modifier (59,
 * XE, XP, XS, XU) on either line; indicator 0 by nothing (modifier 25
 * included). The reason names both codes, the indicator and the modifiers.
 * Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

typedef struct Ncci {
    const AdjEditIn *in;
    const AdjNcciPair *pair;
    bool bypassed;
    char other[ADJ_CODE_MAX + 1];
    char claim[ADJ_CLAIM_ID_MAX + 1];
} Ncci;

static const char *bypass_mod(const AdjRuleset *rs, const char (*mods)[3], int n)
{
    for (int i = 0; i < n; i++)
        if (adj_ruleset_bypass_mod(rs, mods[i]))
            return mods[i];
    return NULL;
}

/* The pair in force between the line and other (col2_only: only when the
 * line's own code is column 2), NULL when none or bypassed (then
 * *bypassed is set). */
static const AdjNcciPair *conflict(const AdjEditIn *in, const char *other,
                                   const char (*omods)[3], int onmods, bool col2_only,
                                   bool *bypassed)
{
    const char *code = in->line->code;
    const AdjNcciPair *p = adj_ruleset_ncci(in->rs, other, code, in->dos);
    if (p == NULL && !col2_only)
        p = adj_ruleset_ncci(in->rs, code, other, in->dos);
    if (p == NULL)
        return NULL;
    if (p->indicator == 1 && (bypass_mod(in->rs, in->line->mods, in->line->nmods) != NULL ||
                              bypass_mod(in->rs, omods, onmods) != NULL)) {
        *bypassed = true;
        return NULL;
    }
    return p;
}

static bool visit(void *arg, const AdjHistLine *h)
{
    Ncci *n = arg;
    if (h->dos != n->in->dos || strcmp(h->billing_npi, n->in->claim->billing_npi) != 0)
        return true;
    const AdjNcciPair *p = conflict(n->in, h->code, h->mods, h->nmods, false, &n->bypassed);
    if (p == NULL)
        return true;
    n->pair = p;
    adj_edit_copy(n->other, sizeof(n->other), h->code);
    adj_edit_copy(n->claim, sizeof(n->claim), h->claim_id);
    return false;
}

static bool has_mod(const AdjLine *l, const char *mod)
{
    for (int i = 0; i < l->nmods; i++)
        if (strcmp(l->mods[i], mod) == 0)
            return true;
    return false;
}

bool adj_edit_ncci(const AdjEditIn *in, AdjEditOut *out)
{
    Ncci n; /* other and claim are written before they are read: not cleared (hot path) */
    n.in = in;
    n.pair = NULL;
    n.bypassed = false;
    adj_hist_each_all(in->hist, in->month, visit, &n);
    const AdjClaim *c = in->claim;
    const AdjLine *other = NULL;
    for (int j = 0; j < c->nlines && n.pair == NULL; j++) {
        const AdjLine *o = &c->lines[j];
        if (j == in->index || o->dos_from != in->dos)
            continue;
        /* a line of this claim already decided counts only when paid,
         * pended or forwarded (billed); one not decided yet counts */
        if (in->hist->done != NULL && in->hist->done[j]) {
            AdjOutcome oc = in->hist->decided[j].outcome;
            if (oc != ADJ_OUT_PAY && oc != ADJ_OUT_PEND && oc != ADJ_OUT_FORWARD)
                continue;
        }
        const AdjNcciPair *p = conflict(in, o->code, o->mods, o->nmods, true, &n.bypassed);
        if (p != NULL) {
            n.pair = p;
            other = o;
            adj_edit_copy(n.other, sizeof(n.other), o->code);
            adj_edit_copy(n.claim, sizeof(n.claim), c->claim_id);
        }
    }
    if (n.pair != NULL) {
        const AdjNcciPair *p = n.pair;
        char mods[64] = "";
        if (p->indicator == 0)
            snprintf(mods, sizeof(mods), "indicator 0: no modifier bypasses it%s",
                     has_mod(in->line, "25") || (other != NULL && has_mod(other, "25"))
                         ? ", modifier 25 included"
                         : "");
        else
            snprintf(mods, sizeof(mods), "indicator 1 and no bypass modifier on either line");
        adj_edit_copy(out->matched_claim, sizeof(out->matched_claim), n.claim);
        return adj_edit_fail(out, ADJ_EDIT_NCCI, "edit.ncci.same_day_pair",
                             "NCCI pair %s (column 1) x %s (column 2), %s: %s is not payable with "
                             "%s on the same date from the same billing provider (claim %s)",
                             p->col1, p->col2, mods, in->line->code, n.other, n.claim);
    }
    if (n.bypassed)
        return adj_edit_pass(out, "edit.ncci.bypassed");
    return adj_edit_pass(out, adj_code_is(in->ci, ADJ_CODES_COCM_BHI) ? "edit.ncci.none" : NULL);
}
