/* Unit tests of report/: rates in basis points and their formatting,
 * suppression, CSV and JSON escaping, the rendered CSV, JSON and HTML of a
 * hand-built data set, and manifest write/verify. No database. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "unit.h"

static char *render(void (*fn)(FILE *, const AdjReportData *, const AdjReportOptions *),
                    const AdjReportData *d, const AdjReportOptions *o)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    fn(f, d, o);
    fclose(f);
    return buf;
}

static void test_rate_bp(void)
{
    CU_ASSERT_EQUAL(adj_report_rate_bp(0, 0), -1);
    CU_ASSERT_EQUAL(adj_report_rate_bp(9, 12), 7500);
    CU_ASSERT_EQUAL(adj_report_rate_bp(10, 12), 8333);  /* 8333.33 */
    CU_ASSERT_EQUAL(adj_report_rate_bp(2, 3), 6667);    /* 6666.67 up */
    CU_ASSERT_EQUAL(adj_report_rate_bp(10, 14), 7143);  /* 7142.86 */
    CU_ASSERT_EQUAL(adj_report_rate_bp(1, 20000), 1);   /* exactly 0.5 bp: half up */
    CU_ASSERT_EQUAL(adj_report_rate_bp(1, 20001), 0);   /* just under half */
    CU_ASSERT_EQUAL(adj_report_rate_bp(14, 14), 10000);
    CU_ASSERT_EQUAL(adj_report_rate_bp(0, 11), 0);
    /* large counts stay exact in int64 */
    CU_ASSERT_EQUAL(adj_report_rate_bp(333333333333LL, 1000000000000LL), 3333);
}

static void test_format(void)
{
    char b[24];
    adj_report_format_bp(7500, b, sizeof(b));
    CU_ASSERT_STRING_EQUAL(b, "75.00");
    adj_report_format_bp(10000, b, sizeof(b));
    CU_ASSERT_STRING_EQUAL(b, "100.00");
    adj_report_format_bp(5, b, sizeof(b));
    CU_ASSERT_STRING_EQUAL(b, "0.05");
    adj_report_format_bp(0, b, sizeof(b));
    CU_ASSERT_STRING_EQUAL(b, "0.00");
    adj_report_format_bp(-1, b, sizeof(b));
    CU_ASSERT_STRING_EQUAL(b, "");
    adj_report_format_tenths(15, b, sizeof(b));
    CU_ASSERT_STRING_EQUAL(b, "1.5");
    adj_report_format_tenths(0, b, sizeof(b));
    CU_ASSERT_STRING_EQUAL(b, "0.0");
    adj_report_format_tenths(-1, b, sizeof(b));
    CU_ASSERT_STRING_EQUAL(b, "");
}

static void test_suppressed(void)
{
    CU_ASSERT_FALSE(adj_report_suppressed(0, 11));
    CU_ASSERT_TRUE(adj_report_suppressed(1, 11));
    CU_ASSERT_TRUE(adj_report_suppressed(10, 11));
    CU_ASSERT_FALSE(adj_report_suppressed(11, 11));
    CU_ASSERT_FALSE(adj_report_suppressed(1, 1));
    char note[ADJ_REPORT_NOTE_SIZE];
    AdjReportOptions o = {.min_cell = 11};
    adj_report_suppression_note(&o, note, sizeof(note));
    CU_ASSERT_PTR_NOT_NULL(strstr(note, "1 to 10 distinct members are suppressed"));
    /* the complementary rule is stated whole, not cut by the buffer */
    CU_ASSERT_PTR_NOT_NULL(strstr(note, "Complementary suppression: when exactly one denial"));
    CU_ASSERT_PTR_NOT_NULL(strstr(note, "can be recovered by subtraction."));
}

static void test_csv_field(void)
{
    const char *in[] = {"IN", "a,b", "say \"hi\"", "two\nlines", "=HYPERLINK(1)", "-1+1",
                        "@x", "", NULL};
    const char *want = "IN|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"'=HYPERLINK(1)\"|"
                       "\"'-1+1\"|\"'@x\"||";
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    for (int i = 0; in[i] != NULL; i++) {
        adj_report_csv_field(f, in[i]);
        fputc('|', f);
    }
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, want);
    free(buf);
}

