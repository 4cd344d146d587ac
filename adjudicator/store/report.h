/* Regulator report rows read from the report views (sql/050_report_views.sql)
 * into plain structs. Reads only the views granted to adj_reporting, in one
 * read-only snapshot; PGresult never leaves store/. */
#ifndef ADJ_STORE_REPORT_H
#define ADJ_STORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/status.h"
#include "store/store.h"

/* One cell: plan x month of service x code family x billing-provider kind.
 * Strings are owned by the AdjReportData arena. plan_id and provider_kind
 * are "" when unknown (member not enrolled on the date of service, billing
 * NPI not in the provider table). */
typedef struct AdjReportCell {
    const char *plan_id;
    AdjMonth month;
    const char *family;        /* cocm_initial ... other */
    const char *provider_kind; /* medical, behavioral or "" */
    int64_t members;           /* distinct persons: the suppression count */
    int64_t submitted;
    int64_t decided_first, paid_first, denied_first, pended_first;
    int64_t decided_final, paid_final, denied_final, pended_final;
    int64_t forwarded, rejected, voided, undecided;
    int64_t misroutes;
    int64_t median_tenths;     /* days to first decision x 10; -1 when none */
} AdjReportCell;

/* Lines of one cell denied with one CARC ("" when the row had none). */
typedef struct AdjReportDenial {
    const char *plan_id;
    AdjMonth month;
    const char *family;
    const char *provider_kind;
    const char *carc;
    int64_t members;
    int64_t denied_first, denied_final;
} AdjReportDenial;

typedef struct AdjReportPlan {
    const char *plan_id;
    const char *name;
    bool carve_out;
} AdjReportPlan;

/* Everything a report shows, in the report's fixed order: plan_id
 * (bytewise), month, family (the order above), provider kind (medical,
 * behavioral, unknown), then CARC (bytewise). */
typedef struct AdjReportData {
    AdjArena arena;
    AdjReportCell *cells;
    size_t ncells;
    AdjReportDenial *denials;
    size_t ndenials;
    AdjReportPlan *plans;
    size_t nplans;
} AdjReportData;

/* Months from..to inclusive, one plan or all (plan_id NULL). Fills *out
 * (free with adj_store_report_free even on error). ADJ_ERR_DB when the
 * connection is gone; ADJ_ERR_INPUT on a query error such as a missing
 * grant, named in err. */
AdjStatus adj_store_report_load(AdjStore *store, AdjMonth from, AdjMonth to,
                                const char *plan_id, AdjReportData *out, AdjError *err);
void adj_store_report_free(AdjReportData *data);

#endif
