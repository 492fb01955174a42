#!/usr/bin/env bash
# The README's test command: static checks, unit, integration and end-to-end suites.
# Every suite runs even when an earlier one fails; the last line totals them all as
# "N passed, N failed" (static checks count as one test each).
set -u
cd "$(dirname "$0")/.."
out="$PWD/.test-results"
rm -rf "$out"; mkdir -p "$out"
status=0

step() { # name, command...
  local name=$1; shift
  echo "=== $name"
  if "$@"; then echo "ok $name" >>"$out/static.txt"; else echo "FAIL $name" >>"$out/static.txt"; status=1; fi
}

step typecheck npx tsc --noEmit -p tsconfig.json
step lint npx eslint . --max-warnings 0
# the built renderer is served by the web shells the integration tests start (and the e2e suite)
step build-renderer npm run build:renderer --silent

echo "=== unit + integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json" || status=1

echo "=== end-to-end (playwright)"
if [ -z "${SKIP_E2E:-}" ]; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json || status=1
fi

node scripts/summarise-tests.mjs "$out" || status=1
exit $status
