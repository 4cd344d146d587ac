/* Plan x month totals and CARC totals of the shown rows (rollup.h). Pure. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "report/rollup.h"

static size_t plan_index(ReportRollup *r, const char *plan)
{
    for (size_t i = 0; i < r->nplans; i++)
        if (strcmp(r->plans[i], plan) == 0)
            return i;
    r->plans[r->nplans] = plan;
    return r->nplans++;
}

static void add(ReportTotals *t, const AdjReportCell *c, bool outcome_hidden)
{
    t->submitted += c->submitted;
    t->paid_first += c->paid_first;
    t->decided_first += c->decided_first;
    t->paid_final += c->paid_final;
    t->decided_final += c->decided_final;
    if (!outcome_hidden)
        t->denied_final += c->denied_final;
    t->misroutes += c->misroutes;
    t->shown++;
}

static void add_carc(ReportRollup *r, const AdjReportDenial *x)
{
    size_t i = 0;
    while (i < r->ncarcs && strcmp(r->carcs[i], x->carc) != 0)
        i++;
    if (i == r->ncarcs)
        r->carcs[r->ncarcs++] = x->carc;
    r->carc_first[i] += x->denied_first;
    r->carc_final[i] += x->denied_final;
}

/* most final denials first, then first-pass denials, then CARC: stable */
static void sort_carcs(ReportRollup *r)
{
    for (size_t i = 1; i < r->ncarcs; i++)
        for (size_t j = i; j > 0; j--) {
            int64_t a = r->carc_final[j - 1], b = r->carc_final[j];
            int64_t fa = r->carc_first[j - 1], fb = r->carc_first[j];
            bool swap = b > a || (b == a && (fb > fa || (fb == fa &&
                        strcmp(r->carcs[j], r->carcs[j - 1]) < 0)));
            if (!swap)
                break;
            const char *c = r->carcs[j];
            r->carcs[j] = r->carcs[j - 1];
            r->carcs[j - 1] = c;
            int64_t t = r->carc_final[j];
            r->carc_final[j] = a;
            r->carc_final[j - 1] = t;
            t = r->carc_first[j];
            r->carc_first[j] = fa;
            r->carc_first[j - 1] = t;
        }
}

void report_rollup_build(ReportRollup *r, const AdjReportData *d, const AdjReportOptions *o)
{
    memset(r, 0, sizeof(*r));
    adj_report_mask_build(&r->mask, d, o);
    r->nmonths = o->to - o->from + 1;
    r->plans = adj_xcalloc(d->ncells + 1, sizeof(*r->plans));
    for (size_t i = 0; i < d->ncells; i++)
        plan_index(r, d->cells[i].plan_id);
    r->carve_out = adj_xcalloc(r->nplans + 1, sizeof(*r->carve_out));
    for (size_t p = 0; p < r->nplans; p++)
        for (size_t k = 0; k < d->nplans; k++)
            if (strcmp(d->plans[k].plan_id, r->plans[p]) == 0)
                r->carve_out[p] = d->plans[k].carve_out;
    r->pm = adj_xcalloc(r->nplans * (size_t)r->nmonths + 1, sizeof(*r->pm));
    for (size_t i = 0; i < d->ncells; i++) {
        const AdjReportCell *c = &d->cells[i];
        int m = c->month - o->from;
        if (m < 0 || m >= r->nmonths)
            continue;
        ReportTotals *t = &r->pm[plan_index(r, c->plan_id) * (size_t)r->nmonths + (size_t)m];
        if (r->mask.cell[i]) {
            t->hidden++;
            r->all.hidden++;
        } else {
            add(t, c, r->mask.cell_outcome[i]);
            add(&r->all, c, r->mask.cell_outcome[i]);
        }
    }
    r->carcs = adj_xcalloc(d->ndenials + 1, sizeof(*r->carcs));
    r->carc_first = adj_xcalloc(d->ndenials + 1, sizeof(int64_t));
    r->carc_final = adj_xcalloc(d->ndenials + 1, sizeof(int64_t));
    for (size_t i = 0; i < d->ndenials; i++) {
        if (r->mask.denial[i])
            r->denials_hidden++;
        else
            add_carc(r, &d->denials[i]);
    }
    sort_carcs(r);
}

void report_rollup_free(ReportRollup *r)
{
    free(r->plans);
    free(r->carve_out);
    free(r->pm);
    free(r->carcs);
    free(r->carc_first);
    free(r->carc_final);
    adj_report_mask_free(&r->mask);
    memset(r, 0, sizeof(*r));
}

const char *report_plan_label(const char *plan_id)
{
    return plan_id[0] ? plan_id : "(not enrolled)";
}

const char *report_plan_name(const AdjReportData *d, const char *plan_id)
{
    for (size_t k = 0; k < d->nplans; k++)
        if (strcmp(d->plans[k].plan_id, plan_id) == 0)
            return d->plans[k].name;
    return "";
}

void report_html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}
