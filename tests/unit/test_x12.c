/* Unit tests of adjudicator/x12 over the hand-written fixtures of
 * tests/fixtures/x12 (see make_fixtures.py there): separators, line endings,
 * loops, and each envelope error, with the good data beside it still read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claim/claim.h"
#include "x12/x12.h"
#include "unit.h"

#define MAX_CLAIMS 64
#define MAX_DIAGS 32

typedef struct Got {
    AdjClaim *claims;
    int nclaims;
    char diags[MAX_DIAGS][512];
    int ndiags;
    char set_raw_head[32], set_raw_tail[32];
    uint32_t set_claims[8];
    int nsets;
    int stop_after; /* return an error after this many claims (0 = never) */
    char raw_head[MAX_CLAIMS][16]; /* raw is borrowed for the callback only */
    char raw_last[MAX_CLAIMS];
    AdjX12Stats stats;
} Got;

static AdjStatus got_set(void *ctx, const AdjX12Set *s, AdjError *err)
{
    Got *g = ctx;
    (void)err;
    if (g->nsets == 0) {
        snprintf(g->set_raw_head, sizeof(g->set_raw_head), "%.*s", (int)(s->raw_len < 20 ? s->raw_len : 20), s->raw);
        size_t t = s->raw_len > 11 ? 11 : s->raw_len;
        snprintf(g->set_raw_tail, sizeof(g->set_raw_tail), "%.*s", (int)t, s->raw + s->raw_len - t);
    }
    if (g->nsets < 8)
        g->set_claims[g->nsets] = s->claims;
    g->nsets++;
    return ADJ_OK;
}

static AdjStatus got_claim(void *ctx, const AdjClaim *c, AdjError *err)
{
    Got *g = ctx;
    if (g->nclaims < MAX_CLAIMS) {
        g->claims[g->nclaims] = *c;
        snprintf(g->raw_head[g->nclaims], 16, "%.*s", (int)(c->raw_len < 15 ? c->raw_len : 15),
                 c->raw);
        g->raw_last[g->nclaims] = c->raw_len ? c->raw[c->raw_len - 1] : '\0';
        g->claims[g->nclaims].raw = NULL;
    }
    g->nclaims++;
    if (g->stop_after > 0 && g->nclaims >= g->stop_after)
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "stop");
    return ADJ_OK;
}

static void got_diag(void *ctx, const AdjX12Diag *d)
{
    Got *g = ctx;
    if (g->ndiags < MAX_DIAGS)
        adj_x12_diag_format(d, g->diags[g->ndiags], sizeof(g->diags[0]));
    g->ndiags++;
}

static AdjStatus copy_set(void *ctx, const AdjX12Set *s, AdjError *err)
{
    (void)err;
    *(AdjX12Set *)ctx = *s;
    ((AdjX12Set *)ctx)->raw = NULL;
    return ADJ_OK;
}

static Got *got_new(void)
{
    Got *g = calloc(1, sizeof(Got));
    g->claims = calloc(MAX_CLAIMS, sizeof(AdjClaim));
    return g;
}

static void got_free(Got *g)
{
    free(g->claims);
    free(g);
}

static Got *read_fixture(const char *name)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/x12/%s", ADJ_FIXTURES, name);
    Got *g = got_new();
    AdjX12Handler h = {.ctx = g, .set = got_set, .claim = got_claim, .diag = got_diag};
    AdjError err = {0};
    AdjStatus st = adj_x12_read_file(path, &h, &g->stats, &err);
    CU_ASSERT_EQUAL_FATAL(st, ADJ_OK);
    return g;
}

static Got *read_text(const char *text, size_t len)
{
    Got *g = got_new();
    AdjX12Handler h = {.ctx = g, .set = got_set, .claim = got_claim, .diag = got_diag};
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_x12_read_mem("mem.837", text, len, &h, &g->stats, &err), ADJ_OK);
    return g;
}

static char *slurp(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/x12/%s", ADJ_FIXTURES, name);
    FILE *f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char *buf = calloc(1, 1 << 16);
    *len = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    return buf;
}

