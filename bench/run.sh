#!/usr/bin/env bash
# Runs the deploy benchmarks: the demo app (with Blazor.LiveState) against a stock Blazor app, in one run.
# Usage: bench/run.sh [--runs N] [--scenarios kill,term,newbuild,drain,rolling] [--only deploy,typing,url,tabstate,render,shutdown,keys] [--out FILE] [--trace]
set -euo pipefail
cd "$(dirname "$0")/.."

# Fresh Release builds of the apps under test, published where the harness looks for them.
rm -rf artifacts/apps
dotnet publish samples/LiveState.Demo -c Release -o artifacts/apps/demo -nologo -v q
dotnet publish samples/LiveState.Demo -c Release -o artifacts/apps/demo-next -p:Version=2.0.0-next -nologo -v q
dotnet publish bench/StockApp -c Release -o artifacts/apps/stock -nologo -v q
dotnet publish bench/PerPageApp -c Release -o artifacts/apps/perpage -nologo -v q

dotnet run -c Release --project bench/LiveState.Bench -- "$@"
