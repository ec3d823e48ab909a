#!/usr/bin/env python3
"""Writes an ngdbt project of N models: staging chains and fan-in marts, 1-3 refs each, a macro call in each, and
schema YAML with columns and tests: one file for the whole project, or with --per-folder one schema.yml per folder of
500 models (the usual dbt layout). Usage: make_project.py N OUT_DIR [--per-folder]"""
import os
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
per_folder_yaml = "--per-folder" in sys.argv[3:]
rng = random.Random(n)
os.makedirs(os.path.join(out, "models"), exist_ok=True)
os.makedirs(os.path.join(out, "macros"), exist_ok=True)
with open(os.path.join(out, "project.yml"), "w") as f:
    f.write("name: scale\nprofile: scale\nvars:\n  cutoff: 10\nmodels:\n  scale:\n    +materialized: view\n")
with open(os.path.join(out, "profiles.yml"), "w") as f:
    f.write("scale:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/scale.duckdb\n      threads: 4\n")
with open(os.path.join(out, "macros", "money.sql"), "w") as f:
    f.write("{{ func to_money(col) }}cast({{ col }} as decimal(19,4)){{ end }}\n")

schemas = {}
per_folder = 500
for i in range(n):
    folder = f"f{i // per_folder:03d}"
    path = os.path.join(out, "models", folder)
    os.makedirs(path, exist_ok=True)
    name = f"m{i:05d}"
    if i < 10:
        body = f"select {i} as id, {i}.5 as amount, 'seed' as label\n"
    else:
        # chains (previous model) plus fan-in from random earlier models
        parents = {i - 1}
        for _ in range(rng.randint(0, 2)):
            parents.add(rng.randrange(0, i - 1))
        refs = [f"m{p:05d}" for p in sorted(parents)]
        first = refs[0]
        joins = "".join(f"\nleft join {{{{ ref('{r}') }}}} as t{k} on t{k}.id = t0.id" for k, r in enumerate(refs[1:], start=1))
        body = (f"{{{{ config(tags: ['{folder}']) }}}}\n-- model {name}\nselect t0.id, {{{{ to_money('t0.amount') }}}} as amount, t0.label\n"
                f"from {{{{ ref('{first}') }}}} as t0{joins}\nwhere t0.id >= 0\n{{{{ if var('cutoff') > 100 }}}}and t0.id < {{{{ var('cutoff') }}}}{{{{ end }}}}\n")
    with open(os.path.join(path, name + ".sql"), "w") as f:
        f.write(body)
    schemas.setdefault(folder if per_folder_yaml else "", ["models:"]).append(f"  - name: {name}\n    description: Model {name} of the scale benchmark.\n    columns:\n      - name: id\n        description: key\n        tests: [not_null]\n      - name: amount\n        data_type: DECIMAL(19,4)")
for folder, lines in schemas.items():
    with open(os.path.join(out, "models", folder, "schema.yml"), "w") as f:
        f.write("\n".join(lines) + "\n")
