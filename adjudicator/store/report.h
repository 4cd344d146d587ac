/* Regulator report figures read from report_figures() (sql/091): already
 * suppressed by the database, so nothing here can show a withheld count.
 * Reads in one read-only snapshot as the adj_reporting role may; PGresult
 * never leaves store/. */
#ifndef ADJ_STORE_REPORT_H
#define ADJ_STORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/status.h"
#include "store/store.h"

/* The measures of a row, in report order (denial rows carry members,
 * denied_first and denied_final only). */
typedef enum AdjReportMeasure {
    ADJ_RM_MEMBERS, ADJ_RM_LINES, ADJ_RM_DECIDED_FIRST, ADJ_RM_PAID_FIRST,
    ADJ_RM_DENIED_FIRST, ADJ_RM_PENDED_FIRST, ADJ_RM_DUP_FIRST, ADJ_RM_DECIDED_FINAL,
    ADJ_RM_PAID_FINAL, ADJ_RM_DENIED_FINAL, ADJ_RM_PENDED_FINAL, ADJ_RM_DUP_FINAL,
    ADJ_RM_FORWARDED, ADJ_RM_REJECTED, ADJ_RM_VOIDED, ADJ_RM_UNDECIDED, ADJ_RM_MISROUTES,
    ADJ_RM_MEDIAN, ADJ_RM_COUNT
} AdjReportMeasure;
/* the database's measure names ("members", ..., "median_days_tenths") */
extern const char *const adj_report_measure_names[ADJ_RM_COUNT];

/* cell: plan x month x code family x provider kind; plan_month, plan and
 * total add cells up; denial: a cell's denials with one CARC; denial_total:
 * one CARC over the report. */
typedef enum AdjReportLevel {
    ADJ_RL_CELL, ADJ_RL_PLAN_MONTH, ADJ_RL_PLAN, ADJ_RL_TOTAL, ADJ_RL_DENIAL,
    ADJ_RL_DENIAL_TOTAL, ADJ_RL_COUNT
} AdjReportLevel;
extern const char *const adj_report_level_names[ADJ_RL_COUNT];

#define ADJ_REPORT_WITHHELD (-1) /* suppressed */
#define ADJ_REPORT_NONE (-2)     /* not a measure of this row, or no median */

/* One published row. Strings are owned by the AdjReportData arena; a key
 * that is not part of the row's level is NULL (plan_id "" is the members
 * enrolled in no plan on the date of service, provider_kind "" a billing
 * NPI not in the provider table). */
typedef struct AdjReportRow {
    AdjReportLevel level;
    const char *plan_id;
    bool has_month;
    AdjMonth month;
    const char *family, *provider_kind, *carc;
    int64_t v[ADJ_RM_COUNT];
} AdjReportRow;

typedef struct AdjReportPlan {
    const char *plan_id;
    const char *name;
    bool carve_out;
} AdjReportPlan;

/* Everything a report shows, in the database's fixed order: level, plan
 * (bytewise), month, code family, provider kind (medical, behavioral,
 * unknown), CARC (bytewise). as_of is the moment counted, UTC, to the
 * second when it is a whole second ("2026-03-01T12:00:00Z"), else to the
 * microsecond. */
typedef struct AdjReportData {
    AdjArena arena;
    AdjReportRow *rows;
    size_t nrows;
    AdjReportPlan *plans;
    size_t nplans;
    const char *codes;  /* the codes counted, report order ("99492, 99493, ..."), or NULL */
    char as_of[40];
} AdjReportData;

/* Months from..to inclusive, one plan or all (plan_id NULL), as of a
 * timestamp PostgreSQL reads (NULL: now), with min_cell (the database
 * never suppresses less than 1 to 10). Fills *out (free with
 * adj_store_report_free even on error). ADJ_ERR_DB when the connection is
 * gone; ADJ_ERR_USAGE for an --as-of PostgreSQL cannot read; ADJ_ERR_INPUT
 * on another query error such as a missing grant, named in err. */
AdjStatus adj_store_report_load(AdjStore *store, AdjMonth from, AdjMonth to,
                                const char *plan_id, const char *as_of, int64_t min_cell,
                                AdjReportData *out, AdjError *err);
void adj_store_report_free(AdjReportData *data);

#endif
