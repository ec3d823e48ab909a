-- The self-healing matching ladder: one row per accepted billing <-> ledger pair (refunds and disputes pair with their
-- credit memos the same way).
--   1. exact_id       Stripe id = NetSuite externalId; aggregate_id when the id has several ledger lines that add up
--                     to the billing amount exactly (a split posting: the id's first line stands for them all)
--   2. normalized_id  ids equal after trimming, dropping a 'stripe:' prefix and case folding
--   3. fuzzy          same customer, amount within tolerance, ERP date within a window of the charge;
--                     accepted only when the pair is the single candidate on both sides (else manual review)
-- Each rung only sees what the rungs above left unmatched. N:1 (consolidated) postings: int_consolidated_matches.
with billing as (
    select stripe_id, match_key, customer_id, billing_amount, billed_at
    from {{ ref('stg_stripe') }}
),

erp as (
    select netsuite_internal_id, netsuite_external_id, match_key, erp_customer_id, ledger_amount, posted_at
    from {{ ref('int_erp_postings') }}
    where posting_rank is null or posting_rank = 1
),

exact_matches as (
    select
        b.stripe_id,
        e.netsuite_internal_id,
        case when s.id_ledger_total = b.billing_amount then 'aggregate_id' else 'exact_id' end as match_method
    from billing as b
    inner join erp as e on e.netsuite_external_id = b.stripe_id
    left join {{ ref('int_split_ids') }} as s on s.netsuite_external_id = e.netsuite_external_id
),

billing_left_1 as (
    select * from billing as b
    where not exists (select 1 from exact_matches as m where m.stripe_id = b.stripe_id)
),

erp_left_1 as (
    select * from erp as e
    where not exists (select 1 from exact_matches as m where m.netsuite_internal_id = e.netsuite_internal_id)
),

normalized_candidates as (
    select
        b.stripe_id,
        e.netsuite_internal_id,
        count(*) over (partition by b.stripe_id) as candidates_for_billing,
        count(*) over (partition by e.netsuite_internal_id) as candidates_for_erp
    from billing_left_1 as b
    inner join erp_left_1 as e on e.match_key = b.match_key
),

normalized_matches as (
    select stripe_id, netsuite_internal_id, 'normalized_id' as match_method
    from normalized_candidates
    where candidates_for_billing = 1 and candidates_for_erp = 1
),

billing_left_2 as (
    select * from billing_left_1 as b
    where not exists (select 1 from normalized_matches as m where m.stripe_id = b.stripe_id)
),

erp_left_2 as (
    select * from erp_left_1 as e
    where not exists (select 1 from normalized_matches as m where m.netsuite_internal_id = e.netsuite_internal_id)
),

fuzzy_candidates as (
    select
        b.stripe_id,
        e.netsuite_internal_id,
        count(*) over (partition by b.stripe_id) as candidates_for_billing,
        count(*) over (partition by e.netsuite_internal_id) as candidates_for_erp
    from billing_left_2 as b
    inner join erp_left_2 as e
        on {{ fuzzy_candidate('b', 'e') }}
),

fuzzy_matches as (
    select stripe_id, netsuite_internal_id, 'fuzzy' as match_method
    from fuzzy_candidates
    where candidates_for_billing = 1 and candidates_for_erp = 1
)

select stripe_id, netsuite_internal_id, match_method from exact_matches
union all
select stripe_id, netsuite_internal_id, match_method from normalized_matches
union all
select stripe_id, netsuite_internal_id, match_method from fuzzy_matches
