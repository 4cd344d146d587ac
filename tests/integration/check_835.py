#!/usr/bin/env python3
"""Check the balancing rules of 835 files independently of the writer:
for each service, SVC02 - sum CAS = SVC03; for each claim, CLP03 - sum CAS
(claim and service level) = CLP04; BPR02 = sum CLP04 - sum PLB. Prints one
summary line per file: claims, reversals, paid, PLB; exits 1 on a failure."""
import sys
from decimal import Decimal as D


def segs(path):
    data = open(path).read()
    for s in data.replace("\n", "").split("~"):
        if s:
            yield s.split("*")


def cas_sum(e):
    return sum(D(e[i]) for i in range(3, len(e), 3) if e[i])


bad = 0
for path in sys.argv[1:]:
    bpr = None
    clp = None
    svc = None
    claims = reversals = 0
    total = plb = D(0)

    def close_svc():
        global bad
        if svc is not None and svc[0] - svc[2] != svc[1]:
            print(f"{path}: claim {clp[0]} service {svc[3]}: {svc[0]} - {svc[2]} != {svc[1]}")
            bad = 1

    def close_clp():
        global bad
        if clp is not None and clp[1] - clp[3] != clp[2]:
            print(f"{path}: claim {clp[0]}: {clp[1]} - {clp[3]} != {clp[2]}")
            bad = 1

    for e in segs(path):
        if e[0] == "BPR":
            bpr = D(e[2])
        elif e[0] == "CLP":
            close_svc(); svc = None
            close_clp()
            clp = [e[1], D(e[3]), D(e[4]), D(0)]
            claims += 1
            reversals += e[2] == "22"
            total += D(e[4])
        elif e[0] == "SVC":
            close_svc()
            svc = [D(e[2]), D(e[3]), D(0), e[1]]
        elif e[0] == "CAS":
            s = cas_sum(e)
            clp[3] += s
            if svc is not None:
                svc[2] += s
        elif e[0] == "PLB":
            close_svc(); svc = None
            plb += sum(D(e[i]) for i in range(4, len(e), 2) if e[i])
    close_svc()
    close_clp()
    if bpr is None or bpr != total - plb:
        print(f"{path}: BPR02 {bpr} != sum CLP04 {total} - sum PLB {plb}")
        bad = 1
    print(f"{path}: claims {claims} reversals {reversals} paid {total} plb {plb} bpr {bpr}")
sys.exit(bad)