static bool has_diag(const Got *g, const char *text)
{
    for (int i = 0; i < g->ndiags && i < MAX_DIAGS; i++)
        if (strstr(g->diags[i], text) != NULL)
            return true;
    return false;
}

static const AdjClaim *find(const Got *g, const char *id)
{
    for (int i = 0; i < g->nclaims && i < MAX_CLAIMS; i++)
        if (strcmp(g->claims[i].claim_id, id) == 0)
            return &g->claims[i];
    return NULL;
}

/* The problem of a claim on an element, or NULL. */
static const AdjProblem *problem(const AdjClaim *c, const char *element)
{
    for (int i = 0; i < c->nproblems; i++)
        if (strcmp(c->problems[i].element, element) == 0)
            return &c->problems[i];
    return NULL;
}

static void test_star_colon_tilde_loops(void)
{
    Got *g = read_fixture("star_colon_tilde.837");
    CU_ASSERT_EQUAL(g->ndiags, 0);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 2);
    CU_ASSERT_EQUAL(g->nsets, 1);
    CU_ASSERT_EQUAL(g->set_claims[0], 2);
    CU_ASSERT_STRING_EQUAL(g->set_raw_head, "ST*837*0001*005010X2");
    CU_ASSERT_STRING_EQUAL(g->set_raw_tail, "SE*51*0001~");
    const AdjClaim *a = &g->claims[0];
    CU_ASSERT_STRING_EQUAL(a->claim_id, "A1");
    CU_ASSERT_EQUAL(a->nproblems, 0);
    CU_ASSERT_STRING_EQUAL(a->isa13, "000000101");
    CU_ASSERT_STRING_EQUAL(a->gs06, "1");
    CU_ASSERT_STRING_EQUAL(a->st02, "0001");
    CU_ASSERT_EQUAL(a->interchange_date, 20260115);
    CU_ASSERT_EQUAL(a->segment, 17);
    CU_ASSERT_STRING_EQUAL(a->billing_npi, "1234567893");
    CU_ASSERT_STRING_EQUAL(a->billing_taxonomy, "207Q00000X");
    CU_ASSERT_STRING_EQUAL(a->billing_zip, "021380000");
    CU_ASSERT_STRING_EQUAL(a->member_id, "M0001");
    CU_ASSERT_EQUAL(a->subscriber_birth, 19700101);
    CU_ASSERT_FALSE(a->patient_is_dependent);
    CU_ASSERT_EQUAL(a->total_charge, 31000);
    CU_ASSERT_STRING_EQUAL(a->pos, "11");
    CU_ASSERT_STRING_EQUAL(a->freq, "1");
    CU_ASSERT_STRING_EQUAL(a->rendering_npi, "1987654328");
    CU_ASSERT_STRING_EQUAL(a->facility_zip, "02139");
    CU_ASSERT_EQUAL(a->ndx, 2);
    CU_ASSERT_STRING_EQUAL(a->dx[0], "F331");
    CU_ASSERT_STRING_EQUAL(a->dx_qual[0], "ABK");
    CU_ASSERT_STRING_EQUAL(a->dx[1], "F411");
    CU_ASSERT_STRING_EQUAL(a->dx_qual[1], "ABF");
    CU_ASSERT_EQUAL_FATAL(a->nlines, 3);
    const AdjLine *l1 = &a->lines[0], *l2 = &a->lines[1], *l3 = &a->lines[2];
    CU_ASSERT_EQUAL(l1->lx, 1);
    CU_ASSERT_STRING_EQUAL(l1->qualifier, "HC");
    CU_ASSERT_STRING_EQUAL(l1->code, "99492");
    CU_ASSERT_EQUAL(l1->charge, 15000);
    CU_ASSERT_STRING_EQUAL(l1->unit_basis, "UN");
    CU_ASSERT_EQUAL(l1->units_milli, 1000);
    CU_ASSERT_EQUAL(l1->dos_from, 20260105);
    CU_ASSERT_EQUAL(l1->dos_to, 20260105);
    CU_ASSERT_STRING_EQUAL(adj_line_rendering_npi(a, l1), "1987654328");
    /* RD8 range, MJ minutes, two pointers, 2420A rendering provider */
    CU_ASSERT_STRING_EQUAL(l2->code, "99494");
    CU_ASSERT_STRING_EQUAL(l2->unit_basis, "MJ");
    CU_ASSERT_EQUAL(l2->units_milli, 40000);
    CU_ASSERT_EQUAL(adj_line_units(l2), 1);
    CU_ASSERT_EQUAL(l2->dos_from, 20260105);
    CU_ASSERT_EQUAL(l2->dos_to, 20260109);
    CU_ASSERT_EQUAL(l2->ndx_ptr, 2);
    CU_ASSERT_EQUAL(l2->dx_ptr[1], 2);
    CU_ASSERT_STRING_EQUAL(l2->rendering_npi, "1555555550");
    /* modifiers and line place of service */
    CU_ASSERT_EQUAL(l3->nmods, 2);
    CU_ASSERT_STRING_EQUAL(l3->mods[0], "95");
    CU_ASSERT_STRING_EQUAL(l3->mods[1], "GT");
    CU_ASSERT_STRING_EQUAL(adj_line_pos(a, l3), "02");
    CU_ASSERT_STRING_EQUAL(adj_line_pos(a, l1), "11");
    CU_ASSERT_EQUAL(l3->segment, 31);
    CU_ASSERT_STRING_EQUAL(g->raw_head[0], "CLM*A1*310.00**");
    CU_ASSERT_EQUAL(g->raw_last[0], '~');
    CU_ASSERT_STRING_EQUAL(g->raw_head[1], "CLM*A2*120.00**");
    /* the dependent patient of 2000C, and a replacement claim */
    const AdjClaim *b = &g->claims[1];
    CU_ASSERT_STRING_EQUAL(b->claim_id, "A2");
    CU_ASSERT_EQUAL(b->nproblems, 0);
    CU_ASSERT_STRING_EQUAL(b->member_id, "M0002");
    CU_ASSERT_TRUE(b->patient_is_dependent);
    CU_ASSERT_STRING_EQUAL(b->patient_first, "Timmy");
    CU_ASSERT_EQUAL(b->patient_birth, 20150601);
    CU_ASSERT_STRING_EQUAL(b->freq, "7");
    CU_ASSERT_STRING_EQUAL(b->original_ref, "PAYER123");
    CU_ASSERT_STRING_EQUAL(b->rendering_npi, "");
    char key[128];
    adj_claim_person_key(b, key, sizeof(key));
    CU_ASSERT_STRING_EQUAL(key, "M0002|20150601|TIMMY");
    CU_ASSERT_EQUAL(g->stats.claims, 2);
    CU_ASSERT_EQUAL(g->stats.lines, 4);
    CU_ASSERT_EQUAL(g->stats.claims_rejected, 0);
    got_free(g);
}

