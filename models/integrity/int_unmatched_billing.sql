{{ config(citus: {reference: true}) }}
-- Billing records the id rungs (int_recon_matches) left unmatched: the small set the fuzzy and N:1 rungs and the review
-- queue search by customer, amount and time. On Citus a reference table (a copy on every node), so those joins on the
-- customer need no co-location and read nothing big.
select b.recon_key, b.stripe_id, b.stripe_object, b.customer_id, b.billing_amount, b.billed_at
from {{ ref('stg_stripe') }} as b
where not exists (
    select 1 from {{ ref('int_recon_matches') }} as m
    where m.stripe_id = b.stripe_id {{ and_same_shard('m', 'b') }}
)
