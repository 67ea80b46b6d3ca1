#!/usr/bin/env bash
# End-to-end test of rolefit with a real LSP client: headless Neovim (0.7+,
# built-in client) opens fixtures/cto.md, checks the pushed diagnostics,
# requests and applies the preferred code action, and checks the result.
# Needs a built server (npm run build -> server/out/main.js). Installs
# Debian's neovim if nvim is missing. Last line: "N passed, N failed".
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
SERVER="$ROOT/server/out/main.js"

if ! command -v nvim >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "[neovim-e2e] nvim not found: apt-get install neovim" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq neovim >/dev/null
fi
if [ ! -f "$SERVER" ]; then
  echo "[neovim-e2e] $SERVER not found: run 'npm run build' first" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

echo "[neovim-e2e] $(nvim --version | head -n1)"
RESULTS="$(mktemp)"
WORK="$(mktemp -d)"
trap 'rm -rf "$RESULTS" "$WORK"' EXIT

status=0
# XDG dirs in a temp folder so no user config, plugins, shada or LSP log leak in.
XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state" \
XDG_CACHE_HOME="$WORK/cache" \
ROLEFIT_REPO="$ROOT" ROLEFIT_ROOT="$HERE/fixtures" ROLEFIT_RESULTS="$RESULTS" \
  timeout 60 nvim --headless -n -i NONE -u "$HERE/init.lua" \
    "$HERE/fixtures/cto.md" -c "luafile $HERE/test.lua" </dev/null || status=$?

source "$HERE/../results.sh"
count_results "$RESULTS" "$status" nvim
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
