#!/usr/bin/env bash
# Include cycles between module folders (issue 18): a module is a top-level
# folder of adjudicator/ (claim, edits, engine, store, ...) or routing/; a
# file of module A including "B/..." is an edge A -> B. Fails, naming each
# group of modules that include one another, when the graph has a cycle.
# Usage: tests/lint/include_cycles.sh [-v]   (-v: print the edges too)
set -euo pipefail
cd "$(dirname "$0")/../.."
edges=$(
    for f in adjudicator/*/*.[ch] routing/*.[ch]; do
        [ -f "$f" ] || continue
        case $f in
            adjudicator/*) from=${f#adjudicator/}; from=${from%%/*} ;;
            *) from=routing ;;
        esac
        sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z0-9_]*\)\/[^"]*".*/\1/p' "$f" |
            while read -r to; do
                [ "$to" != "$from" ] && { [ -d "adjudicator/$to" ] || [ "$to" = routing ]; } &&
                    echo "$from $to"
            done
    done | sort -u
)
[ "${1:-}" = -v ] && printf '%s\n' "$edges"
# strongly connected components of more than one module (Tarjan's algorithm)
printf '%s\n' "$edges" | awk '
    NF == 2 { adj[$1] = adj[$1] " " $2; node[$1]; node[$2] }
    function visit(v,   i, n, w, list) {
        idx[v] = low[v] = ++counter; stack[++sp] = v; on[v] = 1
        n = split(adj[v], list, " ")
        for (i = 1; i <= n; i++) {
            w = list[i]
            if (!(w in idx)) { visit(w); if (low[w] < low[v]) low[v] = low[w] }
            else if (on[w] && idx[w] < low[v]) low[v] = idx[w]
        }
        if (low[v] == idx[v]) {
            comp = ""; size = 0
            do { w = stack[sp--]; on[w] = 0; comp = w (comp == "" ? "" : " ") comp; size++ } while (w != v)
            if (size > 1) { print "include cycle between modules: " comp; bad = 1 }
        }
    }
    END {
        for (v in node) if (!(v in idx)) visit(v)
        if (bad) exit 1
        print "include_cycles: no include cycle between module folders"
    }'
