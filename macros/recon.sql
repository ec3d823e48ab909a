{{## The ids of a (small) group in a stated order, joined by ' + ': evidence for a match. DuckDB and PostgreSQL both
     accept string_agg with ORDER BY; use it on small groups only (it cannot spill). ##}}
{{ func ordered_ids(expression, order_by) -}}
string_agg(cast({{ expression }} as varchar), ' + ' order by {{ order_by }})
{{- end }}

{{## The N:1 rung's candidate condition: the charge's customer is the line's and it was billed within
     consolidation_window_days before the line was posted, for less than the line. ##}}
{{ func consolidation_candidate(billing, erp) -}}
{{ billing }}.customer_id = {{ erp }}.erp_customer_id
        and {{ billing }}.billed_at between {{ dateadd('day', -var('consolidation_window_days'), erp + '.posted_at') }} and {{ erp }}.posted_at
        and {{ billing }}.billing_amount < {{ erp }}.ledger_amount
{{- end }}

{{## What a refund or dispute row is: a chargeback (lost dispute), refunded in a later month than the charge was billed,
     or a full or partial refund. Needs stripe_object, billing_amount, billing_month, charge_month, charge_amount. ##}}
{{ func reversal_detail() -}}
case
                when stripe_object = 'dispute' then 'chargeback'
                when billing_month > charge_month then 'later_period_refund'
                when -billing_amount = charge_amount then 'full_refund'
                else 'partial_refund'
            end
{{- end }}

{{## `{{ if narrow_first_rung() }}` in int_recon_matches: on DuckDB only ids, amounts and recon keys go through the
     first rung's full outer join (DuckDB keeps that join's result, and with the match keys too it spilled at 15M rows
     a side: 36 s against 21 s), and the few unpaired records fetch their match keys afterwards. Elsewhere the match
     keys travel through the join: PostgreSQL's planners estimate the unpaired rows of a full outer join at about one,
     and the join back for their match keys became a nested loop over every shard's rows on Citus. ##}}
{{ func default__narrow_first_rung()
    ret false
end }}

{{ func duckdb__narrow_first_rung()
    ret true
end }}