static void test_other_separators(void)
{
    /* '|' '>' and "'" with no newline at all, version A2 */
    Got *g = read_fixture("pipe_gt_quote.837");
    CU_ASSERT_EQUAL(g->ndiags, 0);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    CU_ASSERT_STRING_EQUAL(g->claims[0].claim_id, "P1");
    CU_ASSERT_STRING_EQUAL(g->claims[0].dx[0], "F331");
    CU_ASSERT_STRING_EQUAL(g->claims[0].lines[0].code, "99492");
    CU_ASSERT_STRING_EQUAL(g->claims[0].freq, "1");
    CU_ASSERT_EQUAL(g->claims[0].nproblems, 0);
    got_free(g);
    /* '^' elements, CRLF, bare 005010X222, ISA11 'U': no repetition separator */
    g = read_fixture("caret_crlf.837");
    CU_ASSERT_EQUAL(g->ndiags, 0);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    CU_ASSERT_STRING_EQUAL(g->claims[0].member_id, "MU0U1");
    CU_ASSERT_STRING_EQUAL(g->claims[0].claim_id, "U1");
    CU_ASSERT_EQUAL(g->claims[0].lines[0].charge, 15000);
    CU_ASSERT_EQUAL(g->claims[0].nproblems, 0);
    got_free(g);
    /* byte-order mark and indentation between segments */
    g = read_fixture("bom_indent.837");
    CU_ASSERT_EQUAL(g->ndiags, 0);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    CU_ASSERT_STRING_EQUAL(g->claims[0].claim_id, "B1");
    CU_ASSERT_EQUAL(g->claims[0].nproblems, 0);
    got_free(g);
}

