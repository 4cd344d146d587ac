# check over the demo story and a front-end reject, under valgrind
d=deploy/demo-data
run check --providers $d/providers.csv --members $d/members.csv --plans $d/plans.csv $d/2026-01.837 $d/2026-02.837 $d/2026-03.837
run check --providers $d/providers.csv --members $d/members.csv --plans $d/plans.csv --format table tests/fixtures/check/bad-npi.837
