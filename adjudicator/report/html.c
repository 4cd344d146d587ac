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
    ".plans{display:flex;flex-wrap:wrap;gap:16px}"
    ".plan h3{font-size:15px;margin:4px 0}"
    "svg text{font:12px system-ui,'DejaVu Sans',sans-serif}"
    "svg .ax{fill:#444}svg .val{fill:#1b1b1b;font-size:11px}"
    "svg .lab{fill:#1b1b1b;font-size:13px}svg .na{fill:#999;font-style:italic}"
    "svg .grid{stroke:#e3e3e3;stroke-width:1}"
    "table{border-collapse:collapse;font-size:12px;width:100%}"
    "th,td{border-bottom:1px solid #e5e5e5;padding:3px 6px;text-align:right}"
    "th{background:#f3f6fa}td.k,th.k{text-align:left}td.k{white-space:nowrap}"
    "tr.sup td{color:#999;font-style:italic}"
    ".foot{color:#555;font-size:12px;margin-top:18px}";

static void tile(FILE *f, const char *label, const char *value)
{
    fprintf(f, "<div class=\"tile\"><b>%s</b>%s</div>\n", value, label);
}

static void tiles(FILE *f, const ReportRollup *r)
{
    char buf[32];
    fputs("<div class=\"tiles\">\n", f);
    snprintf(buf, sizeof(buf), "%lld", (long long)r->all.submitted);
    tile(f, "CoCM/BHI lines submitted", buf);
    adj_report_format_bp(adj_report_rate_bp(r->all.paid_first, r->all.decided_first), buf,
                         sizeof(buf));
    tile(f, "approved at first pass (%)", buf[0] ? buf : "&ndash;");
    adj_report_format_bp(adj_report_rate_bp(r->all.paid_final, r->all.decided_final), buf,
                         sizeof(buf));
    tile(f, "approved finally (%)", buf[0] ? buf : "&ndash;");
    snprintf(buf, sizeof(buf), "%lld", (long long)r->all.misroutes);
    tile(f, "misroutes prevented", buf);
    fputs("</div>\n", f);
}

static void cell_row(FILE *f, const AdjReportCell *c, bool h, bool outcome,
                     const AdjReportOptions *o)
{
    char month[16];
    adj_month_format(c->month, month, sizeof(month));
    fputs(h ? "<tr class=\"sup\"><td class=\"k\">" : "<tr><td class=\"k\">", f);
    report_html_text(f, report_plan_label(c->plan_id));
    fprintf(f, "</td><td class=\"k\">%s</td><td class=\"k\">", month);
    report_html_text(f, c->family);
    fputs("</td><td class=\"k\">", f);
    report_html_text(f, c->provider_kind[0] ? c->provider_kind : "unknown");
    fputs("</td>", f);
    if (h) {
        fprintf(f, "<td colspan=\"9\">suppressed (fewer than %lld members)</td></tr>\n",
                (long long)o->min_cell);
        return;
    }
    char first[24], final[24], median[24];
    adj_report_format_bp(adj_report_rate_bp(c->paid_first, c->decided_first), first,
                         sizeof(first));
    adj_report_format_bp(adj_report_rate_bp(c->paid_final, c->decided_final), final,
                         sizeof(final));
    adj_report_format_tenths(c->median_tenths, median, sizeof(median));
    char denied[32] = "withheld";
    if (!outcome)
        snprintf(denied, sizeof(denied), "%lld", (long long)c->denied_final);
    fprintf(f, "<td>%lld</td><td>%lld</td><td>%lld</td><td>%lld</td><td>%s</td>"
               "<td>%s</td><td>%s</td><td>%lld</td><td>%s</td></tr>\n",
            (long long)c->members, (long long)c->submitted, (long long)c->paid_first,
            (long long)c->paid_final, denied, first, final, (long long)c->misroutes, median);
}

static void cells_table(FILE *f, const AdjReportData *d, const AdjReportMask *m,
                        const AdjReportOptions *o)
{
    fputs("<table><tr><th class=\"k\">plan</th><th class=\"k\">month</th>"
          "<th class=\"k\">code family</th><th class=\"k\">billing provider</th>"
          "<th>members</th><th>lines</th><th>paid first pass</th><th>paid finally</th>"
          "<th>denied finally</th><th>first-pass %</th><th>final %</th>"
          "<th>misroutes prevented</th><th>median days to first decision</th></tr>\n", f);
    for (size_t i = 0; i < d->ncells; i++)
        cell_row(f, &d->cells[i], m->cell[i], m->cell_outcome[i], o);
    if (d->ncells == 0)
        fputs("<tr><td class=\"k\" colspan=\"13\">no CoCM/BHI line in this period</td></tr>\n",
              f);
    fputs("</table>\n", f);
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
    fputs(" &middot; CPT 99492, 99493, 99494, 99484; HCPCS G2214, G0323, G0511, G0512</p>\n"
          "<div class=\"note\"><b>Small-cell suppression.</b> ", f);
    report_html_text(f, note);
    fprintf(f, " Here %lld of %lld cells and %lld denial rows are suppressed.",
            (long long)r.all.hidden, (long long)(r.all.hidden + r.all.shown),
            (long long)r.denials_hidden);
    if (r.mask.denials_complement + r.mask.cells_outcome > 0)
        fprintf(f, " Of those denial rows %zu are suppressed complementarily, and %zu shown "
                   "cells have their denied and pended counts withheld.",
                r.mask.denials_complement, r.mask.cells_outcome);
    fputs("</div>\n", f);
    tiles(f, &r);
    fputs("<h2>Approval rate by month, per plan</h2>\n<div class=\"plans\">\n", f);
    for (size_t p = 0; p < r.nplans; p++) {
        fputs("<div class=\"plan\"><h3>", f);
        report_html_text(f, report_plan_label(r.plans[p]));
        const char *name = report_plan_name(d, r.plans[p]);
        if (name[0]) {
            fputs(" &middot; ", f);
            report_html_text(f, name);
        }
        fputs(r.carve_out[p] ? " (behavioral health carved out)</h3>\n" : "</h3>\n", f);
        report_svg_rates(f, &r, p, o);
        fputs("</div>\n", f);
    }
    if (r.nplans == 0)
        fputs("<p>No CoCM/BHI line in this period.</p>\n", f);
    fputs("</div>\n<h2>Denial reasons</h2>\n", f);
    report_svg_denials(f, &r);
    fputs("<h2>Misroutes prevented, by month (carve-out plans)</h2>\n"
          "<p class=\"sub\">CoCM/BHI lines whose claim diagnoses are all behavioral (F01&ndash;F99), "
          "in a plan with a behavioral-health administrator, adjudicated on the medical "
          "benefit: lines that diagnosis-based routing would have sent to the carve-out, "
          "where they are denied.</p>\n", f);
    report_svg_misroutes(f, &r, o);
    fputs("<h2>All cells</h2>\n", f);
    cells_table(f, d, &r.mask, o);
    fputs("<p class=\"foot\">Approval rate = paid / (paid + denied + pended), rounded half up "
          "to 0.01%; first pass = each line's first decision, final = its latest (after "
          "re-runs). Forwarded, rejected, voided and undecided lines are not in the "
          "denominator. A plan is the member's plan on the date of service. Members are "
          "distinct persons; no member identifier, name or diagnosis appears in this report. "
          "The manifest beside this file carries its SHA-256 and an HMAC; check it with "
          "<code>adjudicator report verify</code>.</p>\n</body></html>\n", f);
    report_rollup_free(&r);
}
