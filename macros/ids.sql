{{## Normalizes an external id for the second rung of the matching ladder: trims spaces and tabs, drops a
     'stripe:' / 'Stripe: ' prefix and folds case. Stripe ids stay unique under case folding. ##}}
{{ func normalize_id(column) -}}
nullif(lower(trim(regexp_replace(trim({{ column }}, ' ' || chr(9) || chr(10) || chr(13)), '^stripe:\s*', '', 'i'))), '')
{{- end }}

{{## The fuzzy rung's candidate condition: same customer, amount within tolerance, ERP date within the window. ##}}
{{ func fuzzy_candidate(billing, erp) -}}
{{ erp }}.erp_customer_id = {{ billing }}.customer_id
        and abs({{ erp }}.ledger_amount - {{ billing }}.billing_amount) <= {{ var('fuzzy_amount_tolerance') }}
        and {{ erp }}.posted_at between {{ dateadd('day', -var('fuzzy_window_days'), billing + '.billed_at') }}
                            and {{ dateadd('day', var('fuzzy_window_days'), billing + '.billed_at') }}
{{- end }}
