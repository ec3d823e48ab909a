{{ config(citus: {reference: true}) }}
-- Records the fuzzy rung could not settle: several candidates on one side. They go to manual review
-- (NetSuite's own rule) instead of being guessed or reported as missing.
with billing as (
    select b.stripe_id, b.customer_id, b.billing_amount, b.billed_at
    from {{ ref('int_unmatched_billing') }} as b
    where not exists (select 1 from {{ ref('int_fuzzy_matches') }} as f where f.stripe_id = b.stripe_id)
),

erp as (
    select e.netsuite_internal_id, e.erp_customer_id, e.ledger_amount, e.posted_at
    from {{ ref('int_unmatched_erp') }} as e
    where not exists (select 1 from {{ ref('int_fuzzy_matches') }} as f where f.netsuite_internal_id = e.netsuite_internal_id)
),

candidates as (
    select b.stripe_id, e.netsuite_internal_id
    from billing as b
    inner join erp as e
        on {{ fuzzy_candidate('b', 'e') }}
)

select 'billing' as side, stripe_id as record_key, count(*) as candidate_count
from candidates
group by stripe_id
union all
select 'erp' as side, cast(netsuite_internal_id as varchar) as record_key, count(*) as candidate_count
from candidates
group by netsuite_internal_id
