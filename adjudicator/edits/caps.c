/* Unit limits (docs/adjudication.md). Per day (MUE): every code has a limit per
 * member, date of service and billing provider, from the CMS practitioner
 * MUE table in the ruleset, else the ruleset's default for codes the table
 * lacks; a plan cap per date (caps.per_dos) can only tighten it. MAI 1
 * compares the line's own units; MAI 2 and 3 add the paid and pending units
 * of that day's other lines of the code. Per calendar month for codes with
 * a monthly cap (all billing providers). A line over a limit is denied
 * whole (119/N362); units are never cut, and a quantity no real claim
 * carries never reaches pricing. Pure. */
#include <stdint.h>
#include <stdio.h>
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

static const char *mai_name(int mai)
{
    return mai == 1 ? "per line" : mai == 2 ? "per day, policy" : "per day, clinical";
}

/* "12.5" from thousandths, without trailing zeros */
static void qty_str(int64_t milli, char *buf, size_t size)
{
    if (milli % 1000 == 0)
        snprintf(buf, size, "%lld", (long long)(milli / 1000));
    else {
        snprintf(buf, size, "%lld.%03lld", (long long)(milli / 1000), (long long)(milli % 1000));
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
    }
}

bool adj_edit_caps(const AdjEditIn *in, AdjEditOut *out)
{
    const AdjCap *cap = in->ci != NULL ? in->ci->cap : NULL;
    const AdjMue *mue = in->ci != NULL ? in->ci->mue : adj_ruleset_mue(in->rs, in->line->code);
    int64_t limit = mue != NULL ? mue->units : in->rs->mue_default;
    int mai = mue != NULL ? mue->mai : 1;
    bool plan_tighter = cap != NULL && cap->per_dos > 0 && cap->per_dos < limit;
    if (plan_tighter)
        limit = cap->per_dos;
    Sum s = {.in = in};
    if (in->sums != NULL && in->sums->valid) { /* the duplicate edit's pass */
        s.dos_units = in->sums->dos_units;
        s.month_units = in->sums->month_units;
    } else {
        adj_hist_each(in->hist, in->month, visit, &s);
    }
    /* MAI 1 counts the line alone; 2 and 3 the day's units of the code
     * (history holds whole units) */
    int64_t counted = in->units_milli;
    if (mai != 1 && s.dos_units > 0)
        counted = s.dos_units > (INT64_MAX - counted) / 1000 ? INT64_MAX : counted + s.dos_units * 1000;
    if (counted > limit * 1000) {
        char units[32], total[32];
        qty_str(in->units_milli, units, sizeof(units));
        qty_str(counted, total, sizeof(total));
        return adj_edit_fail(out, ADJ_EDIT_CAP_DOS, "edit.cap.per_dos",
                             "%s unit(s) of %s (%s counted for the date, MAI %d %s) exceed the "
                             "limit of %lld per date of service (%s)",
                             units, in->line->code, total, mai, mai_name(mai), (long long)limit,
                             plan_tighter ? "plan cap, tighter than the MUE"
                             : mue != NULL ? "CMS MUE"
                                           : "ruleset default: the MUE table lacks the code");
    }
    if (cap != NULL && cap->per_month > 0 && s.month_units + in->units > cap->per_month)
        return adj_edit_fail(out, ADJ_EDIT_CAP_MONTH, "edit.cap.per_month",
                             "%lld unit(s) of %s with %lld already this month exceed the limit "
                             "of %d per month",
                             (long long)in->units, in->line->code, (long long)s.month_units,
                             cap->per_month);
    return adj_edit_pass(out, adj_code_is(in->ci, ADJ_CODES_COCM_BHI) ? "edit.cap.ok" : NULL);
}
