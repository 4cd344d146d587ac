/* Monthly exclusivity edits (docs/adjudication.md): one base code (99492/99493/
 * G2214) per member per month whoever bills it: a different base code is
 * CO-231/N20 naming the other claim (the same code is the duplicate rule's);
 * general BHI (99484, G0323) and CoCM never in the same month (231/N20).
 * The later line of a conflicting pair is the one denied. Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

typedef struct Find {
    const AdjEditIn *in;
    AdjCodeRole role;
    bool differ; /* only codes other than the line's */
    bool found;
    char code[ADJ_CODE_MAX + 1];
    char claim[ADJ_CLAIM_ID_MAX + 1];
} Find;

static bool visit(void *arg, const AdjHistLine *h)
{
    Find *f = arg;
    if (f->differ && strcmp(h->code, f->in->line->code) == 0)
        return true;
    if (!adj_ruleset_has(f->in->rs, f->role, h->code))
        return true;
    f->found = true;
    adj_edit_copy(f->code, sizeof(f->code), h->code);
    adj_edit_copy(f->claim, sizeof(f->claim), h->claim_id);
    return false;
}

bool adj_edit_one_base(const AdjEditIn *in, AdjEditOut *out)
{
    if (!adj_code_is(in->ci, ADJ_CODES_BASE))
        return adj_edit_pass(out, NULL);
    Find f = {.in = in, .role = ADJ_CODES_BASE, .differ = true};
    adj_hist_each(in->hist, in->month, visit, &f);
    if (!f.found)
        return adj_edit_pass(out, "edit.one_base.ok");
    adj_edit_copy(out->matched_claim, sizeof(out->matched_claim), f.claim);
    return adj_edit_fail(out, ADJ_EDIT_ONE_BASE, "edit.one_base.other_base",
                         "only one CoCM base code per month: %s is already paid or pending on "
                         "claim %s",
                         f.code, f.claim);
}

bool adj_edit_exclusive(const AdjEditIn *in, AdjEditOut *out)
{
    AdjCodeRole other;
    if (adj_code_is(in->ci, ADJ_CODES_EXCL_BHI))
        other = ADJ_CODES_EXCL_COCM;
    else if (adj_code_is(in->ci, ADJ_CODES_EXCL_COCM))
        other = ADJ_CODES_EXCL_BHI;
    else
        return adj_edit_pass(out, NULL);
    Find f = {.in = in, .role = other};
    adj_hist_each(in->hist, in->month, visit, &f);
    if (!f.found)
        return adj_edit_pass(out, "edit.exclusive.ok");
    adj_edit_copy(out->matched_claim, sizeof(out->matched_claim), f.claim);
    return adj_edit_fail(out, ADJ_EDIT_EXCLUSIVE, "edit.exclusive.bhi_cocm",
                         "general BHI and CoCM are exclusive in a month: %s is already paid or "
                         "pending on claim %s",
                         f.code, f.claim);
}
