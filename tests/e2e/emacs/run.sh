#!/usr/bin/env bash
# End-to-end test of rolefit with another real LSP client: Emacs's eglot, set up
# with the README's line, opens the Neovim suite's fixture posting in batch mode,
# checks the pushed diagnostics in Flymake and applies the default code action.
# Needs a built server (npm run build -> server/out/main.js). Installs Debian's
# emacs-nox, elpa-eglot and elpa-markdown-mode if Emacs or eglot is missing.
# Last line: "N passed, N failed".
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
SERVER="$ROOT/server/out/main.js"

has_eglot() { command -v emacs >/dev/null 2>&1 && emacs --batch --eval "(progn (require 'eglot) (require 'markdown-mode))" >/dev/null 2>&1; }
if ! has_eglot; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "[emacs-e2e] Emacs with eglot and markdown-mode not found: apt-get install emacs-nox elpa-eglot elpa-markdown-mode" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq emacs-nox elpa-eglot elpa-markdown-mode >/dev/null
fi
if [ ! -f "$SERVER" ]; then
  echo "[emacs-e2e] $SERVER not found: run 'npm run build' first" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

echo "[emacs-e2e] $(emacs --version | head -n1), eglot $(dpkg-query -W -f='${Version}' elpa-eglot 2>/dev/null || echo "(version unknown)")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
RESULTS="$WORK/results"
: >"$RESULTS"
# The server's command as an installed package puts it on PATH.
mkdir -p "$WORK/bin" "$WORK/home"
ln -s "$SERVER" "$WORK/bin/rolefit-language-server"
cp "$ROOT/tests/e2e/neovim/fixtures/cto.md" "$WORK/cto.md"

status=0
HOME="$WORK/home" PATH="$WORK/bin:$PATH" ROLEFIT_CODE_CACHE="$WORK/cache" \
ROLEFIT_RESULTS="$RESULTS" ROLEFIT_POSTING="$WORK/cto.md" \
  timeout 60 emacs --batch -l "$HERE/test.el" </dev/null >"$WORK/emacs.log" 2>&1 || status=$?

source "$HERE/../results.sh"
count_results "$RESULTS" "$status" emacs
if [ "$FAILED" -ne 0 ]; then sed 's/^/[emacs] /' "$WORK/emacs.log" | tail -n 30; fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
