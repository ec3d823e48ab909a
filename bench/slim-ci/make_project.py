#!/usr/bin/env python3
"""Writes an ngdbt project of N models for the slim-CI benchmark: LAYERS layers of N/LAYERS tables; a model refs the
model of the same column in the layer before and one other model of that layer (a macro call and a var read each),
and two DuckDB targets: dev (the state) and ci (the pull request). Writes edges.tsv (child, parent) beside it, so the
benchmark computes a model's downstream set without ngdbt. Usage: make_project.py N OUT_DIR"""
import os
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
layers = 20
width = n // layers
rng = random.Random(n)
os.makedirs(os.path.join(out, "macros"), exist_ok=True)
with open(os.path.join(out, "project.yml"), "w") as f:
    f.write("name: slim\nprofile: slim\nvars:\n  cutoff: 10\nmodels:\n  slim:\n    +materialized: table\n")
with open(os.path.join(out, "profiles.yml"), "w") as f:
    f.write("slim:\n  target: dev\n  outputs:\n"
            "    dev:\n      type: duckdb\n      path: warehouse/prod.duckdb\n      threads: 4\n"
            "    ci:\n      type: duckdb\n      path: warehouse/ci.duckdb\n      threads: 4\n")
with open(os.path.join(out, "macros", "money.sql"), "w") as f:
    f.write("{{ func to_money(col) }}cast({{ col }} as decimal(19,4)){{ end }}\n")
edges = []
for layer in range(layers):
    folder = os.path.join(out, "models", f"l{layer:02d}")
    os.makedirs(folder, exist_ok=True)
    for j in range(width):
        name = f"m{layer:02d}_{j:04d}"
        if layer == 0:
            body = f"select {j} as id, {j}.5 as amount\n"
        else:
            parents = sorted({j, rng.randrange(width)})
            refs = [f"m{layer - 1:02d}_{p:04d}" for p in parents]
            edges += [(name, r) for r in refs]
            joins = "".join(f"\njoin {{{{ ref('{r}') }}}} as t{k} using (id)" for k, r in enumerate(refs[1:], start=1))
            body = (f"select t0.id, {{{{ to_money('t0.amount') }}}} as amount\nfrom {{{{ ref('{refs[0]}') }}}} as t0{joins}\n"
                    f"where t0.id >= 0{{{{ if var('cutoff') > 100 }}}} and t0.id < {{{{ var('cutoff') }}}}{{{{ end }}}}\n")
        with open(os.path.join(folder, name + ".sql"), "w") as f:
            f.write(body)
with open(os.path.join(out, "edges.tsv"), "w") as f:
    f.writelines(f"{c}\t{p}\n" for c, p in edges)
