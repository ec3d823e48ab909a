{{## ngdbt's cross-database macros. Each `default__name` is written in SQL that DuckDB and most warehouses accept;
     an adapter (or the project) overrides one with `<type>__name`, and templates call plain `name(...)`: the engine
     binds the name to the target's version when the project loads (dbt's adapter.dispatch). A project macro named
     `name` replaces the built-in entirely. ##}}

{{## Exact money: every currency value is DECIMAL(19,4). ##}}
{{ func default__money(expression) -}}
cast({{ expression }} as decimal(19,4))
{{- end }}

{{ func default__money_sum(expression) -}}
cast(coalesce(sum({{ expression }}), 0) as decimal(19,4))
{{- end }}

{{## Integer cents to dollars without division (DECIMAL / INTEGER is DOUBLE in DuckDB). ##}}
{{ func default__cents_to_dollars(column) -}}
cast(cast({{ column }} as decimal(19,0)) * 0.01 as decimal(19,4))
{{- end }}

{{## Number of `part` boundaries (second, minute, hour, day, month, year) crossed from start to end. ##}}
{{ func default__datediff(part, start_expr, end_expr) -}}
date_diff('{{ part }}', {{ start_expr }}, {{ end_expr }})
{{- end }}

{{ func default__dateadd(part, amount, expression) -}}
({{ expression }} + ({{ amount }}) * interval '1 {{ part }}')
{{- end }}

{{ func default__date_trunc(part, expression) -}}
date_trunc('{{ part }}', {{ expression }})
{{- end }}

{{## NULL where the value cannot be cast, instead of an error. ##}}
{{ func default__safe_cast(expression, type) -}}
try_cast({{ expression }} as {{ type }})
{{- end }}

{{ func default__listagg(expression, delimiter) -}}
string_agg(cast({{ expression }} as varchar), '{{ delimiter }}')
{{- end }}

{{ func default__hash(expression) -}}
md5(cast({{ expression }} as varchar))
{{- end }}

{{## Unix seconds to a TIMESTAMP (UTC, no time zone). ##}}
{{ func default__epoch_to_timestamp(seconds) -}}
make_timestamp(cast({{ seconds }} as bigint) * 1000000)
{{- end }}

{{## A member of a JSON object, as JSON and as text. ##}}
{{ func default__json_get(expression, key) -}}
({{ expression }} -> '$.{{ key }}')
{{- end }}

{{ func default__json_get_text(expression, key) -}}
({{ expression }} ->> '$.{{ key }}')
{{- end }}

{{## A date or timestamp as text, with strftime codes (%Y %m %d %H %M %S %b). ##}}
{{ func default__format_date(expression, format) -}}
strftime({{ expression }}, '{{ format }}')
{{- end }}
