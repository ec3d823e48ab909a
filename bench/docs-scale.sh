#!/usr/bin/env bash
# ngdbt docs at scale: 10,000-model manifest → time `docs generate` (target < 3 s) and time-to-interactive in
# Debian's headless Chromium (graph drawn + search usable, target < 2 s). Prints medians.
# usage: bench/docs-scale.sh [models=10000] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
MODELS="${1:-10000}"
RUNS="${2:-5}"
OUT=bench/out/docs
command -v /usr/bin/chromium >/dev/null || { echo "needs Debian chromium: apt-get install -y chromium" >&2; exit 2; }
(cd bench/docs && [ -d node_modules/playwright-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)

echo "== generating ${MODELS}-model manifest"
node bench/docs/gen-manifest.mjs "$OUT/target" "$MODELS"

echo "== building (Release)"
dotnet build bench/docs/DocsBench -c Release -v quiet -nologo | grep -E "error|Warn" || true

echo "== docs generate x${RUNS} (in-process DocsSiteGenerator.Generate with DuckDB column lineage)"
dotnet bench/docs/DocsBench/bin/Release/net10.0/DocsBench.dll "$OUT/target" "$OUT/site" "$RUNS"

echo "== time-to-interactive x${RUNS} (file://…/index.html#!/graph, headless chromium)"
node bench/docs/tti.mjs "$OUT/site" "$RUNS"

echo "== for comparison: dagre (browser-side layout) on 2,000 nodes of the same graph"
timeout 300 node bench/docs/dagre.mjs "$OUT/target/manifest.json" 2000 || echo "dagre: timed out after 300 s"
echo "site: $OUT/site/index.html  screenshot: $OUT/graph-10k.png  load: $(cut -d' ' -f1-3 /proc/loadavg)"
