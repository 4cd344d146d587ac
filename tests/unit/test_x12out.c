/* Unit tests of x12out/: amounts, segments and separators, the CAS builder,
 * 835 balancing (a claim that would not balance is refused, naming it),
 * reversals and the PLB that keeps BPR02 balanced, the 999 verdicts and the
 * 277CA status of rejected claims; and the reader's envelope verdicts. */
#include <string.h>

#include "claim/decision.h"
#include "unit.h"
#include "x12/x12.h"
#include "x12out/x12out.h"

static const char *text(AdjX12Out *w)
{
    adj_x12out_raw(w, "", 1); /* NUL-terminate */
    w->len--;
    return w->buf;
}

static void test_amount(void)
{
    char b[ADJ_MONEY_FMT_MAX];
    adj_x12out_amount(0, b);
    CU_ASSERT_STRING_EQUAL(b, "0");
    adj_x12out_amount(12345, b);
    CU_ASSERT_STRING_EQUAL(b, "123.45");
    adj_x12out_amount(12340, b);
    CU_ASSERT_STRING_EQUAL(b, "123.4");
    adj_x12out_amount(-5000, b);
    CU_ASSERT_STRING_EQUAL(b, "-50");
    adj_x12out_amount(-7, b);
    CU_ASSERT_STRING_EQUAL(b, "-0.07");
}

static void test_segment_separators(void)
{
    AdjX12Out w;
    adj_x12out_init(&w);
    char comp[40];
    ADJ_X12OUT_COMP(comp, "HC", "99492", "", "");
    /* a value holding our separators cannot forge a segment or a component */
    adj_x12out_seg(&w, "NM1", "QC", "O*BRIEN~X", "A:B^C", "", comp, "", "", (const char *)NULL);
    CU_ASSERT_STRING_EQUAL(text(&w), "NM1*QC*O BRIEN X*A B C**HC:99492~\n");
    CU_ASSERT_EQUAL(w.seg_count, 1);
    adj_x12out_free(&w);
}

static void test_envelope_isa_fixed_width(void)
{
    AdjX12Out w;
    adj_x12out_init(&w);
    AdjX12Env env = {.sender_qual = "ZZ", .sender_id = "PAYER", .receiver_qual = "ZZ",
                     .receiver_id = "SUBMITTER", .gs_sender = "P", .gs_receiver = "S",
                     .date = 20260301, .hhmm = 930, .isa13 = 42, .gs06 = 42, .usage = 'P'};
    adj_x12out_isa(&w, &env);
    CU_ASSERT_EQUAL(w.len, 107); /* 106 and a newline */
    CU_ASSERT_NSTRING_EQUAL(text(&w) + 82, "^*00501*000000042*0*P*:~", 24);
    adj_x12out_free(&w);
}

static AdjRemitLine pay_line(AdjMoney charge, AdjMoney allowed, AdjMoney resp)
{
    AdjRemitLine l = {.qualifier = "HC", .code = "99492", .charge = charge, .units_milli = 1000,
                      .dos = 20260115, .outcome = ADJ_OUT_PAY, .allowed = allowed,
                      .paid = allowed - resp};
    l.share = adj_x12out_share_from(resp);
    return l;
}

static void test_cas_builder(void)
{
    char g[6][3], c[6][6];
    AdjMoney a[6];
    AdjRemitLine l = pay_line(20000, 14930, 2986);
    int n = adj_x12out_835_cas(&l, g, c, a);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_STRING_EQUAL(g[0], "CO");
    CU_ASSERT_STRING_EQUAL(c[0], "45");
    CU_ASSERT_EQUAL(a[0], 5070);
    CU_ASSERT_STRING_EQUAL(g[1], "PR");
    CU_ASSERT_STRING_EQUAL(c[1], "2");
    CU_ASSERT_EQUAL(a[1], 2986);
    /* the split the engine will fill: PR-1, PR-2, PR-3 and OA-23 */
    l.share = (AdjRemitShare){.deductible = 1000, .coinsurance = 986, .copay = 500,
                             .cob_reduction = 500};
    l.paid = 14930 - 1000 - 986 - 500 - 500;
    n = adj_x12out_835_cas(&l, g, c, a);
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT_STRING_EQUAL(c[1], "1");
    CU_ASSERT_STRING_EQUAL(c[3], "3");
    CU_ASSERT_STRING_EQUAL(g[4], "OA");
    CU_ASSERT_STRING_EQUAL(c[4], "23");
    /* a denial: the edit's group and CARC for the whole charge */
    AdjRemitLine d = {.code = "99494", .charge = 7000, .outcome = ADJ_OUT_DENY, .group = "CO",
                      .carc = "107"};
    n = adj_x12out_835_cas(&d, g, c, a);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(c[0], "107");
    CU_ASSERT_EQUAL(a[0], 7000);
    /* forwarded to the BH administrator */
    AdjRemitLine f = {.code = "90837", .charge = 15000, .outcome = ADJ_OUT_FORWARD};
    n = adj_x12out_835_cas(&f, g, c, a);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(g[0], "OA");
    CU_ASSERT_STRING_EQUAL(c[0], "109");
}

