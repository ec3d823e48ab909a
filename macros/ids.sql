{{## Normalizes an external id for the second rung of the matching ladder: trims spaces and tabs, drops a
     'stripe:' / 'Stripe: ' prefix and folds case. Stripe ids stay unique under case folding. ##}}
{{ func normalize_id(column) -}}
nullif(lower(trim(regexp_replace(trim({{ column }}, ' ' || chr(9) || chr(10) || chr(13)), '^stripe:\s*', '', 'i'))), '')
{{- end }}
