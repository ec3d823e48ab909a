#!/usr/bin/env bash
# Slim CI on a generated project of N models (default 10,000 tables in 20 layers): build everything on the `dev`
# target and keep its target/ as prev/ (the state), change one model in the middle of the DAG, then
#   ngdbt ls -s state:modified+ --state prev          must list exactly that model's downstream set (computed here
#                                                     from the generator's edges, not by ngdbt), in under 2 s;
#   ngdbt build -s state:modified+ --defer --state prev --target ci
#                                                     must build exactly those models, reading the rest from prev.
#   bench/slim-ci.sh [runs=5] [models=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
N="${2:-10000}"
dotnet publish src/ngdbt -c Release -r linux-x64 --self-contained false -o bench/out/ngdbt-r2r -nologo -v q >/dev/null
NGDBT="$PWD/bench/out/ngdbt-r2r/ngdbt"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
P=bench/out/slim-ci/p$N
rm -rf "$P"
python3 bench/slim-ci/make_project.py "$N" "$P"
cd "$P"
start=$(date +%s.%N)
"$NGDBT" run > build-prev.log 2>&1 || { tail -20 build-prev.log; exit 1; }
echo "N=$N: full build of the state (dev): $(echo "$(date +%s.%N) - $start" | bc) s"
rm -rf prev && cp -r target prev

# The change: one model in the middle layer gets a new column.
changed=m10_$(printf '%04d' $(( N / 20 / 2 )))
sed -i 's/^select t0.id, /select t0.id, 1 as pr_column, /' "models/l10/$changed.sql"
python3 - "$changed" > expected.txt <<'PY'
import sys
children = {}
for line in open("edges.tsv"):
    c, p = line.split()
    children.setdefault(p, set()).add(c)
seen, stack = set(), [sys.argv[1]]
while stack:
    m = stack.pop()
    if m not in seen:
        seen.add(m)
        stack.extend(children.get(m, ()))
print("\n".join(sorted(seen)))
PY
secs=()
for i in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "%e" -o time.txt "$NGDBT" ls -s state:modified+ --state prev --resource-type model --output name > ls.txt 2> ls.err
  secs+=("$(cat time.txt)")
done
sort ls.txt | grep -v '^$' > selected.txt
if ! diff -q expected.txt selected.txt > /dev/null; then
  echo "FAIL: ls -s state:modified+ selected $(wc -l < selected.txt) models, expected $(wc -l < expected.txt)"; diff expected.txt selected.txt | head; exit 1
fi
echo "N=$N: ls -s state:modified+ --state prev selects exactly the $(wc -l < expected.txt) downstream models of $changed: median $(printf '%s\n' "${secs[@]}" | median) s wall (runs: ${secs[*]})"
ls_median=$(printf '%s\n' "${secs[@]}" | median)
awk -v m="$ls_median" 'BEGIN { exit !(m < 2) }' || { echo "FAIL: ls median $ls_median s is not under 2 s"; exit 1; }

secs=()
for i in $(seq 1 "$RUNS"); do
  rm -f warehouse/ci.duckdb
  /usr/bin/time -f "%e" -o time.txt "$NGDBT" build -s state:modified+ --defer --state prev --target ci > build-ci.log 2>&1 || { tail -20 build-ci.log; exit 1; }
  secs+=("$(cat time.txt)")
done
grep -o 'OK created table model main\.[a-z0-9_]*' build-ci.log | sed 's/.*main\.//' | sort > built.txt
if ! diff -q expected.txt built.txt > /dev/null; then
  echo "FAIL: build built $(wc -l < built.txt) models, expected $(wc -l < expected.txt)"; diff expected.txt built.txt | head; exit 1
fi
echo "N=$N: build -s state:modified+ --defer --state prev --target ci builds exactly those $(wc -l < built.txt) models (the rest read from prev): median $(printf '%s\n' "${secs[@]}" | median) s wall (runs: ${secs[*]})"
