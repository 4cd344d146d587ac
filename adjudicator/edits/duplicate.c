/* The duplicate rule (docs/adjudication.md). Period: the calendar month for
 * monthly codes, the date of service for per-visit codes (weekly therapy
 * sessions are separate services). Exact duplicate (OA-18): same member,
 * code, modifiers, period, units, charge and billing provider as a paid or
 * pending line, whatever the claim number, in history or earlier on this
 * claim or file. Suspect duplicate (pend, naming the match): same member,
 * code and period with another billing provider or another charge, or the
 * same in all but the ruleset's informational modifiers (95, GT, ...).
 * Different codes are never duplicates here, so CoCM + psychotherapy,
 * crisis, evaluation, CCM/TCM or E&M are allowable combinations. Runs
 * before the monthly edits. Pure. */
#include <stdio.h>
#include <string.h>

#include "edits/edit.h"

typedef struct Dup {
    const AdjEditIn *in;
    bool monthly;
    bool exact, suspect;
    const char *why;
    char exact_claim[ADJ_CLAIM_ID_MAX + 1];
    char suspect_claim[ADJ_CLAIM_ID_MAX + 1];
    int64_t dos_units, month_units; /* for the unit limits (AdjEditSums) */
} Dup;

static bool visit(void *arg, const AdjHistLine *h)
{
    Dup *d = arg;
    const AdjEditIn *in = d->in;
    const AdjLine *l = in->line;
    if (strcmp(h->code, l->code) != 0)
        return true;
    bool same_provider = strcmp(h->billing_npi, in->claim->billing_npi) == 0;
    d->month_units += h->units;
    if (h->dos == in->dos && same_provider)
        d->dos_units += h->units;
    if (!d->monthly && h->dos != in->dos)
        return true;
    bool same_charge = h->charge == l->charge;
    bool same_mods = adj_edit_mods_equal(h->mods, h->nmods, l->mods, l->nmods);
    if (same_provider && same_charge && h->units == in->units && same_mods) {
        d->exact = true;
        adj_edit_copy(d->exact_claim, sizeof(d->exact_claim), h->claim_id);
        return false;
    }
    if (d->suspect)
        return true;
    const char *why = !same_provider ? "another billing provider"
                      : !same_charge ? "another charge"
                      : h->units == in->units && !same_mods &&
                              adj_edit_mods_equal_info(in->rs, h->mods, h->nmods, l->mods, l->nmods)
                          ? "differing only in informational modifiers"
                          : NULL;
    if (why != NULL) {
        d->suspect = true;
        d->why = why;
        adj_edit_copy(d->suspect_claim, sizeof(d->suspect_claim), h->claim_id);
    }
    return true;
}

bool adj_edit_duplicate(const AdjEditIn *in, AdjEditOut *out)
{
    Dup d; /* the claim numbers are written before they are read: not cleared (hot path) */
    d.in = in;
    d.monthly = adj_code_is(in->ci, ADJ_CODES_MONTHLY);
    d.exact = d.suspect = false;
    d.why = NULL;
    d.dos_units = d.month_units = 0;
    adj_hist_each(in->hist, in->month, visit, &d);
    if (in->sums != NULL && !d.exact) {
        in->sums->valid = true;
        in->sums->dos_units = d.dos_units;
        in->sums->month_units = d.month_units;
    }
    const char *period = d.monthly ? "month" : "date of service";
    if (d.exact) {
        adj_edit_copy(out->matched_claim, sizeof(out->matched_claim), d.exact_claim);
        return adj_edit_fail(out, ADJ_EDIT_DUP_EXACT, "edit.duplicate.exact",
                             "exact duplicate of claim %s (same code, %s, modifiers, units, "
                             "charge and billing provider)",
                             d.exact_claim, period);
    }
    if (d.suspect) {
        adj_edit_copy(out->matched_claim, sizeof(out->matched_claim), d.suspect_claim);
        return adj_edit_fail(out, ADJ_EDIT_DUP_SUSPECT, "edit.duplicate.suspect",
                             "suspect duplicate of claim %s (same code and %s, %s); held for "
                             "review",
                             d.suspect_claim, period, d.why);
    }
    return adj_edit_pass(out, "edit.duplicate.none");
}
