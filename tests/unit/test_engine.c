/* Engine pieces below the .cases tables: pricing arithmetic (round half
 * up, copay, caps at allowed), the in-memory history (months, retraction,
 * claim lookup), and the exact JSONL rendering of docs/contracts.md. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edits/edit.h"
#include "edits/mpfs.h"
#include "engine/cob.h"
#include "engine/costshare.h"
#include "engine/engine.h"
#include "engine/memhist.h"
#include "engine/render.h"
#include "unit.h"

static void test_price(void)
{
    /* 20%, no copay: 149.30 -> 29.86 */
    AdjPrice p = adj_engine_price(14930, 1, 20000, 20000, 0, true);
    CU_ASSERT_EQUAL(p.allowed, 14930);
    CU_ASSERT_EQUAL(p.patient_resp, 2986);
    CU_ASSERT_EQUAL(p.paid, 11944);
    /* charge below the fee schedule; fee x units */
    p = adj_engine_price(7000, 2, 10000, 0, 0, true);
    CU_ASSERT_EQUAL(p.allowed, 10000);
    p = adj_engine_price(7000, 2, 20000, 0, 0, true);
    CU_ASSERT_EQUAL(p.allowed, 14000);
    /* 12.5% of 0.20 = 0.025 rounds half up to 0.03; copay 10 first */
    p = adj_engine_price(2300, 1, 1020, 12500, 1000, true);
    CU_ASSERT_EQUAL(p.patient_resp, 1003);
    CU_ASSERT_EQUAL(p.paid, 17);
    CU_ASSERT_EQUAL(p.copay_used, 1000);
    /* 12.5% of 0.12 = 0.015 -> 0.02; of 0.04 = 0.005 -> 0.01 */
    CU_ASSERT_EQUAL(adj_engine_price(12, 1, 12, 12500, 0, true).patient_resp, 2);
    CU_ASSERT_EQUAL(adj_engine_price(4, 1, 4, 12500, 0, true).patient_resp, 1);
    /* copay larger than allowed: the patient pays the allowed amount */
    p = adj_engine_price(2300, 1, 800, 12500, 1000, true);
    CU_ASSERT_EQUAL(p.patient_resp, 800);
    CU_ASSERT_EQUAL(p.paid, 0);
    /* copay already used on the claim */
    p = adj_engine_price(5800, 1, 6000, 12500, 1000, false);
    CU_ASSERT_EQUAL(p.patient_resp, 725);
    CU_ASSERT_EQUAL(p.copay_used, 0);
}

/* docs/adjudication.md "Money": checked arithmetic from units to paid. Absurd fees,
 * units, charges and percentages never wrap: the product either fits and
 * paid <= allowed <= min(charge, fee x units), or nothing is priced. */
