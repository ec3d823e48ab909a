{{ config(contract: {enforced: true}, batch_key: 'recon_key', citus: {distributed_by: 'recon_key'}) }}
-- Stripe charges, invoices, refunds and lost disputes, typed and renamed; `match_key` is the normalized id used by the
-- second rung. Refunds (`re_`) and disputes (`dp_`) are negative and name the charge they reverse (`source_charge_id`).
-- `billing_amount` is the USD settlement; a charge presented in another currency keeps it and Stripe's rate beside it.
-- `recon_key` places the row on Citus: the match_key (an id always has one), so a charge sits on the shard of the ledger
-- lines whose externalId normalizes to the same key and the id rungs of the ladder join co-located.
with typed as (
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
    description,
    {{ money('fee') }}                              as fee_amount,
    upper(presentment_currency)                     as presentment_currency,
    {{ money('presentment_amount') }}               as presentment_amount,
    cast(exchange_rate as decimal(19,6))            as exchange_rate,
    source_id                                       as source_charge_id
from {{ source('stripe', 'charges') }}
)

select *, coalesce(match_key, 'B:' || stripe_id) as recon_key
from typed
