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
    char locality[9];     /* optional MPFS locality, MAC + locality: "01112-05"; empty = national */
} AdjProviderRow;

typedef struct AdjMemberRow {
    char member_id[ADJ_MEMBER_ID_MAX + 1];
    char plan_id[ADJ_REF_ID_MAX + 1];
    AdjDate effective_from;
    AdjDate effective_to; /* ADJ_DATE_NONE = open */
    /* optional enrolled person (issue 13): a subscriber ID with such rows
     * covers only the persons they name */
    char first_name[ADJ_NAME_MAX + 1]; /* empty = the row names no person */
    AdjDate birth_date;                /* ADJ_DATE_NONE when absent */
    char cob_order;                    /* optional: 'P', 'S', 'T' or 0 (primary) */
} AdjMemberRow;

typedef enum AdjCobMethod { ADJ_COB_STANDARD = 0, ADJ_COB_NON_DUPLICATION = 1 } AdjCobMethod;
typedef enum AdjPricing { ADJ_PRICING_FEE_TABLE = 0, ADJ_PRICING_MPFS = 1 } AdjPricing;

typedef struct AdjPlanRow {
    char plan_id[ADJ_REF_ID_MAX + 1];
    char name[ADJ_REF_NAME_MAX + 1];
    char bh_administrator[ADJ_REF_NAME_MAX + 1]; /* empty = carved in */
    int64_t coinsurance_milli; /* percent in thousandths: 20 -> 20000, 12.5 -> 12500 */
    AdjMoney copay;            /* cents */
    /* optional benefit columns (issue 13); 0 = none (no deductible, no
     * out-of-pocket maximum, no timely-filing limit) */
    AdjMoney deductible, family_deductible, oop_max, family_oop_max; /* cents */
    int year_start;            /* plan year start as MMDD (101 = 01-01, default) */
    int timely_filing_days;
    AdjCobMethod cob_method;
    AdjPricing pricing;
    int64_t pct_of_medicare_milli; /* mpfs: percent in thousandths (100% = 100000) */
} AdjPlanRow;

/* Benefit override per service category (benefits.csv): a code or a code
 * family of the ruleset. */
typedef struct AdjBenefitRow {
    char plan_id[ADJ_REF_ID_MAX + 1];
    char code_family[ADJ_REF_ID_MAX + 1]; /* a family name, or empty */
    char code[ADJ_CODE_MAX + 1];          /* a code, or empty */
    AdjMoney copay;
    int64_t coinsurance_milli;
    bool deductible_applies;
} AdjBenefitRow;

/* True when the plan keeps accumulators (a deductible or an OOP maximum). */
static inline bool adj_plan_accumulates(const AdjPlanRow *p)
{
    return p->deductible > 0 || p->family_deductible > 0 || p->oop_max > 0 || p->family_oop_max > 0;
}
/* The first day of the plan year containing dos. */
AdjDate adj_plan_year_start(const AdjPlanRow *p, AdjDate dos);

/* Money columns of the reference files stop here (a billion dollars): no
 * later sum of a few of them can overflow int64 cents. */
#define ADJ_REF_MONEY_MAX ((AdjMoney)100000000000)

/* "MM-DD" (not 02-29) into month * 100 + day. */
bool adj_refdata_mmdd_parse(const char *v, int *mmdd);
/* "01112-05": five digits, '-', two digits. */
bool adj_refdata_locality_valid(const char *v);

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
typedef AdjStatus (*AdjBenefitFn)(void *ctx, const AdjBenefitRow *row, const char *file, int line,
                                  AdjError *err);
/* benefits.csv: plan_id, code_family or code (one of them), copay,
 * coinsurance_pct, deductible_applies (true/false, yes/no, 1/0). */
AdjStatus adj_refdata_read_benefits(const char *path, AdjBenefitFn fn, void *ctx, AdjError *err);

/* Tables for lookups. */
typedef struct AdjRefdata AdjRefdata;

AdjRefdata *adj_refdata_new(void);
void adj_refdata_free(AdjRefdata *ref);
/* Add rows; a second provider with one NPI or plan with one id is an error.
 * A member may have several rows (coverage periods). */
AdjStatus adj_refdata_add_provider(AdjRefdata *ref, const AdjProviderRow *row, AdjError *err);
AdjStatus adj_refdata_add_member(AdjRefdata *ref, const AdjMemberRow *row, AdjError *err);
AdjStatus adj_refdata_add_plan(AdjRefdata *ref, const AdjPlanRow *row, AdjError *err);
/* A benefit override; its plan must exist; one plan + code or family once. */
AdjStatus adj_refdata_add_benefit(AdjRefdata *ref, const AdjBenefitRow *row, AdjError *err);
/* Read benefits.csv into ref (after the plans). */
AdjStatus adj_refdata_load_benefits(AdjRefdata *ref, const char *path, AdjError *err);
/* The plan's benefit overrides, in file order: visit i = 0 .. while it
 * returns a row (NULL past the last). */
const AdjBenefitRow *adj_refdata_benefit_at(const AdjRefdata *ref, const char *plan_id, size_t i);
/* Every benefit row (for `load`). */
size_t adj_refdata_nbenefits(const AdjRefdata *ref);
const AdjBenefitRow *adj_refdata_benefit(const AdjRefdata *ref, size_t i);
/* The persons enrolled under a member ID that name one (first_name and
 * birth_date): true when any row of member_id names a person, and then
 * *match tells whether one has this birth date and first name
 * (case-insensitive). */
bool adj_refdata_persons(const AdjRefdata *ref, const char *member_id, AdjDate birth,
                         const char *first, bool *match);
/* True when some member row names a person or a cob_order: only then
 * does a claim's member row matter before its lines (hot path). */
bool adj_refdata_member_benefits(const AdjRefdata *ref);
/* An enrolled person of member_id (adj_refdata_add_member adds the person
 * a row names; the pipeline adds them from their own table). */
void adj_refdata_add_person(AdjRefdata *ref, const char *member_id, const char *first_name,
                            AdjDate birth_date);
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
