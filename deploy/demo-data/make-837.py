#!/usr/bin/env python3
"""Writes the demo 837P files (005010X222A1) of deploy/demo-data: a
month-by-month CoCM story. Run from anywhere; rewrites the files beside it.
Envelopes, HL numbering, SE/GE/IEA counts and CLM02 totals are computed."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PROV = {
    "1234567893": ("PINE STREET FAMILY MEDICINE", "207Q00000X", "100 PINE ST", "941101234"),
    "1111111112": ("BAYVIEW INTERNAL MEDICINE", "207R00000X", "5 THIRD ST", "941240000"),
    "2222222228": ("HARBOR COUNSELING", "1041C0700X", "22 VALENCIA ST", "941100000"),
    "3333333334": ("MISSION PSYCHIATRY GROUP", "2084P0800X", "900 MISSION ST", "941030000"),
}
MEMBERS = {
    "MBR1001": ("RIVERA", "ANA", "19850312", "F", "GOLDEN GATE HEALTH PLAN", "GGHP01"),
    "MBR1002": ("CHEN", "MAY", "19800704", "F", "GOLDEN GATE HEALTH PLAN", "GGHP01"),
    "MBR1003": ("OKAFOR", "JAMES", "19701122", "M", "GOLDEN GATE HEALTH PLAN", "GGHP01"),
}


def claim(cid, npi, member, dx, lines, freq="1", ref=None, dependent=None):
    return dict(cid=cid, npi=npi, member=member, dx=dx, lines=lines, freq=freq, ref=ref,
                dependent=dependent)


def money(cents):
    return "%d.%02d" % (cents // 100, cents % 100)


def interchange(ctl, date, claims):
    """One interchange, one group, one transaction set."""
    yymmdd = date[2:]
    segs = []
    segs.append("ST*837*0001*005010X222A1")
    segs.append("BHT*0019*00*B%s*%s*1200*CH" % (ctl, date))
    segs.append("NM1*41*2*BAY AREA CLEARINGHOUSE*****46*CLH001")
    segs.append("PER*IC*EDI DESK*TE*4155550100")
    segs.append("NM1*40*2*GOLDEN GATE HEALTH PLAN*****46*GGHP01")
    hl = 0
    for c in claims:
        name, tax, street, zip9 = PROV[c["npi"]]
        hl += 1
        bp = hl
        segs.append("HL*%d**20*1" % bp)
        segs.append("PRV*BI*PXC*%s" % tax)
        segs.append("NM1*85*2*%s*****XX*%s" % (name, c["npi"]))
        segs.append("N3*%s" % street)
        segs.append("N4*SAN FRANCISCO*CA*%s" % zip9)
        segs.append("REF*EI*941234567")
        hl += 1
        sub = hl
        last, first, dob, sex, payer, payer_id = MEMBERS[c["member"]]
        dep = c["dependent"]
        segs.append("HL*%d*%d*22*%d" % (sub, bp, 1 if dep else 0))
        segs.append("SBR*P*%s*GOLD******CI" % ("" if dep else "18"))
        segs.append("NM1*IL*1*%s*%s****MI*%s" % (last, first, c["member"]))
        segs.append("N3*1 MARKET ST")
        segs.append("N4*SAN FRANCISCO*CA*94110")
        segs.append("DMG*D8*%s*%s" % (dob, sex))
        segs.append("NM1*PR*2*%s*****PI*%s" % (payer, payer_id))
        if dep:
            hl += 1
            segs.append("HL*%d*%d*23*0" % (hl, sub))
            segs.append("PAT*19")
            segs.append("NM1*QC*1*%s*%s" % (last, dep[0]))
            segs.append("N3*1 MARKET ST")
            segs.append("N4*SAN FRANCISCO*CA*94110")
            segs.append("DMG*D8*%s*%s" % (dep[1], dep[2]))
        total = sum(l[2] for l in c["lines"])
        segs.append("CLM*%s*%s***11:B:%s*Y*A*Y*Y" % (c["cid"], money(total), c["freq"]))
        if c["ref"]:
            segs.append("REF*F8*%s" % c["ref"])
        segs.append("HI*" + "*".join(("ABK:" if i == 0 else "ABF:") + d for i, d in enumerate(c["dx"])))
        for i, (code, dos, cents, units) in enumerate(c["lines"], 1):
            ptrs = ":".join(str(k + 1) for k in range(min(len(c["dx"]), 4)))
            segs.append("LX*%d" % i)
            segs.append("SV1*HC:%s*%s*UN*%s***%s" % (code, money(cents), units, ptrs))
            segs.append("DTP*472*D8*%s" % dos)
    segs.append("SE*%d*0001" % (len(segs) + 1))
    out = ["ISA*00*          *00*          *ZZ*CLH001         *ZZ*GGHP01         *%s*1200*^*00501*%09d*0*P*:" % (yymmdd, int(ctl)),
           "GS*HC*CLH001*GGHP01*%s*1200*%d*X*005010X222A1" % (date, int(ctl))]
    out += segs
    out.append("GE*1*%d" % int(ctl))
    out.append("IEA*1*%09d" % int(ctl))
    return "~\n".join(out) + "~\n"


PCP, BAYVIEW, THERAPIST, PSYCH = "1234567893", "1111111112", "2222222228", "3333333334"
LILY = ("LILY", "20140502", "F")

january = [
    # Ana (carve-out plan, only F-code diagnoses): CoCM month 1 on the medical benefit
    claim("PSF-1001", PCP, "MBR1001", ["F331", "F411"], [("99492", "20260120", 20000, 1)]),
    # her psychotherapist's weekly sessions go to the BH administrator
    claim("HC-2001", THERAPIST, "MBR1001", ["F331"],
          [("90834", d, 15000, 1) for d in ("20260108", "20260115", "20260122", "20260129")]),
    # a behavioral clinician billing CoCM: not the treating practitioner
    claim("MP-3001", PSYCH, "MBR1002", ["F329"], [("99492", "20260112", 20000, 1)]),
    # a misbilled add-on: 99494 without its base
    claim("BIM-4001", BAYVIEW, "MBR1002", ["F411"], [("99494", "20260114", 7000, 1)]),
    # May's daughter Lily (a dependent, carved-in plan) starts CoCM
    claim("PSF-1002", PCP, "MBR1002", ["F900"], [("99492", "20260121", 20000, 1)], dependent=LILY),
    # and May's own therapy on the same day is not her daughter's
    claim("HC-2002", THERAPIST, "MBR1002", ["F4321"], [("90834", "20260121", 15000, 1)]),
]
february = [
    # Ana's second month, with 30 more minutes (add-on)
    claim("PSF-1101", PCP, "MBR1001", ["F331"], [("99493", "20260218", 18000, 1), ("99494", "20260218", 7000, 1)]),
    # a crisis visit alongside CoCM (forwarded: carve-out plan)
    claim("HC-2101", THERAPIST, "MBR1001", ["F331"], [("90839", "20260210", 16000, 1), ("90840", "20260210", 8000, 1)]),
    # January's claim resubmitted by mistake
    claim("PSF-1001", PCP, "MBR1001", ["F331", "F411"], [("99492", "20260120", 20000, 1)]),
    # Lily's second month
    claim("PSF-1102", PCP, "MBR1002", ["F900"], [("99493", "20260219", 18000, 1)], dependent=LILY),
    # May's crisis visit (carved in: adjudicated here)
    claim("HC-2102", THERAPIST, "MBR1002", ["F4321"], [("90839", "20260211", 16000, 1)]),
]
march = [
    claim("PSF-1201", PCP, "MBR1001", ["F331"], [("99493", "20260317", 18000, 1)]),
    # general BHI for James
    claim("BIM-4101", BAYVIEW, "MBR1003", ["F341"], [("99484", "20260309", 6000, 1)]),
    # February's claim corrected (frequency 7 replaces it)
    claim("PSF-1101", PCP, "MBR1001", ["F331"], [("99493", "20260218", 17500, 1), ("99494", "20260218", 7000, 1)],
          freq="7", ref="PSF-1101"),
]

for name, ctl, date, claims in (("2026-01.837", "101", "20260205", january),
                                ("2026-02.837", "102", "20260305", february),
                                ("2026-03.837", "103", "20260405", march)):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(interchange(ctl, date, claims))
