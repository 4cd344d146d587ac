/* Unit tests of report/: rates in basis points and their formatting,
 * suppression, CSV and JSON escaping, the rendered CSV, JSON and HTML of a
 * hand-built data set, and manifest write/verify. No database. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/sign.h"
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

static void test_suppression_note(void)
{
    CU_ASSERT_EQUAL(adj_report_min_cell(1), 11);
    CU_ASSERT_EQUAL(adj_report_min_cell(13), 13);
    char note[ADJ_REPORT_NOTE_SIZE];
    AdjReportOptions o = {.min_cell = 1};
    adj_report_suppression_note(&o, note, sizeof(note));
    CU_ASSERT_PTR_NOT_NULL(strstr(note, "Every count from 1 to 10 is suppressed"));
    /* the rule is stated whole, not cut by the buffer */
    CU_ASSERT_PTR_NOT_NULL(strstr(note, "The database applies the rule before any figure "
                                        "leaves it."));
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

/* a cell (12 members, denied and pended withheld), its plan total and the
 * report total, and a withheld denial row */
static AdjReportRow rows[4];
static AdjReportPlan plans[1] = {{"P,1", "Plan \"One\" <b>", true}};

static void fill(AdjReportRow *r, AdjReportLevel level, const char *plan, bool month)
{
    memset(r, 0, sizeof(*r));
    r->level = level;
    r->plan_id = plan;
    r->has_month = month;
    r->month = adj_month_make(2026, 1);
    for (int i = 0; i < ADJ_RM_COUNT; i++)
        r->v[i] = ADJ_REPORT_NONE;
}

static AdjReportData sample(void)
{
    AdjReportData d;
    memset(&d, 0, sizeof(d));
    const int64_t cell[ADJ_RM_COUNT] = {12, 13, 12, 9, -1, -1, 0, 12, 10, -1, -1, 0,
                                        0, 1, 0, 0, 11, 30};
    fill(&rows[0], ADJ_RL_CELL, "P,1", true);
    rows[0].family = "cocm_initial";
    rows[0].provider_kind = "medical";
    memcpy(rows[0].v, cell, sizeof(cell));
    fill(&rows[1], ADJ_RL_PLAN, "P,1", false);
    memcpy(rows[1].v, cell, sizeof(cell));
    fill(&rows[2], ADJ_RL_TOTAL, NULL, false);
    memcpy(rows[2].v, cell, sizeof(cell));
    fill(&rows[3], ADJ_RL_DENIAL, "P,1", true);
    rows[3].family = "cocm_initial";
    rows[3].provider_kind = "medical";
    rows[3].carc = "11";
    rows[3].v[ADJ_RM_MEMBERS] = rows[3].v[ADJ_RM_DENIED_FIRST] =
        rows[3].v[ADJ_RM_DENIED_FINAL] = ADJ_REPORT_WITHHELD;
    d.rows = rows;
    d.nrows = 4;
    d.plans = plans;
    d.nplans = 1;
    snprintf(d.as_of, sizeof(d.as_of), "2026-03-01T00:00:00Z");
    return d;
}

static AdjReportOptions options(void)
{
    AdjReportOptions o = {.from = adj_month_make(2026, 1), .to = adj_month_make(2026, 2),
                          .min_cell = 11, .as_of = "2026-03-01T00:00:00Z",
                          .prepared_at = "2026-03-02T09:00:00Z", .entity = "Acme Health, licence 933",
                          .contracts = "P,1: H0001", .attestation = "I attest.",
                          .fingerprint = "ab12"};
    return o;
}

static void test_csv(void)
{
    AdjReportData d = sample();
    AdjReportOptions o = options();
    char *out = render(adj_report_write_csv_cells, &d, &o);
    char want[2048];
    snprintf(want, sizeof(want), "%s\n"
             "cell,\"P,1\",2026-01,cocm_initial,medical,true,12,13,12,9,,,0,12,10,,,0,0,1,0,0,"
             "75.00,83.33,11,3.0\n"
             "plan,\"P,1\",,,,true,12,13,12,9,,,0,12,10,,,0,0,1,0,0,75.00,83.33,11,3.0\n"
             "total,,,,,true,12,13,12,9,,,0,12,10,,,0,0,1,0,0,75.00,83.33,11,3.0\n",
             adj_report_cells_header);
    CU_ASSERT_STRING_EQUAL(out, want);
    free(out);
    out = render(adj_report_write_csv_denials, &d, &o);
    snprintf(want, sizeof(want), "%s\ndenial,\"P,1\",2026-01,cocm_initial,medical,11,true,,,\n",
             adj_report_denials_header);
    CU_ASSERT_STRING_EQUAL(out, want);
    free(out);
    out = render(adj_report_write_csv_submission, &d, &o);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "cell,\"P,1\",2026-01,cocm_initial,medical,,paid_first,9,,,false\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "cell,\"P,1\",2026-01,cocm_initial,medical,,denied_first,,,,true\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "total,,,,,,first_pass_approval,9,12,75.00,false\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "denial,\"P,1\",2026-01,cocm_initial,medical,11,denied_final,,,,true\n"));
    CU_ASSERT_PTR_NULL(strstr(out, "median"));
    free(out);
}

