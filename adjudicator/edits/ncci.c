/* Same-day NCCI procedure-to-procedure pairs (DESIGN 9), from the ruleset's
 * copy of the CMS table, applied while a pair is not deleted on the date of
 * service. Compares lines of the same member, date and billing provider.
 * Within a claim the column-2 code is denied; across claims the later line.
 * Indicator 1 is bypassed by an NCCI modifier (59, XU, ...) on either line.
 * Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

typedef struct Ncci {
    const AdjEditIn *in;
    bool hit;
    char other[ADJ_CODE_MAX + 1];
    char claim[ADJ_CLAIM_ID_MAX + 1];
} Ncci;

static bool has_bypass(const AdjRuleset *rs, const char (*mods)[3], int n)
{
    for (int i = 0; i < n; i++)
        if (adj_ruleset_bypass_mod(rs, mods[i]))
            return true;
    return false;
}

/* A pair in force between code and other, not bypassed. col2_only: only
 * when the line's own code is column 2. */
static bool conflict(const AdjEditIn *in, const char *other, const char (*omods)[3], int onmods,
                     bool col2_only)
{
    const char *code = in->line->code;
    const AdjNcciPair *p = adj_ruleset_ncci(in->rs, other, code, in->dos);
    if (p == NULL && !col2_only)
        p = adj_ruleset_ncci(in->rs, code, other, in->dos);
    if (p == NULL)
        return false;
    if (p->indicator == 1 && (has_bypass(in->rs, in->line->mods, in->line->nmods) ||
                              has_bypass(in->rs, omods, onmods)))
        return false;
    return true;
}

static bool visit(void *arg, const AdjHistLine *h)
{
    Ncci *n = arg;
    if (h->dos != n->in->dos || strcmp(h->billing_npi, n->in->claim->billing_npi) != 0)
        return true;
    if (!conflict(n->in, h->code, h->mods, h->nmods, false))
        return true;
    n->hit = true;
    adj_edit_copy(n->other, sizeof(n->other), h->code);
    adj_edit_copy(n->claim, sizeof(n->claim), h->claim_id);
    return false;
}

bool adj_edit_ncci(const AdjEditIn *in, AdjEditOut *out)
{
    Ncci n = {.in = in};
    const AdjHistory *h = in->hist->hist;
    if (h != NULL && h->month_lines != NULL)
        h->month_lines(h->ctx, in->hist->person, in->month, visit, &n);
    const AdjClaim *c = in->claim;
    for (int j = 0; j < c->nlines && !n.hit; j++) {
        const AdjLine *o = &c->lines[j];
        if (j == in->index || o->dos_from != in->dos)
            continue;
        /* an earlier line that was not paid or pended does not count */
        if (j < in->hist->ndecided && in->hist->decided[j].outcome != ADJ_OUT_PAY &&
            in->hist->decided[j].outcome != ADJ_OUT_PEND)
            continue;
        if (conflict(in, o->code, o->mods, o->nmods, true)) {
            n.hit = true;
            adj_edit_copy(n.other, sizeof(n.other), o->code);
            adj_edit_copy(n.claim, sizeof(n.claim), c->claim_id);
        }
    }
    if (n.hit) {
        adj_edit_copy(out->matched_claim, sizeof(out->matched_claim), n.claim);
        return adj_edit_fail(out, ADJ_EDIT_NCCI, "edit.ncci.same_day_pair",
                             "NCCI pair: %s is not payable with %s on the same date (claim %s)",
                             in->line->code, n.other, n.claim);
    }
    return adj_edit_pass(out, adj_code_is(in->ci, ADJ_CODES_COCM_BHI) ? "edit.ncci.none" : NULL);
}