static void test_price_absurd(void)
{
    AdjPrice p = adj_engine_price(7200, INT64_MAX, 9200000000, 20000, 0, true);
    CU_ASSERT_TRUE(p.overflow);
    CU_ASSERT_EQUAL(p.allowed, 0);
    CU_ASSERT_EQUAL(p.paid, 0);
    p = adj_engine_price_milli(10000000, INT64_MAX, INT64_MAX, 20000, 0, true);
    CU_ASSERT_TRUE(p.overflow);
    CU_ASSERT_EQUAL(p.paid, 0);
    p = adj_engine_price(-100, 1, 1000, 0, 0, true);
    CU_ASSERT_TRUE(p.overflow);
    p = adj_engine_price(100, -1, 1000, 0, 0, true);
    CU_ASSERT_TRUE(p.overflow);
    /* 10^11 units of a 72.00 fee fit in int64 cents: pricing caps at the
     * charge (the MUE edit denies such a line before it is priced) */
    p = adj_engine_price(7200, 99999999999LL, 9200000000, 20000, 0, true);
    CU_ASSERT_FALSE(p.overflow);
    CU_ASSERT_EQUAL(p.schedule, 719999999992800LL);
    CU_ASSERT_EQUAL(p.allowed, 9200000000);
    /* a negative charge allows nothing */
    p = adj_engine_price(7200, 1, -500, 20000, 0, true);
    CU_ASSERT_EQUAL(p.allowed, 0);
    CU_ASSERT_EQUAL(p.paid, 0);
    /* decimal units: 1.5 x 70.00; 0.001 x 0.01 rounds to 0.00 */
    CU_ASSERT_EQUAL(adj_engine_price_milli(7000, 1500, 100000, 0, 0, true).allowed, 10500);
    CU_ASSERT_EQUAL(adj_engine_price_milli(1, 1, 100000, 0, 0, true).allowed, 0);
    /* out-of-range percentages and copays are clamped, never wrapped */
    p = adj_engine_price(10000, 1, 10000, 1000000000, INT64_MAX, true);
    CU_ASSERT_EQUAL(p.patient_resp, 10000);
    CU_ASSERT_EQUAL(p.paid, 0);
    p = adj_engine_price(10000, 1, 10000, -5, -100, true);
    CU_ASSERT_EQUAL(p.patient_resp, 0);
    CU_ASSERT_EQUAL(p.paid, 10000);
    /* the invariant over a sweep of absurd values */
    const int64_t fees[] = {1, 7200, 10000000, INT64_MAX / 2, INT64_MAX};
    const int64_t units[] = {0, 1, 1000, 999999999999LL, INT64_MAX / 1000, INT64_MAX};
    const int64_t charges[] = {INT64_MIN, -1, 0, 1, 9200000000, INT64_MAX};
    const int64_t pcts[] = {0, 12500, 100000, INT64_MAX};
    for (size_t a = 0; a < sizeof(fees) / sizeof(fees[0]); a++)
        for (size_t b = 0; b < sizeof(units) / sizeof(units[0]); b++)
            for (size_t c = 0; c < sizeof(charges) / sizeof(charges[0]); c++)
                for (size_t d = 0; d < sizeof(pcts) / sizeof(pcts[0]); d++) {
                    AdjPrice q = adj_engine_price_milli(fees[a], units[b], charges[c], pcts[d],
                                                        1000, true);
                    if (q.overflow) {
                        CU_ASSERT_EQUAL(q.paid, 0);
                        continue;
                    }
                    CU_ASSERT(q.paid >= 0 && q.patient_resp >= 0);
                    CU_ASSERT(q.paid + q.patient_resp == q.allowed);
                    CU_ASSERT(q.allowed <= q.schedule && q.allowed <= (charges[c] < 0 ? 0 : charges[c]));
                }
}

typedef struct Seen {
    int n;
    char codes[8][8];
} Seen;

static bool collect(void *arg, const AdjHistLine *l)
{
    Seen *s = arg;
    if (s->n < 8)
        snprintf(s->codes[s->n++], 8, "%.7s", l->code);
    return true;
}

static AdjHistLine hl(const char *claim, const char *code, AdjDate dos, AdjOutcome o)
{
    AdjHistLine l;
    memset(&l, 0, sizeof(l));
    snprintf(l.claim_id, sizeof(l.claim_id), "%s", claim);
    snprintf(l.billing_npi, sizeof(l.billing_npi), "1234567893");
    snprintf(l.code, sizeof(l.code), "%s", code);
    l.dos = dos;
    l.month = adj_date_month(dos);
    l.units = 1;
    l.outcome = o;
    return l;
}

/* Persons past several growths of the index, each first asked for (as
 * the engine walks a new person's month before recording the claim), then
 * recorded: every one is found afterwards with its own line, none twice. */
static void test_memhist_growth(void)
{
    AdjMemHistory *m = adj_memhist_new();
    AdjHistory h = adj_memhist_interface(m);
    AdjError err = {0};
    enum { N = 5000 };
    char key[32], claim[16];
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof(key), i % 3 ? "SYN%09d" : "SYN%09d|19900101|ANA", i);
        snprintf(claim, sizeof(claim), "C%d", i);
        Seen s = {0};
        h.month_lines(h.ctx, key, adj_month_make(2026, 1), collect, &s);
        CU_ASSERT_EQUAL(s.n, 0);
        AdjHistLine l = hl(claim, "99492", 20260110, ADJ_OUT_PAY);
        CU_ASSERT_EQUAL(h.record(h.ctx, key, key, "1234567893", claim, &l, 1, &err), ADJ_OK);
    }
    CU_ASSERT_EQUAL(adj_memhist_lines(m), N);
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof(key), i % 3 ? "SYN%09d" : "SYN%09d|19900101|ANA", i);
        snprintf(claim, sizeof(claim), "C%d", i);
        Seen s = {0};
        h.month_lines(h.ctx, key, adj_month_make(2026, 1), collect, &s);
        CU_ASSERT_EQUAL_FATAL(s.n, 1);
        CU_ASSERT_TRUE(h.claim_find(h.ctx, "1234567893", claim, key));
    }
    adj_memhist_free(m);
}

