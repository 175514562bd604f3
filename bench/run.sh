#!/usr/bin/env bash
# Runs the deploy benchmarks: the demo app (with Blazor.LiveState) against a stock Blazor app, in one run.
# Usage: bench/run.sh [--runs N] [--scenarios kill,term,newbuild,drain,rolling] [--only deploy,load,typing,url,tabstate,render,shutdown,keys] [--out FILE] [--trace] [--ready-to-run]
#   --ready-to-run publishes every app (the kit's and stock's alike) with ReadyToRun code, as a production
#   deploy that cares about start-up would; without it, the default publish (IL, compiled as it runs).
set -euo pipefail
cd "$(dirname "$0")/.."

publish=()
bench_args=()
case "$(uname -m)" in aarch64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
for arg in "$@"; do
  if [ "$arg" = "--ready-to-run" ]; then
    publish=(-r "$rid" --self-contained false -p:PublishReadyToRun=true)
  else
    bench_args+=("$arg")
  fi
done

# Fresh Release builds of the apps under test, published where the harness looks for them.
rm -rf artifacts/apps
dotnet publish samples/LiveState.Demo -c Release -o artifacts/apps/demo "${publish[@]}" -nologo -v q
dotnet publish samples/LiveState.Demo -c Release -o artifacts/apps/demo-next -p:DemoVersion=2.0.0-next "${publish[@]}" -nologo -v q
dotnet publish bench/StockApp -c Release -o artifacts/apps/stock "${publish[@]}" -nologo -v q
# The same stock app with the kit installed and used by no page (the "load" part).
dotnet publish bench/StockApp -c Release -o artifacts/apps/stock-kit -p:WithLiveState=true "${publish[@]}" -nologo -v q
dotnet publish bench/PerPageApp -c Release -o artifacts/apps/perpage "${publish[@]}" -nologo -v q

# The kit as an app that installs its package runs it: the package's ReadyToRun image for this platform (which the
# host loads from runtimes/<rid>/lib/), not the IL a project reference copies. Put that image in the IL's place.
# demo-next is stamped with -p:DemoVersion, which leaves the kit's version as it is, so one package fits every app.
rm -rf artifacts/bench-package
dotnet pack src/Blazor.LiveState -c Release -o artifacts/bench-package -nologo -v q
package=$(ls artifacts/bench-package/Blazor.LiveState.*.nupkg | grep -v '\.snupkg$')
for app in demo demo-next stock-kit perpage; do
  unzip -o -q -j "$package" "runtimes/$rid/lib/net10.0/Blazor.LiveState.dll" -d "artifacts/apps/$app"
done

dotnet run -c Release --project bench/LiveState.Bench -- "${bench_args[@]}"
