/* Ruleset loading and validation (shipped rulesets, bad files) and benefit
 * routing from the ruleset's code sets. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    expect_error(F "malformed-code.conf", "malformed-code.conf:35: malformed code '9949'");
    expect_error(F "unknown-edit.conf", "unknown-edit.conf:207: unknown key 'edits.one_base_typo'");
    expect_error(F "bad-table-hash.conf", "the ruleset pins 00f8");
    expect_error(F "overlap", "overlap/a.conf (over-a) and " F "overlap/b.conf (over-b): effective date ranges overlap");
    expect_error(F "nonexistent.conf", "nonexistent.conf");
}

/* The whole edit surface's tables (docs/adjudication.md), as loaded from the shipped
 * 2026 ruleset: hash look-ups built once per ruleset. */
static void test_tables(void)
{
    load_shipped();
    const AdjRuleset *rs = adj_ruleset_for_dos(&shipped, 20260315);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    /* the whole PTP subset, not a CoCM-only copy */
    CU_ASSERT_EQUAL(rs->nncci, 7394);
    const AdjNcciPair *p = adj_ruleset_ncci(rs, "90834", "90839", 20260101);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->indicator, 0);
    CU_ASSERT_PTR_NULL(adj_ruleset_ncci(rs, "90839", "90834", 20260101));
    /* MUE for every code of the full table, with its MAI */
    CU_ASSERT(rs->nmue >= 14677);
    const AdjMue *m = adj_ruleset_mue(rs, "99494");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->units, 4);
    CU_ASSERT_EQUAL(m->mai, 3);
    m = adj_ruleset_mue(rs, "99213");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->units, 2);
    CU_ASSERT_EQUAL(adj_ruleset_mue(rs, "0001U")->units, 1);
    CU_ASSERT_PTR_NULL(adj_ruleset_mue(rs, "ZZZZZ"));
    CU_ASSERT_EQUAL(rs->mue_default, 1);
    /* add-ons and their primaries, from the add-on table */
    const AdjCodeInfo *ci = adj_ruleset_code(rs, "90840");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ci);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ci->addon);
    CU_ASSERT_TRUE(adj_ruleset_addon_primary(rs, ci->addon, "90839"));
    CU_ASSERT_FALSE(adj_ruleset_addon_primary(rs, ci->addon, "90834"));
    ci = adj_ruleset_code(rs, "90833");
    CU_ASSERT_TRUE(ci != NULL && ci->addon != NULL && adj_ruleset_addon_primary(rs, ci->addon, "99213"));
    CU_ASSERT_PTR_NOT_NULL(adj_ruleset_code(rs, "99494")->addon);
    CU_ASSERT_PTR_NULL(adj_ruleset_code(rs, "99492")->addon);
    /* place of service */
    CU_ASSERT_EQUAL(adj_ruleset_pos_type(rs, "11"), ADJ_POS_NON_FACILITY);
    CU_ASSERT_EQUAL(adj_ruleset_pos_type(rs, "21"), ADJ_POS_FACILITY);
    CU_ASSERT_EQUAL(adj_ruleset_pos_type(rs, "28"), ADJ_POS_UNASSIGNED);
    CU_ASSERT_EQUAL(adj_ruleset_pos_type(rs, "00"), ADJ_POS_UNKNOWN);
    CU_ASSERT_EQUAL(adj_ruleset_pos_type(rs, "1"), ADJ_POS_UNKNOWN);
    CU_ASSERT_EQUAL(adj_ruleset_pos_type(rs, "AB"), ADJ_POS_UNKNOWN);
    /* billable chapter F codes; a category header is not billable */
    CU_ASSERT_EQUAL(adj_ruleset_dx_billable(rs, "F329"), 1);
    CU_ASSERT_EQUAL(adj_ruleset_dx_billable(rs, "F32"), 0);
    CU_ASSERT_EQUAL(adj_ruleset_dx_billable(rs, "F32A"), 1);
    CU_ASSERT_EQUAL(adj_ruleset_dx_billable(rs, "E119"), -1);
    /* the plan's behavioral-diagnosis additions */
    CU_ASSERT_TRUE(adj_ruleset_bh_dx(rs, "R45851"));
    CU_ASSERT_FALSE(adj_ruleset_bh_dx(rs, "R4585"));
    /* who may bill, informational modifiers, the review threshold */
    CU_ASSERT_PTR_NOT_NULL(adj_ruleset_code(rs, "G0323")->biller);
    CU_ASSERT_EQUAL(adj_ruleset_code(rs, "G0323")->biller->ntaxonomy, 2);
    CU_ASSERT_TRUE(adj_ruleset_info_mod(rs, "95"));
    CU_ASSERT_FALSE(adj_ruleset_info_mod(rs, "59"));
    CU_ASSERT_EQUAL(rs->high_dollar, 1000000);
    CU_ASSERT_TRUE(adj_ruleset_has(rs, ADJ_CODES_PSYCHOTHERAPY, "90853"));
    CU_ASSERT_TRUE(adj_ruleset_has(rs, ADJ_CODES_BASE, "G0512"));
}

