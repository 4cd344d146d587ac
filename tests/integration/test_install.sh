# `make install` into a temporary prefix: the installed command works from
# any directory (rulesets and migrations found beside it), an external
# program compiles against it with pkg-config; DESTDIR staging and
# `make uninstall`; `make deb` installs into a scratch root and runs.
unset MAKEFLAGS MFLAGS MAKELEVEL
mk() { make -C "$ROOT" --no-print-directory BUILD="$BUILD" "$@" >"$TMP/make.log" 2>&1 \
        || { tail -20 "$TMP/make.log" >&2; fail "make $*"; }; }
# the sanitizer build's library needs the sanitizer runtime in programs linking it
san=(); case "$BUILD" in *asan*) san=(-fsanitize=address,undefined) ;; esac
d="$ROOT/deploy/demo-data"
ref=(--providers "$d/providers.csv" --members "$d/members.csv" --plans "$d/plans.csv")

P="$TMP/prefix"
mk install PREFIX="$P"
for f in bin/adjudicator include/adjudicator.h lib/libadjudicator.a lib/libadjudicator.so.0.1.0 \
         lib/pkgconfig/adjudicator.pc share/adjudicator/rulesets/cocm-2026.conf \
         share/adjudicator/rulesets/tables/pos-codes.csv share/adjudicator/sql/001_reference.sql \
         share/man/man1/adjudicator.1 share/man/man5/adjudicator.conf.5 \
         share/doc/adjudicator/contracts.md lib/systemd/system/adjudicator.service; do
    [ -f "$P/$f" ] || fail "not installed: $f"
done
expect_eq "$(readlink "$P/lib/libadjudicator.so.0")" "libadjudicator.so.0.1.0" "SONAME link"
expect_eq "$(readlink "$P/lib/libadjudicator.so")" "libadjudicator.so.0" "development link"
readelf -d "$P/lib/libadjudicator.so.0.1.0" >"$TMP/dyn"
expect_contains "$TMP/dyn" "Library soname: [libadjudicator.so.0]" "SONAME"
expect_contains "$P/lib/systemd/system/adjudicator.service" "ExecStart=$P/bin/adjudicator --config $P/etc/adjudicator/adjudicator.conf serve" "unit names the installed binary"
for t in "$ROOT"/rulesets/tables/*; do
    cmp -s "$t" "$P/share/adjudicator/rulesets/tables/$(basename "$t")" || fail "table $(basename "$t") installed"
done
cmp -s "$ROOT/sql/001_reference.sql" "$P/share/adjudicator/sql/001_reference.sql" || fail "migration copied"

# from a directory with no rulesets: the installed ones are found
mkdir -p "$TMP/elsewhere" && cd "$TMP/elsewhere"
set +e; "$P/bin/adjudicator" check "${ref[@]}" "$d/2026-01.837" >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
[ $rc = 0 ] || { cat "$TMP/err" >&2; fail "installed check exited $rc"; }
expect_contains "$TMP/out" '{"claim_id":"PSF-1001","line":1,"code":"99492","member_id":"MBR1001","route":"medical","outcome":"pay"' "installed check decides"
expect_contains "$TMP/out" '"billing_npi":"1234567893","dos":"2026-01-20","charge":"200.00","units":1,"matched_claim":null,"contract":2,' "contract 2 fields"
# migrations found beside the installed binary too: db init on the test database
set +e; "$P/bin/adjudicator" --db "$ADJ_DB" db init >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e
[ $rc = 0 ] || { cat "$TMP/err" >&2; fail "installed db init exited $rc"; }
expect_eq "$(sql "SELECT count(*) FROM schema_version")" \
    "$(ls "$ROOT"/sql/*.sql | wc -l)" "every migration applied from share/adjudicator/sql"

# an external program through pkg-config (the example, copied away from the tree)
cp "$ROOT/tests/example/example.c" "$TMP/elsewhere/"
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
expect_eq "$(pkg-config --modversion adjudicator)" "0.1.0" "pkg-config version"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror "${san[@]}" example.c -o example $(pkg-config --cflags --libs adjudicator) \
    2>"$TMP/err" || { cat "$TMP/err" >&2; fail "example does not compile against the installation"; }
ldd ./example >"$TMP/ldd"
expect_contains "$TMP/ldd" "libadjudicator.so.0 => $P/lib/libadjudicator.so.0" "example loads the installed library"
./example "$P/share/adjudicator/rulesets" "$d/providers.csv" "$d/members.csv" "$d/plans.csv" >"$TMP/out" 2>"$TMP/err" \
    || { cat "$TMP/err" >&2; fail "installed example"; }
[ -s "$TMP/err" ] && { cat "$TMP/err" >&2; fail "the library wrote to stderr"; }
expect_eq "$(wc -l <"$TMP/out")" "5" "one decision per line"
expect_contains "$TMP/out" '"claim_id":"EX-FEB-AGAIN","line":1,"code":"99493","member_id":"MBR1001","route":"medical","outcome":"deny","group":"OA","carc":"18"' "duplicate denied through the installed library"
cd "$ROOT"
mk uninstall PREFIX="$P"
left=$(find "$P" -type f -o -type l | wc -l)
expect_eq "$left" "0" "uninstall removes every file"

# DESTDIR staging: paths inside name the final prefix
R="$TMP/stage"
mk install PREFIX=/usr DESTDIR="$R"
expect_contains "$R/usr/lib/systemd/system/adjudicator.service" "ExecStart=/usr/bin/adjudicator --config /etc/adjudicator/adjudicator.conf serve" "staged unit"
expect_contains "$R/usr/lib/pkgconfig/adjudicator.pc" "libdir=/usr/lib" "staged pkg-config file"
mk uninstall PREFIX=/usr DESTDIR="$R"
expect_eq "$(find "$R" -type f -o -type l | wc -l)" "0" "staged uninstall"

# the Debian package: into an empty root, with dpkg's own database there
mk deb
deb=$(ls "$ROOT/$BUILD"/adjudicator_0.1.0_*.deb)
dpkg-deb -f "$deb" Package Version Depends >"$TMP/ctl"
expect_contains "$TMP/ctl" "Package: adjudicator" "package name"
expect_contains "$TMP/ctl" "libpq5" "depends on libpq"
dpkg-deb -c "$deb" >"$TMP/list"
expect_contains "$TMP/list" "./usr/share/adjudicator/rulesets/cocm-2026.conf" "rulesets packaged"
expect_contains "$TMP/list" "./lib/systemd/system/adjudicator.service" "unit packaged"
D="$TMP/debroot"
mkdir -p "$D/var/lib/dpkg/info" "$D/var/lib/dpkg/updates" "$D/var/log"
: >"$D/var/lib/dpkg/status"
dpkg --root="$D" --log="$TMP/dpkg.log" --force-not-root --force-depends --force-script-chrootless \
    -i "$deb" >"$TMP/dpkg.out" 2>&1 || { cat "$TMP/dpkg.out" >&2; fail "dpkg --root -i"; }
[ -x "$D/usr/bin/adjudicator" ] || fail "packaged binary installed"
expect_eq "$("$D/usr/bin/adjudicator" --version)" "adjudicator 0.1.0" "packaged binary runs"
cd "$TMP/elsewhere"
"$D/usr/bin/adjudicator" check "${ref[@]}" "$d/2026-01.837" >"$TMP/out" 2>"$TMP/err" || true
expect_contains "$TMP/out" '"claim_id":"PSF-1001","line":1,"code":"99492"' "packaged check finds its rulesets"
