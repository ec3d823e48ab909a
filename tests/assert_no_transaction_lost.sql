-- No transaction is lost in the pipeline: every Stripe row and every NetSuite line appears in the reconciliation
-- exactly once, and nothing appears there that staging does not have (a failing row names the record and how many
-- times it is expected and seen). One aggregation per side, no join: each spills to disk at any size, and the ledger
-- side groups by the integer internal id (at 15M rows a side one aggregation of both sides by text keys ran out of
-- DuckDB's 1 GB even alone, in one run of four).
with billing_marks as (
    select stripe_id as record_key, 1 as expected, 0 as seen from {{ ref('stg_stripe') }}
    union all
    select stripe_id, 0, 1 from {{ ref('fct_reconciliation') }} where billing_amount is not null
),

ledger_marks as (
    select netsuite_internal_id as record_key, 1 as expected, 0 as seen from {{ ref('stg_netsuite') }}
    union all
    select netsuite_internal_id, 0, 1 from {{ ref('fct_reconciliation') }} where netsuite_internal_id is not null
),

billing as (
    select record_key, sum(expected) as times_expected, sum(seen) as times_seen
    from billing_marks
    group by record_key
    having sum(expected) <> 1 or sum(seen) <> 1
),

ledger as (
    select record_key, sum(expected) as times_expected, sum(seen) as times_seen
    from ledger_marks
    group by record_key
    having sum(expected) <> 1 or sum(seen) <> 1
)

select 'billing' as side, record_key, times_expected, times_seen from billing
union all
select 'ledger', cast(record_key as varchar), times_expected, times_seen from ledger
