# Sourced by the editor runners (tests/e2e/neovim/run.sh, tests/e2e/emacs/run.sh).
# count_results FILE STATUS CLIENT: prints the "ok - ..." / "not ok - ..." lines the client
# wrote to FILE and sets PASSED and FAILED, counting a client that exited with STATUS != 0
# (124: the 60 s timeout) or ran no check as a failure.
count_results() {
  local results=$1 status=$2 client=$3
  cat "$results"
  PASSED=$(grep -c '^ok - ' "$results" || true)
  FAILED=$(grep -c '^not ok - ' "$results" || true)
  if [ "$status" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
    echo "not ok - $client exited with status $status$([ "$status" -eq 124 ] && echo ' (timeout 60s)')"
    FAILED=$((FAILED + 1))
  fi
  if [ "$PASSED" -eq 0 ] && [ "$FAILED" -eq 0 ]; then
    echo "not ok - no checks ran"
    FAILED=1
  fi
}