/* two cells: one of 12 members (shown), one of 3 (suppressed); one denial
 * row, of the shown cell, suppressed (2 members): it is the cell's only
 * denial row, so the cell's denied_* and pended_* are withheld */
static AdjReportCell cells[2];
static AdjReportDenial denials[1];
static AdjReportPlan plans[1] = {{"P,1", "Plan \"One\" <b>", true}};

static AdjReportData sample(void)
{
    AdjMonth jan = adj_month_make(2026, 1);
    cells[0] = (AdjReportCell){.plan_id = "P,1", .month = jan, .family = "cocm_initial",
                               .provider_kind = "medical", .members = 12, .submitted = 13,
                               .decided_first = 12, .paid_first = 9, .denied_first = 2,
                               .pended_first = 1, .decided_final = 12, .paid_final = 10,
                               .denied_final = 2, .rejected = 1, .misroutes = 11,
                               .median_tenths = 30};
    cells[1] = (AdjReportCell){.plan_id = "P,1", .month = jan, .family = "cocm_addon",
                               .provider_kind = "", .members = 3, .submitted = 3,
                               .decided_first = 3, .paid_first = 3, .decided_final = 3,
                               .paid_final = 3, .median_tenths = 10};
    denials[0] = (AdjReportDenial){.plan_id = "P,1", .month = jan, .family = "cocm_initial",
                                   .provider_kind = "medical", .carc = "11", .members = 2,
                                   .denied_first = 2};
    AdjReportData d;
    memset(&d, 0, sizeof(d));
    d.cells = cells;
    d.ncells = 2;
    d.denials = denials;
    d.ndenials = 1;
    d.plans = plans;
    d.nplans = 1;
    return d;
}

static void test_csv(void)
{
    AdjReportData d = sample();
    AdjReportOptions o = {.from = adj_month_make(2026, 1), .to = adj_month_make(2026, 2),
                          .min_cell = 11};
    char *out = render(adj_report_write_csv_cells, &d, &o);
    char want[2048];
    snprintf(want, sizeof(want), "%s\n"
             "\"P,1\",2026-01,cocm_initial,medical,false,12,13,12,9,,,12,10,,,0,1,0,0,"
             "75.00,83.33,11,3.0\n"
             "\"P,1\",2026-01,cocm_addon,,true,,,,,,,,,,,,,,,,,,\n",
             adj_report_cells_header);
    CU_ASSERT_STRING_EQUAL(out, want);
    free(out);
    out = render(adj_report_write_csv_denials, &d, &o);
    snprintf(want, sizeof(want), "%s\n\"P,1\",2026-01,cocm_initial,medical,11,true,,,\n",
             adj_report_denials_header);
    CU_ASSERT_STRING_EQUAL(out, want);
    free(out);
    /* min_cell 1: nothing suppressed */
    o.min_cell = 1;
    out = render(adj_report_write_csv_cells, &d, &o);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "cocm_addon,,false,3,3,3,3,0,0,3,3,0,0,0,0,0,0,100.00,"
                                       "100.00,0,1.0\n"));
    free(out);
}

static void test_json(void)
{
    AdjReportData d = sample();
    AdjReportOptions o = {.from = adj_month_make(2026, 1), .to = adj_month_make(2026, 2),
                          .plan_id = "P,1", .min_cell = 11};
    char *out = render(adj_report_write_json, &d, &o);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"from\":\"2026-01\",\"to\":\"2026-02\",\"plan_id\":\"P,1\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"members\":12,\"lines_submitted\":13,"
                                       "\"decided_first\":12,\"paid_first\":9,"
                                       "\"denied_first\":null,\"pended_first\":null,"
                                       "\"decided_final\":12,\"paid_final\":10,"
                                       "\"denied_final\":null,\"pended_final\":null,"
                                       "\"forwarded\":0,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Complementary suppression: when exactly one"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"first_pass_rate_pct\":\"75.00\",\"final_rate_pct\":"
                                       "\"83.33\",\"misroutes_prevented\":11,"
                                       "\"median_days_to_first_decision\":\"3.0\"}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"code_family\":\"cocm_addon\",\"provider_kind\":null,"
                                       "\"suppressed\":true,\"members\":null,"
                                       "\"lines_submitted\":null"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"first_pass_rate_pct\":null"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"carc\":\"11\",\"suppressed\":true,\"members\":null"));
    /* the same data renders the same bytes */
    char *again = render(adj_report_write_json, &d, &o);
    CU_ASSERT_STRING_EQUAL(out, again);
    free(again);
    free(out);
}

