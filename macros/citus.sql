{{## `name as {{ inlined() }} (...)` in a model whose big reads must run shard by shard on Citus: Citus (like PostgreSQL)
     computes a CTE read more than once as a subplan whose rows are pulled to the coordinator, unless it is marked
     NOT MATERIALIZED; then it is inlined and the query, joined on the distribution column throughout, runs on the
     workers. Elsewhere nothing: DuckDB keeps its own choice (it materializes such a CTE once). ##}}
{{ func default__inlined() -}}
{{- end }}

{{ func citus__inlined() -}}
not materialized
{{- end }}
