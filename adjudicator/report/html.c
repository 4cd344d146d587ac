/* The HTML page of the approval-rates report: one self-contained file
 * (inline CSS and SVG, no script, no network resource) a person reads at a
 * glance. Shows only unsuppressed figures and states the rule. Pure. */
#include "report/rollup.h"

static const char css[] =
    "body{font:14px/1.45 system-ui,'DejaVu Sans',sans-serif;color:#1b1b1b;margin:24px 32px;"
    "max-width:1120px}"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;"
    "border-bottom:1px solid #ddd;padding-bottom:4px}"
    ".sub{color:#555;margin:0 0 14px}"
    ".note{background:#fff8e1;border-left:4px solid #f0b400;padding:8px 12px;margin:12px 0}"
    ".tiles{display:flex;gap:12px;margin:14px 0}"
    ".tile{flex:1;border:1px solid #ddd;border-radius:6px;padding:10px 14px}"
    ".tile b{display:block;font-size:26px;color:#08519c}"
    ".tile small{display:block;color:#666;font-size:11px}"
    "table.id{width:auto;margin:8px 0}table.id th{text-align:left}"
    "td.w{color:#999}.att{border:1px solid #ccc;padding:8px 12px}"
    ".plans{display:flex;flex-wrap:wrap;gap:16px}"
    ".plan h3{font-size:15px;margin:4px 0}"
    "svg text{font:12px system-ui,'DejaVu Sans',sans-serif}"
    "svg .ax{fill:#444}svg .val{fill:#1b1b1b;font-size:11px}"
    "svg .lab{fill:#1b1b1b;font-size:13px}svg .na{fill:#999;font-style:italic}"
    "svg .grid{stroke:#e3e3e3;stroke-width:1}"
    "table{border-collapse:collapse;font-size:11px;display:block;overflow-x:auto}"
    "th,td{border-bottom:1px solid #e5e5e5;padding:3px 6px;text-align:right}"
    "th{background:#f3f6fa}td.k,th.k{text-align:left}td.k{white-space:nowrap}"
    "tr.sup td{color:#999;font-style:italic}"
    ".foot{color:#555;font-size:12px;margin-top:18px}";

static void tile(FILE *f, const char *label, const char *value, const char *detail)
{
    fprintf(f, "<div class=\"tile\"><b>%s</b>%s<small>%s</small></div>\n", value, label, detail);
}

static const char *count_text(int64_t v, char *buf, size_t size)
{
    adj_report_format_count(v, buf, size);
    return buf[0] ? buf : "suppressed";
}

/* a rate with its numerator and denominator beside it */
static void rate_tile(FILE *f, const AdjReportRow *t, int num, int den, const char *label)
{
    char rate[24], detail[160], a[24], b[24];
    adj_report_format_bp(adj_report_rate_bp(t->v[num], t->v[den]), rate, sizeof(rate));
    snprintf(detail, sizeof(detail), "paid %s of %s decided", count_text(t->v[num], a, sizeof(a)),
             count_text(t->v[den], b, sizeof(b)));
    tile(f, label, rate[0] ? rate : "suppressed", detail);
}

static void tiles(FILE *f, const ReportRollup *r)
{
    const AdjReportRow *t = r->total;
    if (t == NULL)
        return;
    char buf[32], detail[160], a[24];
    fputs("<div class=\"tiles\">\n", f);
    snprintf(detail, sizeof(detail), "all plans and cells, suppressed cells included; "
             "%s distinct members", count_text(t->v[ADJ_RM_MEMBERS], a, sizeof(a)));
    tile(f, "CoCM/BHI lines submitted", count_text(t->v[ADJ_RM_LINES], buf, sizeof(buf)), detail);
    rate_tile(f, t, ADJ_RM_PAID_FIRST, ADJ_RM_DECIDED_FIRST, "approved at first pass (%)");
    rate_tile(f, t, ADJ_RM_PAID_FINAL, ADJ_RM_DECIDED_FINAL, "approved finally (%)");
    snprintf(detail, sizeof(detail), "first pass; %s finally, outside the rates",
             count_text(t->v[ADJ_RM_DUP_FINAL], a, sizeof(a)));
    tile(f, "exact duplicates (OA-18)", count_text(t->v[ADJ_RM_DUP_FIRST], buf, sizeof(buf)),
         detail);
    tile(f, "misroutes prevented", count_text(t->v[ADJ_RM_MISROUTES], buf, sizeof(buf)),
         "carve-out plans");
    fputs("</div>\n", f);
}

static void td_count(FILE *f, int64_t v)
{
    char buf[24];
    adj_report_format_count(v, buf, sizeof(buf));
    if (buf[0])
        fprintf(f, "<td>%s</td>", buf);
    else
        fputs("<td class=\"w\">&ndash;</td>", f);
}

