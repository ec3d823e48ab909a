{{ config(contract: {enforced: true}, citus: {distributed_by: 'recon_id'}) }}
-- One row per billing or ledger record: every Stripe row with the ledger line it matched (if any), plus every
-- ledger line that matched nothing (orphans, double postings). variance = billing_amount - ledger_amount.
with billing as (
    select * from {{ ref('stg_stripe') }}
),

erp as (
    select * from {{ ref('int_erp_postings') }}
),

matches as (
    select * from {{ ref('int_recon_matches') }}
),

review as (
    select * from {{ ref('int_review_queue') }}
),

accounts as (
    select account_number, stripe_product_line from {{ ref('chart_of_accounts') }}
    where stripe_product_line is not null
),

paired as (
    select
        'B:' || b.stripe_id                                   as recon_id,
        b.stripe_id,
        b.stripe_object,
        e.netsuite_internal_id,
        e.netsuite_external_id,
        b.customer_id,
        b.customer_name,
        e.erp_customer_id,
        b.billed_at,
        e.posted_at,
        b.billing_month,
        e.posting_period,
        coalesce(e.account_number, a.account_number)          as account_number,
        b.product_line,
        b.billing_amount,
        e.ledger_amount,
        m.match_method,
        false                                                 as is_duplicate_in_erp,
        false                                                 as is_missing_in_billing,
        m.stripe_id is null and r.record_key is not null      as is_needs_review
    from billing as b
    left join matches as m on m.stripe_id = b.stripe_id
    left join erp as e on e.netsuite_internal_id = m.netsuite_internal_id
    left join accounts as a on a.stripe_product_line = b.product_line
    left join review as r on r.side = 'billing' and r.record_key = b.stripe_id
),

erp_only as (
    select
        'E:' || cast(e.netsuite_internal_id as varchar)       as recon_id,
        dup.stripe_id,
        dup.stripe_object,
        e.netsuite_internal_id,
        e.netsuite_external_id,
        dup.customer_id,
        dup.customer_name,
        e.erp_customer_id,
        dup.billed_at,
        e.posted_at,
        dup.billing_month,
        e.posting_period,
        e.account_number,
        dup.product_line,
        cast(null as decimal(19,4))                           as billing_amount,
        e.ledger_amount,
        cast(null as varchar)                                 as match_method,
        coalesce(e.posting_rank > 1, false)                   as is_duplicate_in_erp,
        coalesce(e.posting_rank, 1) = 1 and r.record_key is null as is_missing_in_billing,
        coalesce(e.posting_rank, 1) = 1 and r.record_key is not null as is_needs_review
    from erp as e
    -- a pure equality keeps this a hash join (a side condition in ON turns it into a nested loop)
    -- only the few double-posted ids are looked up, so the join's build side is tiny instead of every Stripe row
    left join (
        select * from billing
        where stripe_id in (select netsuite_external_id from erp where posting_rank > 1)
    ) as dup on dup.stripe_id = case when e.posting_rank > 1 then e.netsuite_external_id end
    left join review as r on r.side = 'erp' and r.record_key = cast(e.netsuite_internal_id as varchar)
    where not exists (select 1 from matches as m where m.netsuite_internal_id = e.netsuite_internal_id)
),

unioned as (
    select * from paired
    union all
    select * from erp_only
),

flagged as (
    select
        *,
        {{ money('coalesce(billing_amount, 0) - coalesce(ledger_amount, 0)') }}          as variance,
        cast({{ datediff('hour', 'billed_at', 'posted_at') }} as integer)                 as drift_hours,
        billing_amount is not null and match_method is null and not is_needs_review       as is_missing_in_erp,
        match_method is not null and billing_amount <> ledger_amount                      as is_amount_mismatch,
        match_method is not null
            and abs({{ datediff('hour', 'billed_at', 'posted_at') }}) >= {{ var('timing_drift_hours') }} as is_timing_drift,
        match_method is not null and (match_method <> 'exact_id' or customer_id <> erp_customer_id) as is_metadata_mismatch
    from unioned
),

