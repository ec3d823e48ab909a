{{ config(contract: {enforced: true}, citus: {distributed_by: 'netsuite_internal_id'}) }}
-- NetSuite transactions, typed and renamed; the raw externalId is kept as evidence next to its match key.
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
    memo
from {{ source('netsuite', 'transactions') }}
