#!/usr/bin/env bash
# Leakage dashboard at full size: builds a 1.5M-row fct_reconciliation (+ rpt_erp_adjustments) in a temp DuckDB file
# from the test fixture SQL (range(n), deterministic hash-based distributions), serves it, times each API call the
# page makes (median/p95 of N sequential loopback requests) and the page's time to first render in headless Chromium.
# usage: bench/dashboard.sh [rows=1500000] [requests=50] [renders=5]     (reuses bench/out/dashboard/warehouse-<rows>.duckdb)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1500000}"
REQUESTS="${2:-50}"
RENDERS="${3:-5}"
OUT=bench/out/dashboard
mkdir -p "$OUT"
echo "== building DashBench (Release)"
dotnet build bench/dashboard/DashBench -c Release -v quiet -nologo | grep -E " error |rror\(s\)" || true
dotnet bench/dashboard/DashBench/bin/Release/net10.0/DashBench.dll \
  src/NeoGlobal.Dashboard.Tests/Fixtures/warehouse.sql "$OUT" "$ROWS" "$REQUESTS" "$RENDERS"
echo "cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
