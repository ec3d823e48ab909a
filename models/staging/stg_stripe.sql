{{ config(contract: {enforced: true}, citus: {distributed_by: 'stripe_id'}) }}
-- Stripe charges and invoices, typed and renamed; `match_key` is the normalized id used by the second rung.
select
    id                                              as stripe_id,
    object                                          as stripe_object,
    {{ normalize_id('id') }}                        as match_key,
    customer_id,
    customer_email,
    customer_name,
    plan_id,
    product_line,
    {{ money('amount') }}                           as billing_amount,
    upper(currency)                                 as currency,
    cast(created as timestamp)                      as billed_at,
    cast(date_trunc('month', created) as date)      as billing_month,
    metadata_external_id                            as external_ref,
    description
from {{ source('stripe', 'charges') }}
