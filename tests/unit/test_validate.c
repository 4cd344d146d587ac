/* Unit tests of claim/validate.c on claims built by hand: each front-end
 * check, its element, loop and RARC, and that a clean claim has none. */
#include <stdio.h>
#include <string.h>

#include "claim/validate.h"
#include "unit.h"

static void good_claim(AdjClaim *c)
{
    memset(c, 0, sizeof(*c));
    strcpy(c->claim_id, "C1");
    strcpy(c->member_id, "M1");
    strcpy(c->billing_npi, "1234567893");
    strcpy(c->pos, "11");
    strcpy(c->freq, "1");
    c->interchange_date = 20260115;
    c->segment = 20;
    c->ndx = 1;
    strcpy(c->dx[0], "F331");
    strcpy(c->dx_qual[0], "ABK");
    c->total_charge = 15000;
    c->nlines = 1;
    AdjLine *l = &c->lines[0];
    l->lx = 1;
    l->segment = 22;
    l->sv1_segment = 23;
    l->dtp_segment = 24;
    strcpy(l->qualifier, "HC");
    strcpy(l->code, "99492");
    l->charge = 15000;
    strcpy(l->unit_basis, "UN");
    l->units_milli = 1000;
    l->dx_ptr[0] = 1;
    l->ndx_ptr = 1;
    l->dos_from = l->dos_to = 20260105;
}

static const AdjProblem *only(const AdjClaim *c)
{
    CU_ASSERT_EQUAL(c->nproblems, 1);
    return c->nproblems > 0 ? &c->problems[0] : NULL;
}

static void test_clean_claim(void)
{
    AdjClaim c;
    good_claim(&c);
    adj_claim_validate(&c);
    CU_ASSERT_EQUAL(c.nproblems, 0);
}

static void test_npis(void)
{
    AdjClaim c;
    good_claim(&c);
    strcpy(c.billing_npi, "1234567890");
    c.billing_segment = 9;
    adj_claim_validate(&c);
    const AdjProblem *p = only(&c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->segment, 9);
    CU_ASSERT_STRING_EQUAL(p->loop, "2010AA");
    CU_ASSERT_STRING_EQUAL(p->element, "NM109");
    CU_ASSERT_EQUAL(p->kind, ADJ_PROBLEM_BILLING_NPI);
    good_claim(&c);
    c.billing_npi[0] = '\0';
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "billing provider NPI is missing");
    good_claim(&c);
    strcpy(c.rendering_npi, "12345");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "rendering provider NPI '12345' is not 10 digits");
    CU_ASSERT_EQUAL(c.problems[0].kind, ADJ_PROBLEM_RENDERING_NPI);
    CU_ASSERT_STRING_EQUAL(c.problems[0].loop, "2310B");
    good_claim(&c);
    strcpy(c.rendering_npi, "1987654328"); /* valid */
    strcpy(c.lines[0].rendering_npi, "1987654329");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->loop, "2420A");
}

static void test_required_elements(void)
{
    AdjClaim c;
    good_claim(&c);
    c.member_id[0] = '\0';
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "subscriber member ID is missing");
    CU_ASSERT_STRING_EQUAL(c.problems[0].loop, "2010BA");
    good_claim(&c);
    c.lines[0].code[0] = '\0';
    adj_claim_validate(&c);
    CU_ASSERT_EQUAL(only(&c)->kind, ADJ_PROBLEM_PROCEDURE);
    good_claim(&c);
    strcpy(c.lines[0].code, "9949");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "line 1 procedure code '9949' is not a 5-character CPT/HCPCS code");
    good_claim(&c);
    c.nlines = 0;
    c.total_charge = 0;
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "the claim has no service line (LX/SV1)");
    good_claim(&c);
    c.lines[0].units_milli = 0;
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->element, "SV104");
    good_claim(&c);
    strcpy(c.lines[0].unit_basis, "DA");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "line 1 unit basis 'DA' is not UN or MJ");
    good_claim(&c);
    c.lines[0].dos_from = c.lines[0].dos_to = 0;
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "line 1 has no service date (DTP*472)");
    /* an element the reader already reported is not reported again */
    good_claim(&c);
    c.lines[0].dos_from = c.lines[0].dos_to = 0;
    c.lines[0].unread |= ADJ_UNREAD_DOS;
    adj_claim_validate(&c);
    CU_ASSERT_EQUAL(c.nproblems, 0);
    /* a dependent needs a first name and a birth date for the person key */
    good_claim(&c);
    c.patient_is_dependent = true;
    strcpy(c.patient_first, "ANA");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "dependent patient birth date is missing");
}

static void test_frequency(void)
{
    AdjClaim c;
    good_claim(&c);
    strcpy(c.freq, "8");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "frequency 8 claim has no REF*F8 original claim reference");
    good_claim(&c);
    strcpy(c.freq, "8");
    strcpy(c.original_ref, "X1");
    adj_claim_validate(&c);
    CU_ASSERT_EQUAL(c.nproblems, 0);
    good_claim(&c);
    strcpy(c.freq, "5");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "claim frequency code '5' is not 1, 7 or 8");
    good_claim(&c);
    c.freq[0] = '\0';
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->element, "CLM05-3");
}

