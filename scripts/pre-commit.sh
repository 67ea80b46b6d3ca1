#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml), run by tests/cli/package.test.ts the same way: pre-commit
# runs it from its own clone of rolefit with the Markdown files of a commit. The first run builds the CLI
# in that clone (a clone has the sources only); later runs reuse it.
set -euo pipefail
HOOK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$HOOK_DIR/server/out/cli.js" ]; then
  (cd "$HOOK_DIR" && npm ci --no-audit --no-fund --ignore-scripts >&2 && node esbuild.mjs >&2)
fi
exec node "$HOOK_DIR/server/out/cli.js" check --postings-only "$@"
