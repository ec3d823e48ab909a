{{ config(citus: {reference: true}) }}
-- Billing records the id rungs (int_recon_matches) left unmatched: the small set the fuzzy and N:1 rungs and the review
-- queue search by customer, amount and time. On Citus a reference table (a copy on every node), so those joins on the
-- customer need no co-location and read nothing big.
-- Two steps, as in int_unmatched_erp: the ids left over (an anti-join of narrow columns), then their columns.
with left_over as (
    select b.recon_key, b.stripe_id
    from {{ ref('stg_stripe') }} as b
    left join {{ ref('int_recon_matches') }} as m on m.stripe_id = b.stripe_id {{ and_same_shard('m', 'b') }}
    where m.stripe_id is null
)

select b.recon_key, b.stripe_id, b.stripe_object, b.customer_id, b.billing_amount, b.billed_at
from {{ ref('stg_stripe') }} as b
inner join left_over as u on u.stripe_id = b.stripe_id {{ and_same_shard('u', 'b') }}
