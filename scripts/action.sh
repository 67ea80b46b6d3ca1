#!/usr/bin/env bash
# The entry point of the GitHub Action (action.yml), run the same way by tests/cli/package.test.ts:
# packs rolefit from the action's own checkout, installs the package into a private folder, and
# checks the postings with the inputs given as INPUT_* variables.
set -euo pipefail
ACTION_DIR="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
WORK="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/rolefit-action-$$"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

# A checkout has the sources only: install the build tools once; packing builds the bundles.
if [ ! -d "$ACTION_DIR/node_modules/esbuild" ]; then
  (cd "$ACTION_DIR" && npm ci --no-audit --no-fund --ignore-scripts >&2)
fi
TARBALL="$(cd "$ACTION_DIR" && npm pack --json --pack-destination "$WORK" 2>/dev/null | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].filename))')"
npm install --prefix "$WORK/install" --no-audit --no-fund --no-save --prefer-offline "$WORK/$TARBALL" >&2

FORMAT="${INPUT_FORMAT:-github}"
read -r -a PATHS <<< "${INPUT_PATHS:-.}"
ARGS=(check "${PATHS[@]}" --format "$FORMAT" --fail-on "${INPUT_FAIL_ON:-warning}")
if [ -n "${INPUT_CONFIG:-}" ]; then ARGS+=(--config "$INPUT_CONFIG"); fi
if [ -n "${INPUT_STRICTNESS:-}" ]; then ARGS+=(--strictness "$INPUT_STRICTNESS"); fi
if [ "$FORMAT" = sarif ]; then
  ARGS+=(--output "${INPUT_OUTPUT:-rolefit.sarif}")
  echo "sarif=${INPUT_OUTPUT:-rolefit.sarif}" >> "${GITHUB_OUTPUT:-/dev/null}"
fi
"$WORK/install/node_modules/.bin/rolefit" "${ARGS[@]}"
