{{ config(citus: {reference: true}) }}
-- The third rung of the matching ladder: among the records the id rungs left unmatched, same customer, amount within
-- tolerance, ERP date within a window of the charge; accepted only when the pair is the single candidate on both sides
-- (else manual review, int_review_queue). The ledger line's fields come along, so the fact table needs no lookup of a
-- line by internal id (on Citus the line sits on another shard than the charge).
with fuzzy_candidates as (
    select
        b.stripe_id,
        e.netsuite_internal_id,
        count(*) over (partition by b.stripe_id) as candidates_for_billing,
        count(*) over (partition by e.netsuite_internal_id) as candidates_for_erp
    from {{ ref('int_unmatched_billing') }} as b
    inner join {{ ref('int_unmatched_erp') }} as e
        on {{ fuzzy_candidate('b', 'e') }}
)

select
    c.stripe_id, c.netsuite_internal_id, 'fuzzy' as match_method, e.netsuite_external_id, e.erp_customer_id, e.posted_at,
    e.posting_period, e.account_number, e.ledger_amount
from fuzzy_candidates as c
inner join {{ ref('int_unmatched_erp') }} as e on e.netsuite_internal_id = c.netsuite_internal_id
where c.candidates_for_billing = 1 and c.candidates_for_erp = 1
