/* Add-on edit (docs/adjudication.md "Add-on codes"), from the NCCI add-on table:
 * an add-on needs one of its primaries from the same billing provider in
 * the same period (the month for a monthly add-on such as 99494, the date
 * of service for per-visit add-ons such as 90785, 90833, 90840), on this
 * or an earlier claim. The engine decides add-ons after every other line of
 * their claim, whatever the LX order, so: a primary paid -> the add-on may
 * pay; a primary pended -> the add-on pends with it; a primary denied on
 * this claim -> 107/N122; no primary -> B15/N122. Table type 2 and 3
 * add-ons (the contractor may accept primaries the table does not list)
 * are not denied for want of a listed primary. Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

typedef struct Addon {
    const AdjEditIn *in;
    bool monthly;
    bool paid, pended;
    char paid_code[ADJ_CODE_MAX + 1], pend_code[ADJ_CODE_MAX + 1];
    char claim[ADJ_CLAIM_ID_MAX + 1];
} Addon;

static bool visit(void *arg, const AdjHistLine *h)
{
    Addon *a = arg;
    const AdjEditIn *in = a->in;
    if ((!a->monthly && h->dos != in->dos) ||
        strcmp(h->billing_npi, in->claim->billing_npi) != 0 ||
        !adj_ruleset_addon_primary(in->rs, in->ci->addon, h->code))
        return true;
    if (h->outcome == ADJ_OUT_PAY) {
        a->paid = true;
        adj_edit_copy(a->paid_code, sizeof(a->paid_code), h->code);
        adj_edit_copy(a->claim, sizeof(a->claim), h->claim_id);
        return false;
    }
    if (!a->pended) {
        a->pended = true;
        adj_edit_copy(a->pend_code, sizeof(a->pend_code), h->code);
        adj_edit_copy(a->claim, sizeof(a->claim), h->claim_id);
    }
    return true;
}

bool adj_edit_addon(const AdjEditIn *in, AdjEditOut *out)
{
    const AdjAddon *ad = in->ci != NULL ? in->ci->addon : NULL;
    if (ad == NULL)
        return adj_edit_pass(out, NULL);
    Addon a = {.in = in, .monthly = adj_code_is(in->ci, ADJ_CODES_MONTHLY)};
    adj_hist_each(in->hist, in->month, visit, &a);
    const char *period = a.monthly ? "month" : "date of service";
    if (a.paid)
        return adj_edit_pass(out, "edit.addon.base_found");
    if (a.pended) {
        adj_edit_copy(out->matched_claim, sizeof(out->matched_claim), a.claim);
        return adj_edit_fail(out, ADJ_EDIT_ADDON_PRIMARY_PENDED, "edit.addon.primary_pended",
                             "add-on %s pends with its primary %s (claim %s), which is pended",
                             in->line->code, a.pend_code, a.claim);
    }
    const AdjClaim *c = in->claim;
    const char *denied = NULL;
    for (int j = 0; j < c->nlines && denied == NULL; j++) {
        const AdjLine *o = &c->lines[j];
        if (j == in->index || in->hist->done == NULL || !in->hist->done[j] ||
            in->hist->decided[j].outcome != ADJ_OUT_DENY ||
            (a.monthly ? adj_date_month(o->dos_from) != in->month : o->dos_from != in->dos) ||
            !adj_ruleset_addon_primary(in->rs, ad, o->code))
            continue;
        denied = o->code;
    }
    if (denied != NULL)
        return adj_edit_fail(out, ADJ_EDIT_ADDON_BASE_DENIED, "edit.addon.base_denied",
                             "add-on %s cannot be paid: its primary %s was denied on this claim",
                             in->line->code, denied);
    if (ad->type != 1)
        return adj_edit_pass(out, "edit.addon.primary_not_listed");
    char when[11];
    if (a.monthly)
        adj_month_format(in->month, when, sizeof(when));
    else
        adj_date_format_iso(in->dos, when, sizeof(when));
    return adj_edit_fail(out, ADJ_EDIT_ADDON_NO_BASE, "edit.addon.no_base",
                         "add-on %s needs a paid or pending primary (NCCI add-on table, type %d) "
                         "from the same billing provider in the same %s (%s), and there is none",
                         in->line->code, ad->type, period, when);
}
