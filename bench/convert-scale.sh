#!/usr/bin/env bash
# `ngdbt convert` at scale: a generated dbt project of N models (default 10,000) written in Jinja with whitespace
# control, comments, set, loops with loop.*, if/elif/else, a macro with a default argument and kwargs, config() with
# kwargs and a hook. Prints the median wall time of `ngdbt convert` (runs=3), how many files stayed Jinja, and whether
# `ngdbt compile` of the original and of the converted project gives identical SQL for every node (diff -r).
#   bench/convert-scale.sh [runs=3] [models=10000]
# On a shared machine run it under the build lock: flock /tmp/ngdbt-build.lock bench/convert-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
N="${2:-10000}"
OUT=bench/out/convert-scale
rm -rf "$OUT" && mkdir -p "$OUT"
dotnet build src/ngdbt -c Release -nologo -v q >/dev/null
NGDBT=src/ngdbt/bin/Release/net10.0/ngdbt
python3 - "$N" "$OUT/dbt" <<'PY'
import os, sys
n, root = int(sys.argv[1]), sys.argv[2]
os.makedirs(os.path.join(root, "macros"), exist_ok=True)
open(os.path.join(root, "dbt_project.yml"), "w").write("name: bench\nprofile: bench\nconfig-version: 2\nvars:\n  cols: ['a', 'b', 'c']\n")
open(os.path.join(root, "profiles.yml"), "w").write("bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/bench.duckdb\n      threads: 4\n")
open(os.path.join(root, "macros", "util.sql"), "w").write(
    "{# helpers #}\n{% macro scaled(col, factor=100) -%}\n    ({{ col }} * {{ factor }})\n{%- endmacro %}\n")
for i in range(n):
    folder = os.path.join(root, "models", f"f{i // 500:03d}")
    os.makedirs(folder, exist_ok=True)
    refs = [f"m{j:05d}" for j in range(max(0, i - 3), i)][:1 + i % 3]
    body = "{{ config(materialized='view', tags=['bench'], post_hook=\"select '{{ this.identifier }}'\") }}\n"
    body += "{#- generated model -#}\n{%- set cols = var('cols') %}\nselect\n"
    body += "    {%- for c in cols %}\n    {{ loop.index }} as {{ c }}{% if not loop.last %},{% endif %}\n    {%- endfor %},\n"
    body += "    {{ scaled('1', factor=" + str(i % 7) + ") }} as scaled,\n"
    body += "    {% if target.name == 'dev' %}1{% elif target.name == 'ci' %}2{% else %}0{% endif %} as env\n"
    body += "from (select 1) as base\n" + "".join(f"cross join {{{{ ref('{r}') }}}} as r{k}\n" for k, r in enumerate(refs))
    open(os.path.join(folder, f"m{i:05d}.sql"), "w").write(body)
PY
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
secs=()
for i in $(seq 1 "$RUNS"); do
  rm -rf "$OUT/native"
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" $NGDBT convert --project-dir "$OUT/dbt" --out "$OUT/native" > "$OUT/convert.log" 2>&1
  secs+=("$(cut -d' ' -f1 "$OUT/time.txt")")
done
echo "N=$N ngdbt convert median $(printf '%s\n' "${secs[@]}" | median) s wall (runs: ${secs[*]}), peak $(( $(cut -d' ' -f2 "$OUT/time.txt") / 1024 )) MB"
grep -E "Converted" "$OUT/convert.log" | sed 's/^[0-9:]*  //'
$NGDBT compile --project-dir "$OUT/dbt" > "$OUT/compile-dbt.log" 2>&1
$NGDBT compile --project-dir "$OUT/native" > "$OUT/compile-native.log" 2>&1
nodes=$(find "$OUT/dbt/target/compiled" -name '*.sql' | wc -l)
if diff -r "$OUT/dbt/target/compiled" "$OUT/native/target/compiled" > "$OUT/diff.txt"; then
  echo "compiled SQL identical for all $nodes nodes"
else
  echo "compiled SQL differs: $(grep -c '^diff' "$OUT/diff.txt") file(s), see $OUT/diff.txt"; exit 1
fi