/* A copy of the shipped 2026 ruleset with one substitution, its tables
 * named by absolute path; returns the copy's path (static buffer). */
static const char *variant(const char *from, const char *to)
{
    static char path[] = "/tmp/adj_rs_XXXXXX.conf";
    static char dir[PATH_MAX];
    snprintf(path, sizeof(path), "/tmp/adj_rs_XXXXXX.conf");
    int fd = mkstemps(path, 5);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_FATAL(realpath("rulesets/tables", dir) != NULL);
    FILE *in = fopen("rulesets/cocm-2026.conf", "r");
    FILE *out = fdopen(fd, "w");
    CU_ASSERT_FATAL(in != NULL && out != NULL);
    char line[1024];
    int hits = 0;
    while (fgets(line, sizeof(line), in) != NULL) {
        char *t = strstr(line, "\"tables/");
        if (t != NULL) {
            fprintf(out, "%.*s\"%s/%s", (int)(t - line), line, dir, t + 8);
            continue;
        }
        char *f = strstr(line, from);
        if (f != NULL) {
            fprintf(out, "%.*s%s%s", (int)(f - line), line, to, f + strlen(from));
            hits++;
        } else {
            fputs(line, out);
        }
    }
    fclose(in);
    fclose(out);
    CU_ASSERT_EQUAL(hits, 1);
    return path;
}

/* A copy of the shipped ruleset with from replaced by to is refused with an
 * error holding want. */
typedef struct BadVariant {
    const char *from, *to, *want;
} BadVariant;

static void expect_variant_errors(const BadVariant *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *p = variant(cases[i].from, cases[i].to);
        AdjRuleset *rs = NULL;
        AdjError err = {0};
        CU_ASSERT_EQUAL(adj_ruleset_load(p, &rs, &err), ADJ_ERR_INPUT);
        CU_ASSERT_PTR_NULL(rs);
        if (strstr(err.msg, cases[i].want) == NULL || strstr(err.msg, ".conf:") == NULL) {
            fprintf(stderr, "expected '%s' (with file:line) in '%s'\n", cases[i].want, err.msg);
            CU_FAIL("ruleset error text");
        }
        unlink(p);
    }
}

/* ruleset check refuses fees and thresholds outside sane bounds, naming
 * the line (docs/adjudication.md "Money") */
