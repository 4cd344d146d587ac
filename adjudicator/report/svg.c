/* Inline SVG charts of the HTML page, drawn in integer coordinates (no
 * floating point, so the page is the same bytes for the same data): first-
 * pass and final approval rate by month for one plan, denial reasons, and
 * misroutes prevented by month. Pure. */
#include <string.h>

#include "report/rollup.h"

#define C_FIRST "#9ecae1"
#define C_FINAL "#08519c"

static const char *const palette[] = {"#08519c", "#e6550d", "#31a354", "#756bb1",
                                      "#636363", "#d6616b", "#8c6d31", "#3182bd"};

static void month_label(FILE *f, AdjMonth m, int x, int y)
{
    char buf[16];
    adj_month_format(m, buf, sizeof(buf));
    fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"ax\" text-anchor=\"middle\">%s</text>\n", x, y,
            buf);
}

static void bar(FILE *f, int x, int y, int w, int h, const char *color, const char *label)
{
    fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x, y, w, h,
            color);
    if (label != NULL && label[0])
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"val\" text-anchor=\"middle\">%s</text>\n",
                x + w / 2, y - 4, label);
}

void report_svg_rates(FILE *f, const ReportRollup *r, size_t plan, const AdjReportOptions *o)
{
    const int W = 540, H = 240, L = 46, R = 10, T = 30, B = 40;
    const int pw = W - L - R, ph = H - T - B;
    int n = r->nmonths;
    int gw = pw / n;
    int bw = gw * 35 / 100;
    fprintf(f, "<svg width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" role=\"img\">\n", W, H, W, H);
    for (int g = 0; g <= 4; g++) {
        int y = T + ph - ph * g / 4;
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>\n", L, y,
                L + pw, y);
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"ax\" text-anchor=\"end\">%d%%</text>\n",
                L - 6, y + 4, g * 25);
    }
    for (int m = 0; m < n; m++) {
        const AdjReportRow *t = r->pm[plan * (size_t)n + (size_t)m];
        int x0 = L + gw * m + (gw - 2 * bw) / 2;
        if (n <= 12 || m % ((n + 11) / 12) == 0)
            month_label(f, o->from + m, L + gw * m + gw / 2, T + ph + 18);
        int64_t rates[2] = {-1, -1};
        if (t != NULL) {
            rates[0] = adj_report_rate_bp(t->v[ADJ_RM_PAID_FIRST], t->v[ADJ_RM_DECIDED_FIRST]);
            rates[1] = adj_report_rate_bp(t->v[ADJ_RM_PAID_FINAL], t->v[ADJ_RM_DECIDED_FINAL]);
        }
        if (rates[0] < 0 && rates[1] < 0) {
            fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"na\" text-anchor=\"middle\">%s</text>\n",
                    L + gw * m + gw / 2, T + ph - 8, t != NULL ? "suppressed" : "no data");
            continue;
        }
        for (int k = 0; k < 2; k++) {
            if (rates[k] < 0)
                continue;
            char label[24] = "";
            if (n <= 6)
                adj_report_format_bp(rates[k], label, sizeof(label));
            int h = (int)(rates[k] * ph / 10000);
            bar(f, x0 + k * bw, T + ph - h, bw - 2, h, k ? C_FINAL : C_FIRST, label);
        }
    }
    fprintf(f, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"" C_FIRST "\"/>"
               "<text x=\"%d\" y=\"18\" class=\"ax\">first pass</text>\n", L, L + 16);
    fprintf(f, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"" C_FINAL "\"/>"
               "<text x=\"%d\" y=\"18\" class=\"ax\">final</text>\n", L + 100, L + 116);
    fputs("</svg>\n", f);
}

static int64_t shown_or_zero(int64_t v)
{
    return v > 0 ? v : 0;
}

