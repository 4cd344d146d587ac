# decisions_equal.py CHECK_JSONL DB_JSONL [--db-fields]: the decisions in
# force, one JSON object a line as the database rendered them, equal what
# `adjudicator check` printed, line by line. Every field check printed is
# compared, or with --db-fields only the fields the database side selected
# (tests that look at a part of the decision). Shared by compare_lib.sh and
# tests/security/sec_lib.sh.
import json
import sys

want = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
db_fields = len(sys.argv) > 3 and sys.argv[3] == "--db-fields"
if len(want) != len(got):
    sys.exit("check printed %d decisions, the database holds %d" % (len(want), len(got)))
for i, (w, g) in enumerate(zip(want, got)):
    for k in g if db_fields else w:
        if w.get(k) != g.get(k):
            sys.exit("decision %d (claim %s line %s): %s: check %r, database %r"
                     % (i + 1, w["claim_id"], w["line"], k, w.get(k), g.get(k)))
print("%d decisions equal" % len(want))
