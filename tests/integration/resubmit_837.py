#!/usr/bin/env python3
"""Write a new interchange holding one claim of an 837 file resubmitted with
another frequency code: resubmit_837.py IN.837 CLAIM_ID FREQ ISA13 [CHARGE]
prints an 837 whose claim CLAIM_ID has CLM05-3 = FREQ (7 replace, 8 void)
and REF*F8 naming the original, under new control numbers (ISA13, GS06 and
ST02 derived from ISA13). CHARGE, when given, replaces the charge of every
line and the claim total (a corrected claim). For tests only."""
import sys

src, claim_id, freq, isa13 = sys.argv[1:5]
charge = sys.argv[5] if len(sys.argv) > 5 else None
data = open(src).read().replace("\n", "").replace("\r", "")
el = data[3]
segs = [s for s in data.split("~") if s]
isa, gs, st = segs[0], segs[1], segs[2]
body = segs[3:]
head = []  # BHT, 1000A, 1000B: up to the first HL
i = 0
while not body[i].startswith("HL" + el):
    head.append(body[i])
    i += 1
ctx20, ctx22, claim = [], [], None
cur20, cur22 = [], []
level = None
for s in body[i:]:
    e = s.split(el)
    if e[0] == "HL":
        level = e[3]
        if level == "20":
            cur20, cur22, base22 = [s], [], []
        elif level == "22":
            cur22 = [s]
            base22 = cur22
        else:  # a dependent: its subscriber's segments, then its own
            cur22 = list(base22) + [s]
        if claim is not None:
            break
        continue
    if e[0] == "CLM":
        if claim is not None:
            break
        if e[1] == claim_id:
            ctx20, ctx22 = list(cur20), list(cur22)
            comp = isa[-1] if len(isa) == 106 else ":"
            c5 = e[5].split(comp)
            while len(c5) < 3:
                c5.append("")
            c5[2] = freq
            e[5] = comp.join(c5)
            claim = [el.join(e)]
            continue
    if claim is not None:
        if e[0] in ("SE",):
            break
        claim.append(s)
        continue
    if level == "20":
        cur20.append(s)
    elif level is not None:
        cur22.append(s)
        if level == "22":
            base22 = cur22
if claim is None:
    sys.exit(f"claim {claim_id} not in {src}")
# REF*F8 goes after CLM (and its DTP/PWK/CN1/AMT, which our files lack)
claim.insert(1, el.join(["REF", "F8", claim_id]))
if charge is not None:
    nlines = 0
    for k, s in enumerate(claim):
        e = s.split(el)
        if e[0] == "SV1":
            e[2] = charge
            claim[k] = el.join(e)
            nlines += 1
    e = claim[0].split(el)
    e[2] = "%.2f" % (float(charge) * nlines)
    claim[0] = el.join(e)
# HL numbering: billing 1, subscriber 2
def renum(seg, n, parent):
    e = seg.split(el)
    e[1] = str(n)
    e[2] = parent
    if e[3] == "22":
        e[4] = "0"
    return el.join(e)
ctx20[0] = renum(ctx20[0], 1, "")
ctx22[0] = renum(ctx22[0], 2, "1")
for k in range(1, len(ctx22)):
    if ctx22[k].startswith("HL" + el):
        ctx22[k] = renum(ctx22[k], 3, "2")
        e = ctx22[0].split(el)
        e[4] = "1"
        ctx22[0] = el.join(e)
gctl = str(int(isa13))
st_segs = [el.join(["ST", "837", "0001", st.split(el)[3] if len(st.split(el)) > 3 else ""])] + head + ctx20 + ctx22 + claim
st_segs.append(el.join(["SE", str(len(st_segs) + 1), "0001"]))
isa = isa[:90] + "%09d" % int(isa13) + isa[99:]
g = gs.split(el)
g[6] = gctl
out = [isa, el.join(g)] + st_segs + [el.join(["GE", "1", gctl]), el.join(["IEA", "1", "%09d" % int(isa13)])]
sys.stdout.write("~\n".join(out) + "~\n")