static void test_repetition_separator(void)
{
    /* ISA11 '^' is a real repetition separator: only the first repetition of
     * an element is read */
    size_t len;
    char *text = slurp("star_colon_tilde.837", &len);
    char *m = strstr(text, "MI*M0001~");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    char *buf = calloc(1, len + 8);
    size_t at = (size_t)(m - text) + 8;
    memcpy(buf, text, at);
    memcpy(buf + at, "^X", 2);
    memcpy(buf + at + 2, text + at, len - at);
    Got *g = read_text(buf, len + 2);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 2);
    CU_ASSERT_STRING_EQUAL(g->claims[0].member_id, "M0001");
    got_free(g);
    free(buf);
    free(text);
}

static void test_several_groups_and_sets(void)
{
    Got *g = read_fixture("multi_gs_st.837");
    CU_ASSERT_EQUAL(g->ndiags, 0);
    CU_ASSERT_EQUAL(g->nsets, 3);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 5);
    const char *ids[] = {"G1S1C1", "G1S1C2", "G1S2C1", "G2S1C1", "G2S1C2"};
    const char *gs[] = {"11", "11", "11", "12", "12"};
    const char *st[] = {"1001", "1001", "1002", "2001", "2001"};
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_STRING_EQUAL(g->claims[i].claim_id, ids[i]);
        CU_ASSERT_STRING_EQUAL(g->claims[i].gs06, gs[i]);
        CU_ASSERT_STRING_EQUAL(g->claims[i].st02, st[i]);
        CU_ASSERT_EQUAL(g->claims[i].nproblems, 0);
    }
    CU_ASSERT_STRING_EQUAL(g->claims[2].member_id, "M0003");
    CU_ASSERT_EQUAL(g->claims[4].nlines, 2);
    CU_ASSERT_EQUAL(g->stats.sets, 3);
    CU_ASSERT_EQUAL(g->stats.sets_rejected, 0);
    got_free(g);
}

static void test_cob_loops_are_not_the_subscriber(void)
{
    Got *g = read_fixture("cob.837");
    CU_ASSERT_EQUAL(g->ndiags, 0);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    const AdjClaim *c = &g->claims[0];
    CU_ASSERT_STRING_EQUAL(c->member_id, "M0001");            /* not 2330A's */
    CU_ASSERT_STRING_EQUAL(c->rendering_npi, "1987654328");   /* not 2330D's */
    CU_ASSERT_STRING_EQUAL(c->facility_zip, "");               /* 2330A N4 ignored */
    CU_ASSERT_EQUAL(c->nlines, 1);
    CU_ASSERT_STRING_EQUAL(c->lines[0].rendering_npi, "");
    CU_ASSERT_EQUAL(c->nproblems, 0);
    got_free(g);
}

/* issue 13: SBR01, the subscriber's first name, the payer ID, 2320 AMT*D,
 * 2430 SVD/CAS/DTP*573, the receiver and usage; the stored form round-trips */
