/* Coordination of benefits as the 837P carries it (issue 13): the other
 * payer's claim-level payment (2320 AMT*D) and its line adjudication (2430
 * SVD paid amount, CAS adjustments, DTP*573 date). Amounts of several other
 * payers add up. No allocation; problems name the segment. */
#include "x12/x12_int.h"

#include <string.h>

/* sums stop here (a billion dollars): no later arithmetic on them overflows */
#define MONEY_CAP ((AdjMoney)100000000000)

static bool amount(X12Slice s, AdjMoney *out)
{
    return s.n > 0 && adj_money_parse(s.p, s.n, out);
}

void x12_cob_amt(AdjClaim *c, const X12Elems *el, uint32_t segno)
{
    AdjMoney v;
    X12Slice s = x12_el(el, 2);
    if (!amount(s, &v) || v < 0 || v > MONEY_CAP) {
        adj_claim_problem(c, segno, "AMT", "2320", "AMT02", ADJ_PROBLEM_OTHER,
                          "other payer paid amount '%.*s' is not an amount", x12_clip(s.n), s.p);
        return;
    }
    c->has_other_paid = true;
    if (__builtin_add_overflow(c->other_paid, v, &c->other_paid) || c->other_paid > MONEY_CAP)
        c->other_paid = MONEY_CAP; /* more than any claim: the line caps what counts */
}

void x12_cob_svd(AdjClaim *c, AdjLine *line, const X12Elems *el, uint32_t segno)
{
    AdjMoney v;
    X12Slice s = x12_el(el, 2);
    if (!amount(s, &v) || v < 0 || v > MONEY_CAP) {
        adj_claim_problem(c, segno, "SVD", "2430", "SVD02", ADJ_PROBLEM_OTHER,
                          "line %d other payer paid amount '%.*s' is not an amount", line->lx,
                          x12_clip(s.n), s.p);
        return;
    }
    line->has_svd = true;
    if (__builtin_add_overflow(line->svd_paid, v, &line->svd_paid) || line->svd_paid > MONEY_CAP)
        line->svd_paid = MONEY_CAP;
}

void x12_cob_cas(AdjClaim *c, AdjLine *line, const X12Elems *el, uint32_t segno)
{
    /* CAS01 group, then up to six (reason, amount, quantity) triplets */
    for (int k = 3; k <= 18; k += 3) {
        X12Slice s = x12_el(el, k);
        if (s.n == 0)
            continue;
        AdjMoney v;
        if (!amount(s, &v) || v < -MONEY_CAP || v > MONEY_CAP) {
            adj_claim_problem(c, segno, "CAS", "2430", "CAS03", ADJ_PROBLEM_OTHER,
                              "line %d adjustment amount '%.*s' is not an amount", line->lx,
                              x12_clip(s.n), s.p);
            return;
        }
        if (__builtin_add_overflow(line->svd_adjusted, v, &line->svd_adjusted) ||
            line->svd_adjusted > MONEY_CAP || line->svd_adjusted < -MONEY_CAP)
            line->svd_adjusted = line->svd_adjusted < 0 ? -MONEY_CAP : MONEY_CAP;
    }
}

void x12_cob_line_date(AdjLine *line, const X12Elems *el)
{
    X12Slice d = x12_el(el, 3);
    AdjDate date;
    if (x12_eq(x12_el(el, 2), "D8") && adj_date_parse_x12(d.p, d.n, &date))
        line->svd_date = date;
}

/* Interchanges not meant for us (issue 13): the receiver addressed. */
void x12_receiver_usage(const char *isa, char *isa08, size_t size, char *usage)
{
    size_t n = 15;
    while (n > 0 && isa[54 + n - 1] == ' ')
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(isa08, isa + 54, n);
    isa08[n] = '\0';
    *usage = isa[102];
}

bool adj_x12_addressed_to(const AdjX12Set *set, const char *ids)
{
    bool any = false;
    for (const char *p = ids; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, " ,");
        if (n == 0)
            break;
        any = true;
        if ((strlen(set->isa08) == n && memcmp(set->isa08, p, n) == 0) ||
            (strlen(set->gs03) == n && memcmp(set->gs03, p, n) == 0))
            return true;
        p += n;
    }
    return !any;
}