static void test_835_refuses_unbalanced(void)
{
    AdjX12Remit r;
    adj_x12out_835_begin(&r);
    AdjRemitLine l = pay_line(20000, 14930, 2986);
    l.paid += 1; /* one cent more than the adjustments allow */
    AdjRemitClaim c = {.claim_id = "A1", .pcn = "2026000001", .lines = &l, .nlines = 1};
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_x12out_835_claim(&r, &c, &err), ADJ_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "claim A1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "does not balance"));
    CU_ASSERT_EQUAL(r.body.len, 0); /* nothing of it written */
    CU_ASSERT_EQUAL(r.claims, 0);
    adj_x12out_835_free(&r);
}

static void test_835_reversal_and_plb(void)
{
    AdjX12Remit r;
    adj_x12out_835_begin(&r);
    AdjRemitLine l = pay_line(20000, 14930, 2986);
    AdjRemitClaim c = {.claim_id = "A1", .pcn = "2026000001", .reversal = true, .lines = &l,
                       .nlines = 1};
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_x12out_835_claim(&r, &c, &err), ADJ_OK);
    CU_ASSERT_EQUAL(r.total_paid, -11944);
    CU_ASSERT_PTR_NOT_NULL(strstr(text(&r.body), "CLP*A1*22*-200*-119.44*-29.86*ZZ*2026000001~"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text(&r.body), "CAS*CO*45*-50.7~"));
    AdjX12Out w;
    adj_x12out_init(&w);
    AdjRemitPayerInfo payer = {.name = "PLAN"};
    AdjRemitPayee payee = {.npi = "1234567893", .name = "CLINIC"};
    CU_ASSERT_EQUAL(adj_x12out_835_head(&r, &w, 1, "T1", &payer, &payee, 20260301, &err), ADJ_OK);
    /* the void takes 119.44 back: carried as a PLB WO, BPR02 is zero */
    CU_ASSERT_PTR_NOT_NULL(strstr(text(&w), "BPR*H*0*C*NON"));
    adj_x12out_raw(&w, r.body.buf, r.body.len);
    adj_x12out_835_tail(&r, &w, 1, payee.npi, 20260301);
    CU_ASSERT_PTR_NOT_NULL(strstr(text(&w), "PLB*1234567893*20261231*WO:2026000001*-119.44~"));
    CU_ASSERT_EQUAL(r.total_paid - r.plb_total, 0);
    adj_x12out_free(&w);
    adj_x12out_835_free(&r);
}

/* The STC codes are the codes table's (a ruleset's frontend_problems), by
 * the problem's kind; without a table, 21 (missing or invalid information). */
static void test_277_stc_codes(void)
{
    AdjProblemCodes codes[ADJ_PROBLEM_NKINDS] = {
        [ADJ_PROBLEM_OTHER] = {"", "21", ""},
        [ADJ_PROBLEM_BILLING_NPI] = {"N257", "562", "85"},
        [ADJ_PROBLEM_CLAIM_CHARGE] = {"", "400", ""},
        [ADJ_PROBLEM_PROCEDURE] = {"M51", "454", ""},
    };
    AdjProblem p = {.segment_id = "NM1", .loop = "2010AA", .element = "NM109",
                    .kind = ADJ_PROBLEM_BILLING_NPI};
    char b[24];
    adj_x12out_277_stc(codes, &p, b);
    CU_ASSERT_STRING_EQUAL(b, "A3\x1F" "562\x1F" "85"); /* 0x1F: component */
    AdjProblem q = {.segment_id = "CLM", .loop = "2300", .element = "CLM02",
                    .kind = ADJ_PROBLEM_CLAIM_CHARGE};
    adj_x12out_277_stc(codes, &q, b);
    CU_ASSERT_STRING_EQUAL(b, "A3\x1F" "400");
    AdjProblem m = {.segment_id = "SV1", .loop = "2400", .element = "SV101-2",
                    .kind = ADJ_PROBLEM_PROCEDURE};
    adj_x12out_277_stc(codes, &m, b);
    CU_ASSERT_STRING_EQUAL(b, "A3\x1F" "454");
    codes[ADJ_PROBLEM_PROCEDURE] = (AdjProblemCodes){"M51", "128", "82"}; /* data, not code */
    adj_x12out_277_stc(codes, &m, b);
    CU_ASSERT_STRING_EQUAL(b, "A3\x1F" "128\x1F" "82");
    adj_x12out_277_stc(NULL, &p, b);
    CU_ASSERT_STRING_EQUAL(b, "A3\x1F" "21");
    AdjProblem bad = {.kind = 200}; /* out of range: other */
    adj_x12out_277_stc(codes, &bad, b);
    CU_ASSERT_STRING_EQUAL(b, "A3\x1F" "21");
}