static void test_benefit_fields(void)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/benefits/year-q3.837", ADJ_FIXTURES);
    Got *g = got_new();
    AdjX12Handler h = {.ctx = g, .set = got_set, .claim = got_claim, .diag = got_diag};
    AdjError err = {0};
    CU_ASSERT_EQUAL_FATAL(adj_x12_read_file(path, &h, &g->stats, &err), ADJ_OK);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 2);
    const AdjClaim *c = &g->claims[0];
    CU_ASSERT_EQUAL(c->nproblems, 0);
    CU_ASSERT_EQUAL(c->sbr01, 'S');
    CU_ASSERT_STRING_EQUAL(c->subscriber_first, "TOM");
    CU_ASSERT_STRING_EQUAL(c->payer_id, "GGHP01");
    CU_ASSERT(c->has_other_payer);
    CU_ASSERT(c->has_other_paid);
    CU_ASSERT_EQUAL(c->other_paid, 10000);
    CU_ASSERT(c->lines[0].has_svd);
    CU_ASSERT_EQUAL(c->lines[0].svd_paid, 10000);
    CU_ASSERT_EQUAL(c->lines[0].svd_adjusted, 10000);
    CU_ASSERT_EQUAL(c->lines[0].svd_date, 20260901);
    CU_ASSERT(!g->claims[1].has_other_payer);
    CU_ASSERT(!g->claims[1].lines[0].has_svd);
    char buf[ADJ_CLAIM_BENEFIT_MAX];
    size_t n = adj_claim_benefit_encode(c, buf, sizeof(buf));
    AdjClaim *back = calloc(1, sizeof(AdjClaim));
    back->nlines = c->nlines;
    CU_ASSERT(adj_claim_benefit_decode(back, buf, n));
    CU_ASSERT_EQUAL(back->sbr01, 'S');
    CU_ASSERT_STRING_EQUAL(back->subscriber_first, "TOM");
    CU_ASSERT_STRING_EQUAL(back->payer_id, "GGHP01");
    CU_ASSERT_EQUAL(back->other_paid, 10000);
    CU_ASSERT(back->has_other_paid);
    CU_ASSERT_EQUAL(back->lines[0].svd_paid, 10000);
    CU_ASSERT_EQUAL(back->lines[0].svd_date, 20260901);
    /* garbled stored forms are refused, never half-read */
    for (size_t cut = 1; cut < n; cut++) {
        AdjClaim *t = calloc(1, sizeof(AdjClaim));
        t->nlines = c->nlines;
        adj_claim_benefit_decode(t, buf, cut); /* must not crash or overrun */
        free(t);
    }
    CU_ASSERT(!adj_claim_benefit_decode(back, "b1 S 99:x", 9));
    CU_ASSERT(!adj_claim_benefit_decode(back, "zz", 2));
    CU_ASSERT(adj_claim_benefit_decode(back, "", 0));
    free(back);
    got_free(g);
}

static void test_receiver_and_usage(void)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/benefits/test-usage.837", ADJ_FIXTURES);
    AdjX12Set seen = {0};
    AdjX12Handler h = {.ctx = &seen, .set = copy_set};
    AdjError err = {0};
    CU_ASSERT_EQUAL_FATAL(adj_x12_read_file(path, &h, NULL, &err), ADJ_OK);
    CU_ASSERT_STRING_EQUAL(seen.isa08, "GGHP01");
    CU_ASSERT_STRING_EQUAL(seen.gs03, "GGHP01");
    CU_ASSERT_EQUAL(seen.usage, 'T');
    CU_ASSERT(adj_x12_addressed_to(&seen, ""));
    CU_ASSERT(adj_x12_addressed_to(&seen, "OTHER GGHP01"));
    CU_ASSERT(adj_x12_addressed_to(&seen, "OTHER,GGHP01"));
    CU_ASSERT(!adj_x12_addressed_to(&seen, "OTHER GGHP0"));
}

static void test_many_claims_and_lines(void)
{
    Got *g = read_fixture("many.837");
    CU_ASSERT_EQUAL(g->ndiags, 0);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 41);
    uint64_t lines = 0;
    for (int i = 0; i < 40; i++) {
        CU_ASSERT_EQUAL(g->claims[i].nlines, i % 12 + 1);
        CU_ASSERT_EQUAL(g->claims[i].nproblems, 0);
        lines += (uint64_t)(i % 12 + 1);
    }
    const AdjClaim *big = find(g, "MC050");
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    CU_ASSERT_EQUAL(big->nlines, 50);
    CU_ASSERT_EQUAL(big->lines[49].lx, 50);
    CU_ASSERT_EQUAL(big->total_charge, 52500);
    CU_ASSERT_EQUAL(big->nproblems, 0);
    CU_ASSERT_EQUAL(g->stats.lines, lines + 50);
    got_free(g);
}

