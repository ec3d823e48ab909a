{{## `name as {{ inlined() }} (...)` in a model whose big reads must run shard by shard on Citus: Citus (like PostgreSQL)
     computes a CTE read more than once as a subplan whose rows are pulled to the coordinator, unless it is marked
     NOT MATERIALIZED; then it is inlined and the query, joined on the distribution column throughout, runs on the
     workers. Elsewhere nothing: DuckDB keeps its own choice (it materializes such a CTE once). ##}}
{{ func default__inlined() -}}
{{- end }}

{{ func citus__inlined() -}}
not materialized
{{- end }}

{{## `on a.id = b.id {{ and_same_shard('a', 'b') }}`: the equality of the two sides' recon_key, which the join's own keys
     already imply (equal ids normalize to the same key), stated for Citus only: there it is the equality on the
     distribution column that lets the join run co-located on each shard. Elsewhere nothing, so DuckDB and PostgreSQL
     keep the single-key hash join. ##}}
{{ func default__and_same_shard(left, right) -}}
{{- end }}

{{ func citus__and_same_shard(left, right) -}}
and {{ left }}.recon_key = {{ right }}.recon_key
{{- end }}

{{## `partition by {{ shard_key('b.') }} b.id` (or shard_key('') unaliased): on Citus a window is computed on the workers only when it is
     partitioned by the distribution column; the key is determined by the partition's own columns, so the partitions
     are the same ones. Elsewhere nothing. ##}}
{{ func default__shard_key(alias) -}}
{{- end }}

{{ func citus__shard_key(alias) -}}
{{ alias }}recon_key,
{{- end }}
