#!/usr/bin/env python3
"""families.py N OUT_DIR: one 837P file (OUT_DIR/families.837) and the
reference data beside it (members.csv; plans and providers of the demo) for
the family-lock attack: per family k, in arrival order, the child's claim
(a dependent, 2000C loop), the mother's own claim, and a void of the child's
claim sent at the subscriber level (the mother's person key, the child's
CLM01 in REF*F8). Voids are looked up by subscriber ID: decided by two
workers locking per person, the void could overtake the child's claim and
be rejected ("original not found") where `check` voids it."""
import os
import shutil
import sys

n, out = int(sys.argv[1]), sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
demo = os.path.join(here, "..", "..", "deploy", "demo-data")
PCP = ("1234567893", "PINE STREET FAMILY MEDICINE", "207Q00000X")
THERAPIST = ("2222222228", "HARBOR COUNSELING", "1041C0700X")

claims = []
for k in range(1, n + 1):
    mid = "FAM%04d" % k
    child = ("KID%d" % k, "20150101", "M")
    claims.append((PCP, mid, "C-%d" % k, "1", None, child, [("99492", "20260120", 20000)]))
    claims.append((THERAPIST, mid, "M-%d" % k, "1", None, None, [("90834", "20260121", 15000)]))
    claims.append((PCP, mid, "C-%d" % k, "8", "C-%d" % k, None, [("99492", "20260120", 20000)]))

segs = ["ST*837*0001*005010X222A1", "BHT*0019*00*F1*20260205*1200*CH",
        "NM1*41*2*BAY AREA CLEARINGHOUSE*****46*CLH001", "PER*IC*EDI DESK*TE*4155550100",
        "NM1*40*2*SILVER PLAN*****46*SLV01"]
hl = 0
for (npi, name, tax), mid, cid, freq, ref, dep, lines in claims:
    hl += 1
    bp = hl
    segs += ["HL*%d**20*1" % bp, "PRV*BI*PXC*%s" % tax, "NM1*85*2*%s*****XX*%s" % (name, npi),
             "N3*100 PINE ST", "N4*SAN FRANCISCO*CA*941101234", "REF*EI*941234567"]
    hl += 1
    sub = hl
    segs += ["HL*%d*%d*22*%d" % (sub, bp, 1 if dep else 0),
             "SBR*P*%s*SILVER******CI" % ("" if dep else "18"),
             "NM1*IL*1*PARENT*MARY****MI*%s" % mid, "N3*1 MARKET ST", "N4*SAN FRANCISCO*CA*94110",
             "DMG*D8*19800101*F", "NM1*PR*2*SILVER PLAN*****PI*SLV01"]
    if dep:
        hl += 1
        segs += ["HL*%d*%d*23*0" % (hl, sub), "PAT*19", "NM1*QC*1*PARENT*%s" % dep[0],
                 "N3*1 MARKET ST", "N4*SAN FRANCISCO*CA*94110", "DMG*D8*%s*%s" % (dep[1], dep[2])]
    total = sum(l[2] for l in lines)
    segs.append("CLM*%s*%d.%02d***11:B:%s*Y*A*Y*Y" % (cid, total // 100, total % 100, freq))
    if ref:
        segs.append("REF*F8*%s" % ref)
    segs.append("HI*ABK:F329")
    for i, (code, dos, cents) in enumerate(lines, 1):
        segs += ["LX*%d" % i, "SV1*HC:%s*%d.%02d*UN*1***1" % (code, cents // 100, cents % 100),
                 "DTP*472*D8*%s" % dos]
segs.append("SE*%d*0001" % (len(segs) + 1))
x12 = ["ISA*00*          *00*          *ZZ*CLH001         *ZZ*SLV01          *260205*1200*^*00501*000000501*0*P*:",
       "GS*HC*CLH001*SLV01*20260205*1200*501*X*005010X222A1"] + segs + ["GE*1*501", "IEA*1*000000501"]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "families.837"), "w") as f:
    f.write("~\n".join(x12) + "~\n")
with open(os.path.join(out, "members.csv"), "w") as f:
    f.write("member_id,plan_id,effective_from,effective_to\n")
    for k in range(1, n + 1):
        f.write("FAM%04d,SILVER-PPO,2025-01-01,\n" % k)
for name in ("plans.csv", "providers.csv"):
    shutil.copy(os.path.join(demo, name), os.path.join(out, name))