static void test_bad_isa_then_good(void)
{
    Got *g = read_fixture("bad_isa.837");
    CU_ASSERT(has_diag(g, "bad_isa.837: segment 1 (ISA): ISA is not the fixed-width "
                          "106-character header: element 6 should end at column 51"));
    CU_ASSERT_EQUAL(g->ndiags, 1);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    CU_ASSERT_STRING_EQUAL(g->claims[0].claim_id, "GOOD8");
    CU_ASSERT_EQUAL(g->stats.interchanges_rejected, 1);
    got_free(g);
}

static void test_iea_mismatch_rejects_interchange(void)
{
    Got *g = read_fixture("iea_mismatch.837");
    CU_ASSERT(has_diag(g, "segment 26 (IEA): interchange 000000301 rejected: IEA02 "
                          "'000000399' does not match ISA13 '000000301'"));
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    CU_ASSERT_STRING_EQUAL(g->claims[0].claim_id, "GOOD9");
    CU_ASSERT_PTR_NULL(find(g, "LOST9"));
    CU_ASSERT_EQUAL(g->stats.sets_rejected, 1);
    got_free(g);
}

static void test_ge_mismatch_rejects_group(void)
{
    Got *g = read_fixture("ge_mismatch.837");
    CU_ASSERT(has_diag(g, "(GE): group 1: GE01 '1' does not match the 2 transaction set(s) "
                          "counted: every set of the group is rejected"));
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    CU_ASSERT_STRING_EQUAL(g->claims[0].claim_id, "GOOD10");
    CU_ASSERT_EQUAL(g->stats.sets, 3);
    CU_ASSERT_EQUAL(g->stats.sets_rejected, 2);
    got_free(g);
}

static void test_se_count_rejects_set(void)
{
    Got *g = read_fixture("se_count.837");
    CU_ASSERT(has_diag(g, "segment 22 (SE): transaction set 0001: SE01 says 99 segments, "
                          "counted 22: the set is rejected"));
    CU_ASSERT_EQUAL(g->ndiags, 1);
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    CU_ASSERT_STRING_EQUAL(g->claims[0].claim_id, "GOOD11");
    got_free(g);
}

static void test_wrong_version_rejects_set(void)
{
    Got *g = read_fixture("wrong_version.837");
    CU_ASSERT(has_diag(g, "transaction set 0001 rejected: type 837 version 004010X098A1 is "
                          "the retired 4010 version"));
    CU_ASSERT(has_diag(g, "transaction set 0002 rejected: type 837 version 005010X223A3 is "
                          "an 837I institutional claim, not an 837P"));
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 1);
    CU_ASSERT_STRING_EQUAL(g->claims[0].claim_id, "GOOD12");
    got_free(g);
}

static void test_truncated_file(void)
{
    Got *g = read_fixture("truncated.837");
    CU_ASSERT(has_diag(g, "transaction set 0001 has no SE: the file ends first"));
    CU_ASSERT(has_diag(g, "interchange 000000701 rejected: the file ends before IEA"));
    CU_ASSERT_EQUAL(g->nclaims, 0);
    CU_ASSERT_EQUAL(g->stats.interchanges_rejected, 1);
    got_free(g);
}

