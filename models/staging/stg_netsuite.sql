{{ config(contract: {enforced: true}, citus: {distributed_by: 'recon_key'}) }}
-- NetSuite transactions (payments, invoices, credit memos), typed and renamed; the raw externalId is kept as evidence
-- next to its match key. `ledger_amount` is in USD; a foreign-currency line keeps NetSuite's own rate and amount beside it.
-- `recon_key` places the line on Citus: its normalized externalId (the second rung's key), or 'E:' + internal id when it
-- has none (never equal to a normalized id, which is lower-case), so the id rungs join co-located with stg_stripe.
with typed as (
select
    internal_id                                     as netsuite_internal_id,
    external_id                                     as netsuite_external_id,
    {{ normalize_id('external_id') }}               as match_key,
    external_ref_id                                 as external_ref,
    tran_type,
    cast(tran_date as timestamp)                    as posted_at,
    posting_period,
    account_number,
    customer_id                                     as erp_customer_id,
    {{ money('credit_usd') }}                       as ledger_amount,
    memo,
    upper(currency)                                 as erp_currency,
    cast(exchange_rate as decimal(19,6))            as erp_exchange_rate,
    {{ money('foreign_amount') }}                   as foreign_amount
from {{ source('netsuite', 'transactions') }}
)

select *, coalesce(match_key, 'E:' || cast(netsuite_internal_id as varchar)) as recon_key
from typed
