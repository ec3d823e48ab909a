{{## Money helpers. Every currency value is DECIMAL(19,4): DuckDB turns DECIMAL / INTEGER into DOUBLE, so we
     multiply by an exact decimal instead of dividing. ##}}
{{ func money(expression) -}}
cast({{ expression }} as decimal(19,4))
{{- end }}

{{ func cents_to_dollars(column) -}}
cast(cast({{ column }} as decimal(19,0)) * 0.01 as decimal(19,4))
{{- end }}

{{ func money_sum(expression) -}}
cast(coalesce(sum({{ expression }}), 0) as decimal(19,4))
{{- end }}