static void test_dates_and_amounts(void)
{
    AdjClaim c;
    good_claim(&c);
    c.lines[0].dos_to = 20260104;
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "line 1 service date range 2026-01-05 to 2026-01-04 ends before it starts");
    good_claim(&c);
    c.lines[0].dos_to = 20260116; /* the range ends after GS04 */
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "line 1 date of service 2026-01-16 is after the interchange date 2026-01-15 (GS04)");
    good_claim(&c);
    c.lines[0].dos_from = c.lines[0].dos_to = 20260115; /* same day is fine */
    adj_claim_validate(&c);
    CU_ASSERT_EQUAL(c.nproblems, 0);
    good_claim(&c);
    c.total_charge = 15001;
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "total charge 150.01 does not equal the sum of the line charges (SV102) 150.00");
    good_claim(&c);
    c.nlines = 2;
    c.lines[1] = c.lines[0];
    c.lines[0].charge = INT64_MAX;
    c.lines[1].charge = 1;
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "the line charges overflow when summed");
    good_claim(&c);
    c.total_charge = -100;
    c.lines[0].charge = -100;
    adj_claim_validate(&c);
    CU_ASSERT_EQUAL(c.nproblems, 2); /* both negative; the sum agrees */
}

static void test_diagnoses(void)
{
    CU_ASSERT_TRUE(adj_claim_dx_shape_ok("ABK", "F331"));
    CU_ASSERT_TRUE(adj_claim_dx_shape_ok("ABF", "F1020"));
    CU_ASSERT_TRUE(adj_claim_dx_shape_ok("ABF", "S72001A"));
    CU_ASSERT_TRUE(adj_claim_dx_shape_ok("ABK", "U071"));
    CU_ASSERT_FALSE(adj_claim_dx_shape_ok("ABK", "F33.1"));
    CU_ASSERT_FALSE(adj_claim_dx_shape_ok("ABK", "F3"));
    CU_ASSERT_FALSE(adj_claim_dx_shape_ok("ABK", "3310"));
    CU_ASSERT_FALSE(adj_claim_dx_shape_ok("ABK", "f331"));
    CU_ASSERT_FALSE(adj_claim_dx_shape_ok("ABK", "F3310000"));
    CU_ASSERT_TRUE(adj_claim_dx_shape_ok("BK", "0340"));
    CU_ASSERT_TRUE(adj_claim_dx_shape_ok("BF", "V7389"));
    CU_ASSERT_TRUE(adj_claim_dx_shape_ok("BF", "E8888"));
    CU_ASSERT_FALSE(adj_claim_dx_shape_ok("BK", "F331"));
    CU_ASSERT_FALSE(adj_claim_dx_shape_ok("XX", "F331"));
    AdjClaim c;
    good_claim(&c);
    c.ndx = 0;
    c.lines[0].ndx_ptr = 0;
    adj_claim_validate(&c);
    CU_ASSERT_EQUAL(only(&c)->kind, ADJ_PROBLEM_DIAGNOSIS);
    good_claim(&c);
    strcpy(c.dx[0], "F33.1");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "diagnosis code at HI position 1 is not shaped like an ICD-10-CM (ABK/ABF) code");
    CU_ASSERT_PTR_NULL(strstr(c.problems[0].msg, "F33"));
    good_claim(&c);
    strcpy(c.dx_qual[0], "ABF");
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "principal diagnosis (HI position 1) qualifier ABF is not ABK or BK");
    good_claim(&c);
    c.lines[0].dx_ptr[0] = 2;
    adj_claim_validate(&c);
    CU_ASSERT_STRING_EQUAL(only(&c)->msg, "line 1 diagnosis pointer 2 points at no diagnosis (the claim has 1)");
    CU_ASSERT_STRING_EQUAL(c.problems[0].element, "SV107");
}

static void test_problem_cap(void)
{
    AdjClaim c;
    good_claim(&c);
    for (int i = 0; i < ADJ_MAX_PROBLEMS + 3; i++)
        adj_claim_problem(&c, 1, "CLM", "2300", "CLM01", ADJ_PROBLEM_OTHER, "problem %d", i);
    CU_ASSERT_EQUAL(c.nproblems, ADJ_MAX_PROBLEMS);
    CU_ASSERT_EQUAL(c.problems_dropped, 3);
    CU_ASSERT_STRING_EQUAL(c.problems[ADJ_MAX_PROBLEMS - 1].msg, "problem 15");
}

static const UnitTest tests[] = {
    {"clean_claim", test_clean_claim},
    {"npis", test_npis},
    {"required_elements", test_required_elements},
    {"frequency", test_frequency},
    {"dates_and_amounts", test_dates_and_amounts},
    {"diagnoses", test_diagnoses},
    {"problem_cap", test_problem_cap},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("validate", tests)
