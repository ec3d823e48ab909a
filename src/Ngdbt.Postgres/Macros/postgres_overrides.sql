{{## PostgreSQL's versions of ngdbt's cross-database macros (see <ngdbt>/macros/cross_database.sql). ##}}

{{## DuckDB's date_diff counts boundaries crossed; PostgreSQL has no date_diff, so truncate both ends and count. ##}}
{{ func postgres__datediff(part, start_expr, end_expr) -}}
{{ if part == 'year' -}}
(extract(year from {{ end_expr }}) - extract(year from {{ start_expr }}))::bigint
{{- else if part == 'month' -}}
((extract(year from {{ end_expr }}) - extract(year from {{ start_expr }})) * 12 + extract(month from {{ end_expr }}) - extract(month from {{ start_expr }}))::bigint
{{- else if part == 'day' || part == 'hour' || part == 'minute' || part == 'second' -}}
{{ seconds = 1 }}{{ if part == 'day' }}{{ seconds = 86400 }}{{ else if part == 'hour' }}{{ seconds = 3600 }}{{ else if part == 'minute' }}{{ seconds = 60 }}{{ end -}}
(extract(epoch from (date_trunc('{{ part }}', {{ end_expr }}::timestamp) - date_trunc('{{ part }}', {{ start_expr }}::timestamp))) / {{ seconds }})::bigint
{{- else -}}
{{ ret 'datediff: unsupported part ' + part }}
{{- end }}
{{- end }}

{{## Integers and decimals only: a value that does not look like a number is NULL, as try_cast gives. ##}}
{{ func postgres__safe_cast(expression, type) -}}
(case when trim(cast({{ expression }} as text)) ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$' then cast(trim(cast({{ expression }} as text)) as {{ type }}) end)
{{- end }}

{{ func postgres__listagg(expression, delimiter) -}}
string_agg(cast({{ expression }} as text), '{{ delimiter }}')
{{- end }}

{{ func postgres__hash(expression) -}}
md5(cast({{ expression }} as text))
{{- end }}

{{ func postgres__epoch_to_timestamp(seconds) -}}
(to_timestamp(cast({{ seconds }} as bigint)) at time zone 'UTC')
{{- end }}

{{ func postgres__json_get(expression, key) -}}
(({{ expression }})::jsonb -> '{{ key }}')
{{- end }}

{{ func postgres__json_get_text(expression, key) -}}
(({{ expression }})::jsonb ->> '{{ key }}')
{{- end }}

{{ func postgres__format_date(expression, format) -}}
to_char({{ expression }}, '{{ format | string.replace '%Y' 'YYYY' | string.replace '%m' 'MM' | string.replace '%d' 'DD' | string.replace '%H' 'HH24' | string.replace '%M' 'MI' | string.replace '%S' 'SS' | string.replace '%b' 'Mon' }}')
{{- end }}