static void test_html(void)
{
    AdjReportData d = sample();
    AdjReportOptions o = {.from = adj_month_make(2026, 1), .to = adj_month_make(2026, 2),
                          .min_cell = 11};
    char *out = render(adj_report_write_html, &d, &o);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Plan &quot;One&quot; &lt;b&gt;"));
    CU_ASSERT_PTR_NULL(strstr(out, "<b>\""));
    CU_ASSERT_PTR_NULL(strstr(out, "<script"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Here 1 of 2 cells and 1 denial rows are suppressed."));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "suppressed (fewer than 11 members)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Complementary suppression: when exactly one"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Of those denial rows 0 are suppressed "
                                       "complementarily, and 1 shown cells have their denied "
                                       "and pended counts withheld."));
    /* the shown cell's row: denied finally withheld, the rest shown */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<td>12</td><td>13</td><td>9</td><td>10</td>"
                                       "<td>withheld</td><td>75.00</td><td>83.33</td>"));
    /* totals from the shown cell only: 13 lines, 75.00 and 83.33 */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<b>13</b>CoCM/BHI lines submitted"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<b>75.00</b>approved at first pass"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<b>83.33</b>approved finally"));
    free(out);
}

static void collect(void *ctx, const char *msg)
{
    char *buf = ctx;
    strncat(buf, msg, 4000 - strlen(buf));
    strncat(buf, "\n", 4000 - strlen(buf));
}

static void test_manifest(void)
{
    char dir[] = "/tmp/adj_report_XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char file[256], manifest[256];
    snprintf(file, sizeof(file), "%s/r.csv", dir);
    snprintf(manifest, sizeof(manifest), "%s/r.csv.manifest", dir);
    FILE *f = fopen(file, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("a,b\n1,2\n", f);
    fclose(f);
    const uint8_t key[] = "0123456789abcdef0123";
    const char *files[] = {file};
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_report_manifest_write(manifest, files, 1, "report test", key, 20, &err),
                    ADJ_OK);
    char msgs[4096] = "";
    int problems = -1, nfiles = 0;
    CU_ASSERT_EQUAL(adj_report_manifest_verify(manifest, key, 20, collect, msgs, &problems,
                                               &nfiles, &err), ADJ_OK);
    CU_ASSERT_EQUAL(problems, 0);
    CU_ASSERT_EQUAL(nfiles, 1);
    /* one byte changed */
    f = fopen(file, "r+");
    fseek(f, 5, SEEK_SET);
    fputc('3', f);
    fclose(f);
    adj_report_manifest_verify(manifest, key, 20, collect, msgs, &problems, &nfiles, &err);
    CU_ASSERT_EQUAL(problems, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msgs, "r.csv: changed"));
    /* another key */
    msgs[0] = '\0';
    const uint8_t other[] = "fedcba9876543210fedc";
    adj_report_manifest_verify(manifest, other, 20, collect, msgs, &problems, &nfiles, &err);
    CU_ASSERT_PTR_NOT_NULL(strstr(msgs, "signed with another key"));
    /* missing file */
    msgs[0] = '\0';
    unlink(file);
    adj_report_manifest_verify(manifest, key, 20, collect, msgs, &problems, &nfiles, &err);
    CU_ASSERT_EQUAL(problems, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msgs, "r.csv: missing"));
    unlink(manifest);
    /* not a manifest */
    CU_ASSERT_EQUAL(adj_report_manifest_verify(manifest, key, 20, collect, msgs, &problems,
                                               &nfiles, &err), ADJ_ERR_INPUT);
    rmdir(dir);
}

static const UnitTest tests[] = {
    {"rate in basis points", test_rate_bp},
    {"rate and tenths formatting", test_format},
    {"suppression rule", test_suppressed},
    {"csv field escaping", test_csv_field},
    {"csv cells and denials", test_csv},
    {"json", test_json},
    {"html", test_html},
    {"manifest write and verify", test_manifest},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("report", tests)
