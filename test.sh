#!/usr/bin/env bash
# Installs what the tests need if it is missing, builds everything, runs every test suite
# (node's JS tests, unit + bUnit tests, Chromium E2E tests) and ends with one summary line:
#   N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/artifacts/test-results"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. System packages: Debian's Chromium (Playwright's own browser download cannot run here),
#    Redis and nginx (the reverse proxy for rolling deploys).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
{ [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null; } || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  as_root apt-get update -qq || exit 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 1
fi
# Debian starts a system-wide Redis and nginx on install; the tests start their own on free ports.

# axe-core from the npm registry, for the accessibility check of <ConnectionStatus />.
if [ ! -f tests/Blazor.LiveState.E2ETests/axe/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/Blazor.LiveState.E2ETests/axe --no-audit --no-fund --silent || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# 2. Build, and publish the demo three times for the deploy tests: two version stamps, and a build whose
#    components changed (another interactive root component type, which a paused page cannot resume on).
dotnet build Blazor.LiveState.sln -c Release -nologo -v q -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
rm -rf artifacts/apps
dotnet publish samples/LiveState.Demo -c Release -o artifacts/apps/demo -nologo -v q -clp:ErrorsOnly &&
dotnet publish samples/LiveState.Demo -c Release -o artifacts/apps/demo-next -p:DemoVersion=2.0.0-next -nologo -v q -clp:ErrorsOnly &&
dotnet publish samples/LiveState.Demo -c Release -o artifacts/apps/demo-changed -p:DemoComponentSet=Changed -p:DemoVersion=3.0.0-changed -nologo -v q -clp:ErrorsOnly ||
  { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0; skipped=0; broken=0

# 3. JavaScript: pure logic of the package's browser modules.
node --test --test-reporter=tap tests/js/ > "$results/js.tap" 2>&1; js_exit=$?
cat "$results/js.tap" | grep -E '^(not ok|# (pass|fail|skipped))' || true
js_pass=$(grep -oP '^# pass \K\d+' "$results/js.tap" || echo 0)
js_fail=$(grep -oP '^# fail \K\d+' "$results/js.tap" || echo 0)
js_skip=$(grep -oP '^# skipped \K\d+' "$results/js.tap" || echo 0)
passed=$((passed + js_pass)); failed=$((failed + js_fail)); skipped=$((skipped + js_skip))
[ "$js_exit" = 0 ] || [ "$js_fail" -gt 0 ] || broken=1

# 4. .NET test projects, each with a TRX report to count from.
for project in tests/Blazor.LiveState.Tests tests/Blazor.LiveState.Analyzers.Tests tests/Blazor.LiveState.E2ETests; do
  name=$(basename "$project")
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" \
    2>&1 | tee "$results/$name.log"
  code=${PIPESTATUS[0]}
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(echo "$counters" | grep -oP ' passed="\K\d+'); f=$(echo "$counters" | grep -oP ' failed="\K\d+')
    n=$(echo "$counters" | grep -oP ' notExecuted="\K\d+')
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + n))
    [ "$code" = 0 ] || [ "$f" -gt 0 ] || broken=1
  else
    echo "$name produced no test report (exit $code)"; broken=1
  fi
done

# CI shows only the end of a long run's output, so each failure's name and first lines are repeated here.
if [ "$js_fail" -gt 0 ]; then
  echo "Failed JavaScript tests:"; grep -E '^not ok' "$results/js.tap"
fi
for log in "$results"/*.log; do
  if grep -qE '^\s+Failed [A-Za-z]' "$log"; then
    echo "Failed in $(basename "$log" .log):"
    grep -A 8 -E '^\s+Failed [A-Za-z]' "$log" | head -n 120
  fi
done

# A suite that crashed without counting a failure still fails the run.
[ "$broken" = 0 ] || failed=$((failed + 1))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
