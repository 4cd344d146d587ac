/* CSV output of the approval-rates report: cells and their totals, denials
 * by CARC, and the submission layout (one row per figure). Fixed columns
 * (README "Regulator reports"), LF line ends, no clock: the same rows
 * always give the same bytes. Withheld figures are empty fields. Pure. */
#include "report/report.h"

const char adj_report_cells_header[] =
    "level,plan_id,service_month,code_family,provider_kind,suppressed,members,"
    "lines_submitted,decided_first,paid_first,denied_first,pended_first,duplicates_first,"
    "decided_final,paid_final,denied_final,pended_final,duplicates_final,forwarded,rejected,"
    "voided,undecided,first_pass_rate_pct,final_rate_pct,misroutes_prevented,"
    "median_days_to_first_decision";

const char adj_report_denials_header[] =
    "level,plan_id,service_month,code_family,provider_kind,carc,suppressed,members,"
    "denied_first,denied_final";

const char adj_report_submission_header[] =
    "level,plan_id,service_month,code_family,provider_kind,carc,measure,numerator,"
    "denominator,rate_pct,suppressed";

static void opt_field(FILE *f, const char *s)
{
    if (s != NULL)
        adj_report_csv_field(f, s);
}

static void keys(FILE *f, const AdjReportRow *r, bool carc)
{
    fputs(adj_report_level_names[r->level], f);
    fputc(',', f);
    opt_field(f, r->plan_id);
    fputc(',', f);
    if (r->has_month) {
        char month[16];
        adj_month_format(r->month, month, sizeof(month));
        fputs(month, f);
    }
    fputc(',', f);
    opt_field(f, r->family);
    fputc(',', f);
    opt_field(f, r->provider_kind);
    if (carc) {
        fputc(',', f);
        opt_field(f, r->carc);
    }
}

static bool any_withheld(const AdjReportRow *r)
{
    for (int i = 0; i < ADJ_RM_COUNT; i++)
        if (r->v[i] == ADJ_REPORT_WITHHELD)
            return true;
    return false;
}

static void count(FILE *f, int64_t v)
{
    char buf[24];
    adj_report_format_count(v, buf, sizeof(buf));
    fprintf(f, ",%s", buf);
}

static void rate(FILE *f, const AdjReportRow *r, int num, int den)
{
    char buf[24];
    adj_report_format_bp(adj_report_rate_bp(r->v[num], r->v[den]), buf, sizeof(buf));
    fprintf(f, ",%s", buf);
}

void adj_report_write_csv_cells(FILE *f, const AdjReportData *d, const AdjReportOptions *o)
{
    (void)o;
    fprintf(f, "%s\n", adj_report_cells_header);
    for (size_t i = 0; i < d->nrows; i++) {
        const AdjReportRow *r = &d->rows[i];
        if (r->level > ADJ_RL_TOTAL)
            continue;
        keys(f, r, false);
        fputs(any_withheld(r) ? ",true" : ",false", f);
        for (int m = ADJ_RM_MEMBERS; m <= ADJ_RM_UNDECIDED; m++)
            count(f, r->v[m]);
        rate(f, r, ADJ_RM_PAID_FIRST, ADJ_RM_DECIDED_FIRST);
        rate(f, r, ADJ_RM_PAID_FINAL, ADJ_RM_DECIDED_FINAL);
        count(f, r->v[ADJ_RM_MISROUTES]);
        char median[24];
        adj_report_format_tenths(r->v[ADJ_RM_MEDIAN], median, sizeof(median));
        fprintf(f, ",%s\n", median);
    }
}

void adj_report_write_csv_denials(FILE *f, const AdjReportData *d, const AdjReportOptions *o)
{
    (void)o;
    fprintf(f, "%s\n", adj_report_denials_header);
    for (size_t i = 0; i < d->nrows; i++) {
        const AdjReportRow *r = &d->rows[i];
        if (r->level < ADJ_RL_DENIAL)
            continue;
        keys(f, r, true);
        fputs(any_withheld(r) ? ",true" : ",false", f);
        count(f, r->v[ADJ_RM_MEMBERS]);
        count(f, r->v[ADJ_RM_DENIED_FIRST]);
        count(f, r->v[ADJ_RM_DENIED_FINAL]);
        fputc('\n', f);
    }
}

static void sub_row(FILE *f, const AdjReportRow *r, const char *measure, int64_t num,
                    int64_t den, bool is_rate)
{
    keys(f, r, true);
    fprintf(f, ",%s", measure);
    if (!is_rate) {
        count(f, num);
        fprintf(f, ",,,%s\n", num == ADJ_REPORT_WITHHELD ? "true" : "false");
        return;
    }
    int64_t bp = adj_report_rate_bp(num, den);
    char rb[24];
    adj_report_format_bp(bp, rb, sizeof(rb));
    bool hidden = num == ADJ_REPORT_WITHHELD || den == ADJ_REPORT_WITHHELD;
    count(f, hidden ? ADJ_REPORT_WITHHELD : num);
    count(f, hidden ? ADJ_REPORT_WITHHELD : den);
    fprintf(f, ",%s,%s\n", hidden ? "" : rb, hidden ? "true" : "false");
}

void adj_report_write_csv_submission(FILE *f, const AdjReportData *d,
                                     const AdjReportOptions *o)
{
    (void)o;
    fprintf(f, "%s\n", adj_report_submission_header);
    for (size_t i = 0; i < d->nrows; i++) {
        const AdjReportRow *r = &d->rows[i];
        for (int m = 0; m < ADJ_RM_MEDIAN; m++)
            if (r->v[m] != ADJ_REPORT_NONE)
                sub_row(f, r, adj_report_measure_names[m], r->v[m], 0, false);
        if (r->level > ADJ_RL_TOTAL)
            continue;
        sub_row(f, r, "first_pass_approval", r->v[ADJ_RM_PAID_FIRST],
                r->v[ADJ_RM_DECIDED_FIRST], true);
        sub_row(f, r, "final_approval", r->v[ADJ_RM_PAID_FINAL], r->v[ADJ_RM_DECIDED_FINAL],
                true);
    }
}
