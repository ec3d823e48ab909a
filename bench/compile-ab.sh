#!/usr/bin/env bash
# A/B of the cold compile (no target/) of a generated project on tmpfs: two ngdbt builds, or one build under two
# environments, run interleaved (A, B, A, B, ...) so that a change in the machine's load hits both alike. Prints each
# side's median wall time, median CPU time (user + sys) and max RSS.
#   bench/compile-ab.sh A_BIN B_BIN [runs=9] [size=10000] [layout=one-yaml|per-folder-yaml] ["A_ENV"] ["B_ENV"]
# e.g. the collector: bench/compile-ab.sh bench/out/ngdbt-r2r/ngdbt bench/out/ngdbt-r2r/ngdbt 9 10000 one-yaml "DOTNET_gcServer=0 DOTNET_gcConcurrent=1" ""
# e.g. a build of another commit: git worktree add /tmp/base <commit> && dotnet publish /tmp/base/src/ngdbt -c Release
#   -r linux-x64 --self-contained false -o /tmp/base-r2r, then bench/compile-ab.sh /tmp/base-r2r/ngdbt bench/out/ngdbt-r2r/ngdbt
set -euo pipefail
cd "$(dirname "$0")/.."
A_BIN="$1"; B_BIN="$2"; RUNS="${3:-9}"; SIZE="${4:-10000}"; LAYOUT="${5:-one-yaml}"; A_ENV="${6:-}"; B_ENV="${7:-}"
dir=bench/out/compile-scale/p$SIZE-$LAYOUT
if [[ ! -f "$dir/project.yml" ]]; then python3 bench/compile-scale/make_project.py "$SIZE" "$dir" $([[ $LAYOUT == per-folder-yaml ]] && echo --per-folder); fi
shm=$(mktemp -d /dev/shm/ngdbt-compile-ab-XXXXXX)
trap 'rm -rf "$shm"' EXIT
cp -r "$dir/." "$shm/"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -a wall_a wall_b cpu_a cpu_b rss_a rss_b
run() { # bin env -> "wall cpu rss"
  rm -rf "$shm/target"
  # shellcheck disable=SC2086
  env $2 /usr/bin/time -f "%e %U %S %M" -o "$shm.time" "$1" compile --project-dir "$shm" > /dev/null 2>&1
  read -r e u s m < "$shm.time"
  echo "$e $(echo "$u + $s" | bc) $m"
}
run "$A_BIN" "$A_ENV" > /dev/null; run "$B_BIN" "$B_ENV" > /dev/null   # warm the file cache and the warehouse file
for i in $(seq 1 "$RUNS"); do
  read -r e c m < <(run "$A_BIN" "$A_ENV"); wall_a+=("$e"); cpu_a+=("$c"); rss_a+=("$m")
  read -r e c m < <(run "$B_BIN" "$B_ENV"); wall_b+=("$e"); cpu_b+=("$c"); rss_b+=("$m")
done
rm -f "$shm.time"
for side in a b; do
  w="wall_$side[@]"; c="cpu_$side[@]"; r="rss_$side[@]"
  bin=$([[ $side == a ]] && echo "$A_BIN" || echo "$B_BIN"); envs=$([[ $side == a ]] && echo "$A_ENV" || echo "$B_ENV")
  echo "${side^^} ($bin${envs:+, $envs}): N=$SIZE ($LAYOUT) cold compile on tmpfs: median $(printf '%s\n' "${!w}" | median) s wall, $(printf '%s\n' "${!c}" | median) s CPU, max RSS $(( $(printf '%s\n' "${!r}" | sort -n | tail -1) / 1024 )) MB (runs: ${!w})"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