/* The reader's envelope verdicts feed the 999: a set with a bad SE count is
 * rejected (IK5 R 4), the other accepted; the group is partially accepted. */
typedef struct Seen {
    AdjX12Interchange ix;
    AdjX12SetAck sets[4];
    AdjX12GroupAck groups[2];
    int calls;
} Seen;

static AdjStatus seen_ix(void *ctx, const AdjX12Interchange *ix, AdjError *err)
{
    (void)err;
    Seen *s = ctx;
    s->calls++;
    s->ix = *ix;
    memcpy(s->sets, ix->sets, (ix->nsets < 4 ? ix->nsets : 4) * sizeof(AdjX12SetAck));
    memcpy(s->groups, ix->groups, (ix->ngroups < 2 ? ix->ngroups : 2) * sizeof(AdjX12GroupAck));
    s->ix.sets = s->sets;
    s->ix.groups = s->groups;
    return ADJ_OK;
}

#define ISA "ISA*00*          *00*          *ZZ*SENDER         *ZZ*PAYER          *260101*1200*^*00501*000000007*0*P*:~"
#define SET(n, segs) "ST*837*" n "*005010X222A1~BHT*0019*00*1*20260101*1200*CH~" segs

static void test_reader_envelope_verdicts(void)
{
    const char *x = ISA "GS*HC*SENDER*PAYER*20260101*1200*5*X*005010X222A1~"
                        SET("0001", "SE*9*0001~") SET("0002", "SE*3*0002~")
                        "GE*2*5~IEA*1*000000007~";
    Seen s = {0};
    AdjX12Handler h = {.ctx = &s, .interchange = seen_ix};
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_x12_read_mem("t", x, strlen(x), &h, NULL, &err), ADJ_OK);
    CU_ASSERT_EQUAL(s.calls, 1);
    CU_ASSERT_TRUE(s.ix.ok);
    CU_ASSERT_STRING_EQUAL(s.ix.isa06, "SENDER");
    CU_ASSERT_EQUAL(s.ix.nsets, 2);
    CU_ASSERT_FALSE(s.sets[0].ok);
    CU_ASSERT_STRING_EQUAL(s.sets[0].ik502, "4");
    CU_ASSERT_TRUE(s.sets[1].ok);
    CU_ASSERT_STRING_EQUAL(s.ix.groups[0].gs06, "5");
    CU_ASSERT_STRING_EQUAL(adj_x12out_ak901(&s.ix, 0, NULL, 0), "P");
    CU_ASSERT_STRING_EQUAL(adj_x12out_ik501(&s.ix, 0, false), "R");
    AdjX12Out w;
    adj_x12out_init(&w);
    adj_x12out_999(&w, 1, &s.ix, 0, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text(&w), "AK2*837*0001*005010X222A1~\nIK5*R*4~"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text(&w), "AK9*P*2*2*1~"));
    adj_x12out_free(&w);

    /* IEA02 that does not match ISA13: the interchange is rejected, TA1 001 */
    const char *y = ISA "GS*HC*SENDER*PAYER*20260101*1200*5*X*005010X222A1~"
                        SET("0001", "SE*3*0001~") "GE*1*5~IEA*1*000000008~";
    memset(&s, 0, sizeof(s));
    CU_ASSERT_EQUAL(adj_x12_read_mem("t", y, strlen(y), &h, NULL, &err), ADJ_OK);
    CU_ASSERT_FALSE(s.ix.ok);
    CU_ASSERT_STRING_EQUAL(s.ix.ta105, "001");
    adj_x12out_init(&w);
    AdjX12Env env = {0};
    adj_x12out_env_reply(&env, &s.ix, (size_t)-1);
    env.date = 20260102;
    env.isa13 = 1;
    CU_ASSERT_TRUE(adj_x12out_ta1(&w, &env, &s.ix));
    CU_ASSERT_PTR_NOT_NULL(strstr(text(&w), "TA1*000000007*260101*1200*R*001~"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text(&w), "*ZZ*SENDER         *260102*"));
    adj_x12out_free(&w);
}

