#!/usr/bin/env bash
# Parse + compile (and ls) time of ngdbt on generated projects of N models (chains and fan-in, 1-3 refs, a macro call
# each, a schema YAML with columns and tests). Target (2 cores): 10,000 models compiled warm in 1 s and cold (no target/)
# in 2 s wall, under 500 MB RSS. Prints the machine's load first: other work on the box moves every figure.
#   [NGDBT_BIN=path/to/ngdbt] bench/compile-scale.sh [runs=5] [sizes="1000 10000"]
# Each size is measured twice: one schema.yml for the whole project, and one schema.yml per folder of 500 models.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
SIZES="${2:-1000 10000}"
# The ReadyToRun publish, as installed tools and the Docker image run it (no JIT at start-up). NGDBT_BIN=path measures
# another build instead (e.g. one published from main, for a before/after comparison).
if [[ -n "${NGDBT_BIN:-}" ]]; then
  NGDBT="$NGDBT_BIN"
else
  flock -o /tmp/ngdbt-build.lock dotnet publish src/ngdbt -c Release -r linux-x64 --self-contained false -o bench/out/ngdbt-r2r -nologo -v q >/dev/null
  NGDBT="bench/out/ngdbt-r2r/ngdbt"
fi
mkdir -p bench/out/compile-scale
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for n in $SIZES; do
 for layout in one-yaml per-folder-yaml; do
  dir=bench/out/compile-scale/p$n-$layout
  if [[ ! -f "$dir/project.yml" ]]; then python3 bench/compile-scale/make_project.py "$n" "$dir" $([[ $layout == per-folder-yaml ]] && echo --per-folder); fi
  $NGDBT compile --project-dir "$dir" > /dev/null   # warm the file cache and create the warehouse file
  # compile: "warm" re-runs on an unchanged project (target/ holds the last compile: partial parse cache, compiled files,
  # and the compile memo, so an unchanged project has nothing to do); "edit" first changes one model's text (a comment
  # with the round's number), so the compile runs, with every other file served by the partial parse caches; "cold"
  # first deletes target/ (as `ngdbt clean` does). Interleaved (warm, edit, cold, each round), so a change in the
  # machine's load hits all alike. "disk" is how long creating as many empty files as the cold compile writes takes
  # on this disk right after it (a file system's own cost, which no change to ngdbt can lower).
  files=$(find "$dir/target/compiled" -type f | wc -l)
  warm=(); edit=(); cold=(); disk=(); rss=()
  edited="$dir/models/f000/m00011.sql"
  cp "$edited" "$edited.orig"
  for i in $(seq 1 "$RUNS"); do
    for mode in warm edit cold; do
      [[ $mode == cold ]] && rm -rf "$dir/target"
      [[ $mode == edit ]] && { cp "$edited.orig" "$edited"; echo "-- edit $i" >> "$edited"; }
      /usr/bin/time -f "%e %M" -o bench/out/compile-scale/time.txt $NGDBT compile --project-dir "$dir" > bench/out/compile-scale/compile-$n.log 2>&1
      read -r s kb < bench/out/compile-scale/time.txt
      rss+=("$kb")
      case $mode in cold) cold+=("$s") ;; edit) edit+=("$s") ;; *) warm+=("$s") ;; esac
    done
    rm -rf bench/out/compile-scale/disk
    disk+=("$(python3 -c 'import os,sys,time
root, n = sys.argv[1], int(sys.argv[2]); t = time.time()
for i in range(n):
    d = f"{root}/f{i // 500:03d}"
    if i % 500 == 0: os.makedirs(d)
    open(f"{d}/m{i:05d}.sql", "wb").close()
print(f"{time.time() - t:.2f}")' bench/out/compile-scale/disk "$files")")
  done
  rm -rf bench/out/compile-scale/disk
  mv "$edited.orig" "$edited"
  echo "N=$n ($layout) compile warm (unchanged project): median $(printf '%s\n' "${warm[@]}" | median) s wall (runs: ${warm[*]})"
  echo "N=$n ($layout) compile after one model edited: median $(printf '%s\n' "${edit[@]}" | median) s wall (runs: ${edit[*]})"
  echo "N=$n ($layout) compile cold: median $(printf '%s\n' "${cold[@]}" | median) s wall (runs: ${cold[*]}); creating $files empty files: median $(printf '%s\n' "${disk[@]}" | median) s (runs: ${disk[*]})"
  echo "N=$n ($layout) compile max RSS $(( $(printf '%s\n' "${rss[@]}" | sort -n | tail -1) / 1024 )) MB"
  # The same cold compile with the project in memory (/dev/shm, a tmpfs), where creating files costs no disk time:
  # what ngdbt itself takes, apart from this disk's cost of creating the files.
  if [[ -d /dev/shm && -w /dev/shm ]]; then
    shm=$(mktemp -d /dev/shm/ngdbt-compile-scale-XXXXXX)
    cp -r "$dir/." "$shm/" && rm -rf "$shm/target"
    $NGDBT compile --project-dir "$shm" > /dev/null 2>&1
    mem=()
    for i in $(seq 1 "$RUNS"); do
      rm -rf "$shm/target"
      /usr/bin/time -f "%e %M" -o bench/out/compile-scale/time.txt $NGDBT compile --project-dir "$shm" > bench/out/compile-scale/compile-$n.log 2>&1
      read -r s kb < bench/out/compile-scale/time.txt
      mem+=("$s")
    done
    rm -rf "$shm"
    echo "N=$n ($layout) compile cold, project on tmpfs (no disk cost): median $(printf '%s\n' "${mem[@]}" | median) s wall (runs: ${mem[*]})"
  fi
  secs=(); rss=()
  for i in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M" -o bench/out/compile-scale/time.txt $NGDBT ls --project-dir "$dir" > bench/out/compile-scale/ls-$n.log 2>&1
    read -r s kb < bench/out/compile-scale/time.txt
    secs+=("$s"); rss+=("$kb")
  done
  echo "N=$n ($layout) ls: median $(printf '%s\n' "${secs[@]}" | median) s wall, max RSS $(( $(printf '%s\n' "${rss[@]}" | sort -n | tail -1) / 1024 )) MB (runs: ${secs[*]})"
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
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "stage timings of one N=${SIZES##* } compile (NGDBT_TIMINGS=1; NGDBT_PARTIAL_PARSE=0 would also turn the caches off, so the memo file is moved aside instead):"
P="bench/out/compile-scale/p${SIZES##* }-one-yaml"
rm -f "$P/target/partial_parse.compile.bin"
NGDBT_TIMINGS=1 $NGDBT compile --project-dir "bench/out/compile-scale/p${SIZES##* }-one-yaml" 2>&1 >/dev/null | sed 's/^/  /'