static void test_amount_bounds(void)
{
    static const BadVariant cases[] = {
        {"amount = \"149.30\"", "amount = \"0.00\"", ":239: fee of 99492: '0.00' is not an amount"},
        {"amount = \"149.30\"", "amount = \"-5.00\"", ":239: fee of 99492: '-5.00'"},
        {"amount = \"149.30\"", "amount = \"100000.01\"", ":239: fee of 99492: '100000.01'"},
        {"amount = \"149.30\"", "amount = \"92233720368547758.07\"", ":239: fee of 99492"},
        {"amount = \"149.30\"", "amount = \"1e9\"", ":239: fee of 99492: '1e9'"},
        {"high_dollar_review = \"10000.00\"", "high_dollar_review = \"0\"", ":163: 'high_dollar_review' must be an amount above 0.00"},
        {"high_dollar_review = \"10000.00\"", "high_dollar_review = \"1000000.01\"", ":163: 'high_dollar_review'"},
        {"high_dollar_review = \"10000.00\"", "high_dollar_review = \"NaN\"", ":163: 'high_dollar_review'"},
        {"default_units = 1;", "default_units = 0;", "mue.default_units must be an integer 1..999"},
    };
    expect_variant_errors(cases, sizeof(cases) / sizeof(cases[0]));
    /* the unchanged copy loads: the failures above are the substitutions' */
    const char *p = variant("high_dollar_review = \"10000.00\"", "high_dollar_review = \"2500.00\"");
    AdjRuleset *rs = NULL;
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_ruleset_load(p, &rs, &err), ADJ_OK);
    CU_ASSERT_EQUAL(rs != NULL ? rs->high_dollar : 0, 250000);
    adj_ruleset_free(rs);
    unlink(p);
}

/* frontend_problems: the codes of each kind of front-end problem are data,
 * every kind named, each error naming the line */
static void test_frontend_problems(void)
{
    load_shipped();
    const AdjRuleset *rs = adj_ruleset_for_dos(&shipped, 20260315);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    CU_ASSERT_STRING_EQUAL(rs->frontend[ADJ_PROBLEM_BILLING_NPI].rarc, "N257");
    CU_ASSERT_STRING_EQUAL(rs->frontend[ADJ_PROBLEM_BILLING_NPI].status, "562");
    CU_ASSERT_STRING_EQUAL(rs->frontend[ADJ_PROBLEM_BILLING_NPI].entity, "85");
    CU_ASSERT_STRING_EQUAL(rs->frontend[ADJ_PROBLEM_DX_NOT_BILLABLE].rarc, "M76");
    CU_ASSERT_STRING_EQUAL(rs->frontend[ADJ_PROBLEM_CLAIM_CHARGE].rarc, "");
    CU_ASSERT_STRING_EQUAL(rs->frontend[ADJ_PROBLEM_CLAIM_CHARGE].status, "400");
    CU_ASSERT_STRING_EQUAL(rs->frontend[ADJ_PROBLEM_OTHER].status, "21");
    static const BadVariant cases[] = {
        {"billing_npi = { rarc = \"N257\";", "billing_npi = { rarc = \"n257\";", "malformed RARC 'n257'"},
        {"  other = { status = \"21\"; };", "  others = { status = \"21\"; };",
         "unknown front-end problem kind 'others'"},
        {"  other = { status = \"21\"; };", "", "missing 'frontend_problems.other'"},
        {"claim_charge = { status = \"400\"; };", "claim_charge = { rarc = \"N1\"; };",
         "frontend_problems.claim_charge needs status"},
        {"claim_charge = { status = \"400\"; };", "claim_charge = { status = \"4 0\"; };",
         "malformed 277CA status code '4 0'"},
        {"patient = { status = \"21\"; entity = \"QC\"; };",
         "patient = { status = \"21\"; entity = \"QC\"; code = \"x\"; };",
         "unknown key 'code' in frontend_problems"},
        {"frontend_problems = {", "frontend_problemz = {", "unknown key 'frontend_problemz'"},
        /* the benefit edits' codes have no default in the program either */
        {"  timely_filing = { group = \"CO\"; carc = \"29\"; rarc = []; };", "",
         "missing 'benefit_edits.timely_filing'"},
    };
    expect_variant_errors(cases, sizeof(cases) / sizeof(cases[0]));
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
    {"the edit tables: PTP, MUE, add-ons, POS, ICD-10 F", test_tables},
    {"fees and thresholds outside sane bounds", test_amount_bounds},
    {"routing from the ruleset's code sets", test_routing},
    {"front-end problem and benefit edit codes are data", test_frontend_problems},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("ruleset", tests)
