{{ config(citus: {reference: true}) }}
-- Everything known about the few billing records that are not plain 1:1 pairs, one row each, so the fact table's
-- billing side takes one small lookup: its consolidated line, the lines of its split posting, the charge it reverses,
-- its review. On Citus a reference table: the fact table joins it on every shard.
with billing as (
    select recon_key, stripe_id, billing_month, billing_amount, source_charge_id
    from {{ ref('stg_stripe') }}
),

consolidated as (
    select * from {{ ref('int_consolidated_matches') }} where is_accepted
),

review as (
    select side, record_key, 'ambiguous_fuzzy_match' as review_reason from {{ ref('int_review_queue') }}
    union
    select 'billing', stripe_id, 'ambiguous_consolidation' from {{ ref('int_consolidated_matches') }} where not is_accepted
),

-- The charge each refund or dispute reverses (only those few charges are looked up).
reversed as (
    select r.stripe_id, c.billing_month as charge_month, c.billing_amount as charge_amount
    from (select stripe_id, source_charge_id from billing where source_charge_id is not null) as r
    inner join (
        select stripe_id, billing_month, billing_amount from billing
        where stripe_id in (select source_charge_id from billing where source_charge_id is not null)
    ) as c on c.stripe_id = r.source_charge_id
)

select
    stripe_id,
    max(c_line) as c_line, max(c_charge_ids) as c_charge_ids, max(c_posted_at) as c_posted_at,
    max(c_posting_period) as c_posting_period, max(c_account_number) as c_account_number,
    max(c_erp_customer_id) as c_erp_customer_id, max(split_line_ids) as split_line_ids, {{ money('max(split_total)') }} as split_total,
    max(charge_month) as charge_month, {{ money('max(charge_amount)') }} as charge_amount, max(review_reason) as review_reason
from (
    select stripe_id, netsuite_internal_id as c_line, charge_ids as c_charge_ids, posted_at as c_posted_at,
           posting_period as c_posting_period, account_number as c_account_number, erp_customer_id as c_erp_customer_id,
           cast(null as varchar) as split_line_ids, cast(null as decimal(19,4)) as split_total, cast(null as date) as charge_month, cast(null as decimal(19,4)) as charge_amount,
           cast(null as varchar) as review_reason
    from consolidated
    union all
    select m.stripe_id, null, null, null, null, null, null, s.id_line_ids, s.id_ledger_total, null, null, null
    from {{ ref('int_recon_matches') }} as m
    inner join {{ ref('int_split_ids') }} as s on s.netsuite_external_id = m.stripe_id {{ and_same_shard('s', 'm') }}
    where m.match_method = 'aggregate_id'
    union all
    select stripe_id, null, null, null, null, null, null, null, null, charge_month, charge_amount, null from reversed
    union all
    select record_key, null, null, null, null, null, null, null, null, null, null, review_reason from review where side = 'billing'
) as notes
group by stripe_id
