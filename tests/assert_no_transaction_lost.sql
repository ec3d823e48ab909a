-- No transaction is lost in the pipeline: every Stripe row and every NetSuite line appears in the reconciliation
-- exactly once, and nothing appears there that staging does not have (a failing row names the record and how many
-- times it is expected and seen). One aggregation over both sides, no join: it spills to disk at any size.
with marks as (
    select 'billing' as side, stripe_id as record_key, 1 as expected, 0 as seen from {{ ref('stg_stripe') }}
    union all
    select 'ledger', cast(netsuite_internal_id as varchar), 1, 0 from {{ ref('stg_netsuite') }}
    union all
    select 'billing', stripe_id, 0, 1 from {{ ref('fct_reconciliation') }} where billing_amount is not null
    union all
    select 'ledger', cast(netsuite_internal_id as varchar), 0, 1 from {{ ref('fct_reconciliation') }} where netsuite_internal_id is not null
)
select side, record_key, sum(expected) as times_expected, sum(seen) as times_seen
from marks
group by side, record_key
having sum(expected) <> 1 or sum(seen) <> 1
