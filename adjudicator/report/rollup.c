/* Plans, plan x month rows and CARC totals of the published rows
 * (rollup.h). Pure. */
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

static int64_t key_final(const AdjReportRow *x)
{
    return x->v[ADJ_RM_DENIED_FINAL] >= 0 ? x->v[ADJ_RM_DENIED_FINAL] : -1;
}

/* most final denials first (withheld last), then CARC: stable */
static void sort_carcs(ReportRollup *r)
{
    for (size_t i = 1; i < r->ncarcs; i++)
        for (size_t j = i; j > 0; j--) {
            const AdjReportRow *a = r->carcs[j - 1], *b = r->carcs[j];
            int64_t ka = key_final(a), kb = key_final(b);
            if (!(kb > ka || (kb == ka && strcmp(b->carc, a->carc) < 0)))
                break;
            r->carcs[j - 1] = b;
            r->carcs[j] = a;
        }
}

void report_rollup_build(ReportRollup *r, const AdjReportData *d, const AdjReportOptions *o)
{
    memset(r, 0, sizeof(*r));
    r->nmonths = o->to - o->from + 1;
    r->plans = adj_xcalloc(d->nrows + 1, sizeof(*r->plans));
    r->carcs = adj_xcalloc(d->nrows + 1, sizeof(*r->carcs));
    for (size_t i = 0; i < d->nrows; i++) {
        const AdjReportRow *x = &d->rows[i];
        if (x->level == ADJ_RL_PLAN)
            plan_index(r, x->plan_id);
        else if (x->level == ADJ_RL_TOTAL)
            r->total = x;
        else if (x->level == ADJ_RL_DENIAL_TOTAL)
            r->carcs[r->ncarcs++] = x;
        for (int m = 0; m < ADJ_RM_COUNT; m++)
            if (x->v[m] == ADJ_REPORT_WITHHELD) {
                r->rows_withheld++;
                break;
            }
    }
    r->carve_out = adj_xcalloc(r->nplans + 1, sizeof(*r->carve_out));
    r->drawable = adj_xcalloc(r->nplans + 1, sizeof(*r->drawable));
    for (size_t p = 0; p < r->nplans; p++)
        for (size_t k = 0; k < d->nplans; k++)
            if (strcmp(d->plans[k].plan_id, r->plans[p]) == 0)
                r->carve_out[p] = d->plans[k].carve_out;
    r->pm = adj_xcalloc(r->nplans * (size_t)r->nmonths + 1, sizeof(*r->pm));
    for (size_t i = 0; i < d->nrows; i++) {
        const AdjReportRow *x = &d->rows[i];
        if (x->level != ADJ_RL_PLAN_MONTH)
            continue;
        int m = x->month - o->from;
        if (m < 0 || m >= r->nmonths)
            continue;
        size_t p = plan_index(r, x->plan_id);
        r->pm[p * (size_t)r->nmonths + (size_t)m] = x;
        if (adj_report_rate_bp(x->v[ADJ_RM_PAID_FINAL], x->v[ADJ_RM_DECIDED_FINAL]) >= 0 ||
            adj_report_rate_bp(x->v[ADJ_RM_PAID_FIRST], x->v[ADJ_RM_DECIDED_FIRST]) >= 0)
            r->drawable[p] = true;
    }
    sort_carcs(r);
}

void report_rollup_free(ReportRollup *r)
{
    free(r->plans);
    free(r->carve_out);
    free(r->drawable);
    free(r->pm);
    free(r->carcs);
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