static void td_rate(FILE *f, const AdjReportRow *x, int num, int den)
{
    char buf[24];
    adj_report_format_bp(adj_report_rate_bp(x->v[num], x->v[den]), buf, sizeof(buf));
    fprintf(f, "<td>%s</td>", buf[0] ? buf : "&ndash;");
}

static const int table_measures[] = {
    ADJ_RM_MEMBERS, ADJ_RM_LINES, ADJ_RM_PAID_FIRST, ADJ_RM_DENIED_FIRST, ADJ_RM_PENDED_FIRST,
    ADJ_RM_DECIDED_FIRST, ADJ_RM_PAID_FINAL, ADJ_RM_DENIED_FINAL, ADJ_RM_PENDED_FINAL,
    ADJ_RM_DECIDED_FINAL, ADJ_RM_DUP_FIRST, ADJ_RM_MISROUTES};

static void table_head(FILE *f)
{
    fputs("<table><tr><th class=\"k\">plan</th><th class=\"k\">month</th>"
          "<th class=\"k\">code family</th><th class=\"k\">billing provider</th>"
          "<th>members</th><th>lines</th><th>paid 1st</th><th>denied 1st</th>"
          "<th>pended 1st</th><th>decided 1st</th><th>first-pass %</th><th>paid final</th>"
          "<th>denied final</th><th>pended final</th><th>decided final</th><th>final %</th>"
          "<th>exact duplicates</th><th>misroutes prevented</th>"
          "<th>median days to first decision</th></tr>\n", f);
}

static void table_row(FILE *f, const AdjReportRow *x)
{
    fputs("<tr><td class=\"k\">", f);
    report_html_text(f, x->plan_id ? report_plan_label(x->plan_id) : "all plans");
    fputs("</td><td class=\"k\">", f);
    if (x->has_month) {
        char month[16];
        adj_month_format(x->month, month, sizeof(month));
        fputs(month, f);
    } else {
        fputs("period", f);
    }
    fputs("</td><td class=\"k\">", f);
    report_html_text(f, x->family ? x->family : "all");
    fputs("</td><td class=\"k\">", f);
    report_html_text(f, x->provider_kind ? (x->provider_kind[0] ? x->provider_kind : "unknown")
                                         : "all");
    fputs("</td>", f);
    for (size_t i = 0; i < sizeof(table_measures) / sizeof(table_measures[0]); i++) {
        td_count(f, x->v[table_measures[i]]);
        if (table_measures[i] == ADJ_RM_DECIDED_FIRST)
            td_rate(f, x, ADJ_RM_PAID_FIRST, ADJ_RM_DECIDED_FIRST);
        if (table_measures[i] == ADJ_RM_DECIDED_FINAL)
            td_rate(f, x, ADJ_RM_PAID_FINAL, ADJ_RM_DECIDED_FINAL);
    }
    char median[24];
    adj_report_format_tenths(x->v[ADJ_RM_MEDIAN], median, sizeof(median));
    fprintf(f, "<td>%s</td></tr>\n", median[0] ? median : "&ndash;");
}

static void rows_table(FILE *f, const AdjReportData *d, AdjReportLevel lo, AdjReportLevel hi)
{
    table_head(f);
    size_t n = 0;
    for (size_t i = 0; i < d->nrows; i++)
        if (d->rows[i].level >= lo && d->rows[i].level <= hi) {
            table_row(f, &d->rows[i]);
            n++;
        }
    if (n == 0)
        fputs("<tr><td class=\"k\" colspan=\"19\">no CoCM/BHI line in this period</td></tr>\n",
              f);
    fputs("</table>\n", f);
}

static void ident_row(FILE *f, const char *label, const char *value)
{
    fprintf(f, "<tr><th class=\"k\">%s</th><td class=\"k\">", label);
    report_html_text(f, value && value[0] ? value : "(not configured)");
    fputs("</td></tr>\n", f);
}

static void identification(FILE *f, const AdjReportOptions *o, const char *from, const char *to)
{
    char period[64];
    snprintf(period, sizeof(period), "months of service %s to %s", from, to);
    fputs("<table class=\"id\">\n", f);
    ident_row(f, "Reporting entity", o->entity);
    ident_row(f, "Plan / contract identifiers", o->contracts);
    ident_row(f, "Plans in this report", o->plan_id ? o->plan_id : "all plans");
    ident_row(f, "Reporting period", period);
    ident_row(f, "Data as of (UTC)", o->as_of);
    ident_row(f, "Prepared (UTC)", o->prepared_at);
    ident_row(f, "Signing key (Ed25519, SHA-256 of the public key)", o->fingerprint);
    fputs("</table>\n", f);
}

static bool any_misroute(const ReportRollup *r)
{
    for (size_t p = 0; p < r->nplans; p++)
        for (int m = 0; r->carve_out[p] && m < r->nmonths; m++) {
            const AdjReportRow *x = r->pm[p * (size_t)r->nmonths + (size_t)m];
            if (x != NULL && x->v[ADJ_RM_MISROUTES] >= 0)
                return true;
        }
    return false;
}

