/* Unit caps (DESIGN 9): per date of service from the MUE table (same
 * billing provider, as CMS applies MUEs) and per calendar month for monthly
 * codes (all billing providers), summing paid and pending units. A line
 * over a cap is denied whole (119/N362); units are never cut. Pure. */
#include <string.h>

#include "edits/edit.h"

typedef struct Sum {
    const AdjEditIn *in;
    int64_t dos_units, month_units;
} Sum;

static bool visit(void *arg, const AdjHistLine *h)
{
    Sum *s = arg;
    if (strcmp(h->code, s->in->line->code) != 0)
        return true;
    s->month_units += h->units;
    if (h->dos == s->in->dos && strcmp(h->billing_npi, s->in->claim->billing_npi) == 0)
        s->dos_units += h->units;
    return true;
}

bool adj_edit_caps(const AdjEditIn *in, AdjEditOut *out)
{
    const AdjCap *cap = in->ci != NULL ? in->ci->cap : NULL;
    if (cap == NULL)
        return adj_edit_pass(out, NULL);
    Sum s = {.in = in};
    adj_hist_each(in->hist, in->month, visit, &s);
    if (cap->per_dos > 0 && s.dos_units + in->units > cap->per_dos)
        return adj_edit_fail(out, ADJ_EDIT_CAP_DOS, "edit.cap.per_dos",
                             "%lld unit(s) of %s with %lld already on this date exceed the "
                             "limit of %d per date of service",
                             (long long)in->units, in->line->code, (long long)s.dos_units,
                             cap->per_dos);
    if (cap->per_month > 0 && s.month_units + in->units > cap->per_month)
        return adj_edit_fail(out, ADJ_EDIT_CAP_MONTH, "edit.cap.per_month",
                             "%lld unit(s) of %s with %lld already this month exceed the limit "
                             "of %d per month",
                             (long long)in->units, in->line->code, (long long)s.month_units,
                             cap->per_month);
    return adj_edit_pass(out, "edit.cap.ok");
}
