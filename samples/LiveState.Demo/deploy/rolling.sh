#!/usr/bin/env bash
# The demo as two instances behind nginx, sharing tab state and Data Protection keys through Redis, and
# a rolling deploy that replaces the instances one by one. Open http://127.0.0.1:5100/probe, change
# things, run `deploy`, and watch the page move between instances with its state.
#
#   samples/LiveState.Demo/deploy/rolling.sh start    # Redis, instances A (5101) and B (5102), nginx (5100)
#   samples/LiveState.Demo/deploy/rolling.sh deploy   # publish a new build, then replace A, then B
#   samples/LiveState.Demo/deploy/rolling.sh stop
#
# Needs Debian's redis-server and nginx-light (./test.sh installs both).
#
# Environment, all optional: LIVESTATE_ROLLING_DIR (default artifacts/rolling), LIVESTATE_ROLLING_PORT,
# LIVESTATE_ROLLING_PORT_A, LIVESTATE_ROLLING_PORT_B, LIVESTATE_ROLLING_REDIS_PORT (defaults above and 6390),
# and LIVESTATE_ROLLING_BUILD: a published demo to run instead of publishing one (the E2E test's way in).
set -euo pipefail
cd "$(dirname "$0")/../../.."
dir="${LIVESTATE_ROLLING_DIR:-$(pwd)/artifacts/rolling}"
port="${LIVESTATE_ROLLING_PORT:-5100}"
port_a="${LIVESTATE_ROLLING_PORT_A:-5101}"
port_b="${LIVESTATE_ROLLING_PORT_B:-5102}"
redis_port="${LIVESTATE_ROLLING_REDIS_PORT:-6390}"
redis="127.0.0.1:${redis_port},abortConnect=false"
mkdir -p "$dir"

publish() {
  if [ -n "${LIVESTATE_ROLLING_BUILD:-}" ]; then
    echo "$LIVESTATE_ROLLING_BUILD"
    return
  fi
  local out="$dir/build-$(date +%Y%m%d%H%M%S)"
  echo "Publishing $out" >&2
  dotnet publish samples/LiveState.Demo -c Release -o "$out" -nologo -v q -p:Version="1.0.0-$(date +%H%M%S)" >&2
  echo "$out"
}

wait_ready() {
  for _ in $(seq 1 200); do
    if curl -fs "http://127.0.0.1:$1/_livestate/ready" >/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "Instance on port $1 did not become ready; see $dir/instance-$1.log" >&2
  return 1
}

start_instance() { # build port
  if curl -s -o /dev/null "http://127.0.0.1:$2/"; then
    echo "Port $2 is in use: run '$0 stop' first." >&2
    return 1
  fi
  # exec: the recorded pid is the app's own, so that SIGTERM reaches it.
  ( cd "$1" && exec env ASPNETCORE_ENVIRONMENT=Production Demo__Redis="$redis" Demo__DataDirectory="$dir/data-$2" \
      dotnet LiveState.Demo.dll --urls "http://127.0.0.1:$2" ) >>"$dir/instance-$2.log" 2>&1 </dev/null &
  echo $! >"$dir/instance-$2.pid"
  wait_ready "$2"
  echo "Instance on port $2 is ready ($(basename "$1"))"
}

stop_instance() { # port
  local pidfile="$dir/instance-$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    local started=$(date +%s%N)
    # SIGTERM, as an orchestrator sends it: the instance drains (its pages move to the other one) and exits.
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    echo "Instance on port $1 drained and exited in $(( ($(date +%s%N) - started) / 1000000 )) ms"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start)
    if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
      redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$dir/redis.pid" >/dev/null
    fi
    build=$(publish)
    start_instance "$build" "$port_a"
    start_instance "$build" "$port_b"
    sed -e "s#__DIR__#$dir#g" -e "s#__PORT__#$port#" -e "s#__PORT_A__#$port_a#" -e "s#__PORT_B__#$port_b#" \
      samples/LiveState.Demo/deploy/nginx.conf.template >"$dir/nginx.conf"
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log" >/dev/null 2>&1 </dev/null &
    echo $! >"$dir/nginx.pid.main"
    echo "Open http://127.0.0.1:$port/probe"
    ;;
  deploy)
    build=$(publish)
    for p in "$port_a" "$port_b"; do
      stop_instance "$p"
      start_instance "$build" "$p"
    done
    echo "Both instances run $(basename "$build")"
    ;;
  stop)
    stop_instance "$port_a"; stop_instance "$port_b"
    [ -f "$dir/nginx.pid.main" ] && kill "$(cat "$dir/nginx.pid.main")" 2>/dev/null || true
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    rm -f "$dir"/*.pid "$dir"/nginx.pid.main
    ;;
  *)
    sed -n '2,13p' "$0"; exit 2 ;;
esac
