/* Reference data CSV: header mapping, extra columns, quoted fields, CRLF,
 * several coverage rows per member, and errors naming file and line. */
#include <string.h>

#include "refdata/refdata.h"
#include "unit.h"

#define R ADJ_FIXTURES "/refdata/"

static void test_load_good(void)
{
    AdjRefdata *ref = NULL;
    AdjError err = {0};
    CU_ASSERT_EQUAL_FATAL(adj_refdata_load(&ref, R "providers.csv", R "members.csv", R "plans.csv", &err), ADJ_OK);
    const AdjProviderRow *p = adj_refdata_provider(ref, "1234567893");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->name, "Pine Family Medicine, PC");
    CU_ASSERT_EQUAL(p->nzips, 2);
    CU_ASSERT(adj_refdata_provider_zip(p, "10002"));
    CU_ASSERT(!adj_refdata_provider_zip(p, "10003"));
    const AdjProviderRow *b = adj_refdata_provider(ref, "2222222228");
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_STRING_EQUAL(b->name, "Dr. \"Ash\" Therapy");
    CU_ASSERT_EQUAL(b->kind, ADJ_PROVIDER_BEHAVIORAL);
    const AdjPlanRow *pl = adj_refdata_plan(ref, "PLAIN");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pl);
    CU_ASSERT_EQUAL(pl->coinsurance_milli, 12500);
    CU_ASSERT_EQUAL(pl->copay, 1000);
    CU_ASSERT_STRING_EQUAL(pl->bh_administrator, "");
    CU_ASSERT_STRING_EQUAL(adj_refdata_plan(ref, "CARVE")->bh_administrator, "Acme Behavioral");
    /* two coverage periods: the covering one, else the nearest */
    const AdjMemberRow *m = adj_refdata_member(ref, "M002", 20250401);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->effective_from, 20250301);
    m = adj_refdata_member(ref, "M002", 20250115);
    CU_ASSERT_EQUAL(m->effective_to, 20241231);
    CU_ASSERT_EQUAL(adj_refdata_member(ref, "M001", 20300101)->effective_to, ADJ_DATE_NONE);
    CU_ASSERT_PTR_NULL(adj_refdata_member(ref, "M404", 20250101));
    adj_refdata_free(ref);
}

static void expect_error(const char *prov, const char *mem, const char *plans, const char *want)
{
    AdjRefdata *ref = NULL;
    AdjError err = {0};
    CU_ASSERT_NOT_EQUAL(adj_refdata_load(&ref, prov, mem, plans, &err), ADJ_OK);
    CU_ASSERT_PTR_NULL(ref);
    if (strstr(err.msg, want) == NULL) {
        fprintf(stderr, "expected '%s' in '%s'\n", want, err.msg);
        CU_FAIL("error text");
    }
}

static void test_errors(void)
{
    expect_error(R "bad-npi.csv", R "members.csv", R "plans.csv",
                 "bad-npi.csv:3: npi '1234567890' is not a valid NPI");
    expect_error(R "bad-kind.csv", R "members.csv", R "plans.csv",
                 "bad-kind.csv:2: kind must be medical or behavioral");
    expect_error(R "missing-col.csv", R "members.csv", R "plans.csv",
                 "missing-col.csv:1: header lacks column 'taxonomy'");
    expect_error(R "bad-quote.csv", R "members.csv", R "plans.csv",
                 "bad-quote.csv:2: unterminated quoted field");
    expect_error(R "providers.csv", R "members-bad-plan.csv", R "plans.csv",
                 "members-bad-plan.csv:3: plan_id 'NOPLAN' is not in the plans file");
    expect_error(R "providers.csv", R "members-bad-date.csv", R "plans.csv",
                 "members-bad-date.csv:2: effective_from is not a date");
    expect_error(R "providers.csv", R "members.csv", R "plans-bad-pct.csv",
                 "plans-bad-pct.csv:2: coinsurance_pct must be a percent");
    expect_error(R "nonexistent.csv", R "members.csv", R "plans.csv", "nonexistent.csv");
}

static const UnitTest tests[] = {
    {"load providers, members, plans", test_load_good},
    {"CSV errors name file and line", test_errors},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("refdata", tests)