/* adj_edit_vformat writes what vsnprintf writes, cut the same way */
static void vf_check(size_t size, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vf_check(size_t size, const char *fmt, ...)
{
    char want[64], got[64];
    memset(want, 'x', sizeof(want));
    memset(got, 'x', sizeof(got));
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    vsnprintf(want, size, fmt, ap);
    adj_edit_vformat(got, size, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    CU_ASSERT_EQUAL(memcmp(want, got, sizeof(want)), 0);
    if (memcmp(want, got, sizeof(want)) != 0)
        fprintf(stderr, "vformat %s: want \"%.*s\" got \"%.*s\"\n", fmt, (int)size, want,
                (int)size, got);
}

static void test_vformat(void)
{
    vf_check(64, "%s %s: %s", "99492", "denied", "exact duplicate of claim C1");
    vf_check(64, "%d|%u|%lld|%llu|%zu|%c|%%", -2147483647 - 1, 4294967295u,
             (long long)-9223372036854775807 - 1, 18446744073709551615ull, (size_t)42, 'Q');
    vf_check(64, "claim %.38s / %.3s / %.0s.", "C0000090272", "abcdef", "gone");
    vf_check(10, "%s and %d more", "truncated here", 12345);
    vf_check(1, "%s", "nothing fits");
    vf_check(64, "%5s|%-4d|%03lld|%x", "ab", 7, 5LL, 255u); /* widths: vsnprintf's own */
    vf_check(64, "no conversion at all");
}

static void test_memhist(void)
{
    AdjMemHistory *m = adj_memhist_new();
    AdjHistory h = adj_memhist_interface(m);
    AdjError err = {0};
    AdjHistLine a[2] = {hl("A", "99492", 20260110, ADJ_OUT_PAY), hl("A", "99494", 20260110, ADJ_OUT_PEND)};
    CU_ASSERT_EQUAL(h.record(h.ctx, "M1", "M1", "1234567893", "A", a, 2, &err), ADJ_OK);
    AdjHistLine b = hl("B", "99493", 20260212, ADJ_OUT_PAY);
    CU_ASSERT_EQUAL(h.record(h.ctx, "M1", "M1", "1234567893", "B", &b, 1, &err), ADJ_OK);
    /* a claim with no counting lines is still found (for a void) */
    CU_ASSERT_EQUAL(h.record(h.ctx, "M1", "M1", "1234567893", "C", NULL, 0, &err), ADJ_OK);
    CU_ASSERT_EQUAL(adj_memhist_lines(m), 3);
    Seen s = {0};
    h.month_lines(h.ctx, "M1", adj_month_make(2026, 1), collect, &s);
    CU_ASSERT_EQUAL(s.n, 2);
    CU_ASSERT_STRING_EQUAL(s.codes[0], "99492");
    memset(&s, 0, sizeof(s));
    h.month_lines(h.ctx, "M2", adj_month_make(2026, 1), collect, &s);
    CU_ASSERT_EQUAL(s.n, 0); /* another person */
    CU_ASSERT_TRUE(h.claim_find(h.ctx, "1234567893", "A", "M1"));
    CU_ASSERT_TRUE(h.claim_find(h.ctx, "1234567893", "C", "M1"));
    CU_ASSERT_FALSE(h.claim_find(h.ctx, "1234567893", "A", "M2"));   /* other member */
    CU_ASSERT_FALSE(h.claim_find(h.ctx, "1111111112", "A", "M1"));   /* other provider */
    /* retracting A: its lines stop counting, B's do not */
    CU_ASSERT_EQUAL(h.claim_retract(h.ctx, "1234567893", "A", "M1", &err), ADJ_OK);
    memset(&s, 0, sizeof(s));
    h.month_lines(h.ctx, "M1", adj_month_make(2026, 1), collect, &s);
    CU_ASSERT_EQUAL(s.n, 0);
    memset(&s, 0, sizeof(s));
    h.month_lines(h.ctx, "M1", adj_month_make(2026, 2), collect, &s);
    CU_ASSERT_EQUAL(s.n, 1);
    CU_ASSERT_EQUAL(adj_memhist_lines(m), 1);
    /* a new claim under the same key counts again */
    CU_ASSERT_EQUAL(h.record(h.ctx, "M1", "M1", "1234567893", "A", a, 1, &err), ADJ_OK);
    memset(&s, 0, sizeof(s));
    h.month_lines(h.ctx, "M1", adj_month_make(2026, 1), collect, &s);
    CU_ASSERT_EQUAL(s.n, 1);
    adj_memhist_free(m);
}

static char *render(const AdjDecision *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    adj_render_jsonl(f, d, "M\"1");
    fclose(f);
    return buf;
}

static void test_render(void)
{
    AdjDecision d;
    memset(&d, 0, sizeof(d));
    snprintf(d.claim_id, sizeof(d.claim_id), "A1");
    d.line = 1;
    snprintf(d.code, sizeof(d.code), "99492");
    d.outcome = ADJ_OUT_PAY;
    d.has_amounts = true;
    d.allowed = 14930;
    d.paid = 11944;
    d.patient_resp = 2986;
    d.coinsurance = 2986;
    snprintf(d.ruleset_id, sizeof(d.ruleset_id), "cocm-2026");
    d.rules[d.nrules++] = "route.code.cocm";
    d.rules[d.nrules++] = "edit.episode.initial_ok";
    snprintf(d.reason, sizeof(d.reason), "paid");
    snprintf(d.billing_npi, sizeof(d.billing_npi), "1234567893");
    d.dos = 20260115;
    d.charge = 20000;
    d.units_milli = 1000;
    char *s = render(&d);
    CU_ASSERT_STRING_EQUAL(s, "{\"claim_id\":\"A1\",\"line\":1,\"code\":\"99492\",\"member_id\":\"M\\\"1\","
                              "\"route\":\"medical\",\"outcome\":\"pay\",\"group\":null,\"carc\":null,"
                              "\"rarc\":[],\"allowed\":\"149.30\",\"paid\":\"119.44\",\"patient_resp\":"
                              "\"29.86\",\"ruleset\":\"cocm-2026\",\"rules\":[\"route.code.cocm\","
                              "\"edit.episode.initial_ok\"],\"reason\":\"paid\","
                              "\"billing_npi\":\"1234567893\",\"dos\":\"2026-01-15\","
                              "\"charge\":\"200.00\",\"units\":1,\"matched_claim\":null,"
                              "\"contract\":2,"

                              "\"deductible\":\"0.00\",\"coinsurance\":\"29.86\",\"copay\":\"0.00\","
                              "\"primary_paid\":null,\"cob_reduction\":\"0.00\"}\n");
    free(s);
    d.outcome = ADJ_OUT_PEND;
    d.has_amounts = false;
    snprintf(d.group, sizeof(d.group), "CO");
    snprintf(d.carc, sizeof(d.carc), "B15");
    snprintf(d.rarc[d.nrarc++], 6, "N122");
    snprintf(d.rarc[d.nrarc++], 6, "N20");
    s = render(&d);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"outcome\":\"pend\",\"group\":\"CO\",\"carc\":\"B15\","
                                     "\"rarc\":[\"N122\",\"N20\"],\"allowed\":null,\"paid\":null,"
                                     "\"patient_resp\":null"));
    free(s);
    /* absent date and fractional units; a matched claim */
    d.dos = ADJ_DATE_NONE;
    d.units_milli = 1500;
    snprintf(d.matched_claim, sizeof(d.matched_claim), "A0");
    s = render(&d);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"dos\":null,\"charge\":\"200.00\",\"units\":1.5,"
                                     "\"matched_claim\":\"A0\",\"contract\":2,"));
    free(s);
    d.units_milli = 250;
    s = render(&d);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"units\":0.25,"));
    free(s);
}