static void test_json(void)
{
    AdjReportData d = sample();
    AdjReportOptions o = options();
    char *out = render(adj_report_write_json, &d, &o);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"as_of\":\"2026-03-01T00:00:00Z\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"reporting_entity\":\"Acme Health, licence 933\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"denied_first\":null,\"pended_first\":null"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"first_pass_rate_pct\":\"75.00\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "{\"level\":\"denial\",\"plan_id\":\"P,1\""));
    free(out);
}

static void test_html(void)
{
    AdjReportData d = sample();
    AdjReportOptions o = options();
    char *out = render(adj_report_write_html, &d, &o);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Plan &quot;One&quot; &lt;b&gt;"));
    CU_ASSERT_PTR_NULL(strstr(out, "<b>\""));
    CU_ASSERT_PTR_NULL(strstr(out, "<script"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Acme Health, licence 933"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "2026-03-02T09:00:00Z"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<b>13</b>CoCM/BHI lines submitted"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<b>75.00</b>approved at first pass (%)"
                                       "<small>paid 9 of 12 decided</small>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<b>83.33</b>approved finally"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<td class=\"w\">&ndash;</td>"));
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
    char file[256], manifest[256], priv[256], pub[256], priv2[256], pub2[256];
    snprintf(file, sizeof(file), "%s/r.csv", dir);
    snprintf(manifest, sizeof(manifest), "%s/r.csv.manifest", dir);
    snprintf(priv, sizeof(priv), "%s/k.pem", dir);
    snprintf(pub, sizeof(pub), "%s/k.pub", dir);
    snprintf(priv2, sizeof(priv2), "%s/o.pem", dir);
    snprintf(pub2, sizeof(pub2), "%s/o.pub", dir);
    AdjError err = {0};
    AdjSignKey *key = NULL, *pk = NULL, *other = NULL;
    CU_ASSERT_FATAL(adj_sign_keygen(priv, pub, &err) == ADJ_OK);
    CU_ASSERT_FATAL(adj_sign_keygen(priv2, pub2, &err) == ADJ_OK);
    CU_ASSERT_FATAL(adj_sign_load_private(priv, &key, &err) == ADJ_OK);
    CU_ASSERT_FATAL(adj_sign_load_public(pub, &pk, &err) == ADJ_OK);
    CU_ASSERT_FATAL(adj_sign_load_public(pub2, &other, &err) == ADJ_OK);
    FILE *f = fopen(file, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("a,b\n1,2\n", f);
    fclose(f);
    const char *files[] = {file};
    const char *fields[] = {"report test", "as_of 2026-03-01T00:00:00Z"};
    CU_ASSERT_EQUAL(adj_report_manifest_write(manifest, files, 1, fields, 2, key, &err), ADJ_OK);
    char msgs[4096] = "";
    int problems = -1, nfiles = 0;
    CU_ASSERT_EQUAL(adj_report_manifest_verify(manifest, pk, collect, msgs, &problems,
                                               &nfiles, &err), ADJ_OK);
    CU_ASSERT_EQUAL(problems, 0);
    CU_ASSERT_EQUAL(nfiles, 1);
    /* another public key */
    adj_report_manifest_verify(manifest, other, collect, msgs, &problems, &nfiles, &err);
    CU_ASSERT_EQUAL(problems, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msgs, "signed with another key"));
    /* one byte changed */
    msgs[0] = '\0';
    f = fopen(file, "r+");
    fseek(f, 5, SEEK_SET);
    fputc('3', f);
    fclose(f);
    adj_report_manifest_verify(manifest, pk, collect, msgs, &problems, &nfiles, &err);
    CU_ASSERT_EQUAL(problems, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msgs, "r.csv: changed"));
    /* missing file */
    msgs[0] = '\0';
    unlink(file);
    adj_report_manifest_verify(manifest, pk, collect, msgs, &problems, &nfiles, &err);
    CU_ASSERT_EQUAL(problems, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msgs, "r.csv: missing"));
    unlink(manifest);
    /* not a manifest */
    CU_ASSERT_EQUAL(adj_report_manifest_verify(manifest, pk, collect, msgs, &problems,
                                               &nfiles, &err), ADJ_ERR_INPUT);
    adj_sign_free(key);
    adj_sign_free(pk);
    adj_sign_free(other);
    unlink(priv);
    unlink(pub);
    unlink(priv2);
    unlink(pub2);
    rmdir(dir);
}

static const UnitTest tests[] = {
    {"rate in basis points", test_rate_bp},
    {"rate and tenths formatting", test_format},
    {"suppression rule", test_suppression_note},
    {"csv field escaping", test_csv_field},
    {"csv cells and denials", test_csv},
    {"json", test_json},
    {"html", test_html},
    {"manifest write and verify", test_manifest},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("report", tests)
