# adjudicator synth under valgrind (sourced by tests/valgrind-cli)
run synth --members 200 --months 3 --seed 3 --out "${TMPDIR:-/tmp}/vg-synth.837" --ref-dir "${TMPDIR:-/tmp}/vg-synth-ref"
run synth --members 0 --out "${TMPDIR:-/tmp}/vg-synth.837"