void adj_report_write_html(FILE *f, const AdjReportData *d, const AdjReportOptions *o)
{
    ReportRollup r;
    report_rollup_build(&r, d, o);
    char from[16], to[16], note[ADJ_REPORT_NOTE_SIZE];
    adj_month_format(o->from, from, sizeof(from));
    adj_month_format(o->to, to, sizeof(to));
    adj_report_suppression_note(o, note, sizeof(note));
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
               "<title>CoCM/BHI approval rates %s to %s</title>\n<style>%s</style></head>\n"
               "<body>\n<h1>Collaborative Care and BHI claims: approval rates</h1>\n"
               "<p class=\"sub\">Months of service %s to %s &middot; ", from, to, css, from, to);
    if (o->plan_id != NULL) {
        fputs("plan ", f);
        report_html_text(f, o->plan_id);
    } else {
        fputs("all plans", f);
    }
    if (d->codes != NULL) {
        fputs(" &middot; codes ", f);
        report_html_text(f, d->codes);
    }
    fputs("</p>\n", f);
    identification(f, o, from, to);
    fputs("<div class=\"note\"><b>Small-cell suppression.</b> ", f);
    report_html_text(f, note);
    fprintf(f, " Here %zu of %zu rows have withheld figures, shown as &ndash;.</div>\n",
            r.rows_withheld, d->nrows);
    tiles(f, &r);
    fputs("<h2>Approval rate by month, per plan</h2>\n<div class=\"plans\">\n", f);
    size_t drawn = 0;
    for (size_t p = 0; p < r.nplans; p++) {
        fputs("<div class=\"plan\"><h3>", f);
        report_html_text(f, report_plan_label(r.plans[p]));
        const char *name = report_plan_name(d, r.plans[p]);
        if (name[0]) {
            fputs(" &middot; ", f);
            report_html_text(f, name);
        }
        fputs(r.carve_out[p] ? " (behavioral health carved out)</h3>\n" : "</h3>\n", f);
        if (r.drawable[p]) {
            report_svg_rates(f, &r, p, o);
            drawn++;
        } else {
            fputs("<p class=\"sub\">No monthly rate to chart: every monthly figure of this plan "
                  "is suppressed.</p>\n", f);
        }
        fputs("</div>\n", f);
    }
    if (r.nplans == 0)
        fputs("<p>No CoCM/BHI line in this period.</p>\n", f);
    fputs("</div>\n<h2>Denial reasons</h2>\n", f);
    if (r.ncarcs > 0)
        report_svg_denials(f, &r);
    else
        fputs("<p class=\"sub\">No denial in this period.</p>\n", f);
    fputs("<h2>Misroutes prevented, by month (carve-out plans)</h2>\n"
          "<p class=\"sub\">CoCM/BHI lines whose claim diagnoses are all behavioral (F01&ndash;F99), "
          "in a plan with a behavioral-health administrator, adjudicated on the medical "
          "benefit: lines that diagnosis-based routing would have sent to the carve-out, "
          "where they are denied.</p>\n", f);
    if (any_misroute(&r))
        report_svg_misroutes(f, &r, o);
    else
        fputs("<p class=\"sub\">Nothing to chart: no carve-out plan, or every monthly figure "
              "suppressed.</p>\n", f);
    fputs("<h2>Totals</h2>\n", f);
    rows_table(f, d, ADJ_RL_PLAN_MONTH, ADJ_RL_TOTAL);
    fputs("<h2>All cells</h2>\n", f);
    rows_table(f, d, ADJ_RL_CELL, ADJ_RL_CELL);
    fputs("<h2>Attestation</h2>\n<p class=\"att\">", f);
    report_html_text(f, o->attestation && o->attestation[0] ? o->attestation
                                                             : "(no attestation configured)");
    fputs("</p>\n<p class=\"foot\">Approval rate = paid / (paid + denied + pended) of the stage, "
          "rounded half up to 0.01%, shown with its numerator and denominator. First pass = "
          "each line's first decision, in the row of the plan and provider kind in force when "
          "it was made; final = its latest decision by the as-of time (after re-runs and "
          "replacement claims, which change the final figures only). Exact duplicates (CARC "
          "18), forwarded, rejected, voided and undecided lines are not in the denominator. "
          "Days to decision run from the interchange date (GS04) to the first decision. A "
          "plan is the member's plan on the date of service. Members are distinct persons; no "
          "member identifier, name or diagnosis appears in this report. The manifest beside "
          "this file carries the SHA-256 of every file and an Ed25519 signature; check it with "
          "<code>adjudicator report verify FILE --public-key KEY.pem</code> and the key "
          "fingerprint above.</p>\n</body></html>\n", f);
    report_rollup_free(&r);
}
