# The shared library exports exactly the public API: the functions that
# adjudicator.h marks ADJ_API, listed in tests/fixtures/api-symbols.txt (a
# new API function is added to both). Everything else is hidden.
so="$ROOT/$BUILD/libadjudicator.so"
[ -f "$so" ] || fail "not built: $so"
# defined dynamic symbols, less the linker's own section markers
nm -D --defined-only "$so" | awk '{print $NF}' | grep -vxE '_edata|_end|__bss_start|_init|_fini' \
    | sort >"$TMP/exported"
sort "$ROOT/tests/fixtures/api-symbols.txt" >"$TMP/expected"
diff "$TMP/expected" "$TMP/exported" >"$TMP/diff" || { cat "$TMP/diff" >&2; fail "exported symbols differ from the API list (< list, > library)"; }
# and the list is what the header declares
grep -oE '^ADJ_API [^(]*\(' "$ROOT/adjudicator/adjudicator.h" | grep -oE 'adj_[a-z_]+\($' | tr -d '(' | sort >"$TMP/declared"
diff "$TMP/expected" "$TMP/declared" >"$TMP/diff" || { cat "$TMP/diff" >&2; fail "API list differs from adjudicator.h (< list, > header)"; }
expect_eq "$(wc -l <"$TMP/exported")" "10" "ten API functions"
# the static library still has everything (the command and tests link it)
nm --defined-only "$ROOT/$BUILD/libadjudicator.a" 2>/dev/null | grep -c ' T adj_engine_decide$' >"$TMP/n" || true
expect_eq "$(cat "$TMP/n")" "1" "internal functions stay in the static library"