/* issue 13: the member share split and coordination of benefits keep the
 * pricing invariants over a grid of inputs: parts sum to patient_resp,
 * 0 <= patient_resp <= allowed, paid = allowed - patient_resp (less the
 * COB reduction), never more than what is left of a limit */
static void test_costshare_invariants(void)
{
    static const AdjMoney allowed[] = {0, 1, 999, 14930, 1000000, 100000000000};
    static const int64_t pct[] = {0, 12500, 20000, 100000};
    static const AdjMoney copay[] = {0, 1000, 20000};
    static const AdjMoney limit[] = {0, 1, 25000, 100000000000};
    static const AdjMoney met[] = {0, 12345, 25000, 100000000000};
    int checked = 0;
    for (size_t a = 0; a < sizeof(allowed) / sizeof(allowed[0]); a++)
        for (size_t p = 0; p < sizeof(pct) / sizeof(pct[0]); p++)
            for (size_t c = 0; c < sizeof(copay) / sizeof(copay[0]); c++)
                for (size_t l = 0; l < sizeof(limit) / sizeof(limit[0]); l++)
                    for (size_t m = 0; m < sizeof(met) / sizeof(met[0]); m++) {
                        AdjCostShareIn in = {.allowed = allowed[a], .coinsurance_milli = pct[p],
                                             .copay = copay[c], .deductible_applies = true,
                                             .deductible = limit[l], .family_deductible = limit[3 - l],
                                             .oop_max = limit[(l + 1) % 4],
                                             .family_oop_max = limit[(l + 2) % 4]};
                        in.met.person = (AdjAccum){met[m], met[(m + 1) % 4]};
                        in.met.family = (AdjAccum){met[(m + 2) % 4], met[(m + 3) % 4]};
                        AdjCostShare s;
                        CU_ASSERT_FATAL(adj_costshare_split(&in, &s));
                        CU_ASSERT_EQUAL(s.deductible + s.coinsurance + s.copay, s.patient_resp);
                        CU_ASSERT(s.patient_resp >= 0 && s.patient_resp <= allowed[a]);
                        CU_ASSERT(s.deductible >= 0 && s.coinsurance >= 0 && s.copay >= 0);
                        CU_ASSERT_EQUAL(s.paid, allowed[a] - s.patient_resp);
                        if (in.deductible > 0)
                            CU_ASSERT(s.deductible <= (in.deductible > in.met.person.ded
                                                           ? in.deductible - in.met.person.ded
                                                           : 0));
                        if (in.oop_max > 0)
                            CU_ASSERT(s.patient_resp <= (in.oop_max > in.met.person.oop
                                                             ? in.oop_max - in.met.person.oop
                                                             : 0));
                        for (int method = 0; method < 2; method++)
                            for (AdjMoney prim = 0; prim <= allowed[a] + 5000; prim += allowed[a] / 3 + 2500) {
                                AdjCostShare o;
                                AdjMoney red = 0;
                                adj_cob_split((AdjCobMethod)method, allowed[a], prim, &s, &o, &red);
                                CU_ASSERT_EQUAL(o.deductible + o.coinsurance + o.copay, o.patient_resp);
                                CU_ASSERT(o.paid >= 0 && o.paid <= s.paid);
                                CU_ASSERT(o.patient_resp >= 0 && o.patient_resp <= s.patient_resp);
                                CU_ASSERT(red >= 0);
                                CU_ASSERT_EQUAL(o.paid + o.patient_resp + red, allowed[a]);
                                checked++;
                            }
                    }
    CU_ASSERT(checked > 1000);
    /* a negative or out-of-range percent is refused, not computed */
    AdjCostShareIn bad = {.allowed = 100, .coinsurance_milli = 100001};
    AdjCostShare s;
    CU_ASSERT(!adj_costshare_split(&bad, &s));
}

