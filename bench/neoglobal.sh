#!/usr/bin/env bash
# NeoGlobal at full size: `ngdbt build` against DuckDB running the same compiled statements directly, the data
# test suite on its own, peak memory, and the reconciliation scored against the ground truth.
#   bench/neoglobal.sh [rows=1500000] [runs=3]
# Prints medians over RUNS and the ratio build / direct DuckDB (target: <= 1.3) and peak RSS (target: < 2 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1500000}"
RUNS="${2:-3}"
WORK=bench/out/neoglobal
mkdir -p "$WORK"
dotnet build -c Release src/NeoGlobal.Pipeline -nologo -v q >/dev/null
dotnet build -c Release bench/tools/SqlReplay -nologo -v q >/dev/null
# The pipeline's build brings both commands: the framework CLI (build, test) and the neoglobal host (generate).
NGDBT="dotnet src/ngdbt/bin/Release/net10.0/ngdbt.dll"
NEOGLOBAL="dotnet src/NeoGlobal.Cli/bin/Release/net10.0/neoglobal.dll"
REPLAY="dotnet bench/tools/SqlReplay/bin/Release/net10.0/SqlReplay.dll"
export NEOGLOBAL_WAREHOUSE="$PWD/$WORK/warehouse.duckdb"

# Same data for every run: generate once into the project's data/ folder.
$NEOGLOBAL generate --rows "$ROWS" > "$WORK/generate.log" 2>&1
tail -n 1 "$WORK/generate.log"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
build_s=(); direct_s=(); test_s=(); rss_kb=()
for i in $(seq 1 "$RUNS"); do
  rm -f "$NEOGLOBAL_WAREHOUSE" "$NEOGLOBAL_WAREHOUSE.wal"
  start=$(date +%s.%N)
  /usr/bin/time -v $NGDBT build > "$WORK/build-$i.log" 2> "$WORK/build-$i.time"
  end=$(date +%s.%N)
  build_s+=("$(echo "$end - $start" | bc)")
  rss_kb+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/build-$i.time")")

  # The baseline: DuckDB alone, one connection, the same SQL (settings as in profiles.yml), in the order of the build's run_results.json.
  direct=$($REPLAY . "$WORK/direct.duckdb" "SET memory_limit='1GB'" "SET preserve_insertion_order=false" | awk '{print $(NF-1)}')
  direct_s+=("$direct")

  start=$(date +%s.%N)
  $NGDBT test > "$WORK/test-$i.log" 2>&1
  end=$(date +%s.%N)
  test_s+=("$(echo "$end - $start" | bc)")
  echo "run $i: build ${build_s[-1]} s (peak RSS ${rss_kb[-1]} kB), test ${test_s[-1]} s, DuckDB direct ${direct} s"
done

b=$(printf '%s\n' "${build_s[@]}" | median)
d=$(printf '%s\n' "${direct_s[@]}" | median)
t=$(printf '%s\n' "${test_s[@]}" | median)
r=$(printf '%s\n' "${rss_kb[@]}" | sort -n | tail -1)
echo "median ngdbt build: $b s"
echo "median DuckDB direct (same statements): $d s"
echo "ratio build / direct: $(echo "scale=2; $b / $d" | bc)"
echo "median ngdbt test (whole data-test suite, $(grep -c 'PASS test\|FAIL' "$WORK/test-1.log") tests): $t s"
echo "max peak RSS of build: $((r / 1024)) MB"
dotnet src/NeoGlobal.Pipeline/bin/Release/net10.0/NeoGlobal.Pipeline.dll --skip-generate > "$WORK/evaluation.log" 2>&1 || true
grep -E "False positives|Leakage: reconciled|Every injected|does not match" "$WORK/evaluation.log"
