#!/usr/bin/env bash
# Parse + compile (and ls) time of ngdbt on generated projects of N models (chains and fan-in, 1-3 refs, a macro call
# each, a schema YAML with columns and tests). Target: 10,000 models compiled in under 2 s wall, under 500 MB RSS.
#   bench/compile-scale.sh [runs=5] [sizes="1000 10000"]
# Each size is measured twice: one schema.yml for the whole project, and one schema.yml per folder of 500 models.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
SIZES="${2:-1000 10000}"
# The ReadyToRun publish, as installed tools and the Docker image run it (no JIT at start-up).
dotnet publish src/ngdbt -c Release -r linux-x64 --self-contained false -o bench/out/ngdbt-r2r -nologo -v q >/dev/null
NGDBT="bench/out/ngdbt-r2r/ngdbt"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for n in $SIZES; do
 for layout in one-yaml per-folder-yaml; do
  dir=bench/out/compile-scale/p$n-$layout
  if [[ ! -f "$dir/project.yml" ]]; then python3 bench/compile-scale/make_project.py "$n" "$dir" $([[ $layout == per-folder-yaml ]] && echo --per-folder); fi
  $NGDBT compile --project-dir "$dir" > /dev/null   # warm the file cache and create the warehouse file
  for verb in compile ls; do
    secs=(); rss=()
    for i in $(seq 1 "$RUNS"); do
      /usr/bin/time -f "%e %M" -o bench/out/compile-scale/time.txt $NGDBT $verb --project-dir "$dir" > bench/out/compile-scale/$verb-$n.log 2>&1
      read -r s kb < bench/out/compile-scale/time.txt
      secs+=("$s"); rss+=("$kb")
    done
    echo "N=$n ($layout) $verb: median $(printf '%s\n' "${secs[@]}" | median) s wall, max RSS $(( $(printf '%s\n' "${rss[@]}" | sort -n | tail -1) / 1024 )) MB (runs: ${secs[*]})"
  done
 done
done
# End to end through the CLI: parse, compile, catalog.json and the static site with column lineage. "cold" deletes
# the lineage cache first (every model analysed, as on a first run or after `ngdbt clean`); "warm" is a re-run on an
# unchanged project (unchanged models' lineage reused from target/docs-lineage-cache.json).
# The two are interleaved (warm, then cold, each round), so a change in the machine's load hits both alike.
P="bench/out/compile-scale/p${SIZES##* }-one-yaml"
cold=(); warm=()
$NGDBT docs generate --project-dir "$P" > /dev/null 2>&1
for i in $(seq 1 "$RUNS"); do
  for mode in warm cold; do
    [[ $mode == cold ]] && rm -f "$P/target/docs-lineage-cache.json"
    /usr/bin/time -f "%e %M" -o bench/out/compile-scale/time.txt $NGDBT docs generate --project-dir "$P" > bench/out/compile-scale/docs.log 2>&1
    read -r s kb < bench/out/compile-scale/time.txt
    if [[ $mode == cold ]]; then cold+=("$s"); else warm+=("$s"); fi
  done
done
echo "N=${SIZES##* } docs generate (CLI, end to end, cold): median $(printf '%s\n' "${cold[@]}" | median) s wall (runs: ${cold[*]})"
echo "N=${SIZES##* } docs generate (CLI, end to end, warm): median $(printf '%s\n' "${warm[@]}" | median) s wall (runs: ${warm[*]})"
echo "stage timings of one N=${SIZES##* } compile (NGDBT_TIMINGS=1):"
NGDBT_TIMINGS=1 $NGDBT compile --project-dir "bench/out/compile-scale/p${SIZES##* }-one-yaml" 2>&1 >/dev/null | sed 's/^/  /'
