{{ config(contract: {enforced: true}) }}
-- Total Leakage ($) = billing amount of records missing in the ERP + |variance| of amount mismatches.
-- Overstatements (double postings, orphans, refunds the ERP never credited) are reported beside it, never netted against it.
-- Only the columns summed (and recon_key, so that on Citus the four legs stay one query over the shards: the CTE is
-- inlined there rather than pulled whole to the coordinator, and each shard sends its partial sums).
with recon as {{ inlined() }} (
    select recon_key, anomaly_type, billing_month, account_number, leakage_amount, is_missing_in_erp, billing_amount,
           is_amount_mismatch, variance, overstatement_amount
    from {{ ref('fct_reconciliation') }}
),

by_dimension as (
    select 'overall' as dimension, 'all' as bucket, * from recon
    union all
    select 'anomaly_type', anomaly_type, * from recon
    union all
    select 'month', {{ format_date('billing_month', '%Y-%m') }}, * from recon
    union all
    select 'account', coalesce(cast(account_number as varchar), 'unassigned'), * from recon
)

select
    dimension,
    bucket,
    count(*)                                                                  as record_count,
    count(*) filter (where anomaly_type <> 'perfect_match')                   as exception_count,
    count(*) filter (where leakage_amount > 0)                                as leaking_record_count,
    {{ money_sum('leakage_amount') }}                                         as leakage_usd,
    {{ money_sum("case when is_missing_in_erp then billing_amount end") }}    as missing_in_erp_usd,
    {{ money_sum("case when is_amount_mismatch then abs(variance) end") }}    as amount_mismatch_usd,
    {{ money_sum('overstatement_amount') }}                                   as ledger_overstatement_usd,
    {{ money_sum('variance') }}                                               as net_variance_usd
from by_dimension
group by dimension, bucket
