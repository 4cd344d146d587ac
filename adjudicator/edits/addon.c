/* Add-on edit (DESIGN 9 "Add-on"): an add-on (99494) needs a primary
 * (99492/99493), paid or pending, for the same member, month and billing
 * provider, on this or an earlier claim. A primary later on this claim
 * counts; a primary denied on this claim takes the add-on with it (107);
 * none at all is B15. Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

typedef struct Addon {
    const AdjEditIn *in;
    bool found;
    char claim[ADJ_CLAIM_ID_MAX + 1];
} Addon;

static bool visit(void *arg, const AdjHistLine *h)
{
    Addon *a = arg;
    if (strcmp(h->billing_npi, a->in->claim->billing_npi) == 0 &&
        adj_ruleset_has(a->in->rs, ADJ_CODES_ADDON_PRIMARY, h->code)) {
        a->found = true;
        adj_edit_copy(a->claim, sizeof(a->claim), h->claim_id);
        return false;
    }
    return true;
}

bool adj_edit_addon(const AdjEditIn *in, AdjEditOut *out)
{
    if (!adj_code_is(in->ci, ADJ_CODES_ADDON))
        return adj_edit_pass(out, NULL);
    Addon a = {.in = in};
    adj_hist_each(in->hist, in->month, visit, &a);
    if (a.found)
        return adj_edit_pass(out, "edit.addon.base_found");
    const AdjClaim *c = in->claim;
    const char *denied = NULL;
    for (int j = 0; j < c->nlines; j++) {
        const AdjLine *o = &c->lines[j];
        if (j == in->index || adj_date_month(o->dos_from) != in->month ||
            !adj_ruleset_has(in->rs, ADJ_CODES_ADDON_PRIMARY, o->code))
            continue;
        if (j > in->index)
            return adj_edit_pass(out, "edit.addon.base_on_claim");
        if (j < in->hist->ndecided && in->hist->decided[j].outcome == ADJ_OUT_DENY)
            denied = o->code;
    }
    if (denied != NULL)
        return adj_edit_fail(out, ADJ_EDIT_ADDON_BASE_DENIED, "edit.addon.base_denied",
                             "add-on %s cannot be paid: its base code %s was denied on this claim",
                             in->line->code, denied);
    char m[8];
    adj_month_format(in->month, m, sizeof(m));
    return adj_edit_fail(out, ADJ_EDIT_ADDON_NO_BASE, "edit.addon.no_base",
                         "add-on %s needs a paid or pending base code from the same billing "
                         "provider in %s, and there is none",
                         in->line->code, m);
}
