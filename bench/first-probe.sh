#!/usr/bin/env bash
# Times a page's first readiness probe on a freshly started demo process, as after a kill -9: the process starts on a
# key ring kept from an earlier start, one request is sent as soon as it listens (by default `favicon.png`, as the deploy
# bench's harness does; `--first ready` makes the probe itself the first request), then the probe, timed by curl.
# Usage: bench/first-probe.sh [--runs N] [--first favicon|ready] [APP_DIR]   (APP_DIR: a published demo, default
# artifacts/apps/demo, which test.sh and bench/run.sh publish)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5; first=favicon; app=artifacts/apps/demo
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --first) first=$2; shift 2 ;;
    *) app=$1; shift ;;
  esac
done
[ -f "$app/LiveState.Demo.dll" ] || { echo "no published demo in $app" >&2; exit 1; }
case "$first" in
  favicon) first_path=favicon.png ;;
  ready) first_path="_livestate/ready?attempt=1" ;;
  *) echo "--first is favicon or ready" >&2; exit 1 ;;
esac

state=$(mktemp -d); pid=
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=; }
trap 'stop; rm -rf "$state"' EXIT

# Curl's total time for one request, or nothing while the process does not listen yet.
timed() { curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$port/$1" | grep -v '^000' || true; }

# Start 0 only makes the key ring; starts 1..N are measured.
for start in $(seq 0 "$runs"); do
  (cd "$app" && exec env Demo__DataProtectionKeysPath="$state/keys" Demo__DataDirectory="$state/data" \
    ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet LiveState.Demo.dll > "$state/log.$start" 2>&1) &
  pid=$!
  until answer=$(timed "$first_path") && [ -n "$answer" ]; do sleep 0.01; done
  probe=$(timed "_livestate/ready?attempt=2")
  if [ "$start" -gt 0 ]; then
    awk -v n="$start" -v a="$answer" -v p="$probe" -v f="$first" 'BEGIN {
      split(a, x, " "); split(p, y, " ");
      printf "start %d: first request (%s) %s in %.0f ms, then readiness %s in %.0f ms\n", n, f, x[1], x[2] * 1000, y[1], y[2] * 1000 }'
  fi
  stop
done
