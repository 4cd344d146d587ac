/* Ruleset loading and validation (shipped rulesets, bad files) and benefit
 * routing from the ruleset's code sets. */
#include <string.h>

#include "config/ruleset.h"
#include "routing/routing.h"
#include "unit.h"

#define F ADJ_FIXTURES "/rulesets/"

static AdjRulesetSet shipped;

static void load_shipped(void)
{
    if (shipped.n > 0)
        return;
    const char *dir = "rulesets";
    AdjError err = {0};
    CU_ASSERT_EQUAL_FATAL(adj_ruleset_set_load(&dir, 1, &shipped, &err), ADJ_OK);
}

static void test_shipped(void)
{
    load_shipped();
    CU_ASSERT_EQUAL(shipped.n, 3);
    /* contiguous coverage from 2024-01-01 */
    CU_ASSERT_EQUAL(shipped.sets[0]->effective_from, 20240101);
    CU_ASSERT_PTR_NULL(adj_ruleset_for_dos(&shipped, 20231231));
    const AdjRuleset *rs = adj_ruleset_for_dos(&shipped, 20260315);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    CU_ASSERT_STRING_EQUAL(rs->id, "cocm-2026");
    CU_ASSERT_EQUAL(strlen(rs->sha256), 64);
    CU_ASSERT(adj_ruleset_has(rs, ADJ_CODES_COCM_BHI, "99494"));
    CU_ASSERT(!adj_ruleset_has(rs, ADJ_CODES_COCM_BHI, "90834"));
    const AdjCodeInfo *ci = adj_ruleset_code(rs, "99494");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ci);
    CU_ASSERT_EQUAL(ci->cap->per_dos, 4);   /* from the MUE table */
    CU_ASSERT_EQUAL(ci->minutes->min, 16);
    CU_ASSERT_EQUAL(adj_ruleset_code(rs, "99492")->fee->amount, 14930);
    CU_ASSERT_FALSE(adj_ruleset_code(rs, "99492")->fee->estimate);
    CU_ASSERT_TRUE(adj_ruleset_code(rs, "G2214")->fee->estimate);
    CU_ASSERT_EQUAL(rs->edits[ADJ_EDIT_ADDON_NO_BASE].outcome, ADJ_OUT_DENY);
    CU_ASSERT_STRING_EQUAL(rs->edits[ADJ_EDIT_ADDON_NO_BASE].carc, "B15");
    CU_ASSERT_EQUAL(rs->edits[ADJ_EDIT_DUP_SUSPECT].outcome, ADJ_OUT_PEND);
    /* NCCI by deletion date: 99492 x 99484 active; 90791 pairs not in the subset */
    CU_ASSERT_PTR_NOT_NULL(adj_ruleset_ncci(rs, "99492", "99484", 20260101));
    CU_ASSERT_PTR_NOT_NULL(adj_ruleset_ncci(rs, "99495", "99493", 20260101));
    CU_ASSERT_EQUAL(adj_ruleset_ncci(rs, "99495", "99493", 20260101)->indicator, 1);
    CU_ASSERT_PTR_NULL(adj_ruleset_ncci(rs, "99484", "99492", 20260101));
    /* indicator 9 never applies; a deleted pair applies up to its deletion date */
    CU_ASSERT_PTR_NULL(adj_ruleset_ncci(rs, "G0316", "G0323", 20040101));
    CU_ASSERT_PTR_NOT_NULL(adj_ruleset_ncci(rs, "0702T", "99492", 20221231));
    CU_ASSERT_PTR_NULL(adj_ruleset_ncci(rs, "0702T", "99492", 20230101));
    CU_ASSERT(adj_ruleset_pos_denied(rs, "23"));
    CU_ASSERT(!adj_ruleset_pos_denied(rs, "11"));
    CU_ASSERT(adj_ruleset_bh_dx(rs, "F331"));
    CU_ASSERT(adj_ruleset_bh_dx(rs, "F99"));
    CU_ASSERT(!adj_ruleset_bh_dx(rs, "F00"));
    CU_ASSERT(!adj_ruleset_bh_dx(rs, "E119"));
}

static void expect_error(const char *path, const char *want)
{
    AdjRulesetSet set;
    AdjError err = {0};
    CU_ASSERT_NOT_EQUAL(adj_ruleset_set_load(&path, 1, &set, &err), ADJ_OK);
    CU_ASSERT_EQUAL(set.n, 0);
    if (strstr(err.msg, want) == NULL) {
        fprintf(stderr, "expected '%s' in '%s'\n", want, err.msg);
        CU_FAIL("error text");
    }
}

static void test_bad_files(void)
{
    expect_error(F "unknown-key.conf", "unknown-key.conf:9: unknown key 'bogus_key'");
    expect_error(F "malformed-code.conf", "malformed-code.conf:30: malformed code '9949'");
    expect_error(F "unknown-edit.conf", "unknown-edit.conf:151: unknown key 'edits.one_base_typo'");
    expect_error(F "bad-table-hash.conf", "the ruleset pins 00f8");
    expect_error(F "overlap", "overlap/a.conf (over-a) and " F "overlap/b.conf (over-b): effective date ranges overlap");
    expect_error(F "nonexistent.conf", "nonexistent.conf");
}

static void test_routing(void)
{
    load_shipped();
    const AdjRuleset *rs = adj_ruleset_for_dos(&shipped, 20260115);
    /* CoCM: medical whoever bills, whatever the plan */
    AdjRouting r = adj_routing_route(rs, "99492", true, true);
    CU_ASSERT_EQUAL(r.route, ADJ_ROUTE_MEDICAL);
    CU_ASSERT_FALSE(r.forward);
    CU_ASSERT_STRING_EQUAL(r.rule, "route.code.cocm");
    CU_ASSERT_EQUAL(adj_routing_route(rs, "G0323", true, true).route, ADJ_ROUTE_MEDICAL);
    /* behavioral codes: forwarded in a carve-out, medical when carved in */
    r = adj_routing_route(rs, "90834", false, true);
    CU_ASSERT_EQUAL(r.route, ADJ_ROUTE_BEHAVIORAL);
    CU_ASSERT_TRUE(r.forward);
    CU_ASSERT_STRING_EQUAL(r.rule, "route.code.behavioral");
    CU_ASSERT_TRUE(adj_routing_route(rs, "90839", false, true).forward);
    CU_ASSERT_TRUE(adj_routing_route(rs, "90791", false, true).forward);
    r = adj_routing_route(rs, "90834", false, false);
    CU_ASSERT_EQUAL(r.route, ADJ_ROUTE_MEDICAL);
    CU_ASSERT_STRING_EQUAL(r.rule, "route.carve_in");
    /* a behavioral provider's office visit follows the provider */
    r = adj_routing_route(rs, "99213", true, true);
    CU_ASSERT_TRUE(r.forward);
    CU_ASSERT_STRING_EQUAL(r.rule, "route.provider.behavioral");
    r = adj_routing_route(rs, "99213", false, true);
    CU_ASSERT_FALSE(r.forward);
    CU_ASSERT_STRING_EQUAL(r.rule, "route.medical");
    adj_ruleset_set_free(&shipped);
}

static const UnitTest tests[] = {
    {"shipped rulesets load", test_shipped},
    {"bad ruleset files name file and line", test_bad_files},
    {"routing from the ruleset's code sets", test_routing},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("ruleset", tests)
