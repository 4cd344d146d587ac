/* pend/pend.c checks that need no database (amounts, reasons, the most a
 * line may be paid) and x12/names.c (the patient's name before a CLM). */
#include <stdint.h>
#include <string.h>

#include "pend/pend.h"
#include "unit.h"
#include "x12/x12.h"

static void test_amount(void)
{
    AdjError err = {0};
    AdjMoney v = 0;
    CU_ASSERT_EQUAL(adj_pend_parse_amount("149.30", &v, &err), ADJ_OK);
    CU_ASSERT_EQUAL(v, 14930);
    CU_ASSERT_EQUAL(adj_pend_parse_amount("80", &v, &err), ADJ_OK);
    CU_ASSERT_EQUAL(v, 8000);
    CU_ASSERT_EQUAL(adj_pend_parse_amount("149.301", &v, &err), ADJ_ERR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "at most two decimals"));
    CU_ASSERT_EQUAL(adj_pend_parse_amount("1e3", &v, &err), ADJ_ERR_USAGE);
    CU_ASSERT_EQUAL(adj_pend_parse_amount("", &v, &err), ADJ_ERR_USAGE);
    CU_ASSERT_EQUAL(adj_pend_parse_amount("0", &v, &err), ADJ_ERR_INPUT);
    CU_ASSERT_EQUAL(adj_pend_parse_amount("-5", &v, &err), ADJ_ERR_INPUT);
    CU_ASSERT_EQUAL(adj_pend_parse_amount("100000.00", &v, &err), ADJ_OK);
    CU_ASSERT_EQUAL(adj_pend_parse_amount("100000.01", &v, &err), ADJ_ERR_INPUT);
    CU_ASSERT_EQUAL(adj_pend_parse_amount("99999999999999999999", &v, &err), ADJ_ERR_USAGE);
}

static void test_reason(void)
{
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_pend_check_reason("second visit", &err), ADJ_OK);
    CU_ASSERT_EQUAL(adj_pend_check_reason(NULL, &err), ADJ_ERR_USAGE);
    CU_ASSERT_EQUAL(adj_pend_check_reason(" \t", &err), ADJ_ERR_USAGE);
    CU_ASSERT_EQUAL(adj_pend_check_reason("a\nb", &err), ADJ_ERR_USAGE);
    char long_reason[ADJ_PEND_REASON_MAX + 2];
    memset(long_reason, 'x', sizeof(long_reason) - 1);
    long_reason[sizeof(long_reason) - 1] = '\0';
    CU_ASSERT_EQUAL(adj_pend_check_reason(long_reason, &err), ADJ_ERR_USAGE);
}

static void test_max(void)
{
    AdjError err = {0};
    AdjMoney m = 0;
    CU_ASSERT_EQUAL(adj_pend_max_allowed(true, 14930, 1, 20000, &m, &err), ADJ_OK);
    CU_ASSERT_EQUAL(m, 14930); /* fee x units below the charge */
    CU_ASSERT_EQUAL(adj_pend_max_allowed(true, 5800, 4, 20000, &m, &err), ADJ_OK);
    CU_ASSERT_EQUAL(m, 20000); /* the charge below fee x units */
    CU_ASSERT_EQUAL(adj_pend_max_allowed(false, 0, 1, 9000, &m, &err), ADJ_OK);
    CU_ASSERT_EQUAL(m, 9000);
    CU_ASSERT_EQUAL(adj_pend_max_allowed(true, INT64_MAX / 2, 3, INT64_MAX, &m, &err),
                    ADJ_ERR_INPUT); /* overflow refused, never wrapped */
    CU_ASSERT_EQUAL(adj_pend_max_allowed(false, 0, 1, INT64_MAX, &m, &err), ADJ_OK);
    CU_ASSERT_EQUAL(m, ADJ_PEND_MAX_ALLOWED);
}

static void test_names(void)
{
    char out[80];
    const char *sub = "HL*2*1*22*0~\nNM1*IL*1*CHEN*MAY****MI*M1~\nDMG*D8*19800704*F~\n";
    CU_ASSERT_TRUE(adj_x12_patient_name(sub, strlen(sub), false, out, sizeof(out)));
    CU_ASSERT_STRING_EQUAL(out, "CHEN, MAY");
    const char *dep = "NM1*IL*1*CHEN*MAY****MI*M1~NM1*PR*2*PLAN~HL*3*2*23*0~PAT*19~"
                      "NM1*QC*1*CHEN*LILY~DMG*D8*20140502*F~";
    CU_ASSERT_TRUE(adj_x12_patient_name(dep, strlen(dep), true, out, sizeof(out)));
    CU_ASSERT_STRING_EQUAL(out, "CHEN, LILY");
    CU_ASSERT_TRUE(adj_x12_patient_name(dep, strlen(dep), false, out, sizeof(out)));
    CU_ASSERT_STRING_EQUAL(out, "CHEN, MAY");
    /* a previous claim in between: not guessed */
    const char *prev = "NM1*IL*1*CHEN*MAY~CLM*A1*10***11:B:1~LX*1~";
    CU_ASSERT_FALSE(adj_x12_patient_name(prev, strlen(prev), false, out, sizeof(out)));
    CU_ASSERT_FALSE(adj_x12_patient_name("", 0, false, out, sizeof(out)));
    CU_ASSERT_FALSE(adj_x12_patient_name("NM1*IL~", 7, false, out, sizeof(out)));
    /* too long for out: the first name is left off, never overflowed */
    char small[6];
    CU_ASSERT_TRUE(adj_x12_patient_name(sub, strlen(sub), false, small, sizeof(small)));
    CU_ASSERT_STRING_EQUAL(small, "CHEN");
}

static const UnitTest tests[] = {
    {"amounts: two decimals, positive, bounded", test_amount},
    {"reason required, no control characters", test_reason},
    {"most a line may be paid", test_max},
    {"patient name before a claim", test_names},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("pend", tests)
