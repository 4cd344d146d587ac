/* rerun/compare.c and rerun/report.c: a re-run's decision compared with the
 * decision in force field by field, described for people, counted by old ->
 * new outcome and CARC, and the change table's totals. No database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/memhist.h"
#include "rerun/rerun.h"
#include "rerun/rerun_int.h"
#include "unit.h"

static AdjDecision paid(void)
{
    AdjDecision d;
    memset(&d, 0, sizeof(d));
    snprintf(d.code, sizeof(d.code), "99492");
    d.route = ADJ_ROUTE_MEDICAL;
    d.outcome = ADJ_OUT_PAY;
    d.has_amounts = true;
    d.allowed = 14930;
    d.paid = 12189;
    d.patient_resp = 2741;
    snprintf(d.ruleset_id, sizeof(d.ruleset_id), "cocm-2026");
    memset(d.ruleset_sha256, 'a', 64);
    d.rules[0] = "route.code.cocm";
    d.rules[1] = "price.fee";
    d.nrules = 2;
    snprintf(d.reason, sizeof(d.reason), "99492 paid");
    return d;
}

static AdjStoreCurrent stored(void)
{
    static char sha[65];
    memset(sha, 'a', 64);
    AdjStoreCurrent c = {.claim_pk = 7, .line_no = 1, .version = 1, .code = "99492",
                         .route = "medical", .outcome = "pay", .grp = "", .carc = "",
                         .rarc = "", .has_amounts = true, .allowed = 14930, .paid = 12189,
                         .patient_resp = 2741, .ruleset_id = "cocm-2026", .ruleset_sha256 = sha,
                         .rules = "route.code.cocm\nprice.fee", .matched_claim = "",
                         .reason = "99492 paid"};
    return c;
}

static void test_same(void)
{
    AdjDecision d = paid();
    AdjStoreCurrent c = stored();
    CU_ASSERT_TRUE(adj_rerun_same(&d, 1, &c));
    CU_ASSERT_FALSE(adj_rerun_same(&d, 2, &c)); /* another line */
    d.paid = 12188;
    CU_ASSERT_FALSE(adj_rerun_same(&d, 1, &c));
    d = paid();
    d.nrules = 1; /* a rule less: the trace differs */
    CU_ASSERT_FALSE(adj_rerun_same(&d, 1, &c));
    d = paid();
    d.ruleset_sha256[0] = 'b'; /* same outcome under another ruleset text */
    CU_ASSERT_FALSE(adj_rerun_same(&d, 1, &c));
    d = paid();
    c.rules = "route.code.cocm\nprice.fee\n"; /* a trailing empty element is not equal */
    CU_ASSERT_FALSE(adj_rerun_same(&d, 1, &c));
    c = stored();
    c.reason = "99492 paid (replaces claim X)";
    CU_ASSERT_FALSE(adj_rerun_same(&d, 1, &c));
}

static void test_same_denial(void)
{
    AdjDecision d = paid();
    d.outcome = ADJ_OUT_DENY;
    snprintf(d.group, sizeof(d.group), "CO");
    snprintf(d.carc, sizeof(d.carc), "170");
    snprintf(d.rarc[0], sizeof(d.rarc[0]), "N95");
    d.nrarc = 1;
    d.allowed = d.paid = d.patient_resp = 0;
    AdjStoreCurrent c = stored();
    c.outcome = "deny";
    c.grp = "CO";
    c.carc = "170";
    c.rarc = "N95";
    c.allowed = c.paid = c.patient_resp = 0;
    CU_ASSERT_TRUE(adj_rerun_same(&d, 1, &c));
    c.rarc = "N95\nN522";
    CU_ASSERT_FALSE(adj_rerun_same(&d, 1, &c));
    char buf[160];
    adj_rerun_describe_new(&d, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "deny CO-170 N95 allowed 0.00 paid 0.00");
    adj_rerun_describe_old(&c, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "deny CO-170 N95 N522 allowed 0.00 paid 0.00");
    d.outcome = ADJ_OUT_PEND;
    d.group[0] = d.carc[0] = '\0';
    d.nrarc = 0;
    d.has_amounts = false;
    adj_rerun_describe_new(&d, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "pend");
}

