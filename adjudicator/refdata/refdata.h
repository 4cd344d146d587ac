/* Reference data (docs/contracts.md): providers.csv, members.csv, plans.csv with a
 * header row (extra columns ignored, quoted fields allowed). Row parsers call
 * back per row (reused by `load` to upsert into PostgreSQL); AdjRefdata holds
 * the rows in hash tables for the engine. Errors name the file and line. */
#ifndef ADJ_REFDATA_REFDATA_H
#define ADJ_REFDATA_REFDATA_H

#include <stdbool.h>
#include <stdint.h>

#include "claim/claim.h"
#include "core/date.h"
#include "core/money.h"
#include "core/status.h"

#define ADJ_REF_ZIPS_MAX 32
#define ADJ_REF_NAME_MAX 100
#define ADJ_REF_ID_MAX 64

typedef enum AdjProviderKind { ADJ_PROVIDER_MEDICAL = 0, ADJ_PROVIDER_BEHAVIORAL = 1 } AdjProviderKind;

typedef struct AdjProviderRow {
    char npi[11];
    char name[ADJ_REF_NAME_MAX + 1];
    AdjProviderKind kind;
    char taxonomy[11];
    char zips[ADJ_REF_ZIPS_MAX][6];
    int nzips;
} AdjProviderRow;

typedef struct AdjMemberRow {
    char member_id[ADJ_MEMBER_ID_MAX + 1];
    char plan_id[ADJ_REF_ID_MAX + 1];
    AdjDate effective_from;
    AdjDate effective_to; /* ADJ_DATE_NONE = open */
} AdjMemberRow;

typedef struct AdjPlanRow {
    char plan_id[ADJ_REF_ID_MAX + 1];
    char name[ADJ_REF_NAME_MAX + 1];
    char bh_administrator[ADJ_REF_NAME_MAX + 1]; /* empty = carved in */
    int64_t coinsurance_milli; /* percent in thousandths: 20 -> 20000, 12.5 -> 12500 */
    AdjMoney copay;            /* cents */
} AdjPlanRow;

/* Row callbacks: file and 1-based line of the row, for the caller's errors. */
typedef AdjStatus (*AdjProviderFn)(void *ctx, const AdjProviderRow *row, const char *file,
                                   int line, AdjError *err);
typedef AdjStatus (*AdjMemberFn)(void *ctx, const AdjMemberRow *row, const char *file,
                                 int line, AdjError *err);
typedef AdjStatus (*AdjPlanFn)(void *ctx, const AdjPlanRow *row, const char *file, int line,
                               AdjError *err);

AdjStatus adj_refdata_read_providers(const char *path, AdjProviderFn fn, void *ctx, AdjError *err);
AdjStatus adj_refdata_read_members(const char *path, AdjMemberFn fn, void *ctx, AdjError *err);
AdjStatus adj_refdata_read_plans(const char *path, AdjPlanFn fn, void *ctx, AdjError *err);

/* Tables for lookups. */
typedef struct AdjRefdata AdjRefdata;

AdjRefdata *adj_refdata_new(void);
void adj_refdata_free(AdjRefdata *ref);
/* Add rows; a second provider with one NPI or plan with one id is an error.
 * A member may have several rows (coverage periods). */
AdjStatus adj_refdata_add_provider(AdjRefdata *ref, const AdjProviderRow *row, AdjError *err);
AdjStatus adj_refdata_add_member(AdjRefdata *ref, const AdjMemberRow *row, AdjError *err);
AdjStatus adj_refdata_add_plan(AdjRefdata *ref, const AdjPlanRow *row, AdjError *err);
/* Read the three files into a new table set; every member's plan must exist. */
AdjStatus adj_refdata_load(AdjRefdata **out, const char *providers, const char *members,
                           const char *plans, AdjError *err);

const AdjProviderRow *adj_refdata_provider(const AdjRefdata *ref, const char *npi);
const AdjPlanRow *adj_refdata_plan(const AdjRefdata *ref, const char *plan_id);
/* The member's row covering dos; when none covers it, the row nearest to it
 * (so the caller can tell "before coverage" from "after"); NULL if unknown. */
const AdjMemberRow *adj_refdata_member(const AdjRefdata *ref, const char *member_id, AdjDate dos);
/* The plan of a row adj_refdata_member returned (as adj_refdata_plan of
 * its plan_id, without the lookup when the plan was added first). */
const AdjPlanRow *adj_refdata_member_plan(const AdjRefdata *ref, const AdjMemberRow *m);
/* True when the provider is credentialed at zip5. */
bool adj_refdata_provider_zip(const AdjProviderRow *p, const char *zip5);

#endif
