# Sourced by test scripts: SHARED is the shared data folder that sits beside
# the repository ("$ROOT/../shared" in CI). From a git worktree elsewhere it
# is the one beside the main checkout. ROOT must be set.
SHARED="$ROOT/../shared"
if [ ! -d "$SHARED" ]; then
    common=$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
    [ -n "$common" ] && [ -d "$(dirname "$common")/../shared" ] && SHARED="$(cd "$(dirname "$common")/../shared" && pwd)"
fi
export SHARED