static void test_tally_and_table(void)
{
    AdjRerunResult res;
    memset(&res, 0, sizeof(res));
    AdjStoreCurrent denied = stored();
    denied.outcome = "deny";
    denied.grp = "CO";
    denied.carc = "170";
    denied.paid = 0;
    AdjDecision d = paid();
    adj_rerun_tally(&res, &denied, &d);
    adj_rerun_tally(&res, &denied, &d);
    AdjStoreCurrent was = stored();
    AdjDecision more = paid();
    more.paid = 12500;
    adj_rerun_tally(&res, &was, &more);
    CU_ASSERT_EQUAL(res.ntally, 2);
    CU_ASSERT_STRING_EQUAL(res.tally[0].from, "deny CO-170");
    CU_ASSERT_STRING_EQUAL(res.tally[0].to, "pay");
    CU_ASSERT_EQUAL(res.tally[0].lines, 2);
    CU_ASSERT_EQUAL(res.tally[0].paid_to, 24378);
    CU_ASSERT_EQUAL(res.tally[1].paid_from, 12189);
    CU_ASSERT_EQUAL(res.tally[1].paid_to, 12500);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    adj_rerun_print_table(&res, f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "deny CO-170        pay                       2           0.00         243.78         243.78\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "total                                        3         121.89         368.78         246.89\n"));
    free(buf);
    adj_rerun_result_free(&res);
    CU_ASSERT_EQUAL(res.ntally, 0);
}

static void test_summary(void)
{
    AdjRerunOptions opt;
    memset(&opt, 0, sizeof(opt));
    AdjRerunResult res;
    memset(&res, 0, sizeof(res));
    res.claims = 1;
    res.lines = 1;
    res.run_id = 3;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    adj_rerun_print_summary(&opt, &res, f);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "rerun: 1 claim, 1 line: 0 changed in 0 claims, 1 unchanged; "
                                "nothing changed, nothing written (run 3)\n");
    free(buf);
    res.interrupted = true;
    res.selected = 10;
    res.done_before = 4;
    f = open_memstream(&buf, &len);
    adj_rerun_print_summary(&opt, &res, f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "rerun: interrupted after 5 of 10 claims; "));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "run the same command again to resume"));
    free(buf);
    /* a shadow run says so and names its candidate */
    memset(&res, 0, sizeof(res));
    res.claims = 2;
    res.lines = 2;
    res.lines_changed = 1;
    res.claims_changed = 1;
    res.shadow = true;
    snprintf(res.candidate[0], sizeof(res.candidate[0]), "cocm-2026-fee sha256 abc");
    opt.dry_run = true;
    f = open_memstream(&buf, &len);
    adj_rerun_print_summary(&opt, &res, f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "shadow run: candidate cocm-2026-fee sha256 abc against"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "shadow run: 2 claims, 2 lines: 1 changed in 1 claim, 1 "
                                       "unchanged; nothing written"));
    free(buf);
}

static void test_progress(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    adj_rerun_progress(f, true, 45, 100, false);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "\rrerun [#############-----------------]  45% 45/100 claims");
    free(buf);
}

static bool count_line(void *arg, const AdjHistLine *l)
{
    (void)l;
    (*(int *)arg)++;
    return true;
}

static void test_capture(void)
{
    AdjMemHistory *m = adj_memhist_new();
    AdjRerunCapture *cap = calloc(1, sizeof(*cap));
    AdjHistory h = adj_rerun_capture_interface(cap, adj_memhist_interface(m));
    AdjHistLine l;
    memset(&l, 0, sizeof(l));
    snprintf(l.claim_id, sizeof(l.claim_id), "A1");
    snprintf(l.billing_npi, sizeof(l.billing_npi), "1234567893");
    snprintf(l.code, sizeof(l.code), "99492");
    l.line = 1;
    l.dos = 20260120;
    l.month = adj_date_month(l.dos);
    l.units = 1;
    l.outcome = ADJ_OUT_PAY;
    AdjError err = {0};
    CU_ASSERT_FALSE(cap->recorded);
    CU_ASSERT_EQUAL(h.record(h.ctx, "M1", "M1", "1234567893", "A1", &l, 1, &err), ADJ_OK);
    CU_ASSERT_TRUE(cap->recorded);
    CU_ASSERT_EQUAL(cap->n, 1);
    CU_ASSERT_STRING_EQUAL(cap->claim_id, "A1");
    CU_ASSERT_STRING_EQUAL(cap->lines[0].code, "99492");
    int n = 0;
    h.month_lines(h.ctx, "M1", l.month, count_line, &n);
    CU_ASSERT_EQUAL(n, 1); /* passed through to the history */
    CU_ASSERT_TRUE(h.claim_find(h.ctx, "1234567893", "A1", "M1"));
    CU_ASSERT_EQUAL(h.claim_retract(h.ctx, "1234567893", "A1", "M1", &err), ADJ_OK);
    n = 0;
    h.month_lines(h.ctx, "M1", l.month, count_line, &n);
    CU_ASSERT_EQUAL(n, 0);
    free(cap);
    adj_memhist_free(m);
}

static const UnitTest tests[] = {
    {"capture of the engine's record call", test_capture},
    {"same decision field by field", test_same},
    {"denials, RARCs and descriptions", test_same_denial},
    {"tally and change table", test_tally_and_table},
    {"summary line", test_summary},
    {"progress bar", test_progress},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("rerun", tests)
