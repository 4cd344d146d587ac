# Sourced by tests/valgrind-cli: `parse` over every X12 fixture, good and bad,
# and over the shared samples when they are there.
for f in tests/fixtures/x12/*.837; do
    run parse "$f"
done
run parse --help
ROOT=${root:-$PWD}
. tests/shared-dir.sh
if [ -d "$SHARED/x12-samples" ]; then
    run parse "$SHARED"/x12-samples/linuxforhealth-x12/*/* "$SHARED"/x12-samples/imsweb-x12-parser/*.txt
fi
