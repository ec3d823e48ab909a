#!/usr/bin/env bash
# Parse speed of the Jinja front-end against Scriban: two generated projects of N models (default 10,000) with the same
# content, one written in Scriban (project.yml), one in dbt's Jinja (dbt_project.yml): a config() call, 1-3 refs, a loop
# and a conditional each. `ngdbt ls` parses every template and links the manifest without touching the warehouse.
# Prints the median wall time of each and the ratio (target: Jinja within 2x of Scriban).
#   bench/jinja-parse.sh [runs=5] [models=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
N="${2:-10000}"
OUT=bench/out/jinja-parse
mkdir -p "$OUT"
# On a shared machine run the whole script under the build lock: flock /tmp/ngdbt-build.lock bench/jinja-parse.sh
dotnet build src/ngdbt -c Release -nologo -v q >/dev/null
NGDBT=src/ngdbt/bin/Release/net10.0/ngdbt
python3 - "$N" "$OUT" <<'PY'
import os, sys
n, out = int(sys.argv[1]), sys.argv[2]
profile = "bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/bench.duckdb\n      threads: 4\n"
for dialect in ("scriban", "jinja"):
    root = os.path.join(out, dialect)
    if os.path.exists(os.path.join(root, "profiles.yml")):
        continue
    os.makedirs(os.path.join(root, "models"), exist_ok=True)
    name = "project.yml" if dialect == "scriban" else "dbt_project.yml"
    open(os.path.join(root, name), "w").write("name: bench\nprofile: bench\n" + ("config-version: 2\n" if dialect == "jinja" else ""))
    open(os.path.join(root, "profiles.yml"), "w").write(profile)
    for i in range(n):
        folder = os.path.join(root, "models", f"f{i // 500:03d}")
        os.makedirs(folder, exist_ok=True)
        refs = [f"m{j:05d}" for j in range(max(0, i - 3), i)][:1 + i % 3]
        if dialect == "scriban":
            body = "{{ config(materialized: 'view', tags: ['bench']) }}\n"
            body += "{{ cols = ['a', 'b', 'c'] }}\nselect\n{{ for c in cols }}  {{ for.index }} as {{ c }},\n{{ end }}"
            body += "{{ if target.name == 'dev' }}  1 as dev{{ else }}  0 as dev{{ end }}\n"
            body += "from (select 1) as base\n" + "".join(f"cross join {{{{ ref('{r}') }}}} as r{k}\n" for k, r in enumerate(refs))
        else:
            body = "{{ config(materialized='view', tags=['bench']) }}\n"
            body += "{% set cols = ['a', 'b', 'c'] %}\nselect\n{% for c in cols %}  {{ loop.index0 }} as {{ c }},\n{% endfor %}"
            body += "{% if target.name == 'dev' %}  1 as dev{% else %}  0 as dev{% endif %}\n"
            body += "from (select 1) as base\n" + "".join(f"cross join {{{{ ref('{r}') }}}} as r{k}\n" for k, r in enumerate(refs))
        open(os.path.join(folder, f"m{i:05d}.sql"), "w").write(body)
PY
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A med
for dialect in scriban jinja; do
  $NGDBT ls --project-dir "$OUT/$dialect" > "$OUT/$dialect.log" 2>&1 || { cat "$OUT/$dialect.log" | tail -5; exit 1; }
done
for dialect in scriban jinja; do
  secs=()
  for i in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e" -o "$OUT/time.txt" $NGDBT ls --project-dir "$OUT/$dialect" > "$OUT/$dialect.log" 2>&1
    secs+=("$(cat "$OUT/time.txt")")
  done
  med[$dialect]=$(printf '%s\n' "${secs[@]}" | median)
  echo "N=$N $dialect: ngdbt ls median ${med[$dialect]} s wall (runs: ${secs[*]})"
done
python3 -c "print(f'jinja/scriban ratio: {float(\"${med[jinja]}\") / float(\"${med[scriban]}\"):.2f} (target <= 2.00)')"