static void test_not_an_interchange(void)
{
    Got *g = read_text("", 0);
    CU_ASSERT(has_diag(g, "mem.837: empty file"));
    got_free(g);
    g = read_text("\xEF\xBB\xBF \r\n", 6);
    CU_ASSERT(has_diag(g, "mem.837: empty file"));
    got_free(g);
    const char *gs = "GS*HC*S*R*20260115*1200*1*X*005010X222A1~";
    g = read_text(gs, strlen(gs));
    CU_ASSERT(has_diag(g, "mem.837: no ISA segment: not an X12 interchange"));
    CU_ASSERT_EQUAL(g->nclaims, 0);
    got_free(g);
    /* a short ISA: truncated */
    g = read_text("ISA*00*", 7);
    CU_ASSERT(has_diag(g, "shorter than the fixed 106: truncated file"));
    got_free(g);
}

static void test_claim_problems_and_good_claim(void)
{
    Got *g = read_fixture("bad_claims.837");
    CU_ASSERT_EQUAL(g->ndiags, 0); /* claim problems are not envelope errors */
    CU_ASSERT_EQUAL_FATAL(g->nclaims, 12);
    const AdjProblem *p;
    p = problem(find(g, "BADNPI"), "NM109");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->loop, "2010AA");
    CU_ASSERT_EQUAL(p->kind, ADJ_PROBLEM_BILLING_NPI);
    CU_ASSERT_STRING_EQUAL(p->msg, "billing provider NPI '1234567890' fails the NPI check digit");
    p = problem(find(g, "BADDATE"), "DTP03");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->msg, "line 1 service date '20260231' is not a valid CCYYMMDD date");
    p = problem(find(g, "BADSUM"), "CLM02");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->msg, "total charge 200.00 does not equal the sum of the line "
                                   "charges (SV102) 190.00");
    p = problem(find(g, "BADPTR"), "SV107");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->msg, "line 1 diagnosis pointer 3 points at no diagnosis (the "
                                   "claim has 2)");
    p = problem(find(g, "NOCODE"), "SV101-2");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->kind, ADJ_PROBLEM_PROCEDURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(p->msg, "line 1 procedure code is missing"));
    p = problem(find(g, ""), "CLM01");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->msg, "claim ID is missing");
    p = problem(find(g, "BADFREQ"), "CLM05-3");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->msg, "claim frequency code '9' is not 1, 7 or 8");
    p = problem(find(g, "FUTURE"), "DTP03");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->msg, "line 1 date of service 2026-03-01 is after the interchange "
                                   "date 2026-01-15 (GS04)");
    p = problem(find(g, "BADRANGE"), "DTP03");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->msg, "line 1 service date range 2026-01-10 to 2026-01-05 ends "
                                   "before it starts");
    p = problem(find(g, "BADREND"), "NM109");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->loop, "2420A");
    CU_ASSERT_EQUAL(p->kind, ADJ_PROBLEM_RENDERING_NPI);
    const AdjClaim *dx = find(g, "BADDX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dx);
    CU_ASSERT_EQUAL(dx->nproblems, 2);
    CU_ASSERT_EQUAL(dx->problems[0].kind, ADJ_PROBLEM_DIAGNOSIS);
    CU_ASSERT_STRING_EQUAL(dx->problems[0].msg, "diagnosis code at HI position 1 is not shaped "
                                                "like an ICD-10-CM (ABK/ABF) code");
    /* each bad claim has exactly its one problem; the good one none */
    const char *one[] = {"BADNPI", "BADDATE", "BADSUM", "BADPTR", "NOCODE", "",
                         "BADFREQ", "FUTURE", "BADRANGE", "BADREND"};
    for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
        CU_ASSERT_EQUAL(find(g, one[i])->nproblems, 1);
    CU_ASSERT_EQUAL(find(g, "GOOD14")->nproblems, 0);
    CU_ASSERT_STRING_EQUAL(find(g, "BADDATE")->member_id, "M0002");
    /* never a member ID or a diagnosis in a message */
    for (int i = 0; i < g->nclaims; i++)
        for (int k = 0; k < g->claims[i].nproblems; k++) {
            CU_ASSERT_PTR_NULL(strstr(g->claims[i].problems[k].msg, "M000"));
            CU_ASSERT_PTR_NULL(strstr(g->claims[i].problems[k].msg, "F33"));
            CU_ASSERT_PTR_NULL(strstr(g->claims[i].problems[k].msg, "9999"));
        }
    CU_ASSERT_EQUAL(g->stats.claims_rejected, 11);
    got_free(g);
}