classified as (
    select
        *,
        is_timing_drift and date_trunc('month', billed_at) <> date_trunc('month', posted_at) as is_cutoff_risk,
        case
            when is_duplicate_in_erp then 'duplicate_in_erp'
            when is_missing_in_billing then 'missing_in_billing'
            when is_needs_review then 'needs_review'
            when is_missing_in_erp then 'missing_in_erp'
            when is_amount_mismatch then 'amount_mismatch'
            when is_metadata_mismatch then 'metadata_mismatch'
            when is_timing_drift then 'timing_drift'
            else 'perfect_match'
        end as anomaly_type
    from flagged
)

select
    recon_id,
    stripe_id,
    stripe_object,
    netsuite_internal_id,
    netsuite_external_id,
    customer_id,
    customer_name,
    erp_customer_id,
    billed_at,
    posted_at,
    cast(coalesce(billed_at, posted_at) as date)                                          as transaction_date,
    coalesce(billing_month, cast(date_trunc('month', posted_at) as date))                 as billing_month,
    posting_period,
    account_number,
    product_line,
    billing_amount,
    ledger_amount,
    variance,
    {{ money("case when anomaly_type = 'missing_in_erp' then billing_amount when anomaly_type = 'amount_mismatch' then abs(variance) else 0 end") }} as leakage_amount,
    drift_hours,
    anomaly_type = 'perfect_match'                                                        as is_perfect_match,
    is_missing_in_erp,
    is_missing_in_billing,
    is_amount_mismatch,
    is_timing_drift,
    is_cutoff_risk,
    is_metadata_mismatch,
    is_duplicate_in_erp,
    is_needs_review,
    match_method,
    anomaly_type,
    case anomaly_type
        when 'metadata_mismatch' then
            case
                when match_method = 'fuzzy' then 'missing_id'
                when customer_id <> erp_customer_id then 'wrong_customer'
                when netsuite_external_id <> trim(netsuite_external_id, ' ' || chr(9) || chr(10) || chr(13)) then 'id_whitespace'
                when lower(netsuite_external_id) = lower(stripe_id) then 'id_case'
                else 'id_prefix'
            end
        when 'timing_drift' then case when is_cutoff_risk then 'cutoff_risk' else 'within_period' end
        when 'amount_mismatch' then case when abs(variance) = 0.01 then 'rounding' else 'price_change' end
        when 'duplicate_in_erp' then 'double_posting'
        when 'missing_in_billing' then 'no_billing_record'
        when 'missing_in_erp' then 'not_posted'
        when 'needs_review' then 'ambiguous_fuzzy_match'
        else 'none'
    end                                                                                   as anomaly_detail,
    case
        when anomaly_type = 'perfect_match' then 'reconciled'
        when anomaly_type = 'needs_review' then 'needs_review'
        when anomaly_type = 'metadata_mismatch' then 'healed'
        when anomaly_type = 'timing_drift' and abs(drift_hours) <= {{ var('timing_tolerance_days') }} * 24 then 'healed'
        else 'open'
    end                                                                                   as status,
    case anomaly_type
        when 'missing_in_erp' then 'Post the missing customer payment in NetSuite (see rpt_erp_adjustments)'
        when 'amount_mismatch' then 'Post an adjusting entry for the variance (see rpt_erp_adjustments)'
        when 'duplicate_in_erp' then 'Reverse the double posting (see rpt_erp_adjustments)'
        when 'missing_in_billing' then 'Investigate: ledger line with no Stripe record; reversal proposed for approval'
        when 'metadata_mismatch' then 'Matched by the ladder; correct the externalId / customer on the NetSuite record'
        when 'timing_drift' then case when is_cutoff_risk then 'Matched; review period cut-off (posted in a later period)' else 'Matched; posted late within the period' end
        when 'needs_review' then 'Several fuzzy candidates: pick the right ledger line manually'
        else 'None'
    end                                                                                   as proposed_action
from classified