void report_svg_denials(FILE *f, const ReportRollup *r)
{
    const int W = 1100, L = 330, R = 80, row = 34, T = 30;
    size_t n = r->ncarcs;
    int H = T + row * (int)(n ? n : 1) + 10;
    int64_t max = 1;
    for (size_t i = 0; i < n; i++) {
        if (shown_or_zero(r->carcs[i]->v[ADJ_RM_DENIED_FIRST]) > max)
            max = r->carcs[i]->v[ADJ_RM_DENIED_FIRST];
        if (shown_or_zero(r->carcs[i]->v[ADJ_RM_DENIED_FINAL]) > max)
            max = r->carcs[i]->v[ADJ_RM_DENIED_FINAL];
    }
    fprintf(f, "<svg width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" role=\"img\">\n", W, H, W, H);
    fprintf(f, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"" C_FIRST "\"/>"
               "<text x=\"%d\" y=\"18\" class=\"ax\">denied at first pass</text>\n", L, L + 16);
    fprintf(f, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"" C_FINAL "\"/>"
               "<text x=\"%d\" y=\"18\" class=\"ax\">denied finally</text>\n", L + 170, L + 186);
    if (n == 0)
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"na\">no denial in this report</text>\n", L,
                T + 20);
    for (size_t i = 0; i < n; i++) {
        int y = T + row * (int)i;
        const char *carc = r->carcs[i]->carc;
        const char *text = adj_report_carc_text(carc);
        fputs("<text x=\"0\" y=\"", f);
        fprintf(f, "%d\" class=\"lab\">CARC ", y + 20);
        report_html_text(f, carc[0] ? carc : "(none)");
        if (text != NULL)
            fprintf(f, ": %s", text);
        fputs("</text>\n", f);
        int64_t v[2] = {r->carcs[i]->v[ADJ_RM_DENIED_FIRST], r->carcs[i]->v[ADJ_RM_DENIED_FINAL]};
        for (int k = 0; k < 2; k++) {
            int yy = y + 4 + k * 13;
            if (v[k] < 0) {
                fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"na\">suppressed</text>\n", L,
                        yy + 10);
                continue;
            }
            int w = (int)(v[k] * (W - L - R) / max);
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\" fill=\"%s\"/>"
                       "<text x=\"%d\" y=\"%d\" class=\"val\">%lld</text>\n",
                    L, yy, w, k ? C_FINAL : C_FIRST, L + w + 4, yy + 10, (long long)v[k]);
        }
    }
    fputs("</svg>\n", f);
}

void report_svg_misroutes(FILE *f, const ReportRollup *r, const AdjReportOptions *o)
{
    const int W = 1100, H = 220, L = 46, R = 10, T = 30, B = 40;
    const int pw = W - L - R, ph = H - T - B;
    int n = r->nmonths;
    size_t np = 0;
    int64_t max = 1;
    for (size_t p = 0; p < r->nplans; p++) {
        if (!r->carve_out[p])
            continue;
        np++;
        for (int m = 0; m < n; m++)
            if (r->pm[p * (size_t)n + (size_t)m] != NULL &&
                r->pm[p * (size_t)n + (size_t)m]->v[ADJ_RM_MISROUTES] > max)
                max = r->pm[p * (size_t)n + (size_t)m]->v[ADJ_RM_MISROUTES];
    }
    fprintf(f, "<svg width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" role=\"img\">\n", W, H, W, H);
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>\n", L, T + ph,
            L + pw, T + ph);
    if (np == 0) {
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"na\">no carve-out plan in this report"
                   "</text>\n</svg>\n", L, T + ph / 2);
        return;
    }
    int gw = pw / n, bw = gw * 70 / 100 / (int)np;
    if (bw < 2)
        bw = 2;
    if (bw > 56)
        bw = 56;
    size_t k = 0, lx = (size_t)L;
    for (size_t p = 0; p < r->nplans; p++) {
        if (!r->carve_out[p])
            continue;
        const char *c = palette[k % (sizeof(palette) / sizeof(palette[0]))];
        fprintf(f, "<rect x=\"%zu\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                   "<text x=\"%zu\" y=\"18\" class=\"ax\">", lx, c, lx + 16);
        report_html_text(f, report_plan_label(r->plans[p]));
        fputs("</text>\n", f);
        lx += 16 + 8 * strlen(report_plan_label(r->plans[p])) + 24;
        for (int m = 0; m < n; m++) {
            const AdjReportRow *t = r->pm[p * (size_t)n + (size_t)m];
            int64_t v = t != NULL ? t->v[ADJ_RM_MISROUTES] : -1;
            int x = L + gw * m + (gw - bw * (int)np) / 2 + bw * (int)k;
            char label[24] = "";
            if (v >= 0 && n * (int)np <= 24)
                snprintf(label, sizeof(label), "%lld", (long long)v);
            if (v < 0 && np == 1)
                fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"na\" text-anchor=\"middle\">%s"
                           "</text>\n", L + gw * m + gw / 2, T + ph - 8,
                        t != NULL ? "suppressed" : "no data");
            else if (v >= 0)
                bar(f, x, T + ph - (int)(v * ph / max), bw - 2, (int)(v * ph / max), c, label);
        }
        k++;
    }
    for (int m = 0; m < n; m++)
        if (n <= 12 || m % ((n + 11) / 12) == 0)
            month_label(f, o->from + m, L + gw * m + gw / 2, T + ph + 18);
    fputs("</svg>\n", f);
}
