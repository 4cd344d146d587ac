#!/usr/bin/env python3
"""Writes OUT.837: April 2026 claims that pend, on top of the demo story
(deploy/demo-data): a suspect duplicate (same code, month and provider,
another charge), a code without a fee, and a claim whose patient name holds
markup, and a pended claim replaced by another. Reuses the demo generator's envelope code."""
import os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
src = open(os.path.join(ROOT, "deploy/demo-data/make-837.py")).read()
exec(src[:src.index("PCP, BAYVIEW, THERAPIST, PSYCH =")])
MEMBERS["MBR1003"] = ("OKAFOR", "JAMES", "19701122", "M", "GOLDEN GATE HEALTH PLAN", "GGHP01")
MEMBERS["MBR1001"] = ("RIVERA<script>alert(1)</script>", "ANA", "19850312", "F",
                      "GOLDEN GATE HEALTH PLAN", "GGHP01")
PCP, BAYVIEW = "1234567893", "1111111112"
# optional: control number, month of service, claim number prefix
CTL = sys.argv[2] if len(sys.argv) > 2 else "104"
M = sys.argv[3] if len(sys.argv) > 3 else "04"
P = sys.argv[4] if len(sys.argv) > 4 else "5"
april = [
    claim("PND-"+P+"001", PCP, "MBR1003", ["F331"], [("99492", "2026"+M+"10", 20000, 1)]),
    # the same service again with another charge: a suspect duplicate
    claim("PND-"+P+"002", PCP, "MBR1003", ["F331"], [("99492", "2026"+M+"15", 21000, 1)]),
    # a code the fee table lacks: pended for manual pricing
    claim("pnd-"+P+"003", BAYVIEW, "MBR1003", ["F331"], [("99497", "2026"+M+"20", 9000, 1)]),
    claim("PND-"+P+"004", BAYVIEW, "MBR1001", ["F331"], [("99497", "2026"+M+"21", 9000, 1)]),
    # pended, then replaced (frequency 7): only the replacement is worked
    claim("PND-"+P+"005", BAYVIEW, "MBR1003", ["F331"], [("99497", "2026"+M+"22", 9500, 1)]),
    claim("PND-"+P+"005", BAYVIEW, "MBR1003", ["F331"], [("99497", "2026"+M+"22", 9000, 1)],
          freq="7", ref="PND-"+P+"005"),
]
with open(sys.argv[1], "w") as f:
    f.write(interchange(CTL, "20260605", april))
