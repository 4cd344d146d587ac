/* Totals of the shown (unsuppressed) cells per plan and month, for the HTML
 * page. Built from published figures only (adj_report_mask_build), so a
 * total never reveals a suppressed figure by subtraction. Internal to
 * report/. Pure. */
#ifndef ADJ_REPORT_ROLLUP_H
#define ADJ_REPORT_ROLLUP_H

#include "report/report.h"

typedef struct ReportTotals {
    int64_t submitted, paid_first, decided_first, paid_final, decided_final, denied_final;
    int64_t misroutes;
    int64_t shown, hidden; /* cells */
} ReportTotals;

typedef struct ReportRollup {
    size_t nplans;
    const char **plans;       /* plan ids in report order ("" unknown) */
    bool *carve_out;
    int nmonths;              /* o->from .. o->to */
    ReportTotals *pm;         /* [plan * nmonths + month] */
    ReportTotals all;
    size_t ncarcs;
    const char **carcs;       /* shown denial rows by CARC, most final denials first */
    int64_t *carc_first, *carc_final;
    int64_t denials_hidden;   /* suppressed denial rows */
    AdjReportMask mask;       /* what every part of the page hides */
} ReportRollup;

void report_rollup_build(ReportRollup *r, const AdjReportData *d, const AdjReportOptions *o);
void report_rollup_free(ReportRollup *r);
/* plan_id for people: "(not enrolled)" for "" */
const char *report_plan_label(const char *plan_id);
/* the plan's name from the report_plan rows, or "" */
const char *report_plan_name(const AdjReportData *d, const char *plan_id);
/* HTML text with & < > " ' escaped */
void report_html_text(FILE *f, const char *s);

/* SVG charts (report/svg.c) */
void report_svg_rates(FILE *f, const ReportRollup *r, size_t plan, const AdjReportOptions *o);
void report_svg_denials(FILE *f, const ReportRollup *r);
void report_svg_misroutes(FILE *f, const ReportRollup *r, const AdjReportOptions *o);

#endif
