#!/usr/bin/env bash
# The whole test suite: lint, typecheck, unit, integration (real PostgreSQL and Redis) and
# browser tests (real Chromium). Installs and starts what it needs. The last line is the total.
set -uo pipefail
cd "$(dirname "$0")/.."
results_dir=${TEST_RESULTS_DIR:-test-results}
mkdir -p "$results_dir"
rm -f "$results_dir"/*.json

bash scripts/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/services.sh --with-chromium || { echo "0 passed, 1 failed"; exit 1; }

passed=0 failed=0 skipped=0
check() { # a named check that counts as one test
  local name=$1; shift
  echo "── $name"
  if "$@"; then passed=$((passed + 1)); echo "✓ $name"; else failed=$((failed + 1)); echo "✗ $name"; fi
}
check "eslint" npx eslint . --max-warnings 0
check "typecheck" npm run --silent typecheck

echo "── vitest (unit, integration, browser)"
CI=${CI:-} npx vitest run --reporter=default --reporter=json --outputFile="$results_dir/vitest.json"
vitest_status=$?
if [ -f "$results_dir/vitest.json" ]; then
  read -r vp vf vs < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
    console.log(r.numPassedTests, r.numFailedTests + failedSuites, r.numPendingTests + r.numTodoTests);
  ' "$results_dir/vitest.json")
  passed=$((passed + vp)); failed=$((failed + vf)); skipped=$((skipped + vs))
  # a crash outside any test (global setup, say) still fails the run
  if [ "$vitest_status" -ne 0 ] && [ "$vf" -eq 0 ]; then failed=$((failed + 1)); fi
else
  failed=$((failed + 1))
fi

total="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && total="$total, $skipped skipped"
echo "$total" > "$results_dir/total.txt"
echo "$total"
[ "$failed" -eq 0 ]
