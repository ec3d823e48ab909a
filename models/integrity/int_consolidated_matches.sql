{{ config(citus: {reference: true}) }}
-- The N:1 rung (NetSuite's consolidated posting): a ledger line the 1:1 ladder left unmatched, against 2 or 3 charges
-- the ladder left unmatched, of the line's customer, billed within consolidation_window_days before it was posted, whose
-- amounts add up to the line exactly. A line with exactly one such set, whose charges are in no other set, is matched
-- (is_accepted); every other candidate goes to the review queue, never to leakage. Candidates are bounded by customer
-- and window (a hash join on the customer between two small unmatched sets, reference tables on Citus); one row per
-- (line, charge) of a set.
with unmatched_billing as (
    select b.stripe_id, b.customer_id, b.billing_amount, b.billed_at
    from {{ ref('int_unmatched_billing') }} as b
    where b.stripe_object in ('charge', 'invoice')
      and b.billing_amount > 0
      and not exists (select 1 from {{ ref('int_fuzzy_matches') }} as m where m.stripe_id = b.stripe_id)
),

unmatched_erp as (
    select e.netsuite_internal_id, e.erp_customer_id, e.ledger_amount, e.posted_at, e.posting_period, e.account_number
    from {{ ref('int_unmatched_erp') }} as e
    where e.ledger_amount > 0
      and not exists (select 1 from {{ ref('int_fuzzy_matches') }} as m where m.netsuite_internal_id = e.netsuite_internal_id)
),

-- Records with a fuzzy candidate are the review queue's (int_review_queue, the same condition); this rung leaves them
-- alone. Computed here rather than read from the queue so that both run side by side after the ladder.
fuzzy_pairs as (
    select b.stripe_id, e.netsuite_internal_id
    from unmatched_billing as b
    inner join unmatched_erp as e
        on {{ fuzzy_candidate('b', 'e') }}
),

billing as (
    select * from unmatched_billing as b
    where not exists (select 1 from fuzzy_pairs as f where f.stripe_id = b.stripe_id)
),

erp as (
    select * from unmatched_erp as e
    where not exists (select 1 from fuzzy_pairs as f where f.netsuite_internal_id = e.netsuite_internal_id)
),

candidates as (
    select e.netsuite_internal_id, e.ledger_amount, b.stripe_id, b.billing_amount, b.billed_at
    from erp as e
    inner join billing as b
        on {{ consolidation_candidate('b', 'e') }}
),

-- Charges of a set in a fixed order (billing time, amount, id), so each set is found once.
pairs as (
    select c1.netsuite_internal_id, c1.stripe_id as first_id, c2.stripe_id as second_id, cast(null as varchar) as third_id
    from candidates as c1
    inner join candidates as c2
        on c2.netsuite_internal_id = c1.netsuite_internal_id
        and (c2.billed_at > c1.billed_at
             or (c2.billed_at = c1.billed_at and (c2.billing_amount > c1.billing_amount
                 or (c2.billing_amount = c1.billing_amount and c2.stripe_id > c1.stripe_id))))
    where c1.billing_amount + c2.billing_amount = c1.ledger_amount
),

triples as (
    select c1.netsuite_internal_id, c1.stripe_id as first_id, c2.stripe_id as second_id, c3.stripe_id as third_id
    from candidates as c1
    inner join candidates as c2
        on c2.netsuite_internal_id = c1.netsuite_internal_id
        and (c2.billed_at > c1.billed_at
             or (c2.billed_at = c1.billed_at and (c2.billing_amount > c1.billing_amount
                 or (c2.billing_amount = c1.billing_amount and c2.stripe_id > c1.stripe_id))))
    inner join candidates as c3
        on c3.netsuite_internal_id = c1.netsuite_internal_id
        and (c3.billed_at > c2.billed_at
             or (c3.billed_at = c2.billed_at and (c3.billing_amount > c2.billing_amount
                 or (c3.billing_amount = c2.billing_amount and c3.stripe_id > c2.stripe_id))))
    where c1.billing_amount + c2.billing_amount + c3.billing_amount = c1.ledger_amount
),

sets as (
    select *, count(*) over (partition by netsuite_internal_id) as sets_for_line
    from (
        select * from pairs
        union all
        select * from triples
    ) as s
),

members as (
    select netsuite_internal_id, first_id, second_id, third_id, sets_for_line, first_id as stripe_id from sets
    union all
    select netsuite_internal_id, first_id, second_id, third_id, sets_for_line, second_id from sets
    union all
    select netsuite_internal_id, first_id, second_id, third_id, sets_for_line, third_id from sets where third_id is not null
),

counted as (
    select *, count(*) over (partition by stripe_id) as sets_for_charge
    from members
),

judged as (
    select *, max(sets_for_charge) over (partition by netsuite_internal_id) as most_sets_for_a_charge
    from counted
)

select
    j.netsuite_internal_id,
    j.stripe_id,
    cast(case when j.third_id is null then 2 else 3 end as integer)                  as charge_count,
    j.first_id || ' + ' || j.second_id || coalesce(' + ' || j.third_id, '')           as charge_ids,
    j.sets_for_line = 1 and j.most_sets_for_a_charge = 1                             as is_accepted,
    e.posted_at,
    e.posting_period,
    e.account_number,
    e.erp_customer_id
from judged as j
inner join erp as e on e.netsuite_internal_id = j.netsuite_internal_id
