#!/usr/bin/env bash
# Real-editor end-to-end tests: rolefit.vsix in code-server (VS Code 1.100.3),
# driven in headless Chromium. Usage: npm run test:e2e   (or bash tests/e2e/run.sh)
# Screenshots and the extension's LSP log: test-results/e2e/
# ROLEFIT_VSIX=/path/to/other.vsix tests that file instead (no build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

bash tests/e2e/setup.sh

if [ -z "${ROLEFIT_VSIX:-}" ]; then
  # Rebuild the vsix when it is missing or older than the bundles.
  needs_build=0
  [ -f rolefit.vsix ] || needs_build=1
  for f in server/out/main.js server/out/language-server.js client/out/extension.js; do
    if [ ! -f "$f" ] || [ "$f" -nt rolefit.vsix ]; then needs_build=1; fi
  done
  if [ "$needs_build" = 1 ]; then
    echo "[e2e] building rolefit.vsix (npm run build && npm run package)"
    npm run build
    npm run package
  fi
fi

node --import tsx --test tests/e2e/*.e2e.ts
