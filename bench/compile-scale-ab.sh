#!/usr/bin/env bash
# Before/after of `ngdbt compile` on the generated projects of bench/compile-scale.sh: two builds run alternately
# (A warm, A cold, B warm, B cold, each round), each on its own copy of the project, so the machine's load (other work
# on the box) hits both alike. Prints per build and layout the median wall time, the median CPU time (user + sys: less
# moved by the load than wall time) and the largest RSS.
#   bench/compile-scale-ab.sh A_BIN B_BIN [runs=5] [n=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
A="$1"; B="$2"; RUNS="${3:-5}"; N="${4:-10000}"
OUT=bench/out/compile-scale-ab
mkdir -p "$OUT"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for layout in one-yaml per-folder-yaml; do
  src="$OUT/p$N-$layout"
  [[ -f "$src/project.yml" ]] || python3 bench/compile-scale/make_project.py "$N" "$src" $([[ $layout == per-folder-yaml ]] && echo --per-folder)
  declare -A wall=() cpu=() rss=()
  for build in A B; do
    rm -rf "$OUT/$build-$layout"; cp -r "$src" "$OUT/$build-$layout"; rm -rf "$OUT/$build-$layout/target"
    bin=$([[ $build == A ]] && echo "$A" || echo "$B")
    "$bin" compile --project-dir "$OUT/$build-$layout" > /dev/null
  done
  for i in $(seq 1 "$RUNS"); do
    for build in A B; do
      bin=$([[ $build == A ]] && echo "$A" || echo "$B")
      for mode in warm cold; do
        [[ $mode == cold ]] && rm -rf "$OUT/$build-$layout/target"
        /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$bin" compile --project-dir "$OUT/$build-$layout" > "$OUT/compile.log" 2>&1
        read -r s u y kb < "$OUT/time.txt"
        wall[$build-$mode]+="$s "; cpu[$build-$mode]+="$(echo "$u + $y" | bc) "; rss[$build]+="$kb "
      done
    done
  done
  for build in A B; do
    for mode in warm cold; do
      echo "N=$N ($layout) $build $mode: median $(printf '%s\n' ${wall[$build-$mode]} | median) s wall, $(printf '%s\n' ${cpu[$build-$mode]} | median) s CPU (runs: ${wall[$build-$mode]})"
    done
    echo "N=$N ($layout) $build max RSS $(( $(printf '%s\n' ${rss[$build]} | sort -n | tail -1) / 1024 )) MB"
  done
  unset wall cpu rss
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
