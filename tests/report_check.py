#!/usr/bin/env python3
"""Disclosure check of a published approval-rates report (submission CSV).

Reads the submission layout (README "Regulator reports": level, keys,
measure, numerator, denominator, rate_pct, suppressed), rebuilds every
additive relation between the published counts on its own (not from the
database's code), and solves them exactly (rational Gaussian elimination per
connected group of withheld figures). It fails when:
  - a shown count is between 1 and min_cell-1;
  - a shown rate has a withheld numerator or denominator;
  - the shown figures break a relation (the model of the report is wrong);
  - a withheld figure follows from the shown ones (its value is determined)
    and that value is a small count, 1 to min_cell-1. Everything a linear
    solve determines is determined here, so no protected count follows by
    any chain of additions and subtractions. Determined values of 0 (CMS's
    rule lets a 0 be shown) and of min_cell or more (a complementary
    withholding, itself no small count) are counted and printed, not
    failures.
Usage: report_check.py SUBMISSION.csv [--min-cell N]; exit 0 when safe, 1
with one line per finding otherwise.
"""
import csv
import sys
from collections import defaultdict
from fractions import Fraction

CELL_LEVELS = ("cell", "plan_month", "plan", "total")
RELATIONS = (  # total, parts: within one row
    ("decided_first", ("paid_first", "denied_first", "pended_first")),
    ("decided_final", ("paid_final", "denied_final", "pended_final")),
    ("lines_submitted", ("decided_final", "duplicates_final", "forwarded", "rejected",
                         "voided", "undecided")),
)
PARENT = {"cell": "plan_month", "plan_month": "plan", "plan": "total"}


def truthy(s):
    return s.strip().lower() in ("true", "t", "1")


def load(path):
    figs = {}  # (level, plan, month, family, kind, carc, measure) -> int or None
    rates = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            key = (r["level"], r["plan_id"], r["service_month"], r["code_family"],
                   r["provider_kind"], r["carc"])
            m = r["measure"]
            hidden = truthy(r["suppressed"])
            if m in ("first_pass_approval", "final_approval"):
                rates.append((key, m, r, hidden))
                continue
            figs[key + (m,)] = None if hidden else int(r["numerator"])
    return figs, rates


def relations(figs):
    """Every additive relation as (total key, [part keys])."""
    eqs = defaultdict(lambda: [None, []])
    for k in figs:
        level, plan, month, family, kind, carc, m = k
        if m == "members":
            continue
        if level in CELL_LEVELS:
            for total, parts in RELATIONS:
                rk = ("row", total) + k[:6]
                if m == total:
                    eqs[rk][0] = k
                elif m in parts:
                    eqs[rk][1].append(k)
            # into the parent level
            if level in PARENT:
                p = PARENT[level]
                pk = (p, plan if p in ("plan_month", "plan") else "",
                      month if p == "plan_month" else "", "", "", "", m)
                eqs[("sum", pk)][1].append(k)
            if level != "cell":
                eqs[("sum", k)][0] = k
            if level == "cell" and m in ("denied_first", "denied_final"):
                eqs[("carc", k)][0] = k
            if level == "total" and m in ("denied_first", "denied_final"):
                eqs[("carcsum", m)][0] = k
        elif level == "denial":
            cell = ("cell", plan, month, family, kind, "", m)
            eqs[("carc", cell)][1].append(k)
            eqs[("carctotal", carc, m)][1].append(k)
        elif level == "denial_total":
            eqs[("carctotal", carc, m)][0] = k
            eqs[("carcsum", m)][1].append(k)
    out = []
    for name, (total, parts) in eqs.items():
        if total is None:
            raise SystemExit(f"report_check: relation {name} has no total row")
        out.append((total, parts))
    return out


def solve(unknowns, rows):
    """rows: list of ({var: coef}, rhs). Returns {var: value} for each var the
    rows determine."""
    pivots = {}  # var -> (row dict, rhs), reduced
    for coefs, rhs in rows:
        coefs = {v: Fraction(c) for v, c in coefs.items() if c}
        rhs = Fraction(rhs)
        for pv, (prow, prhs) in pivots.items():
            c = coefs.get(pv)
            if c:
                for v, pc in prow.items():
                    coefs[v] = coefs.get(v, 0) - c * pc
                    if coefs[v] == 0:
                        del coefs[v]
                rhs -= c * prhs
        if not coefs:
            if rhs != 0:
                return None  # inconsistent
            continue
        pv = min(coefs, key=str)
        c = coefs[pv]
        coefs = {v: x / c for v, x in coefs.items()}
        rhs /= c
        for qv, (qrow, qrhs) in list(pivots.items()):
            d = qrow.get(pv)
            if d:
                for v, x in coefs.items():
                    qrow[v] = qrow.get(v, 0) - d * x
                    if qrow[v] == 0:
                        del qrow[v]
                pivots[qv] = (qrow, qrhs - d * rhs)
        pivots[pv] = (coefs, rhs)
    return {pv: rhs for pv, (row, rhs) in pivots.items() if len(row) == 1}


def check(path, min_cell):  # noqa: C901
    figs, rates = load(path)
    findings = []
    for k, v in figs.items():
        if v is not None and 1 <= v < min_cell:
            findings.append(f"{k}: {v} is shown (1 to {min_cell - 1} must be suppressed)")
    for key, m, r, hidden in rates:
        num, den = ("paid_first", "decided_first") if m == "first_pass_approval" \
            else ("paid_final", "decided_final")
        if not hidden and (figs.get(key + (num,)) is None or figs.get(key + (den,)) is None):
            findings.append(f"{key} {m}: rate shown with a withheld numerator or denominator")
    eqs = relations(figs)
    # group the relations by the withheld figures they share
    parent = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rows = []
    for total, parts in eqs:
        coefs = defaultdict(int)
        rhs = 0
        for k, c in [(total, 1)] + [(p, -1) for p in parts]:
            if figs[k] is None:
                coefs[k] += c
            else:
                rhs -= c * figs[k]
        coefs = {k: c for k, c in coefs.items() if c}
        if not coefs:
            if rhs != 0:
                findings.append(f"relation broken by shown figures: {total} = sum of {len(parts)}")
            continue
        ks = list(coefs)
        for k in ks[1:]:
            parent[root(k)] = root(ks[0])
        rows.append((coefs, rhs))
    groups = defaultdict(list)
    for coefs, rhs in rows:
        groups[root(next(iter(coefs)))].append((coefs, rhs))
    derived = zeros = large = 0
    for g in groups.values():
        unknowns = {k for coefs, _ in g for k in coefs}
        known = solve(unknowns, g)
        if known is None:
            findings.append("withheld figures admit no solution: relations inconsistent")
            continue
        for k, v in sorted(known.items(), key=str):
            if v == 0:
                zeros += 1
            elif v >= min_cell:
                large += 1
                print(f"report_check: note: {k} (withheld as a complement) is determined: {v}")
            else:
                derived += 1
                findings.append(f"{k}: withheld, but follows from the shown figures: {v}")
    hidden = sum(1 for v in figs.values() if v is None)
    print(f"report_check: {len(figs)} counts, {hidden} withheld, {len(eqs)} relations, "
          f"{derived} small withheld value(s) derivable, {zeros} derivable zero(s), "
          f"{large} derivable complement(s) of {min_cell} or more")
    return findings


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    min_cell = 11
    if "--min-cell" in argv:
        min_cell = int(argv[argv.index("--min-cell") + 1])
    findings = check(argv[1], min_cell)
    for f in findings:
        print("report_check: " + f)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
