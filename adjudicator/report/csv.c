/* CSV output of the approval-rates report: one file of cells, one of
 * denials by CARC. Fixed columns (README "Regulator reports"), LF line
 * ends, no timestamps: the same rows always give the same bytes. Pure. */
#include "report/report.h"

const char adj_report_cells_header[] =
    "plan_id,service_month,code_family,provider_kind,suppressed,members,lines_submitted,"
    "decided_first,paid_first,denied_first,pended_first,decided_final,paid_final,"
    "denied_final,pended_final,forwarded,rejected,voided,undecided,first_pass_rate_pct,"
    "final_rate_pct,misroutes_prevented,median_days_to_first_decision";

const char adj_report_denials_header[] =
    "plan_id,service_month,code_family,provider_kind,carc,suppressed,members,denied_first,"
    "denied_final";

static void keys(FILE *f, const char *plan, AdjMonth m, const char *family, const char *kind)
{
    char month[16];
    adj_month_format(m, month, sizeof(month));
    adj_report_csv_field(f, plan);
    fprintf(f, ",%s,", month);
    adj_report_csv_field(f, family);
    fputc(',', f);
    adj_report_csv_field(f, kind);
}

static void counts(FILE *f, bool hidden, const int64_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputc(',', f);
        if (!hidden)
            fprintf(f, "%lld", (long long)v[i]);
    }
}

/* a shown cell's count, empty when complementary suppression withholds it */
static void count_or_empty(FILE *f, bool hidden, int64_t v)
{
    counts(f, hidden, &v, 1);
}

void adj_report_write_csv_cells(FILE *f, const AdjReportData *d, const AdjReportOptions *o)
{
    AdjReportMask m;
    adj_report_mask_build(&m, d, o);
    fprintf(f, "%s\n", adj_report_cells_header);
    for (size_t i = 0; i < d->ncells; i++) {
        const AdjReportCell *c = &d->cells[i];
        bool hidden = m.cell[i], out = hidden || m.cell_outcome[i];
        keys(f, c->plan_id, c->month, c->family, c->provider_kind);
        fputs(hidden ? ",true" : ",false", f);
        const int64_t v[] = {c->members, c->submitted, c->decided_first, c->paid_first};
        counts(f, hidden, v, 4);
        count_or_empty(f, out, c->denied_first);
        count_or_empty(f, out, c->pended_first);
        const int64_t w[] = {c->decided_final, c->paid_final};
        counts(f, hidden, w, 2);
        count_or_empty(f, out, c->denied_final);
        count_or_empty(f, out, c->pended_final);
        const int64_t x[] = {c->forwarded, c->rejected, c->voided, c->undecided};
        counts(f, hidden, x, 4);
        char first[24] = "", final[24] = "", median[24] = "";
        if (!hidden) {
            adj_report_format_bp(adj_report_rate_bp(c->paid_first, c->decided_first), first,
                                 sizeof(first));
            adj_report_format_bp(adj_report_rate_bp(c->paid_final, c->decided_final), final,
                                 sizeof(final));
            adj_report_format_tenths(c->median_tenths, median, sizeof(median));
        }
        fprintf(f, ",%s,%s", first, final);
        counts(f, hidden, &c->misroutes, 1);
        fprintf(f, ",%s\n", median);
    }
    adj_report_mask_free(&m);
}

void adj_report_write_csv_denials(FILE *f, const AdjReportData *d, const AdjReportOptions *o)
{
    AdjReportMask m;
    adj_report_mask_build(&m, d, o);
    fprintf(f, "%s\n", adj_report_denials_header);
    for (size_t i = 0; i < d->ndenials; i++) {
        const AdjReportDenial *x = &d->denials[i];
        bool hidden = m.denial[i];
        keys(f, x->plan_id, x->month, x->family, x->provider_kind);
        fputc(',', f);
        adj_report_csv_field(f, x->carc);
        fputs(hidden ? ",true" : ",false", f);
        const int64_t v[] = {x->members, x->denied_first, x->denied_final};
        counts(f, hidden, v, 3);
        fputc('\n', f);
    }
    adj_report_mask_free(&m);
}