static void test_handler_error_stops(void)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/x12/multi_gs_st.837", ADJ_FIXTURES);
    Got *g = got_new();
    g->stop_after = 2;
    AdjX12Handler h = {.ctx = g, .claim = got_claim};
    AdjError err = {0};
    CU_ASSERT_EQUAL(adj_x12_read_file(path, &h, NULL, &err), ADJ_ERR_INPUT);
    CU_ASSERT_EQUAL(g->nclaims, 2);
    CU_ASSERT_STRING_EQUAL(err.msg, "stop");
    got_free(g);
    CU_ASSERT_EQUAL(adj_x12_read_file("tests/fixtures/x12/nope.837", &h, NULL, &err),
                    ADJ_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "nope.837: cannot open"));
}

static void test_stdin_is_spooled(void)
{
    /* a pipe on standard input: spooled to a temporary file, then read */
    size_t len;
    char *text = slurp("multi_gs_st.837", &len);
    int fds[2];
    CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
    CU_ASSERT_EQUAL_FATAL(write(fds[1], text, len), (ssize_t)len); /* < pipe buffer */
    close(fds[1]);
    int saved = dup(0);
    dup2(fds[0], 0);
    close(fds[0]);
    Got *g = got_new();
    AdjX12Handler h = {.ctx = g, .claim = got_claim, .diag = got_diag};
    AdjError err = {0};
    AdjStatus st = adj_x12_read_file("-", &h, &g->stats, &err);
    dup2(saved, 0);
    close(saved);
    CU_ASSERT_EQUAL(st, ADJ_OK);
    CU_ASSERT_EQUAL(g->nclaims, 5);
    CU_ASSERT_EQUAL(g->stats.bytes, len);
    CU_ASSERT_STRING_EQUAL(g->claims[4].claim_id, "G2S1C2");
    got_free(g);
    free(text);
}

static void test_diag_format(void)
{
    AdjX12Diag d = {.file = "f.837", .segment = 12, .segment_id = "CLM", .claim_id = "A1",
                    .msg = "CLM02 bad"};
    char buf[256];
    CU_ASSERT_STRING_EQUAL(adj_x12_diag_format(&d, buf, sizeof(buf)),
                           "f.837: segment 12 (CLM): claim A1: CLM02 bad");
    AdjX12Diag e = {.file = "f.837", .msg = "empty\nfile"};
    CU_ASSERT_STRING_EQUAL(adj_x12_diag_format(&e, buf, sizeof(buf)), "f.837: empty?file");
}

static const UnitTest tests[] = {
    {"benefit fields (COB, payer, subscriber)", test_benefit_fields},
    {"receiver and usage", test_receiver_and_usage},
    {"star_colon_tilde_loops", test_star_colon_tilde_loops},
    {"other_separators", test_other_separators},
    {"repetition_separator", test_repetition_separator},
    {"several_groups_and_sets", test_several_groups_and_sets},
    {"cob_loops_are_not_the_subscriber", test_cob_loops_are_not_the_subscriber},
    {"many_claims_and_lines", test_many_claims_and_lines},
    {"bad_isa_then_good", test_bad_isa_then_good},
    {"iea_mismatch_rejects_interchange", test_iea_mismatch_rejects_interchange},
    {"ge_mismatch_rejects_group", test_ge_mismatch_rejects_group},
    {"se_count_rejects_set", test_se_count_rejects_set},
    {"wrong_version_rejects_set", test_wrong_version_rejects_set},
    {"truncated_file", test_truncated_file},
    {"not_an_interchange", test_not_an_interchange},
    {"claim_problems_and_good_claim", test_claim_problems_and_good_claim},
    {"handler_error_stops", test_handler_error_stops},
    {"stdin_is_spooled", test_stdin_is_spooled},
    {"diag_format", test_diag_format},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("x12", tests)
