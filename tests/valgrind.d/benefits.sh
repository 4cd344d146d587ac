# Benefits (issue 13): accumulators, persons, COB, benefits.csv, MPFS
# pricing and the interchanges not meant for us, under valgrind.
b=tests/fixtures/benefits
run check --providers $b/providers.csv --members $b/members.csv --plans $b/plans.csv \
    --benefits $b/benefits.csv $b/year-q1.837 $b/year-q2.837 $b/year-q3.837 $b/benefits-q1.837 \
    $b/year-void.837
vgconf="${TMPDIR:-/tmp}/vg-intake.conf"
printf 'intake: { receiver_ids = "GGHP01"; payer_id = "GGHP01"; usage = "P"; };\n' >"$vgconf"
run --config "$vgconf" check --providers $b/providers.csv --members $b/members.csv \
    --plans $b/plans.csv $b/other-receiver.837 $b/other-payer.837 $b/test-usage.837
printf 'plan_id,name,bh_administrator,coinsurance_pct,copay,pricing,pct_of_medicare\nBRONZE,x,,20,0,mpfs,110\nSECOND,y,,20,0,mpfs,100\nSILVER,z,,20,0,mpfs,100\n' \
    >"${TMPDIR:-/tmp}/vg-plans.csv"
run check --providers $b/providers.csv --members $b/members.csv \
    --plans "${TMPDIR:-/tmp}/vg-plans.csv" $b/year-q1.837
