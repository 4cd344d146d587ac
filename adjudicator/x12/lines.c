/* The 2400 service line segments the claim model uses: SV1 (procedure,
 * modifiers, charge, unit basis, units, place, diagnosis pointers) and
 * DTP*472 (D8 or RD8). Records a problem for what it cannot read; no
 * allocation, no semantic checks (claim/validate.c). */
#include <stdio.h>
#include <string.h>

#include "x12/x12_int.h"

static bool parse_small_int(X12Slice s, int *out)
{
    if (s.n == 0 || s.n > 3)
        return false;
    int v = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] < '0' || s.p[i] > '9')
            return false;
        v = v * 10 + (s.p[i] - '0');
    }
    *out = v;
    return true;
}

void x12_line_sv1(AdjClaim *c, AdjLine *l, const X12Elems *el, char comp, uint32_t segno)
{
    if (l == NULL) {
        adj_claim_problem(c, segno, "SV1", "2400", "SV1", ADJ_PROBLEM_PROCEDURE,
                          "SV1 outside a service line loop (no LX before it)");
        return;
    }
    if (l->sv1_segment != 0) {
        adj_claim_problem(c, segno, "SV1", "2400", "SV1", ADJ_PROBLEM_OTHER,
                          "line %d has a second SV1", l->lx);
        return;
    }
    l->sv1_segment = segno;
    X12Slice sv101 = x12_el(el, 1);
    X12Comps cp;
    x12_split_comps(sv101, comp, &cp);
    char hint[48];
    x12_no_comp_hint(hint, sizeof(hint), sv101, comp);
    x12_copy(l->qualifier, sizeof(l->qualifier), x12_comp(&cp, 0));
    X12Slice code = x12_comp(&cp, 1);
    if (code.n == 0 || !x12_copy(l->code, sizeof(l->code), code)) {
        l->code[0] = '\0';
        l->unread |= ADJ_UNREAD_CODE;
        adj_claim_problem(c, segno, "SV1", "2400", "SV101-2", ADJ_PROBLEM_PROCEDURE,
                          "line %d procedure code is %s%s", l->lx,
                          code.n ? "too long" : "missing", hint);
    }
    for (int m = 2; m < 6; m++) {
        X12Slice mod = x12_comp(&cp, m);
        if (mod.n == 0)
            continue;
        if (mod.n != 2) {
            adj_claim_problem(c, segno, "SV1", "2400", m == 2 ? "SV101-3" : m == 3 ? "SV101-4" : m == 4 ? "SV101-5" : "SV101-6",
                              ADJ_PROBLEM_PROCEDURE, "line %d modifier '%.*s' is not two characters", l->lx,
                              x12_clip(mod.n), mod.p);
            continue;
        }
        x12_copy(l->mods[l->nmods++], 3, mod);
    }
    X12Slice amt = x12_el(el, 2);
    if (!adj_money_parse(amt.p, amt.n, &l->charge)) {
        l->unread |= ADJ_UNREAD_CHARGE;
        adj_claim_problem(c, segno, "SV1", "2400", "SV102", ADJ_PROBLEM_LINE_CHARGE,
                          amt.n ? "line %d charge '%.*s' is not an amount in cents range"
                                : "line %d charge is missing%.*s",
                          l->lx, x12_clip(amt.n), amt.p);
    }
    X12Slice basis = x12_el(el, 3);
    if (basis.n > 2) {
        l->unread |= ADJ_UNREAD_UNIT_BASIS;
        adj_claim_problem(c, segno, "SV1", "2400", "SV103", ADJ_PROBLEM_OTHER,
                          "line %d unit basis '%.*s' is not UN or MJ", l->lx, x12_clip(basis.n),
                          basis.p);
    } else {
        x12_copy(l->unit_basis, sizeof(l->unit_basis), basis);
    }
    X12Slice units = x12_el(el, 4);
    if (units.n > 0 && !adj_qty_parse(units.p, units.n, &l->units_milli)) {
        l->unread |= ADJ_UNREAD_UNITS;
        adj_claim_problem(c, segno, "SV1", "2400", "SV104", ADJ_PROBLEM_OTHER,
                          "line %d units '%.*s' is not a quantity (up to 3 decimals)", l->lx,
                          x12_clip(units.n), units.p);
    }
    X12Slice pos = x12_el(el, 5);
    if (pos.n != 0 && (pos.n != 2 || !x12_copy(l->pos, sizeof(l->pos), pos))) {
        l->pos[0] = '\0';
        l->unread |= ADJ_UNREAD_POS;
        adj_claim_problem(c, segno, "SV1", "2400", "SV105", ADJ_PROBLEM_OTHER,
                          "line %d place of service '%.*s' is not two characters", l->lx,
                          x12_clip(pos.n), pos.p);
    }
    X12Slice ptr = x12_el(el, 7);
    if (ptr.n > 0) {
        x12_split_comps(ptr, comp, &cp);
        for (int i = 0; i < cp.count; i++) {
            int v;
            if (i >= ADJ_MAX_DX_PTR || !parse_small_int(x12_comp(&cp, i), &v)) {
                l->unread |= ADJ_UNREAD_PTR;
                adj_claim_problem(c, segno, "SV1", "2400", "SV107", ADJ_PROBLEM_OTHER,
                                  i >= ADJ_MAX_DX_PTR
                                      ? "line %d has more than 4 diagnosis pointers%.*s"
                                      : "line %d diagnosis pointer '%.*s' is not a number",
                                  l->lx, i >= ADJ_MAX_DX_PTR ? 0 : x12_clip(x12_comp(&cp, i).n),
                                  x12_comp(&cp, i).p);
                break;
            }
            l->dx_ptr[l->ndx_ptr++] = v;
        }
    }
}

void x12_line_dtp(AdjClaim *c, AdjLine *l, const X12Elems *el, uint32_t segno)
{
    l->dtp_segment = segno;
    X12Slice fmt = x12_el(el, 2), v = x12_el(el, 3);
    bool ok;
    if (x12_eq(fmt, "D8")) {
        ok = adj_date_parse_x12(v.p, v.n, &l->dos_from);
        l->dos_to = l->dos_from;
    } else if (x12_eq(fmt, "RD8")) {
        ok = v.n == 17 && v.p[8] == '-' && adj_date_parse_x12(v.p, 8, &l->dos_from) &&
             adj_date_parse_x12(v.p + 9, 8, &l->dos_to);
    } else {
        l->unread |= ADJ_UNREAD_DOS;
        adj_claim_problem(c, segno, "DTP", "2400", "DTP02", ADJ_PROBLEM_SERVICE_DATE,
                          "line %d service date format '%.*s' is not D8 or RD8", l->lx,
                          x12_clip(fmt.n), fmt.p);
        return;
    }
    if (!ok) {
        l->dos_from = l->dos_to = ADJ_DATE_NONE;
        l->unread |= ADJ_UNREAD_DOS;
        adj_claim_problem(c, segno, "DTP", "2400", "DTP03", ADJ_PROBLEM_SERVICE_DATE,
                          "line %d service date '%.*s' is not a valid %s", l->lx, x12_clip(v.n), v.p,
                          x12_eq(fmt, "D8") ? "CCYYMMDD date" : "CCYYMMDD-CCYYMMDD range");
    }
}

