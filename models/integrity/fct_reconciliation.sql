{{ config(contract: {enforced: true}, batch_rows: recon_batch_rows(), citus: {distributed_by: 'recon_key', colocate_with: 'stg_netsuite'}) }}
-- One row per billing or ledger record: every Stripe row (charges, invoices, refunds, disputes) with the ledger amount it
-- was reconciled against, plus every ledger line that matched nothing 1:1 (orphans, double postings, the further lines
-- of a split posting, consolidated lines). variance = billing_amount - ledger_amount, except on rows whose amount is
-- accounted on another row of the same match (a split's further lines, a consolidated line): 0 there.
-- match_method says how a pair was made; the evidence is netsuite_internal_id for a 1:1 match, and match_evidence
-- names every record used when a match used several (the lines of a split posting, the charges of a consolidated line).
-- Co-location on Citus: the big relations (stg_stripe, int_erp_postings, int_recon_matches) are joined on recon_key,
-- which each row keeps (a billing row its own, a ledger row its own); everything else read here is a small reference
-- table (fuzzy matches, the notes, the unmatched ledger lines, the chart of accounts), so the whole query runs shard by shard on the workers.
-- Only the columns used below (these CTEs are read several times, and DuckDB materializes such a CTE).
with billing as {{ inlined() }} (
    select recon_key, stripe_id, stripe_object, customer_id, customer_name, billed_at, billing_month, product_line,
           billing_amount, fee_amount, presentment_currency
    from {{ ref('stg_stripe') }}
),

erp as {{ inlined() }} (
    select recon_key, netsuite_internal_id, netsuite_external_id, erp_customer_id, posted_at, posting_period,
           account_number, ledger_amount, posting_rank
    from {{ ref('int_erp_postings') }}
),

matches as {{ inlined() }} (
    select * from {{ ref('int_recon_matches') }}
),

fuzzy as {{ inlined() }} (
    select * from {{ ref('int_fuzzy_matches') }}
),

accounts as {{ inlined() }} (
    select account_number, stripe_product_line from {{ ref('chart_of_accounts') }}
    where stripe_product_line is not null
),

billing_notes as {{ inlined() }} (
    select * from {{ ref('int_billing_notes') }}
),

erp_notes as {{ inlined() }} (
    select * from {{ ref('int_erp_notes') }}
),

unmatched_erp as {{ inlined() }} (
    select netsuite_internal_id from {{ ref('int_unmatched_erp') }}
),

paired as {{ inlined() }} (
    select
        'B:' || b.stripe_id                                   as recon_id,
        b.recon_key,
        b.stripe_id,
        b.stripe_object,
        coalesce(e.netsuite_internal_id, f.netsuite_internal_id) as netsuite_internal_id,
        coalesce(e.netsuite_external_id, f.netsuite_external_id) as netsuite_external_id,
        b.customer_id,
        b.customer_name,
        coalesce(e.erp_customer_id, f.erp_customer_id, n.c_erp_customer_id) as erp_customer_id,
        b.billed_at,
        coalesce(e.posted_at, f.posted_at, n.c_posted_at)     as posted_at,
        b.billing_month,
        coalesce(e.posting_period, f.posting_period, n.c_posting_period) as posting_period,
        coalesce(e.account_number, f.account_number, n.c_account_number, a.account_number) as account_number,
        b.product_line,
        b.billing_amount,
        {{ money("case when m.match_method = 'aggregate_id' then n.split_total when m.stripe_id is null and f.stripe_id is null and n.c_line is not null then b.billing_amount else coalesce(e.ledger_amount, f.ledger_amount) end") }} as ledger_amount,
        coalesce(m.match_method, f.match_method, case when n.c_line is not null then 'consolidated' end) as match_method,
        case
            when m.match_method = 'aggregate_id' then 'sum of ledger lines ' || n.split_line_ids
            when m.stripe_id is null and f.stripe_id is null and n.c_line is not null then 'ledger line ' || cast(n.c_line as varchar) || ' = ' || n.c_charge_ids
        end                                                   as match_evidence,
        b.fee_amount,
        b.presentment_currency,
        n.charge_month,
        n.charge_amount,
        false                                                 as is_duplicate_in_erp,
        false                                                 as is_missing_in_billing,
        m.stripe_id is null and f.stripe_id is null and n.c_line is null and n.review_reason is not null as is_needs_review,
        n.review_reason,
        false                                                 as is_accounted_elsewhere
    from billing as b
    left join matches as m on m.stripe_id = b.stripe_id {{ and_same_shard('m', 'b') }}
    left join erp as e on e.netsuite_internal_id = m.netsuite_internal_id {{ and_same_shard('e', 'm') }}
    left join fuzzy as f on f.stripe_id = b.stripe_id
    left join accounts as a on a.stripe_product_line = b.product_line
    left join billing_notes as n on n.stripe_id = b.stripe_id
),

erp_only as {{ inlined() }} (
    select
        'E:' || cast(e.netsuite_internal_id as varchar)       as recon_id,
        e.recon_key,
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
        case
            when n.charge_ids is not null then 'consolidated'
            when e.posting_rank > 1 and dup.split_line_ids is not null then 'aggregate_id'
        end                                                   as match_method,
        case
            when n.charge_ids is not null then 'charges ' || n.charge_ids
            when e.posting_rank > 1 and dup.split_line_ids is not null then 'sum of ledger lines ' || dup.split_line_ids || ' = ' || dup.stripe_id
        end                                                   as match_evidence,
        cast(null as decimal(19,4))                           as fee_amount,
        cast(null as varchar)                                 as presentment_currency,
        cast(null as date)                                    as charge_month,
        cast(null as decimal(19,4))                           as charge_amount,
        coalesce(e.posting_rank > 1 and dup.split_line_ids is null, false) as is_duplicate_in_erp,
        coalesce(e.posting_rank, 1) = 1 and n.review_reason is null and n.charge_ids is null as is_missing_in_billing,
        coalesce(e.posting_rank, 1) = 1 and n.review_reason is not null as is_needs_review,
        n.review_reason,
        n.charge_ids is not null or coalesce(e.posting_rank > 1 and dup.split_line_ids is not null, false) as is_accounted_elsewhere
    from erp as e
    -- a pure equality keeps this a hash join (a side condition in ON turns it into a nested loop)
    -- only the few ids with several lines are looked up, so the join's build side is tiny instead of every Stripe row
    left join (
        select b.*, bn.split_line_ids
        from billing as b
        -- a join against the ids with a later line (a correlated EXISTS made DuckDB keep every billing row first)
        inner join (
            select {{ shard_key('') }} netsuite_external_id from erp where posting_rank > 1
            group by {{ shard_key('') }} netsuite_external_id
        ) as later on later.netsuite_external_id = b.stripe_id {{ and_same_shard('later', 'b') }}
        left join billing_notes as bn on bn.stripe_id = b.stripe_id
    ) as dup on dup.stripe_id = case when e.posting_rank > 1 then e.netsuite_external_id end {{ and_same_shard('dup', 'e') }}
    left join erp_notes as n on n.netsuite_internal_id = e.netsuite_internal_id
    left join fuzzy as f on f.netsuite_internal_id = e.netsuite_internal_id
    -- the lines the id rungs did not pair: a further line of an id (the rungs only take an id's first line) or a
    -- first line left unmatched (int_unmatched_erp, small), instead of an anti-join against every pair
    left join unmatched_erp as u on u.netsuite_internal_id = e.netsuite_internal_id
    where f.netsuite_internal_id is null
      and (e.posting_rank > 1 or u.netsuite_internal_id is not null)
),

unioned as {{ inlined() }} (
    select * from paired
    union all
    select * from erp_only
),

flagged as {{ inlined() }} (
    select
        *,
        {{ money('case when is_accounted_elsewhere then 0 else coalesce(billing_amount, 0) - coalesce(ledger_amount, 0) end') }} as variance,
        cast({{ datediff('hour', 'billed_at', 'posted_at') }} as integer)                 as drift_hours,
        billing_amount is not null and match_method is null and not is_needs_review       as is_unposted,
        match_method is not null and billing_amount <> ledger_amount                      as amounts_differ,
        coalesce(stripe_object in ('refund', 'dispute'), false)                           as is_reversal,
        match_method is not null
            and abs({{ datediff('hour', 'billed_at', 'posted_at') }}) >= {{ var('timing_drift_hours') }} as is_timing_drift,
        match_method is not null and (match_method not in ('exact_id', 'aggregate_id', 'consolidated') or customer_id <> erp_customer_id) as is_metadata_mismatch
    from unioned
),

classified as {{ inlined() }} (
    select
        *,
        is_timing_drift and date_trunc('month', billed_at) <> date_trunc('month', posted_at) as is_cutoff_risk,
        case
            when is_duplicate_in_erp then 'duplicate_in_erp'
            when is_missing_in_billing then 'missing_in_billing'
            when is_needs_review then 'needs_review'
            when is_unposted and is_reversal then 'refund_missing_in_erp'
            when is_unposted then 'missing_in_erp'
            when match_method = 'consolidated' then 'consolidated_posting'
            when match_method = 'aggregate_id' then 'split_posting'
            when amounts_differ and fee_amount > 0 and ledger_amount = billing_amount - fee_amount then 'fee_netting'
            when amounts_differ and presentment_currency <> 'USD'
                and abs(variance) <= abs(billing_amount) * {{ var('fx_tolerance_rate') }} then 'fx_difference'
            when amounts_differ and abs(variance) < 0.01 then 'rounding_difference'
            when amounts_differ then 'amount_mismatch'
            when is_reversal then 'refund'
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
    {{ money("case when anomaly_type in ('duplicate_in_erp', 'missing_in_billing') then ledger_amount when anomaly_type = 'refund_missing_in_erp' then -variance else 0 end") }} as overstatement_amount,
    drift_hours,
    anomaly_type = 'perfect_match'                                                        as is_perfect_match,
    anomaly_type = 'missing_in_erp'                                                       as is_missing_in_erp,
    is_missing_in_billing,
    anomaly_type = 'amount_mismatch'                                                      as is_amount_mismatch,
    is_timing_drift,
    is_cutoff_risk,
    is_metadata_mismatch,
    is_duplicate_in_erp,
    is_needs_review,
    match_method,
    match_evidence,
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
        when 'needs_review' then coalesce(review_reason, 'ambiguous_fuzzy_match')
        when 'split_posting' then case when billing_amount is not null then 'split_into_lines' else 'split_line' end
        when 'consolidated_posting' then case when billing_amount is not null then 'consolidated_charge' else 'consolidated_line' end
        when 'fee_netting' then 'net_of_fees'
        when 'fx_difference' then 'within_tolerance'
        when 'rounding_difference' then 'sub_cent'
        when 'refund' then {{ reversal_detail() }}
        when 'refund_missing_in_erp' then {{ reversal_detail() }}
        else 'none'
    end                                                                                   as anomaly_detail,
    case
        when anomaly_type in ('perfect_match', 'split_posting', 'consolidated_posting', 'refund', 'rounding_difference') then 'reconciled'
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
        when 'needs_review' then case when review_reason = 'ambiguous_consolidation'
            then 'Several sets of charges add up to a ledger line: pick the right ones manually'
            else 'Several fuzzy candidates: pick the right ledger line manually' end
        when 'split_posting' then 'None: the ledger lines under this externalId add up to the charge'
        when 'consolidated_posting' then 'None: one ledger line carries several charges of this customer, to the cent'
        when 'refund' then 'None: the refund and its credit memo agree'
        when 'refund_missing_in_erp' then 'Post the credit memo for the refund in NetSuite (see rpt_erp_adjustments)'
        when 'fee_netting' then 'Gross up: book Stripe''s fee as an expense and the revenue in full (see rpt_erp_adjustments)'
        when 'fx_difference' then 'Book the exchange difference to FX gain/loss (see rpt_erp_adjustments)'
        when 'rounding_difference' then 'None: under a cent, NetSuite rounds to the cent'
        else 'None'
    end                                                                                   as proposed_action,
    recon_key
from classified