/* 99492 non-facility national = 153.12 (4.60 RVUs x 33.2875) */
static void test_mpfs_99492(void)
{
    AdjRvu rvu = {adj_mpfs_key("99492", 5, "", 0), "99492", "", 'A', 188, 260, 79, 12};
    AdjMpfs m = {.year = 2024, .cf = 332875, .rvu = &rvu, .nrvu = 1};
    memset(m.pos, -1, sizeof(m.pos));
    m.pos[11] = 0;
    m.pos[22] = 1;
    AdjMpfsPrice p;
    CU_ASSERT_EQUAL(adj_mpfs_price(&m, "99492", "", "11", "", 100000, &p), ADJ_MPFS_PRICED);
    CU_ASSERT_EQUAL(p.medicare, 15312);
    CU_ASSERT(p.national);
    CU_ASSERT(!p.facility);
    CU_ASSERT_EQUAL(adj_mpfs_price(&m, "99492", "", "22", "", 110000, &p), ADJ_MPFS_PRICED);
    CU_ASSERT_EQUAL(p.medicare, 9287);
    CU_ASSERT_EQUAL(p.fee, 10216); /* 92.87 x 110% = 102.157 */
    CU_ASSERT_EQUAL(adj_mpfs_price(&m, "99493", "", "11", "", 100000, &p), ADJ_MPFS_NO_RVU);
    CU_ASSERT_EQUAL(adj_mpfs_price(&m, "99492", "", "11", "01112-05", 100000, &p),
                    ADJ_MPFS_NO_LOCALITY);
}

static const UnitTest tests[] = {
    {"member share split and COB invariants", test_costshare_invariants},
    {"MPFS arithmetic", test_mpfs_99492},
    {"pricing arithmetic", test_price},
    {"absurd amounts never wrap", test_price_absurd},
    {"in-memory history", test_memhist},
    {"in-memory history past growth", test_memhist_growth},
    {"reasons formatted without printf", test_vformat},
    {"JSONL rendering", test_render},
    {NULL, NULL},
};

ADJ_UNIT_MAIN("engine", tests)
