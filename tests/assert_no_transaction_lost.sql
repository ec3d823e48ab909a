-- No transaction is lost in the pipeline: every Stripe row and every NetSuite line appears in the reconciliation
-- exactly once (a failing row names the record and how many times it appears).
with billing as (
    select 'billing' as side, stripe_id as record_key from {{ ref('stg_stripe') }}
),
ledger as (
    select 'ledger' as side, cast(netsuite_internal_id as varchar) as record_key from {{ ref('stg_netsuite') }}
),
seen as (
    select 'billing' as side, stripe_id as record_key from {{ ref('fct_reconciliation') }} where billing_amount is not null
    union all
    select 'ledger', cast(netsuite_internal_id as varchar) from {{ ref('fct_reconciliation') }} where netsuite_internal_id is not null
),
expected as (
    select * from billing union all select * from ledger
)
select e.side, e.record_key, count(s.record_key) as times_seen
from expected as e
left join seen as s on s.side = e.side and s.record_key = e.record_key
group by e.side, e.record_key
having count(s.record_key) <> 1