static void test_syntax_errors(void)
{
    AdjProblem p = {.segment = 19, .segment_id = "CLM", .loop = "2300", .element = "CLM05-3",
                    .msg = "claim frequency code '9' is not one of 1, 7, 8"};
    AdjX12SyntaxError e;
    adj_x12out_syntax_of(&p, &e);
    CU_ASSERT_EQUAL(e.segment, 19);
    CU_ASSERT_EQUAL(e.element, 5);
    CU_ASSERT_EQUAL(e.component, 3);
    CU_ASSERT_STRING_EQUAL(e.ik403, "7");
    AdjProblem d = {.segment = 30, .segment_id = "DTP", .loop = "2400", .element = "DTP03",
                    .msg = "line 1 service date '20260231' is not a valid CCYYMMDD date"};
    adj_x12out_syntax_of(&d, &e);
    CU_ASSERT_EQUAL(e.element, 3);
    CU_ASSERT_STRING_EQUAL(e.ik403, "8");
    CU_ASSERT_STRING_EQUAL(e.ik304, "8");
    AdjProblem s2 = {.segment = 31, .segment_id = "SV1", .loop = "2400", .element = "SV1",
                     .msg = "line 1 has a second SV1"};
    adj_x12out_syntax_of(&s2, &e);
    CU_ASSERT_STRING_EQUAL(e.ik304, "5");
    CU_ASSERT_EQUAL(e.element, 0);
    /* CTX (business unit): the claim, only for errors inside it */
    adj_x12out_syntax_claim(&e, "PSF-1001");
    CU_ASSERT_STRING_EQUAL(e.claim_id, "PSF-1001");
    AdjProblem nm = {.segment = 9, .segment_id = "NM1", .loop = "2010AA", .element = "NM109",
                     .msg = "billing provider NPI missing"};
    adj_x12out_syntax_of(&nm, &e);
    adj_x12out_syntax_claim(&e, "PSF-1001");
    CU_ASSERT_STRING_EQUAL(e.claim_id, "");
}

/* The 999 names the claim of an error inside it: IK3, then CTX*CLM01:id. */
static void test_999_ctx(void)
{
    AdjX12Interchange ix;
    memset(&ix, 0, sizeof(ix));
    AdjX12GroupAck g;
    memset(&g, 0, sizeof(g));
    g.ok = true;
    snprintf(g.gs01, sizeof(g.gs01), "HC");
    snprintf(g.gs06, sizeof(g.gs06), "1");
    AdjX12SetAck set;
    memset(&set, 0, sizeof(set));
    set.ok = true;
    snprintf(set.st01, sizeof(set.st01), "837");
    snprintf(set.st02, sizeof(set.st02), "0001");
    ix.groups = &g;
    ix.ngroups = 1;
    ix.sets = &set;
    ix.nsets = 1;
    AdjProblem p = {.segment = 19, .segment_id = "CLM", .loop = "2300", .element = "CLM05-3",
                    .msg = "claim frequency code '9' is not one of 1, 7, 8"};
    AdjX12SyntaxError e;
    adj_x12out_syntax_of(&p, &e);
    adj_x12out_syntax_claim(&e, "PSF:1001");
    AdjX12Out w;
    adj_x12out_init(&w);
    adj_x12out_999(&w, 1, &ix, 0, &e, 1);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(w.buf, "IK3*CLM*19*2300*8~\nCTX*CLM01:PSF 1001~\nIK4*5:3**7~"));
    CU_ASSERT_PTR_NOT_NULL(strstr(w.buf, "IK5*E*I5~"));
    adj_x12out_free(&w);
}

static const UnitTest tests[] = {
    {"999 syntax errors from reader problems", test_syntax_errors},
    {"999 CTX names the claim", test_999_ctx},
    {"amounts", test_amount},
    {"segments and separators", test_segment_separators},
    {"ISA is fixed width", test_envelope_isa_fixed_width},
    {"CAS builder", test_cas_builder},
    {"835 refuses a claim that does not balance", test_835_refuses_unbalanced},
    {"835 reversal and PLB", test_835_reversal_and_plb},
    {"277CA status codes", test_277_stc_codes},
    {"reader envelope verdicts, 999 and TA1", test_reader_envelope_verdicts},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("x12out", tests)
