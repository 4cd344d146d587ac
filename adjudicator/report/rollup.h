/* The rows the HTML page draws: plans, plan x month totals and CARC totals
 * from the published (already suppressed) rows. Internal to report/. Pure. */
#ifndef ADJ_REPORT_ROLLUP_H
#define ADJ_REPORT_ROLLUP_H

#include "report/report.h"

typedef struct ReportRollup {
    size_t nplans;
    const char **plans;         /* plan ids in report order ("" not enrolled) */
    bool *carve_out;
    bool *drawable;             /* the plan has a shown monthly rate to chart */
    int nmonths;                /* o->from .. o->to */
    const AdjReportRow **pm;    /* [plan * nmonths + month], NULL: no line */
    const AdjReportRow *total;  /* NULL: no line */
    size_t ncarcs;
    const AdjReportRow **carcs; /* denial_total rows, most final denials first */
    size_t rows_withheld;       /* rows with at least one withheld figure */
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
